package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"alliance"
	"alliance/db"
	"alliance/db/dbtest"
	"alliance/graph"
)

// The queries behind the web app's views, on a portfolio of 1,000 clients.
var viewQueries = []struct{ name, query string }{
	{"portfolio figures", `{ portfolio { score annualContractValue monthlyServiceCost orphanMonthlyCost statusCounts { status count } } }`},
	{"clients page by score", `{ clients(first: 25, orderBy: {field: SCORE, direction: DESC}) { totalCount pageInfo { hasNextPage endCursor }
		nodes { id name status annualContractValue score gapCount monthlyCostToServe monthlyMargin } } }`},
	{"client map with 30 measurements a service", `{ client(id: "500") { name score scoreHistory { at score } objectives { title score requirements { title priority
		targets { metric { key name unit } value } coverage { status percent shortfalls { service { name } metric { key } required designed measured } }
		commitments { coveragePercent holds service { id name lifecycle designedLevels { metric { key } value } measurements(last: 30) { metric { key } value periodEnd } } } } } } }`},
	{"client map as the web app asks it", `{ client(id: "500") { id name score gapCount monthlyCostToServe monthlyMargin statusCounts { status count }
		scoreHistory { at score } objectives { id title score requirements { id title priority targets { metric { key name unit direction } value }
		coverage { status percent shortfalls { service { id name } metric { key name unit } required designed measured } }
		commitments { id coveragePercent capacityUnits holds service { id name lifecycle designedLevels { metric { key } value }
		latestMeasurements { metric { key } value periodEnd } } } } } } }`},
	{"gaps page", `{ gaps(first: 25) { totalCount nodes { kind message client { name } requirement { title } service { name } } } }`},
	{"services page", `{ services(first: 25) { totalCount nodes { id name lifecycle monthlyCost capacity committedUnits oversubscribed orphan } } }`},
	{"impact", `{ impact(serviceId: "7") { revenueAtRisk requirements { before after requirement { title } } clients { before after client { name } } } }`},
	{"matrix page", `{ requirements(first: 100) { totalCount nodes { title coverage { status } commitments { coveragePercent holds service { id } } } } }`},
}

// BenchmarkViewsAt1000Clients times each view's query on 1,000 clients
// (16,000 requirements, about 30,000 commitments), and the first read right
// after a write against the same read warm.
func BenchmarkViewsAt1000Clients(b *testing.B) {
	d := dbtest.Open(b, db.SQLite)
	dbtest.Bulk(b, d, 1000)
	benchViews(b, d, "500", "7")
}

