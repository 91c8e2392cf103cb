package alliance

import (
	"context"
	"time"

	"github.com/shopspring/decimal"
)

// Lifecycle is where a service stands in its life.
type Lifecycle string

// Lifecycles, in the order a service goes through them.
const (
	Planned  Lifecycle = "PLANNED"
	Live     Lifecycle = "LIVE"
	Retiring Lifecycle = "RETIRING"
	Retired  Lifecycle = "RETIRED"
)

// Valid reports whether l is a known lifecycle.
func (l Lifecycle) Valid() bool {
	return l == Planned || l == Live || l == Retiring || l == Retired
}

// Service is an IT service the provider runs. Its designed levels are what it
// is built and staffed to deliver. Capacity, when set, is how many commitment
// units it can carry.
type Service struct {
	ID             int64           `json:"id"`
	Name           string          `json:"name"`
	Description    *string         `json:"description"`
	OwnerTeam      *string         `json:"ownerTeam"`
	Lifecycle      Lifecycle       `json:"lifecycle"`
	MonthlyCost    decimal.Decimal `json:"monthlyCost"`
	Capacity       *int            `json:"capacity"`
	DesignedLevels []Level         `json:"designedLevels"`
	CreatedAt      time.Time       `json:"createdAt"`
	UpdatedAt      time.Time       `json:"updatedAt"`
}

// ServiceInput is a new service. Lifecycle defaults to LIVE and the monthly
// cost to zero.
type ServiceInput struct {
	Name           string
	Description    *string
	OwnerTeam      *string
	Lifecycle      *Lifecycle
	MonthlyCost    *decimal.Decimal
	Capacity       *int
	DesignedLevels []Level
}

// Service validates the input and returns the service it describes.
func (in ServiceInput) Service() (*Service, error) {
	s := &Service{Lifecycle: Live}
	var err error
	if s.Name, err = cleanName(in.Name, "name"); err != nil {
		return nil, err
	}
	if s.Description, err = cleanText(in.Description, "description", MaxTextLength, true); err != nil {
		return nil, err
	}
	if s.OwnerTeam, err = cleanText(in.OwnerTeam, "ownerTeam", MaxLabelLength, false); err != nil {
		return nil, err
	}
	if in.Lifecycle != nil {
		if s.Lifecycle, err = checkLifecycle(*in.Lifecycle); err != nil {
			return nil, err
		}
	}
	if in.MonthlyCost != nil {
		if err := checkMoney(*in.MonthlyCost, "monthlyCost"); err != nil {
			return nil, err
		}
		s.MonthlyCost = *in.MonthlyCost
	}
	if s.Capacity, err = checkCapacity(in.Capacity); err != nil {
		return nil, err
	}
	if s.DesignedLevels, err = validateLevels(in.DesignedLevels, "designedLevels"); err != nil {
		return nil, err
	}
	return s, nil
}

func checkLifecycle(l Lifecycle) (Lifecycle, error) {
	if !l.Valid() {
		return "", Invalidf("lifecycle", "unknown lifecycle %q", l)
	}
	return l, nil
}

func checkCapacity(c *int) (*int, error) {
	if c != nil && (*c < 0 || *c > MaxCapacity) {
		return nil, Invalidf("capacity", "capacity must be between 0 and %d", MaxCapacity)
	}
	return c, nil
}

// ServicePatch changes some fields of a service. DesignedLevels, when set,
// replaces the whole list.
type ServicePatch struct {
	Name           Optional[string]
	Description    Optional[string]
	OwnerTeam      Optional[string]
	Lifecycle      Optional[Lifecycle]
	MonthlyCost    Optional[decimal.Decimal]
	Capacity       Optional[int]
	DesignedLevels Optional[[]Level]
}

// Apply validates the patch and applies it to s.
func (p ServicePatch) Apply(s *Service) error {
	if v, ok, err := required(p.Name, "name"); err != nil {
		return err
	} else if ok {
		if s.Name, err = cleanName(v, "name"); err != nil {
			return err
		}
	}
	if err := applyText(&s.Description, p.Description, "description", MaxTextLength, true); err != nil {
		return err
	}
	if err := applyText(&s.OwnerTeam, p.OwnerTeam, "ownerTeam", MaxLabelLength, false); err != nil {
		return err
	}
	if v, ok, err := required(p.Lifecycle, "lifecycle"); err != nil {
		return err
	} else if ok {
		if s.Lifecycle, err = checkLifecycle(v); err != nil {
			return err
		}
	}
	if v, ok, err := required(p.MonthlyCost, "monthlyCost"); err != nil {
		return err
	} else if ok {
		if err := checkMoney(v, "monthlyCost"); err != nil {
			return err
		}
		s.MonthlyCost = v
	}
	if p.Capacity.Set {
		c, err := checkCapacity(p.Capacity.Value)
		if err != nil {
			return err
		}
		s.Capacity = c
	}
	if v, ok, err := required(p.DesignedLevels, "designedLevels"); err != nil {
		return err
	} else if ok {
		if s.DesignedLevels, err = validateLevels(v, "designedLevels"); err != nil {
			return err
		}
	}
	return nil
}

// ServiceFilter narrows a list of services.
type ServiceFilter struct {
	Lifecycle []Lifecycle
	// Search keeps services whose name contains it, ignoring case.
	Search *string
}

// ServiceService manages the service catalog.
type ServiceService interface {
	// FindServices returns a page of services in name order.
	FindServices(ctx context.Context, f ServiceFilter, p PageArgs) (*Page[*Service], error)
	CountServices(ctx context.Context, f ServiceFilter) (int, error)
	// ServicesByIDs returns the services with these ids, with their designed
	// levels, in the same order; nil where an id names no service.
	ServicesByIDs(ctx context.Context, ids []int64) ([]*Service, error)
	CreateService(ctx context.Context, in ServiceInput) (*Service, error)
	UpdateService(ctx context.Context, id int64, p ServicePatch) (*Service, error)
	// DeleteService removes a service with its commitments and measurements.
	DeleteService(ctx context.Context, id int64) error
}
