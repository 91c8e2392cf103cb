package main

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"alliance/db"
	"alliance/db/dbtest"
)

// Before the web app is built, the program has no assets (frontend/dist.go is
// not there yet): it compiles all the same, and its pages say how to build
// the app instead of failing.
func TestWebAppNotBuiltSaysHowToBuildIt(t *testing.T) {
	unbuilt := fstest.MapFS{}
	for _, tc := range []struct {
		name, path string
		h          http.Handler
	}{
		{"home", "/", webApp(unbuilt)},
		{"index.html", "/index.html", webApp(unbuilt)},
		{"a view of the app", "/clients/2", webApp(unbuilt)},
		{"GraphiQL", "/graphiql", servePage(unbuilt, "graphiql.html")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			tc.h.ServeHTTP(rec, httptest.NewRequest("GET", tc.path, nil))
			body := rec.Body.String()
			if rec.Code != http.StatusServiceUnavailable || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") {
				t.Fatalf("%d %q: %s", rec.Code, rec.Header().Get("Content-Type"), body)
			}
			for _, want := range []string{"<html", "npm run web", "node frontend/scripts/ensure-built.mjs", "go run ./server"} {
				if !strings.Contains(body, want) {
					t.Fatalf("the page does not say %q:\n%s", want, body)
				}
			}
			// Built and restarted, the server has the app: nothing may keep
			// this page.
			if cc := rec.Header().Get("Cache-Control"); cc != "no-store" {
				t.Fatalf("Cache-Control %q", cc)
			}
		})
	}

	built := fstest.MapFS{"index.html": &fstest.MapFile{Data: []byte("<!doctype html><html>the app</html>")}}
	for _, path := range []string{"/", "/clients/2"} {
		rec := httptest.NewRecorder()
		webApp(built).ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "the app") {
			t.Fatalf("%s with the app built: %d %s", path, rec.Code, rec.Body)
		}
	}
}

// Every answer carries the security headers: pages run only the app's own
// scripts and are never framed; nothing is sniffed; no referrer leaves.
func TestEveryAnswerCarriesTheSecurityHeaders(t *testing.T) {
	d := dbtest.Open(t, db.SQLite)
	h := httptest.NewServer(newServer(d, &config{MaxBodyBytes: 1 << 20, Auth: true}, slog.New(slog.DiscardHandler)))
	defer h.Close()
	for _, path := range []string{"/", "/clients/2", "/graphiql", "/graphql?query=%7B__typename%7D", "/schema.graphql", "/healthz", "/reports/none.csv"} {
		resp, err := http.Get(h.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		csp := resp.Header.Get("Content-Security-Policy")
		script := ""
		for _, d := range strings.Split(csp, ";") {
			if d = strings.TrimSpace(d); strings.HasPrefix(d, "script-src ") {
				script = d
			}
		}
		if script != "script-src 'self'" || !strings.Contains(csp, "frame-ancestors 'none'") || !strings.Contains(csp, "object-src 'none'") {
			t.Errorf("%s: Content-Security-Policy %q", path, csp)
		}
		for k, want := range map[string]string{"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY"} {
			if got := resp.Header.Get(k); got != want {
				t.Errorf("%s: %s %q, want %q", path, k, got, want)
			}
		}
	}
}
