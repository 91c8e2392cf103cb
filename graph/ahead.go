package graph

import (
	"context"
	"encoding/json"
	"strconv"
	"sync"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vikstrous/dataloadgen"

	"alliance"
	"alliance/coverage"
)

// Look-ahead. A loader batches the keys that arrive within a short window,
// but the objects of one level of a large answer are resolved by hundreds of
// goroutines that do not all reach their loader within it. So, whenever a
// batch of objects has been read, the fields the query selects on them are
// looked at, the next level is read for every key at once, here, and its
// values are put in the loaders' caches. When the children then ask, their
// values are there: the statements of a request depend on the shape of the
// query, not on the number of rows it returns nor on timing.

// prefetch reads the values of keys with a loader's fetch function and
// primes the loader with them. ctx is the field context of the child field,
// so that the fetch looks ahead in turn. Keys the look-ahead has already
// read into that loader are not read again: the services of a map's
// shortfalls are among those of its commitments, the metrics of the
// shortfalls among those of the targets.
func prefetch[K comparable, V any](ctx context.Context, ld *dataloadgen.Loader[K, V], fetch func(context.Context, []K) ([]V, []error), keys []K) {
	r := &load(ctx).read
	keys = unread(r, ld, dedupe(keys))
	if len(keys) == 0 {
		return
	}
	values, errs := fetch(ctx, keys)
	if len(errs) > 0 || len(values) != len(keys) {
		return // the children load (and report) on their own
	}
	for i, k := range keys {
		ld.Prime(k, values[i])
	}
	primed(r, ld, keys)
}

// readKeys remembers, for each loader, the keys the look-ahead has primed it
// with. Loaders live for one operation, and so does this.
type readKeys struct {
	mu   sync.Mutex
	keys map[any]map[any]struct{} // by loader
}

// unread returns the keys not yet primed into the loader ld, in their order.
func unread[K comparable](r *readKeys, ld any, keys []K) []K {
	r.mu.Lock()
	defer r.mu.Unlock()
	seen := r.keys[ld]
	if len(seen) == 0 {
		return keys
	}
	out := keys[:0:0]
	for _, k := range keys {
		if _, ok := seen[k]; !ok {
			out = append(out, k)
		}
	}
	return out
}

// primed records that keys were primed into the loader ld.
func primed[K comparable](r *readKeys, ld any, keys []K) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.keys == nil {
		r.keys = map[any]map[any]struct{}{}
	}
	seen := r.keys[ld]
	if seen == nil {
		seen = make(map[any]struct{}, len(keys))
		r.keys[ld] = seen
	}
	for _, k := range keys {
		seen[k] = struct{}{}
	}
}

