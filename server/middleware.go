package main

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"regexp"
	"runtime/debug"
	"strings"
	"time"

	"alliance"
)

var requestIDPattern = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// withRequestID gives every request an id: the caller's X-Request-Id when it
// is sensible, a random one otherwise. The id is echoed in the response, put
// in the context (logs, audit records, internal error messages).
func withRequestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-Id")
		if !requestIDPattern.MatchString(id) {
			b := make([]byte, 8)
			_, _ = rand.Read(b)
			id = hex.EncodeToString(b)
		}
		w.Header().Set("X-Request-Id", id)
		next.ServeHTTP(w, r.WithContext(alliance.WithRequestID(r.Context(), id)))
	})
}

// statusWriter remembers the status and size of a response.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the connection (flushing).
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// logRequests logs one line per request, at info (at debug for the probes
// and the scrapes of /metrics), and counts it in the metrics: method, path,
// status, bytes, time, request id, and what the layers below noted (see
// alliance.RequestNote): the GraphQL operation, the principal's role, the
// code of the first error, the limit that refused it. Only the path is
// logged, never the query string: it may carry a query's variables or, for
// share links, a secret.
func logRequests(log *slog.Logger, m *metrics, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		m.inFlight.Inc()
		defer m.inFlight.Dec()
		ctx, note := alliance.WithRequestNote(r.Context())
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r.WithContext(ctx))
		if sw.status == 0 {
			sw.status = http.StatusOK
		}
		elapsed := time.Since(start)
		f := note.Facts()
		m.observe(f, sw.status, elapsed)
		level := slog.LevelInfo
		if quiet(r.URL.Path, sw.status) {
			level = slog.LevelDebug
		}
		if !log.Enabled(ctx, level) {
			return
		}
		attrs := make([]slog.Attr, 0, 12)
		attrs = append(attrs, slog.String("method", r.Method), slog.String("path", r.URL.Path), slog.Int("status", sw.status),
			slog.Int64("bytes", sw.bytes), slog.Float64("ms", float64(elapsed.Microseconds())/1000),
			slog.String("request_id", alliance.RequestIDFrom(ctx)))
		if f.HasOperation {
			attrs = append(attrs, slog.String("operation", f.Operation))
		}
		if f.Role != "" {
			attrs = append(attrs, slog.String("role", f.Role))
		}
		if f.Code != "" {
			attrs = append(attrs, slog.String("code", f.Code))
		}
		if f.Limit != "" {
			attrs = append(attrs, slog.String("limit", f.Limit))
		}
		log.LogAttrs(ctx, level, "request", attrs...)
	})
}

// quietPaths are logged at debug: probes and scrapes that come every few
// seconds and say nothing of what users do.
var quietPaths = map[string]bool{"/healthz": true, "/readyz": true, "/metrics": true}

// quiet reports whether a request is logged at debug rather than info: the
// probes and scrapes, and the web app's files served (a page load asks for
// a dozen or more scripts and styles; its document and API requests are
// what the info log keeps). A file not found stays at info.
func quiet(path string, status int) bool {
	if quietPaths[path] {
		return true
	}
	return status < 400 && (strings.HasPrefix(path, "/assets/") || path == "/favicon.ico")
}

// noteRoute notes in the request's note the pattern of the route that took
// it (the mux sets it on the request it is given).
func noteRoute(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() { alliance.NoteFrom(r.Context()).Route(r.Pattern) }()
		mux.ServeHTTP(w, r)
	})
}

// recoverPanics answers 500 instead of dropping the connection when a handler
// panics, and logs the panic with its stack. (GraphQL resolvers have their own
// recovery, which keeps the rest of the answer.)
func recoverPanics(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if v == http.ErrAbortHandler {
				panic(v)
			}
			writeError(w, r, log, &panicError{value: v, stack: debug.Stack()})
		}()
		next.ServeHTTP(w, r)
	})
}

// limitBody refuses a request body larger than max bytes with 413, before the
// GraphQL handler reads any of it.
func limitBody(max int64, log *slog.Logger, next http.Handler) http.Handler {
	return limitBodyFor(func(*http.Request) int64 { return max }, log, next)
}

// limitBodyFor is limitBody with a limit that depends on the request.
func limitBodyFor(limit func(*http.Request) int64, log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		max := max(limit(r), 0)
		if r.ContentLength > max {
			writeError(w, r, log, bodyTooLarge(max))
			return
		}
		if r.Body != nil && r.Body != http.NoBody {
			body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, max))
			var mbe *http.MaxBytesError
			switch {
			case errors.As(err, &mbe):
				writeError(w, r, log, bodyTooLarge(max))
				return
			case err != nil:
				writeError(w, r, log, alliance.Errorf(alliance.EINVALID, "the request body could not be read"))
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
		}
		next.ServeHTTP(w, r)
	})
}

// contentSecurityPolicy lets pages run only the app's own scripts (no inline
// script, no eval), load only its own assets, talk only to this server, and
// never be framed. Inline styles stay allowed: the editors of GraphiQL set
// them on their elements.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; " +
	"form-action 'self'; frame-ancestors 'none'"

// securityHeaders sets, on every answer, the headers that keep a browser
// from running, framing or sniffing what the server did not mean: the
// content security policy, no MIME sniffing, no referrer sent on.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		next.ServeHTTP(w, r)
	})
}
