package main

import (
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"path"
	"strings"
	"time"

	"alliance"
	"alliance/graph"
)

func healthz(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// readiness is what /readyz asks of the database.
type readiness interface {
	Ping(ctx context.Context) error
	SchemaVersion(ctx context.Context) (current, latest int64, err error)
	ClusterState(ctx context.Context) (state string, synced bool, err error)
}

// readyz answers 200 while the database answers, is (on Galera) a synced
// node, and its schema is at the version this program expects, 503
// otherwise. Why the database does not
// answer goes to the log (at warning level: not ready is an answer, not a
// fault of the request), with the request id.
func readyz(d readiness, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
		defer cancel()
		notReady := func(reason string, err error) {
			log.WarnContext(ctx, "not ready", "reason", reason, "err", err, "request_id", alliance.RequestIDFrom(ctx))
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "reason": reason})
		}
		if err := d.Ping(ctx); err != nil {
			notReady("the database does not answer", err)
			return
		}
		if state, synced, err := d.ClusterState(ctx); err != nil {
			notReady("the cluster state cannot be read", err)
			return
		} else if !synced {
			log.WarnContext(ctx, "not ready", "reason", "the Galera node is not synced", "state", state, "request_id", alliance.RequestIDFrom(ctx))
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "reason": "the Galera node is not synced", "state": state})
			return
		}
		cur, latest, err := d.SchemaVersion(ctx)
		switch {
		case err != nil:
			notReady("the schema version cannot be read", err)
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

// servePage serves one HTML file of the built web assets, or, when the
// assets were not built into this binary, a page saying how to build them.
func servePage(fsys fs.FS, name string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			notBuilt(w)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
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
		files.ServeHTTP(w, r)
	})
}

// notBuiltPage is what the web app's pages show when the program was
// compiled before the web app was built: frontend/dist then holds only its
// placeholder (see frontend/vite.config.ts), which lets the embed compile.
const notBuiltPage = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Alliance: the web app is not built</title>
<style>body { font: 16px/1.5 system-ui, sans-serif; max-width: 40em; margin: 3em auto; padding: 0 1em; } code { background: #eee; padding: 0 .25em; }</style>
</head>
<body>
<h1>The web app is not built</h1>
<p>This server was compiled before the web app's assets (<code>frontend/dist</code>) were built, so it has no pages to show.
The API works: <code>/graphql</code>, <code>/schema.graphql</code>, <code>/reports/…</code>.</p>
<p>To get the app, build it at the top of the repository (it needs Node.js):</p>
<pre><code>npm run web</code></pre>
<p>or, which is the same, <code>node frontend/scripts/ensure-built.mjs</code>. Then start the server again:
<code>go run ./server</code> compiles the assets in. <code>npm start</code> does both.</p>
</body>
</html>
`

// notBuilt answers with notBuiltPage. 503: the page is missing from this
// build, not from the server's URLs; nothing may keep the answer, since the
// next build has the app.
func notBuilt(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusServiceUnavailable)
	io.WriteString(w, notBuiltPage)
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
