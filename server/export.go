package main

import (
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"alliance"
	"alliance/export"
	"alliance/report"
)

// exports answers GET /api/export/{what}.{csv|xlsx}: one list of the web
// app as a file, with the filters of its view in the query string (see
// export.Views), run as the request's principal with its role and client
// limit. A client-portal caller's file leaves out what the schema marks
// @internal. A paged list is streamed a page at a time, charged to the
// caller's rate as an all-pages report is.
func exports(exec report.Executor, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		what, format, _ := strings.Cut(r.PathValue("file"), ".")
		p := alliance.PrincipalFrom(ctx)
		run, err := export.Prepare(exec, what, format, r.URL.Query(), !p.Scoped())
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		name := downloadName(what, r)
		w.Header().Set("X-Content-Type-Options", "nosniff")
		if run.Streamed() {
			streamReport(w, r, log, run, name, true)
			return
		}
		body, err := run.Render(ctx)
		if err != nil {
			reportFailed(w, r, log, err)
			return
		}
		reportHead(w, run, name, true)
		w.Header().Set("Cache-Control", "private, no-store")
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(http.StatusOK)
		w.Write(body)
	})
}

// downloadName is the file name of a download, without its extension: the
// list's name, and the client or service it is about when it is one's.
func downloadName(what string, r *http.Request) string {
	q := r.URL.Query()
	for _, key := range []string{"id", "serviceId"} {
		if id, err := strconv.ParseInt(q.Get(key), 10, 64); err == nil && id > 0 {
			return fmt.Sprintf("%s-%d", what, id)
		}
	}
	return what
}
