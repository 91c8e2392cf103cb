package graph

import (
	"context"
	"encoding/json"
	"strconv"

	"github.com/99designs/gqlgen/graphql"

	"alliance"
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
		if f.Name == "objectives" {
			l.objectivesOfClient.LoadAllThunk(under(ctx, "Client", f), ids(cs, func(c *alliance.Client) int64 { return c.ID }))
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
