package main

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"alliance/db/dbtest"
)

const (
	adaPassword = "violet staple gravity"
	bobPassword = "tram orchid sleet 42"
)

// An invited person sets a password through their link, once, and is
// signed in by a cookie that the API, GraphQL and the audit log know them
// by; a wrong password and an unknown email get the same answer; a user
// lists and ends their sessions and signs out.
func TestPasswordSignInAndSessions(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			s := start(t, []string{"--db", dbtest.URL(t, dialect)}, nil)

			// The invitation: a one-time link, valid 7 days.
			r := postQuery(t, s.url, `mutation { inviteUser(input: {email: " Ada@Example.com ", name: "Ada", role: ADMIN}) { url code purpose expiresAt user { email name state role } } }`, nil)
			var inv struct {
				InviteUser struct {
					URL, Code, Purpose string
					ExpiresAt          time.Time
					User               struct{ Email, Name, State, Role string }
				}
			}
			if err := json.Unmarshal(mustJSON(r.Data), &inv); err != nil || len(r.Errors) > 0 {
				t.Fatalf("inviteUser: %v %+v", err, r.Errors)
			}
			l := inv.InviteUser
			if l.URL != s.url+"/invitation#code="+l.Code || !strings.HasPrefix(l.Code, "alzi_") || l.Purpose != "INVITATION" ||
				l.User.Email != "Ada@Example.com" || l.User.State != "INVITED" || time.Until(l.ExpiresAt).Round(time.Hour) != 7*24*time.Hour {
				t.Fatalf("invitation: %+v", l)
			}
			// The same email in another case is taken; an invited user
			// cannot sign in.
			if r := postQuery(t, s.url, `mutation { inviteUser(input: {email: "ada@EXAMPLE.com", name: "Ada", role: VIEWER}) { code } }`, nil); len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "CONFLICT" || r.Errors[0].Extensions["field"] != "email" {
				t.Fatalf("a second invitation of the email: %+v", r.Errors)
			}
			if res := postJSON(t, s.url, "/api/session", map[string]any{"email": "ada@example.com", "password": "anything at all"}, nil); res.status != 401 {
				t.Fatalf("an invited user signed in: %d %s", res.status, res.body)
			}

			// Weak passwords are refused, naming the field; nothing is used up.
			for _, weak := range []string{"short", "password1234", "qwertyuiopasdf"} {
				res := postJSON(t, s.url, "/api/invitation", map[string]any{"code": l.Code, "password": weak}, nil)
				if code, field := errorOf(t, res); res.status != 400 || code != "BAD_USER_INPUT" || field != "password" {
					t.Fatalf("%q: %d %s", weak, res.status, res.body)
				}
			}
			res := postJSON(t, s.url, "/api/invitation", map[string]any{"code": l.Code, "password": adaPassword, "name": "Ada Lovelace"}, nil)
			ada, a := browserOf(t, s.url, res)
			c := ada.cookie
			if c.Name != "alliance_session" || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/" || c.Secure || c.MaxAge != 0 || !c.Expires.IsZero() {
				t.Fatalf("the session cookie: %+v", c)
			}
			if a.User.Name != "Ada Lovelace" || a.User.State != "ACTIVE" || a.Session.KeepSignedIn || len(a.Session.ID) != 64 {
				t.Fatalf("accepted: %+v", a)
			}
			// Single use.
			again := postJSON(t, s.url, "/api/invitation", map[string]any{"code": l.Code, "password": "another fine password"}, nil)
			if code, field := errorOf(t, again); again.status != 400 || code != "BAD_USER_INPUT" || field != "code" {
				t.Fatalf("the invitation used twice: %d %s", again.status, again.body)
			}

			// Who is signed in: GET /api/session and GraphQL.
			cur := request(t, "GET", s.url+"/api/session", "", "", ada.header(false))
			if cur.status != 200 || !strings.Contains(cur.body, `"email":"Ada@Example.com"`) || !strings.Contains(cur.body, `"csrfToken":"`+ada.csrf+`"`) {
				t.Fatalf("GET /api/session: %d %s", cur.status, cur.body)
			}
			if res := request(t, "GET", s.url+"/api/session", "", "", nil); res.status != 401 {
				t.Fatalf("GET /api/session without a cookie: %d", res.status)
			}
			me := request(t, "GET", s.url+`/graphql?query=%7Bme%7Bname%20role%20user%7Bemail%20state%20lastSignInAt%7D%7D%7D`, "", "", ada.header(false))
			if me.status != 200 || !strings.Contains(me.body, `"name":"Ada Lovelace","role":"ADMIN","user":{"email":"Ada@Example.com","state":"ACTIVE","lastSignInAt":"`) {
				t.Fatalf("me by cookie: %d %s", me.status, me.body)
			}
			if me := postQuery(t, s.url, `{ me { name user { email } } }`, nil); string(me.Data["me"]) != `{"name":"bootstrap","user":null}` {
				t.Fatalf("me by token: %s", me.Data["me"])
			}

			// Changes are recorded under the user's name and email.
			ada.gql(`mutation { createMetric(input: {key: "patch_days", name: "Days to patch", unit: "days", direction: LOWER_IS_BETTER}) { key } }`)
			log := postQuery(t, s.url, `{ auditLog(first: 1, filter: {entity: "Metric"}) { nodes { actor action } } }`, nil)
			if !strings.Contains(string(log.Data["auditLog"]), `{"actor":"Ada Lovelace \u003cAda@Example.com\u003e","action":"CREATE"}`) {
				t.Fatalf("the audit actor: %s", log.Data["auditLog"])
			}
			if users := postQuery(t, s.url, `{ auditLog(first: 5, filter: {entity: "User"}) { nodes { actor after } } }`, nil); strings.Contains(string(users.Data["auditLog"]), "argon2") {
				t.Fatalf("the audit log holds a password hash: %s", users.Data["auditLog"])
			}

			// One answer to a wrong password and to an unknown email.
			wrong := postJSON(t, s.url, "/api/session", map[string]any{"email": "ada@example.com", "password": "not her password"}, nil)
			unknown := postJSON(t, s.url, "/api/session", map[string]any{"email": "nobody@example.com", "password": "not her password"}, nil)
			if wrong.status != 401 || unknown.status != 401 || wrong.body != unknown.body || sessionCookieOf(wrong) != nil {
				t.Fatalf("wrong password: %d %s; unknown email: %d %s", wrong.status, wrong.body, unknown.status, unknown.body)
			}
			for _, bad := range []map[string]any{{"password": adaPassword}, {"email": "ada@example.com"}, {"email": "ada@example.com", "password": adaPassword, "remember": true}} {
				if res := postJSON(t, s.url, "/api/session", bad, nil); res.status != 400 {
					t.Fatalf("%v: %d %s", bad, res.status, res.body)
				}
			}

			// Kept signed in: a cookie that outlives the browser, for 30 days.
			laptop, k := passwordSignIn(t, s.url, "ADA@example.com", adaPassword, true)
			if !k.Session.KeepSignedIn || laptop.cookie.MaxAge < 30*24*3600-60 || laptop.cookie.MaxAge > 30*24*3600 {
				t.Fatalf("keep me signed in: %+v, cookie %+v", k.Session, laptop.cookie)
			}

			// Sessions: listed, the current one marked, any of them ended.
			list := laptop.gql(`{ mySessions { id browser address current keepSignedIn lastSeenAt expiresAt } }`)
			var sessions struct {
				MySessions []struct {
					ID, Browser, Address  string
					Current, KeepSignedIn bool
				}
			}
			json.Unmarshal(mustJSON(list.Data), &sessions)
			if len(sessions.MySessions) != 2 || !sessions.MySessions[0].Current || sessions.MySessions[0].ID != laptop.session ||
				sessions.MySessions[1].Current || sessions.MySessions[0].Browser != "Firefox on Linux" || sessions.MySessions[0].Address != "127.0.0.1" {
				t.Fatalf("mySessions: %s", list.Data["mySessions"])
			}
			if r := laptop.gql(`mutation { endSession(id: "` + ada.session + `") }`); len(r.Errors) > 0 {
				t.Fatal(r.Errors)
			}
			if got := ada.status(); got != 401 {
				t.Fatalf("an ended session: %d", got)
			}
			if r := laptop.gql(`mutation { endSession(id: "` + ada.session + `") }`); len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "NOT_FOUND" {
				t.Fatalf("ending it again: %+v", r.Errors)
			}
			if r := postQuery(t, s.url, `{ mySessions { id } }`, nil); string(r.Data["mySessions"]) != `[]` {
				t.Fatalf("a token's sessions: %s", r.Data["mySessions"])
			}

			// Signing out needs the anti-CSRF token, and ends the session.
			if res := request(t, "DELETE", s.url+"/api/session", "", "", laptop.header(false)); res.status != 403 || laptop.status() != 200 {
				t.Fatalf("sign-out without the anti-CSRF token: %d", res.status)
			}
			out := request(t, "DELETE", s.url+"/api/session", "", "", laptop.header(true))
			if gone := sessionCookieOf(out); out.status != 200 || gone == nil || gone.MaxAge >= 0 {
				t.Fatalf("sign-out: %d %v", out.status, out.header)
			}
			if got := laptop.status(); got != 401 {
				t.Fatalf("after signing out: %d", got)
			}
			if res := laptop.post(`{ me { name } }`, laptop.header(true)); res.status != 401 || sessionCookieOf(res) == nil {
				t.Fatalf("GraphQL with an ended session: %d %v", res.status, res.header)
			}
		})
	}
}

