package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
)

// printResults writes the run's tables: each figure of Alliance, of the
// floor, and their ratio (Alliance over the floor).
func printResults(w io.Writer, r *Results) {
	fmt.Fprintf(w, "\n%s, %d clients (seed %d), %s per load, on %s\n", r.DB, r.Clients, r.Seed, r.Duration, r.Machine)
	if len(r.Queries) > 0 {
		tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', tabwriter.AlignRight)
		head := []string{"query", "", "bytes", "stmts"}
		for _, l := range r.Queries[0].Alliance.Loads {
			c := l.Concurrency
			head = append(head, fmt.Sprintf("c%d rps", c), fmt.Sprintf("c%d p50 ms", c), fmt.Sprintf("c%d p99 ms", c),
				fmt.Sprintf("open %d p50", c), fmt.Sprintf("open %d p99", c), fmt.Sprintf("c%d cpu ms", c))
		}
		fmt.Fprintln(tw, strings.Join(head, "\t")+"\t")
		for _, q := range r.Queries {
			a, f := q.Alliance, q.Floor
			rowOf := func(name string, x Figures) []string {
				row := []string{name, "", fmt.Sprint(x.Bytes), num(x.Statements)}
				for _, l := range x.Loads {
					row = append(row, num(l.Throughput), num(l.P50), num(l.P99), num(l.OpenP50), num(l.OpenP99), num(l.CPU))
				}
				return row
			}
			ar, fr := rowOf(q.Name+" alliance", a), rowOf(q.Name+" floor", f)
			ratio := []string{q.Name + " ratio", "", ratioOf(float64(a.Bytes), float64(f.Bytes)), ratioOf(a.Statements, f.Statements)}
			for i := range a.Loads {
				la, lf := a.Loads[i], f.Loads[i]
				ratio = append(ratio, ratioOf(la.Throughput, lf.Throughput), ratioOf(la.P50, lf.P50), ratioOf(la.P99, lf.P99),
					ratioOf(la.OpenP50, lf.OpenP50), ratioOf(la.OpenP99, lf.OpenP99), ratioOf(la.CPU, lf.CPU))
			}
			for _, row := range [][]string{ar, fr, ratio} {
				fmt.Fprintln(tw, strings.Join(row, "\t")+"\t")
			}
		}
		tw.Flush()
		fmt.Fprintln(w)
		for _, q := range r.Queries {
			fmt.Fprintf(w, "  %s: %s\n", q.Name, q.Title)
		}
	}
	if r.Report != nil {
		fmt.Fprintf(w, "\nQ2, the whole-portfolio report with all=true (%d requirements):\n", r.Report.Rows)
		tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "format\t\twall ms\tbytes\tstmts\tcpu ms\tpeak RSS MB\tRSS before MB\t")
		for _, f := range r.Report.Formats {
			for _, x := range []struct {
				name string
				v    ReportFetch
			}{{"alliance", f.Alliance}, {"floor", f.Floor}} {
				fmt.Fprintf(tw, "%s %s\t\t%s\t%d\t%d\t%s\t%s\t%s\t\n", f.Format, x.name, num(x.v.WallMs), x.v.Bytes, x.v.Statements, num(x.v.CPUMs), mb(x.v.PeakRSS), mb(x.v.BaseRSS))
			}
			fmt.Fprintf(tw, "%s ratio\t\t%s\t%s\t%s\t%s\t%s\t\t\n", f.Format, ratioOf(f.Alliance.WallMs, f.Floor.WallMs),
				ratioOf(float64(f.Alliance.Bytes), float64(f.Floor.Bytes)), ratioOf(float64(f.Alliance.Statements), float64(f.Floor.Statements)),
				ratioOf(f.Alliance.CPUMs, f.Floor.CPUMs), ratioOf(float64(f.Alliance.PeakRSS), float64(f.Floor.PeakRSS)))
		}
		tw.Flush()
	}
	if len(r.Writes) > 0 {
		fmt.Fprintln(w, "\nW1, a write through the API, then the read that must show it (medians):")
		tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "write\tread\trounds\twrite ms\twrite stmts\tread after ms\tread warm ms\tratio\tother server ms\tstale\t")
		for _, x := range r.Writes {
			other := "-"
			if x.OtherMs > 0 {
				other = num(x.OtherMs)
			}
			fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t\n", x.Name, x.Read, x.Rounds, num(x.WriteMs), num(x.Statements), num(x.AfterMs), num(x.WarmMs), num(x.Ratio), other, x.Stale)
		}
		tw.Flush()
	}
	if r.Ingest != nil {
		printIngest(w, r.Ingest)
	}
	if len(r.Waits) > 0 {
		printWaits(w, r.Waits)
	}
	for _, p := range r.Profiles {
		printProfile(w, p)
	}
	fmt.Fprintf(w, "\npeak resident memory: alliance %s MB (%s MB at the end), floor %s MB\n", mb(r.AllianceHWM), mb(r.AllianceRSS), mb(r.FloorHWM))
}

