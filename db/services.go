package db

import (
	"context"
	"strings"

	"gorm.io/gorm"

	"alliance"
)

func (db *DB) serviceQuery(g *gorm.DB, f alliance.ServiceFilter) *gorm.DB {
	q := g.Model(&serviceRow{})
	if len(f.Lifecycle) > 0 {
		q = q.Where("lifecycle IN ?", mapSlice(f.Lifecycle, func(l alliance.Lifecycle) string { return string(l) }))
	}
	if f.Search != nil && strings.TrimSpace(*f.Search) != "" {
		q = q.Where("name_key LIKE ? ESCAPE '!'", likePattern(*f.Search))
	}
	return q
}

// withDesign converts service rows and loads their designed levels, in one
// statement for all of them.
func (db *DB) withDesign(ctx context.Context, g *gorm.DB, rows []*serviceRow) ([]*alliance.Service, error) {
	ids := mapSlice(rows, func(r *serviceRow) int64 { return r.ID })
	levels, err := loadLevels(ctx, g, designedTable, ids)
	if err != nil {
		return nil, err
	}
	out := make([]*alliance.Service, len(rows))
	for i, r := range rows {
		out[i] = r.domain()
		if l := levels[r.ID]; l != nil {
			out[i].DesignedLevels = l
		}
	}
	return out, nil
}

// FindServices returns a page of services in name order.
func (db *DB) FindServices(ctx context.Context, f alliance.ServiceFilter, p alliance.PageArgs) (*alliance.Page[*alliance.Service], error) {
	limit, err := p.Limit()
	if err != nil {
		return nil, err
	}
	g, done := db.reader(ctx)
	defer done()
	q, err := byName(db.serviceQuery(g, f), "services", "name_key", p.After)
	if err != nil {
		return nil, err
	}
	var rows []*serviceRow
	if err := q.Limit(limit + 1).Find(&rows).Error; err != nil {
		return nil, err
	}
	cursors := page(rows, limit, func(r *serviceRow) *serviceRow { return r }, func(r *serviceRow) string {
		return encodeCursor("services", r.NameKey, r.ID)
	})
	items, err := db.withDesign(ctx, g, cursors.Items)
	if err != nil {
		return nil, err
	}
	return &alliance.Page[*alliance.Service]{Items: items, Cursors: cursors.Cursors, HasNext: cursors.HasNext}, nil
}

// CountServices counts the services that pass f.
func (db *DB) CountServices(ctx context.Context, f alliance.ServiceFilter) (int, error) {
	var n int64
	g, done := db.reader(ctx)
	defer done()
	err := db.serviceQuery(g, f).Count(&n).Error
	return int(n), err
}

// ServicesByIDs returns the services with these ids and their designed levels.
func (db *DB) ServicesByIDs(ctx context.Context, ids []int64) ([]*alliance.Service, error) {
	g, done := db.reader(ctx)
	defer done()
	rows, err := findIn[serviceRow](ctx, g, ids, func(g *gorm.DB, chunk []int64) *gorm.DB {
		return g.Where("id IN ?", chunk)
	})
	if err != nil {
		return nil, err
	}
	services, err := db.withDesign(ctx, g, rows)
	if err != nil {
		return nil, err
	}
	return align(ids, services, func(s *alliance.Service) int64 { return s.ID }), nil
}

// CreateService adds a service to the catalog.
func (db *DB) CreateService(ctx context.Context, in alliance.ServiceInput) (*alliance.Service, error) {
	if err := scopeOf(ctx).forbid("change the service catalog"); err != nil {
		return nil, err
	}
	s, err := in.Service()
	if err != nil {
		return nil, err
	}
	err = db.write(ctx, func(t *tx) error {
		if err := t.checkLevels(s.DesignedLevels, "designedLevels"); err != nil {
			return err
		}
		if err := t.unique(t.serviceNamed(s.Name), 0, "name", "a service named %q already exists", s.Name); err != nil {
			return err
		}
		s.CreatedAt, s.UpdatedAt = t.now, t.now
		row := serviceRowOf(s)
		if err := t.g.Create(row).Error; err != nil {
			return err
		}
		s.ID = row.ID
		t.touchServices(s.ID)
		s.DesignedLevels = sortLevels(s.DesignedLevels)
		if err := t.replaceLevels(designedTable, s.ID, s.DesignedLevels); err != nil {
			return err
		}
		return t.audit(alliance.ActionCreate, alliance.EntityService, s.ID, 0, nil, s)
	})
	if err != nil {
		return nil, err
	}
	return s, nil
}

