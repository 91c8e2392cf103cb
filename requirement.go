package alliance

import (
	"context"
	"time"
)

// Requirement is what a client needs from IT for one objective. Its targets
// are the service levels it was promised; a requirement without targets is
// functional.
type Requirement struct {
	ID          int64     `json:"id"`
	ObjectiveID int64     `json:"objectiveId"`
	Title       string    `json:"title"`
	Description *string   `json:"description"`
	Priority    Priority  `json:"priority"`
	Targets     []Level   `json:"targets"`
	CreatedAt   time.Time `json:"createdAt"`
	UpdatedAt   time.Time `json:"updatedAt"`
}

// RequirementInput is a new requirement of an objective. Priority defaults to
// SHOULD.
type RequirementInput struct {
	ObjectiveID int64
	Title       string
	Description *string
	Priority    *Priority
	Targets     []Level
}

// Requirement validates the input and returns the requirement it describes.
func (in RequirementInput) Requirement() (*Requirement, error) {
	r := &Requirement{ObjectiveID: in.ObjectiveID}
	var err error
	if r.Title, err = cleanName(in.Title, "title"); err != nil {
		return nil, err
	}
	if r.Description, err = cleanText(in.Description, "description", MaxTextLength, true); err != nil {
		return nil, err
	}
	if r.Priority, err = checkPriority(in.Priority, Should); err != nil {
		return nil, err
	}
	if r.Targets, err = validateLevels(in.Targets, "targets"); err != nil {
		return nil, err
	}
	return r, nil
}

// RequirementPatch changes some fields of a requirement. Targets, when set,
// replaces the whole list.
type RequirementPatch struct {
	Title       Optional[string]
	Description Optional[string]
	Priority    Optional[Priority]
	Targets     Optional[[]Level]
}

// Apply validates the patch and applies it to r.
func (p RequirementPatch) Apply(r *Requirement) error {
	if v, ok, err := required(p.Title, "title"); err != nil {
		return err
	} else if ok {
		if r.Title, err = cleanName(v, "title"); err != nil {
			return err
		}
	}
	if err := applyText(&r.Description, p.Description, "description", MaxTextLength, true); err != nil {
		return err
	}
	if v, ok, err := required(p.Priority, "priority"); err != nil {
		return err
	} else if ok {
		if r.Priority, err = checkPriority(&v, Should); err != nil {
			return err
		}
	}
	if v, ok, err := required(p.Targets, "targets"); err != nil {
		return err
	} else if ok {
		if r.Targets, err = validateLevels(v, "targets"); err != nil {
			return err
		}
	}
	return nil
}

// RequirementService manages requirements.
type RequirementService interface {
	// RequirementsByIDs returns the requirements with these ids, with their
	// targets, in the same order; nil where an id names no requirement.
	RequirementsByIDs(ctx context.Context, ids []int64) ([]*Requirement, error)
	// RequirementsByObjectiveIDs returns, for each objective id, its
	// requirements in title order.
	RequirementsByObjectiveIDs(ctx context.Context, objectiveIDs []int64) ([][]*Requirement, error)
	CreateRequirement(ctx context.Context, in RequirementInput) (*Requirement, error)
	UpdateRequirement(ctx context.Context, id int64, p RequirementPatch) (*Requirement, error)
	// DeleteRequirement removes a requirement with its commitments.
	DeleteRequirement(ctx context.Context, id int64) error
}
