package graph_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"alliance/db"
	"alliance/db/dbtest"
	"alliance/graph"
)

// Over-limit operations are refused before any resolver runs: not one SQL
// statement.
func TestLimitsRefuseBeforeSQL(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		srv := httptest.NewServer(as(tester, graph.NewHandler(d, graph.Options{Limits: graph.Limits{MaxDepth: 6, MaxCost: 5000, CostPerSecond: -1}})))
		defer srv.Close()
		a := &api{t: t, url: srv.URL, db: d}
		for _, tc := range []struct {
			name, query, code, field string
		}{
			{"too deep", `{ clients { nodes { objectives { requirements { commitments { service { commitments { id } } } } } } } }`, "QUERY_TOO_COMPLEX", ""},
			{"too deep through a fragment", `query { clients { nodes { ...deep } } } fragment deep on Client { objectives { requirements { commitments { service { commitments { id } } } } } }`, "QUERY_TOO_COMPLEX", ""},
			{"too costly", `{ clients(first: 100) { nodes { objectives { requirements { title } } } } }`, "QUERY_TOO_COMPLEX", ""},
			{"page too large", `{ metrics { key } services(first: 500) { nodes { name } } }`, "BAD_USER_INPUT", "first"},
			{"page too large in a variable", `query($n: Int) { clients(first: $n) { totalCount } }`, "BAD_USER_INPUT", "first"},
			{"negative page", `{ auditLog(first: -1) { totalCount } }`, "BAD_USER_INPUT", "first"},
			{"too many measurements", `{ services { nodes { measurements(last: 5000) { value } } } }`, "BAD_USER_INPUT", "last"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				before := d.Statements()
				a.fails(tc.query, map[string]any{"n": 1000}, tc.code, tc.field)
				if n := d.Statements() - before; n != 0 {
					t.Fatalf("%d SQL statements ran for a refused operation", n)
				}
			})
		}
		// Introspection is not counted in depth: GraphiQL's schema query runs.
		var schema struct {
			Schema struct{ Types []struct{ Name string } } `json:"__schema"`
		}
		a.ok(`{ __schema { types { name fields { type { ofType { ofType { ofType { name } } } } } } } }`, nil, &schema)
		if len(schema.Schema.Types) < 40 {
			t.Fatal("introspection")
		}
		// Within the limits: answered.
		a.ok(`{ clients(first: 10) { nodes { objectives { requirements { title } } } } }`, nil, nil)
	})
}

// Each token spends cost at a rate; past it, 429 with Retry-After.
func TestRateLimit(t *testing.T) {
	d := dbtest.Open(t, db.SQLite)
	h := graph.NewHandler(d, graph.Options{Limits: graph.Limits{MaxCost: 60, CostPerSecond: 1}})
	alice := httptest.NewServer(as(tester, h))
	defer alice.Close()
	bob := httptest.NewServer(as(&tester2, h))
	defer bob.Close()
	post := func(url string) (*http.Response, map[string]any) {
		resp, err := http.Post(url, "application/json", strings.NewReader(`{"query":"{ metrics { key } }"}`)) // costs 40
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var body map[string]any
		json.NewDecoder(resp.Body).Decode(&body)
		return resp, body
	}
	// A burst of twice the largest cost (120): three calls of 40, then no more.
	for i := 0; i < 3; i++ {
		if resp, body := post(alice.URL); resp.StatusCode != 200 || body["errors"] != nil {
			t.Fatalf("call %d: %d %v", i, resp.StatusCode, body)
		}
	}
	resp, body := post(alice.URL)
	if resp.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("over the rate: %d %v", resp.StatusCode, body)
	}
	retry, err := strconv.Atoi(resp.Header.Get("Retry-After"))
	if err != nil || retry < 1 || retry > 60 {
		t.Fatalf("Retry-After %q", resp.Header.Get("Retry-After"))
	}
	errs := body["errors"].([]any)
	if ext := errs[0].(map[string]any)["extensions"].(map[string]any); ext["code"] != "RATE_LIMITED" {
		t.Fatalf("code %v", ext["code"])
	}
	// Another token has its own budget.
	if resp, _ := post(bob.URL); resp.StatusCode != 200 {
		t.Fatalf("another token: %d", resp.StatusCode)
	}
}
