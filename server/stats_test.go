package main

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

func TestDebugStatsIsOffByDefault(t *testing.T) {
	s := start(t, nil, nil)
	// Off, the path is no route of its own: the web app's pages answer it
	// (its not-found view, or the page saying how to build the app).
	r := request(t, http.MethodGet, s.url+"/debug/stats", "", "", nil)
	var stats struct{ Statements *int64 }
	if json.Unmarshal([]byte(r.body), &stats) == nil && stats.Statements != nil {
		t.Fatalf("/debug/stats answered the statement count without --debug-stats: %d %s", r.status, r.body)
	}
	if strings.HasPrefix(r.header.Get("Content-Type"), "application/json") {
		t.Fatalf("/debug/stats answered JSON without --debug-stats: %d %s", r.status, r.body)
	}
}

func TestDebugStatsCountsTheStatementsOfRequests(t *testing.T) {
	s := start(t, []string{"--debug-stats"}, nil)
	read := func() int64 {
		r := request(t, http.MethodGet, s.url+"/debug/stats", "", "", nil)
		if r.status != http.StatusOK {
			t.Fatalf("/debug/stats: %d %s", r.status, r.body)
		}
		var out struct{ Statements *int64 }
		if err := json.Unmarshal([]byte(r.body), &out); err != nil || out.Statements == nil {
			t.Fatalf("/debug/stats answered %s (%v)", r.body, err)
		}
		return *out.Statements
	}
	before := read()
	if again := read(); again != before {
		t.Errorf("reading the count ran %d statements", again-before)
	}
	auth := map[string]string{"Authorization": "Bearer " + s.token}
	if r := request(t, http.MethodPost, s.url+"/graphql", "application/json", `{"query":"{ portfolio { score } }"}`, auth); r.status != http.StatusOK {
		t.Fatalf("portfolio: %d %s", r.status, r.body)
	}
	if after := read(); after <= before {
		t.Errorf("a portfolio query ran no statement by the count: %d, then %d", before, after)
	}
}
