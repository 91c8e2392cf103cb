package main

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"alliance"
	"alliance/db"
	"alliance/db/dbtest"
)

// A write signed in by a session cookie needs the session's anti-CSRF token
// and this server's origin; a bearer token needs neither; a form on another
// site cannot sign anybody in.
func TestCookieWritesNeedTheAntiCSRFToken(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			s := start(t, []string{"--db", dbtest.URL(t, dialect), "--cors-origins", "https://reports.example.com"}, nil)
			ada := join(t, s.url, "ada@example.com", "Ada", "EDITOR", "", adaPassword)
			mutation := `mutation { createClient(input: {name: "Via CSRF"}) { id } }`
			for _, tc := range []struct {
				name   string
				header map[string]string
				status int
			}{
				{"no anti-CSRF token", ada.header(false), 403},
				{"a wrong anti-CSRF token", set(ada.header(false), "X-CSRF-Token", "x"+ada.csrf), 403},
				{"another session's token", set(ada.header(false), "X-CSRF-Token", "made-up-token-of-the-right-length-000000000"), 403},
				{"another origin", set(ada.header(true), "Origin", "https://evil.example"), 403},
				{"an origin allowed to call the API with tokens", set(ada.header(true), "Origin", "https://reports.example.com"), 403},
				{"a cross-site fetch", set(ada.header(true), "Sec-Fetch-Site", "cross-site"), 403},
			} {
				t.Run(tc.name, func(t *testing.T) {
					if res := ada.post(mutation, tc.header); res.status != tc.status {
						t.Fatalf("%d %s", res.status, res.body)
					}
				})
			}
			// A cross-site form carries the cookie (a top-level POST under
			// SameSite=Lax does not, but a same-site one does) and no token.
			form := request(t, "POST", s.url+"/graphql", "application/x-www-form-urlencoded",
				"query=mutation%7BcreateClient(input%3A%7Bname%3A%22Via%20CSRF%22%7D)%7Bid%7D%7D", ada.header(false))
			if form.status != 403 && form.status != 400 {
				t.Fatalf("a form: %d", form.status)
			}
			if n := postQuery(t, s.url, `{ clients(filter: {search: "Via CSRF"}) { totalCount } }`, nil); string(n.Data["clients"]) != `{"totalCount":0}` {
				t.Fatalf("a refused write wrote: %s", n.Data["clients"])
			}
			// Reads by GET need no token; the right token from this origin writes.
			if get := request(t, "GET", s.url+"/graphql?query=%7Bme%7Bname%7D%7D", "", "", ada.header(false)); get.status != 200 || !strings.Contains(get.body, `"name":"Ada"`) {
				t.Fatalf("a read by GET: %d %s", get.status, get.body)
			}
			if r := ada.gql(mutation); len(r.Errors) > 0 {
				t.Fatalf("a write with the token: %+v", r.Errors)
			}
			// A bearer token needs no anti-CSRF token, cookie or not.
			bearerWrite := with(with(admin, "Cookie", ada.cookie.Name+"="+ada.cookie.Value), "Origin", s.url)
			if res := ada.post(`mutation { createClient(input: {name: "By token"}) { id } }`, bearerWrite); res.status != 200 || strings.Contains(res.body, "errors") {
				t.Fatalf("a bearer write: %d %s", res.status, res.body)
			}
			log := postQuery(t, s.url, `{ auditLog(first: 2, filter: {entity: "Client"}) { nodes { actor } } }`, nil)
			if string(log.Data["auditLog"]) != `{"nodes":[{"actor":"bootstrap"},{"actor":"Ada \u003cada@example.com\u003e"}]}` {
				t.Fatalf("actors: %s", log.Data["auditLog"])
			}

			// Signing in takes JSON from this server's pages only: another
			// site's form cannot sign a browser in (as its own user).
			body := `email=ada%40example.com&password=violet+staple+gravity`
			if res := request(t, "POST", s.url+"/api/session", "application/x-www-form-urlencoded", body, nil); res.status != 400 || sessionCookieOf(res) != nil {
				t.Fatalf("a form sign-in: %d %s", res.status, res.body)
			}
			if res := postJSON(t, s.url, "/api/session", map[string]any{"email": "ada@example.com", "password": adaPassword}, map[string]string{"Origin": "https://evil.example"}); res.status != 403 {
				t.Fatalf("a sign-in from another origin: %d", res.status)
			}
			// The browser of an allowed origin is never let send cookies.
			pre := request(t, "OPTIONS", s.url+"/graphql", "", "", map[string]string{"Origin": "https://reports.example.com", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type,x-csrf-token"})
			if pre.header.Get("Access-Control-Allow-Credentials") != "" || strings.Contains(strings.ToLower(pre.header.Get("Access-Control-Allow-Headers")), "x-csrf-token") {
				t.Fatalf("preflight: %v", pre.header)
			}
		})
	}
}