// Sessions end when unused for the idle timeout, and at their lifetime
// however much they are used; a kept session has no idle timeout.
func TestSessionsExpire(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			clk := useClock(t)
			s := start(t, []string{"--db", dbtest.URL(t, dialect), "--session-idle", "1h", "--session-lifetime", "3h", "--session-keep", "5h"}, nil)
			join(t, s.url, "ada@example.com", "Ada", "VIEWER", "", adaPassword)

			used, a := passwordSignIn(t, s.url, "ada@example.com", adaPassword, false)
			idle, _ := passwordSignIn(t, s.url, "ada@example.com", adaPassword, false)
			kept, _ := passwordSignIn(t, s.url, "ada@example.com", adaPassword, true)
			if d := time.Until(a.Session.ExpiresAt).Round(time.Minute); d != 3*time.Hour {
				t.Fatalf("lifetime %s", d)
			}
			for i := 1; i <= 3; i++ {
				clk.advance(55 * time.Minute)
				if got := used.status(); got != 200 {
					t.Fatalf("a session used every 55 minutes, after %d: %d", i, got)
				}
				if i == 2 {
					if got := kept.status(); got != 200 {
						t.Fatalf("a kept session unused for 110 minutes: %d", got)
					}
				}
			}
			// 2h45 in: the idle one went after an hour without use.
			res := request(t, "GET", s.url+"/api/session", "", "", idle.header(false))
			if gone := sessionCookieOf(res); res.status != 401 || gone == nil || gone.MaxAge >= 0 {
				t.Fatalf("an idle session: %d %v", res.status, res.header)
			}
			clk.advance(20 * time.Minute) // 3h05: past the lifetime
			if got := used.status(); got != 401 {
				t.Fatalf("a session past its lifetime, in use all along: %d", got)
			}
			if got := kept.status(); got != 200 {
				t.Fatalf("a kept session within its 5 hours: %d", got)
			}
			clk.advance(2 * time.Hour)
			if got := kept.status(); got != 401 {
				t.Fatalf("a kept session after 5 hours: %d", got)
			}
		})
	}
}

