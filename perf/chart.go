package main

import (
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"sort"
	"strings"
)

// chartCommand is `perf chart --out FILE RESULTS...`: an SVG chart of
// latency against the portfolio's size, drawn from runs' JSON results (as
// --out writes them), one panel a query, Alliance and the floor on each
// database.
func chartCommand(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("perf chart", flag.ContinueOnError)
	out := fs.String("out", "", "the SVG file to write (required)")
	conc := fs.Int("concurrency", 1, "the concurrency whose loads are drawn")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" {
		return errors.New("chart: --out FILE is required")
	}
	if fs.NArg() == 0 {
		return errors.New("chart: name the results files to draw (perf chart --out docs/perf/latency.svg docs/perf/sqlite-*.json docs/perf/mysql-*.json)")
	}
	var runs []*Results
	for _, path := range fs.Args() {
		r, err := readResults(path)
		if err != nil {
			return err
		}
		runs = append(runs, r)
	}
	svg, err := drawChart(runs, *conc)
	if err != nil {
		return err
	}
	if err := os.WriteFile(*out, svg, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s (%d bytes)\n", *out, len(svg))
	return nil
}

// chartQueries are the panels, in order, with titles that hold for every
// size (the runs' own titles name their subjects' ids).
var chartQueries = []struct{ name, title string }{
	{"q1", "Q1: a client's map (random client)"},
	{"q1l", "Q1: the largest client's map"},
	{"q3", "Q3: portfolio + 100 gaps"},
	{"q4", "Q4: 100 clients by score"},
	{"q5", "Q5: impact of the most shared service"},
	{"q6", "Q6: serviceMatches, a typical promise"},
}

// chartSeries are the lines of every panel: a target on a database.
type chartSeries struct {
	db, target, label, color string
	square                   bool
}

var allSeries = []chartSeries{
	{"sqlite", "alliance", "Alliance, SQLite", "#1f5fa8", false},
	{"mysql", "alliance", "Alliance, MariaDB", "#c0392b", true},
	{"sqlite", "floor", "floor, SQLite", "#7fb3e6", false},
	{"mysql", "floor", "floor, MariaDB", "#f0a08f", true},
}

// point is one figure of a series: latency in ms at a size.
type point struct{ clients, ms float64 }

// chartLines are a series' p50 and p99 points in one panel.
type chartLines [2][]point

// Geometry of the chart, in pixels.
const (
	chartCols    = 3
	panelW       = 300 // plot area
	panelH       = 200
	panelLeft    = 64 // room for the y labels, left of each plot area
	panelTop     = 34 // room for the panel's title
	panelBottom  = 46 // room for the x labels
	panelRight   = 22
	chartHeaderH = 112 // title and legend
	chartFooterH = 30
)