// BenchmarkReadModel measures the read model at reference scale on a
// portfolio made by Generate: ALLIANCE_BENCH_CLIENTS clients (default 1,000)
// on ALLIANCE_BENCH_DB (sqlite, the default, or mysql). It prints the
// statements and latency of the writes that move figures, the first read
// after a write against the same read warm, each view's latency, and the
// process's resident memory after them.
func BenchmarkReadModel(b *testing.B) {
	d, sum := dbtest.Generated(b)
	dialect := d.Dialect()
	ctx := context.Background()
	b.Logf("%s, %d clients: %d requirements, %d commitments, %d measurements; written in %s, figures in %s",
		dialect, sum.Clients, sum.Requirements, sum.Commitments, sum.Measurements, sum.Write.Round(time.Millisecond), sum.Figures.Round(time.Millisecond))
	// The service with the number of commitments nearest 100, and the most
	// committed one.
	var near, most struct{ ID, N int64 }
	rows, err := d.SQL().Query("SELECT service_id, COUNT(*) FROM commitments GROUP BY service_id")
	if err != nil {
		b.Fatal(err)
	}
	for rows.Next() {
		var id, c int64
		rows.Scan(&id, &c)
		if near.ID == 0 || abs(c-100) < abs(near.N-100) {
			near.ID, near.N = id, c
		}
		if c > most.N {
			most.ID, most.N = id, c
		}
	}
	rows.Close()
	write := func(b *testing.B, name string, fn func(i int) error) {
		b.Run("write/"+name, func(b *testing.B) {
			var stmts int64
			i := 0
			for b.Loop() {
				before := d.Statements()
				if err := fn(i); err != nil {
					b.Fatal(err)
				}
				stmts += d.Statements() - before
				i++
			}
			b.ReportMetric(float64(stmts)/float64(b.N), "statements/op")
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/1000, "ms/op")
		})
	}
	write(b, fmt.Sprintf("measurement on a service with %d commitments", near.N), func(i int) error {
		start := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i)
		_, err := d.RecordMeasurement(ctx, alliance.MeasurementInput{ServiceID: near.ID, Metric: "availability", Value: 99 + float64(i%2)/2,
			PeriodStart: start, PeriodEnd: start.AddDate(0, 0, 1)})
		return err
	})
	write(b, "new commitment", func(i int) error {
		_, err := d.CreateCommitment(ctx, alliance.CommitmentInput{RequirementID: int64(1 + (i*7919)%sum.Requirements), ServiceID: int64(1 + (i*31)%sum.Services)})
		if alliance.ErrorCode(err) == alliance.ECONFLICT {
			return nil // already committed: a refused write
		}
		return err
	})
	write(b, fmt.Sprintf("cost of the most shared service (%d commitments)", most.N), func(i int) error {
		cost := decimal.NewFromInt(int64(20000 + i))
		_, err := d.UpdateService(ctx, most.ID, alliance.ServicePatch{MonthlyCost: alliance.Some(cost)})
		return err
	})
	benchViews(b, d, "42", strconv.FormatInt(most.ID, 10))
	if diffs, err := d.Check(ctx); err != nil || len(diffs) > 0 {
		b.Fatalf("check after the benchmark: %d differences, %v", len(diffs), err)
	}
}

func abs(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

// benchViews times each view's query warm (a client's map of clientID, the
// impact of impactService), then the first read after a write against the
// same read warm, and reports the resident memory.
func benchViews(b *testing.B, d *db.DB, clientID, impactService string) {
	srv := httptest.NewServer(as(tester, graph.NewHandler(d, graph.Options{Limits: graph.Limits{MaxCost: 1 << 30, CostPerSecond: -1}})))
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
	for _, v := range viewQueries {
		q := strings.Replace(v.query, `client(id: "500")`, `client(id: "`+clientID+`")`, 1)
		q = strings.Replace(q, `impact(serviceId: "7")`, `impact(serviceId: "`+impactService+`")`, 1)
		b.Run("warm/"+v.name, func(b *testing.B) {
			run(b, q)
			for b.Loop() {
				run(b, q)
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/1000, "ms/request")
		})
	}
	// The same read, warm and right after a write that moves the figures
	// it shows (a client's contract value: its margin, its place).
	ctx := context.Background()
	q := viewQueries[1].query
	var warm, after time.Duration
	const rounds = 20
	for i := range rounds {
		start := time.Now()
		run(b, q)
		warm += time.Since(start)
		acv := decimal.NewFromInt(int64(100000 + i))
		id, _ := strconv.ParseInt(clientID, 10, 64)
		if _, err := d.UpdateClient(ctx, id, alliance.ClientPatch{AnnualContractValue: alliance.Some(acv)}); err != nil {
			b.Fatal(err)
		}
		start = time.Now()
		run(b, q)
		after += time.Since(start)
	}
	b.Logf("clients page by score: %.2f ms warm, %.2f ms right after a write: ratio %.2f",
		ms(warm/rounds), ms(after/rounds), float64(after)/float64(warm))
	b.Logf("resident memory after the reads: %s", residentMemory())
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// residentMemory reads the process's resident set size (Linux).
func residentMemory() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "unknown"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmRSS:") {
			return strings.TrimSpace(strings.TrimPrefix(line, "VmRSS:"))
		}
	}
	return "unknown"
}
