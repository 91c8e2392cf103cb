package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"alliance/db/dbtest"
	"alliance/prom/promtest"
)

const testMetricsToken = "metrics-token-for-the-tests-0123"

// scrape reads /metrics with the metrics token and parses it.
func scrape(t *testing.T, base string) map[string]*dto.MetricFamily {
	t.Helper()
	res := request(t, "GET", base+"/metrics", "", "", map[string]string{"Authorization": "Bearer " + testMetricsToken})
	if res.status != 200 || !strings.HasPrefix(res.header.Get("Content-Type"), "text/plain") {
		t.Fatalf("/metrics: %d %s %s", res.status, res.header.Get("Content-Type"), res.body)
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(strings.NewReader(res.body))
	if err != nil {
		t.Fatalf("/metrics does not parse: %v\n%s", err, res.body)
	}
	return fams
}

// metricValue is the value of the series of family name whose labels include
// want (a counter's or gauge's value, a histogram's count), summed over the
// series that match; -1 when none does.
func metricValue(fams map[string]*dto.MetricFamily, name string, want map[string]string) float64 {
	f, ok := fams[name]
	if !ok {
		return -1
	}
	total, found := 0.0, false
	for _, m := range f.Metric {
		labels := map[string]string{}
		for _, l := range m.Label {
			labels[l.GetName()] = l.GetValue()
		}
		match := true
		for k, v := range want {
			if labels[k] != v {
				match = false
			}
		}
		if !match {
			continue
		}
		found = true
		switch {
		case m.Counter != nil:
			total += m.Counter.GetValue()
		case m.Gauge != nil:
			total += m.Gauge.GetValue()
		case m.Histogram != nil:
			total += float64(m.Histogram.GetSampleCount())
		}
	}
	if !found {
		return -1
	}
	return total
}

func TestMetricsOffWithoutToken(t *testing.T) {
	s := start(t, []string{"--db", dbtest.URL(t, "sqlite")}, nil)
	for _, h := range []map[string]string{nil, admin, {"Authorization": "Bearer " + testMetricsToken}} {
		res := request(t, "GET", s.url+"/metrics", "", "", h)
		if res.status != 404 || strings.Contains(res.body, "alliance_") || decode(t, res.body).Errors[0].Extensions["code"] != "NOT_FOUND" {
			t.Fatalf("/metrics without --metrics-token: %d %s", res.status, res.body)
		}
	}
	if err := runQuiet(t, []string{"serve", "--metrics-token", "short"}); err == nil || !strings.Contains(err.Error(), "metrics-token") {
		t.Fatalf("a short token: %v", err)
	}
}

// runQuiet runs the program with args and returns its error.
func runQuiet(t *testing.T, args []string) error {
	t.Helper()
	var out, errOut syncBuffer
	return run(t.Context(), args, func(string) string { return "" }, &out, &errOut)
}

func TestMetrics(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			s := start(t, []string{"--db", dbtest.URL(t, dialect), "--demo"}, map[string]string{"ALLIANCE_METRICS_TOKEN": testMetricsToken})

			// Only the token opens it.
			for _, tc := range []struct {
				header map[string]string
				status int
			}{
				{nil, 401},
				{map[string]string{"Authorization": "Basic " + testMetricsToken}, 401},
				{map[string]string{"Authorization": "Bearer "}, 401},
				{map[string]string{"Authorization": "Bearer " + testMetricsToken + "x"}, 403},
				{map[string]string{"Authorization": "Bearer metrics-token-for-the-tests-0124"}, 403},
				{admin, 403}, // an admin API token is not the metrics token
			} {
				res := request(t, "GET", s.url+"/metrics", "", "", tc.header)
				if res.status != tc.status || strings.Contains(res.body, "alliance_http") {
					t.Fatalf("%v: %d %s", tc.header, res.status, res.body)
				}
			}

			before := scrape(t, s.url)
			probe := map[string]string{"operation": "MetricsProbe", "status": "2xx", "code": "none", "role": "admin"}
			if v := metricValue(before, "alliance_http_requests_total", probe); v != -1 {
				t.Fatalf("MetricsProbe counted before it ran: %v", v)
			}
			for range 3 {
				if r := postQuery(t, s.url, `query MetricsProbe { clients { totalCount } }`, nil); len(r.Errors) > 0 {
					t.Fatal(r.Errors)
				}
			}
			// A refused one: its code, and no role (no principal).
			request(t, "POST", s.url+"/graphql", "application/json", `{"query":"query Nope { clients { totalCount } }"}`, nil)
			// A mutation that moves figures and records a measurement.
			r := postQuery(t, s.url, `mutation Record { recordMeasurement(input: {serviceId: "1", metric: "availability", value: 99.5,
				periodStart: "2026-01-01T00:00:00Z", periodEnd: "2026-02-01T00:00:00Z", source: "metrics test"}) { id } }`, nil)
			if len(r.Errors) > 0 {
				t.Fatal(r.Errors)
			}
			if r := postQuery(t, s.url, `mutation NewClient { createClient(input: {name: "Metrics Test Client"}) { id } }`, nil); len(r.Errors) > 0 {
				t.Fatal(r.Errors)
			}
			// A batch of two new measurements and one refused: two counted.
			if r := postQuery(t, s.url, `mutation Batch { recordMeasurements(input: [
				{serviceId: "1", metric: "availability", value: 99.1, periodStart: "2026-02-01T00:00:00Z", periodEnd: "2026-03-01T00:00:00Z", source: "metrics test"},
				{serviceId: "1", metric: "availability", value: 99.2, periodStart: "2026-03-01T00:00:00Z", periodEnd: "2026-04-01T00:00:00Z", source: "metrics test"},
				{serviceId: "1", metric: "availability", value: 99.3, periodStart: "2026-05-01T00:00:00Z", periodEnd: "2026-04-01T00:00:00Z", source: "metrics test"}]) { created refused } }`, nil); len(r.Errors) > 0 {
				t.Fatal(r.Errors)
			}
			// A measurement source, paused, not pulled yet.
			if r := postQuery(t, s.url, `mutation NewSource { createMeasurementSource(input: {serviceId: "1", metric: "availability",
				expression: "vector(99.9)", period: DAILY, url: "http://127.0.0.1:9", paused: true}) { id } }`, nil); len(r.Errors) > 0 {
				t.Fatal(r.Errors)
			}
			// A failed mutation: its code.
			postQuery(t, s.url, `mutation Bad { createMetric(input: {key: "", name: "", unit: "", direction: HIGHER_IS_BETTER}) { key } }`, nil)
			// Many names: at most maxOperationNames are told apart.
			for i := range maxOperationNames + 5 {
				postQuery(t, s.url, fmt.Sprintf(`query N%d { __typename }`, i), nil)
			}
			postQuery(t, s.url, `{ __typename }`, nil)

			after := scrape(t, s.url)
			for _, c := range []struct {
				name   string
				labels map[string]string
				want   float64
			}{
				{"alliance_http_requests_total", probe, 3},
				{"alliance_http_request_duration_seconds", map[string]string{"operation": "MetricsProbe"}, 3},
				{"alliance_http_requests_total", map[string]string{"operation": "unknown", "status": "4xx", "code": "UNAUTHENTICATED", "role": "none"}, 1},
				{"alliance_http_requests_total", map[string]string{"operation": "Record", "code": "none", "role": "admin"}, 1},
				{"alliance_http_requests_total", map[string]string{"operation": "Bad", "code": "BAD_USER_INPUT"}, 1},
				{"alliance_http_requests_total", map[string]string{"operation": "anonymous"}, 1},
				{"alliance_measurements_recorded_total", map[string]string{"via": "api"}, 1},
				{"alliance_measurements_recorded_total", map[string]string{"via": "batch"}, 2},
				{"alliance_figures_refresh_seconds", map[string]string{"kind": "write"}, metricValue(before, "alliance_figures_refresh_seconds", map[string]string{"kind": "write"}) + 1},
				{"alliance_refusals_total", map[string]string{"limit": "sign_in"}, 0},
				{"alliance_measurement_sources", map[string]string{"status": "never", "paused": "true"}, 1},
				{"alliance_write_conflicts_total", nil, 0},
			} {
				if got := metricValue(after, c.name, c.labels); got != c.want {
					t.Errorf("%s%v = %v, want %v", c.name, c.labels, got, c.want)
				}
			}
			names := 0
			for _, m := range after["alliance_http_requests_total"].Metric {
				for _, l := range m.Label {
					if l.GetName() == "operation" && strings.HasPrefix(l.GetValue(), "N") && l.GetValue() != "Nope" && l.GetValue() != "NewClient" && l.GetValue() != "NewSource" {
						names++
					}
				}
			}
			// The GraphQL names told apart: MetricsProbe, Record, NewClient,
			// NewSource, Batch, Bad and the N<i> until the cap; the rest are "other". (Nope
			// was refused before its operation was read: unknown.)
			if other := metricValue(after, "alliance_http_requests_total", map[string]string{"operation": "other"}); names != maxOperationNames-6 || other != maxOperationNames+5-float64(names) {
				t.Errorf("%d N<i> names kept, %v others", names, other)
			}
			if got, was := metricValue(after, "alliance_sql_statements_total", nil), metricValue(before, "alliance_sql_statements_total", nil); got <= was || was <= 0 {
				t.Errorf("statements: %v then %v", was, got)
			}
			if v := metricValue(after, "go_sql_max_open_connections", map[string]string{"db_name": dialect}); v < 1 {
				t.Errorf("pool: %v", v)
			}
			if v := metricValue(after, "alliance_http_requests_total", map[string]string{"operation": "GET /metrics", "status": "2xx"}); v != 1 {
				t.Errorf("scrapes counted: %v", v)
			}

			// A sign-in refused by the limits.
			join(t, s.url, "ada@example.com", "Ada", "VIEWER", "", adaPassword)
			for i := 1; i <= freeAccountFailures; i++ {
				postJSON(t, s.url, "/api/session", map[string]any{"email": "ada@example.com", "password": "guess " + itoa(i)}, nil)
			}
			if res := postJSON(t, s.url, "/api/session", map[string]any{"email": "ada@example.com", "password": adaPassword}, nil); res.status != 429 {
				t.Fatalf("sign-in after %d failures: %d", freeAccountFailures, res.status)
			}
			if v := metricValue(scrape(t, s.url), "alliance_refusals_total", map[string]string{"limit": "sign_in"}); v != 1 {
				t.Errorf("sign-in refusals: %v", v)
			}
		})
	}
}

