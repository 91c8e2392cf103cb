package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
	"time"

	"alliance/db/dbtest"
	"alliance/server/internal/oidctest"
)

const (
	ssoClientID     = "alliance"
	ssoClientSecret = "a-client-secret-of-the-test"
)

// startProvider starts the test OpenID provider with its users.
func startProvider(t *testing.T) *oidctest.Provider {
	t.Helper()
	p, err := oidctest.Start(oidctest.Options{ClientID: ssoClientID, ClientSecret: ssoClientSecret})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	for _, u := range []oidctest.User{
		{Login: "ada", Password: "ada-pw", Email: "Ada@Example.com", EmailVerified: true, Name: "Ada Lovelace", Claims: map[string]any{"groups": []string{"staff"}}},
		{Login: "carol", Password: "carol-pw", Email: "carol@example.com", EmailVerified: true, Name: "Carol Client",
			Claims: map[string]any{"groups": []string{"staff", "sales"}, "alliance_client": "2"}},
		{Login: "grace", Password: "grace-pw", Email: "grace@example.com", EmailVerified: true, Name: "Grace Hopper",
			Claims: map[string]any{"groups": []string{"alliance-admins", "sales"}}},
		{Login: "dave", Password: "dave-pw", Email: "dave@example.com", EmailVerified: true, Name: "Dave", Claims: map[string]any{"groups": "staff"}},
		{Login: "eve", Password: "eve-pw", Email: "eve@example.com", EmailVerified: false, Name: "Eve", Claims: map[string]any{"groups": []string{"alliance-admins"}}},
	} {
		p.AddUser(u)
	}
	return p
}

// ssoEnv gives the client secret as the variable, as the README advises.
var ssoEnv = map[string]string{"ALLIANCE_OIDC_CLIENT_SECRET": ssoClientSecret}

// ssoArgs are the flags of a server signing in through p.
func ssoArgs(p *oidctest.Provider, more ...string) []string {
	return append([]string{"--oidc-issuer", p.Issuer, "--oidc-client-id", ssoClientID, "--oidc-name", "Test IdP",
		"--oidc-role-claim", "groups", "--oidc-roles", "alliance-admins=admin,sales=editor", "--oidc-client-claim", "alliance_client"}, more...)
}

// ssoResult is where a single sign-on ended: the callback's answer, and the
// browser's cookies.
type ssoResult struct {
	status   int
	location string
	body     string
	callback string // the URL the provider sent the browser back to
	client   *http.Client
}

// ssoSignIn goes through single sign-on as a browser: /api/oidc/start, the
// provider's login page, its redirect back to the callback; it stops at the
// callback's answer.
func ssoSignIn(t *testing.T, alliance, login, password, next string) ssoResult {
	t.Helper()
	return ssoSignInAcross(t, alliance, "", login, password, next)
}

// ssoSignInAcross is ssoSignIn with the provider's redirect back answered by
// another server, at callbackAt (when set). Cookies of 127.0.0.1 go to
// every port, as a browser's go to every server behind one address.
func ssoSignInAcross(t *testing.T, alliance, callbackAt, login, password, next string) ssoResult {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	var res ssoResult
	client := &http.Client{Jar: jar, Timeout: 30 * time.Second, CheckRedirect: func(req *http.Request, via []*http.Request) error {
		if req.URL.Path == "/api/oidc/callback" {
			if callbackAt != "" {
				other, _ := url.Parse(callbackAt)
				req.URL.Host, req.Host = other.Host, other.Host
			}
			res.callback = req.URL.String()
		}
		if via[len(via)-1].URL.Path == "/api/oidc/callback" {
			return http.ErrUseLastResponse
		}
		return nil
	}}
	res.client = client
	start := alliance + "/api/oidc/start"
	if next != "" {
		start += "?next=" + url.QueryEscape(next)
	}
	resp, err := client.Get(start)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	id := resp.Request.URL.Query().Get("id")
	if resp.StatusCode != 200 || resp.Request.URL.Path != "/login" || id == "" || !strings.Contains(string(page), `name="password"`) {
		t.Fatalf("start did not land on the provider's login page: %d %s\n%s", resp.StatusCode, resp.Request.URL, page)
	}
	loginURL := *resp.Request.URL
	loginURL.RawQuery = ""
	resp, err = client.PostForm(loginURL.String(), url.Values{"id": {id}, "username": {login}, "password": {password}})
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	res.status, res.location, res.body = resp.StatusCode, resp.Header.Get("Location"), string(body)
	return res
}

