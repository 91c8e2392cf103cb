package graph

import (
	"context"

	"alliance"
	"alliance/coverage"
	"alliance/graph/model"
)

// figure loads a stored figure of the entity id through its loader: a
// missing one is NOT_FOUND (the operation reads one state of the data, so it
// means the entity is gone).
func figure[V any](ctx context.Context, entity string, id int64, load func(context.Context, int64) (*V, error)) (*V, error) {
	v, err := load(ctx, id)
	if err == nil && v == nil {
		err = alliance.Errorf(alliance.ENOTFOUND, "%s %d not found", entity, id)
	}
	return v, err
}

// latestMeasurements returns the latest measurement of each metric of a
// service, as the coverage rules read them.
func latestMeasurements(ctx context.Context, id int64) ([]*alliance.Measurement, error) {
	return load(ctx).latest.Load(ctx, id)
}

func clientFigures(ctx context.Context, id int64) (*coverage.ClientFigures, error) {
	return figure(ctx, "client", id, load(ctx).clientFigures.Load)
}

func serviceFigures(ctx context.Context, id int64) (*coverage.ServiceFigures, error) {
	return figure(ctx, "service", id, load(ctx).serviceFigures.Load)
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