// Sign-in attempts are limited per account with growing waits, the same
// for an email that names nobody.
func TestSignInLimits(t *testing.T) {
	clk := useClock(t)
	s := start(t, []string{"--db", dbtest.URL(t, db.SQLite)}, nil)
	join(t, s.url, "ada@example.com", "Ada", "VIEWER", "", adaPassword)
	try := func(email, password string) httpResult {
		return postJSON(t, s.url, "/api/session", map[string]any{"email": email, "password": password}, nil)
	}
	for _, email := range []string{"ada@example.com", "nobody@example.com"} {
		for i := 1; i <= freeAccountFailures; i++ {
			if res := try(email, "guess number "+itoa(i)); res.status != 401 {
				t.Fatalf("%s, guess %d: %d %s", email, i, res.status, res.body)
			}
		}
		// The next must wait, even with the right password.
		res := try(email, adaPassword)
		if code, _ := errorOf(t, res); res.status != 429 || code != "RATE_LIMITED" || res.header.Get("Retry-After") != "1" {
			t.Fatalf("%s after %d failures: %d %v %s", email, freeAccountFailures, res.status, res.header, res.body)
		}
		clk.advance(time.Second)
		if res := try(email, "another guess"); res.status != 401 {
			t.Fatalf("%s after waiting: %d", email, res.status)
		}
		if res := try(email, "and another"); res.status != 429 || res.header.Get("Retry-After") != "2" {
			t.Fatalf("%s: the wait does not grow: %d %v", email, res.status, res.header)
		}
		clk.advance(2 * time.Second)
	}
	if res := try("ada@example.com", adaPassword); res.status != 200 {
		t.Fatalf("the right password after waiting: %d %s", res.status, res.body)
	}
	if !strings.Contains(s.stderr.String(), "sign-in refused") || strings.Contains(s.stderr.String(), "guess number") {
		t.Fatal("the log does not note refused sign-ins, or shows a password")
	}
}

// Reached over HTTPS, or published at an https URL (behind a proxy that
// ends TLS), the session cookie is Secure and __Host- prefixed.
func TestSessionCookieIsSecureOverHTTPS(t *testing.T) {
	conf := func(public string) *config {
		return &config{MaxBodyBytes: 1 << 20, Auth: true, PublicURL: public, SessionIdle: time.Hour, SessionLifetime: 2 * time.Hour, SessionKeep: 3 * time.Hour}
	}
	for _, tc := range []struct {
		name   string
		server func(http.Handler) *httptest.Server
		public string
	}{
		{"TLS", httptest.NewTLSServer, ""},
		{"an https public URL", httptest.NewServer, "https://alliance.example.com"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := dbtest.Open(t, db.SQLite)
			ctx := context.Background()
			link, err := d.InviteUser(ctx, alliance.UserInput{Email: "ada@example.com", Name: "Ada", Role: alliance.Viewer})
			if err != nil {
				t.Fatal(err)
			}
			h := tc.server(newServer(d, conf(tc.public), slog.New(slog.DiscardHandler)))
			defer h.Close()
			do := func(method, path, body string, header map[string]string) *http.Response {
				req, _ := http.NewRequest(method, h.URL+path, strings.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				for k, v := range header {
					req.Header.Set(k, v)
				}
				resp, err := h.Client().Do(req)
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				return resp
			}
			resp := do("POST", "/api/invitation", `{"code":"`+link.Secret+`","password":"`+adaPassword+`"}`, nil)
			var c *http.Cookie
			for _, k := range resp.Cookies() {
				c = k
			}
			if resp.StatusCode != 200 || c == nil || c.Name != "__Host-alliance_session" || !c.Secure || !c.HttpOnly || c.Path != "/" || c.Domain != "" {
				t.Fatalf("%d %+v", resp.StatusCode, c)
			}
			if got := do("GET", "/api/session", "", map[string]string{"Cookie": c.Name + "=" + c.Value}).StatusCode; got != 200 {
				t.Fatalf("the secure cookie: %d", got)
			}
			// The cookie of plain HTTP is not taken for it.
			if got := do("GET", "/api/session", "", map[string]string{"Cookie": "alliance_session=" + c.Value}).StatusCode; got != 401 {
				t.Fatalf("the plain cookie name: %d", got)
			}
		})
	}
}

// set returns a copy of h with k set to v.
func set(h map[string]string, k, v string) map[string]string {
	out := map[string]string{}
	for hk, hv := range h {
		out[hk] = hv
	}
	out[k] = v
	return out
}
