// Package oidctest is an OpenID provider for tests: a real one, built with
// zitadel/oidc's provider package (discovery, keys, the authorization code
// flow with PKCE, signed ID tokens), serving on loopback, with its users in
// memory and a plain login page. A test can make it issue wrong ID tokens
// (another audience, expired, another nonce, signed by a key it does not
// publish) to see them refused. It is for tests only: nothing of the
// alliance program imports it.
package oidctest

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// User is a person the provider signs in.
type User struct {
	// Login and Password are what they type on the login page.
	Login, Password string
	Email           string
	EmailVerified   bool
	Name            string
	// Claims are more claims of their ID token, such as "groups".
	Claims map[string]any
}

// Tamper makes the ID tokens the provider issues wrong in one way, or in
// none (the zero value).
type Tamper struct {
	// Audience, when set, is the tokens' audience (and authorized party)
	// instead of the client: the provider's token endpoint signs them anew
	// with its published key, as for a token issued to another client.
	Audience []string
	// Lifetime, when set, is how long tokens are valid (negative: expired
	// when issued).
	Lifetime time.Duration
	// Nonce, when set, is the tokens' nonce instead of the one asked for.
	Nonce string
	// ForeignKey signs the tokens with a key the provider does not publish.
	ForeignKey bool
}

// Options configure the provider.
type Options struct {
	// Addr is where to listen (default 127.0.0.1:0, a free port).
	Addr string
	// ClientID and ClientSecret are the one client's credentials.
	ClientID, ClientSecret string
	// RedirectURIs are the client's redirect URIs; each may be a glob
	// (path.Match: http://127.0.0.1:*/api/oidc/callback).
	RedirectURIs []string
}

// Provider is a running OpenID provider.
type Provider struct {
	// Issuer is its issuer URL, http://127.0.0.1:PORT.
	Issuer string
	srv    *http.Server

	mu       sync.Mutex
	client   *client
	users    map[string]*User // by login
	requests map[string]*authRequest
	codes    map[string]string // code → request id
	tokens   map[string]string // access token → subject
	tamper   Tamper
	key      *signingKey
	foreign  *signingKey
}

// Start starts a provider; Close stops it.
func Start(o Options) (*Provider, error) {
	if o.Addr == "" {
		o.Addr = "127.0.0.1:0"
	}
	if o.ClientID == "" || o.ClientSecret == "" {
		return nil, errors.New("oidctest: a client id and secret are needed")
	}
	ln, err := net.Listen("tcp", o.Addr)
	if err != nil {
		return nil, err
	}
	key, err := newSigningKey()
	if err != nil {
		return nil, err
	}
	foreign, err := newSigningKey()
	if err != nil {
		return nil, err
	}
	p := &Provider{
		Issuer: "http://" + ln.Addr().String(),
		client: &client{id: o.ClientID, secret: o.ClientSecret, redirects: o.RedirectURIs},
		users:  map[string]*User{}, requests: map[string]*authRequest{}, codes: map[string]string{}, tokens: map[string]string{},
		key: key, foreign: foreign,
	}
	p.client.p = p
	var cryptoKey [32]byte
	if _, err := rand.Read(cryptoKey[:]); err != nil {
		return nil, err
	}
	provider, err := op.NewProvider(&op.Config{CryptoKey: cryptoKey, CodeMethodS256: true, AuthMethodPost: true},
		&storage{p}, op.StaticIssuer(p.Issuer), op.WithAllowInsecure())
	if err != nil {
		ln.Close()
		return nil, err
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /login", p.loginPage)
	mux.HandleFunc("POST /login", p.login)
	mux.Handle("POST "+provider.TokenEndpoint().Relative(), p.reAudience(provider))
	mux.Handle("/", provider)
	p.srv = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go p.srv.Serve(ln)
	return p, nil
}

// Close stops the provider.
func (p *Provider) Close() error { return p.srv.Close() }

// AddUser adds (or replaces) a user.
func (p *Provider) AddUser(u User) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.users[u.Login] = &u
}

// AllowRedirect adds a redirect URI (or glob) of the client.
func (p *Provider) AllowRedirect(uri string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.client.redirects = append(p.client.redirects, uri)
}

// SetTamper makes the ID tokens issued from now on wrong as t says.
func (p *Provider) SetTamper(t Tamper) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.tamper = t
}

