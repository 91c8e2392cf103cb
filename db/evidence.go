package db

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"alliance"
)

// Stale evidence is worked out when read, from the database's clock (see
// alliance.EvidenceOf for the rule): nothing about it is stored, since it
// changes with the time alone. The lists and counts judge it in SQL with the
// edge of each freshness window in the catalog computed here, in Go, so that
// both dialects compare stored times with bound times as everywhere else
// (no date arithmetic in SQL), and the statements of a request do not grow
// with the data: one to read the catalog's windows, one per list or count.

// windows is the edge of each freshness window of the catalog at now, as a
// CASE on the freshness_days of the metrics alias sm.
type windows struct {
	sql  string
	args []any
}

// staleWindows reads the catalog's freshness windows and gives their edges at
// now.
func (db *DB) staleWindows(g *gorm.DB) (windows, error) {
	var days []int
	if err := g.Model(&metricRow{}).Distinct("freshness_days").Order("freshness_days").Pluck("freshness_days", &days).Error; err != nil {
		return windows{}, err
	}
	if len(days) == 0 {
		return windows{sql: "NULL"}, nil
	}
	now := db.now()
	var b strings.Builder
	var args []any
	b.WriteString("CASE sm.freshness_days")
	for _, d := range days {
		b.WriteString(" WHEN ? THEN ?")
		args = append(args, d, alliance.FreshSince(d, now))
	}
	b.WriteString(" END")
	return windows{sql: b.String(), args: args}, nil
}

// judged are the lifecycles whose commitments are judged, as SQL.
var judged = fmt.Sprintf("('%s', '%s')", alliance.Live, alliance.Retiring)

// stale is the condition that the commitment of alias k has stale evidence:
// its service runs, and one of the metrics its requirement targets has no
// measurement of that service that ended within the metric's window.
func (w windows) stale(k string) (string, []any) {
	return `EXISTS (SELECT 1 FROM services ss WHERE ss.id = ` + k + `.service_id AND ss.lifecycle IN ` + judged + `)
		AND EXISTS (SELECT 1 FROM requirement_targets st JOIN metrics sm ON sm.metric_key = st.metric_key
			WHERE st.requirement_id = ` + k + `.requirement_id AND NOT EXISTS (SELECT 1 FROM measurements sx
				WHERE sx.service_id = ` + k + `.service_id AND sx.metric_key = st.metric_key AND sx.period_end >= ` + w.sql + `))`, w.args
}

// staleRequirement is the condition that the requirement of alias r has a
// commitment with stale evidence.
func (w windows) staleRequirement(r string) (string, []any) {
	cond, args := w.stale("sk")
	return "EXISTS (SELECT 1 FROM commitments sk WHERE sk.requirement_id = " + r + ".id AND " + cond + ")", args
}

// evidenceRow is a targeted metric of a commitment with the latest period end
// of its service's measurements of it (nil for none).
type evidenceRow struct {
	CommitmentID  int64
	Lifecycle     string
	MetricKey     string
	FreshnessDays int
	LatestAt      *time.Time
}

