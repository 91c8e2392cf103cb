package main

import (
	"context"
	"fmt"
	"io"
	"slices"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// WaitResult is one query on Alliance with one loader wait (serve
// --loader-wait): its statements and its closed-loop loads.
type WaitResult struct {
	Query      string  `json:"query"`
	Wait       string  `json:"wait"`
	WaitMs     float64 `json:"waitMs"`
	Statements float64 `json:"statementsPerRequest"`
	// Loads are at each concurrency, closed loop only, averaged over the
	// rounds (each round measures every wait in turn, the order reversed
	// every other round, so that the machine's drift falls on all alike).
	Loads []Load `json:"loads"`
}

// measureWaits starts one Alliance process for each loader wait, checks that
// each answers every query as the floor does, and loads them in turn.
func measureWaits(ctx context.Context, bin, url, secret string, fl *process, s *subjects, o *Options, dbPID int, log io.Writer) ([]*WaitResult, error) {
	servers := make([]*process, len(o.LoaderWaits))
	for i, w := range o.LoaderWaits {
		p, err := startAlliance(ctx, bin, url, secret, "--loader-wait", w.String())
		if err != nil {
			return nil, err
		}
		defer p.stop()
		servers[i] = p
	}
	var out []*WaitResult
	for _, q := range readQueries(s) {
		if !slices.Contains(o.WaitQueries, q.Name) {
			continue
		}
		ft := floorTarget(fl, q.FloorPath)
		floorBody, _, err := do(ft)
		if err != nil {
			return nil, fmt.Errorf("floor: %w", err)
		}
		results := make([]*WaitResult, len(servers))
		targets := make([]vegeta.Target, len(servers))
		for i, p := range servers {
			t, err := allianceTarget(p, q.GraphQL, q.Variables)
			if err != nil {
				return nil, err
			}
			targets[i] = t
			body, _, err := do(t)
			if err != nil {
				return nil, err
			}
			data, err := graphqlData(body)
			if err != nil {
				return nil, err
			}
			if same, where, err := sameJSON(data, floorBody); err != nil {
				return nil, err
			} else if !same {
				return nil, fmt.Errorf("%s with --loader-wait %s: THE ANSWER DIFFERS FROM THE FLOOR'S (Alliance first): %s", q.Name, o.LoaderWaits[i], where)
			}
			r := &WaitResult{Query: q.Name, Wait: o.LoaderWaits[i].String(), WaitMs: ms(o.LoaderWaits[i])}
			if r.Statements, err = statementsPer(p, func() error { _, _, err := do(t); return err }); err != nil {
				return nil, err
			}
			results[i] = r
		}
		for _, c := range o.Concurrency {
			sums := make([]Load, len(servers))
			for round := range o.WaitRounds {
				order := make([]int, len(servers))
				for i := range order {
					order[i] = i
				}
				if round%2 == 1 {
					slices.Reverse(order)
				}
				for _, i := range order {
					if err := ctx.Err(); err != nil {
						return out, err
					}
					fmt.Fprintf(log, "perf: %s, --loader-wait %s, concurrency %d, round %d\n", q.Name, o.LoaderWaits[i], c, round+1)
					l, err := closedLoad(servers[i], targets[i], c, o.Duration, dbPID)
					if err != nil {
						return out, err
					}
					sums[i].Requests += l.Requests
					sums[i].Throughput += l.Throughput
					sums[i].P50 += l.P50
					sums[i].P99 += l.P99
					sums[i].CPU += l.CPU
					sums[i].DBCPU += l.DBCPU
					sums[i].LoadStatements += l.LoadStatements
				}
			}
			n := float64(o.WaitRounds)
			for i, sum := range sums {
				results[i].Loads = append(results[i].Loads, Load{Concurrency: c, Requests: sum.Requests, Throughput: sum.Throughput / n,
					P50: sum.P50 / n, P99: sum.P99 / n, CPU: sum.CPU / n, DBCPU: sum.DBCPU / n, LoadStatements: sum.LoadStatements / n})
			}
		}
		out = append(out, results...)
	}
	return out, nil
}
