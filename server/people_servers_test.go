package main

import (
	"encoding/json"
	"strings"
	"testing"

	"alliance/db/dbtest"
)

// Two servers over one database share the sessions: a session made on one
// signs in on the other, and a sign-out, a disabled user or a password reset
// on one ends the session on the other at once (no cache to wait for).
func TestSessionsEndOnEveryServer(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			url := dbtest.URL(t, dialect)
			a := start(t, []string{"--db", url}, nil)
			b := start(t, []string{"--db", url}, nil)
			join(t, a.url, "ada@example.com", "Ada", "EDITOR", "", adaPassword)

			// Signed in on A, the cookie works on B (as the same user).
			onA, _ := passwordSignIn(t, a.url, "ada@example.com", adaPassword, false)
			onB := &browser{t: t, url: b.url, cookie: onA.cookie, csrf: onA.csrf, session: onA.session}
			if r := onB.gql(`{ me { name user { email } } }`); !strings.Contains(string(r.Data["me"]), `"email":"ada@example.com"`) {
				t.Fatalf("the session on B: %s %+v", r.Data["me"], r.Errors)
			}
			// Signed out on B: ended on A at once.
			if res := request(t, "DELETE", b.url+"/api/session", "", "", onB.header(true)); res.status != 200 {
				t.Fatalf("sign-out on B: %d", res.status)
			}
			if got := onA.status(); got != 401 {
				t.Fatalf("A after a sign-out on B: %d", got)
			}

			// Disabled on B: every session on A ends at once.
			onA, _ = passwordSignIn(t, a.url, "ada@example.com", adaPassword, false)
			second, _ := passwordSignIn(t, a.url, "ada@example.com", adaPassword, true)
			id := userID(t, b.url, "ada@example.com")
			if r := postQuery(t, b.url, `mutation { disableUser(id: "`+id+`") { state } }`, nil); len(r.Errors) > 0 {
				t.Fatal(r.Errors)
			}
			if onA.status() != 401 || second.status() != 401 {
				t.Fatal("a session on A outlived the user's disabling on B")
			}
			postQuery(t, b.url, `mutation { enableUser(id: "`+id+`") { state } }`, nil)

			// A password reset made on A and completed on B ends A's sessions.
			onA, _ = passwordSignIn(t, a.url, "ada@example.com", adaPassword, false)
			r := postQuery(t, a.url, `mutation { resetPassword(id: "`+id+`") { code } }`, nil)
			var reset struct{ ResetPassword struct{ Code string } }
			json.Unmarshal(mustJSON(r.Data), &reset)
			res := postJSON(t, b.url, "/api/password-reset", map[string]any{"code": reset.ResetPassword.Code, "password": "a brand new password"}, nil)
			if res.status != 200 || onA.status() != 401 {
				t.Fatalf("a reset on B: %d %s; A's session: %d", res.status, res.body, onA.status())
			}
			// And a session ended by endSession on A is gone on B.
			fresh, _ := passwordSignIn(t, b.url, "ada@example.com", "a brand new password", false)
			other, _ := passwordSignIn(t, a.url, "ada@example.com", "a brand new password", false)
			onAOf := &browser{t: t, url: a.url, cookie: fresh.cookie, csrf: fresh.csrf}
			if r := onAOf.gql(`mutation { endSession(id: "` + other.session + `") }`); len(r.Errors) > 0 {
				t.Fatal(r.Errors)
			}
			if got := (&browser{t: t, url: b.url, cookie: other.cookie}).status(); got != 401 {
				t.Fatalf("B after endSession on A: %d", got)
			}
		})
	}
}

// A user limited to a client is a client portal, exactly as a token limited
// to it: that client only, none of the provider's economics, no user
// management.
func TestClientPortalUser(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			s := start(t, []string{"--db", dbtest.URL(t, dialect), "--demo"}, nil)
			if r := postQuery(t, s.url, `mutation { inviteUser(input: {email: "boss@kestrel.example", name: "Boss", role: ADMIN, clientId: "2"}) { code } }`, nil); len(r.Errors) == 0 || r.Errors[0].Extensions["field"] != "clientId" {
				t.Fatalf("an admin limited to a client: %+v", r.Errors)
			}
			kestrel := join(t, s.url, "ops@kestrel.example", "Kestrel Ops", "EDITOR", "2", adaPassword)
			r := kestrel.gql(`{ me { name client { name } user { client { id } } } clients { totalCount nodes { id } } }`)
			if string(r.Data["me"]) != `{"name":"Kestrel Ops","client":{"name":"Kestrel Freight \u0026 Logistics"},"user":{"client":{"id":"2"}}}` ||
				string(r.Data["clients"]) != `{"totalCount":1,"nodes":[{"id":"2"}]}` {
				t.Fatalf("the portal user sees: %s %s %+v", r.Data["me"], r.Data["clients"], r.Errors)
			}
			for _, doc := range []string{`{ client(id: "2") { monthlyMargin } }`, `{ users { id } }`, `mutation { inviteUser(input: {email: "x@kestrel.example", name: "X", role: VIEWER, clientId: "2"}) { code } }`} {
				if r := kestrel.gql(doc); len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "FORBIDDEN" {
					t.Fatalf("%s: %s %+v", doc, r.Data, r.Errors)
				}
			}
			if r := kestrel.gql(`{ client(id: "1") { name } }`); string(r.Data["client"]) != "null" {
				t.Fatalf("another client: %s", r.Data["client"])
			}
			// Its own sessions it manages.
			if r := kestrel.gql(`{ mySessions { current } }`); string(r.Data["mySessions"]) != `[{"current":true}]` {
				t.Fatalf("mySessions: %s %+v", r.Data["mySessions"], r.Errors)
			}
			// Moved to every client by an admin: at once, on its session.
			postQuery(t, s.url, `mutation { updateUser(id: "`+userID(t, s.url, "ops@kestrel.example")+`", input: {clientId: null}) { id } }`, nil)
			if r := kestrel.gql(`{ clients { totalCount } }`); string(r.Data["clients"]) != `{"totalCount":8}` {
				t.Fatalf("after the admin's change: %s", r.Data["clients"])
			}
		})
	}
}
