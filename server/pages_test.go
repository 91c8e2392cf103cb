package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
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
