package graph

import (
	"context"

	"alliance"
	"alliance/coverage"
	"alliance/graph/model"
)

// figure looks up a computed value of the entity id in the operation's
// evaluation.
func figure[V any](ctx context.Context, entity string, id int64, in func(*coverage.Evaluation) map[int64]V) (V, error) {
	e, err := load(ctx).evaluation(ctx, func(e *coverage.Evaluation) bool {
		_, ok := in(e)[id]
		return ok
	})
	var zero V
	if err != nil {
		return zero, err
	}
	v, ok := in(e)[id]
	if !ok {
		return zero, alliance.Errorf(alliance.ENOTFOUND, "%s %d not found (removed while the query ran)", entity, id)
	}
	return v, nil
}

// latestMeasurements returns the latest measurement of each metric of a
// service, as the coverage rules read them.
func latestMeasurements(ctx context.Context, id int64) ([]*alliance.Measurement, error) {
	e, err := load(ctx).evaluation(ctx, func(e *coverage.Evaluation) bool {
		_, ok := e.LatestMeasurements(id)
		return ok
	})
	if err != nil {
		return nil, err
	}
	ms, ok := e.LatestMeasurements(id)
	if !ok {
		return nil, alliance.Errorf(alliance.ENOTFOUND, "service %d not found (removed while the query ran)", id)
	}
	return ms, nil
}

func clientFigures(ctx context.Context, id int64) (*coverage.ClientFigures, error) {
	return figure(ctx, "client", id, func(e *coverage.Evaluation) map[int64]*coverage.ClientFigures { return e.Clients })
}

func serviceFigures(ctx context.Context, id int64) (*coverage.ServiceFigures, error) {
	f, err := store(ctx).ServiceFigures(ctx, id)
	if err == nil && f == nil {
		err = alliance.Errorf(alliance.ENOTFOUND, "service %d not found (removed while the query ran)", id)
	}
	return f, err
}

// statusCounts lists all six statuses in the enum's order.
func statusCounts(c coverage.Counts) []*model.StatusCount {
	out := make([]*model.StatusCount, len(coverage.Statuses))
	for i, s := range coverage.Statuses {
		out[i] = &model.StatusCount{Status: s, Count: c[i]}
	}
	return out
}

// optional loads an entity named by an id that may be absent (0).
func optional[T any](ctx context.Context, id int64, load func(context.Context, int64) (*T, error)) (*T, error) {
	if id == 0 {
		return nil, nil
	}
	return load(ctx, id)
}
