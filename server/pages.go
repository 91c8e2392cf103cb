package main

import (
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"

	"alliance/graph"
)

func healthz(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// readiness is what /readyz asks of the database.
type readiness interface {
	Ping(ctx context.Context) error
	SchemaVersion(ctx context.Context) (current, latest int64, err error)
}

// readyz answers 200 while the database answers and its schema is at the
// version this program expects, 503 otherwise.
func readyz(d readiness) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
		defer cancel()
		if err := d.Ping(ctx); err != nil {
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "reason": "the database does not answer"})
			return
		}
		cur, latest, err := d.SchemaVersion(ctx)
		switch {
		case err != nil:
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "reason": "the schema version cannot be read"})
		case cur != latest:
			writeJSON(w, http.StatusServiceUnavailable, map[string]any{"status": "unavailable", "reason": "migrations pending", "schemaVersion": cur, "latest": latest})
		default:
			writeJSON(w, http.StatusOK, map[string]any{"status": "ready", "schemaVersion": cur})
		}
	})
}

func serveSchema(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	io.WriteString(w, graph.SchemaSDL())
}

// servePage serves one HTML file of the built web assets.
func servePage(fsys fs.FS, name string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			http.Error(w, name+" is missing from the build; run npm run build in frontend/", http.StatusNotFound)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Referrer-Policy", "no-referrer")
		w.Write(b)
	})
}

// webApp serves the built web app: its files, with hashed assets cached for
// good, and index.html for any other path without an extension, so that the
// app's own URLs can be opened directly.
func webApp(fsys fs.FS) http.Handler {
	files := http.FileServerFS(fsys)
	index := servePage(fsys, "index.html")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
		if name == "" || name == "index.html" {
			index.ServeHTTP(w, r)
			return
		}
		if name == "favicon.ico" {
			// Browsers ask for it on pages that name no icon, such as
			// /schema.graphql: answer with the app's own (under a name that
			// does not change, so not cached for good).
			r.URL.Path = "/" + appIcon(fsys)
			w.Header().Set("Cache-Control", "no-cache")
			w.Header().Set("X-Content-Type-Options", "nosniff")
			files.ServeHTTP(w, r)
			return
		}
		if _, err := fs.Stat(fsys, name); err != nil {
			if path.Ext(name) == "" {
				index.ServeHTTP(w, r)
				return
			}
			http.NotFound(w, r)
			return
		}
		if strings.HasPrefix(name, "assets/") {
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		}
		w.Header().Set("X-Content-Type-Options", "nosniff")
		files.ServeHTTP(w, r)
	})
}

// appIcon is the path of the app's icon among the built assets (its name
// carries a content hash), or "favicon.ico" when the build has none.
func appIcon(fsys fs.FS) string {
	if m, _ := fs.Glob(fsys, "assets/favicon-*.svg"); len(m) > 0 {
		return m[0]
	}
	return "favicon.ico"
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
