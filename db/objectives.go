package db

import (
	"context"

	"gorm.io/gorm"

	"alliance"
)

// ObjectivesByIDs returns the objectives with these ids.
func (db *DB) ObjectivesByIDs(ctx context.Context, ids []int64) ([]*alliance.Objective, error) {
	g, done := db.reader(ctx)
	defer done()
	s := scopeOf(ctx)
	rows, err := findIn[objectiveRow](ctx, g, ids, func(g *gorm.DB, chunk []int64) *gorm.DB {
		return s.byClient(g.Where("id IN ?", chunk), "client_id")
	})
	if err != nil {
		return nil, err
	}
	return align(ids, mapSlice(rows, (*objectiveRow).domain), func(o *alliance.Objective) int64 { return o.ID }), nil
}

// ObjectivesByClientIDs returns the objectives of each client in title order.
func (db *DB) ObjectivesByClientIDs(ctx context.Context, clientIDs []int64) ([][]*alliance.Objective, error) {
	g, done := db.reader(ctx)
	defer done()
	s := scopeOf(ctx)
	rows, err := findIn[objectiveRow](ctx, g, clientIDs, func(g *gorm.DB, chunk []int64) *gorm.DB {
		return s.byClient(g.Where("client_id IN ?", chunk), "client_id").Order("title_key").Order("id")
	})
	if err != nil {
		return nil, err
	}
	return group(clientIDs, mapSlice(rows, (*objectiveRow).domain), func(o *alliance.Objective) int64 { return o.ClientID }), nil
}

// CreateObjective adds an objective to a client.
func (db *DB) CreateObjective(ctx context.Context, in alliance.ObjectiveInput) (*alliance.Objective, error) {
	o, err := in.Objective()
	if err != nil {
		return nil, err
	}
	err = db.write(ctx, func(t *tx) error {
		if err := first(t.scope.byClient(t.forUpdate(), "id"), &clientRow{}, o.ClientID, "client", "clientId"); err != nil {
			return err
		}
		if err := t.unique(t.objectiveTitled(o.ClientID, o.Title), 0, "title", "this client already has an objective titled %q", o.Title); err != nil {
			return err
		}
		o.CreatedAt, o.UpdatedAt = t.now, t.now
		row := objectiveRowOf(o)
		if err := t.g.Create(row).Error; err != nil {
			return err
		}
		o.ID = row.ID
		t.touch(o.ClientID)
		return t.audit(alliance.ActionCreate, alliance.EntityObjective, o.ID, o.ClientID, nil, o)
	})
	if err != nil {
		return nil, err
	}
	return o, nil
}

// UpdateObjective changes an objective.
func (db *DB) UpdateObjective(ctx context.Context, id int64, p alliance.ObjectivePatch) (*alliance.Objective, error) {
	var o *alliance.Objective
	err := db.write(ctx, func(t *tx) error {
		var row objectiveRow
		if err := first(t.scope.byClient(t.forUpdate(), "client_id"), &row, id, "objective", ""); err != nil {
			return err
		}
		before := row.domain()
		o = row.domain()
		if err := p.Apply(o); err != nil {
			return err
		}
		if err := t.unique(t.objectiveTitled(o.ClientID, o.Title), id, "title", "this client already has an objective titled %q", o.Title); err != nil {
			return err
		}
		o.UpdatedAt = t.now
		if err := t.save(objectiveRowOf(o)); err != nil {
			return err
		}
		if o.Title != before.Title { // it places and words gap entries
			t.touch(o.ClientID)
		}
		return t.audit(alliance.ActionUpdate, alliance.EntityObjective, id, o.ClientID, before, o)
	})
	if err != nil {
		return nil, err
	}
	return o, nil
}

// DeleteObjective removes an objective with its requirements and commitments.
func (db *DB) DeleteObjective(ctx context.Context, id int64) error {
	return db.write(ctx, func(t *tx) error {
		var row objectiveRow
		if err := first(t.scope.byClient(t.forUpdate(), "client_id"), &row, id, "objective", ""); err != nil {
			return err
		}
		cascade, err := t.requirementCascade(t.g.Model(&requirementRow{}).Where("objective_id = ?", id))
		if err != nil {
			return err
		}
		before, err := withCascade(row.domain(), cascade)
		if err != nil {
			return err
		}
		t.touch(row.ClientID)
		if err := t.touchServicesWhere(t.g.Table("commitments c").Joins("JOIN requirements r ON r.id = c.requirement_id").
			Where("r.objective_id = ?", id)); err != nil {
			return err
		}
		if err := t.g.Delete(&objectiveRow{}, id).Error; err != nil {
			return err
		}
		return t.audit(alliance.ActionDelete, alliance.EntityObjective, id, row.ClientID, before, nil)
	})
}

func (t *tx) objectiveTitled(clientID int64, title string) *gorm.DB {
	return t.g.Model(&objectiveRow{}).Where("client_id = ? AND title_key = ?", clientID, alliance.NameKey(title))
}

// requirementCascade returns the ids of the requirements selected by reqs and
// of their commitments: what a delete of their parent takes with it.
func (t *tx) requirementCascade(reqs *gorm.DB) (map[string][]int64, error) {
	reqIDs, err := pluckIDs(reqs.Session(&gorm.Session{}))
	if err != nil {
		return nil, err
	}
	commitments, err := pluckIDs(t.g.Model(&commitmentRow{}).Where("requirement_id IN (?)", reqs.Session(&gorm.Session{}).Select("id")))
	if err != nil {
		return nil, err
	}
	return map[string][]int64{"requirements": reqIDs, "commitments": commitments}, nil
}