// session is what GET /api/session answers the browser after the flow.
func (r ssoResult) session(t *testing.T, alliance string) (int, signedIn) {
	t.Helper()
	resp, err := r.client.Get(alliance + "/api/session")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var a signedIn
	json.NewDecoder(resp.Body).Decode(&a)
	return resp.StatusCode, a
}

// refused checks that a sign-in ended on a readable page (status, text), and
// signed nobody in.
func (r ssoResult) refused(t *testing.T, alliance string, status int, text string) {
	t.Helper()
	if r.status != status || !strings.Contains(r.body, text) || !strings.Contains(r.body, "<h1>Single sign-on did not work</h1>") || strings.Contains(r.body, "goroutine") {
		t.Fatalf("want %d with %q, got %d %s\n%s", status, text, r.status, r.location, r.body)
	}
	if got, _ := r.session(t, alliance); got != 401 {
		t.Fatalf("a refused sign-in signed in: GET /api/session %d", got)
	}
}

func userState(t *testing.T, url, email string) (state, role string, client *string) {
	t.Helper()
	r := postQuery(t, url, `{ users { email state role client { id } } }`, nil)
	var out struct {
		Users []struct {
			Email, State, Role string
			Client             *struct{ ID string }
		}
	}
	json.Unmarshal(mustJSON(r.Data), &out)
	for _, u := range out.Users {
		if strings.EqualFold(u.Email, email) {
			if u.Client != nil {
				client = &u.Client.ID
			}
			return u.State, u.Role, client
		}
	}
	return "", "", nil
}

