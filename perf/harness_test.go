package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"alliance/db"
	"alliance/db/dbtest"
)

// TestMain lets the test binary be the floor too: the harness starts the
// floor as its own executable with the argument "floor".
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == "floor" {
		if err := floorCommand(context.Background(), os.Args[2:], os.Stdout); err != nil {
			os.Stderr.WriteString("floor: " + err.Error() + "\n")
			os.Exit(1)
		}
		os.Exit(0)
	}
	code := m.Run()
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
	buildDir  string
)

// allianceBinary builds the server once for every test of the package.
func allianceBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		if buildDir, buildErr = os.MkdirTemp("", "perf-test-"); buildErr == nil {
			binPath, buildErr = buildAlliance(context.Background(), buildDir)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

func runHarness(t *testing.T, o *Options) *Results {
	t.Helper()
	o.Alliance = allianceBinary(t)
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.Rounds == 0 {
		o.Rounds = 2
	}
	if o.Concurrency == nil {
		o.Concurrency = []int{1, 16}
	}
	if o.MySQL == "" {
		o.MySQL = dbtest.DefaultMySQL
		if v := os.Getenv("ALLIANCE_TEST_MYSQL"); v != "" {
			o.MySQL = v
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	res, err := Run(ctx, o, io.Discard)
	if err != nil {
		t.Fatalf("%s, %d clients: %v", o.DB, o.Clients, err)
	}
	return res
}

// The harness runs end to end at a small scale: the floor answers every
// query as Alliance does (Run fails otherwise), every load is answered, Q2
// streams every requirement, and no read after a write is stale.
func TestHarnessMeasuresEveryQueryOnSQLite(t *testing.T) {
	res := runHarness(t, &Options{DB: db.SQLite, Clients: 20, Duration: 200 * time.Millisecond})
	if len(res.Queries) != 6 {
		t.Fatalf("%d queries measured, want 6", len(res.Queries))
	}
	for _, q := range res.Queries {
		for _, f := range []Figures{q.Alliance, q.Floor} {
			if len(f.Loads) != 2 || f.Statements < 1 || f.Bytes == 0 {
				t.Errorf("%s: figures %+v", q.Name, f)
			}
			for _, l := range f.Loads {
				if l.Requests == 0 || l.Throughput <= 0 || l.P50 <= 0 || l.OpenRequests == 0 {
					t.Errorf("%s at concurrency %d: %+v", q.Name, l.Concurrency, l)
				}
			}
		}
	}
	if res.Report == nil || res.Report.Rows == 0 || len(res.Report.Formats) != 2 {
		t.Errorf("Q2: %+v", res.Report)
	}
	if len(res.Writes) != 3 {
		t.Errorf("W1: %d writes measured, want 3", len(res.Writes))
	}
	if res.AllianceHWM == 0 || res.FloorHWM == 0 {
		t.Errorf("peak memory: alliance %d, floor %d", res.AllianceHWM, res.FloorHWM)
	}
	out := filepath.Join(t.TempDir(), "results.json")
	if err := writeResults(out, res); err != nil {
		t.Fatal(err)
	}
	printResults(io.Discard, res)
}

// On MySQL/MariaDB (when one answers) the floor answers alike too, and so
// do the report and the reads after writes.
func TestHarnessChecksAnswersOnMySQL(t *testing.T) {
	dbtest.URL(t, db.MySQL) // skips, or fails with ALLIANCE_REQUIRE_MYSQL=1, when no server answers
	res := runHarness(t, &Options{DB: db.MySQL, Clients: 20})
	if len(res.Queries) != 6 || res.Report == nil || len(res.Writes) != 3 {
		t.Fatalf("measured %d queries, Q2 %v, %d writes", len(res.Queries), res.Report != nil, len(res.Writes))
	}
}

// Alliance runs as many statements for each query at 100 clients as at 10:
// the statements per request do not grow with the portfolio.
func TestStatementsDoNotGrowWithThePortfolio(t *testing.T) {
	only := []string{"q1", "q1l", "q3", "q4", "q5", "q6"}
	small := runHarness(t, &Options{DB: db.SQLite, Clients: 10, Only: only})
	large := runHarness(t, &Options{DB: db.SQLite, Clients: 100, Only: only})
	if len(small.Queries) != len(large.Queries) {
		t.Fatalf("%d queries against %d", len(small.Queries), len(large.Queries))
	}
	for i, q := range small.Queries {
		l := large.Queries[i]
		if q.Alliance.Statements != l.Alliance.Statements {
			t.Errorf("%s: %v statements at 10 clients, %v at 100", q.Name, q.Alliance.Statements, l.Alliance.Statements)
		}
		if q.Floor.Statements != l.Floor.Statements {
			t.Errorf("%s: the floor ran %v statements at 10 clients, %v at 100", q.Name, q.Floor.Statements, l.Floor.Statements)
		}
	}
}

// The flood harness runs end to end at a small scale: every flood document
// is legal and answered alone, the probe is answered alone and under the
// flood, and the flood is answered, refused or cut at the end, never failed.
func TestFloodMeasuresTheProbeUnderAFlood(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	o, err := parseFloodOptions([]string{"--clients", "10", "--tokens", "2", "--connections", "2", "--duration", "1s", "--probe-rate", "20"})
	if err != nil {
		t.Fatal(err)
	}
	o.Alliance = allianceBinary(t)
	res, err := Flood(ctx, o, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Candidates) < 5 || res.Flood == nil || res.Clients != 10 {
		t.Fatalf("%d flood documents, flood %v, %d clients", len(res.Candidates), res.Flood, res.Clients)
	}
	for _, d := range res.Candidates {
		if d.Cost > o.MaxCost || d.Aliases < 1 || d.Bytes == 0 {
			t.Errorf("%s: %+v", d.Name, d)
		}
	}
	for _, p := range []probeFigures{res.Alone, res.Flooded} {
		if p.Requests < 10 || p.Failed != 0 || p.P50 <= 0 {
			t.Errorf("probe: %+v", p)
		}
	}
	if res.Answered+res.Refused+res.Cut == 0 || res.Failed != 0 {
		t.Errorf("flood: %d answered, %d refused, %d failed %v", res.Answered, res.Refused, res.Failed, res.Examples)
	}
	printFlood(io.Discard, res)
}
