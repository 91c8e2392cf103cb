package main

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"alliance/db"
	"alliance/db/dbtest"
)

func bearer(secret string) map[string]string {
	return map[string]string{"Authorization": "Bearer " + secret}
}

func status(t *testing.T, url string, header map[string]string) int {
	t.Helper()
	return request(t, "POST", url+"/graphql", "application/json", `{"query":"{ me { name role } }"}`, header).status
}

// The command line makes, lists and revokes tokens; a revocation made by
// another process reaches a running server within the token cache's life.
func TestTokenCommands(t *testing.T) {
	url := dbtest.URL(t, db.SQLite)
	s := start(t, []string{"--db", url}, nil)

	out, _, err := runCommand(t, []string{"token", "create", "--db", url, "--name", "reporting robot", "--role", "viewer", "--expires", "720h"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	secret := lines[len(lines)-1]
	if !strings.HasPrefix(secret, "alz_") || len(secret) < 40 || !strings.Contains(out, `VIEWER token "reporting robot"`) {
		t.Fatalf("create printed %q", out)
	}
	r := request(t, "POST", s.url+"/graphql", "application/json", `{"query":"{ me { name role } }"}`, bearer(secret))
	if r.status != 200 || !strings.Contains(r.body, `"name":"reporting robot","role":"VIEWER"`) {
		t.Fatalf("the new token: %d %s", r.status, r.body)
	}
	for _, bad := range [][]string{
		{"--name", "x", "--role", "owner"},
		{"--name", "", "--role", "viewer"},
		{"--name", "reporting robot", "--role", "viewer"},
		{"--name", "y", "--role", "admin", "--client", "1"},
		{"--name", "z", "--role", "viewer", "--expires", "soon"},
	} {
		if _, _, err := runCommand(t, append([]string{"token", "create", "--db", url}, bad...), nil); err == nil {
			t.Errorf("token create %v was accepted", bad)
		}
	}
	out, _, err = runCommand(t, []string{"token", "list", "--db", url}, nil)
	if err != nil || !strings.Contains(out, "reporting robot") || !strings.Contains(out, "bootstrap") || strings.Contains(out, secret) {
		t.Fatalf("list: %v\n%s", err, out)
	}

	// Revoked by another process: the running server notices within the
	// cache's life.
	if out, _, err = runCommand(t, []string{"token", "revoke", "--db", url, "--name", "reporting robot"}, nil); err != nil || !strings.Contains(out, "Revoked") {
		t.Fatalf("revoke: %v %s", err, out)
	}
	revoked := time.Now()
	for status(t, s.url, bearer(secret)) != 401 {
		if time.Since(revoked) > db.TokenCacheTTL+2*time.Second {
			t.Fatalf("the revoked token still works after %s", time.Since(revoked))
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Logf("revocation by another process took effect after %s (cache life %s)", time.Since(revoked).Round(100*time.Millisecond), db.TokenCacheTTL)
	if _, _, err := runCommand(t, []string{"token", "revoke", "--db", url, "--name", "nobody"}, nil); err == nil {
		t.Error("revoking an unknown token was accepted")
	}
}

func TestTokensThroughGraphQL(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			s := start(t, []string{"--db", dbtest.URL(t, dialect), "--demo"}, nil)
			alice := makeToken(t, s.url, "alice", "EDITOR", "")

			// The audit log names the token that made a change.
			r := postQuery(t, s.url, `mutation { createMetric(input: {key: "patch_days", name: "Days to patch", unit: "days", direction: LOWER_IS_BETTER}) { key } }`, nil)
			if len(r.Errors) > 0 {
				t.Fatal(r.Errors)
			}
			b, _ := json.Marshal(map[string]any{"query": `mutation { updateMetric(key: "patch_days", input: {name: "Time to patch"}) { key } }`})
			request(t, "POST", s.url+"/graphql", "application/json", string(b), alice)
			log := postQuery(t, s.url, `{ auditLog(first: 2, filter: {entity: "Metric"}) { nodes { actor action } } }`, nil)
			if !strings.Contains(string(log.Data["auditLog"]), `{"actor":"alice","action":"UPDATE"},{"actor":"bootstrap","action":"CREATE"}`) {
				t.Fatalf("actors: %s", log.Data["auditLog"])
			}

			// Listed for admins, without secrets.
			list := postQuery(t, s.url, `{ tokens { id name role active client { name } } }`, nil)
			if !strings.Contains(string(list.Data["tokens"]), `"name":"alice","role":"EDITOR","active":true`) {
				t.Fatalf("tokens: %s", list.Data["tokens"])
			}

			// Revoked here: refused at once.
			var toks []struct{ ID, Name string }
			json.Unmarshal(list.Data["tokens"], &toks)
			for _, tok := range toks {
				if tok.Name == "alice" {
					if r := postQuery(t, s.url, `mutation { revokeToken(id: "`+tok.ID+`") { active revokedAt } }`, nil); strings.Contains(string(r.Data["revokeToken"]), `"active":true`) {
						t.Fatalf("revoke: %s", r.Data["revokeToken"])
					}
				}
			}
			if got := status(t, s.url, alice); got != 401 {
				t.Fatalf("a token revoked on this server: %d", got)
			}

			// Expiry.
			short := postQuery(t, s.url, `mutation { createToken(input: {name: "brief", role: VIEWER, expiresIn: "1s"}) { secret token { expiresAt } } }`, nil)
			var created struct{ Secret string }
			json.Unmarshal(short.Data["createToken"], &created)
			if got := status(t, s.url, bearer(created.Secret)); got != 200 {
				t.Fatalf("a fresh token: %d", got)
			}
			time.Sleep(1100 * time.Millisecond)
			if got := status(t, s.url, bearer(created.Secret)); got != 401 {
				t.Fatalf("an expired token: %d", got)
			}

			for _, q := range []string{
				`mutation { createToken(input: {name: "x", role: ADMIN, clientId: "2"}) { secret } }`,
				`mutation { createToken(input: {name: "x", role: VIEWER, expiresIn: "-5m"}) { secret } }`,
				`mutation { createToken(input: {name: "x", role: VIEWER, clientId: "424242"}) { secret } }`,
				`mutation { createToken(input: {name: "alice", role: VIEWER}) { secret } }`,
			} {
				if r := postQuery(t, s.url, q, nil); len(r.Errors) == 0 {
					t.Errorf("accepted: %s", q)
				}
			}
			// Nothing is readable without a token, or with a wrong one.
			for _, h := range []map[string]string{nil, bearer("alz_wrong"), {"Authorization": "Basic dXNlcjpwYXNz"}} {
				res := request(t, "GET", s.url+"/graphql?query=%7Bclients%7BtotalCount%7D%7D", "", "", h)
				if res.status != 401 || res.header.Get("WWW-Authenticate") == "" || !strings.Contains(res.body, "UNAUTHENTICATED") {
					t.Fatalf("%v: %d %s", h, res.status, res.body)
				}
			}
		})
	}
}

var signIn = regexp.MustCompile(`Sign in \(shown once\): (http://127\.0\.0\.1:\d+)/#token=(alz_[A-Za-z0-9_-]+)`)

// A first start over a database without tokens makes an admin token and
// prints a sign-in URL once; the secret travels in the fragment and never
// reaches the logs.
func TestFirstStartSignIn(t *testing.T) {
	url := dbtest.URL(t, db.SQLite)
	none := map[string]string{"ALLIANCE_BOOTSTRAP_TOKEN": "-"} // see start: "-" means none
	s := start(t, []string{"--db", url}, none)
	m := signIn.FindStringSubmatch(s.stdout.String())
	if m == nil || m[1] != s.url {
		t.Fatalf("no sign-in URL:\n%s", s.stdout)
	}
	secret := m[2]
	if got := status(t, s.url, bearer(secret)); got != 200 {
		t.Fatalf("the first admin token: %d", got)
	}
	if strings.Contains(s.stderr.String(), secret) {
		t.Fatal("the secret is in the logs")
	}
	s.stop()
	again := start(t, []string{"--db", url}, none)
	if strings.Contains(again.stdout.String(), "Sign in") {
		t.Fatal("the sign-in URL was printed twice")
	}
}

func TestAuthOffOnlyOnLoopback(t *testing.T) {
	url := dbtest.URL(t, db.SQLite)
	if _, _, err := runCommand(t, []string{"serve", "--db", url, "--addr", "0.0.0.0:0", "--auth=false"}, nil); err == nil || !strings.Contains(err.Error(), "loopback") {
		t.Fatalf("auth off on every interface: %v", err)
	}
	s := start(t, []string{"--db", url, "--auth=false"}, map[string]string{"ALLIANCE_BOOTSTRAP_TOKEN": "-"})
	if !strings.Contains(s.stdout.String(), "Authentication is off") {
		t.Fatalf("no warning: %s", s.stdout)
	}
	r := request(t, "POST", s.url+"/graphql", "application/json", `{"query":"mutation { createClient(input: {name: \"Open door\"}) { id } }"}`, nil)
	if r.status != 200 || strings.Contains(r.body, "errors") {
		t.Fatalf("auth off: %d %s", r.status, r.body)
	}
}

// A page on another site whose name resolves to 127.0.0.1 reaches a server on
// loopback with its own name in Host (DNS rebinding): with authentication off,
// only loopback names and the public URL's host are answered; with it on,
// the same holds once --public-url is set.
func TestRequestsForOtherHostsAreRefused(t *testing.T) {
	ask := func(t *testing.T, s *server, host string, token string) (int, string) {
		t.Helper()
		req, _ := http.NewRequest("POST", s.url+"/graphql", strings.NewReader(`{"query":"mutation { createToken(input: {name: \"rebound `+host+`\", role: ADMIN}) { secret } }"}`))
		req.Host = host
		req.Header.Set("Content-Type", "application/json")
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	t.Run("authentication off", func(t *testing.T) {
		s := start(t, []string{"--db", dbtest.URL(t, db.SQLite), "--auth=false"}, map[string]string{"ALLIANCE_BOOTSTRAP_TOKEN": "-"})
		if status, body := ask(t, s, "attacker.example:8080", ""); status != http.StatusForbidden || !strings.Contains(body, "attacker.example") {
			t.Fatalf("a rebound name: %d %s", status, body)
		}
		for _, host := range []string{"localhost", "127.0.0.1:9999", "[::1]:80", "app.localhost"} {
			if status, body := ask(t, s, host, ""); status != 200 || strings.Contains(body, "errors") {
				t.Fatalf("%s: %d %s", host, status, body)
			}
		}
	})
	t.Run("authentication on with a public URL", func(t *testing.T) {
		d := dbtest.Open(t, db.SQLite)
		if err := d.EnsureBootstrapToken(context.Background(), testSecret); err != nil {
			t.Fatal(err)
		}
		h := httptest.NewServer(newServer(d, &config{MaxBodyBytes: 1 << 20, Auth: true, PublicURL: "https://alliance.example.com"}, slog.New(slog.DiscardHandler)))
		defer h.Close()
		s := &server{url: h.URL}
		if status, _ := ask(t, s, "attacker.example", testSecret); status != http.StatusForbidden {
			t.Fatalf("a rebound name: %d", status)
		}
		if status, body := ask(t, s, "Alliance.Example.com", testSecret); status != 200 || strings.Contains(body, "errors") {
			t.Fatalf("the public name: %d %s", status, body)
		}
	})
}
