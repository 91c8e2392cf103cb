package main

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"alliance/db"
	"alliance/db/dbtest"
)

// fuzzMethods and fuzzPaths are what FuzzHandler picks from.
var (
	fuzzMethods = []string{"GET", "POST", "HEAD", "PUT", "DELETE", "PATCH", "OPTIONS"}
	fuzzPaths   = []string{"/graphql", "/graphql", "/graphql", "/api/session", "/api/setup", "/api/invitation",
		"/api/password-reset/request", "/api/import", "/reports/x.csv", "/api/export/gaps.csv", "/api/nothing"}
)

// FuzzHandler sends the whole server (the demo portfolio on SQLite,
// authentication off, every other setting at its default) requests of any
// method, content type, query string and body: never a panic, never a 5xx;
// /graphql always answers a JSON object with data or errors, and every
// other JSON answer is well formed.
func FuzzHandler(f *testing.F) {
	seeds := []struct {
		method, path       uint8
		contentType, query string
		body               string
	}{
		{1, 0, "application/json", "", `{"query":"{ clients { totalCount } }"}`},
		{1, 0, "application/json", "", `{"query":"query Q($n: Int) { clients(first: $n) { nodes { name annualContractValue } } }","variables":{"n":-1}}`},
		{1, 0, "application/json", "", `{"query":"mutation { createClient(input: {name: \"Fuzz\", annualContractValue: \"1e9999\"}) { id } }"}`},
		{1, 0, "application/json", "", `{"query":"{ client(id: \"99999999999999999999\") { name } }"}`},
		{1, 0, "application/json", "", `{"query":"{ clients(after: \"!!\") { totalCount } }"}`},
		{1, 0, "application/json", "", `{"query":"{ a: __typename ...F } fragment F on Query { ...F }"}`},
		{1, 0, "application/json", "", `[{"query":"{ __typename }"}]`},
		{1, 0, "application/json; charset=utf-8", "", `{"query":"{ __typename }","variables":"x"}`},
		{1, 0, "application/graphql", "", `{ __typename }`},
		{1, 0, "multipart/form-data; boundary=x", "", "--x\r\n\r\n--x--"},
		{1, 0, "text/plain", "", `{"query":"{ __typename }"}`},
		{1, 0, "", "", ""},
		{0, 0, "", "query=%7B__typename%7D", ""},
		{0, 0, "", "query=mutation%7BdeleteClient(id:%221%22)%7D", ""},
		{0, 0, "", "query=%7B&variables=%7B", ""},
		{0, 0, "", "id=abc&query=", ""},
		{2, 0, "", "", ""},
		{3, 0, "application/json", "", `{"query":"{ __typename }"}`},
		{6, 0, "", "", ""},
		{1, 3, "application/json", "", `{"email":"a@b.c","password":"x"}`},
		{1, 3, "application/json", "", `{"email":1}`},
		{1, 4, "application/json", "", `{"token":"x","name":"","password":""}`},
		{1, 6, "application/json", "", `{"email":"\u0000"}`},
		{1, 7, "text/csv", "", "name\nAcme\n"},
		{0, 8, "", "share=x", ""},
		{0, 9, "", "client=-1", ""},
	}
	for _, s := range seeds {
		f.Add(s.method, s.path, s.contentType, s.query, []byte(s.body))
	}
	d := dbtest.Open(f, db.SQLite)
	if _, err := seedDemo(f.Context(), d); err != nil {
		f.Fatal(err)
	}
	c, _, err := parseConfig("serve", serveFlags(), nil, func(string) string { return "" })
	if err != nil {
		f.Fatal(err)
	}
	c.Auth = false
	h := newServer(d, c, slog.New(slog.DiscardHandler))
	f.Fuzz(func(t *testing.T, method, path uint8, contentType, query string, body []byte) {
		m, p := fuzzMethods[int(method)%len(fuzzMethods)], fuzzPaths[int(path)%len(fuzzPaths)]
		req, err := http.NewRequest(m, "http://127.0.0.1:8080"+p, bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.URL.RawQuery = query
		req.RemoteAddr = "127.0.0.1:50000"
		if contentType != "" {
			req.Header.Set("Content-Type", contentType)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		res := rec.Result()
		if res.StatusCode >= 500 {
			t.Fatalf("%s %s?%s (%q) %q: %d %s", m, p, query, contentType, body, res.StatusCode, rec.Body)
		}
		if m == "HEAD" {
			return
		}
		isJSON := strings.HasPrefix(res.Header.Get("Content-Type"), "application/json")
		if p == "/graphql" || isJSON {
			var answer map[string]json.RawMessage
			if err := json.Unmarshal(rec.Body.Bytes(), &answer); err != nil {
				t.Fatalf("%s %s?%s (%q) %q: %d, not a JSON object: %q", m, p, query, contentType, body, res.StatusCode, rec.Body)
			}
			_, data := answer["data"]
			errs, hasErrors := answer["errors"]
			if p == "/graphql" && !data && !hasErrors {
				t.Fatalf("%s %s?%s %q: neither data nor errors: %s", m, p, query, body, rec.Body)
			}
			if hasErrors {
				var list []struct {
					Message    string
					Extensions map[string]any
				}
				if err := json.Unmarshal(errs, &list); err != nil || len(list) == 0 || list[0].Message == "" || list[0].Extensions["code"] == nil {
					t.Fatalf("%s %s %q: errors without a message or code: %s", m, p, body, rec.Body)
				}
			}
		}
	})
}