// EvidenceByCommitmentIDs judges the evidence of each commitment at now.
func (db *DB) EvidenceByCommitmentIDs(ctx context.Context, ids []int64) ([]*alliance.Evidence, error) {
	g, done := db.reader(ctx)
	defer done()
	now := db.now()
	type found struct {
		lifecycle alliance.Lifecycle
		metrics   []alliance.MetricEvidence
	}
	by := make(map[int64]*found, len(ids))
	for chunk := range slices.Chunk(unique(ids), maxParams) {
		// The latest measurement of each targeted metric: the one no
		// measurement of the same service and metric ended after (a tie
		// of period ends, from two sources, gives the same time twice).
		var rows []evidenceRow
		err := g.Raw(`SELECT k.id AS commitment_id, s.lifecycle, COALESCE(rt.metric_key, '') AS metric_key, COALESCE(mt.freshness_days, 0) AS freshness_days, m.period_end AS latest_at
			FROM commitments k
			JOIN services s ON s.id = k.service_id
			LEFT JOIN requirement_targets rt ON rt.requirement_id = k.requirement_id
			LEFT JOIN metrics mt ON mt.metric_key = rt.metric_key
			LEFT JOIN measurements m ON m.service_id = k.service_id AND m.metric_key = rt.metric_key
				AND NOT EXISTS (SELECT 1 FROM measurements n WHERE n.service_id = m.service_id AND n.metric_key = m.metric_key AND n.period_end > m.period_end)
			WHERE k.id IN ? ORDER BY k.id, rt.metric_key`, idSet(g, chunk)).Scan(&rows).Error
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			f := by[r.CommitmentID]
			if f == nil {
				f = &found{lifecycle: alliance.Lifecycle(r.Lifecycle), metrics: []alliance.MetricEvidence{}}
				by[r.CommitmentID] = f
			}
			if r.MetricKey == "" {
				continue // a functional requirement: no target, nothing to measure
			}
			if n := len(f.metrics); n > 0 && f.metrics[n-1].Metric == r.MetricKey {
				continue
			}
			var latest *time.Time
			if r.LatestAt != nil {
				at := r.LatestAt.UTC()
				latest = &at
			}
			f.metrics = append(f.metrics, alliance.MetricEvidence{Metric: r.MetricKey, FreshnessDays: r.FreshnessDays, LatestAt: latest})
		}
	}
	out := make([]*alliance.Evidence, len(ids))
	for i, id := range ids {
		if f := by[id]; f != nil {
			out[i] = alliance.EvidenceOf(id, f.lifecycle, f.metrics, now)
		}
	}
	return out, nil
}

// withStaleEvidence is the commitments with stale evidence, within the
// caller's scope, joined to their requirement r and client c.
func withStaleEvidence(ctx context.Context, g *gorm.DB, w windows) *gorm.DB {
	cond, args := w.stale("commitments")
	return scopeOf(ctx).byClient(g.Table("commitments").
		Joins("JOIN requirements r ON r.id = commitments.requirement_id").
		Joins("JOIN objectives o ON o.id = r.objective_id").
		Joins("JOIN clients c ON c.id = o.client_id").
		Where(cond, args...), "c.id")
}

// FindCommitmentsWithStaleEvidence returns a page of the commitments with
// stale evidence, in the order of the review list.
func (db *DB) FindCommitmentsWithStaleEvidence(ctx context.Context, p alliance.PageArgs) (*alliance.Page[*alliance.Commitment], error) {
	g, done := db.reader(ctx)
	defer done()
	w, err := db.staleWindows(g)
	if err != nil {
		return nil, err
	}
	q := withStaleEvidence(ctx, g, w).Where("c.status <> ?", string(alliance.Churned))
	return reviewOrder(q, "commitmentsWithStaleEvidence", p)
}

// CountStaleCommitments counts the commitments with stale evidence, by client
// or over the clients that have not churned.
func (db *DB) CountStaleCommitments(ctx context.Context, clientIDs []int64) ([]int, error) {
	g, done := db.reader(ctx)
	defer done()
	w, err := db.staleWindows(g)
	if err != nil {
		return nil, err
	}
	if len(clientIDs) == 0 {
		var n int64
		if err := withStaleEvidence(ctx, g, w).Where("c.status <> ?", string(alliance.Churned)).Count(&n).Error; err != nil {
			return nil, err
		}
		return []int{int(n)}, nil
	}
	var counts []struct {
		ClientID int64
		N        int
	}
	if err := withStaleEvidence(ctx, g, w).Select("c.id AS client_id, COUNT(*) AS n").Where("c.id IN ?", idSet(g, unique(clientIDs))).
		Group("c.id").Scan(&counts).Error; err != nil {
		return nil, err
	}
	by := map[int64]int{}
	for _, c := range counts {
		by[c.ClientID] = c.N
	}
	return mapSlice(clientIDs, func(id int64) int { return by[id] }), nil
}
