package prom_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"alliance"
	"alliance/db"
	"alliance/db/dbtest"
	"alliance/prom"
	"alliance/prom/promtest"
)

// days of generated samples, ending at the start of today (UTC).
const days = 20

// perDay samples of probe_success per day and series: one every 10
// minutes, 5 minutes past, so that no sample lies on a day's boundary.
const perDay = 144

// failures is how many probes of job erp failed on day d (0: the oldest).
func failures(d int) int { return (d * 7) % 23 }

// fixture is the Prometheus of the tests: probe_success of job erp (1 or 0,
// with failures(d) zeros on day d) and of job crm (always 1), for the days
// before today.
type fixture struct {
	url   string
	today time.Time // the start of today, UTC
}

func start(t *testing.T) *fixture {
	t.Helper()
	promtest.Require(t)
	today := alliance.Daily.Start(time.Now())
	erp := promtest.Series{Name: "probe_success", Labels: map[string]string{"job": "erp"}}
	crm := promtest.Series{Name: "probe_success", Labels: map[string]string{"job": "crm"}}
	for d := 0; d < days; d++ {
		day := today.AddDate(0, 0, d-days)
		for i := 0; i < perDay; i++ {
			at := day.Add(time.Duration(i)*10*time.Minute + 5*time.Minute)
			v := 1.0
			if i < failures(d) {
				v = 0
			}
			erp.Samples = append(erp.Samples, promtest.Sample{At: at, Value: v})
			crm.Samples = append(crm.Samples, promtest.Sample{At: at, Value: 1})
		}
	}
	s := promtest.Start(t, []promtest.Series{erp, crm})
	return &fixture{url: s.URL, today: today}
}

// expected is the availability of job erp on the day that starts at day,
// computed from the samples as Prometheus computes sum / count * 100.
func (f *fixture) expected(day time.Time) float64 {
	d := days - int(f.today.Sub(day)/(24*time.Hour))
	ok := perDay - failures(d)
	return float64(ok) / float64(perDay) * 100
}

const availability = `sum_over_time(probe_success{job="erp"}[1d]) / count_over_time(probe_success{job="erp"}[1d]) * 100`

