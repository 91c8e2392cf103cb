package db_test

import (
	"context"
	"os"
	"strconv"
	"testing"
	"time"

	"alliance"
	"alliance/db"
	"alliance/db/dbtest"
)

// BenchmarkRecordMeasurements times one batch of 10,000 measurements on a
// portfolio made by Generate: ALLIANCE_BENCH_CLIENTS clients (default
// 1,000) on ALLIANCE_BENCH_DB (sqlite, the default, or mysql). The batch
// gives each service's measured metric the next weeks after its latest
// measurement, so that every row is new and every pair's latest value moves
// (the most work a batch can cause): recorded (created), sent again
// (unchanged), then with other values (updated). It prints the milliseconds
// and statements of each, and checks the stored figures against a full
// evaluation after them. Run it with -benchtime 1x.
func BenchmarkRecordMeasurements(b *testing.B) {
	dialect := db.SQLite
	if os.Getenv("ALLIANCE_BENCH_DB") == db.MySQL {
		dialect = db.MySQL
	}
	n := 1000
	if v, err := strconv.Atoi(os.Getenv("ALLIANCE_BENCH_CLIENTS")); err == nil {
		n = v
	}
	d := dbtest.Open(b, dialect)
	ctx := context.Background()
	sum, err := d.Generate(ctx, db.GenerateOptions{Clients: n, Seed: 1}, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("%s, %d clients: %d requirements, %d commitments, %d measurements", dialect, sum.Clients, sum.Requirements, sum.Commitments, sum.Measurements)
	in := benchBatch(b, d, alliance.MaxMeasurementBatch)
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
		b.Logf("%s: %d rows %s in %.0f ms, %d statements", dialect, len(in), want, float64(took.Microseconds())/1000, stmts)
	}
	for b.Loop() {
		step("created", alliance.MeasurementCreated, in)
		step("unchanged", alliance.MeasurementUnchanged, in)
		for i := range in {
			in[i].Value -= 0.5
		}
		step("updated", alliance.MeasurementUpdated, in)
		b.StopTimer()
		if diffs, err := d.Check(ctx); err != nil || len(diffs) > 0 {
			b.Fatalf("check after the batches: %d differences, %v", len(diffs), err)
		}
		b.StartTimer()
	}
}

// benchBatch returns rows new measurements: for each service and metric
// measured, week after week from its latest period end.
func benchBatch(b *testing.B, d *db.DB, rows int) []alliance.MeasurementInput {
	type pair struct {
		service int64
		metric  string
		end     time.Time
		value   float64
	}
	q, err := d.SQL().Query(`SELECT service_id, metric_key, MAX(period_end), MAX(value) FROM measurements GROUP BY service_id, metric_key ORDER BY service_id, metric_key`)
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
			out = append(out, alliance.MeasurementInput{ServiceID: p.service, Metric: p.metric, Value: p.value,
				PeriodStart: start, PeriodEnd: start.AddDate(0, 0, 7), Source: &src})
		}
	}
	return out
}
