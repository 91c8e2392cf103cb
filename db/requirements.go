package db

import (
	"context"

	"gorm.io/gorm"

	"alliance"
)

// withTargets converts requirement rows and loads their targets, in one
// statement for all of them.
func (db *DB) withTargets(ctx context.Context, g *gorm.DB, rows []*requirementRow) ([]*alliance.Requirement, error) {
	ids := mapSlice(rows, func(r *requirementRow) int64 { return r.ID })
	levels, err := loadLevels(ctx, g, targetsTable, ids)
	if err != nil {
		return nil, err
	}
	out := make([]*alliance.Requirement, len(rows))
	for i, r := range rows {
		out[i] = r.domain()
		if l := levels[r.ID]; l != nil {
			out[i].Targets = l
		}
	}
	return out, nil
}

// RequirementsByIDs returns the requirements with these ids and their targets.
func (db *DB) RequirementsByIDs(ctx context.Context, ids []int64) ([]*alliance.Requirement, error) {
	g, done := db.reader(ctx)
	defer done()
	s := scopeOf(ctx)
	rows, err := findIn[requirementRow](ctx, g, ids, func(g *gorm.DB, chunk []int64) *gorm.DB {
		return s.byObjective(g.Where("id IN ?", chunk), "objective_id")
	})
	if err != nil {
		return nil, err
	}
	reqs, err := db.withTargets(ctx, g, rows)
	if err != nil {
		return nil, err
	}
	return align(ids, reqs, func(r *alliance.Requirement) int64 { return r.ID }), nil
}

// RequirementsByObjectiveIDs returns the requirements of each objective in
// title order.
func (db *DB) RequirementsByObjectiveIDs(ctx context.Context, objectiveIDs []int64) ([][]*alliance.Requirement, error) {
	g, done := db.reader(ctx)
	defer done()
	s := scopeOf(ctx)
	rows, err := findIn[requirementRow](ctx, g, objectiveIDs, func(g *gorm.DB, chunk []int64) *gorm.DB {
		return s.byObjective(g.Where("objective_id IN ?", chunk), "objective_id").Order("title_key").Order("id")
	})
	if err != nil {
		return nil, err
	}
	reqs, err := db.withTargets(ctx, g, rows)
	if err != nil {
		return nil, err
	}
	return group(objectiveIDs, reqs, func(r *alliance.Requirement) int64 { return r.ObjectiveID }), nil
}

// CreateRequirement adds a requirement to an objective.
func (db *DB) CreateRequirement(ctx context.Context, in alliance.RequirementInput) (*alliance.Requirement, error) {
	r, err := in.Requirement()
	if err != nil {
		return nil, err
	}
	err = db.write(ctx, func(t *tx) error {
		if err := first(t.scope.byClient(t.forUpdate(), "client_id"), &objectiveRow{}, r.ObjectiveID, "objective", "objectiveId"); err != nil {
			return err
		}
		if err := t.checkLevels(r.Targets, "targets"); err != nil {
			return err
		}
		if err := t.unique(t.requirementTitled(r.ObjectiveID, r.Title), 0, "title", "this objective already has a requirement titled %q", r.Title); err != nil {
			return err
		}
		r.CreatedAt, r.UpdatedAt = t.now, t.now
		row := requirementRowOf(r)
		if err := t.g.Create(row).Error; err != nil {
			return err
		}
		r.ID = row.ID
		if err := t.touchObjective(r.ObjectiveID); err != nil {
			return err
		}
		r.Targets = sortLevels(r.Targets)
		if err := t.replaceLevels(targetsTable, r.ID, r.Targets); err != nil {
			return err
		}
		return t.audit(alliance.ActionCreate, alliance.EntityRequirement, r.ID, t.clientOfObjective(r.ObjectiveID), nil, r)
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// UpdateRequirement changes a requirement.
func (db *DB) UpdateRequirement(ctx context.Context, id int64, p alliance.RequirementPatch) (*alliance.Requirement, error) {
	var r *alliance.Requirement
	err := db.write(ctx, func(t *tx) error {
		before, err := t.loadRequirement(id)
		if err != nil {
			return err
		}
		cp := *before
		r = &cp
		if err := p.Apply(r); err != nil {
			return err
		}
		if p.Targets.Set {
			if err := t.checkLevels(r.Targets, "targets"); err != nil {
				return err
			}
		}
		if err := t.unique(t.requirementTitled(r.ObjectiveID, r.Title), id, "title", "this objective already has a requirement titled %q", r.Title); err != nil {
			return err
		}
		r.UpdatedAt = t.now
		// Its description moves no figure.
		if r.Title != before.Title || r.Priority != before.Priority || p.Targets.Set {
			if err := t.touchObjective(r.ObjectiveID); err != nil {
				return err
			}
		}
		if err := t.save(requirementRowOf(r)); err != nil {
			return err
		}
		if p.Targets.Set {
			r.Targets = sortLevels(r.Targets)
			if err := t.replaceLevels(targetsTable, id, r.Targets); err != nil {
				return err
			}
			if err := t.reviewTargets(id, before.Targets, r.Targets); err != nil {
				return err
			}
		}
		return t.audit(alliance.ActionUpdate, alliance.EntityRequirement, id, t.clientOfObjective(r.ObjectiveID), before, r)
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// DeleteRequirement removes a requirement with its commitments.
func (db *DB) DeleteRequirement(ctx context.Context, id int64) error {
	return db.write(ctx, func(t *tx) error {
		r, err := t.loadRequirement(id)
		if err != nil {
			return err
		}
		commitments, err := pluckIDs(t.g.Model(&commitmentRow{}).Where("requirement_id = ?", id))
		if err != nil {
			return err
		}
		before, err := withCascade(r, map[string][]int64{"commitments": commitments})
		if err != nil {
			return err
		}
		if err := t.touchObjective(r.ObjectiveID); err != nil {
			return err
		}
		if err := t.touchServicesWhere(t.g.Table("commitments").Where("requirement_id = ?", id)); err != nil {
			return err
		}
		client := t.clientOfObjective(r.ObjectiveID)
		if err := t.g.Delete(&requirementRow{}, id).Error; err != nil {
			return err
		}
		return t.audit(alliance.ActionDelete, alliance.EntityRequirement, id, client, before, nil)
	})
}

func (t *tx) requirementTitled(objectiveID int64, title string) *gorm.DB {
	return t.g.Model(&requirementRow{}).Where("objective_id = ? AND title_key = ?", objectiveID, alliance.NameKey(title))
}

// loadRequirement reads a requirement and its targets for a change.
func (t *tx) loadRequirement(id int64) (*alliance.Requirement, error) {
	var row requirementRow
	if err := first(t.scope.byObjective(t.forUpdate(), "objective_id"), &row, id, "requirement", ""); err != nil {
		return nil, err
	}
	levels, err := loadLevels(t.ctx, t.g, targetsTable, []int64{id})
	if err != nil {
		return nil, err
	}
	r := row.domain()
	r.Targets = sortLevels(levels[id])
	return r, nil
}
