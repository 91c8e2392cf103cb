package main

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"alliance"
	"alliance/db"
)

// Single sign-on through OpenID Connect: the authorization code flow with
// PKCE. GET /api/oidc/start keeps a login in progress (its state, nonce and
// code verifier) in the database under the secret of a short-lived HttpOnly
// cookie, and sends the browser to the provider; the provider sends it back
// to GET /api/oidc/callback, which takes the login (once), exchanges the
// code, checks the ID token (signature, issuer, audience, expiry, nonce),
// finds or makes the user, and signs them in as a password sign-in does.
const (
	oidcCookie       = "alliance_oidc"
	secureOIDCCookie = "__Host-alliance_oidc"
	// oidcLoginValidFor is how long a browser may take at the provider.
	oidcLoginValidFor = 10 * time.Minute
	// oidcTimeout bounds each call to the provider (discovery, keys, code
	// exchange).
	oidcTimeout = 15 * time.Second
)

// singleSignOn answers the single sign-on endpoints.
type singleSignOn struct {
	s         *sessions
	c         *config
	log       *slog.Logger
	roles     map[string]alliance.Role
	autoRole  alliance.Role
	http      *http.Client
	mu        sync.Mutex
	discovery *oidc.Provider // nil until the provider has answered once
}

func newSingleSignOn(s *sessions, c *config, log *slog.Logger) *singleSignOn {
	// checkSignInConfig has refused settings that do not parse.
	roles, _ := parseRoleMap(c.OIDCRoles)
	auto, _ := alliance.ParseUserRole(c.OIDCAutoCreate)
	if c.OIDCAutoCreate == "" {
		auto = ""
	}
	return &singleSignOn{s: s, c: c, log: log, roles: roles, autoRole: auto, http: &http.Client{Timeout: oidcTimeout}}
}

// provider returns the provider's discovered configuration, reading it the
// first time it is needed (and again after a failure): a provider that is
// down when Alliance starts does not stop it.
func (o *singleSignOn) provider(ctx context.Context) (*oidc.Provider, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.discovery != nil {
		return o.discovery, nil
	}
	ctx, cancel := context.WithTimeout(oidc.ClientContext(ctx, o.http), oidcTimeout)
	defer cancel()
	p, err := oidc.NewProvider(ctx, o.c.OIDCIssuer)
	if err != nil {
		return nil, err
	}
	o.discovery = p
	return p, nil
}

// oauth2Config is the client's configuration, its redirect URL the one of
// the login (the exchange of the code names the URL the authorization
// request named, whichever server answers the callback).
func (o *singleSignOn) oauth2Config(p *oidc.Provider, redirect string) *oauth2.Config {
	return &oauth2.Config{
		ClientID: o.c.OIDCClientID, ClientSecret: o.c.OIDCClientSecret, Endpoint: p.Endpoint(),
		RedirectURL: redirect,
		Scopes:      []string{oidc.ScopeOpenID, "email", "profile"},
	}
}

func (o *singleSignOn) cookieName(r *http.Request) string {
	if o.s.secure(r) {
		return secureOIDCCookie
	}
	return oidcCookie
}

// start answers GET /api/oidc/start?next=PATH: the browser goes to the
// provider, and comes back to PATH (a path of this server; / by default).
// keepSignedIn=true makes the session one that is kept, as the sign-in
// form's box does.
func (o *singleSignOn) start(w http.ResponseWriter, r *http.Request) {
	next, ok := localPath(r.URL.Query().Get("next"))
	if !ok {
		o.fail(w, r, http.StatusBadRequest, "The page to return to (next) must be a path of this server, such as /clients/2.", nil)
		return
	}
	keep, _ := strconv.ParseBool(r.URL.Query().Get("keepSignedIn"))
	p, err := o.provider(r.Context())
	if err != nil {
		o.fail(w, r, http.StatusBadGateway, "The sign-in provider cannot be reached just now: try again in a moment, or sign in with your password.", err)
		return
	}
	secret := randomToken()
	login, err := o.s.d.StartOIDCLogin(r.Context(), secret, db.OIDCLogin{
		State: randomToken(), Nonce: randomToken(), Verifier: oauth2.GenerateVerifier(), Next: next, KeepSignedIn: keep,
		RedirectURL: baseURL(o.c, r) + "/api/oidc/callback",
	}, oidcLoginValidFor)
	if err != nil {
		o.fail(w, r, http.StatusInternalServerError, "Single sign-on could not begin: try again.", err)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: o.cookieName(r), Value: secret, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode,
		Secure: o.s.secure(r), MaxAge: int(oidcLoginValidFor / time.Second)})
	to := o.oauth2Config(p, login.RedirectURL).AuthCodeURL(login.State, oidc.Nonce(login.Nonce), oauth2.S256ChallengeOption(login.Verifier))
	http.Redirect(w, r, to, http.StatusFound)
}

