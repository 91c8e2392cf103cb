package main

import (
	"log/slog"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"alliance/db"
	"alliance/db/dbtest"
)

// answerLeaks are what no answer may show of the server.
var answerLeaks = regexp.MustCompile(`(?i)sql|select |insert |mysql|sqlite|driver|closed|\.go\b|goroutine|/tmp/|panic`)

// Through the whole server, a database gone (its pool closed while the
// server runs) makes each endpoint answer a plain error with the request
// id, and exactly one log line says what happened; the request's own line
// says only its status and code.
func TestDatabaseGoneThroughTheServer(t *testing.T) {
	d := dbtest.Open(t, db.SQLite)
	var logs syncBuffer
	h := httptest.NewServer(newServer(d, &config{MaxBodyBytes: 1 << 20}, slog.New(slog.NewJSONHandler(&logs, nil))))
	defer h.Close()
	d.SQL().Close()
	for _, tc := range []struct {
		method, path, body string
		status             int
	}{
		{"POST", "/graphql", `{"query":"query Clients { clients { totalCount } }"}`, 200},
		{"POST", "/graphql", `{"query":"mutation { createClient(input: {name: \"Gone\"}) { id } }"}`, 200},
		{"GET", "/api/export/all.json", "", 500},
		{"GET", "/reports/portfolio.csv", "", 500},
	} {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			from := len(logs.String())
			rid := "gone-" + itoa(from)
			res := request(t, tc.method, h.URL+tc.path, "application/json", tc.body, map[string]string{"X-Request-Id": rid})
			r := decode(t, res.body)
			if res.status != tc.status || len(r.Errors) != 1 || r.Errors[0].Message != "internal error (request id "+rid+")" ||
				r.Errors[0].Extensions["code"] != "INTERNAL_SERVER_ERROR" || r.Errors[0].Extensions["requestId"] != rid {
				t.Fatalf("%d %s", res.status, res.body)
			}
			if m := answerLeaks.FindString(res.body); m != "" {
				t.Fatalf("the answer shows %q: %s", m, res.body)
			}
			lines := strings.Split(strings.TrimSpace(logs.String()[from:]), "\n")
			var detailed, requests int
			for _, l := range lines {
				switch {
				case strings.Contains(l, `"msg":"internal error"`) && strings.Contains(l, "database is closed") && strings.Contains(l, rid):
					detailed++
				case strings.Contains(l, `"msg":"request"`) && strings.Contains(l, rid) && strings.Contains(l, `"code":"INTERNAL_SERVER_ERROR"`):
					requests++
					if strings.Contains(l, "closed") {
						t.Errorf("the request's line carries the details: %s", l)
					}
				default:
					t.Errorf("another line: %s", l)
				}
			}
			if detailed != 1 || requests != 1 {
				t.Fatalf("%d lines with the details, %d request lines:\n%s", detailed, requests, logs.String()[from:])
			}
		})
	}
	// /readyz says the database does not answer, and nothing of why.
	res := request(t, "GET", h.URL+"/readyz", "", "", nil)
	if res.status != 503 || answerLeaks.MatchString(res.body) {
		t.Fatalf("/readyz: %d %s", res.status, res.body)
	}
}
