package alliance

import (
	"context"
	"time"

	"github.com/shopspring/decimal"
)

// ClientStatus is where a client stands commercially.
type ClientStatus string

// Client statuses.
const (
	Prospect ClientStatus = "PROSPECT"
	Active   ClientStatus = "ACTIVE"
	Churned  ClientStatus = "CHURNED"
)

// Valid reports whether s is a known status.
func (s ClientStatus) Valid() bool { return s == Prospect || s == Active || s == Churned }

// Client is a customer account.
type Client struct {
	ID                  int64           `json:"id"`
	Name                string          `json:"name"`
	Industry            *string         `json:"industry"`
	AccountOwner        *string         `json:"accountOwner"`
	Status              ClientStatus    `json:"status"`
	AnnualContractValue decimal.Decimal `json:"annualContractValue"`
	CreatedAt           time.Time       `json:"createdAt"`
	UpdatedAt           time.Time       `json:"updatedAt"`
}

// ClientInput is a new client. Status defaults to ACTIVE and the contract
// value to zero.
type ClientInput struct {
	Name                string
	Industry            *string
	AccountOwner        *string
	Status              *ClientStatus
	AnnualContractValue *decimal.Decimal
}

// Client validates the input and returns the client it describes.
func (in ClientInput) Client() (*Client, error) {
	c := &Client{Status: Active}
	var err error
	if c.Name, err = cleanName(in.Name, "name"); err != nil {
		return nil, err
	}
	if c.Industry, err = cleanText(in.Industry, "industry", MaxLabelLength, false); err != nil {
		return nil, err
	}
	if c.AccountOwner, err = cleanText(in.AccountOwner, "accountOwner", MaxLabelLength, false); err != nil {
		return nil, err
	}
	if in.Status != nil {
		if !in.Status.Valid() {
			return nil, Invalidf("status", "unknown status %q", *in.Status)
		}
		c.Status = *in.Status
	}
	if in.AnnualContractValue != nil {
		if err := checkMoney(*in.AnnualContractValue, "annualContractValue"); err != nil {
			return nil, err
		}
		c.AnnualContractValue = *in.AnnualContractValue
	}
	return c, nil
}

// ClientPatch changes some fields of a client.
type ClientPatch struct {
	Name                Optional[string]
	Industry            Optional[string]
	AccountOwner        Optional[string]
	Status              Optional[ClientStatus]
	AnnualContractValue Optional[decimal.Decimal]
}

// Apply validates the patch and applies it to c.
func (p ClientPatch) Apply(c *Client) error {
	if v, ok, err := required(p.Name, "name"); err != nil {
		return err
	} else if ok {
		if c.Name, err = cleanName(v, "name"); err != nil {
			return err
		}
	}
	if err := applyText(&c.Industry, p.Industry, "industry", MaxLabelLength, false); err != nil {
		return err
	}
	if err := applyText(&c.AccountOwner, p.AccountOwner, "accountOwner", MaxLabelLength, false); err != nil {
		return err
	}
	if v, ok, err := required(p.Status, "status"); err != nil {
		return err
	} else if ok {
		if !v.Valid() {
			return Invalidf("status", "unknown status %q", v)
		}
		c.Status = v
	}
	if v, ok, err := required(p.AnnualContractValue, "annualContractValue"); err != nil {
		return err
	} else if ok {
		if err := checkMoney(v, "annualContractValue"); err != nil {
			return err
		}
		c.AnnualContractValue = v
	}
	return nil
}

// applyText applies a patch to an optional text: null or an empty text clears it.
func applyText(dst **string, o Optional[string], field string, max int, multiline bool) error {
	if !o.Set {
		return nil
	}
	v, err := cleanText(o.Value, field, max, multiline)
	if err != nil {
		return err
	}
	*dst = v
	return nil
}

// ClientFilter narrows a list of clients.
type ClientFilter struct {
	Status []ClientStatus
	// Search keeps clients whose name contains it, ignoring case.
	Search *string
	// IDs, when set, keeps only these clients (a token limited to a client
	// sees that one).
	IDs []int64
}

// ClientService manages clients.
type ClientService interface {
	// FindClients returns a page of clients in name order.
	FindClients(ctx context.Context, f ClientFilter, p PageArgs) (*Page[*Client], error)
	CountClients(ctx context.Context, f ClientFilter) (int, error)
	// ClientsByIDs returns the clients with these ids, in the same order; nil
	// where an id names no client.
	ClientsByIDs(ctx context.Context, ids []int64) ([]*Client, error)
	CreateClient(ctx context.Context, in ClientInput) (*Client, error)
	UpdateClient(ctx context.Context, id int64, p ClientPatch) (*Client, error)
	// DeleteClient removes a client with its objectives, their requirements
	// and their commitments.
	DeleteClient(ctx context.Context, id int64) error
}
