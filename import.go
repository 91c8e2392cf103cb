package alliance

import "context"

// ImportState is the whole map as an import reads it to match rows by their
// natural keys: every client, objective, requirement (with targets),
// service (with designed levels), commitment and measurement, and the
// metric catalog.
type ImportState struct {
	Metrics      []*Metric
	Clients      []*Client
	Objectives   []*Objective
	Requirements []*Requirement
	Services     []*Service
	Commitments  []*Commitment
	Measurements []*Measurement
}

// Change is one row an import creates (Before nil), updates (both set) or
// removes (After nil). A created row whose parent is created by the same
// import refers to it by a negative id, the parent's provisional ID, which
// the store replaces by the id it is given.
type Change[T any] struct {
	Before *T
	After  *T
}

// ImportChanges is everything one import writes, parents before children.
// ID names the import: every audit entry it writes carries it as its request
// id.
type ImportChanges struct {
	ID           string
	Clients      []Change[Client]
	Objectives   []Change[Objective]
	Requirements []Change[Requirement]
	Services     []Change[Service]
	Commitments  []Change[Commitment]
	Measurements []Change[Measurement]
	// Progress, when set, is told how many rows are written out of how
	// many, now and then.
	Progress func(done, total int)
}

// Size is the number of rows the changes write.
func (c *ImportChanges) Size() int {
	return len(c.Clients) + len(c.Objectives) + len(c.Requirements) + len(c.Services) + len(c.Commitments) + len(c.Measurements)
}

// ImportStore is what an import needs of the system of record.
type ImportStore interface {
	// ImportState reads the whole map (what the caller may see of it).
	ImportState(ctx context.Context) (*ImportState, error)
	// Import runs plan over the state in one write transaction and writes
	// the changes it returns: all of them, or none when plan or a write
	// fails. The stored figures are brought up to date in the same
	// transaction.
	Import(ctx context.Context, plan func(*ImportState) (*ImportChanges, error)) error
}
