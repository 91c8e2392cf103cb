package graph

import (
	"strconv"

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
	perCatalog     = 20 // metrics, tokens, users, sessions, reports, share links, matches, impact lists
	historyPoints  = 50
)

// What the fields whose work is more than a lookup cost on top of what they
// return, in the units of a field: their work grows with the data behind
// them, not with the fields asked for.
const (
	// impact evaluates every requirement committed to the service.
	impactWork = 10_000
	// serviceMatches evaluates the whole service catalog.
	matchesWork = 2_000
	// A list ordered by a figure or narrowed by a filter is a query over
	// the figures of every row it passes over.
	orderedWork  = 1_000
	filteredWork = 1_000
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
		return pageCost(child, first) + when(f != nil, filteredWork)
	}
	c.Query.Gaps = func(child int, first *int, _ *string, f *coverage.GapFilter) int {
		return pageCost(child, first) + when(f != nil, filteredWork)
	}
	c.Query.Impact = func(child int, _ int64) int { return impactWork + child }
	c.Query.AuditLog = func(child int, first *int, _ *string, _ *alliance.AuditFilter) int { return pageCost(child, first) }
	c.Query.Metrics = func(child int) int { return times(perCatalog, child) }
	c.Query.Tokens = func(child int) int { return times(perCatalog, child) }
	c.Query.Users = func(child int) int { return times(perCatalog, child) }
	c.Query.MySessions = func(child int) int { return times(perCatalog, child) }
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
	c.Impact.Requirements = func(child int) int { return times(perCatalog, child) }
	c.Impact.Clients = func(child int) int { return times(perCatalog, child) }
}

func itoa(n int) string { return strconv.Itoa(n) }
