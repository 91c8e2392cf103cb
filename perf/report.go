package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// ReportResult is Q2: the whole-portfolio report as JSON and as CSV.
type ReportResult struct {
	Rows    int              `json:"rows"`
	Formats []*ReportFigures `json:"formats"`
}

// ReportFigures are one format's figures on Alliance and on the floor.
type ReportFigures struct {
	Format   string      `json:"format"`
	Alliance ReportFetch `json:"alliance"`
	Floor    ReportFetch `json:"floor"`
}

// ReportFetch is one download of the report.
type ReportFetch struct {
	WallMs     float64 `json:"wallMs"`
	Bytes      int     `json:"bytes"`
	Statements int64   `json:"statements"`
	// PeakRSS is the highest resident memory sampled during the download,
	// BaseRSS the resident memory before it.
	PeakRSS int64   `json:"peakRssBytes"`
	BaseRSS int64   `json:"baseRssBytes"`
	CPUMs   float64 `json:"cpuMs"`
}

const reportSlug = "perf-q2"

// measureReport saves q2Query as a report, downloads it whole from Alliance
// and the same rows from the floor, as JSON and CSV, and checks that they
// are the same.
func measureReport(al, fl *process) (*ReportResult, error) {
	_, _, err := ask(al, `mutation($in: ReportInput!) { saveReport(input: $in) { slug } }`, map[string]any{"in": map[string]any{
		"slug": reportSlug, "title": "Every requirement (perf Q2)", "query": q2Query}})
	if err != nil {
		return nil, fmt.Errorf("save the report: %w", err)
	}
	res := &ReportResult{}
	for _, format := range []string{"json", "csv"} {
		h := http.Header{}
		h.Set("Authorization", "Bearer "+al.token)
		ab, af, err := fetchReport(al, vegeta.Target{Method: http.MethodGet, URL: al.url + "/reports/" + reportSlug + "." + format + "?all=true", Header: h})
		if err != nil {
			return nil, err
		}
		fb, ff, err := fetchReport(fl, floorTarget(fl, "/q2."+format))
		if err != nil {
			return nil, err
		}
		if format == "json" {
			same, where, err := sameJSON(ab, fb)
			if err != nil {
				return nil, err
			}
			if !same {
				return nil, fmt.Errorf("THE FLOOR'S JSON REPORT DIFFERS FROM ALLIANCE'S (Alliance first): %s", where)
			}
			res.Rows = countRows(ab)
		} else if same, where := sameCSV(ab, fb); !same {
			return nil, fmt.Errorf("THE FLOOR'S CSV REPORT DIFFERS FROM ALLIANCE'S (Alliance first): %s", where)
		}
		res.Formats = append(res.Formats, &ReportFigures{Format: format, Alliance: af, Floor: ff})
	}
	return res, nil
}

// fetchReport downloads a report once, sampling the process's resident
// memory every 5 ms meanwhile.
func fetchReport(p *process, t vegeta.Target) ([]byte, ReportFetch, error) {
	var f ReportFetch
	stmts, err := p.statements()
	if err != nil {
		return nil, f, err
	}
	u := p.usage()
	f.BaseRSS = u.RSS
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			if rss := p.usage().RSS; rss > f.PeakRSS {
				f.PeakRSS = rss
			}
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()
	body, elapsed, err := do(t)
	close(stop)
	wg.Wait()
	if err != nil {
		return nil, f, fmt.Errorf("%s: %w", p.name, err)
	}
	after, err := p.statements()
	if err != nil {
		return nil, f, err
	}
	f.WallMs, f.Bytes, f.Statements = ms(elapsed), len(body), after-stmts
	f.CPUMs = ms(p.usage().CPU - u.CPU)
	return body, f, nil
}

func countRows(b []byte) int {
	var rows []any
	_ = json.Unmarshal(b, &rows)
	return len(rows)
}
