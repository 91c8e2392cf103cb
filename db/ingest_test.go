package db_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"alliance"
	"alliance/db"
	"alliance/db/dbtest"
)

// ingestWorld is a generated portfolio and the services a batch writes to:
// some committed, with targets on availability and response time.
type ingestWorld struct {
	t        *testing.T
	d        *db.DB
	services []int64
}

func newIngestWorld(t *testing.T, d *db.DB) *ingestWorld {
	t.Helper()
	ctx := context.Background()
	if _, err := d.Generate(ctx, db.GenerateOptions{Clients: 10, Seed: 3}, nil); err != nil {
		t.Fatal(err)
	}
	rows, err := d.SQL().Query(`SELECT c.service_id FROM commitments c JOIN requirement_targets rt ON rt.requirement_id = c.requirement_id
		WHERE rt.metric_key = 'availability' GROUP BY c.service_id ORDER BY COUNT(*) DESC, c.service_id LIMIT 3`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	w := &ingestWorld{t: t, d: d}
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		w.services = append(w.services, id)
	}
	if len(w.services) < 3 {
		t.Fatalf("the portfolio has %d services with availability targets, want 3", len(w.services))
	}
	return w
}

func (w *ingestWorld) measurements() int {
	w.t.Helper()
	var n int
	if err := w.d.SQL().QueryRow("SELECT COUNT(*) FROM measurements").Scan(&n); err != nil {
		w.t.Fatal(err)
	}
	return n
}

func (w *ingestWorld) audits() int {
	w.t.Helper()
	var n int
	if err := w.d.SQL().QueryRow("SELECT COUNT(*) FROM audit_log").Scan(&n); err != nil {
		w.t.Fatal(err)
	}
	return n
}

// checkFigures fails when the stored figures are not what a full
// evaluation computes.
func (w *ingestWorld) checkFigures() {
	w.t.Helper()
	diffs, err := w.d.Check(context.Background())
	if err != nil {
		w.t.Fatal(err)
	}
	for _, d := range diffs {
		w.t.Errorf("stored figures differ from a full evaluation: %+v", d)
	}
}

// batch is 12 measurements of the world's services: availability and
// response time over two periods in the future (so they are the latest and
// move the figures), availability at value.
func (w *ingestWorld) batch(value float64) []alliance.MeasurementInput {
	var out []alliance.MeasurementInput
	src := "prometheus"
	for _, s := range w.services {
		for p := 0; p < 2; p++ {
			start := time.Date(2031, 1, 1+7*p, 0, 0, 0, 0, time.UTC)
			out = append(out,
				alliance.MeasurementInput{ServiceID: s, Metric: "availability", Value: value, PeriodStart: start, PeriodEnd: start.AddDate(0, 0, 7), Source: &src},
				alliance.MeasurementInput{ServiceID: s, Metric: "response_minutes", Value: 20, PeriodStart: start, PeriodEnd: start.AddDate(0, 0, 7), Source: &src})
		}
	}
	return out
}

func outcomes(rs []alliance.MeasurementResult) map[alliance.MeasurementOutcome]int {
	out := map[alliance.MeasurementOutcome]int{}
	for _, r := range rs {
		out[r.Outcome]++
	}
	return out
}

