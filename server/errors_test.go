package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"alliance"
	"alliance/db"
	"alliance/db/dbtest"
)

// Bug: authenticate (auth.go) and persistedDocuments (documents.go)
// answered a store error with 500 but never logged it, so the request id
// in the answer led nowhere. Every endpoint outside GraphQL now logs an
// internal error once, with the request id, and tells the client only that
// id.
func TestStoreErrorsAreLoggedOnceWithTheRequestID(t *testing.T) {
	d := dbtest.Open(t, db.SQLite)
	if err := d.EnsureBootstrapToken(context.Background(), testSecret); err != nil {
		t.Fatal(err)
	}
	var logs syncBuffer
	h := httptest.NewServer(newServer(d, &config{MaxBodyBytes: 1 << 20, Auth: true}, slog.New(slog.NewTextHandler(&logs, nil))))
	defer h.Close()
	// The admin token is known (cached) before the database goes away.
	if res := request(t, "GET", h.URL+"/graphql?query=%7Bme%7Bname%7D%7D", "", "", admin); res.status != 200 {
		t.Fatalf("before: %d %s", res.status, res.body)
	}
	d.Close()

	wellFormedShare := "1.4102444800." + strings.Repeat("A", 43)
	for _, tc := range []struct {
		name, path string
		header     map[string]string
	}{
		{"a token the server has not seen", "/graphql?query=%7Bme%7Bname%7D%7D", rpBearer("a-token-not-seen-0123456789")},
		{"a share link", "/reports/some-report.csv?share=" + wellFormedShare, nil},
		{"a saved document", "/graphql?documentId=sha256:" + strings.Repeat("0", 64), admin},
		{"a report", "/reports/some-report.json", admin},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rid := "trace-" + strings.ReplaceAll(tc.name, " ", "-")
			res := request(t, "GET", h.URL+tc.path, "", "", with(tc.header, "X-Request-Id", rid))
			if res.status != 500 || res.header.Get("Content-Type") != "application/json" {
				t.Fatalf("%d %q %s", res.status, res.header.Get("Content-Type"), res.body)
			}
			if n := logLines(logs.String(), "request_id="+rid, "database is closed"); n != 1 {
				t.Fatalf("the error is logged %d times with its request id:\n%s", n, logs.String())
			}
			r := decode(t, res.body)
			if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != alliance.EINTERNAL ||
				r.Errors[0].Message != "internal error (request id "+rid+")" || r.Errors[0].Extensions["requestId"] != rid {
				t.Fatalf("the answer: %s", res.body)
			}
			if strings.Contains(res.body, "closed") || strings.Contains(res.body, "sql") {
				t.Fatalf("the answer leaks the error: %s", res.body)
			}
		})
	}

	// Not ready: the reason is logged too.
	if res := request(t, "GET", h.URL+"/readyz", "", "", map[string]string{"X-Request-Id": "trace-ready"}); res.status != 503 || strings.Contains(res.body, "closed") {
		t.Fatalf("/readyz: %d %s", res.status, res.body)
	}
	if n := logLines(logs.String(), "request_id=trace-ready", "database is closed"); n != 1 {
		t.Fatalf("/readyz's reason is logged %d times:\n%s", n, logs.String())
	}
}

// logLines counts the lines of logs that hold every one of parts.
func logLines(logs string, parts ...string) int {
	n := 0
lines:
	for _, line := range strings.Split(logs, "\n") {
		for _, p := range parts {
			if !strings.Contains(line, p) {
				continue lines
			}
		}
		n++
	}
	return n
}

