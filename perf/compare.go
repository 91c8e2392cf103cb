package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
)

// regressionTolerance is how much worse a ratio may get before a comparison
// calls it a regression: 10%.
const regressionTolerance = 0.10

// ratio is one figure of a run as a ratio to the floor (or, for W1, to the
// same read warm), with the direction in which it is better.
type ratio struct {
	name         string
	value        float64
	higherBetter bool
}

// ratios lists the ratios of a run that a comparison checks: per query and
// concurrency, throughput, p50, p99 (open loop) and CPU against the floor,
// and statements against the floor; Q2's wall time and peak memory against
// the floor's; W1's read after a write against the same read warm. Ratios to
// the floor measured in one run stand for the code, not for how busy the
// machine was.
func ratios(r *Results) []ratio {
	var out []ratio
	div := func(a, b float64) float64 {
		if b == 0 {
			return 0
		}
		return a / b
	}
	for _, q := range r.Queries {
		out = append(out, ratio{q.Name + " statements", div(q.Alliance.Statements, q.Floor.Statements), false})
		for _, a := range q.Alliance.Loads {
			for _, f := range q.Floor.Loads {
				if f.Concurrency != a.Concurrency {
					continue
				}
				at := fmt.Sprintf("%s at %d", q.Name, a.Concurrency)
				out = append(out,
					ratio{at + " throughput", div(a.Throughput, f.Throughput), true},
					ratio{at + " p50", div(a.P50, f.P50), false},
					ratio{at + " open p99", div(a.OpenP99, f.OpenP99), false},
					ratio{at + " cpu", div(a.CPU, f.CPU), false})
			}
		}
	}
	if r.Report != nil {
		for _, f := range r.Report.Formats {
			out = append(out,
				ratio{"q2 " + f.Format + " wall", div(f.Alliance.WallMs, f.Floor.WallMs), false},
				ratio{"q2 " + f.Format + " peak memory", div(float64(f.Alliance.PeakRSS), float64(f.Floor.PeakRSS)), false})
		}
	}
	for _, w := range r.Writes {
		out = append(out, ratio{"w1 " + w.Name + " read after write", w.Ratio, false})
	}
	if r.Ingest != nil {
		out = append(out, ratio{"l1 readers' p99 with writes / alone", r.Ingest.Ratio, false})
	}
	return out
}

// regression is a ratio that got worse than its baseline by more than the
// tolerance.
type regression struct {
	name            string
	baseline, now   float64
	worseByFraction float64
}

// compareRuns lists every ratio of now that is worse than the same ratio of
// base by more than the tolerance, worst first. Ratios only one run has, or
// that are 0 in either (nothing measured), are left out.
func compareRuns(base, now *Results) []regression {
	was := map[string]float64{}
	for _, r := range ratios(base) {
		was[r.name] = r.value
	}
	var out []regression
	for _, r := range ratios(now) {
		b, ok := was[r.name]
		if !ok || b == 0 || r.value == 0 {
			continue
		}
		worse := r.value/b - 1 // how much higher
		if r.higherBetter {
			worse = b/r.value - 1 // how much lower, as the same fraction
		}
		if worse > regressionTolerance {
			out = append(out, regression{r.name, b, r.value, worse})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].worseByFraction > out[j].worseByFraction })
	return out
}

// readResults reads a run's JSON results, as --out writes them.
func readResults(path string) (*Results, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var r Results
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("%s: not the results of a run: %w", path, err)
	}
	return &r, nil
}

// compareCommand is `perf compare BASELINE NOW`: it prints every ratio that
// got worse by more than 10% and fails when there is one.
func compareCommand(args []string, stdout io.Writer) error {
	if len(args) != 2 {
		return fmt.Errorf("compare: want two results files, the baseline and the run to check (perf compare docs/perf/sqlite-1000.json now.json)")
	}
	base, err := readResults(args[0])
	if err != nil {
		return err
	}
	now, err := readResults(args[1])
	if err != nil {
		return err
	}
	if base.DB != now.DB || base.Clients != now.Clients {
		fmt.Fprintf(stdout, "note: the baseline is %s at %d clients, this run %s at %d\n", base.DB, base.Clients, now.DB, now.Clients)
	}
	regs := compareRuns(base, now)
	if len(regs) == 0 {
		fmt.Fprintf(stdout, "no ratio got worse by more than %.0f%% (%d compared)\n", regressionTolerance*100, len(ratios(now)))
		return nil
	}
	fmt.Fprintf(stdout, "%-40s %10s %10s %8s\n", "ratio", "baseline", "now", "worse")
	for _, r := range regs {
		fmt.Fprintf(stdout, "%-40s %10.3f %10.3f %7.0f%%\n", r.name, r.baseline, r.now, r.worseByFraction*100)
	}
	return fmt.Errorf("%d ratios got worse by more than %.0f%%", len(regs), regressionTolerance*100)
}
