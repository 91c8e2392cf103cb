package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"text/tabwriter"
	"time"

	"alliance/db"
	"alliance/db/dbtest"
	"alliance/graph"
)

// costCase is one document the cost benchmark times: a GraphQL operation
// sent to /graphql, or a saved report run with all=true.
type costCase struct {
	name  string
	query string
	vars  map[string]any
	// report, when set, is the slug the query is saved as; the case is
	// GET /reports/SLUG.csv?all=true, and its cost is every page's.
	report string
	// rows counts the report's rows: the pages it takes are that over 100.
	rows string
	// reference marks the cheapest requests, shown for what any request
	// takes (HTTP, the token, parsing, a transaction, a loader), not
	// compared: that fixed work is bounded by --max-concurrent, not by cost.
	reference bool
}

// costResult is what the benchmark measured of a case: its mean wall
// time, and the CPU time of the process (the server, its SQLite, and the
// client reading the answer) per request.
type costResult struct {
	name      string
	cost      int
	mean, cpu time.Duration
	pages     int
	reference bool
}

// perThousand is d per 1,000 cost units, in milliseconds.
func (r costResult) perThousand(d time.Duration) float64 {
	return float64(d.Microseconds()) / float64(r.cost)
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkCostAgainstTime prices each field whose work is more than a
// lookup, and a few cheap references, with the complexity function the
// limiter charges, and times it through the real server (HTTP, auth, the
// limits, one read-only transaction) on a portfolio made by Generate:
// ALLIANCE_BENCH_CLIENTS clients (default 100) on ALLIANCE_BENCH_DB (sqlite,
// the default, or mysql). It prints, for each, the cost, the mean wall time
// and the milliseconds per 1,000 cost units, and marks those more than 5
// times off the median: their cost does not say what they take.
//
//	go test ./server -run X -bench CostAgainstTime -benchtime 5x -v
func BenchmarkCostAgainstTime(b *testing.B) {
	dialect := db.SQLite
	if os.Getenv("ALLIANCE_BENCH_DB") == db.MySQL {
		dialect = db.MySQL
	}
	clients := 100
	if v, err := strconv.Atoi(os.Getenv("ALLIANCE_BENCH_CLIENTS")); err == nil && v > 0 {
		clients = v
	}
	ctx := context.Background()
	url := dbtest.URL(b, dialect)
	d, err := db.Open(ctx, url, nil)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := d.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	sum, err := d.Generate(ctx, db.GenerateOptions{Clients: clients, Seed: 1}, nil)
	if err != nil {
		b.Fatal(err)
	}
	// A history of changes as long as the requirements (one change each),
	// for the audit log's count.
	if _, err := d.SQL().Exec(`INSERT INTO audit_log (at, actor, action, entity, entity_id, after_json)
		SELECT '2026-01-01 00:00:00', 'benchmark', 'UPDATE', 'Requirement', id, '{}' FROM requirements`); err != nil {
		b.Fatal(err)
	}
	s, err := costSubjects(d)
	d.Close()
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("%s, %d clients: %d requirements, %d commitments, %d services; typical service %d (%d commitments), most committed %d (%d)",
		dialect, sum.Clients, sum.Requirements, sum.Commitments, sum.Services, s.typical, s.typicalN, s.most, s.mostN)

	// Limits that refuse nothing: the costs are computed all the same.
	srv := rpStartTB(b, []string{"--db", url, "--log-level", "error",
		"--rate-limit", "1e15", "--max-query-cost", "1000000000", "--max-concurrent", "1000"})
	cases := costCases(s)
	for _, c := range cases {
		if c.report != "" {
			rpPostTB(b, srv.url, `mutation($in: ReportInput!) { saveReport(input: $in) { slug } }`, map[string]any{"in": map[string]any{
				"slug": c.report, "title": c.name, "query": c.query,
			}})
		}
	}

	var results []costResult
	for _, c := range cases {
		r := costResult{name: c.name, pages: 1, reference: c.reference}
		cost, err := graph.Cost(c.query, "", c.vars)
		if err != nil {
			b.Fatalf("%s: %v", c.name, err)
		}
		if c.report != "" {
			var n struct{ TotalCount int }
			data := rpPostTB(b, srv.url, c.rows, nil)
			for _, v := range data {
				json.Unmarshal(v, &n)
			}
			r.pages = max(1, (n.TotalCount+99)/100)
		}
		r.cost = cost * r.pages
		send := func(b *testing.B) {
			if c.report != "" {
				costReport(b, srv.url, c.report)
			} else {
				costQuery(b, srv.url, c.query, c.vars)
			}
		}
		b.Run(c.name, func(b *testing.B) {
			send(b) // warm: the document is parsed and validated once
			cpu := cpuTime()
			for b.Loop() {
				send(b)
			}
			r.mean = b.Elapsed() / time.Duration(b.N)
			r.cpu = (cpuTime() - cpu) / time.Duration(b.N)
			b.ReportMetric(float64(r.cost), "cost")
			b.ReportMetric(float64(r.cpu.Microseconds())/1000, "cpu-ms/op")
			b.ReportMetric(r.perThousand(r.mean), "ms/1000cost")
		})
		results = append(results, r)
	}
	b.Log("\n" + costTable(results))
}

// costSubject are the rows the cost cases ask about.
type costSubject struct {
	client            int64
	typical, typicalN int64
	most, mostN       int64
}

// costSubjects picks a client in the middle, the service whose commitments
// are nearest 100 (the mean) and the most committed one.
func costSubjects(d *db.DB) (*costSubject, error) {
	s := &costSubject{}
	var n int64
	if err := d.SQL().QueryRow("SELECT COUNT(*) FROM clients").Scan(&n); err != nil {
		return nil, err
	}
	if err := d.SQL().QueryRow("SELECT id FROM clients ORDER BY id LIMIT 1 OFFSET ?", n/2).Scan(&s.client); err != nil {
		return nil, err
	}
	rows, err := d.SQL().Query("SELECT service_id, COUNT(*) FROM commitments GROUP BY service_id ORDER BY service_id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id, n int64
		if err := rows.Scan(&id, &n); err != nil {
			return nil, err
		}
		if n > s.mostN {
			s.most, s.mostN = id, n
		}
		if s.typical == 0 || abs(n-100) < abs(s.typicalN-100) {
			s.typical, s.typicalN = id, n
		}
	}
	return s, rows.Err()
}

func abs(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

// costCases are the documents timed: cheap references first, then every
// field whose work is more than a lookup, then reports of every page.
func costCases(s *costSubject) []costCase {
	id := func(n int64) string { return strconv.FormatInt(n, 10) }
	impactLists := `revenueAtRisk requirements { before after requirement { id title } } clients { before after client { id name } }`
	clientMap := `{ client(id: "` + id(s.client) + `") { id name score gapCount monthlyCostToServe monthlyMargin statusCounts { status count }
		scoreHistory { at score } objectives { id title score requirements { id title priority targets { metric { key name unit direction } value }
		coverage { status percent shortfalls { service { id name } metric { key name unit } required designed measured } }
		commitments { id coveragePercent capacityUnits holds service { id name lifecycle designedLevels { metric { key } value }
		latestMeasurements { metric { key } value periodEnd } } } } } } }`
	return []costCase{
		{name: "{ __typename }", query: `{ __typename }`, reference: true},
		{name: "client(id) { name }", query: `{ client(id: "` + id(s.client) + `") { name } }`, reference: true},
		{name: "clients(first: 100) { nodes { name } }", query: `{ clients(first: 100) { nodes { name } } }`},
		{name: "services(first: 100) { nodes { name monthlyCost } }", query: `{ services(first: 100) { nodes { name monthlyCost } } }`},
		{name: "portfolio", query: `{ portfolio { score annualContractValue monthlyServiceCost orphanMonthlyCost statusCounts { status count } } }`},
		{name: "client map (the web app's)", query: clientMap},
		{name: "clients totalCount", query: `{ clients(first: 100) { totalCount nodes { name } } }`},
		{name: "clients ordered by score", query: `{ clients(first: 100, orderBy: {field: SCORE, direction: DESC}) { nodes { name } } }`},
		{name: "clients ordered by margin", query: `{ clients(first: 100, orderBy: {field: MONTHLY_MARGIN, direction: ASC}) { nodes { name } } }`},
		{name: "clients filter status", query: `{ clients(first: 100, filter: {status: [ACTIVE]}) { nodes { name } } }`},
		{name: "clients filter search", query: `{ clients(first: 100, filter: {search: "zz"}) { nodes { name } } }`},
		{name: "requirements(first: 100)", query: `{ requirements(first: 100) { nodes { title } } }`},
		{name: "requirements totalCount", query: `{ requirements(first: 100) { totalCount nodes { title } } }`},
		{name: "requirements filter status", query: `{ requirements(first: 100, filter: {status: [GAP]}) { nodes { title } } }`},
		{name: "requirements filter priority", query: `{ requirements(first: 100, filter: {priority: [COULD]}) { nodes { title } } }`},
		{name: "requirements filter search", query: `{ requirements(first: 100, filter: {search: "zz"}) { nodes { title } } }`},
		{name: "requirements filter client", query: `{ requirements(first: 100, filter: {clientId: "` + id(s.client) + `"}) { nodes { title } } }`},
		{name: "requirements count", query: `{ requirements(first: 0) { totalCount } }`},
		{name: "requirements count, filter search", query: `{ requirements(first: 0, filter: {search: "zz"}) { totalCount } }`},
		{name: "clients count", query: `{ clients(first: 0) { totalCount } }`},
		{name: "services count", query: `{ services(first: 0) { totalCount } }`},
		{name: "gaps count", query: `{ gaps(first: 0) { totalCount } }`},
		{name: "audit log count", query: `{ auditLog(first: 0) { totalCount } }`},
		{name: "audit log(first: 100)", query: `{ auditLog(first: 100) { nodes { at actor entity } } }`},
		{name: "gaps(first: 100)", query: `{ gaps(first: 100) { nodes { kind message } } }`},
		{name: "gaps totalCount", query: `{ gaps(first: 100) { totalCount nodes { kind message } } }`},
		{name: "gaps filter kinds", query: `{ gaps(first: 100, filter: {kinds: [UNDER_DELIVERED]}) { nodes { kind message } } }`},
		{name: "gaps filter client", query: `{ gaps(first: 100, filter: {clientId: "` + id(s.client) + `"}) { nodes { kind message } } }`},
		{name: fmt.Sprintf("impact, %d commitments, figure", s.typicalN), query: `{ impact(serviceId: "` + id(s.typical) + `") { revenueAtRisk } }`},
		{name: fmt.Sprintf("impact, %d commitments, lists", s.typicalN), query: `{ impact(serviceId: "` + id(s.typical) + `") { ` + impactLists + ` } }`},
		{name: fmt.Sprintf("impact, %d commitments, figure", s.mostN), query: `{ impact(serviceId: "` + id(s.most) + `") { revenueAtRisk } }`},
		{name: fmt.Sprintf("impact, %d commitments, lists", s.mostN), query: `{ impact(serviceId: "` + id(s.most) + `") { ` + impactLists + ` } }`},
		{name: "serviceMatches", query: `{ serviceMatches(targets: [{metric: "support_hours", value: 45}, {metric: "response_minutes", value: 30}]) { delivers spareCapacity service { id name } } }`},
		{name: "report all=true: requirements", report: "cost-requirements", rows: `{ requirements(first: 0) { totalCount } }`,
			query: `query($after: String) { requirements(first: 100, after: $after) { pageInfo { hasNextPage endCursor }
				nodes { id title priority objective { title client { name } } coverage { status percent } commitments { service { name } } } } }`},
		{name: "report all=true: gaps", report: "cost-gaps", rows: `{ gaps(first: 0) { totalCount } }`,
			query: `query($after: String) { gaps(first: 100, after: $after) { pageInfo { hasNextPage endCursor }
				nodes { kind message client { name } requirement { title } service { name } } } }`},
		{name: "report all=true: clients", report: "cost-clients", rows: `{ clients(first: 0) { totalCount } }`,
			query: `query($after: String) { clients(first: 100, after: $after) { pageInfo { hasNextPage endCursor }
				nodes { name status annualContractValue score gapCount monthlyCostToServe monthlyMargin } } }`},
	}
}

// costQuery posts a GraphQL operation as the bootstrap admin; anything but
// an answer without errors fails b.
func costQuery(b *testing.B, base, query string, vars map[string]any) {
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest("POST", base+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+testSecret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var out struct{ Errors []struct{ Message string } }
	if err := json.Unmarshal(raw, &out); err != nil || resp.StatusCode != http.StatusOK || len(out.Errors) > 0 {
		b.Fatalf("%s: status %d, %.300s", query, resp.StatusCode, raw)
	}
}

// costReport reads every page of a saved report as CSV.
func costReport(b *testing.B, base, slug string) {
	req, _ := http.NewRequest("GET", base+"/reports/"+slug+".csv?all=true", nil)
	req.Header.Set("Authorization", "Bearer "+testSecret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	n, err := io.Copy(io.Discard, resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK || n == 0 {
		b.Fatalf("report %s: status %d, %d bytes, %v", slug, resp.StatusCode, n, err)
	}
}

// costTable is the results as a table: each row's wall and CPU time per
// 1,000 cost units, and how far its CPU time per cost is from the median of
// the rows (references aside). OVER marks a row
// more than 5 times the median (its cost says less than it takes), under
// one a fifth of it (its cost says more: an estimate that errs safe).
func costTable(results []costResult) string {
	var per []float64
	for _, r := range results {
		if !r.reference {
			per = append(per, r.perThousand(r.cpu))
		}
	}
	slices.Sort(per)
	median := 0.0
	if n := len(per); n > 0 {
		median = (per[(n-1)/2] + per[n/2]) / 2
	}
	var out strings.Builder
	w := tabwriter.NewWriter(&out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "document\tcost\tpages\twall ms\tcpu ms\twall ms/1000\tcpu ms/1000\tx median\t\t")
	for _, r := range results {
		ratio, mark := "", "reference"
		if !r.reference {
			x := r.perThousand(r.cpu) / median
			ratio, mark = fmt.Sprintf("%.2f", x), ""
			switch {
			case x > 5:
				mark = "OVER"
			case x < 0.2:
				mark = "under"
			}
		}
		fmt.Fprintf(w, "%s\t%d\t%d\t%.2f\t%.2f\t%.3f\t%.3f\t%s\t%s\t\n", r.name, r.cost, r.pages,
			float64(r.mean.Microseconds())/1000, float64(r.cpu.Microseconds())/1000, r.perThousand(r.mean), r.perThousand(r.cpu), ratio, mark)
	}
	w.Flush()
	fmt.Fprintf(&out, "median %.3f CPU ms per 1,000 cost units (references aside)", median)
	return out.String()
}
