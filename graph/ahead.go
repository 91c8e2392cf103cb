package graph

import (
	"context"
	"encoding/json"
	"strconv"

	"github.com/99designs/gqlgen/graphql"

	"alliance"
	"alliance/coverage"
)

// Look-ahead. A loader batches the keys that arrive within a short window,
// but the objects of one level of a large answer are resolved by hundreds of
// goroutines that do not all reach their loader within it. So, whenever a
// batch of objects has been read, the fields the query selects on them are
// looked at, and the loaders behind those fields are given every key of the
// next level at once, from this one goroutine. When the children then ask,
// their keys are already in one batch: the statements of a request depend on
// the shape of the query, not on the number of rows it returns.

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
	for _, f := range selected(ctx, "Client") {
		switch f.Name {
		case "objectives":
			l.objectivesOfClient.LoadAllThunk(under(ctx, "Client", f), ids(cs, func(c *alliance.Client) int64 { return c.ID }))
		case "scoreHistory":
			l.scoreHistory.LoadAllThunk(under(ctx, "Client", f), ids(cs, func(c *alliance.Client) int64 { return c.ID }))
		}
	}
}

func (l *loaders) aheadObjectives(ctx context.Context, os []*alliance.Objective) {
	for _, f := range selected(ctx, "Objective") {
		switch f.Name {
		case "client":
			l.client.LoadAllThunk(under(ctx, "Objective", f), ids(os, func(o *alliance.Objective) int64 { return o.ClientID }))
		case "requirements":
			l.requirementsOfObjective.LoadAllThunk(under(ctx, "Objective", f), ids(os, func(o *alliance.Objective) int64 { return o.ID }))
		}
	}
}

func (l *loaders) aheadRequirements(ctx context.Context, rs []*alliance.Requirement) {
	for _, f := range selected(ctx, "Requirement") {
		switch f.Name {
		case "objective":
			l.objective.LoadAllThunk(under(ctx, "Requirement", f), ids(rs, func(r *alliance.Requirement) int64 { return r.ObjectiveID }))
		case "commitments":
			l.commitmentsOfRequirement.LoadAllThunk(under(ctx, "Requirement", f), ids(rs, func(r *alliance.Requirement) int64 { return r.ID }))
		case "targets":
			var levels []alliance.Level
			for _, r := range rs {
				if r != nil {
					levels = append(levels, r.Targets...)
				}
			}
			l.aheadLevels(under(ctx, "Requirement", f), levels)
		case "coverage":
			l.aheadShortfalls(under(ctx, "Requirement", f), rs)
		}
	}
}

// aheadShortfalls gives the service and metric loaders the shortfalls of
// the requirements' coverage.
func (l *loaders) aheadShortfalls(ctx context.Context, rs []*alliance.Requirement) {
	for _, f := range selected(ctx, "RequirementCoverage") {
		if f.Name != "shortfalls" {
			continue
		}
		e, err := l.evaluation(ctx, nil)
		if err != nil {
			return // the resolver reports it
		}
		var services []int64
		var metrics []string
		for _, r := range rs {
			if r == nil {
				continue
			}
			for _, sf := range e.Requirements[r.ID].Shortfalls {
				services = append(services, sf.ServiceID)
				metrics = append(metrics, sf.Metric)
			}
		}
		sub := under(ctx, "RequirementCoverage", f)
		for _, g := range selected(sub, "Shortfall") {
			switch {
			case g.Name == "service" && len(services) > 0:
				l.service.LoadAllThunk(under(sub, "Shortfall", g), services)
			case g.Name == "metric" && len(metrics) > 0:
				l.metric.LoadAllThunk(under(sub, "Shortfall", g), metrics)
			}
		}
	}
}

func (l *loaders) aheadLevels(ctx context.Context, levels []alliance.Level) {
	for _, f := range selected(ctx, "Level") {
		if f.Name == "metric" && len(levels) > 0 {
			l.metric.LoadAllThunk(under(ctx, "Level", f), alliance.LevelMetrics(levels))
		}
	}
}

func (l *loaders) aheadServices(ctx context.Context, ss []*alliance.Service) {
	for _, f := range selected(ctx, "Service") {
		switch f.Name {
		case "commitments":
			l.commitmentsOfService.LoadAllThunk(under(ctx, "Service", f), ids(ss, func(s *alliance.Service) int64 { return s.ID }))
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
			l.measurements.LoadAllThunk(under(ctx, "Service", f), qs)
		}
	}
}

func (l *loaders) aheadCommitments(ctx context.Context, cs []*alliance.Commitment) {
	for _, f := range selected(ctx, "Commitment") {
		switch f.Name {
		case "requirement":
			l.requirement.LoadAllThunk(under(ctx, "Commitment", f), ids(cs, func(c *alliance.Commitment) int64 { return c.RequirementID }))
		case "service":
			l.service.LoadAllThunk(under(ctx, "Commitment", f), ids(cs, func(c *alliance.Commitment) int64 { return c.ServiceID }))
		}
	}
}

func (l *loaders) aheadMeasurements(ctx context.Context, ms []*alliance.Measurement) {
	for _, f := range selected(ctx, "Measurement") {
		switch f.Name {
		case "service":
			l.service.LoadAllThunk(under(ctx, "Measurement", f), ids(ms, func(m *alliance.Measurement) int64 { return m.ServiceID }))
		case "metric":
			keys := make([]string, 0, len(ms))
			for _, m := range ms {
				keys = append(keys, m.Metric)
			}
			if len(keys) > 0 {
				l.metric.LoadAllThunk(under(ctx, "Measurement", f), keys)
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
			l.client.LoadAllThunk(sub, pick(func(g *coverage.GapEntry) int64 { return g.ClientID }))
		case "objective":
			l.objective.LoadAllThunk(sub, pick(func(g *coverage.GapEntry) int64 { return g.ObjectiveID }))
		case "requirement":
			l.requirement.LoadAllThunk(sub, pick(func(g *coverage.GapEntry) int64 { return g.RequirementID }))
		case "service":
			l.service.LoadAllThunk(sub, pick(func(g *coverage.GapEntry) int64 { return g.ServiceID }))
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
					l.requirement.LoadAllThunk(under(sub, "RequirementChange", g), ids)
				}
			}
		case "clients":
			for _, g := range selected(sub, "ClientChange") {
				if g.Name == "client" {
					ids := make([]int64, len(imp.Clients))
					for i, c := range imp.Clients {
						ids[i] = c.ClientID
					}
					l.client.LoadAllThunk(under(sub, "ClientChange", g), ids)
				}
			}
		}
	}
}
