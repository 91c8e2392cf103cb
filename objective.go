package alliance

import (
	"context"
	"time"
)

// Priority ranks requirements (and, for information, objectives).
type Priority string

// Priorities, most important first.
const (
	Must   Priority = "MUST"
	Should Priority = "SHOULD"
	Could  Priority = "COULD"
)

// Valid reports whether p is a known priority.
func (p Priority) Valid() bool { return p == Must || p == Should || p == Could }

func checkPriority(p *Priority, def Priority) (Priority, error) {
	if p == nil {
		return def, nil
	}
	if !p.Valid() {
		return "", Invalidf("priority", "unknown priority %q", *p)
	}
	return *p, nil
}

// Objective is what a client is trying to achieve.
type Objective struct {
	ID          int64     `json:"id"`
	ClientID    int64     `json:"clientId"`
	Title       string    `json:"title"`
	Description *string   `json:"description"`
	Owner       *string   `json:"owner"`
	Priority    Priority  `json:"priority"`
	CreatedAt   time.Time `json:"createdAt"`
	UpdatedAt   time.Time `json:"updatedAt"`
}

// ObjectiveInput is a new objective of a client. Priority defaults to SHOULD.
type ObjectiveInput struct {
	ClientID    int64
	Title       string
	Description *string
	Owner       *string
	Priority    *Priority
}

// Objective validates the input and returns the objective it describes.
func (in ObjectiveInput) Objective() (*Objective, error) {
	o := &Objective{ClientID: in.ClientID}
	var err error
	if o.Title, err = cleanName(in.Title, "title"); err != nil {
		return nil, err
	}
	if o.Description, err = cleanText(in.Description, "description", MaxTextLength, true); err != nil {
		return nil, err
	}
	if o.Owner, err = cleanText(in.Owner, "owner", MaxLabelLength, false); err != nil {
		return nil, err
	}
	if o.Priority, err = checkPriority(in.Priority, Should); err != nil {
		return nil, err
	}
	return o, nil
}

// ObjectivePatch changes some fields of an objective.
type ObjectivePatch struct {
	Title       Optional[string]
	Description Optional[string]
	Owner       Optional[string]
	Priority    Optional[Priority]
}

// Apply validates the patch and applies it to o.
func (p ObjectivePatch) Apply(o *Objective) error {
	if v, ok, err := required(p.Title, "title"); err != nil {
		return err
	} else if ok {
		if o.Title, err = cleanName(v, "title"); err != nil {
			return err
		}
	}
	if err := applyText(&o.Description, p.Description, "description", MaxTextLength, true); err != nil {
		return err
	}
	if err := applyText(&o.Owner, p.Owner, "owner", MaxLabelLength, false); err != nil {
		return err
	}
	if v, ok, err := required(p.Priority, "priority"); err != nil {
		return err
	} else if ok {
		if o.Priority, err = checkPriority(&v, Should); err != nil {
			return err
		}
	}
	return nil
}

// ObjectiveService manages objectives.
type ObjectiveService interface {
	// ObjectivesByIDs returns the objectives with these ids, in the same
	// order; nil where an id names no objective.
	ObjectivesByIDs(ctx context.Context, ids []int64) ([]*Objective, error)
	// ObjectivesByClientIDs returns, for each client id, its objectives in
	// title order.
	ObjectivesByClientIDs(ctx context.Context, clientIDs []int64) ([][]*Objective, error)
	CreateObjective(ctx context.Context, in ObjectiveInput) (*Objective, error)
	UpdateObjective(ctx context.Context, id int64, p ObjectivePatch) (*Objective, error)
	// DeleteObjective removes an objective with its requirements and their
	// commitments.
	DeleteObjective(ctx context.Context, id int64) error
}