// Single sign-on end to end against a real OpenID provider on loopback:
// discovery, the code flow with PKCE (the provider refuses a request
// without it), the ID token's signature, audience, expiry and nonce, the
// claim mapping, invited, unknown and disabled users, and auto-create.
func TestSingleSignOn(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			p := startProvider(t)
			dbURL := dbtest.URL(t, dialect)
			s := start(t, append([]string{"--db", dbURL, "--demo"}, ssoArgs(p)...), ssoEnv)
			p.AllowRedirect(s.url + "/api/oidc/callback")

			if r := request(t, "GET", s.url+"/api/sign-in-options", "", "", nil); r.status != 200 ||
				strings.TrimSpace(r.body) != `{"sso":{"name":"Test IdP","url":"/api/oidc/start"},"passwordResetByMail":false}` {
				t.Fatalf("sign-in options: %d %s", r.status, r.body)
			}

			// An invited user (by email, in another letter case) becomes
			// active with the invitation's role, lands on next, and their
			// invitation link stops working.
			code := invite(t, s.url, "ada@example.com", "Ada", "EDITOR", "")
			ok := ssoSignIn(t, s.url, "ada", "ada-pw", "/clients/2?view=list")
			if ok.status != 302 || ok.location != "/clients/2?view=list" {
				t.Fatalf("the callback: %d %q\n%s", ok.status, ok.location, ok.body)
			}
			if st, a := ok.session(t, s.url); st != 200 || a.User.Email != "ada@example.com" || a.User.Role != "EDITOR" || a.User.State != "ACTIVE" || a.CSRFToken == "" {
				t.Fatalf("GET /api/session after SSO: %d %+v", st, a)
			}
			if res := postJSON(t, s.url, "/api/invitation", map[string]any{"code": code, "password": "violet staple gravity"}, nil); res.status != 400 {
				t.Fatalf("the invitation after SSO activated the user: %d %s", res.status, res.body)
			}
			// The session is a session like a password sign-in's: it
			// writes with its anti-CSRF token, under the user's name.
			_, a := ok.session(t, s.url)
			cookieURL, _ := url.Parse(s.url)
			var cookie *http.Cookie
			for _, c := range ok.client.Jar.Cookies(cookieURL) {
				if c.Name == sessionCookie {
					cookie = c
				}
			}
			b := &browser{t: t, url: s.url, cookie: cookie, csrf: a.CSRFToken}
			if r := b.gql(`mutation { createClient(input: {name: "Made by Ada", status: PROSPECT}) { id } }`); len(r.Errors) > 0 {
				t.Fatal(r.Errors)
			}
			audit := postQuery(t, s.url, `{ auditLog(first: 50, filter: {actor: "Ada <ada@example.com>"}) { nodes { entity action } } }`, nil)
			for _, want := range []string{`"entity":"User","action":"UPDATE"`, `"entity":"Session","action":"CREATE"`, `"entity":"Client","action":"CREATE"`} {
				if !strings.Contains(string(audit.Data["auditLog"]), want) {
					t.Errorf("audit log of Ada lacks %s: %s", want, audit.Data["auditLog"])
				}
			}
			// The callback's answer cannot be replayed.
			resp, err := ok.client.Get(ok.callback)
			if err != nil {
				t.Fatal(err)
			}
			replay, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 400 || !strings.Contains(string(replay), "used already") {
				t.Fatalf("a replayed callback: %d %s", resp.StatusCode, replay)
			}

			// Mapped by the claims: sales is an editor, limited to client 2
			// by alliance_client; alliance-admins the highest role wins.
			carol := ssoSignIn(t, s.url, "carol", "carol-pw", "")
			if st, a := carol.session(t, s.url); carol.location != "/" || st != 200 || a.User.Role != "EDITOR" || a.User.ClientID == nil || *a.User.ClientID != "2" {
				t.Fatalf("carol: %d %q %+v", st, carol.location, a)
			}
			grace := ssoSignIn(t, s.url, "grace", "grace-pw", "/")
			if st, a := grace.session(t, s.url); st != 200 || a.User.Role != "ADMIN" || a.User.ClientID != nil {
				t.Fatalf("grace: %d %+v", st, a)
			}

			// Neither invited nor mapped: refused, and no user is made.
			ssoSignIn(t, s.url, "dave", "dave-pw", "/").refused(t, s.url, 403, "dave@example.com has no Alliance account")
			if st, _, _ := userState(t, s.url, "dave@example.com"); st != "" {
				t.Fatalf("a refused sign-in made a user: %s", st)
			}
			// An email the provider says is not verified: refused.
			ssoSignIn(t, s.url, "eve", "eve-pw", "/").refused(t, s.url, 403, "has not verified the email")

			// A disabled user is refused, and their sessions had ended.
			id := userID(t, s.url, "ada@example.com")
			if r := postQuery(t, s.url, `mutation { disableUser(id: "`+id+`") { state } }`, nil); len(r.Errors) > 0 {
				t.Fatal(r.Errors)
			}
			if st, _ := ok.session(t, s.url); st != 401 {
				t.Fatalf("a disabled user's SSO session: %d", st)
			}
			ssoSignIn(t, s.url, "ada", "ada-pw", "/").refused(t, s.url, 403, "is disabled")
			postQuery(t, s.url, `mutation { enableUser(id: "`+id+`") { state } }`, nil)

			// ID tokens the provider gets wrong are refused.
			for _, c := range []struct {
				name   string
				tamper oidctest.Tamper
				text   string
			}{
				{"another audience", oidctest.Tamper{Audience: []string{"someone-else"}}, "audience"},
				{"expired", oidctest.Tamper{Lifetime: -time.Hour}, "its ID token has expired"},
				{"another nonce", oidctest.Tamper{Nonce: "forged-nonce"}, "not of this sign-in (nonce)"},
				{"signed by an unpublished key", oidctest.Tamper{ForeignKey: true}, "its ID token is not valid"},
			} {
				p.SetTamper(c.tamper)
				ssoSignIn(t, s.url, "grace", "grace-pw", "/").refused(t, s.url, 403, c.text)
			}
			p.SetTamper(oidctest.Tamper{})

			// next must be a path of this server.
			for _, next := range []string{"https://evil.example/", "//evil.example/x", "/\\evil.example"} {
				r := request(t, "GET", s.url+"/api/oidc/start?next="+url.QueryEscape(next), "", "", nil)
				if r.status != 400 || !strings.Contains(r.body, "(next) must be a path of this server") {
					t.Fatalf("next=%s: %d %s", next, r.status, r.body)
				}
			}
			// A callback no start of this browser began.
			r := request(t, "GET", s.url+"/api/oidc/callback?code=x&state=y", "", "", nil)
			if r.status != 400 || !strings.Contains(r.body, "began elsewhere") {
				t.Fatalf("a foreign callback: %d %s", r.status, r.body)
			}
			// The provider saying no lands on the page too.
			r = request(t, "GET", s.url+"/api/oidc/callback?error=access_denied&error_description=the+user+said+no", "", "", nil)
			if r.status != 403 || !strings.Contains(r.body, "access_denied") || !strings.Contains(r.body, "the user said no") {
				t.Fatalf("a provider error: %d %s", r.status, r.body)
			}

			// With --oidc-auto-create=viewer, the unknown, unmapped email
			// gets a viewer account (a second server over the database).
			auto := start(t, append([]string{"--db", dbURL}, ssoArgs(p, "--oidc-auto-create", "viewer")...), ssoEnv)
			p.AllowRedirect(auto.url + "/api/oidc/callback")
			dave := ssoSignIn(t, auto.url, "dave", "dave-pw", "/gaps")
			if st, a := dave.session(t, auto.url); dave.location != "/gaps" || st != 200 || a.User.Role != "VIEWER" || a.User.Name != "Dave" {
				t.Fatalf("dave, auto-created: %d %q %+v", st, dave.location, a)
			}
			if st, role, _ := userState(t, s.url, "dave@example.com"); st != "ACTIVE" || role != "VIEWER" {
				t.Fatalf("dave on the first server: %s %s", st, role)
			}
			// A login begun on one server is completed by another: it is
			// kept in the database.
			across := ssoSignInAcross(t, s.url, auto.url, "grace", "grace-pw", "/services")
			if st, a := across.session(t, s.url); across.status != 302 || across.location != "/services" || st != 200 || a.User.Email != "grace@example.com" {
				t.Fatalf("begun on one server, completed on another: %d %q %d %+v\n%s", across.status, across.location, st, a, across.body)
			}
		})
	}
}

