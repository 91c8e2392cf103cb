package main

import (
	"encoding/json"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// testClock is a clock a test moves forward: the servers started after
// useClock tell time by it (sessions, links, sign-in locks).
type testClock struct{ skew atomic.Int64 }

func (c *testClock) now() time.Time          { return time.Now().Add(time.Duration(c.skew.Load())) }
func (c *testClock) advance(d time.Duration) { c.skew.Add(int64(d)) }

// useClock makes the servers the test starts from now on tell time by a
// testClock.
func useClock(t *testing.T) *testClock {
	t.Helper()
	c := &testClock{}
	old := clock
	clock = c.now
	t.Cleanup(func() { clock = old })
	return c
}

// firefox is the User-Agent the test's browsers send.
const firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:130.0) Gecko/20100101 Firefox/130.0"

// browser is a signed-in browser: its session cookie and the session's
// anti-CSRF token.
type browser struct {
	t       *testing.T
	url     string
	cookie  *http.Cookie
	csrf    string
	session string // the session's id
}

// signedIn is the answer of a sign-in, an accepted invitation or a
// completed reset.
type signedIn struct {
	User struct {
		ID, Email, Name, Role, State string
		ClientID                     *string
	}
	Session struct {
		ID           string
		ExpiresAt    time.Time
		KeepSignedIn bool
	}
	CSRFToken string
}

// sessionCookieOf returns the session cookie an answer sets, or nil.
func sessionCookieOf(res httpResult) *http.Cookie {
	for _, c := range (&http.Response{Header: res.header}).Cookies() {
		if c.Name == sessionCookie || c.Name == secureSessionCookie {
			return c
		}
	}
	return nil
}

// postJSON posts a JSON body to path, from a page of the server (its
// Origin), as a browser would.
func postJSON(t *testing.T, url, path string, body any, header map[string]string) httpResult {
	t.Helper()
	b, _ := json.Marshal(body)
	h := map[string]string{"Origin": url, "User-Agent": firefox}
	for k, v := range header {
		h[k] = v
	}
	return request(t, "POST", url+path, "application/json", string(b), h)
}

// browserOf reads a successful sign-in answer into a browser.
func browserOf(t *testing.T, url string, res httpResult) (*browser, signedIn) {
	t.Helper()
	var a signedIn
	if res.status != 200 || json.Unmarshal([]byte(res.body), &a) != nil || a.CSRFToken == "" {
		t.Fatalf("signing in: %d %s", res.status, res.body)
	}
	c := sessionCookieOf(res)
	if c == nil || c.Value == "" {
		t.Fatalf("no session cookie: %v", res.header)
	}
	return &browser{t: t, url: url, cookie: c, csrf: a.CSRFToken, session: a.Session.ID}, a
}

// passwordSignIn signs in with a password and returns the browser.
func passwordSignIn(t *testing.T, url, email, password string, keep bool) (*browser, signedIn) {
	t.Helper()
	return browserOf(t, url, postJSON(t, url, "/api/session", map[string]any{"email": email, "password": password, "keepSignedIn": keep}, nil))
}

// header is what the browser sends with every request: its cookie, its
// origin, and, unless csrf is false, the anti-CSRF token.
func (b *browser) header(csrf bool) map[string]string {
	h := map[string]string{"Cookie": b.cookie.Name + "=" + b.cookie.Value, "Origin": b.url, "User-Agent": firefox}
	if csrf {
		h["X-CSRF-Token"] = b.csrf
	}
	return h
}

// gql posts a GraphQL document as the browser (with its anti-CSRF token).
func (b *browser) gql(query string) gqlResponse {
	b.t.Helper()
	res := b.post(query, b.header(true))
	if res.status != 200 {
		b.t.Fatalf("%s: %d %s", query, res.status, res.body)
	}
	return decode(b.t, res.body)
}

// post posts a GraphQL document with the given headers.
func (b *browser) post(query string, header map[string]string) httpResult {
	b.t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query})
	return request(b.t, "POST", b.url+"/graphql", "application/json", string(body), header)
}

// status is what GET /api/session answers the browser.
func (b *browser) status() int {
	b.t.Helper()
	return request(b.t, "GET", b.url+"/api/session", "", "", b.header(false)).status
}

// invite invites a user as the test server's admin token and returns the
// invitation's code (the secret after #code=).
func invite(t *testing.T, url, email, name, role, client string) string {
	t.Helper()
	in := `email: "` + email + `", name: "` + name + `", role: ` + role
	if client != "" {
		in += `, clientId: "` + client + `"`
	}
	r := postQuery(t, url, `mutation { inviteUser(input: {`+in+`}) { url code purpose user { state } } }`, nil)
	var out struct {
		InviteUser struct{ URL, Code, Purpose string }
	}
	if len(r.Errors) > 0 || json.Unmarshal(mustJSON(r.Data), &out) != nil || !strings.HasSuffix(out.InviteUser.URL, "/invitation#code="+out.InviteUser.Code) {
		t.Fatalf("inviteUser: %+v %s", r.Errors, r.Data["inviteUser"])
	}
	return out.InviteUser.Code
}

func mustJSON(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}

// join invites a user and accepts the invitation with password: the user
// is signed in.
func join(t *testing.T, url, email, name, role, client, password string) *browser {
	t.Helper()
	code := invite(t, url, email, name, role, client)
	b, _ := browserOf(t, url, postJSON(t, url, "/api/invitation", map[string]any{"code": code, "password": password}, nil))
	return b
}

// userID returns the id of the user with this email, as the admin token
// sees it.
func userID(t *testing.T, url, email string) string {
	t.Helper()
	r := postQuery(t, url, `{ users { id email } }`, nil)
	var out struct{ Users []struct{ ID, Email string } }
	json.Unmarshal(mustJSON(r.Data), &out)
	for _, u := range out.Users {
		if strings.EqualFold(u.Email, email) {
			return u.ID
		}
	}
	t.Fatalf("no user %s in %s", email, r.Data["users"])
	return ""
}

// errorOf returns the code and field of the first error of an answer.
func errorOf(t *testing.T, res httpResult) (code, field string) {
	t.Helper()
	r := decode(t, res.body)
	if len(r.Errors) == 0 {
		return "", ""
	}
	c, _ := r.Errors[0].Extensions["code"].(string)
	f, _ := r.Errors[0].Extensions["field"].(string)
	return c, f
}
