package coverage

import "alliance"

// RequirementFilter narrows the requirements list. A churned client's
// requirements are listed only when ClientID names that client.
type RequirementFilter struct {
	ClientID *int64
	Status   []Status
	Priority []alliance.Priority
	// Search keeps requirements whose title contains it, ignoring case.
	Search *string
	// StaleEvidence, when set, keeps the requirements that have (true) or
	// have not (false) a commitment whose evidence is stale.
	StaleEvidence *bool
}

// GapFilter narrows the gap list.
type GapFilter struct {
	Kinds    []GapKind
	ClientID *int64
}

// Client order fields.
const (
	OrderByName                = "NAME"
	OrderByAnnualContractValue = "ANNUAL_CONTRACT_VALUE"
	OrderByScore               = "SCORE"
	OrderByMonthlyMargin       = "MONTHLY_MARGIN"
)

// ClientOrder orders the client list by a field, ascending or not. Clients
// without a score come last either way; ties go by name.
type ClientOrder struct {
	Field string
	Desc  bool
}
