package db_test

import (
	"context"
	"testing"
	"time"

	"alliance"
	"alliance/db"
	"alliance/db/dbtest"
)

// BenchmarkRecordMeasurements times batches of 10,000 measurements on a
// portfolio made by Generate: ALLIANCE_BENCH_CLIENTS clients (default
// 1,000) on ALLIANCE_BENCH_DB (sqlite, the default, or mysql). Two shapes of
// batch: "history" gives each service's measured metric the weeks before its
// first measurement (a backfill: no latest value moves, so no figure does),
// "latest" the weeks after its latest one (every pair's latest value moves:
// the requirements reading them, most of the portfolio, are evaluated
// again, the most work a batch can cause). Each is recorded (created), sent
// again (unchanged), then with other values (updated). It prints the
// milliseconds and statements of each, and checks the stored figures
// against a full evaluation after them. Run it with -benchtime 1x.
func BenchmarkRecordMeasurements(b *testing.B) {
	d, sum := dbtest.Generated(b)
	dialect := d.Dialect()
	ctx := context.Background()
	b.Logf("%s, %d clients: %d requirements, %d commitments, %d measurements", dialect, sum.Clients, sum.Requirements, sum.Commitments, sum.Measurements)
	step := func(name string, want alliance.MeasurementOutcome, in []alliance.MeasurementInput) {
		before := d.Statements()
		start := time.Now()
		res, err := d.RecordMeasurements(ctx, in, true)
		took := time.Since(start)
		if err != nil {
			b.Fatal(err)
		}
		if o := outcomes(res); o[want] != len(in) {
			b.Fatalf("%s: %v, want %d %s", name, o, len(in), want)
		}
		stmts := d.Statements() - before
		b.ReportMetric(float64(took.Microseconds())/1000, name+"-ms")
		b.ReportMetric(float64(stmts), name+"-statements")
		b.Logf("%s, %s: %d rows %s in %.0f ms, %d statements", dialect, name, len(in), want, float64(took.Microseconds())/1000, stmts)
	}
	for b.Loop() {
		for _, shape := range []int{-1, 1} {
			name := map[int]string{-1: "history", 1: "latest"}[shape]
			in := benchBatch(b, d, alliance.MaxMeasurementBatch, shape)
			step(name+"-created", alliance.MeasurementCreated, in)
			step(name+"-unchanged", alliance.MeasurementUnchanged, in)
			for i := range in {
				in[i].Value -= 0.5
			}
			step(name+"-updated", alliance.MeasurementUpdated, in)
		}
		b.StopTimer()
		if diffs, err := d.Check(ctx); err != nil || len(diffs) > 0 {
			b.Fatalf("check after the batches: %d differences, %v", len(diffs), err)
		}
		b.StartTimer()
	}
}

// benchBatch returns rows new measurements: for each service and metric
// measured, week after week from its latest period end (dir 1), or week
// before week from its first period start (dir -1).
func benchBatch(b *testing.B, d *db.DB, rows, dir int) []alliance.MeasurementInput {
	type pair struct {
		service int64
		metric  string
		end     time.Time
		value   float64
	}
	edge := "MAX(period_end)"
	if dir < 0 {
		edge = "MIN(period_start)"
	}
	q, err := d.SQL().Query(`SELECT service_id, metric_key, ` + edge + `, MAX(value) FROM measurements GROUP BY service_id, metric_key ORDER BY service_id, metric_key`)
	if err != nil {
		b.Fatal(err)
	}
	var pairs []pair
	for q.Next() {
		var p pair
		var end any
		if err := q.Scan(&p.service, &p.metric, &end, &p.value); err != nil {
			b.Fatal(err)
		}
		switch e := end.(type) {
		case time.Time:
			p.end = e
		case string:
			if p.end, err = time.Parse("2006-01-02 15:04:05.999999999-07:00", e); err != nil {
				b.Fatal(err)
			}
		}
		pairs = append(pairs, p)
	}
	q.Close()
	src := "bench"
	out := make([]alliance.MeasurementInput, 0, rows)
	for week := 0; len(out) < rows; week++ {
		for _, p := range pairs {
			if len(out) == rows {
				break
			}
			start := p.end.AddDate(0, 0, 7*week)
			if dir < 0 {
				start = p.end.AddDate(0, 0, -7*(week+1))
			}
			out = append(out, alliance.MeasurementInput{ServiceID: p.service, Metric: p.metric, Value: p.value,
				PeriodStart: start, PeriodEnd: start.AddDate(0, 0, 7), Source: &src})
		}
	}
	return out
}