// TestMetricsScrapedByPrometheus has Debian's Prometheus scrape the server:
// with the token it is up and reads the request counter; with another
// token it is down.
func TestMetricsScrapedByPrometheus(t *testing.T) {
	promtest.Require(t)
	s := start(t, []string{"--db", dbtest.URL(t, "sqlite")}, map[string]string{"ALLIANCE_METRICS_TOKEN": testMetricsToken})
	for range 7 {
		postQuery(t, s.url, `query PromProbe { clients { totalCount } }`, nil)
	}
	target := strings.TrimPrefix(s.url, "http://")
	config := fmt.Sprintf(`global:
  scrape_interval: 1s
  scrape_timeout: 1s
scrape_configs:
  - job_name: alliance
    authorization:
      type: Bearer
      credentials: %q
    static_configs:
      - targets: [%q]
  - job_name: wrong_token
    authorization:
      type: Bearer
      credentials: "not-the-metrics-token-0000000000"
    static_configs:
      - targets: [%q]
`, testMetricsToken, target, target)
	p := promtest.StartScraping(t, config)

	// query asks Prometheus for an instant vector: the value of each series
	// by its job.
	query := func(q string) (map[string]float64, error) {
		res, err := httpGet(p.URL + "/api/v1/query?query=" + url.QueryEscape(q))
		if err != nil {
			return nil, err
		}
		var body struct {
			Status string
			Data   struct {
				Result []struct {
					Metric map[string]string
					Value  []any
				}
			}
		}
		if err := json.Unmarshal([]byte(res), &body); err != nil || body.Status != "success" {
			return nil, fmt.Errorf("%s: %v", res, err)
		}
		out := map[string]float64{}
		for _, r := range body.Data.Result {
			s, _ := r.Value[1].(string)
			v, err := strconv.ParseFloat(s, 64)
			if err != nil {
				return nil, err
			}
			out[r.Metric["job"]] = v
		}
		return out, nil
	}
	deadline := time.Now().Add(60 * time.Second)
	for {
		up, err := query("up")
		probes, perr := query(`sum by (job) (alliance_http_requests_total{operation="PromProbe",role="admin",code="none"})`)
		if err == nil && perr == nil && up["alliance"] == 1 && len(up) == 2 && probes["alliance"] == 7 {
			if up["wrong_token"] != 0 {
				t.Fatalf("the job with a wrong token is up: %v", up)
			}
			if _, ok := probes["wrong_token"]; ok {
				t.Fatalf("the job with a wrong token read metrics: %v", probes)
			}
			t.Logf("Prometheus scraped /metrics: up=%v, PromProbe requests=%v", up, probes)
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("Prometheus never scraped the server: up=%v (%v), probes=%v (%v)\n%s", up, err, probes, perr, p.Log())
		}
		time.Sleep(250 * time.Millisecond)
	}
}

// httpGet returns the body of a GET.
func httpGet(u string) (string, error) {
	resp, err := http.Get(u)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return string(b), err
}
