package graph_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"alliance"
	"alliance/prom/promtest"
)

const (
	createSource = `mutation($in: MeasurementSourceInput!) { createMeasurementSource(input: $in) {
		id expression period url authKind hasCredentials horizon paused lastStatus nextPeriodEnd metric { key } service { id } } }`
	sourceFields = `id expression url authKind hasCredentials horizon paused lastStatus lastRunAt lastError lastPeriodStart lastPeriodEnd`
)

type sourceOut struct {
	ID, Expression, URL, AuthKind  string
	HasCredentials, Paused         bool
	Horizon                        int
	LastStatus, LastError          *string
	LastRunAt                      *string
	LastPeriodStart, LastPeriodEnd *string
	NextPeriodEnd                  string
	Metric                         struct{ Key string }
	Service                        struct{ ID string }
}

// The credentials are stored and sent, and never answered nor audited.
func TestMeasurementSourceCredentials(t *testing.T) {
	var mu sync.Mutex
	var seen []string
	fake := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.Header.Get("Authorization")+" "+r.URL.Path+" "+r.URL.Query().Get("query"))
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"status":"success","data":{"resultType":"scalar","result":[1700000000,"99.5"]}}`))
	}))
	defer fake.Close()
	eachAPI(t, func(t *testing.T, a *api) {
		seen = nil
		svc := a.id(createService, in(map[string]any{"name": "ERP Hosting"}))
		var out struct{ CreateMeasurementSource sourceOut }
		a.ok(createSource, in(map[string]any{"serviceId": svc, "metric": "availability", "expression": "up", "period": "WEEKLY",
			"url": fake.URL + "/", "auth": map[string]any{"bearerToken": "s3cret-token"}}), &out)
		s := out.CreateMeasurementSource
		if s.URL != fake.URL || s.AuthKind != "BEARER" || !s.HasCredentials || s.Horizon != 12 || s.Paused || s.LastStatus != nil ||
			s.Metric.Key != "availability" || s.Service.ID != svc {
			t.Fatalf("created: %+v", s)
		}
		next, _ := time.Parse(time.RFC3339, s.NextPeriodEnd)
		if want := alliance.Weekly.End(alliance.Weekly.Start(time.Now())); !next.Equal(want) {
			t.Fatalf("next period end %s, want %s", next, want)
		}
		var test struct {
			TestMeasurementSource struct {
				Status string
				Value  *float64
				Error  *string
			}
		}
		a.ok(`mutation($id: ID) { testMeasurementSource(id: $id) { status value error at } }`, map[string]any{"id": s.ID}, &test)
		if tr := test.TestMeasurementSource; tr.Status != "OK" || tr.Value == nil || *tr.Value != 99.5 || tr.Error != nil {
			t.Fatalf("test: %+v", tr)
		}
		if len(seen) != 1 || seen[0] != "Bearer s3cret-token /api/v1/query up" {
			t.Fatalf("Prometheus was asked %q", seen)
		}
		// Basic instead; then none.
		a.ok(`mutation($id: ID!) { updateMeasurementSource(id: $id, input: {auth: {username: "grafana", password: "pw"}}) { id } }`,
			map[string]any{"id": s.ID}, nil)
		a.ok(`mutation($id: ID) { testMeasurementSource(id: $id) { status } }`, map[string]any{"id": s.ID}, nil)
		if seen[1] != "Basic Z3JhZmFuYTpwdw== /api/v1/query up" {
			t.Fatalf("Prometheus was asked %q", seen[1])
		}
		var got struct{ MeasurementSource sourceOut }
		a.ok(`query($id: ID!) { measurementSource(id: $id) { `+sourceFields+` } }`, map[string]any{"id": s.ID}, &got)
		if got.MeasurementSource.AuthKind != "BASIC" || !got.MeasurementSource.HasCredentials {
			t.Fatalf("basic: %+v", got.MeasurementSource)
		}
		a.ok(`mutation($id: ID!) { updateMeasurementSource(id: $id, input: {auth: null, paused: true}) { id } }`, map[string]any{"id": s.ID}, nil)
		a.ok(`query($id: ID!) { measurementSource(id: $id) { `+sourceFields+` } }`, map[string]any{"id": s.ID}, &got)
		if got.MeasurementSource.AuthKind != "NONE" || got.MeasurementSource.HasCredentials || !got.MeasurementSource.Paused {
			t.Fatalf("no credentials: %+v", got.MeasurementSource)
		}
		// Nothing answered or audited holds a secret.
		r := a.post(`{ auditLog(first: 100) { nodes { entity action before after } } measurementSources { `+sourceFields+` } }`, nil)
		if len(r.Errors) > 0 {
			t.Fatal(r.Errors)
		}
		body := string(r.Data)
		for _, secret := range []string{"s3cret", "grafana", `"pw"`, "Z3JhZmFuYTpwdw"} {
			if strings.Contains(body, secret) {
				t.Errorf("%s answered: %s", secret, body)
			}
		}
		if !strings.Contains(body, `"entity":"MeasurementSource","action":"UPDATE"`) || !strings.Contains(body, `"authKind":"BEARER"`) {
			t.Errorf("the changes are not audited: %s", body)
		}
	})
}

func TestMeasurementSourceValidation(t *testing.T) {
	eachAPI(t, func(t *testing.T, a *api) {
		svc := a.id(createService, in(map[string]any{"name": "ERP Hosting"}))
		good := func() map[string]any {
			return map[string]any{"serviceId": svc, "metric": "availability", "expression": "up", "period": "DAILY", "url": "http://127.0.0.1:9/"}
		}
		for _, c := range []struct {
			key   string
			value any
			code  string
			field string
		}{
			{"url", "ftp://prometheus", "BAD_USER_INPUT", "url"},
			{"url", "not a url", "BAD_USER_INPUT", "url"},
			{"expression", "   ", "BAD_USER_INPUT", "expression"},
			{"expression", strings.Repeat("x", alliance.MaxExpressionLength+1), "BAD_USER_INPUT", "expression"},
			{"metric", "no_such_metric", "BAD_USER_INPUT", "metric"},
			{"serviceId", "999999", "NOT_FOUND", "serviceId"},
			{"horizon", 0, "BAD_USER_INPUT", "horizon"},
			{"horizon", 401, "BAD_USER_INPUT", "horizon"},
			{"auth", map[string]any{"bearerToken": "t", "username": "u"}, "BAD_USER_INPUT", "auth.bearerToken"},
		} {
			v := good()
			v[c.key] = c.value
			a.fails(createSource, in(v), c.code, c.field)
		}
		// An unknown period is refused by the schema.
		v := good()
		v["period"] = "HOURLY"
		if r := a.post(createSource, in(v)); len(r.Errors) == 0 || !strings.Contains(r.Errors[0].Message, "HOURLY") {
			t.Fatalf("HOURLY: %+v", r)
		}
		if n := a.count("measurement_sources"); n != 0 {
			t.Fatalf("%d sources written by refused inputs", n)
		}
		id := a.id(createSource, in(good()))
		a.fails(`mutation($id: ID!) { updateMeasurementSource(id: $id, input: {expression: null}) { id } }`, map[string]any{"id": id}, "BAD_USER_INPUT", "expression")
		a.fails(`mutation($id: ID!) { updateMeasurementSource(id: $id, input: {url: "http://x/?q=1"}) { id } }`, map[string]any{"id": id}, "BAD_USER_INPUT", "url")
		a.fails(`mutation { testMeasurementSource { status } }`, nil, "BAD_USER_INPUT", "id")
		a.fails(`mutation { pullMeasurementSource(id: "999999") { status } }`, nil, "NOT_FOUND", "id")
		// A metric measured by a source stays; deleting the service removes
		// its sources.
		a.fails(`mutation { deleteMetric(key: "availability") }`, nil, "CONFLICT", "key")
		a.ok(`mutation($id: ID!) { deleteService(id: $id) }`, map[string]any{"id": svc}, nil)
		if n := a.count("measurement_sources"); n != 0 {
			t.Fatalf("%d sources left after their service", n)
		}
	})
}

// Through the API against a real Prometheus: test an expression before
// saving it, save it, pull (twice), and read what was recorded.
func TestMeasurementSourcePull(t *testing.T) {
	today := alliance.Daily.Start(time.Now())
	series := promtest.Series{Name: "probe_success", Labels: map[string]string{"job": "erp"}}
	for d := 3; d >= 1; d-- {
		day := today.AddDate(0, 0, -d)
		for i := 0; i < 24; i++ {
			v := 1.0
			if i < d { // d failed hourly probes on the day d days ago
				v = 0
			}
			series.Samples = append(series.Samples, promtest.Sample{At: day.Add(time.Duration(i)*time.Hour + 30*time.Minute), Value: v})
		}
	}
	p := promtest.Start(t, []promtest.Series{series})
	eachAPI(t, func(t *testing.T, a *api) {
		svc := a.id(createService, in(map[string]any{"name": "ERP Hosting"}))
		input := map[string]any{"serviceId": svc, "metric": "availability", "period": "DAILY", "url": p.URL, "horizon": 3,
			"expression": `sum_over_time(probe_success{job="erp"}[1d]) / count_over_time(probe_success{job="erp"}[1d]) * 100`}
		var test struct {
			TestMeasurementSource struct {
				Status string
				Value  *float64
				Error  *string
			}
		}
		// Now, the last day's samples are in the range only up to now: the
		// count over 30 days is exact whatever the time of day.
		count := map[string]any{}
		for k, v := range input {
			count[k] = v
		}
		count["expression"] = `count_over_time(probe_success{job="erp"}[30d])`
		a.ok(`mutation($in: MeasurementSourceInput) { testMeasurementSource(input: $in) { status value error } }`, in(count), &test)
		if tr := test.TestMeasurementSource; tr.Status != "OK" || tr.Value == nil || *tr.Value != 72 {
			t.Fatalf("test: %+v", tr)
		}
		if n := a.count("measurement_sources") + a.count("measurements"); n != 0 {
			t.Fatalf("a test wrote %d rows", n)
		}
		id := a.id(createSource, in(input))
		var pull struct {
			PullMeasurementSource struct {
				Status   string
				Recorded int
				Error    *string
				Source   sourceOut
			}
		}
		const pullDoc = `mutation($id: ID!) { pullMeasurementSource(id: $id) { status recorded error source { ` + sourceFields + ` } } }`
		a.ok(pullDoc, map[string]any{"id": id}, &pull)
		pr := pull.PullMeasurementSource
		if pr.Status != "OK" || pr.Recorded != 3 || pr.Error != nil || pr.Source.LastStatus == nil || *pr.Source.LastStatus != "OK" ||
			pr.Source.LastPeriodEnd == nil || *pr.Source.LastPeriodEnd != today.Format(time.RFC3339) ||
			*pr.Source.LastPeriodStart != today.AddDate(0, 0, -1).Format(time.RFC3339) {
			t.Fatalf("pull: %+v", pr)
		}
		a.ok(pullDoc, map[string]any{"id": id}, &pull)
		if pr := pull.PullMeasurementSource; pr.Status != "UNCHANGED" || pr.Recorded != 0 {
			t.Fatalf("again: %+v", pr)
		}
		var out struct {
			Service struct {
				Measurements []struct {
					Value     float64
					PeriodEnd string
					Source    string
				}
				MeasurementSources []struct{ ID string }
			}
		}
		a.ok(`query($id: ID!) { service(id: $id) { measurements { value periodEnd source } measurementSources { id } } }`, map[string]any{"id": svc}, &out)
		ms := out.Service.Measurements
		if len(ms) != 3 || len(out.Service.MeasurementSources) != 1 || out.Service.MeasurementSources[0].ID != id {
			t.Fatalf("%+v", out)
		}
		for i, m := range ms { // newest first: the day i+1 days ago had i+1 failures
			if want := float64(24-(i+1)) / 24 * 100; m.Value != want || m.Source != "prometheus:"+id ||
				m.PeriodEnd != today.AddDate(0, 0, -i).Format(time.RFC3339) {
				t.Errorf("measurement %d: %+v, want %v", i, m, want)
			}
		}
	})
}
