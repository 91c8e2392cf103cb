package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"alliance"
	"alliance/db"
	"alliance/report"
)

// reports answers GET /reports/{slug}.json, .csv and .xlsx: the
// saved report runs in process through the GraphQL executor (see package
// report), with the same limits and authorization as /graphql, as the
// request's principal. The query string overrides the report's default
// variables (reserved: share, all); all=true pages through the report's
// connection and streams every row.
//
// An answer of one page is made whole before it is sent, and its ETag is a
// hash of its bytes: If-None-Match gets 304 while the answer is the same. A
// streamed answer has no ETag, since its bytes are known only once sent.
func reports(d *db.DB, exec report.Executor, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		slug, format, _ := strings.Cut(r.PathValue("file"), ".")
		rep, err := d.Report(ctx, slug)
		if err == nil && rep == nil {
			err = alliance.Errorf(alliance.ENOTFOUND, "no report %q", slug)
		}
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		if p := alliance.PrincipalFrom(ctx); p != nil && p.Share != nil {
			// A share link runs its report as saved: its URL may page,
			// not change what the report selects.
			for name := range r.URL.Query() {
				if !slices.Contains([]string{"share", "all", "first", "after"}, name) {
					writeError(w, r, log, alliance.Invalidf(name, "a share link runs its report with the report's saved variables: only first, after and all may be given, not %s", name))
					return
				}
			}
		}
		run, err := report.Prepare(exec, rep, format, r.URL.Query())
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		w.Header().Set("X-Content-Type-Options", "nosniff")
		if run.Streamed() {
			streamReport(w, r, log, run, slug, false)
			return
		}
		body, err := run.Render(ctx)
		if err != nil {
			reportFailed(w, r, log, err)
			return
		}
		// Only answers that succeed may be cached: they alone carry these.
		etag := bodyETag(body)
		w.Header().Set("ETag", etag)
		w.Header().Set("Cache-Control", "private, max-age=30")
		if etagMatches(r.Header.Get("If-None-Match"), etag) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		reportHead(w, run, slug, false)
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(http.StatusOK)
		w.Write(body)
	})
}

// streamReport sends every page of a report as it comes. Once the head is
// sent, a failure can no longer change the status: the answer is aborted,
// so that the client sees an incomplete transfer rather than a short file,
// and why is logged.
func streamReport(w http.ResponseWriter, r *http.Request, log *slog.Logger, run *report.Run, slug string, download bool) {
	rc := http.NewResponseController(w)
	began := false
	err := run.Stream(r.Context(), w, func() {
		began = true
		reportHead(w, run, slug, download)
		w.Header().Set("Cache-Control", "private, max-age=30")
		w.WriteHeader(http.StatusOK)
	}, func() {
		// A whole report may take longer than the server's write timeout:
		// each page that arrives earns the stream another spell.
		_ = rc.Flush()
		_ = rc.SetWriteDeadline(time.Now().Add(writeTimeout))
	})
	switch {
	case err == nil:
	case !began:
		reportFailed(w, r, log, err)
	default:
		log.WarnContext(r.Context(), "report cut short", "report", slug, "err", err, "request_id", alliance.RequestIDFrom(r.Context()))
		panic(http.ErrAbortHandler)
	}
}

// reportHead sets the headers that say what a report's answer is. A
// download (an export) is an attachment whatever its format.
func reportHead(w http.ResponseWriter, run *report.Run, slug string, download bool) {
	w.Header().Set("Content-Type", run.ContentType())
	if download {
		w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s.%s"`, slug, run.Format()))
		return
	}
	switch run.Format() {
	case report.CSV:
		w.Header().Set("Content-Disposition", fmt.Sprintf(`inline; filename="%s.csv"`, slug))
	case report.XLSX:
		w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s.xlsx"`, slug))
	}
}

// reportFailed answers a report that failed before anything was sent. A
// query that failed is answered with its GraphQL response, as /graphql
// would, with the status of its first error's code (the error presenter has
// logged it if it is internal); anything else goes to writeError.
func reportFailed(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error) {
	var f *report.Failed
	if !errors.As(err, &f) {
		writeError(w, r, log, err)
		return
	}
	if f.RetryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(f.RetryAfter))
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(statusOf(f.Code))
	w.Write(f.Response)
}

// bodyETag names an answer by its bytes: a strong validator, the same for
// two answers only when they are byte for byte the same.
func bodyETag(body []byte) string {
	sum := sha256.Sum256(body)
	return `"` + hex.EncodeToString(sum[:16]) + `"`
}

// etagMatches reports whether an If-None-Match header names etag: "*", or
// one of its list by the weak comparison RFC 9110 asks of If-None-Match.
func etagMatches(header, etag string) bool {
	if header == "" {
		return false
	}
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == strings.TrimPrefix(etag, "W/") {
			return true
		}
	}
	return false
}