// Disabling a user ends their sessions and stops their tokens at once; a
// password reset is a one-time link that ends every session; links expire.
func TestDisableAndResetEndSessions(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			clk := useClock(t)
			s := start(t, []string{"--db", dbtest.URL(t, dialect)}, nil)
			bob := join(t, s.url, "bob@example.com", "Bob", "ADMIN", "", bobPassword)
			phone, _ := passwordSignIn(t, s.url, "bob@example.com", bobPassword, true)
			tablet, _ := passwordSignIn(t, s.url, "bob@example.com", bobPassword, true) // not used while Bob is disabled
			id := userID(t, s.url, "bob@example.com")

			// Bob's own token, made while signed in.
			r := bob.gql(`mutation { createToken(input: {name: "bob's script", role: VIEWER}) { secret token { owner { email } } } }`)
			var tok struct {
				CreateToken struct {
					Secret string
					Token  struct{ Owner struct{ Email string } }
				}
			}
			json.Unmarshal(mustJSON(r.Data), &tok)
			if tok.CreateToken.Token.Owner.Email != "bob@example.com" || status(t, s.url, bearer(tok.CreateToken.Secret)) != 200 {
				t.Fatalf("bob's token: %s %+v", r.Data["createToken"], r.Errors)
			}
			// Nobody disables or demotes themselves.
			if r := bob.gql(`mutation { disableUser(id: "` + id + `") { state } }`); len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "FORBIDDEN" {
				t.Fatalf("disabling oneself: %+v", r.Errors)
			}
			if r := bob.gql(`mutation { updateUser(id: "` + id + `", input: {role: VIEWER}) { role } }`); len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "FORBIDDEN" {
				t.Fatalf("demoting oneself: %+v", r.Errors)
			}

			// Disabled by another admin: at once, everything stops.
			if r := postQuery(t, s.url, `mutation { disableUser(id: "`+id+`") { state } }`, nil); string(r.Data["disableUser"]) != `{"state":"DISABLED"}` {
				t.Fatalf("disableUser: %s %+v", r.Data["disableUser"], r.Errors)
			}
			if bob.status() != 401 || phone.status() != 401 || status(t, s.url, bearer(tok.CreateToken.Secret)) != 401 {
				t.Fatal("a disabled user's session or token still works")
			}
			if list := postQuery(t, s.url, `{ tokens { name active } }`, nil); !strings.Contains(string(list.Data["tokens"]), `{"name":"bob's script","active":false}`) {
				t.Fatalf("tokens: %s", list.Data["tokens"])
			}
			refused := postJSON(t, s.url, "/api/session", map[string]any{"email": "bob@example.com", "password": bobPassword}, nil)
			unknown := postJSON(t, s.url, "/api/session", map[string]any{"email": "nobody@example.com", "password": bobPassword}, nil)
			if refused.status != 401 || refused.body != unknown.body {
				t.Fatalf("a disabled user signing in: %d %s", refused.status, refused.body)
			}
			if r := postQuery(t, s.url, `mutation { resetPassword(id: "`+id+`") { url } }`, nil); len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "CONFLICT" {
				t.Fatalf("a reset link for a disabled user: %+v", r.Errors)
			}

			// Enabled again: signs in anew; the token works again.
			if r := postQuery(t, s.url, `mutation { enableUser(id: "`+id+`") { state } }`, nil); string(r.Data["enableUser"]) != `{"state":"ACTIVE"}` {
				t.Fatalf("enableUser: %s", r.Data["enableUser"])
			}
			if bob.status() != 401 || tablet.status() != 401 || status(t, s.url, bearer(tok.CreateToken.Secret)) != 200 {
				t.Fatal("after enabling: an old session works, or the token does not")
			}
			bob, _ = passwordSignIn(t, s.url, "bob@example.com", bobPassword, false)

			// A reset: a one-time link; completing it ends every session.
			r = postQuery(t, s.url, `mutation { resetPassword(id: "`+id+`") { url code purpose expiresAt } }`, nil)
			var reset struct {
				ResetPassword struct {
					URL, Code, Purpose string
					ExpiresAt          time.Time
				}
			}
			json.Unmarshal(mustJSON(r.Data), &reset)
			rp := reset.ResetPassword
			if rp.URL != s.url+"/password-reset#code="+rp.Code || !strings.HasPrefix(rp.Code, "alzr_") || rp.Purpose != "RESET" ||
				time.Until(rp.ExpiresAt).Round(time.Hour) != 24*time.Hour {
				t.Fatalf("resetPassword: %s %+v", r.Data["resetPassword"], r.Errors)
			}
			if res := postJSON(t, s.url, "/api/invitation", map[string]any{"code": rp.Code, "password": "a brand new password"}, nil); res.status != 400 {
				t.Fatalf("a reset link used as an invitation: %d", res.status)
			}
			res := postJSON(t, s.url, "/api/password-reset", map[string]any{"code": rp.Code, "password": "a brand new password"}, nil)
			fresh, _ := browserOf(t, s.url, res)
			if bob.status() != 401 || fresh.status() != 200 {
				t.Fatal("after the reset: the old session works, or the new one does not")
			}
			if res := postJSON(t, s.url, "/api/password-reset", map[string]any{"code": rp.Code, "password": "yet another new password"}, nil); res.status != 400 {
				t.Fatalf("the reset link used twice: %d", res.status)
			}
			if res := postJSON(t, s.url, "/api/session", map[string]any{"email": "bob@example.com", "password": bobPassword}, nil); res.status != 401 {
				t.Fatalf("the old password after a reset: %d", res.status)
			}
			passwordSignIn(t, s.url, "bob@example.com", "a brand new password", false)
			// Tokens outlive a password change: they are the owner's to revoke.
			if status(t, s.url, bearer(tok.CreateToken.Secret)) != 200 {
				t.Fatal("the password reset stopped the user's token")
			}

			// Links expire: a reset after 24 hours, an invitation after 7 days.
			r = postQuery(t, s.url, `mutation { resetPassword(id: "`+id+`") { code } }`, nil)
			json.Unmarshal(mustJSON(r.Data), &reset)
			clk.advance(24*time.Hour + time.Minute)
			if res := postJSON(t, s.url, "/api/password-reset", map[string]any{"code": reset.ResetPassword.Code, "password": "a later new password"}, nil); res.status != 400 {
				t.Fatalf("a reset link after 24 hours: %d %s", res.status, res.body)
			}
			code := invite(t, s.url, "carol@example.com", "Carol", "VIEWER", "")
			clk.advance(7*24*time.Hour - 2*time.Minute)
			// A new invitation for a user who has not accepted replaces the
			// first.
			r = postQuery(t, s.url, `mutation { resetPassword(id: "`+userID(t, s.url, "carol@example.com")+`") { code purpose } }`, nil)
			var again struct {
				ResetPassword struct{ Code, Purpose string }
			}
			json.Unmarshal(mustJSON(r.Data), &again)
			if again.ResetPassword.Purpose != "INVITATION" {
				t.Fatalf("a reset of an invited user: %s", r.Data["resetPassword"])
			}
			if res := postJSON(t, s.url, "/api/invitation", map[string]any{"code": code, "password": "carol picks a password"}, nil); res.status != 400 {
				t.Fatalf("a replaced invitation: %d", res.status)
			}
			clk.advance(7*24*time.Hour + time.Minute)
			if res := postJSON(t, s.url, "/api/invitation", map[string]any{"code": again.ResetPassword.Code, "password": "carol picks a password"}, nil); res.status != 400 {
				t.Fatalf("an invitation after 7 days: %d %s", res.status, res.body)
			}
		})
	}
}