// UpdateService changes a service.
func (db *DB) UpdateService(ctx context.Context, id int64, p alliance.ServicePatch) (*alliance.Service, error) {
	if err := scopeOf(ctx).forbid("change the service catalog"); err != nil {
		return nil, err
	}
	var s *alliance.Service
	err := db.write(ctx, func(t *tx) error {
		before, err := t.loadService(id)
		if err != nil {
			return err
		}
		cp := *before
		s = &cp
		if err := p.Apply(s); err != nil {
			return err
		}
		if p.DesignedLevels.Set {
			if err := t.checkLevels(s.DesignedLevels, "designedLevels"); err != nil {
				return err
			}
		}
		if err := t.unique(t.serviceNamed(s.Name), id, "name", "a service named %q already exists", s.Name); err != nil {
			return err
		}
		s.UpdatedAt = t.now
		t.touchServices(id)
		if !s.MonthlyCost.Equal(before.MonthlyCost) || s.Lifecycle != before.Lifecycle {
			t.touchCosts(id)
		}
		// Its name, lifecycle and designed levels reach its clients'
		// coverage and sentences; capacity, cost, owner and description
		// do not.
		if s.Name != before.Name || s.Lifecycle != before.Lifecycle || p.DesignedLevels.Set {
			if err := t.touchService(id); err != nil {
				return err
			}
		}
		if err := t.save(serviceRowOf(s)); err != nil {
			return err
		}
		if p.DesignedLevels.Set {
			s.DesignedLevels = sortLevels(s.DesignedLevels)
			if err := t.replaceLevels(designedTable, id, s.DesignedLevels); err != nil {
				return err
			}
			if err := t.reviewLevels(id, s.Name, before.DesignedLevels, s.DesignedLevels); err != nil {
				return err
			}
		}
		return t.audit(alliance.ActionUpdate, alliance.EntityService, id, 0, before, s)
	})
	if err != nil {
		return nil, err
	}
	return s, nil
}

// DeleteService removes a service with its commitments and measurements.
func (db *DB) DeleteService(ctx context.Context, id int64) error {
	if err := scopeOf(ctx).forbid("change the service catalog"); err != nil {
		return err
	}
	return db.write(ctx, func(t *tx) error {
		s, err := t.loadService(id)
		if err != nil {
			return err
		}
		commitments, err := pluckIDs(t.g.Model(&commitmentRow{}).Where("service_id = ?", id))
		if err != nil {
			return err
		}
		var measurements int64
		if err := t.g.Model(&measurementRow{}).Where("service_id = ?", id).Count(&measurements).Error; err != nil {
			return err
		}
		before, err := withCascade(s, map[string][]int64{"commitments": commitments})
		if err != nil {
			return err
		}
		before["measurementsRemoved"] = measurements
		if err := t.touchService(id); err != nil {
			return err
		}
		if err := t.g.Delete(&serviceRow{}, id).Error; err != nil {
			return err
		}
		if err := t.forget("service_id", []int64{id}); err != nil {
			return err
		}
		return t.audit(alliance.ActionDelete, alliance.EntityService, id, 0, before, nil)
	})
}

// loadService reads a service and its designed levels for a change.
func (t *tx) loadService(id int64) (*alliance.Service, error) {
	var row serviceRow
	if err := first(t.forUpdate(), &row, id, "service", ""); err != nil {
		return nil, err
	}
	levels, err := loadLevels(t.ctx, t.g, designedTable, []int64{id})
	if err != nil {
		return nil, err
	}
	s := row.domain()
	s.DesignedLevels = sortLevels(levels[id])
	return s, nil
}

func (t *tx) serviceNamed(name string) *gorm.DB {
	return t.g.Model(&serviceRow{}).Where("name_key = ?", alliance.NameKey(name))
}
