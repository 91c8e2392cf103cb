package main

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"alliance"
	"alliance/db"
	"alliance/db/dbtest"
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

// With --debug-stats, an admin on loopback gets a CPU profile; a viewer, a
// request without a token, and any request without the flag do not.
func TestDebugProfilesAreForLoopbackAdmins(t *testing.T) {
	s := start(t, []string{"--debug-stats", "--db", dbtest.URL(t, db.SQLite)}, nil)
	r := request(t, http.MethodGet, s.url+"/debug/pprof/profile?seconds=1", "", "", admin)
	if r.status != http.StatusOK || len(r.body) < 2 || r.body[0] != 0x1f || r.body[1] != 0x8b {
		t.Fatalf("CPU profile: %d %q", r.status, clipped(r.body))
	}
	if r := request(t, http.MethodGet, s.url+"/debug/pprof/heap", "", "", admin); r.status != http.StatusOK || len(r.body) == 0 {
		t.Fatalf("heap profile: %d %q", r.status, clipped(r.body))
	}
	viewer := makeToken(t, s.url, "profile-viewer", "VIEWER", "")
	if r := request(t, http.MethodGet, s.url+"/debug/pprof/heap", "", "", viewer); r.status != http.StatusForbidden {
		t.Errorf("a viewer's heap profile: %d %q", r.status, clipped(r.body))
	}
	if r := request(t, http.MethodGet, s.url+"/debug/pprof/heap", "", "", nil); r.status != http.StatusUnauthorized {
		t.Errorf("a heap profile without a token: %d %q", r.status, clipped(r.body))
	}
	// The process's arguments are not served: they may hold a password.
	if r := request(t, http.MethodGet, s.url+"/debug/pprof/cmdline", "", "", admin); strings.Contains(r.body, "--debug-stats") {
		t.Errorf("/debug/pprof/cmdline answered the command line: %d %q", r.status, clipped(r.body))
	}

	off := start(t, []string{"--db", dbtest.URL(t, db.SQLite)}, nil)
	if r := request(t, http.MethodGet, off.url+"/debug/pprof/heap", "", "", admin); r.status == http.StatusOK && !strings.HasPrefix(r.header.Get("Content-Type"), "text/html") {
		t.Errorf("a heap profile without --debug-stats: %d %s", r.status, r.header.Get("Content-Type"))
	}
}

// A request from another machine is refused, even with an admin token.
func TestDebugProfilesRefuseOtherMachines(t *testing.T) {
	h := loopbackAdmin(slog.New(slog.DiscardHandler), http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusTeapot)
	}))
	for _, tc := range []struct {
		remote string
		want   int
	}{{"192.0.2.7:5000", http.StatusForbidden}, {"[2001:db8::1]:5000", http.StatusForbidden}, {"127.0.0.1:5000", http.StatusTeapot}, {"[::1]:5000", http.StatusTeapot}} {
		req := httptest.NewRequest(http.MethodGet, "/debug/pprof/heap", nil)
		req.RemoteAddr = tc.remote
		req = req.WithContext(alliance.WithPrincipal(req.Context(), &alliance.Principal{Name: "a", Role: alliance.Admin}))
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != tc.want {
			t.Errorf("from %s: %d, want %d", tc.remote, w.Code, tc.want)
		}
	}
}

func clipped(s string) string {
	if len(s) > 200 {
		return s[:200]
	}
	return s
}