// setup makes a service and a source of it over d.
func setup(t *testing.T, d *db.DB, url, expr string, horizon int) *alliance.MeasurementSource {
	t.Helper()
	ctx := alliance.WithActor(context.Background(), "tester")
	svc, err := d.CreateService(ctx, alliance.ServiceInput{Name: "ERP Hosting " + fmt.Sprint(time.Now().UnixNano())})
	if err != nil {
		t.Fatal(err)
	}
	s, err := d.CreateMeasurementSource(ctx, alliance.MeasurementSourceInput{
		ServiceID: svc.ID, Metric: "availability", Expression: expr, Period: alliance.Daily, URL: url, Horizon: &horizon,
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func measurements(t *testing.T, d *db.DB, s *alliance.MeasurementSource) []*alliance.Measurement {
	t.Helper()
	out, err := d.Measurements(context.Background(), []alliance.MeasurementQuery{{ServiceID: s.ServiceID, Metric: s.Metric, Last: 1000}})
	if err != nil {
		t.Fatal(err)
	}
	return out[0]
}

func TestPullBackfillsExactValues(t *testing.T) {
	f := start(t)
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := alliance.WithActor(context.Background(), prom.Actor)
		s := setup(t, d, f.url, availability, 5)
		p := &prom.Puller{Store: d}
		run, err := p.Pull(ctx, s)
		if err != nil {
			t.Fatal(err)
		}
		if run.Status != alliance.SourceOK || run.Recorded != 5 || run.Error != nil || !run.LastPeriodEnd.Equal(f.today) {
			t.Fatalf("first pull: %+v", run)
		}
		got := measurements(t, d, s)
		if len(got) != 5 {
			t.Fatalf("%d measurements, want 5", len(got))
		}
		for i, m := range got { // newest first
			start := f.today.AddDate(0, 0, -1-i)
			if !m.PeriodStart.Equal(start) || !m.PeriodEnd.Equal(start.AddDate(0, 0, 1)) {
				t.Errorf("measurement %d: period %s – %s, want the day from %s", i, m.PeriodStart, m.PeriodEnd, start)
			}
			if want := f.expected(start); m.Value != want {
				t.Errorf("day %s: %v, want exactly %v", start.Format(time.DateOnly), m.Value, want)
			}
			if m.Source == nil || *m.Source != s.Tag() {
				t.Errorf("source %v, want %s", m.Source, s.Tag())
			}
		}
		// Every day differs from the next: the values are each day's own.
		if got[0].Value == got[1].Value {
			t.Fatalf("two days alike: %v", got[0].Value)
		}

		// Again: nothing is missing, nothing is written.
		run, err = p.Pull(ctx, s)
		if err != nil || run.Status != alliance.SourceUnchanged || run.Recorded != 0 {
			t.Fatalf("second pull: %+v %v", run, err)
		}
		if n := len(measurements(t, d, s)); n != 5 {
			t.Fatalf("re-pull: %d measurements", n)
		}

		// A longer horizon backfills the older days only; a removed day is
		// filled again.
		editor := alliance.WithActor(context.Background(), "tester")
		if err := d.DeleteMeasurement(editor, got[2].ID); err != nil {
			t.Fatal(err)
		}
		s, err = d.UpdateMeasurementSource(editor, s.ID, alliance.MeasurementSourcePatch{Horizon: alliance.Some(8)})
		if err != nil {
			t.Fatal(err)
		}
		run, err = p.Pull(ctx, s)
		if err != nil || run.Status != alliance.SourceOK || run.Recorded != 4 {
			t.Fatalf("backfill: %+v %v", run, err)
		}
		got = measurements(t, d, s)
		if len(got) != 8 {
			t.Fatalf("%d measurements after the backfill, want 8", len(got))
		}
		for _, m := range got {
			if want := f.expected(m.PeriodStart); m.Value != want {
				t.Errorf("day %s: %v, want exactly %v", m.PeriodStart.Format(time.DateOnly), m.Value, want)
			}
		}
		// The last run is kept on the source.
		kept, err := d.MeasurementSource(ctx, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		if kept.LastStatus == nil || *kept.LastStatus != alliance.SourceOK || kept.LastRunAt == nil || kept.LastError != nil ||
			kept.LastPeriodEnd == nil || !kept.LastPeriodEnd.Equal(f.today) {
			t.Fatalf("last run kept: %+v", kept)
		}
		// The audit log says who recorded them: a batch of one a period.
		actor := prom.Actor
		entity := db.EntityMeasurementBatch
		n, err := d.CountAudit(ctx, alliance.AuditFilter{Entity: &entity, Actor: &actor})
		if err != nil || n != 9 {
			t.Fatalf("%d measurement batches audited as the puller's, want 9 (%v)", n, err)
		}
	})
}

// avg_over_time, the expression the README shows, gives the same figures
// (to the last bits of a running mean).
func TestPullAvgOverTime(t *testing.T) {
	f := start(t)
	d := dbtest.Open(t, dbtest.Dialects[0])
	s := setup(t, d, f.url, `avg_over_time(probe_success{job="erp"}[1d]) * 100`, 3)
	run, err := (&prom.Puller{Store: d}).Pull(context.Background(), s)
	if err != nil || run.Recorded != 3 {
		t.Fatalf("%+v %v", run, err)
	}
	for _, m := range measurements(t, d, s) {
		if want := f.expected(m.PeriodStart); m.Value < want-1e-9 || m.Value > want+1e-9 {
			t.Errorf("day %s: %v, want %v", m.PeriodStart.Format(time.DateOnly), m.Value, want)
		}
	}
}

func TestPullFailures(t *testing.T) {
	f := start(t)
	for _, c := range []struct {
		name, url, expr string
		status          alliance.SourceStatus
		says            string
		// testOK: a test shows the value, which only recording refuses.
		testOK bool
	}{
		{"unreachable", promtest.ClosedPort(t), availability, alliance.SourceUnreachable, "cannot be reached", false},
		{"not Prometheus", f.url + "/nothing", availability, alliance.SourceUnreachable, "HTTP 404", false},
		{"bad PromQL", f.url, `sum(probe_success{job="erp"}`, alliance.SourceQueryError, "Prometheus refused the query: bad_data", false},
		{"empty result", f.url, `sum_over_time(probe_success{job="nope"}[1d])`, alliance.SourceEmptyResult, "no sample", false},
		{"many series", f.url, `sum_over_time(probe_success[1d])`, alliance.SourceManySeries, `2 series ({job="`, false},
		{"NaN", f.url, `vector(NaN)`, alliance.SourceNotNumeric, "NaN, not a finite number", false},
		{"infinity", f.url, `scalar(vector(1)) / 0`, alliance.SourceNotNumeric, "+Inf", false},
		{"string", f.url, `"green"`, alliance.SourceNotNumeric, `a string ("green")`, false},
		{"range vector", f.url, `probe_success{job="erp"}[1h]`, alliance.SourceNotNumeric, "range vector", false},
		{"refused value", f.url, `vector(150)`, alliance.SourceRefused, "availability is a percentage", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			dbtest.Each(t, func(t *testing.T, d *db.DB) {
				s := setup(t, d, c.url, c.expr, 3)
				p := &prom.Puller{Store: d}
				test := p.Test(context.Background(), s)
				if c.testOK {
					if test.Status != alliance.SourceOK || test.Value == nil || *test.Value != 150 {
						t.Fatalf("test: %+v", test)
					}
				} else if test.Status != c.status || test.Value != nil || test.Error == nil || !strings.Contains(*test.Error, c.says) {
					t.Fatalf("test: %s %v, want %s saying %q", test.Status, deref(test.Error), c.status, c.says)
				}
				run, err := p.Pull(context.Background(), s)
				if err != nil {
					t.Fatal(err)
				}
				if run.Status != c.status || run.Recorded != 0 || run.Error == nil || !strings.Contains(*run.Error, c.says) {
					t.Fatalf("pull: %+v %s, want %s saying %q", run, deref(run.Error), c.status, c.says)
				}
				if n := len(measurements(t, d, s)); n != 0 {
					t.Fatalf("%d measurements written", n)
				}
				kept, err := d.MeasurementSource(context.Background(), s.ID)
				if err != nil {
					t.Fatal(err)
				}
				if kept.LastStatus == nil || *kept.LastStatus != c.status || kept.LastError == nil || *kept.LastError != *run.Error || kept.LastPeriodEnd != nil {
					t.Fatalf("kept: %+v", kept)
				}
			})
		})
	}
}

func deref(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}

// Two pullers over one database: one holds the lease and pulls; the other
// takes over only once the lease has expired, or at once when it is
// released.
func TestLeaseOnePullerAtATime(t *testing.T) {
	f := start(t)
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := setup(t, d, f.url, availability, 2)
		var mu sync.Mutex
		// Three days ago, an hour past midnight: a day later, the next day
		// is closed and has samples.
		now := f.today.AddDate(0, 0, -3).Add(time.Hour)
		clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
		advance := func(by time.Duration) { mu.Lock(); defer mu.Unlock(); now = now.Add(by) }
		a := &prom.Puller{Store: d, Clock: clock, Holder: "server a"}
		b := &prom.Puller{Store: d, Clock: clock, Holder: "server b"}
		ctx := context.Background()
		const ttl = time.Minute
		tick := func(p *prom.Puller, want bool) {
			t.Helper()
			held, err := p.Tick(ctx, ttl)
			if err != nil || held != want {
				t.Fatalf("%s: held %v (%v), want %v", p.Holder, held, err, want)
			}
		}
		tick(a, true)
		tick(b, false)
		if n := len(measurements(t, d, s)); n != 2 {
			t.Fatalf("%d measurements after a's round, want 2", n)
		}
		// A renews within its lease; b still waits.
		advance(50 * time.Second)
		tick(a, true)
		advance(50 * time.Second)
		tick(b, false)
		// A stops without releasing (a crash): b takes over after expiry.
		advance(ttl)
		tick(b, true)
		tick(a, false)
		// A day later, b pulls the new day: one measurement more, not two.
		advance(24 * time.Hour)
		tick(b, true)
		tick(a, false)
		if n := len(measurements(t, d, s)); n != 3 {
			t.Fatalf("%d measurements after a day, want 3", n)
		}
		// Released on a clean stop, the lease is a's at once.
		if err := d.ReleaseLease(ctx, prom.LeaseName, "server b"); err != nil {
			t.Fatal(err)
		}
		tick(a, true)
		tick(b, false)
	})
}

// Run pulls at once and every interval, and releases the lease when it
// stops.
func TestRunReleasesTheLease(t *testing.T) {
	f := start(t)
	d := dbtest.Open(t, dbtest.Dialects[0])
	s := setup(t, d, f.url, availability, 2)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	a := &prom.Puller{Store: d, Holder: "server a"}
	go func() { a.Run(ctx, time.Hour); close(done) }()
	deadline := time.Now().Add(30 * time.Second)
	for len(measurements(t, d, s)) < 2 {
		if time.Now().After(deadline) {
			t.Fatal("the loop did not pull at its start")
		}
		time.Sleep(50 * time.Millisecond)
	}
	cancel()
	<-done
	held, err := (&prom.Puller{Store: d, Holder: "server b"}).Tick(context.Background(), time.Minute)
	if err != nil || !held {
		t.Fatalf("after a stopped, b: held %v, %v", held, err)
	}
}
