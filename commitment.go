package alliance

import (
	"context"
	"time"
)

// Commitment says that a service meets (part of) a requirement.
// CoveragePercent is the part it covers; CapacityUnits is how much of the
// service's capacity it takes.
type Commitment struct {
	ID              int64     `json:"id"`
	RequirementID   int64     `json:"requirementId"`
	ServiceID       int64     `json:"serviceId"`
	CoveragePercent int       `json:"coveragePercent"`
	CapacityUnits   int       `json:"capacityUnits"`
	Note            *string   `json:"note"`
	CreatedAt       time.Time `json:"createdAt"`
	CreatedBy       *string   `json:"createdBy"`
	UpdatedAt       time.Time `json:"updatedAt"`
}

// CommitmentInput is a new commitment. Coverage defaults to 100 percent and
// capacity units to 1.
type CommitmentInput struct {
	RequirementID   int64
	ServiceID       int64
	CoveragePercent *int
	CapacityUnits   *int
	Note            *string
}

// Commitment validates the input and returns the commitment it describes.
func (in CommitmentInput) Commitment() (*Commitment, error) {
	c := &Commitment{RequirementID: in.RequirementID, ServiceID: in.ServiceID, CoveragePercent: 100, CapacityUnits: 1}
	var err error
	if in.CoveragePercent != nil {
		if c.CoveragePercent, err = checkCoverage(*in.CoveragePercent); err != nil {
			return nil, err
		}
	}
	if in.CapacityUnits != nil {
		if c.CapacityUnits, err = checkUnits(*in.CapacityUnits); err != nil {
			return nil, err
		}
	}
	if c.Note, err = cleanText(in.Note, "note", MaxTextLength, true); err != nil {
		return nil, err
	}
	return c, nil
}

func checkCoverage(p int) (int, error) {
	if p < MinCoveragePct || p > MaxCoveragePct {
		return 0, Invalidf("coveragePercent", "coveragePercent must be between %d and %d (got %d)", MinCoveragePct, MaxCoveragePct, p)
	}
	return p, nil
}

func checkUnits(u int) (int, error) {
	if u < 1 || u > MaxCapacityUnits {
		return 0, Invalidf("capacityUnits", "capacityUnits must be between 1 and %d (got %d)", MaxCapacityUnits, u)
	}
	return u, nil
}

// CommitmentPatch changes some fields of a commitment. Its requirement and
// service cannot change: delete it and commit anew.
type CommitmentPatch struct {
	CoveragePercent Optional[int]
	CapacityUnits   Optional[int]
	Note            Optional[string]
}

// Apply validates the patch and applies it to c.
func (p CommitmentPatch) Apply(c *Commitment) error {
	if v, ok, err := required(p.CoveragePercent, "coveragePercent"); err != nil {
		return err
	} else if ok {
		if c.CoveragePercent, err = checkCoverage(v); err != nil {
			return err
		}
	}
	if v, ok, err := required(p.CapacityUnits, "capacityUnits"); err != nil {
		return err
	} else if ok {
		if c.CapacityUnits, err = checkUnits(v); err != nil {
			return err
		}
	}
	return applyText(&c.Note, p.Note, "note", MaxTextLength, true)
}

// CommitmentService manages commitments.
type CommitmentService interface {
	// CommitmentsByIDs returns the commitments with these ids, in the same
	// order; nil where an id names no commitment.
	CommitmentsByIDs(ctx context.Context, ids []int64) ([]*Commitment, error)
	// CommitmentsByRequirementIDs returns, for each requirement id, its
	// commitments ordered by service name.
	CommitmentsByRequirementIDs(ctx context.Context, requirementIDs []int64) ([][]*Commitment, error)
	// CommitmentsByServiceIDs returns, for each service id, its commitments
	// ordered by client name, objective title and requirement title.
	CommitmentsByServiceIDs(ctx context.Context, serviceIDs []int64) ([][]*Commitment, error)
	CreateCommitment(ctx context.Context, in CommitmentInput) (*Commitment, error)
	UpdateCommitment(ctx context.Context, id int64, p CommitmentPatch) (*Commitment, error)
	DeleteCommitment(ctx context.Context, id int64) error
}