func TestRecordMeasurementsBatch(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := alliance.WithActor(context.Background(), "monitoring")
		w := newIngestWorld(t, d)
		rows0, audits0 := w.measurements(), w.audits()

		// Created, with refusals naming their field.
		good := w.batch(99)
		bad := []alliance.MeasurementInput{
			{ServiceID: 999999, Metric: "availability", Value: 99, PeriodStart: good[0].PeriodStart, PeriodEnd: good[0].PeriodEnd},
			{ServiceID: w.services[0], Metric: "no_such_metric", Value: 99, PeriodStart: good[0].PeriodStart, PeriodEnd: good[0].PeriodEnd},
			{ServiceID: w.services[0], Metric: "availability", Value: 150, PeriodStart: good[0].PeriodStart, PeriodEnd: good[0].PeriodEnd},
			{ServiceID: w.services[0], Metric: "availability", Value: 99, PeriodStart: good[0].PeriodEnd, PeriodEnd: good[0].PeriodStart},
			good[3], // the same measurement twice in one batch
		}
		wantField := []string{"serviceId", "metric", "value", "periodEnd", "periodStart"}
		in := append(append([]alliance.MeasurementInput{}, good...), bad...)
		res, err := d.RecordMeasurements(ctx, in, false)
		if err != nil {
			t.Fatal(err)
		}
		if len(res) != len(in) {
			t.Fatalf("%d results for %d rows", len(res), len(in))
		}
		if o := outcomes(res); o[alliance.MeasurementCreated] != len(good) || o[alliance.MeasurementRefused] != len(bad) {
			t.Fatalf("outcomes %v, want %d created and %d refused", o, len(good), len(bad))
		}
		for i, r := range res {
			if r.Index != i {
				t.Errorf("result %d has index %d", i, r.Index)
			}
			if i < len(good) {
				if r.Measurement == nil || r.Measurement.ID == 0 || r.Measurement.Value != good[i].Value {
					t.Errorf("row %d: %+v, want the measurement as stored", i, r.Measurement)
				}
				continue
			}
			if f := wantField[i-len(good)]; r.Field != f || r.Message == "" || r.Measurement != nil {
				t.Errorf("row %d refused with field %q (%s), want %q", i, r.Field, r.Message, f)
			}
		}
		if got := w.measurements(); got != rows0+len(good) {
			t.Fatalf("%d measurements after the batch, want %d", got, rows0+len(good))
		}
		if got := w.audits(); got != audits0+1 {
			t.Errorf("%d audit entries after the batch, want %d (one for the batch)", got, audits0+1)
		}
		w.checkFigures()

		// The same batch again changes nothing.
		audits1 := w.audits()
		res, err = d.RecordMeasurements(ctx, good, false)
		if err != nil {
			t.Fatal(err)
		}
		if o := outcomes(res); o[alliance.MeasurementUnchanged] != len(good) {
			t.Fatalf("the same batch again: %v, want all %d unchanged", o, len(good))
		}
		if w.measurements() != rows0+len(good) || w.audits() != audits1 {
			t.Fatalf("the same batch again wrote: %d measurements, %d audit entries", w.measurements(), w.audits())
		}

		// Another value updates the availability rows in place.
		changed := w.batch(97.5)
		res, err = d.RecordMeasurements(ctx, changed, false)
		if err != nil {
			t.Fatal(err)
		}
		if o := outcomes(res); o[alliance.MeasurementUpdated] != len(good)/2 || o[alliance.MeasurementUnchanged] != len(good)/2 {
			t.Fatalf("new values: %v, want %d updated and %d unchanged", o, len(good)/2, len(good)/2)
		}
		latest, err := d.Measurements(ctx, []alliance.MeasurementQuery{{ServiceID: w.services[0], Metric: "availability", Last: 1}})
		if err != nil {
			t.Fatal(err)
		}
		if len(latest[0]) != 1 || latest[0][0].Value != 97.5 {
			t.Fatalf("latest availability %+v, want 97.5", latest[0])
		}
		if w.measurements() != rows0+len(good) || w.audits() != audits1+1 {
			t.Fatalf("the updates: %d measurements, %d audit entries, want %d and %d", w.measurements(), w.audits(), rows0+len(good), audits1+1)
		}
		w.checkFigures()

		// Atomic: one refused row writes nothing.
		audits2 := w.audits()
		atomicIn := append(w.batch(95), bad[0])
		res, err = d.RecordMeasurements(ctx, atomicIn, true)
		if err != nil {
			t.Fatal(err)
		}
		if o := outcomes(res); o[alliance.MeasurementRefused] != len(atomicIn) {
			t.Fatalf("atomic with a refused row: %v, want every row refused", o)
		}
		if res[0].Field != "" || !strings.Contains(res[0].Message, "atomic") || res[len(res)-1].Field != "serviceId" {
			t.Errorf("atomic refusals: %+v and %+v", res[0], res[len(res)-1])
		}
		latest, _ = d.Measurements(ctx, []alliance.MeasurementQuery{{ServiceID: w.services[0], Metric: "availability", Last: 1}})
		if latest[0][0].Value != 97.5 || w.audits() != audits2 || w.measurements() != rows0+len(good) {
			t.Fatalf("an atomic batch with a refused row wrote: latest %v, %d audit entries", latest[0][0].Value, w.audits())
		}
		// And atomic without refusals writes it all.
		res, err = d.RecordMeasurements(ctx, w.batch(95), true)
		if err != nil {
			t.Fatal(err)
		}
		if o := outcomes(res); o[alliance.MeasurementUpdated] != len(good)/2 {
			t.Fatalf("atomic batch: %v", o)
		}
		w.checkFigures()

		// No source and a source are two measurements.
		start := time.Date(2031, 3, 1, 0, 0, 0, 0, time.UTC)
		plain := alliance.MeasurementInput{ServiceID: w.services[1], Metric: "support_hours", Value: 40, PeriodStart: start, PeriodEnd: start.AddDate(0, 1, 0)}
		src := "tickets"
		sourced := plain
		sourced.Source = &src
		res, err = d.RecordMeasurements(ctx, []alliance.MeasurementInput{plain, sourced}, false)
		if err != nil || outcomes(res)[alliance.MeasurementCreated] != 2 {
			t.Fatalf("with and without a source: %v, %v", outcomes(res), err)
		}
		res, err = d.RecordMeasurements(ctx, []alliance.MeasurementInput{plain, sourced}, false)
		if err != nil || outcomes(res)[alliance.MeasurementUnchanged] != 2 {
			t.Fatalf("with and without a source, again: %v, %v", outcomes(res), err)
		}

		// One measurement of a known identity updates it.
		one := plain
		one.Value = 45
		m, err := d.RecordMeasurement(ctx, one)
		if err != nil {
			t.Fatal(err)
		}
		if m.ID != res[0].Measurement.ID || m.Value != 45 {
			t.Fatalf("recordMeasurement of a known identity: id %d value %v, want id %d value 45", m.ID, m.Value, res[0].Measurement.ID)
		}
		w.checkFigures()

		// Too many rows: refused whole.
		_, err = d.RecordMeasurements(ctx, make([]alliance.MeasurementInput, alliance.MaxMeasurementBatch+1), false)
		if alliance.ErrorCode(err) != alliance.EINVALID {
			t.Fatalf("a batch of %d rows: %v, want BAD_USER_INPUT", alliance.MaxMeasurementBatch+1, err)
		}
	})
}

