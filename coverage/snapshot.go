package coverage

import (
	"alliance"
)

// Snapshot is the part of the map the rules read. The db package loads it,
// whole (the portfolio) or for a few clients (their scores).
type Snapshot struct {
	Metrics      []*alliance.Metric
	Clients      []*alliance.Client
	Objectives   []*alliance.Objective
	Requirements []*alliance.Requirement
	Services     []*alliance.Service
	Commitments  []*alliance.Commitment
	// Measurements holds, for each service and metric, at least the latest
	// measurement (more are allowed: Latest picks).
	Measurements []*alliance.Measurement
	// Totals, when set, holds each service's commitments across the whole
	// portfolio: a snapshot of a few clients then shares costs and judges
	// capacity as the whole portfolio does. Without it the snapshot is taken
	// to be the whole portfolio.
	Totals map[int64]ServiceTotals
	// Scores, when set, holds each client's score sums over all its
	// requirements: a snapshot of some of a client's requirements then
	// scores the client as a whole (see Impact).
	Scores map[int64]ScoreSums
}

// ScoreSums are the two sums of a score: Σ weight × percent and Σ weight.
type ScoreSums struct{ Num, Den int64 }

// ServiceTotals sums the commitments to one service of every client that has
// not churned.
type ServiceTotals struct {
	// ActiveUnits are the capacity units of its active commitments: a
	// commitment's share of the monthly cost is its units over these.
	ActiveUnits int64
	// CommittedUnits are the units of its active and planned commitments.
	CommittedUnits int
}

// ServiceMetric names the measurements of one metric of one service.
type ServiceMetric struct {
	ServiceID int64
	Metric    string
}

// Latest returns, for every service and metric, the value of its latest
// measurement: the one with the greatest period end and, between two with the
// same period end, the one recorded last.
func Latest(ms []*alliance.Measurement) map[ServiceMetric]float64 {
	best := latestOf(ms)
	out := make(map[ServiceMetric]float64, len(best))
	for k, m := range best {
		out[k] = m.Value
	}
	return out
}

// latestOf returns the latest measurement of every service and metric.
func latestOf(ms []*alliance.Measurement) map[ServiceMetric]*alliance.Measurement {
	best := make(map[ServiceMetric]*alliance.Measurement, len(ms))
	for _, m := range ms {
		k := ServiceMetric{m.ServiceID, m.Metric}
		if b, ok := best[k]; !ok || later(m, b) {
			best[k] = m
		}
	}
	return best
}

// later reports whether a supersedes b: a later period end, or the same
// period end recorded later (ids grow with recording, and break a tie of
// recording times).
func later(a, b *alliance.Measurement) bool {
	switch {
	case !a.PeriodEnd.Equal(b.PeriodEnd):
		return a.PeriodEnd.After(b.PeriodEnd)
	case !a.RecordedAt.Equal(b.RecordedAt):
		return a.RecordedAt.After(b.RecordedAt)
	}
	return a.ID > b.ID
}