// callback answers GET /api/oidc/callback?code=…&state=…, where the provider
// sends the browser back.
func (o *singleSignOn) callback(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	// The login cookie is spent whatever happens next.
	http.SetCookie(w, &http.Cookie{Name: o.cookieName(r), Value: "", Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode,
		Secure: o.s.secure(r), MaxAge: -1})
	if e := q.Get("error"); e != "" {
		msg := "The sign-in provider did not sign you in (" + e + ")"
		if d := q.Get("error_description"); d != "" {
			msg += ": " + d
		}
		o.fail(w, r, http.StatusForbidden, msg+".", nil)
		return
	}
	var login *db.OIDCLogin
	var err error
	if c, cerr := r.Cookie(o.cookieName(r)); cerr == nil {
		login, err = o.s.d.TakeOIDCLogin(r.Context(), c.Value)
	}
	switch {
	case err != nil:
		o.fail(w, r, http.StatusInternalServerError, "Single sign-on could not be completed: try again.", err)
		return
	case login == nil || subtle.ConstantTimeCompare([]byte(login.State), []byte(q.Get("state"))) != 1:
		// No login began in this browser, or it is used or too old, or
		// the answer is of another login: never sign in on it.
		o.fail(w, r, http.StatusBadRequest, "This sign-in began elsewhere, was used already or took too long: start again.", nil)
		return
	case q.Get("code") == "":
		o.fail(w, r, http.StatusBadRequest, "The sign-in provider sent no code back: start again.", nil)
		return
	}
	p, err := o.provider(r.Context())
	if err != nil {
		o.fail(w, r, http.StatusBadGateway, "The sign-in provider cannot be reached just now: try again in a moment.", err)
		return
	}
	claims, err := o.verify(r, p, q.Get("code"), login)
	if err != nil {
		o.fail(w, r, http.StatusForbidden, "The sign-in provider's answer was refused: "+err.Error()+".", err)
		return
	}
	in, err := o.userOf(claims)
	if err != nil {
		o.refused(w, r, err)
		return
	}
	secret, ns := o.s.newSession(r, login.KeepSignedIn)
	u, sess, err := o.s.d.SignInSSO(r.Context(), in, ns)
	if err != nil {
		o.refused(w, r, err)
		return
	}
	o.log.InfoContext(r.Context(), "signed in through single sign-on", "user", u.ID, "request_id", alliance.RequestIDFrom(r.Context()))
	o.s.setCookie(w, r, secret, sess)
	http.Redirect(w, r, login.Next, http.StatusFound)
}

// verify exchanges the code (with the PKCE verifier) and checks the ID
// token: its signature by the provider's published keys, its issuer, its
// audience (this client), its expiry, and its nonce (this login's). It
// returns the token's claims.
func (o *singleSignOn) verify(r *http.Request, p *oidc.Provider, code string, login *db.OIDCLogin) (map[string]any, error) {
	ctx, cancel := context.WithTimeout(oidc.ClientContext(r.Context(), o.http), oidcTimeout)
	defer cancel()
	tok, err := o.oauth2Config(p, login.RedirectURL).Exchange(ctx, code, oauth2.VerifierOption(login.Verifier))
	if err != nil {
		return nil, fmt.Errorf("the code was not accepted (%v)", err)
	}
	raw, _ := tok.Extra("id_token").(string)
	if raw == "" {
		return nil, errors.New("it carries no ID token")
	}
	idToken, err := p.Verifier(&oidc.Config{ClientID: o.c.OIDCClientID, Now: o.s.now}).Verify(ctx, raw)
	if err != nil {
		var expired *oidc.TokenExpiredError
		if errors.As(err, &expired) {
			return nil, errors.New("its ID token has expired")
		}
		return nil, fmt.Errorf("its ID token is not valid (%v)", err)
	}
	if subtle.ConstantTimeCompare([]byte(idToken.Nonce), []byte(login.Nonce)) != 1 {
		return nil, errors.New("its ID token is not of this sign-in (nonce)")
	}
	var claims map[string]any
	if err := idToken.Claims(&claims); err != nil {
		return nil, fmt.Errorf("its ID token's claims do not read (%v)", err)
	}
	return claims, nil
}

