package main

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// committedResults are the runs docs/PERFORMANCE.md reports, as the chart
// command is given them.
func committedResults(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, pattern := range []string{"../docs/perf/sqlite-*.json", "../docs/perf/mysql-*.json"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Fatal("no results in docs/perf")
	}
	return files
}

// The chart of the committed results is a well-formed SVG with a panel a
// query, both databases, Alliance and the floor, and labelled axes; and it is
// the image the docs show (docs/perf/latency.svg), so the image is redrawn
// whenever the results change.
func TestChartDrawsTheCommittedResults(t *testing.T) {
	out := filepath.Join(t.TempDir(), "latency.svg")
	if err := chartCommand(append([]string{"--out", out}, committedResults(t)...), io.Discard); err != nil {
		t.Fatal(err)
	}
	svg, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	counts, texts := parseSVG(t, svg)
	if counts["svg"] != 1 {
		t.Fatalf("%d svg elements", counts["svg"])
	}
	// 6 panels × 4 series × (p50 + p99), where each has points.
	if counts["path"] < 6*4 || counts["circle"] == 0 || counts["rect"] < 6 {
		t.Errorf("elements: %v", counts)
	}
	all := strings.Join(texts, "\n")
	for _, want := range []string{"Q1: a client's map", "Q5: impact", "Q6: serviceMatches", "Alliance, SQLite", "Alliance, MariaDB",
		"floor, SQLite", "floor, MariaDB", "p50", "p99", "clients", "latency", "1,000", "10 ms", "1 s", "log scales"} {
		if !strings.Contains(all, want) {
			t.Errorf("the chart has no text %q", want)
		}
	}
	committed, err := os.ReadFile("../docs/perf/latency.svg")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(committed, svg) {
		t.Errorf("docs/perf/latency.svg is not the chart of docs/perf/*.json: run go run ./perf chart --out docs/perf/latency.svg docs/perf/sqlite-*.json docs/perf/mysql-*.json")
	}
}

// parseSVG reads a whole SVG document as XML, counting its elements by name
// and collecting its texts; a document that is not well-formed fails the
// test.
func parseSVG(t *testing.T, svg []byte) (map[string]int, []string) {
	t.Helper()
	counts := map[string]int{}
	var texts []string
	dec := xml.NewDecoder(bytes.NewReader(svg))
	depth := 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("the SVG is not well-formed XML: %v", err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			if depth == 0 && (e.Name.Local != "svg" || e.Name.Space != "http://www.w3.org/2000/svg") {
				t.Fatalf("the root element is %v, not an SVG", e.Name)
			}
			depth++
			counts[e.Name.Local]++
		case xml.EndElement:
			depth--
		case xml.CharData:
			if s := strings.TrimSpace(string(e)); s != "" {
				texts = append(texts, s)
			}
		}
	}
	return counts, texts
}

// The chart command refuses what it cannot draw: no files, no --out, a file
// that is not a run's results, runs that measured no query (W1 alone), and a
// concurrency no run loaded at.
func TestChartRefusesEmptyInput(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "chart.svg")
	empty := filepath.Join(dir, "empty.json")
	os.WriteFile(empty, nil, 0o644)
	notJSON := filepath.Join(dir, "notes.json")
	os.WriteFile(notJSON, []byte("not a run"), 0o644)
	for name, args := range map[string][]string{
		"no files":         {"--out", out},
		"no --out":         {"../docs/perf/sqlite-10.json"},
		"an empty file":    {"--out", out, empty},
		"not JSON":         {"--out", out, notJSON},
		"writes only":      {"--out", out, "../docs/perf/mysql-1000-w1.json"},
		"no such load":     {"--out", out, "--concurrency", "7", "../docs/perf/sqlite-10.json"},
		"no file":          {"--out", out, filepath.Join(dir, "missing.json")},
		"an empty results": {"--out", out, writeJSONFile(t, dir, "{}")},
	} {
		if err := chartCommand(args, io.Discard); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a refused chart wrote its file")
	}
}

func writeJSONFile(t *testing.T, dir, body string) string {
	t.Helper()
	p := filepath.Join(dir, "results.json")
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