func printIngest(w io.Writer, l *IngestResult) {
	readers := "each asking again when answered"
	if l.ReadRate > 0 {
		readers = fmt.Sprintf("%s maps a second between them", num(l.ReadRate))
	}
	lo, hi := l.Commitments[0], l.Commitments[0]
	for _, c := range l.Commitments {
		lo, hi = min(lo, c), max(hi, c)
	}
	fmt.Fprintf(w, "\nL1, %s measurements a second on %d services (%d to %d commitments) for %s, while %d readers (%s) open %d client maps:\n",
		num(l.Writes.Rate), len(l.Services), lo, hi, l.Duration, l.Readers, readers, len(l.MapClients))
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "readers\trequests\terrors\trps\tp50 ms\tp99 ms\tmax ms\talliance cpu s\t")
	for _, x := range []struct {
		name string
		v    Readers
	}{{"alone", l.Unloaded}, {"with the writes", l.Loaded}} {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%s\t%s\t%s\t%s\t\n", x.name, x.v.Requests, x.v.Errors, num(x.v.Throughput), num(x.v.P50), num(x.v.P99), num(x.v.Max), num(x.v.CPU))
	}
	fmt.Fprintf(tw, "ratio\t\t\t%s\t%s\t%s\t%s\t%s\t\n", ratioOf(l.Loaded.Throughput, l.Unloaded.Throughput), ratioOf(l.Loaded.P50, l.Unloaded.P50),
		ratioOf(l.Loaded.P99, l.Unloaded.P99), ratioOf(l.Loaded.Max, l.Unloaded.Max), ratioOf(l.Loaded.CPU, l.Unloaded.CPU))
	tw.Flush()
	x := l.Writes
	fmt.Fprintf(w, "readers' p99 with the writes / alone: %.2f (target: at most 2)\n", l.Ratio)
	fmt.Fprintf(w, "writes: %s a second asked, %d sent, %d succeeded (%s a second), %d failed; p50 %s ms, p99 %s ms, max %s ms; %d measurements landed\n",
		num(x.Rate), x.Sent, x.Succeeded, num(x.Achieved), x.Errors, num(x.P50), num(x.P99), num(x.Max), x.Landed)
	if x.FirstError != "" {
		fmt.Fprintf(w, "first failed write: %s\n", x.FirstError)
	}
	if x.ServerError != "" {
		fmt.Fprintf(w, "first error in Alliance's log: %s\n", x.ServerError)
	}
	fmt.Fprintf(w, "maps read after the load equal to the floor's: %d of %d\n", l.Consistent, len(l.MapClients))
}

func printWaits(w io.Writer, waits []*WaitResult) {
	fmt.Fprintln(w, "\nThe loaders' wait (serve --loader-wait), closed loops, mean of the rounds:")
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', tabwriter.AlignRight)
	head := []string{"query", "wait", "stmts"}
	for _, l := range waits[0].Loads {
		c := l.Concurrency
		head = append(head, fmt.Sprintf("c%d rps", c), fmt.Sprintf("c%d p50 ms", c), fmt.Sprintf("c%d p99 ms", c), fmt.Sprintf("c%d cpu ms", c), fmt.Sprintf("c%d stmts", c))
	}
	fmt.Fprintln(tw, strings.Join(head, "\t")+"\t")
	for _, x := range waits {
		row := []string{x.Query, x.Wait, num(x.Statements)}
		for _, l := range x.Loads {
			row = append(row, num(l.Throughput), num(l.P50), num(l.P99), num(l.CPU), num(l.LoadStatements))
		}
		fmt.Fprintln(tw, strings.Join(row, "\t")+"\t")
	}
	tw.Flush()
}

func printProfile(w io.Writer, p *ProfileResult) {
	fmt.Fprintf(w, "\nCPU profile of Alliance, %s at concurrency %d (%d s, %s ms sampled; %s):\n", p.Query, p.Concurrency, p.Seconds, num(p.SampledMs), p.File)
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "layer\tms\tshare\t")
	for _, g := range p.Groups {
		fmt.Fprintf(tw, "%s\t%s\t%.1f%%\t\n", g.Name, num(g.Ms), g.Percent)
	}
	tw.Flush()
}

func num(v float64) string {
	switch {
	case v == 0:
		return "0"
	case v >= 100:
		return fmt.Sprintf("%.0f", v)
	case v >= 10:
		return fmt.Sprintf("%.1f", v)
	}
	return fmt.Sprintf("%.2f", v)
}

func ratioOf(a, b float64) string {
	if b == 0 {
		if a == 0 {
			return "1"
		}
		return "-"
	}
	return fmt.Sprintf("%.2f", a/b)
}

func mb(b int64) string { return fmt.Sprintf("%.0f", float64(b)/(1<<20)) }

// writeResults writes the results as indented JSON.
func writeResults(path string, r *Results) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}
