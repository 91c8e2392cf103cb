package graph_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"alliance/db"
	"alliance/db/dbtest"
	"alliance/graph"
)

// The queries behind the web app's views, on a portfolio of 1,000 clients.
var viewQueries = []struct{ name, query string }{
	{"portfolio figures", `{ portfolio { score annualContractValue monthlyServiceCost orphanMonthlyCost statusCounts { status count } } }`},
	{"clients page by score", `{ clients(first: 25, orderBy: {field: SCORE, direction: DESC}) { totalCount pageInfo { hasNextPage endCursor }
		nodes { id name status annualContractValue score gapCount monthlyCostToServe monthlyMargin } } }`},
	{"client map", `{ client(id: "500") { name score scoreHistory { at score } objectives { title score requirements { title priority
		targets { metric { key name unit } value } coverage { status percent shortfalls { service { name } metric { key } required designed measured } }
		commitments { coveragePercent holds service { id name lifecycle designedLevels { metric { key } value } measurements(last: 30) { metric { key } value periodEnd } } } } } } }`},
	{"gaps page", `{ gaps(first: 25) { totalCount nodes { kind message client { name } requirement { title } service { name } } } }`},
	{"services page", `{ services(first: 25) { totalCount nodes { id name lifecycle monthlyCost capacity committedUnits oversubscribed orphan } } }`},
	{"impact", `{ impact(serviceId: "7") { revenueAtRisk requirements { before after requirement { title } } clients { before after client { name } } } }`},
	{"matrix page", `{ requirements(first: 100) { totalCount nodes { title coverage { status } commitments { coveragePercent holds service { id } } } } }`},
}

// BenchmarkViewsAt1000Clients times each view's query on 1,000 clients
// (16,000 requirements, about 30,000 commitments): warm, with the portfolio's
// evaluation cached, and cold, right after a write made it stale.
func BenchmarkViewsAt1000Clients(b *testing.B) {
	d := dbtest.Open(b, db.SQLite)
	dbtest.Bulk(b, d, 1000)
	srv := httptest.NewServer(as(tester, graph.NewHandler(d, testOptions)))
	defer srv.Close()
	run := func(b *testing.B, q string) {
		body, _ := json.Marshal(map[string]any{"query": q})
		resp, err := http.Post(srv.URL, "application/json", bytes.NewReader(body))
		if err != nil {
			b.Fatal(err)
		}
		var out struct{ Errors []any }
		json.NewDecoder(resp.Body).Decode(&out)
		resp.Body.Close()
		if len(out.Errors) > 0 {
			b.Fatalf("%v", out.Errors)
		}
	}
	stale := func(b *testing.B) {
		if _, err := d.SQL().Exec("UPDATE revision SET n = n + 1 WHERE id = 1"); err != nil {
			b.Fatal(err)
		}
	}
	for _, v := range viewQueries {
		b.Run("warm/"+v.name, func(b *testing.B) {
			run(b, v.query) // fill the cache
			for b.Loop() {
				run(b, v.query)
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/1000, "ms/request")
		})
	}
	b.Run("cold/clients page by score", func(b *testing.B) {
		var total time.Duration
		for b.Loop() {
			stale(b)
			start := time.Now()
			run(b, viewQueries[1].query)
			total += time.Since(start)
		}
		b.ReportMetric(float64(total.Microseconds())/float64(b.N)/1000, "ms/request")
	})
}
