package graph

import (
	"context"

	"alliance"
)

// metricNames returns the names of the stale metrics of the evidence, by
// key, for its reason (the look-ahead has read them for every commitment of
// the level at once: see aheadEvidence).
func metricNames(ctx context.Context, e *alliance.Evidence) (map[string]string, error) {
	var keys []string
	for _, m := range e.Metrics {
		if m.Stale {
			keys = append(keys, m.Metric)
		}
	}
	ms, err := load(ctx).metric.LoadAll(ctx, keys)
	if err != nil {
		return nil, err
	}
	names := make(map[string]string, len(ms))
	for _, m := range ms {
		if m != nil {
			names[m.Key] = m.Name
		}
	}
	return names, nil
}