// Settings of single sign-on that cannot work are refused at start, naming
// the setting.
func TestSingleSignOnSettingsRefused(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--oidc-client-id", "x"}, "oidc-issuer:"},
		{[]string{"--oidc-issuer", "https://login.example.com"}, "oidc-client-id:"},
		{[]string{"--oidc-issuer", "https://login.example.com", "--oidc-client-id", "x"}, "oidc-client-secret:"},
		{[]string{"--oidc-issuer", "login.example.com", "--oidc-client-id", "x", "--oidc-client-secret", "y"}, "oidc-issuer:"},
		{[]string{"--oidc-issuer", "https://l.example", "--oidc-client-id", "x", "--oidc-client-secret", "y", "--oidc-auto-create", "owner"}, "oidc-auto-create:"},
		{[]string{"--oidc-issuer", "https://l.example", "--oidc-client-id", "x", "--oidc-client-secret", "y", "--oidc-role-claim", "groups", "--oidc-roles", "admins=root"}, "oidc-roles:"},
		{[]string{"--trusted-proxies", "10.0.0.0/33"}, "trusted-proxies:"},
		{[]string{"--smtp-url", "smtp://mail.example.com:587"}, "smtp-url:"},
	} {
		err := run(t.Context(), append([]string{"serve", "--addr", "127.0.0.1:0", "--db", "sqlite:" + t.TempDir() + "/a.db"}, c.args...),
			func(string) string { return "" }, io.Discard, io.Discard)
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%v: %v, want an error starting %q", c.args, err, c.want)
		}
	}
}

func TestLocalPath(t *testing.T) {
	for next, want := range map[string]string{
		"": "/", "/": "/", "/clients/2?view=list#top": "/clients/2?view=list#top", "/%2F%2Fevil.example": "/%2F%2Fevil.example",
		"https://evil.example/": "", "//evil.example": "", "/\\evil.example": "", "javascript:alert(1)": "", "clients/2": "",
		"http:/evil.example": "", "/a\nb": "", "/" + strings.Repeat("x", 1000): "",
	} {
		got, ok := localPath(next)
		if got != want || ok != (want != "") {
			t.Errorf("localPath(%q) = %q %v, want %q", next, got, ok, want)
		}
	}
}
