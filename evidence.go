package alliance

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// Stale evidence. A commitment promises its requirement's targets; its
// evidence is the measurements of its service for the metrics those targets
// are on. Each metric has a freshness window (Metric.FreshnessDays): evidence
// for a metric is fresh while the service has a measurement whose period
// ended within the window before now, the edge included (a period that ended
// exactly FreshnessDays days ago is still fresh; a second later it is
// stale). Only a service that runs (LIVE or RETIRING) is expected to have
// measurements: a PLANNED or RETIRED service's commitments are not judged,
// and are never stale. Staleness depends on the time, so it is worked out
// when read, from now; it never moves coverage statuses or scores.

// Judged reports whether commitments to a service of this lifecycle are
// judged for stale evidence.
func (l Lifecycle) Judged() bool { return l == Live || l == Retiring }

// MetricEvidence is the evidence of a commitment for one metric its
// requirement targets.
type MetricEvidence struct {
	Metric        string
	FreshnessDays int
	// LatestAt is the newest period end among the service's measurements
	// of the metric; nil when it has none.
	LatestAt *time.Time
	Stale    bool
	// StaleSince is when the latest measurement fell out of the window
	// (LatestAt plus the window); nil when the evidence is fresh or there
	// is no measurement at all.
	StaleSince *time.Time
}

// Evidence is what a commitment's promise rests on, judged at a moment.
type Evidence struct {
	CommitmentID int64
	// Judged is false for a commitment whose service is PLANNED or
	// RETIRED: no measurement is expected of it, and it is not stale.
	Judged bool
	// LatestAt is the newest of the metrics' LatestAt; nil when none has
	// a measurement.
	LatestAt *time.Time
	// Stale is set when some metric's evidence is stale.
	Stale bool
	// StaleSince is the earliest StaleSince of the metrics; nil when none
	// has one.
	StaleSince *time.Time
	// Metrics has one entry per targeted metric, by metric key.
	Metrics []MetricEvidence
}

// EvidenceOf judges the evidence of a commitment at now: metrics holds each
// targeted metric with its window and its latest period end.
func EvidenceOf(commitment int64, lifecycle Lifecycle, metrics []MetricEvidence, now time.Time) *Evidence {
	e := &Evidence{CommitmentID: commitment, Judged: lifecycle.Judged(), Metrics: make([]MetricEvidence, len(metrics))}
	for i, m := range metrics {
		m.Stale, m.StaleSince = false, nil
		if e.Judged && !Fresh(m.LatestAt, m.FreshnessDays, now) {
			m.Stale = true
			if m.LatestAt != nil {
				since := m.LatestAt.Add(FreshnessWindow(m.FreshnessDays))
				m.StaleSince = &since
			}
		}
		if m.LatestAt != nil && (e.LatestAt == nil || m.LatestAt.After(*e.LatestAt)) {
			at := *m.LatestAt
			e.LatestAt = &at
		}
		e.Stale = e.Stale || m.Stale
		if m.StaleSince != nil && (e.StaleSince == nil || m.StaleSince.Before(*e.StaleSince)) {
			at := *m.StaleSince
			e.StaleSince = &at
		}
		e.Metrics[i] = m
	}
	return e
}

// FreshnessWindow is the length of a window of days.
func FreshnessWindow(days int) time.Duration { return time.Duration(days) * 24 * time.Hour }

// FreshSince is the earliest period end that is fresh at now for a window
// of days: the edge of the window, itself inside it.
func FreshSince(days int, now time.Time) time.Time { return now.Add(-FreshnessWindow(days)) }

// Fresh reports whether a latest period end is within a window of days
// before now (nil, no measurement, is never fresh).
func Fresh(latest *time.Time, days int, now time.Time) bool {
	return latest != nil && !latest.Before(FreshSince(days, now))
}

// Reason says in words why the evidence is stale: one sentence per stale
// metric ("No measurement of availability since 3 Oct; the window is 45
// days."); names maps metric keys to their names. Nil when it is not stale.
func (e *Evidence) Reason(names map[string]string) *string {
	if !e.Stale {
		return nil
	}
	var out []string
	for _, m := range e.Metrics {
		if !m.Stale {
			continue
		}
		name := m.Metric
		if n, ok := names[m.Metric]; ok {
			name = n
		}
		out = append(out, StaleReason(name, m.LatestAt, m.FreshnessDays))
	}
	s := strings.Join(out, " ")
	return &s
}

// StaleReason says why the evidence for one metric is stale.
func StaleReason(metric string, latest *time.Time, days int) string {
	m := strings.ToLower(metric)
	if latest == nil {
		return fmt.Sprintf("No measurement of %s yet; the window is %s.", m, dayCount(days))
	}
	return fmt.Sprintf("No measurement of %s since %s; the window is %s.", m, latest.Format(reviewDay), dayCount(days))
}

func dayCount(days int) string {
	if days == 1 {
		return "1 day"
	}
	return fmt.Sprintf("%d days", days)
}

// EvidenceService judges commitments' evidence at the store's now.
type EvidenceService interface {
	// EvidenceByCommitmentIDs returns the evidence of each commitment, in
	// the order of the ids (nil for an unknown id).
	EvidenceByCommitmentIDs(ctx context.Context, ids []int64) ([]*Evidence, error)
	// FindCommitmentsWithStaleEvidence returns the commitments of clients
	// that have not churned whose evidence is stale, in the order of the
	// review list: by their requirement's priority (MUST first), then
	// their client's annual contract value (highest first), then id.
	FindCommitmentsWithStaleEvidence(ctx context.Context, p PageArgs) (*Page[*Commitment], error)
	// CountStaleCommitments counts the commitments with stale evidence, for
	// each client id (in order) or, with no ids, over the clients that have
	// not churned (one count).
	CountStaleCommitments(ctx context.Context, clientIDs []int64) ([]int, error)
}