// drawChart draws the runs' p50 (closed loop) and p99 (open loop) at
// concurrency conc against their numbers of clients.
func drawChart(runs []*Results, conc int) ([]byte, error) {
	// The latest run of each database and size that measured queries.
	type key struct {
		db      string
		clients int
	}
	latest := map[key]*Results{}
	for _, r := range runs {
		if len(r.Queries) == 0 {
			continue
		}
		k := key{r.DB, r.Clients}
		if was, ok := latest[k]; !ok || r.Started.After(was.Started) {
			latest[k] = r
		}
	}
	if len(latest) == 0 {
		return nil, errors.New("chart: none of the files holds a run that measured queries")
	}
	// data[query][series index][p50 or p99] = points by size.
	data := map[string][]chartLines{}
	var sizes []float64
	var machines []string
	var dates []string
	for k, r := range latest {
		if !slices.Contains(sizes, float64(k.clients)) {
			sizes = append(sizes, float64(k.clients))
		}
		if !slices.Contains(machines, r.Machine) {
			machines = append(machines, r.Machine)
		}
		if d := r.Started.Format("2006-01-02"); !slices.Contains(dates, d) {
			dates = append(dates, d)
		}
		for _, q := range r.Queries {
			if data[q.Name] == nil {
				data[q.Name] = make([]chartLines, len(allSeries))
			}
			for si, s := range allSeries {
				if s.db != k.db {
					continue
				}
				f := q.Alliance
				if s.target == "floor" {
					f = q.Floor
				}
				for _, l := range f.Loads {
					if l.Concurrency != conc {
						continue
					}
					if l.P50 > 0 {
						data[q.Name][si][0] = append(data[q.Name][si][0], point{float64(k.clients), l.P50})
					}
					if l.OpenP99 > 0 {
						data[q.Name][si][1] = append(data[q.Name][si][1], point{float64(k.clients), l.OpenP99})
					}
				}
			}
		}
	}
	var panels []struct{ name, title string }
	for _, q := range chartQueries {
		if data[q.name] != nil && hasPoints(data[q.name]) {
			panels = append(panels, q)
		}
	}
	if len(panels) == 0 {
		return nil, fmt.Errorf("chart: no run holds a load at concurrency %d", conc)
	}
	for _, ls := range data {
		for si := range ls {
			for i := range ls[si] {
				sort.Slice(ls[si][i], func(a, b int) bool { return ls[si][i][a].clients < ls[si][i][b].clients })
			}
		}
	}
	sort.Float64s(sizes)
	sort.Strings(machines)
	sort.Strings(dates)

	cellW, cellH := panelLeft+panelW+panelRight, panelTop+panelH+panelBottom
	rows := (len(panels) + chartCols - 1) / chartCols
	cols := min(chartCols, len(panels))
	width, height := 20+cols*cellW, chartHeaderH+rows*cellH+chartFooterH
	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="Helvetica, Arial, sans-serif" font-size="12">`+"\n", width, height, width, height)
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="#ffffff"/>`+"\n", width, height)
	fmt.Fprintf(&b, `<text x="20" y="26" font-size="17" font-weight="bold">%s</text>`+"\n",
		esc(fmt.Sprintf("Latency against portfolio size, at concurrency %d (log scales)", conc)))
	fmt.Fprintf(&b, `<text x="20" y="46" fill="#444444">%s</text>`+"\n",
		esc("Solid lines with markers: p50 of the closed loop. Dashed lines: p99 of the open loop (constant rate, no coordinated omission)."))
	// Legend.
	lx := 20
	for _, s := range allSeries {
		fmt.Fprintf(&b, `<line x1="%d" y1="70" x2="%d" y2="70" stroke="%s" stroke-width="2.5"/>`+"\n", lx, lx+28, s.color)
		marker(&b, float64(lx+14), 70, s)
		fmt.Fprintf(&b, `<text x="%d" y="74">%s</text>`+"\n", lx+36, esc(s.label))
		lx += 44 + 8*len(s.label)
	}
	fmt.Fprintf(&b, `<line x1="%d" y1="70" x2="%d" y2="70" stroke="#555555" stroke-width="2.5"/>`+"\n", lx, lx+28)
	fmt.Fprintf(&b, `<text x="%d" y="74">p50</text>`+"\n", lx+36)
	lx += 76
	fmt.Fprintf(&b, `<line x1="%d" y1="70" x2="%d" y2="70" stroke="#555555" stroke-width="1.5" stroke-dasharray="6 4"/>`+"\n", lx, lx+28)
	fmt.Fprintf(&b, `<text x="%d" y="74">p99</text>`+"\n", lx+36)
	fmt.Fprintf(&b, `<text x="20" y="96" fill="#444444">%s</text>`+"\n",
		esc("Each point is one run of go run ./perf at that size (N clients, about 50N requirements and 200N commitments); the floor is the hand-written server over the same database."))

	for i, q := range panels {
		x0 := 20 + (i%chartCols)*cellW + panelLeft
		y0 := chartHeaderH + (i/chartCols)*cellH + panelTop
		drawPanel(&b, x0, y0, q.title, sizes, data[q.name])
	}
	fmt.Fprintf(&b, `<text x="20" y="%d" fill="#666666" font-size="11">%s</text>`+"\n", height-10,
		esc(fmt.Sprintf("Runs of %s on %s. Ratios within one run are steadier than absolute times on this shared machine.", strings.Join(dates, ", "), strings.Join(machines, "; "))))
	b.WriteString("</svg>\n")
	return b.Bytes(), nil
}

func hasPoints(ls []chartLines) bool {
	for _, l := range ls {
		if len(l[0]) > 0 || len(l[1]) > 0 {
			return true
		}
	}
	return false
}