// One mapping from error code to HTTP status serves every endpoint outside
// GraphQL.
func TestErrorStatus(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want int
	}{
		{alliance.Invalidf("first", "too many"), http.StatusBadRequest},
		{alliance.Errorf(alliance.ETOOCOMPLEX, "too deep"), http.StatusBadRequest},
		{alliance.Errorf(alliance.EUNAUTHORIZED, "sign in"), http.StatusUnauthorized},
		{alliance.Errorf(alliance.EFORBIDDEN, "no"), http.StatusForbidden},
		{alliance.Errorf(alliance.ENOTFOUND, "no such report"), http.StatusNotFound},
		{alliance.Errorf(alliance.ECONFLICT, "no longer fits"), http.StatusConflict},
		{alliance.Errorf(alliance.ERATELIMITED, "wait"), http.StatusTooManyRequests},
		{alliance.Errorf(alliance.EINTERNAL, "oops"), http.StatusInternalServerError},
		{alliance.Errorf("SOMETHING_NEW", "?"), http.StatusInternalServerError},
		{errors.New("database is closed"), http.StatusInternalServerError},
		{fmt.Errorf("wrapped: %w", alliance.Errorf(alliance.ENOTFOUND, "gone")), http.StatusNotFound},
		{bodyTooLarge(10), http.StatusRequestEntityTooLarge},
	} {
		if got := errorStatus(tc.err); got != tc.want {
			t.Errorf("%v (%s): %d, want %d", tc.err, alliance.ErrorCode(tc.err), got, tc.want)
		}
	}
	for code, want := range map[string]int{"GRAPHQL_VALIDATION_FAILED": 422, "GRAPHQL_PARSE_FAILED": 422, "": 500} {
		if got := statusOf(code); got != want {
			t.Errorf("%q: %d, want %d", code, got, want)
		}
	}
}

// Refusals outside GraphQL read like GraphQL errors: the code, the message,
// the field at fault; a 401 says how to authenticate.
func TestWriteError(t *testing.T) {
	var logs syncBuffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	rec := httptest.NewRecorder()
	writeError(rec, httptest.NewRequest("GET", "/reports/x.json", nil), log, alliance.Invalidf("first", "variable %q: not a number", "first"))
	r := decode(t, rec.Body.String())
	if rec.Code != 400 || len(r.Errors) != 1 || r.Errors[0].Message != `variable "first": not a number` ||
		r.Errors[0].Extensions["code"] != alliance.EINVALID || r.Errors[0].Extensions["field"] != "first" {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
	rec = httptest.NewRecorder()
	writeError(rec, httptest.NewRequest("GET", "/graphql", nil), log, alliance.Errorf(alliance.EUNAUTHORIZED, "sign in"))
	if rec.Code != 401 || rec.Header().Get("WWW-Authenticate") != `Bearer realm="alliance"` {
		t.Fatalf("%d %v", rec.Code, rec.Header())
	}
	if logs.String() != "" {
		t.Fatalf("refusals are not internal errors, yet logged:\n%s", logs.String())
	}
}

// A panic in a handler is an internal error like any other: 500, its value
// and stack logged once with the request id, nothing of it in the answer.
func TestPanicIsLoggedOnceWithItsStack(t *testing.T) {
	var logs syncBuffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	h := withRequestID(recoverPanics(log, http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		panic("the secret sauce")
	})))
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("GET", "/anything", nil)
	req.Header.Set("X-Request-Id", "trace-panic")
	h.ServeHTTP(rec, req)
	r := decode(t, rec.Body.String())
	if rec.Code != 500 || len(r.Errors) != 1 || r.Errors[0].Message != "internal error (request id trace-panic)" || strings.Contains(rec.Body.String(), "sauce") {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
	if n := logLines(logs.String(), "request_id=trace-panic", "the secret sauce", "goroutine"); n != 1 {
		t.Fatalf("the panic is logged %d times with its stack:\n%s", n, logs.String())
	}
}

// A write refused for the server's load (OVERLOADED) or lost to
// concurrent writes every time (CONFLICT_RETRY) is 503 with its
// Retry-After, on every endpoint outside GraphQL as in it.
func TestOverloadedIs503WithRetryAfter(t *testing.T) {
	for _, code := range []string{alliance.EOVERLOADED, alliance.ECONFLICTRETRY} {
		w := httptest.NewRecorder()
		r := httptest.NewRequest("POST", "/reports", nil)
		writeError(w, r, slog.New(slog.DiscardHandler), fmt.Errorf("save: %w",
			&alliance.Error{Code: code, RetryAfter: 1, Message: "retry in 1 s"}))
		if w.Code != http.StatusServiceUnavailable || w.Header().Get("Retry-After") != "1" {
			t.Fatalf("%s: %d, Retry-After %q; want 503, 1", code, w.Code, w.Header().Get("Retry-After"))
		}
		got := decode(t, w.Body.String())
		if len(got.Errors) != 1 || got.Errors[0].Extensions["code"] != code || got.Errors[0].Extensions["retryAfter"] != float64(1) {
			t.Fatalf("%s: the answer: %s", code, w.Body.String())
		}
	}
}