// userOf reads who signs in from the ID token's claims: their email (which
// the provider must not say is unverified), their name, and, for an
// account to be made, the role and client of the claim mapping, or else
// --oidc-auto-create's role.
func (o *singleSignOn) userOf(claims map[string]any) (db.SSOUser, error) {
	email, _ := claims["email"].(string)
	if strings.TrimSpace(email) == "" {
		return db.SSOUser{}, alliance.Errorf(alliance.EFORBIDDEN, "the sign-in provider gave no email address: Alliance finds people by email (ask for the email scope)")
	}
	if v, ok := claims["email_verified"].(bool); ok && !v {
		return db.SSOUser{}, alliance.Errorf(alliance.EFORBIDDEN, "the sign-in provider has not verified the email %s", email)
	}
	name := ""
	for _, k := range []string{"name", "preferred_username"} {
		if s, ok := claims[k].(string); ok && strings.TrimSpace(s) != "" {
			name = s
			break
		}
	}
	if name == "" {
		name, _, _ = strings.Cut(email, "@")
	}
	if n, err := alliance.CleanName(strings.Join(strings.Fields(name), " "), "name"); err == nil {
		name = n
	} else {
		name, _, _ = strings.Cut(email, "@")
	}
	in := db.SSOUser{Email: email, Name: name, Role: o.roleOf(claims)}
	if in.Role == "" {
		in.Role = o.autoRole
	}
	if o.c.OIDCClientClaim != "" {
		if v, ok := claims[o.c.OIDCClientClaim]; ok && v != nil {
			id, err := strconv.ParseInt(strings.TrimSpace(fmt.Sprint(v)), 10, 64)
			if err != nil {
				return db.SSOUser{}, alliance.Errorf(alliance.EFORBIDDEN, "the claim %s (%v) is not the id of a client", o.c.OIDCClientClaim, v)
			}
			in.ClientID = &id
		}
	}
	return in, nil
}

// roleOf is the highest role the role claim's values give ("" for none):
// the values --oidc-roles maps, or, without a map, the values viewer, editor
// and admin themselves.
func (o *singleSignOn) roleOf(claims map[string]any) alliance.Role {
	if o.c.OIDCRoleClaim == "" {
		return ""
	}
	var values []string
	switch v := claims[o.c.OIDCRoleClaim].(type) {
	case string:
		values = []string{v}
	case []any:
		for _, e := range v {
			if s, ok := e.(string); ok {
				values = append(values, s)
			}
		}
	}
	best := alliance.Role("")
	for _, v := range values {
		r, ok := o.roles[v]
		if len(o.roles) == 0 {
			parsed, err := alliance.ParseUserRole(v)
			r, ok = parsed, err == nil
		}
		if ok && (best == "" || r.Allows(best)) {
			best = r
		}
	}
	return best
}

// refused answers a sign-in the claims or the account do not allow.
func (o *singleSignOn) refused(w http.ResponseWriter, r *http.Request, err error) {
	var e *alliance.Error
	if !errors.As(err, &e) || e.Code == alliance.EINTERNAL {
		o.fail(w, r, http.StatusInternalServerError, "Single sign-on could not be completed: try again.", err)
		return
	}
	o.log.InfoContext(r.Context(), "single sign-on refused", "reason", e.Message, "request_id", alliance.RequestIDFrom(r.Context()))
	o.fail(w, r, http.StatusForbidden, "You are not signed in: "+e.Message+".", nil)
}

var ssoErrorPage = template.Must(template.New("sso").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Single sign-on did not work · Alliance</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1f2933}
h1{font-size:1.4rem}a{color:#1d4ed8}small{color:#616e7c}</style></head>
<body><main><h1>Single sign-on did not work</h1>
<p role="alert">{{.Message}}</p>
<p><a href="/">Back to Alliance</a></p>
{{if .RequestID}}<p><small>Request {{.RequestID}}</small></p>{{end}}
</main></body></html>`))

// fail answers a readable page, never a stack trace; err, when set, is
// logged (with the request id the page shows).
func (o *singleSignOn) fail(w http.ResponseWriter, r *http.Request, status int, message string, err error) {
	rid := alliance.RequestIDFrom(r.Context())
	if err != nil {
		o.log.WarnContext(r.Context(), "single sign-on failed", "status", status, "err", err, "request_id", rid)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = ssoErrorPage.Execute(w, map[string]string{"Message": message, "RequestID": rid})
}

// localPath checks that next is a path of this server (/clients/2?x=1), not
// an address elsewhere (https://evil.example, //evil.example, /\evil): an
// empty one is /.
func localPath(next string) (string, bool) {
	const maxNextLength = 1000
	if next == "" {
		return "/", true
	}
	u, err := url.Parse(next)
	if err != nil || len(next) > maxNextLength || u.Scheme != "" || u.Host != "" || u.User != nil || !strings.HasPrefix(next, "/") ||
		strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\\r\n\t") {
		return "", false
	}
	return next, true
}

func randomToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// signInOptions answers GET /api/sign-in-options, for the sign-in page: the
// single sign-on button (null without one) and whether "forgot password"
// mails a link.
func signInOptions(c *config) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		type sso struct {
			Name string `json:"name"`
			URL  string `json:"url"`
		}
		out := struct {
			SSO                 *sso `json:"sso"`
			PasswordResetByMail bool `json:"passwordResetByMail"`
		}{PasswordResetByMail: c.SMTPURL != ""}
		if c.oidcEnabled() {
			out.SSO = &sso{Name: c.OIDCName, URL: "/api/oidc/start"}
		}
		writeJSON(w, http.StatusOK, out)
	}
}
