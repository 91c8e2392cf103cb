package main

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"alliance/db"
	"alliance/db/dbtest"
)

var setupLink = regexp.MustCompile(`Make your admin account with this link \(it works once, until [^)]*; shown once\): (http://127\.0\.0\.1:\d+)/setup#code=(alzs_[A-Za-z0-9_-]+)\n$`)

// A fresh database (no user, no token) prints a setup link, last; it makes
// the first admin once, signed in at once, and nobody after them. The
// first-admin token is still made and printed for scripts.
func TestSetupLinkMakesTheFirstAdminOnce(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			url := dbtest.URL(t, dialect)
			none := map[string]string{"ALLIANCE_BOOTSTRAP_TOKEN": "-"}
			s := start(t, []string{"--db", url}, none)
			out := s.stdout.String()
			m := setupLink.FindStringSubmatch(out)
			if m == nil || m[1] != s.url {
				t.Fatalf("no setup link at the end:\n%s", out)
			}
			if !signIn.MatchString(out) {
				t.Fatalf("no first-admin token:\n%s", out)
			}
			code := m[2]
			if strings.Contains(s.stderr.String(), code) {
				t.Fatal("the setup code is in the logs")
			}
			setup := func(code, email, pw string) httpResult {
				return postJSON(t, s.url, "/api/setup", map[string]any{"code": code, "email": email, "name": "Grace Hopper", "password": pw, "keepSignedIn": true}, nil)
			}
			// Bad input names the field and uses nothing up.
			for _, c := range []struct{ code, email, pw, field string }{
				{code, "grace@example.com", "short", "password"},
				{code, "not an email", adaPassword, "email"},
				{"alzs_wrong", "grace@example.com", adaPassword, "code"},
				{code, "", adaPassword, "email"},
			} {
				res := setup(c.code, c.email, c.pw)
				if got, field := errorOf(t, res); res.status != 400 || got != "BAD_USER_INPUT" || field != c.field {
					t.Fatalf("%+v: %d %s", c, res.status, res.body)
				}
			}
			b, who := browserOf(t, s.url, setup(code, "grace@example.com", adaPassword))
			if who.User.Role != "ADMIN" || who.User.State != "ACTIVE" || who.User.ClientID != nil || !who.Session.KeepSignedIn {
				t.Fatalf("the first admin: %+v", who)
			}
			if r := b.gql(`{ me { name role user { email } } users { email } }`); len(r.Errors) > 0 || !strings.Contains(string(mustJSON(r.Data)), `"grace@example.com"`) {
				t.Fatalf("signed in as the first admin: %+v %v", r.Errors, r.Data)
			}
			// Once only.
			if res := setup(code, "eve@example.com", bobPassword); res.status != 400 || !strings.Contains(res.body, "setup link does not work") {
				t.Fatalf("the setup link worked twice: %d %s", res.status, res.body)
			}
			// The password works for signing in.
			passwordSignIn(t, s.url, "GRACE@example.com", adaPassword, false)

			// A restart prints no setup link: the database is not fresh.
			s.stop()
			again := start(t, []string{"--db", url}, none)
			if strings.Contains(again.stdout.String(), "setup#code=") {
				t.Fatalf("a second setup link:\n%s", again.stdout)
			}
		})
	}
}

// With ALLIANCE_BOOTSTRAP_TOKEN (automation) there is no setup link.
func TestNoSetupLinkWithABootstrapToken(t *testing.T) {
	s := start(t, []string{"--db", dbtest.URL(t, db.SQLite)}, nil)
	if strings.Contains(s.stdout.String(), "setup#code=") {
		t.Fatalf("a setup link with a bootstrap token:\n%s", s.stdout)
	}
}

var demoLine = regexp.MustCompile(`(?m)^  (\S+@demo\.example)\s+(\S+)\s+(admin|editor|viewer)\s+(.+?)\s{2,}`)

// --demo on a fresh database adds the demo's users and prints their
// passwords once; each signs in with the role and scope printed.
func TestDemoUsers(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			url := dbtest.URL(t, dialect)
			s := start(t, []string{"--db", url, "--demo"}, map[string]string{"ALLIANCE_BOOTSTRAP_TOKEN": "-"})
			out := s.stdout.String()
			users := demoLine.FindAllStringSubmatch(out, -1)
			if len(users) != 4 {
				t.Fatalf("demo users:\n%s", out)
			}
			if !setupLink.MatchString(out) {
				t.Fatalf("no setup link at the end with --demo:\n%s", out)
			}
			roles := map[string]string{}
			for _, u := range users {
				b, who := passwordSignIn(t, s.url, u[1], u[2], false)
				roles[u[1]] = who.User.Role
				var me struct {
					Me      struct{ Client *struct{ Name string } }
					Clients struct{ TotalCount int }
				}
				r := b.gql(`{ me { client { name } } clients { totalCount } }`)
				json.Unmarshal(mustJSON(r.Data), &me)
				if strings.HasPrefix(u[4], "only ") {
					if me.Me.Client == nil || "only "+me.Me.Client.Name != u[4] || me.Clients.TotalCount != 1 {
						t.Fatalf("%s: %s %+v", u[1], u[4], me)
					}
				} else if me.Me.Client != nil || me.Clients.TotalCount < 2 {
					t.Fatalf("%s sees %+v", u[1], me)
				}
			}
			if roles["admin@demo.example"] != "ADMIN" || roles["manager@demo.example"] != "EDITOR" || roles["viewer@demo.example"] != "VIEWER" || roles["portal@demo.example"] != "VIEWER" {
				t.Fatalf("roles: %v", roles)
			}
			s.stop()
			again := start(t, []string{"--db", url, "--demo"}, nil)
			if demoLine.MatchString(again.stdout.String()) {
				t.Fatal("the demo passwords were printed twice")
			}
		})
	}
}