// drawPanel draws one query's panel with its plot area's top left at x0,
// y0: log x (clients) and log y (ms), a grid at each decade.
func drawPanel(b *bytes.Buffer, x0, y0 int, title string, sizes []float64, ls []chartLines) {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, l := range ls {
		for _, pts := range l {
			for _, p := range pts {
				lo, hi = math.Min(lo, p.ms), math.Max(hi, p.ms)
			}
		}
	}
	yLo, yHi := math.Floor(math.Log10(lo)), math.Ceil(math.Log10(hi))
	if yHi <= yLo {
		yHi = yLo + 1
	}
	xLo, xHi := math.Log10(sizes[0])-0.25, math.Log10(sizes[len(sizes)-1])+0.25
	px := func(c float64) float64 { return float64(x0) + (math.Log10(c)-xLo)/(xHi-xLo)*panelW }
	py := func(v float64) float64 { return float64(y0+panelH) - (math.Log10(v)-yLo)/(yHi-yLo)*panelH }

	fmt.Fprintf(b, `<g>`+"\n")
	fmt.Fprintf(b, `<text x="%d" y="%d" font-size="13" font-weight="bold">%s</text>`+"\n", x0-panelLeft+8, y0-12, esc(title))
	fmt.Fprintf(b, `<rect x="%d" y="%d" width="%d" height="%d" fill="#fafafa" stroke="#999999"/>`+"\n", x0, y0, panelW, panelH)
	// y grid: each decade labelled, 2 and 5 between them faint.
	for e := yLo; e <= yHi; e++ {
		v := math.Pow(10, e)
		y := py(v)
		if e > yLo && e < yHi {
			fmt.Fprintf(b, `<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#d0d0d0"/>`+"\n", x0, y, x0+panelW, y)
		}
		fmt.Fprintf(b, `<text x="%d" y="%.1f" text-anchor="end">%s</text>`+"\n", x0-6, y+4, esc(msLabel(v)))
		if e < yHi {
			for _, m := range []float64{2, 5} {
				ym := py(v * m)
				fmt.Fprintf(b, `<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#ececec"/>`+"\n", x0, ym, x0+panelW, ym)
			}
		}
	}
	fmt.Fprintf(b, `<text transform="translate(%d %d) rotate(-90)" text-anchor="middle" fill="#444444">latency</text>`+"\n", x0-panelLeft+12, y0+panelH/2)
	// x axis: the sizes measured.
	for _, c := range sizes {
		x := px(c)
		fmt.Fprintf(b, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#d0d0d0"/>`+"\n", x, y0, x, y0+panelH)
		fmt.Fprintf(b, `<text x="%.1f" y="%d" text-anchor="middle">%s</text>`+"\n", x, y0+panelH+16, esc(thousands(int(c))))
	}
	fmt.Fprintf(b, `<text x="%d" y="%d" text-anchor="middle" fill="#444444">clients</text>`+"\n", x0+panelW/2, y0+panelH+34)
	// The lines: p99 (dashed) under p50.
	for _, which := range []int{1, 0} {
		for si, l := range ls {
			pts := l[which]
			if len(pts) == 0 {
				continue
			}
			s := allSeries[si]
			var d strings.Builder
			for i, p := range pts {
				cmd := "L"
				if i == 0 {
					cmd = "M"
				}
				fmt.Fprintf(&d, "%s%.1f %.1f ", cmd, px(p.clients), py(p.ms))
			}
			style := `stroke-width="2.5"`
			if which == 1 {
				style = `stroke-width="1.5" stroke-dasharray="6 4"`
			}
			fmt.Fprintf(b, `<path d="%s" fill="none" stroke="%s" %s/>`+"\n", strings.TrimSpace(d.String()), s.color, style)
			if which == 0 {
				for _, p := range pts {
					marker(b, px(p.clients), py(p.ms), s)
				}
			}
		}
	}
	fmt.Fprintf(b, `</g>`+"\n")
}

// marker draws a series' marker: a circle for SQLite, a square for MariaDB.
func marker(b *bytes.Buffer, x, y float64, s chartSeries) {
	if s.square {
		fmt.Fprintf(b, `<rect x="%.1f" y="%.1f" width="7" height="7" fill="%s" stroke="#ffffff" stroke-width="0.8"/>`+"\n", x-3.5, y-3.5, s.color)
		return
	}
	fmt.Fprintf(b, `<circle cx="%.1f" cy="%.1f" r="4" fill="%s" stroke="#ffffff" stroke-width="0.8"/>`+"\n", x, y, s.color)
}

// msLabel writes a decade of milliseconds: 0.1 ms, 1 ms, 10 ms, 100 ms,
// 1 s, 10 s, 100 s.
func msLabel(v float64) string {
	switch {
	case v >= 1000:
		return fmt.Sprintf("%g s", v/1000)
	default:
		return fmt.Sprintf("%g ms", v)
	}
}

func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}
