package main

import (
	"strings"
	"testing"

	"alliance/db"
	"alliance/db/dbtest"
)

// Cross-site requests cannot change anything: a browser on another origin
// posting with or without a token, a form, a text/plain "simple" request, a
// mutation by GET.
func TestCrossSiteRequestsAreRefused(t *testing.T) {
	s := start(t, []string{"--db", dbtest.URL(t, db.SQLite), "--cors-origins", "https://reports.example.com"}, nil)
	mutation := `{"query":"mutation { createClient(input: {name: \"Via CSRF\"}) { id } }"}`
	host := strings.TrimPrefix(s.url, "http://")
	for _, tc := range []struct {
		name        string
		contentType string
		body        string
		header      map[string]string
		status      int
	}{
		{"another origin", "application/json", mutation, with(admin, "Origin", "https://evil.example"), 403},
		{"an opaque origin", "application/json", mutation, with(admin, "Origin", "null"), 403},
		{"a cross-site fetch", "application/json", mutation, with(admin, "Sec-Fetch-Site", "cross-site"), 403},
		{"a form post", "application/x-www-form-urlencoded", "query=mutation%7BcreateClient(input%3A%7Bname%3A%22Via%20CSRF%22%7D)%7Bid%7D%7D", with(admin, "Origin", "https://evil.example"), 403},
		{"a text/plain post from this origin", "text/plain", mutation, with(admin, "Origin", "http://"+host), 400},
		{"a form post without an Origin", "application/x-www-form-urlencoded", "query=mutation%7BcreateClient(input%3A%7Bname%3A%22Via%20CSRF%22%7D)%7Bid%7D%7D", admin, 400},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := request(t, "POST", s.url+"/graphql", tc.contentType, tc.body, tc.header)
			if r.status != tc.status {
				t.Fatalf("%d %s", r.status, r.body)
			}
		})
	}
	get := request(t, "GET", s.url+"/graphql?query=mutation%7BcreateClient(input%3A%7Bname%3A%22Via%20CSRF%22%7D)%7Bid%7D%7D", "", "", admin)
	if get.status != 406 {
		t.Fatalf("a mutation by GET: %d", get.status)
	}
	if n := postQuery(t, s.url, `{ clients(filter: {search: "Via CSRF"}) { totalCount } }`, nil); string(n.Data["clients"]) != `{"totalCount":0}` {
		t.Fatalf("a cross-site request wrote: %s", n.Data["clients"])
	}
	// This origin and the allowed one may.
	for _, origin := range []string{"http://" + host, "https://reports.example.com"} {
		r := request(t, "POST", s.url+"/graphql", "application/json", `{"query":"{ me { name } }"}`, with(admin, "Origin", origin))
		if r.status != 200 || strings.Contains(r.body, "errors") {
			t.Fatalf("%s: %d %s", origin, r.status, r.body)
		}
	}
	// The allowed origin's browser is told so; credentials are never
	// allowed (tokens travel in a header).
	pre := request(t, "OPTIONS", s.url+"/graphql", "", "", map[string]string{"Origin": "https://reports.example.com", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization,content-type"})
	if pre.header.Get("Access-Control-Allow-Origin") != "https://reports.example.com" || pre.header.Get("Access-Control-Allow-Credentials") != "" {
		t.Fatalf("preflight: %v", pre.header)
	}
	for _, bad := range []string{"*", "https://*.example.com", "reports.example.com"} {
		if _, _, err := runCommand(t, []string{"serve", "--addr", "127.0.0.1:0", "--db", dbtest.URL(t, db.SQLite), "--cors-origins", bad}, nil); err == nil {
			t.Errorf("cors-origins %q was accepted", bad)
		}
	}
}
