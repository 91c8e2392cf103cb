package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func run1(throughput, p50, floorThroughput, floorP50 float64, stmts float64) *Results {
	return &Results{DB: "sqlite", Clients: 1000, Queries: []*QueryResult{{
		Name:     "q1",
		Alliance: Figures{Statements: stmts, Loads: []Load{{Concurrency: 16, Throughput: throughput, P50: p50, OpenP99: p50 * 2, CPU: 10}}},
		Floor:    Figures{Statements: 3, Loads: []Load{{Concurrency: 16, Throughput: floorThroughput, P50: floorP50, OpenP99: floorP50 * 2, CPU: 2}}},
	}}, Writes: []*WriteResult{{Name: "measurement", Ratio: 1.1}}}
}

// A run is judged by its ratios to the floor: a machine twice as slow for
// both is no regression; Alliance alone slower by more than 10% is.
func TestCompareFindsRatiosThatGotWorse(t *testing.T) {
	base := run1(100, 10, 400, 2.5, 15)
	if regs := compareRuns(base, run1(50, 20, 200, 5, 15)); len(regs) != 0 {
		t.Fatalf("a slower machine, the same code: %+v", regs)
	}
	regs := compareRuns(base, run1(80, 12, 400, 2.5, 16))
	got := map[string]bool{}
	for _, r := range regs {
		got[r.name] = true
	}
	for _, want := range []string{"q1 at 16 throughput", "q1 at 16 p50", "q1 at 16 open p99"} {
		if !got[want] {
			t.Errorf("%s got 20-25%% worse and is not reported: %+v", want, regs)
		}
	}
	if got["q1 statements"] || got["q1 at 16 cpu"] {
		t.Errorf("within 10%% and reported: %+v", regs)
	}
	if regs := compareRuns(base, run1(105, 9, 400, 2.5, 15)); len(regs) != 0 {
		t.Fatalf("better is no regression: %+v", regs)
	}

	// The command reads the files --out writes and fails on a regression.
	dir := t.TempDir()
	write := func(name string, r *Results) string {
		p := filepath.Join(dir, name)
		b, _ := json.Marshal(r)
		os.WriteFile(p, b, 0o644)
		return p
	}
	var out bytes.Buffer
	err := compareCommand([]string{write("base.json", base), write("now.json", run1(80, 12, 400, 2.5, 15))}, &out)
	if err == nil || !strings.Contains(out.String(), "q1 at 16 throughput") {
		t.Fatalf("compare: %v\n%s", err, out.String())
	}
	out.Reset()
	if err := compareCommand([]string{write("base.json", base), write("same.json", base)}, &out); err != nil || !strings.Contains(out.String(), "no ratio got worse") {
		t.Fatalf("compare with itself: %v\n%s", err, out.String())
	}
}
