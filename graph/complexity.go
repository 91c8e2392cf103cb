package graph

import (
	"context"
	"strconv"

	"github.com/99designs/gqlgen/graphql"

	"alliance"
	"alliance/coverage"
	"alliance/graph/model"
)

// Estimated sizes of the lists that take no page size, for the cost of a
// query: a list costs its size times the cost of each element.
const (
	perClient      = 10 // objectives of a client
	perObjective   = 10 // requirements of an objective
	perRequirement = 5  // commitments, targets, shortfalls of a requirement
	perService     = 50 // commitments of a service
	perCatalog     = 20 // metrics, tokens, users, sessions, reports, share links, matches
	historyPoints  = 50
	// The requirements and clients a retirement changes: a service's
	// commitments, about 100 on average at 1,000 clients, but 20,000 for
	// the most committed one, whose lists are what takes its impact long.
	perImpact = 1_000
)

// What the fields whose work is more than a lookup cost on top of what they
// return, in the units of a field: their work grows with the data behind
// them, not with the fields asked for.
//
// A unit is about 5 to 10 µs: BenchmarkCostAgainstTime (server/) prints
// each field's cost against its time through the server, on a generated
// portfolio of 1,000 clients on SQLite and MariaDB, and these are set from
// it, so that no field takes more than a few times what its cost says there
// (most take less: an impact of a service with 100 commitments costs as
// much as one with 20,000).
const (
	// impact evaluates every requirement committed to the service.
	impactWork = 10_000
	// serviceMatches evaluates the whole service catalog: 230 ms of CPU at
	// 1,000 clients (2,000 services).
	matchesWork = 25_000
	// A list ordered by a figure or narrowed by a filter is a query over
	// the figures of every row it passes over.
	orderedWork  = 1_000
	filteredWork = 1_000
	// The portfolio sums the stored figures of every client: 5 ms at 1,000
	// clients.
	portfolioWork = 500
	// Searching the requirements' titles reads every one of them: 120 ms
	// on MariaDB at 1,000 clients (50,000 requirements), 17 on SQLite.
	requirementSearchWork = 5_000
)

func pageCost(child int, first *int) int {
	n := alliance.DefaultPageSize
	if first != nil {
		n = max(*first, 1)
	}
	return times(n, child)
}

func times(n, child int) int { return n * (1 + child) }

// when is n if cond holds, else 0.
func when(cond bool, n int) int {
	if cond {
		return n
	}
	return 0
}

// setComplexity makes lists cost their size.
func setComplexity(c *ComplexityRoot) {
	c.Query.Clients = func(child int, first *int, _ *string, f *alliance.ClientFilter, o *model.ClientOrder) int {
		return pageCost(child, first) + when(o != nil, orderedWork) + when(f != nil, filteredWork)
	}
	c.Query.Services = func(child int, first *int, _ *string, _ *alliance.ServiceFilter) int { return pageCost(child, first) }
	c.Query.Requirements = func(child int, first *int, _ *string, f *coverage.RequirementFilter) int {
		return pageCost(child, first) + when(f != nil, filteredWork) + when(f != nil && f.Search != nil && *f.Search != "", requirementSearchWork)
	}
	// Stale evidence is judged over every commitment, like a filter.
	c.Query.CommitmentsWithStaleEvidence = func(child int, first *int, _ *string) int {
		return pageCost(child, first) + filteredWork
	}
	c.Evidence.Metrics = func(child int) int { return times(perRequirement, child) }
	c.Query.Gaps = func(child int, first *int, _ *string, f *coverage.GapFilter) int {
		return pageCost(child, first) + when(f != nil, filteredWork)
	}
	c.Query.Impact = func(child int, _ int64) int { return impactWork + child }
	c.Query.AuditLog = func(child int, first *int, _ *string, _ *alliance.AuditFilter) int { return pageCost(child, first) }
	c.Query.Metrics = func(child int) int { return times(perCatalog, child) }
	c.Query.MeasurementSources = func(child int, _ *int64) int { return times(perCatalog, child) }
	c.Service.MeasurementSources = func(child int) int { return times(perCatalog, child) }
	c.Query.Tokens = func(child int) int { return times(perCatalog, child) }
	c.Query.Users = func(child int) int { return times(perCatalog, child) }
	c.Query.MySessions = func(child int) int { return times(perCatalog, child) }
	c.Query.MyTokens = func(child int) int { return times(perCatalog, child) }
	c.Query.Reports = func(child int) int { return times(perCatalog, child) }
	c.Query.ShareLinks = func(child int) int { return times(perCatalog, child) }
	c.Query.ServiceMatches = func(child int, _ []*alliance.Level) int { return matchesWork + times(perCatalog, child) }
	c.Client.Objectives = func(child int) int { return times(perClient, child) }
	c.Client.ScoreHistory = func(child int) int { return times(historyPoints, child) }
	c.Objective.Requirements = func(child int) int { return times(perObjective, child) }
	c.Requirement.Commitments = func(child int) int { return times(perRequirement, child) }
	c.Requirement.Targets = func(child int) int { return times(perRequirement, child) }
	c.RequirementCoverage.Shortfalls = func(child int) int { return times(perRequirement, child) }
	c.Service.Commitments = func(child int) int { return times(perService, child) }
	c.Service.DesignedLevels = func(child int) int { return times(perRequirement, child) }
	c.Service.LatestMeasurements = func(child int) int { return times(perRequirement, child) }
	c.Service.Measurements = func(child int, _ *string, last *int) int {
		n := alliance.DefaultMeasurements
		if last != nil {
			n = max(*last, 1)
		}
		return times(n, child)
	}
	c.Impact.Requirements = func(child int) int { return times(perImpact, child) }
	c.Impact.Clients = func(child int) int { return times(perImpact, child) }
	c.Query.Portfolio = func(child int) int { return portfolioWork + child }
}

// countWork is what counting a list's length (totalCount) costs, whatever
// its page: the count passes over every row the list would. At 1,000
// clients, counting the 50,000 requirements (of clients not churned) takes
// 200 to 350 ms on MariaDB, 30 on SQLite; the stored gaps (19,000) and the
// 2,000 services 6 to 7 ms on MariaDB, 50,000 audit entries 13 (each under
// a millisecond on SQLite); the 1,000 clients 3.
var countWork = map[string]int{
	"RequirementConnection": 15_000,
	"AuditConnection":       1_000,
	"GapConnection":         500,
	"ServiceConnection":     500,
	"ClientConnection":      100,
}

// costed is an executable schema whose costs are the ones the limits charge
// per field: the complexity functions of setComplexity, with each counted
// list's totalCount costing 1 like any field. A count's work is charged once
// for each totalCount the document selects, on top of the list rather than
// with each element of its page (a function of the field would be
// multiplied by the page size, so that 1,300 aliased
// requirements(first: 0) { totalCount }, 100 s of work, cost 2,600): the
// limits' walk over the document adds it (see price).
type costed struct{ graphql.ExecutableSchema }

func (s costed) Complexity(ctx context.Context, typeName, field string, child int, args map[string]any) (int, bool) {
	if _, ok := countWork[typeName]; ok && field == "totalCount" {
		return 1, true
	}
	return s.ExecutableSchema.Complexity(ctx, typeName, field, child, args)
}

// saturatingAdd adds two costs, at most to the largest int.
func saturatingAdd(a, b int) int {
	if c := a + b; c >= a {
		return c
	}
	return int(^uint(0) >> 1)
}

func itoa(n int) string { return strconv.Itoa(n) }
