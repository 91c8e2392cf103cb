package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"alliance"
	"alliance/db/dbtest"
	"alliance/prom/promtest"
)

// Two servers over one database, both pulling every second: one holds the
// lease and records each period once; when it stops, the other takes over
// and records what is missing.
func TestTwoServersOnePulls(t *testing.T) {
	today := alliance.Daily.Start(time.Now())
	series := promtest.Series{Name: "probe_success", Labels: map[string]string{"job": "erp"}}
	for h := 0; h < 5*24; h++ {
		series.Samples = append(series.Samples, promtest.Sample{At: today.AddDate(0, 0, -5).Add(time.Duration(h)*time.Hour + 30*time.Minute), Value: 1})
	}
	p := promtest.Start(t, []promtest.Series{series})
	for _, dialect := range dbtest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			url := dbtest.URL(t, dialect)
			a := start(t, []string{"--db", url, "--pull-interval", "1s"}, nil)
			b := start(t, []string{"--db", url, "--pull-interval", "1s"}, nil)
			live := a // the server the test asks
			gql := func(s *server, query string, vars map[string]any) map[string]json.RawMessage {
				t.Helper()
				body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
				res := request(t, "POST", s.url+"/graphql", "application/json", string(body), admin)
				r := decode(t, res.body)
				if len(r.Errors) > 0 {
					t.Fatalf("%s: %+v", query, r.Errors)
				}
				return r.Data
			}
			var svc struct{ ID string }
			json.Unmarshal(gql(a, `mutation { createService(input: {name: "ERP Hosting"}) { id } }`, nil)["createService"], &svc)
			measured := func() int {
				var out struct{ Measurements []struct{ Source string } }
				json.Unmarshal(gql(live, `query($id: ID!) { service(id: $id) { measurements { source } } }`, map[string]any{"id": svc.ID})["service"], &out)
				return len(out.Measurements)
			}
			waitFor := func(n int) {
				t.Helper()
				deadline := time.Now().Add(30 * time.Second)
				for measured() < n {
					if time.Now().After(deadline) {
						t.Fatalf("%d measurements after 30s, want %d\na:\n%s\nb:\n%s", measured(), n, a.stderr, b.stderr)
					}
					time.Sleep(100 * time.Millisecond)
				}
			}
			source := func(horizon int) {
				gql(live, fmt.Sprintf(`mutation($svc: ID!, $url: String!) { createMeasurementSource(input: {serviceId: $svc, metric: "availability",
					period: DAILY, url: $url, horizon: %d, expression: "avg_over_time(probe_success{job=\"erp\"}[1d]) * 100"}) { id } }`, horizon),
					map[string]any{"svc": svc.ID, "url": p.URL})
			}
			source(3)
			waitFor(3)
			time.Sleep(2500 * time.Millisecond) // more rounds of both
			if n := measured(); n != 3 {
				t.Fatalf("%d measurements, want 3: a period recorded twice", n)
			}
			pulled := func(s *server) bool { return strings.Contains(s.stderr.String(), "recorded=") }
			holder, other := a, b
			if pulled(b) {
				holder, other = b, a
			}
			if !pulled(holder) || pulled(other) {
				t.Fatalf("exactly one server should have pulled:\na:\n%s\nb:\n%s", a.stderr, b.stderr)
			}
			// The holder stops (and releases the lease): the other takes over.
			if err := holder.stop(); err != nil {
				t.Fatal(err)
			}
			live = other
			source(4) // a second source of the same service and metric: 4 more periods
			waitFor(7)
			if !pulled(other) {
				t.Fatalf("the other server did not take over:\n%s", other.stderr)
			}
		})
	}
}
