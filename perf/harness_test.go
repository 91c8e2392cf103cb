package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
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
	profiles := t.TempDir()
	res := runHarness(t, &Options{DB: db.SQLite, Clients: 20, Duration: 200 * time.Millisecond, Profile: profiles, ProfileQueries: []string{"q1"}})
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
	// --profile: a CPU profile of Q1's closed loop at each concurrency, and
	// where its time went.
	if len(res.Profiles) != 2 {
		t.Errorf("%d profiles, want Q1's at 1 and 16", len(res.Profiles))
	}
	for _, p := range res.Profiles {
		var sum float64
		for _, g := range p.Groups {
			sum += g.Percent
		}
		if p.Query != "q1" || p.SampledMs <= 0 || len(p.Groups) == 0 || sum < 99.9 || sum > 100.1 || len(p.Top) == 0 {
			t.Errorf("profile %+v", p)
		}
		if _, err := os.Stat(p.File); err != nil {
			t.Error(err)
		}
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

// L1 in short: measurements written at a steady rate while readers open
// client maps. Every write succeeds and lands, the readers are answered
// alone and with the writes, and every map read afterwards equals the
// floor's read of the committed tables (Run fails otherwise).
func TestIngestionUnderLoad(t *testing.T) {
	res := runHarness(t, &Options{DB: db.SQLite, Clients: 20, Only: []string{"l1"}, Duration: time.Second,
		L1Duration: time.Second, L1Rate: 10, L1Readers: 4, L1Commitments: 20, L1Services: 5})
	l := res.Ingest
	if l == nil {
		t.Fatal("no L1 figures")
	}
	if l.Writes.Sent == 0 || l.Writes.Succeeded != l.Writes.Sent || l.Writes.Errors != 0 || l.Writes.Landed != int64(l.Writes.Succeeded) {
		t.Errorf("writes: %+v", l.Writes)
	}
	if l.Writes.Achieved <= 0 || l.Writes.P99 <= 0 {
		t.Errorf("writes' rate and latency: %+v", l.Writes)
	}
	for name, r := range map[string]Readers{"alone": l.Unloaded, "with the writes": l.Loaded} {
		if r.Requests == 0 || r.Errors != 0 || r.Throughput <= 0 || r.P99 <= 0 || r.P50 > r.P99 {
			t.Errorf("readers %s: %+v", name, r)
		}
	}
	if len(l.Services) != 5 || len(l.MapClients) == 0 || l.Consistent != len(l.MapClients) || l.Ratio <= 0 {
		t.Errorf("L1: %+v", l)
	}
	if len(res.Queries) != 0 || res.Report != nil || len(res.Writes) != 0 {
		t.Errorf("--only l1 measured more: %d queries, Q2 %v, %d writes", len(res.Queries), res.Report != nil, len(res.Writes))
	}
	var out strings.Builder
	printResults(&out, res)
	if !strings.Contains(out.String(), "readers' p99 with the writes / alone") {
		t.Errorf("the printed results have no L1:\n%s", out.String())
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