func TestIngestTokenLimitedToServices(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		w := newIngestWorld(t, d)
		admin := alliance.WithPrincipal(context.Background(), &alliance.Principal{Name: "admin", Role: alliance.Admin})
		ours, foreign := w.services[0], w.services[1]

		// Made with createToken: the ids must exist, and only INGEST
		// takes them.
		if _, _, err := d.CreateToken(admin, alliance.TokenInput{Name: "bad", Role: alliance.Ingest, ServiceIDs: []int64{ours, 999999}}); alliance.ErrorCode(err) != alliance.ENOTFOUND || !strings.Contains(err.Error(), "999999") {
			t.Fatalf("an ingest token for a missing service: %v", err)
		}
		if _, _, err := d.CreateToken(admin, alliance.TokenInput{Name: "bad", Role: alliance.Editor, ServiceIDs: []int64{ours}}); alliance.ErrorCode(err) != alliance.EINVALID {
			t.Fatalf("an editor token limited to services: %v", err)
		}
		tok, secret, err := d.CreateToken(admin, alliance.TokenInput{Name: "prometheus", Role: alliance.Ingest, ServiceIDs: []int64{ours}})
		if err != nil {
			t.Fatal(err)
		}
		if !tok.ServicesLimited || len(tok.ServiceIDs) != 1 || tok.ServiceIDs[0] != ours {
			t.Fatalf("token services %v %v", tok.ServicesLimited, tok.ServiceIDs)
		}
		p, err := d.Authenticate(context.Background(), secret)
		if err != nil {
			t.Fatal(err)
		}
		if p.Role != alliance.Ingest || !p.ServicesLimited || !p.MayRecord(ours) || p.MayRecord(foreign) {
			t.Fatalf("principal %+v", p)
		}
		ctx := alliance.WithPrincipal(context.Background(), p)
		rows0 := w.measurements()
		start := time.Date(2032, 1, 1, 0, 0, 0, 0, time.UTC)
		in := []alliance.MeasurementInput{
			{ServiceID: ours, Metric: "availability", Value: 99.9, PeriodStart: start, PeriodEnd: start.AddDate(0, 1, 0)},
			{ServiceID: foreign, Metric: "availability", Value: 99.9, PeriodStart: start, PeriodEnd: start.AddDate(0, 1, 0)},
		}
		res, err := d.RecordMeasurements(ctx, in, true)
		if err != nil {
			t.Fatal(err)
		}
		if res[1].Outcome != alliance.MeasurementRefused || res[1].Field != "serviceId" || res[0].Outcome != alliance.MeasurementRefused || w.measurements() != rows0 {
			t.Fatalf("atomic with a foreign service: %+v; %d measurements, want %d", res, w.measurements(), rows0)
		}
		res, err = d.RecordMeasurements(ctx, in, false)
		if err != nil {
			t.Fatal(err)
		}
		if res[0].Outcome != alliance.MeasurementCreated || res[1].Outcome != alliance.MeasurementRefused || res[1].Field != "serviceId" || w.measurements() != rows0+1 {
			t.Fatalf("a foreign service: %+v; %d measurements, want %d", res, w.measurements(), rows0+1)
		}
		if _, err := d.RecordMeasurement(ctx, in[1]); alliance.ErrorCode(err) != alliance.EFORBIDDEN {
			t.Fatalf("recordMeasurement of a foreign service: %v, want FORBIDDEN", err)
		}
		// The server's own puller (no principal) is not limited.
		res, err = d.RecordMeasurements(context.Background(), in, false)
		if err != nil || res[1].Outcome != alliance.MeasurementCreated {
			t.Fatalf("without a principal: %+v, %v", res, err)
		}
		w.checkFigures()

		// People may not have INGEST.
		if _, err := d.InviteUser(admin, alliance.UserInput{Email: "m@example.com", Name: "M", Role: alliance.Ingest}); alliance.ErrorCode(err) != alliance.EINVALID {
			t.Fatalf("a user with the INGEST role: %v", err)
		}
	})
}