var loginTemplate = template.Must(template.New("login").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Test provider: sign in</title></head>
<body><h1>Test provider</h1>
{{if .Error}}<p role="alert">{{.Error}}</p>{{end}}
<form method="post" action="/login">
<input type="hidden" name="id" value="{{.ID}}">
<label>Username <input name="username" autocomplete="username"></label>
<label>Password <input name="password" type="password" autocomplete="current-password"></label>
<button type="submit">Sign in</button>
</form></body></html>`))

func (p *Provider) loginPage(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	loginTemplate.Execute(w, map[string]string{"ID": r.URL.Query().Get("id")})
}

// login checks the login form and sends the browser back to the
// provider's authorization callback, which redirects to the client.
func (p *Provider) login(w http.ResponseWriter, r *http.Request) {
	id, user, pw := r.FormValue("id"), r.FormValue("username"), r.FormValue("password")
	p.mu.Lock()
	req, ok := p.requests[id]
	u := p.users[user]
	good := ok && u != nil && u.Password == pw
	if good {
		req.subject, req.authTime, req.done = u.Login, time.Now(), true
	}
	p.mu.Unlock()
	if !good {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusUnauthorized)
		loginTemplate.Execute(w, map[string]string{"ID": id, "Error": "wrong username or password"})
		return
	}
	http.Redirect(w, r, p.Issuer+"/authorize/callback?id="+id, http.StatusFound)
}

// signingKey is an RSA key that signs ID tokens.
type signingKey struct {
	id  string
	key *rsa.PrivateKey
}

func newSigningKey() (*signingKey, error) {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, err
	}
	return &signingKey{id: randomID(), key: k}, nil
}

func (k *signingKey) SignatureAlgorithm() jose.SignatureAlgorithm { return jose.RS256 }
func (k *signingKey) Key() any                                    { return k.key }
func (k *signingKey) ID() string                                  { return k.id }

// publicKey is the published half of a signing key.
type publicKey struct{ k *signingKey }

func (k publicKey) ID() string                         { return k.k.id }
func (k publicKey) Algorithm() jose.SignatureAlgorithm { return jose.RS256 }
func (k publicKey) Use() string                        { return "sig" }
func (k publicKey) Key() any                           { return &k.k.key.PublicKey }

func randomID() string {
	b := make([]byte, 18)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// authRequest is one sign-in in progress.
type authRequest struct {
	p        *Provider
	id       string
	req      *oidc.AuthRequest
	subject  string
	authTime time.Time
	done     bool
}

func (a *authRequest) GetID() string          { return a.id }
func (a *authRequest) GetACR() string         { return "" }
func (a *authRequest) GetAMR() []string       { return []string{"pwd"} }
func (a *authRequest) GetClientID() string    { return a.req.ClientID }
func (a *authRequest) GetAudience() []string  { return []string{a.req.ClientID} }
func (a *authRequest) GetAuthTime() time.Time { return a.authTime }
func (a *authRequest) GetCodeChallenge() *oidc.CodeChallenge {
	return &oidc.CodeChallenge{Challenge: a.req.CodeChallenge, Method: a.req.CodeChallengeMethod}
}
func (a *authRequest) GetNonce() string {
	a.p.mu.Lock()
	defer a.p.mu.Unlock()
	if a.p.tamper.Nonce != "" {
		return a.p.tamper.Nonce
	}
	return a.req.Nonce
}
func (a *authRequest) GetRedirectURI() string             { return a.req.RedirectURI }
func (a *authRequest) GetResponseType() oidc.ResponseType { return a.req.ResponseType }
func (a *authRequest) GetResponseMode() oidc.ResponseMode { return a.req.ResponseMode }
func (a *authRequest) GetScopes() []string                { return a.req.Scopes }
func (a *authRequest) GetState() string                   { return a.req.State }
func (a *authRequest) GetSubject() string                 { return a.subject }
func (a *authRequest) Done() bool                         { return a.done }

// client is the one client (the relying party under test).
type client struct {
	p          *Provider
	id, secret string
	redirects  []string
}

func (c *client) GetID() string { return c.id }
func (c *client) RedirectURIs() []string {
	c.p.mu.Lock()
	defer c.p.mu.Unlock()
	return slices.Clone(c.redirects)
}
func (c *client) RedirectURIGlobs() []string           { return c.RedirectURIs() }
func (c *client) PostLogoutRedirectURIs() []string     { return nil }
func (c *client) PostLogoutRedirectURIGlobs() []string { return nil }
func (c *client) ApplicationType() op.ApplicationType  { return op.ApplicationTypeWeb }
func (c *client) AuthMethod() oidc.AuthMethod          { return oidc.AuthMethodBasic }
func (c *client) ResponseTypes() []oidc.ResponseType {
	return []oidc.ResponseType{oidc.ResponseTypeCode}
}
func (c *client) GrantTypes() []oidc.GrantType        { return []oidc.GrantType{oidc.GrantTypeCode} }
func (c *client) LoginURL(id string) string           { return c.p.Issuer + "/login?id=" + id }
func (c *client) AccessTokenType() op.AccessTokenType { return op.AccessTokenTypeBearer }
func (c *client) IDTokenLifetime() time.Duration {
	c.p.mu.Lock()
	defer c.p.mu.Unlock()
	if c.p.tamper.Lifetime != 0 {
		return c.p.tamper.Lifetime
	}
	return 5 * time.Minute
}
func (c *client) DevMode() bool { return true } // http redirect URIs, on loopback
func (c *client) RestrictAdditionalIdTokenScopes() func([]string) []string {
	return func(s []string) []string { return s }
}
func (c *client) RestrictAdditionalAccessTokenScopes() func([]string) []string {
	return func(s []string) []string { return s }
}
func (c *client) IsScopeAllowed(string) bool { return false }

// IDTokenUserinfoClaimsAssertion puts the email and profile claims in the ID
// token itself, as most providers do.
func (c *client) IDTokenUserinfoClaimsAssertion() bool { return true }
func (c *client) ClockSkew() time.Duration             { return 0 }

// storage is the provider's op.Storage, in memory.
type storage struct{ p *Provider }

var errUnsupported = errors.New("oidctest: not supported")

func (s *storage) CreateAuthRequest(_ context.Context, req *oidc.AuthRequest, _ string) (op.AuthRequest, error) {
	// PKCE is required, as a careful provider may require it.
	if req.CodeChallenge == "" || req.CodeChallengeMethod != oidc.CodeChallengeMethodS256 {
		return nil, oidc.ErrInvalidRequest().WithDescription("PKCE with S256 is required")
	}
	s.p.mu.Lock()
	defer s.p.mu.Unlock()
	a := &authRequest{p: s.p, id: randomID(), req: req}
	s.p.requests[a.id] = a
	return a, nil
}

func (s *storage) AuthRequestByID(_ context.Context, id string) (op.AuthRequest, error) {
	s.p.mu.Lock()
	defer s.p.mu.Unlock()
	if a, ok := s.p.requests[id]; ok {
		return a, nil
	}
	return nil, errors.New("no such sign-in")
}

func (s *storage) AuthRequestByCode(ctx context.Context, code string) (op.AuthRequest, error) {
	s.p.mu.Lock()
	id, ok := s.p.codes[code]
	s.p.mu.Unlock()
	if !ok {
		return nil, errors.New("code invalid or used")
	}
	return s.AuthRequestByID(ctx, id)
}

func (s *storage) SaveAuthCode(_ context.Context, id, code string) error {
	s.p.mu.Lock()
	defer s.p.mu.Unlock()
	s.p.codes[code] = id
	return nil
}

func (s *storage) DeleteAuthRequest(_ context.Context, id string) error {
	s.p.mu.Lock()
	defer s.p.mu.Unlock()
	delete(s.p.requests, id)
	for code, rid := range s.p.codes {
		if rid == id {
			delete(s.p.codes, code)
		}
	}
	return nil
}

func (s *storage) CreateAccessToken(_ context.Context, req op.TokenRequest) (string, time.Time, error) {
	s.p.mu.Lock()
	defer s.p.mu.Unlock()
	tok := randomID()
	s.p.tokens[tok] = req.GetSubject()
	return tok, time.Now().Add(5 * time.Minute), nil
}

func (s *storage) CreateAccessAndRefreshTokens(context.Context, op.TokenRequest, string) (string, string, time.Time, error) {
	return "", "", time.Time{}, errUnsupported
}
func (s *storage) TokenRequestByRefreshToken(context.Context, string) (op.RefreshTokenRequest, error) {
	return nil, errUnsupported
}
func (s *storage) TerminateSession(context.Context, string, string) error          { return nil }
func (s *storage) RevokeToken(context.Context, string, string, string) *oidc.Error { return nil }
func (s *storage) GetRefreshTokenInfo(context.Context, string, string) (string, string, error) {
	return "", "", op.ErrInvalidRefreshToken
}

func (s *storage) SigningKey(context.Context) (op.SigningKey, error) {
	s.p.mu.Lock()
	defer s.p.mu.Unlock()
	if s.p.tamper.ForeignKey {
		return s.p.foreign, nil
	}
	return s.p.key, nil
}
func (s *storage) SignatureAlgorithms(context.Context) ([]jose.SignatureAlgorithm, error) {
	return []jose.SignatureAlgorithm{jose.RS256}, nil
}
func (s *storage) KeySet(context.Context) ([]op.Key, error) {
	return []op.Key{publicKey{s.p.key}}, nil
}

func (s *storage) GetClientByClientID(_ context.Context, id string) (op.Client, error) {
	if id != s.p.client.id {
		return nil, fmt.Errorf("no client %q", id)
	}
	return s.p.client, nil
}

func (s *storage) AuthorizeClientIDSecret(_ context.Context, id, secret string) error {
	if id != s.p.client.id || secret != s.p.client.secret {
		return errors.New("wrong client id or secret")
	}
	return nil
}

// SetUserinfoFromScopes fills the claims of the ID token (and of the
// userinfo endpoint) of a user.
func (s *storage) SetUserinfoFromScopes(_ context.Context, info *oidc.UserInfo, subject, _ string, scopes []string) error {
	s.p.mu.Lock()
	defer s.p.mu.Unlock()
	u := s.p.users[subject]
	if u == nil {
		return fmt.Errorf("no user %q", subject)
	}
	info.Subject = u.Login
	if slices.Contains(scopes, oidc.ScopeEmail) {
		info.Email, info.EmailVerified = u.Email, oidc.Bool(u.EmailVerified)
		if !u.EmailVerified {
			// Said, not left out (the library omits a false one).
			info.AppendClaims("email_verified", false)
		}
	}
	if slices.Contains(scopes, oidc.ScopeProfile) {
		info.Name = u.Name
	}
	for k, v := range u.Claims {
		info.AppendClaims(k, v)
	}
	return nil
}

func (s *storage) SetUserinfoFromToken(ctx context.Context, info *oidc.UserInfo, token, _, _ string) error {
	s.p.mu.Lock()
	subject, ok := s.p.tokens[token]
	s.p.mu.Unlock()
	if !ok {
		return errors.New("unknown access token")
	}
	return s.SetUserinfoFromScopes(ctx, info, subject, "", []string{oidc.ScopeOpenID, oidc.ScopeEmail, oidc.ScopeProfile})
}

func (s *storage) SetIntrospectionFromToken(context.Context, *oidc.IntrospectionResponse, string, string, string) error {
	return errUnsupported
}
func (s *storage) GetPrivateClaimsFromScopes(context.Context, string, string, []string) (map[string]any, error) {
	return nil, nil
}
func (s *storage) GetKeyByIDAndClientID(context.Context, string, string) (*jose.JSONWebKey, error) {
	return nil, errUnsupported
}
func (s *storage) ValidateJWTProfileScopes(context.Context, string, []string) ([]string, error) {
	return nil, errUnsupported
}
func (s *storage) Health(context.Context) error { return nil }

// reAudience passes token requests to the provider and, when the tamper
// says so, gives the ID token of the answer another audience, signed anew
// with the provider's own key. (The provider's library always adds the
// client to the audience, so a token for another audience is made here.)
func (p *Provider) reAudience(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.mu.Lock()
		aud := p.tamper.Audience
		p.mu.Unlock()
		if len(aud) == 0 {
			next.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		next.ServeHTTP(rec, r)
		var answer map[string]any
		if rec.Code != http.StatusOK || json.Unmarshal(rec.Body.Bytes(), &answer) != nil {
			copyAnswer(w, rec)
			return
		}
		raw, _ := answer["id_token"].(string)
		signed, err := p.resign(raw, func(claims map[string]any) { claims["aud"], claims["azp"] = aud, aud[0] })
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		answer["id_token"] = signed
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(answer)
	})
}

func copyAnswer(w http.ResponseWriter, rec *httptest.ResponseRecorder) {
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.Code)
	w.Write(rec.Body.Bytes())
}

// resign changes the claims of a token the provider signed and signs it
// again with the provider's published key.
func (p *Provider) resign(raw string, change func(map[string]any)) (string, error) {
	jws, err := jose.ParseSigned(raw, []jose.SignatureAlgorithm{jose.RS256})
	if err != nil {
		return "", err
	}
	payload, err := jws.Verify(&p.key.key.PublicKey)
	if err != nil {
		return "", err
	}
	var claims map[string]any
	if err := json.Unmarshal(payload, &claims); err != nil {
		return "", err
	}
	change(claims)
	payload, _ = json.Marshal(claims)
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: p.key.key},
		(&jose.SignerOptions{}).WithType("JWT").WithHeader("kid", p.key.id))
	if err != nil {
		return "", err
	}
	out, err := signer.Sign(payload)
	if err != nil {
		return "", err
	}
	return out.CompactSerialize()
}
