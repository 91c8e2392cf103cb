package db

import (
	"context"

	"gorm.io/gorm"

	"alliance"
)

// CommitmentsByIDs returns the commitments with these ids.
func (db *DB) CommitmentsByIDs(ctx context.Context, ids []int64) ([]*alliance.Commitment, error) {
	g, done := db.reader(ctx)
	defer done()
	s := scopeOf(ctx)
	rows, err := findIn[commitmentRow](ctx, g, ids, func(g *gorm.DB, chunk []int64) *gorm.DB {
		return s.byRequirement(g.Where("id IN ?", chunk), "requirement_id")
	})
	if err != nil {
		return nil, err
	}
	return align(ids, mapSlice(rows, (*commitmentRow).domain), func(c *alliance.Commitment) int64 { return c.ID }), nil
}

// CommitmentsByRequirementIDs returns the commitments of each requirement,
// ordered by service name.
func (db *DB) CommitmentsByRequirementIDs(ctx context.Context, requirementIDs []int64) ([][]*alliance.Commitment, error) {
	g, done := db.reader(ctx)
	defer done()
	s := scopeOf(ctx)
	rows, err := findIn[commitmentRow](ctx, g, requirementIDs, func(g *gorm.DB, chunk []int64) *gorm.DB {
		q := g.Select("commitments.*").Joins("JOIN services s ON s.id = commitments.service_id").
			Where("commitments.requirement_id IN ?", chunk)
		return s.byRequirement(q, "commitments.requirement_id").Order("s.name_key").Order("commitments.id")
	})
	if err != nil {
		return nil, err
	}
	return group(requirementIDs, mapSlice(rows, (*commitmentRow).domain), func(c *alliance.Commitment) int64 { return c.RequirementID }), nil
}

// CommitmentsByServiceIDs returns the commitments of each service, ordered by
// client name, objective title and requirement title.
func (db *DB) CommitmentsByServiceIDs(ctx context.Context, serviceIDs []int64) ([][]*alliance.Commitment, error) {
	g, done := db.reader(ctx)
	defer done()
	s := scopeOf(ctx)
	rows, err := findIn[commitmentRow](ctx, g, serviceIDs, func(g *gorm.DB, chunk []int64) *gorm.DB {
		return s.byClient(g, "c.id").Select("commitments.*").
			Joins("JOIN requirements r ON r.id = commitments.requirement_id").
			Joins("JOIN objectives o ON o.id = r.objective_id").
			Joins("JOIN clients c ON c.id = o.client_id").
			Where("commitments.service_id IN ?", chunk).
			Order("c.name_key").Order("o.title_key").Order("r.title_key").Order("commitments.id")
	})
	if err != nil {
		return nil, err
	}
	return group(serviceIDs, mapSlice(rows, (*commitmentRow).domain), func(c *alliance.Commitment) int64 { return c.ServiceID }), nil
}

// CreateCommitment commits a service to a requirement.
func (db *DB) CreateCommitment(ctx context.Context, in alliance.CommitmentInput) (*alliance.Commitment, error) {
	c, err := in.Commitment()
	if err != nil {
		return nil, err
	}
	if in.CapacityUnits != nil {
		if err := scopeOf(ctx).forbidField("capacityUnits", "set capacity units: they are the provider's"); err != nil {
			return nil, err
		}
	}
	err = db.write(ctx, func(t *tx) error {
		if err := first(t.scope.byObjective(t.forUpdate(), "objective_id"), &requirementRow{}, c.RequirementID, "requirement", "requirementId"); err != nil {
			return err
		}
		var service serviceRow
		if err := first(t.forUpdate(), &service, c.ServiceID, "service", "serviceId"); err != nil {
			return err
		}
		var n int64
		if err := t.g.Model(&commitmentRow{}).Where("requirement_id = ? AND service_id = ?", c.RequirementID, c.ServiceID).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return alliance.FieldErrorf(alliance.ECONFLICT, "serviceId", "service %q is already committed to this requirement; update that commitment instead", service.Name)
		}
		c.CreatedAt, c.UpdatedAt = t.now, t.now
		actor := t.actor
		c.CreatedBy = &actor
		row := commitmentRowOf(c)
		if err := t.g.Create(row).Error; err != nil {
			return err
		}
		c.ID = row.ID
		t.touchServices(c.ServiceID)
		if err := t.touchRequirement(c.RequirementID); err != nil {
			return err
		}
		return t.audit(alliance.ActionCreate, alliance.EntityCommitment, c.ID, t.clientOfRequirement(c.RequirementID), nil, c)
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// UpdateCommitment changes a commitment.
func (db *DB) UpdateCommitment(ctx context.Context, id int64, p alliance.CommitmentPatch) (*alliance.Commitment, error) {
	if p.CapacityUnits.Set {
		if err := scopeOf(ctx).forbidField("capacityUnits", "set capacity units: they are the provider's"); err != nil {
			return nil, err
		}
	}
	var c *alliance.Commitment
	err := db.write(ctx, func(t *tx) error {
		var row commitmentRow
		if err := first(t.scope.byRequirement(t.forUpdate(), "requirement_id"), &row, id, "commitment", ""); err != nil {
			return err
		}
		before := row.domain()
		c = row.domain()
		if err := p.Apply(c); err != nil {
			return err
		}
		c.UpdatedAt = t.now
		// Its units count in the service's sums (and so in cost shares);
		// its percent in its requirement's coverage; its note in neither.
		if c.CapacityUnits != before.CapacityUnits {
			t.touchServices(c.ServiceID)
		}
		if c.CoveragePercent != before.CoveragePercent {
			if err := t.touchRequirement(c.RequirementID); err != nil {
				return err
			}
		}
		if err := t.save(commitmentRowOf(c)); err != nil {
			return err
		}
		if err := t.reviewCommitment(before, c); err != nil {
			return err
		}
		return t.audit(alliance.ActionUpdate, alliance.EntityCommitment, id, t.clientOfRequirement(c.RequirementID), before, c)
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// DeleteCommitment removes a commitment.
func (db *DB) DeleteCommitment(ctx context.Context, id int64) error {
	return db.write(ctx, func(t *tx) error {
		var row commitmentRow
		if err := first(t.scope.byRequirement(t.forUpdate(), "requirement_id"), &row, id, "commitment", ""); err != nil {
			return err
		}
		t.touchServices(row.ServiceID)
		if err := t.touchRequirement(row.RequirementID); err != nil {
			return err
		}
		client := t.clientOfRequirement(row.RequirementID)
		if err := t.g.Delete(&commitmentRow{}, id).Error; err != nil {
			return err
		}
		return t.audit(alliance.ActionDelete, alliance.EntityCommitment, id, client, row.domain(), nil)
	})
}