func dedupe[K comparable](keys []K) []K {
	seen := make(map[K]bool, len(keys))
	out := keys[:0:0]
	for _, k := range keys {
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}

// pageArgs are the paging arguments of a list field whose connection type
// is connection, asking for no total when the query selects none.
func pageArgs(ctx context.Context, connection string, first *int, after *string) alliance.PageArgs {
	noTotal := graphql.GetFieldContext(ctx) != nil
	for _, f := range selected(ctx, connection) {
		if f.Name == "totalCount" {
			noTotal = false
		}
	}
	return alliance.PageArgs{First: first, After: after, NoTotal: noTotal, Max: pageMax(ctx)}
}

// selected returns the fields selected on objects of typeName by the field
// whose context ctx is.
func selected(ctx context.Context, typeName string) []graphql.CollectedField {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || fc.Field.Field == nil || !graphql.HasOperationContext(ctx) {
		return nil
	}
	return graphql.CollectFields(graphql.GetOperationContext(ctx), fc.Field.Selections, []string{typeName})
}

// under returns a context for the child field f of objects of typeName, so
// that the batch it starts can look ahead in turn.
func under(ctx context.Context, typeName string, f graphql.CollectedField) context.Context {
	return graphql.WithFieldContext(ctx, &graphql.FieldContext{Parent: graphql.GetFieldContext(ctx), Object: typeName, Field: f})
}

func ids[T any](items []*T, id func(*T) int64) []int64 {
	out := make([]int64, 0, len(items))
	for _, it := range items {
		if it != nil {
			out = append(out, id(it))
		}
	}
	return out
}

func flat[T any](lists [][]*T) []*T {
	var out []*T
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

func (l *loaders) aheadClients(ctx context.Context, cs []*alliance.Client) {
	figures := false // read once, whichever figures are asked for
	for _, f := range selected(ctx, "Client") {
		switch f.Name {
		case "score", "statusCounts", "monthlyCostToServe", "monthlyMargin", "gapCount":
			if !figures {
				figures = true
				prefetch(ctx, l.clientFigures, l.fetchClientFigures, ids(cs, func(c *alliance.Client) int64 { return c.ID }))
			}
		case "objectives":
			prefetch(under(ctx, "Client", f), l.objectivesOfClient, l.fetchObjectivesOfClient, ids(cs, func(c *alliance.Client) int64 { return c.ID }))
		case "scoreHistory":
			prefetch(under(ctx, "Client", f), l.scoreHistory, l.fetchScoreHistory, ids(cs, func(c *alliance.Client) int64 { return c.ID }))
		case "staleCommitments":
			prefetch(ctx, l.stale, l.fetchStale, ids(cs, func(c *alliance.Client) int64 { return c.ID }))
		}
	}
}

func (l *loaders) aheadObjectives(ctx context.Context, os []*alliance.Objective) {
	for _, f := range selected(ctx, "Objective") {
		switch f.Name {
		case "score":
			prefetch(ctx, l.objectiveFigures, l.fetchObjectiveFigures, ids(os, func(o *alliance.Objective) int64 { return o.ID }))
		case "client":
			prefetch(under(ctx, "Objective", f), l.client, l.fetchClient, ids(os, func(o *alliance.Objective) int64 { return o.ClientID }))
		case "requirements":
			prefetch(under(ctx, "Objective", f), l.requirementsOfObjective, l.fetchRequirementsOfObjective, ids(os, func(o *alliance.Objective) int64 { return o.ID }))
		}
	}
}

func (l *loaders) aheadRequirements(ctx context.Context, rs []*alliance.Requirement) {
	// The coverage comes last: the services and metrics of its shortfalls
	// are then among those the commitments and targets have read.
	var coverage []graphql.CollectedField
	for _, f := range selected(ctx, "Requirement") {
		switch f.Name {
		case "objective":
			prefetch(under(ctx, "Requirement", f), l.objective, l.fetchObjective, ids(rs, func(r *alliance.Requirement) int64 { return r.ObjectiveID }))
		case "commitments":
			prefetch(under(ctx, "Requirement", f), l.commitmentsOfRequirement, l.fetchCommitmentsOfRequirement, ids(rs, func(r *alliance.Requirement) int64 { return r.ID }))
		case "targets":
			var levels []alliance.Level
			for _, r := range rs {
				if r != nil {
					levels = append(levels, r.Targets...)
				}
			}
			l.aheadLevels(under(ctx, "Requirement", f), levels)
		case "coverage":
			coverage = append(coverage, f)
		}
	}
	for _, f := range coverage {
		l.aheadShortfalls(under(ctx, "Requirement", f), rs)
	}
}

// aheadShortfalls reads the requirements' coverage at once, and gives the
// service and metric loaders its shortfalls.
func (l *loaders) aheadShortfalls(ctx context.Context, rs []*alliance.Requirement) {
	reqs := dedupe(ids(rs, func(r *alliance.Requirement) int64 { return r.ID }))
	if len(reqs) == 0 {
		return
	}
	covs, errs := l.fetchCoverage(ctx, reqs)
	if len(errs) > 0 || len(covs) != len(reqs) {
		return // the resolver reports it
	}
	var services []int64
	var metrics []string
	for i, cov := range covs {
		l.coverage.Prime(reqs[i], cov)
		if cov == nil {
			continue
		}
		for _, sf := range cov.Shortfalls {
			services = append(services, sf.ServiceID)
			metrics = append(metrics, sf.Metric)
		}
	}
	for _, f := range selected(ctx, "RequirementCoverage") {
		if f.Name != "shortfalls" {
			continue
		}
		sub := under(ctx, "RequirementCoverage", f)
		for _, g := range selected(sub, "Shortfall") {
			switch {
			case g.Name == "service" && len(services) > 0:
				prefetch(under(sub, "Shortfall", g), l.service, l.fetchService, services)
			case g.Name == "metric" && len(metrics) > 0:
				prefetch(under(sub, "Shortfall", g), l.metric, l.fetchMetric, metrics)
			}
		}
	}
}

func (l *loaders) aheadLevels(ctx context.Context, levels []alliance.Level) {
	for _, f := range selected(ctx, "Level") {
		if f.Name == "metric" && len(levels) > 0 {
			prefetch(under(ctx, "Level", f), l.metric, l.fetchMetric, alliance.LevelMetrics(levels))
		}
	}
}

func (l *loaders) aheadServices(ctx context.Context, ss []*alliance.Service) {
	figures := false // read once, whichever figures are asked for
	for _, f := range selected(ctx, "Service") {
		switch f.Name {
		case "committedUnits", "oversubscribed", "orphan":
			if !figures {
				figures = true
				prefetch(ctx, l.serviceFigures, l.fetchServiceFigures, ids(ss, func(s *alliance.Service) int64 { return s.ID }))
			}
		case "latestMeasurements":
			prefetch(ctx, l.latest, l.fetchLatest, ids(ss, func(s *alliance.Service) int64 { return s.ID }))
		case "commitments":
			prefetch(under(ctx, "Service", f), l.commitmentsOfService, l.fetchCommitmentsOfService, ids(ss, func(s *alliance.Service) int64 { return s.ID }))
		case "designedLevels":
			var levels []alliance.Level
			for _, s := range ss {
				if s != nil {
					levels = append(levels, s.DesignedLevels...)
				}
			}
			l.aheadLevels(under(ctx, "Service", f), levels)
		case "measurements":
			args := f.ArgumentMap(graphql.GetOperationContext(ctx).Variables)
			metric, _ := args["metric"].(string)
			last, ok := intArg(args["last"])
			var qs []alliance.MeasurementQuery
			for _, s := range ss {
				if s == nil {
					continue
				}
				var lp *int
				if ok {
					lp = &last
				}
				q, err := measurementQuery(s.ID, &metric, lp)
				if err != nil {
					return // the resolver reports it
				}
				qs = append(qs, q)
			}
			prefetch(under(ctx, "Service", f), l.measurements, l.fetchMeasurements, qs)
		}
	}
}

func (l *loaders) aheadCommitments(ctx context.Context, cs []*alliance.Commitment) {
	for _, f := range selected(ctx, "Commitment") {
		switch f.Name {
		case "holds":
			prefetch(ctx, l.holds, l.fetchHolds, ids(cs, func(c *alliance.Commitment) int64 { return c.ID }))
		case "requirement":
			prefetch(under(ctx, "Commitment", f), l.requirement, l.fetchRequirement, ids(cs, func(c *alliance.Commitment) int64 { return c.RequirementID }))
		case "service":
			prefetch(under(ctx, "Commitment", f), l.service, l.fetchService, ids(cs, func(c *alliance.Commitment) int64 { return c.ServiceID }))
		case "review":
			prefetch(ctx, l.review, l.fetchReview, ids(cs, func(c *alliance.Commitment) int64 { return c.ID }))
		case "evidence":
			prefetch(under(ctx, "Commitment", f), l.evidence, l.fetchEvidence, ids(cs, func(c *alliance.Commitment) int64 { return c.ID }))
		}
	}
}

// aheadEvidence reads the metrics of the evidence at once, for its reason
// and for metrics { metric }.
func (l *loaders) aheadEvidence(ctx context.Context, es []*alliance.Evidence) {
	keys := func(staleOnly bool) []string {
		var out []string
		for _, e := range es {
			if e == nil || (staleOnly && !e.Stale) {
				continue
			}
			for _, m := range e.Metrics {
				if !staleOnly || m.Stale {
					out = append(out, m.Metric)
				}
			}
		}
		return out
	}
	for _, f := range selected(ctx, "Evidence") {
		switch f.Name {
		case "reason":
			if k := keys(true); len(k) > 0 {
				prefetch(ctx, l.metric, l.fetchMetric, k)
			}
		case "metrics":
			sub := under(ctx, "Evidence", f)
			for _, g := range selected(sub, "MetricEvidence") {
				if k := keys(false); g.Name == "metric" && len(k) > 0 {
					prefetch(under(sub, "MetricEvidence", g), l.metric, l.fetchMetric, k)
				}
			}
		}
	}
}

func (l *loaders) aheadMeasurements(ctx context.Context, ms []*alliance.Measurement) {
	for _, f := range selected(ctx, "Measurement") {
		switch f.Name {
		case "service":
			prefetch(under(ctx, "Measurement", f), l.service, l.fetchService, ids(ms, func(m *alliance.Measurement) int64 { return m.ServiceID }))
		case "metric":
			keys := make([]string, 0, len(ms))
			for _, m := range ms {
				keys = append(keys, m.Metric)
			}
			if len(keys) > 0 {
				prefetch(under(ctx, "Measurement", f), l.metric, l.fetchMetric, keys)
			}
		}
	}
}

// aheadPage looks ahead from a connection field (clients, services) to the
// fields selected on its nodes, under nodes and under edges.node.
func aheadPage[T any](ctx context.Context, conn, edge string, items []*T, ahead func(context.Context, []*T)) {
	for _, f := range selected(ctx, conn) {
		switch f.Name {
		case "nodes":
			ahead(under(ctx, conn, f), items)
		case "edges":
			ectx := under(ctx, conn, f)
			for _, g := range selected(ectx, edge) {
				if g.Name == "node" {
					ahead(under(ectx, edge, g), items)
				}
			}
		}
	}
}

func intArg(v any) (int, bool) {
	switch v := v.(type) {
	case int:
		return v, true
	case int64:
		return int(v), true
	case float64:
		return int(v), true
	case json.Number:
		n, err := strconv.Atoi(v.String())
		return n, err == nil
	}
	return 0, false
}

func (l *loaders) aheadGaps(ctx context.Context, gs []*coverage.GapEntry) {
	for _, f := range selected(ctx, "Gap") {
		sub := under(ctx, "Gap", f)
		pick := func(id func(*coverage.GapEntry) int64) []int64 {
			var out []int64
			for _, g := range gs {
				if v := id(g); v != 0 {
					out = append(out, v)
				}
			}
			return out
		}
		switch f.Name {
		case "client":
			prefetch(sub, l.client, l.fetchClient, pick(func(g *coverage.GapEntry) int64 { return g.ClientID }))
		case "objective":
			prefetch(sub, l.objective, l.fetchObjective, pick(func(g *coverage.GapEntry) int64 { return g.ObjectiveID }))
		case "requirement":
			prefetch(sub, l.requirement, l.fetchRequirement, pick(func(g *coverage.GapEntry) int64 { return g.RequirementID }))
		case "service":
			prefetch(sub, l.service, l.fetchService, pick(func(g *coverage.GapEntry) int64 { return g.ServiceID }))
		}
	}
}

func (l *loaders) aheadImpact(ctx context.Context, imp *coverage.Impact) {
	for _, f := range selected(ctx, "Impact") {
		sub := under(ctx, "Impact", f)
		switch f.Name {
		case "requirements":
			for _, g := range selected(sub, "RequirementChange") {
				if g.Name == "requirement" {
					ids := make([]int64, len(imp.Requirements))
					for i, c := range imp.Requirements {
						ids[i] = c.RequirementID
					}
					prefetch(under(sub, "RequirementChange", g), l.requirement, l.fetchRequirement, ids)
				}
			}
		case "clients":
			for _, g := range selected(sub, "ClientChange") {
				if g.Name == "client" {
					ids := make([]int64, len(imp.Clients))
					for i, c := range imp.Clients {
						ids[i] = c.ClientID
					}
					prefetch(under(sub, "ClientChange", g), l.client, l.fetchClient, ids)
				}
			}
		}
	}
}
