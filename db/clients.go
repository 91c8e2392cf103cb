package db

import (
	"context"
	"strings"

	"gorm.io/gorm"

	"alliance"
)

func (db *DB) clientQuery(ctx context.Context, g *gorm.DB, f alliance.ClientFilter) *gorm.DB {
	q := scopeOf(ctx).byClient(g.Model(&clientRow{}), "clients.id")
	if len(f.Status) > 0 {
		q = q.Where("status IN ?", mapSlice(f.Status, func(s alliance.ClientStatus) string { return string(s) }))
	}
	if f.Search != nil && strings.TrimSpace(*f.Search) != "" {
		q = q.Where("name_key LIKE ? ESCAPE '!'", likePattern(*f.Search))
	}
	if f.IDs != nil {
		q = q.Where("clients.id IN ?", append([]int64{0}, f.IDs...))
	}
	return q
}

// FindClients returns a page of clients in name order.
func (db *DB) FindClients(ctx context.Context, f alliance.ClientFilter, p alliance.PageArgs) (*alliance.Page[*alliance.Client], error) {
	limit, err := p.Limit()
	if err != nil {
		return nil, err
	}
	g, done := db.reader(ctx)
	defer done()
	q, err := byName(db.clientQuery(ctx, g, f), "clients", "name_key", p.After)
	if err != nil {
		return nil, err
	}
	var rows []*clientRow
	if err := q.Limit(limit + 1).Find(&rows).Error; err != nil {
		return nil, err
	}
	return page(rows, limit, (*clientRow).domain, func(r *clientRow) string {
		return encodeCursor("clients", r.NameKey, r.ID)
	}), nil
}

// CountClients counts the clients that pass f.
func (db *DB) CountClients(ctx context.Context, f alliance.ClientFilter) (int, error) {
	var n int64
	g, done := db.reader(ctx)
	defer done()
	err := db.clientQuery(ctx, g, f).Count(&n).Error
	return int(n), err
}

// ClientsByIDs returns the clients with these ids.
func (db *DB) ClientsByIDs(ctx context.Context, ids []int64) ([]*alliance.Client, error) {
	g, done := db.reader(ctx)
	defer done()
	s := scopeOf(ctx)
	rows, err := findIn[clientRow](ctx, g, ids, func(g *gorm.DB, chunk []int64) *gorm.DB {
		return s.byClient(g.Where("id IN ?", chunk), "id")
	})
	if err != nil {
		return nil, err
	}
	return align(ids, mapSlice(rows, (*clientRow).domain), func(c *alliance.Client) int64 { return c.ID }), nil
}

// CreateClient adds a client.
func (db *DB) CreateClient(ctx context.Context, in alliance.ClientInput) (*alliance.Client, error) {
	if err := scopeOf(ctx).forbid("create clients"); err != nil {
		return nil, err
	}
	c, err := in.Client()
	if err != nil {
		return nil, err
	}
	err = db.write(ctx, func(t *tx) error {
		if err := t.unique(t.clientNamed(c.Name), 0, "name", "a client named %q already exists", c.Name); err != nil {
			return err
		}
		c.CreatedAt, c.UpdatedAt = t.now, t.now
		row := clientRowOf(c)
		if err := t.g.Create(row).Error; err != nil {
			return err
		}
		c.ID = row.ID
		t.touch(c.ID) // the first point of its history
		return t.audit(alliance.ActionCreate, alliance.EntityClient, c.ID, c.ID, nil, c)
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// UpdateClient changes a client.
func (db *DB) UpdateClient(ctx context.Context, id int64, p alliance.ClientPatch) (*alliance.Client, error) {
	var c *alliance.Client
	err := db.write(ctx, func(t *tx) error {
		var row clientRow
		if err := first(t.scope.byClient(t.forUpdate(), "id"), &row, id, "client", ""); err != nil {
			return err
		}
		before := row.domain()
		c = row.domain()
		if err := p.Apply(c); err != nil {
			return err
		}
		// The name, status and contract value are the provider's terms, not
		// the client's to change; and since names are unique across
		// clients, a refused rename would tell of another client.
		if t.scope.limited && (c.Name != before.Name || c.Status != before.Status || !c.AnnualContractValue.Equal(before.AnnualContractValue)) {
			return alliance.Errorf(alliance.EFORBIDDEN, "a token or user limited to one client cannot change its name, status or contract value")
		}
		if err := t.unique(t.clientNamed(c.Name), id, "name", "a client named %q already exists", c.Name); err != nil {
			return err
		}
		c.UpdatedAt = t.now
		if err := t.save(clientRowOf(c)); err != nil {
			return err
		}
		// Its name and contract value place its gap entries and word
		// them, the value sets its margin; industry and owner move nothing.
		if c.Name != before.Name || c.Status != before.Status || !c.AnnualContractValue.Equal(before.AnnualContractValue) {
			t.touch(id)
		}
		if (before.Status == alliance.Churned) != (c.Status == alliance.Churned) {
			// Its commitments start or stop counting in the services' sums.
			if err := t.touchServicesOfClient(id); err != nil {
				return err
			}
		}
		return t.audit(alliance.ActionUpdate, alliance.EntityClient, id, id, before, c)
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// DeleteClient removes a client and everything under it.
func (db *DB) DeleteClient(ctx context.Context, id int64) error {
	if err := scopeOf(ctx).forbid("delete clients"); err != nil {
		return err
	}
	return db.write(ctx, func(t *tx) error {
		var row clientRow
		if err := first(t.forUpdate(), &row, id, "client", ""); err != nil {
			return err
		}
		objectives, err := pluckIDs(t.g.Model(&objectiveRow{}).Where("client_id = ?", id))
		if err != nil {
			return err
		}
		cascade, err := t.requirementCascade(t.g.Model(&requirementRow{}).Where("objective_id IN (?)",
			t.g.Model(&objectiveRow{}).Select("id").Where("client_id = ?", id)))
		if err != nil {
			return err
		}
		cascade["objectives"] = objectives
		before, err := withCascade(row.domain(), cascade)
		if err != nil {
			return err
		}
		if err := t.touchServicesOfClient(id); err != nil {
			return err
		}
		if err := t.g.Delete(&clientRow{}, id).Error; err != nil {
			return err
		}
		t.touch(id) // its figures go
		return t.audit(alliance.ActionDelete, alliance.EntityClient, id, id, before, nil)
	})
}

// unique refuses a name or title that a row other than id already has: q
// selects the rows with that name (key) in the same scope.
func (t *tx) unique(q *gorm.DB, id int64, field, format string, args ...any) error {
	var n int64
	if err := q.Where("id <> ?", id).Count(&n).Error; err != nil {
		return err
	}
	if n > 0 {
		return alliance.FieldErrorf(alliance.ECONFLICT, field, format, args...)
	}
	return nil
}

// save writes every column of a row that already exists.
func (t *tx) save(row any) error {
	return t.g.Select("*").Omit("id", "created_at").Updates(row).Error
}

func (t *tx) clientNamed(name string) *gorm.DB {
	return t.g.Model(&clientRow{}).Where("name_key = ?", alliance.NameKey(name))
}
