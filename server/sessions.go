package main

import (
	"crypto/subtle"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"alliance"
	"alliance/db"
)

// Session cookies: HttpOnly (no script reads them), SameSite=Lax (other
// sites' pages do not send them along with their requests, but a link
// followed from elsewhere lands signed in), Secure, and then named with the
// __Host- prefix (so that no subdomain can set it), whenever the server is
// reached over HTTPS.
const (
	sessionCookie       = "alliance_session"
	secureSessionCookie = "__Host-alliance_session"
	// csrfHeader carries the session's anti-CSRF token on every request
	// that may change something.
	csrfHeader = "X-CSRF-Token"
	// touchEvery is how often, at most, a session in use is marked used
	// (its last-seen time and idle expiry written).
	touchEvery = time.Minute
)

// sessions signs people in and out, and finds the session of a request's
// cookie. Sessions live in the database, so every server shares them.
type sessions struct {
	d        *db.DB
	c        *config
	log      *slog.Logger
	now      func() time.Time
	times    alliance.SessionTimes
	attempts *attempts
	proxies  trustedProxies
}

func newSessions(d *db.DB, c *config, log *slog.Logger, now func() time.Time) *sessions {
	// checkServeConfig has refused a list that does not parse.
	proxies, _ := parseTrustedProxies(c.TrustedProxies)
	return &sessions{d: d, c: c, log: log, now: now, attempts: newAttempts(d), proxies: proxies,
		times: alliance.SessionTimes{Idle: c.SessionIdle, Lifetime: c.SessionLifetime, Keep: c.SessionKeep}}
}

// secure reports whether the request reached the server over HTTPS, or the
// server is published at an https URL (behind a proxy that ends TLS).
func (s *sessions) secure(r *http.Request) bool {
	return r.TLS != nil || strings.HasPrefix(strings.ToLower(s.c.PublicURL), "https://")
}

func (s *sessions) cookieName(r *http.Request) string {
	if s.secure(r) {
		return secureSessionCookie
	}
	return sessionCookie
}

// cookie returns the session secret a request carries, if any.
func (s *sessions) cookie(r *http.Request) (string, bool) {
	c, err := r.Cookie(s.cookieName(r))
	if err != nil || c.Value == "" {
		return "", false
	}
	return c.Value, true
}

// setCookie gives the browser the session's cookie: a cookie that ends with
// the browser session, or, kept signed in, one that lasts as long as the
// session does.
func (s *sessions) setCookie(w http.ResponseWriter, r *http.Request, secret string, sess *alliance.Session) {
	c := &http.Cookie{Name: s.cookieName(r), Value: secret, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.secure(r)}
	if sess.KeepSignedIn {
		c.MaxAge = int(sess.ExpiresAt.Sub(s.now()).Seconds())
		c.Expires = sess.ExpiresAt
	}
	http.SetCookie(w, c)
}

// clearCookie tells the browser to forget the session cookie.
func (s *sessions) clearCookie(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: s.cookieName(r), Value: "", Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode,
		Secure: s.secure(r), MaxAge: -1})
}

// touchInterval is how often a session in use is marked used: once a minute,
// or more often when the idle timeout is short (so that a session in use
// never idles out).
func (s *sessions) touchInterval() time.Duration { return min(touchEvery, s.times.Idle/4) }

// principal returns who the request's session cookie signs in. A request
// that may change something (any method but GET, HEAD and OPTIONS) must
// come from this server's own pages (an Origin, when sent, of this host:
// not even one of --cors-origins) and carry the session's anti-CSRF token
// in X-CSRF-Token: other sites' pages cannot read it, so they cannot send
// it.
func (s *sessions) principal(r *http.Request, secret string) (*alliance.Principal, error) {
	sess, u, err := s.d.Session(r.Context(), secret, s.times, s.touchInterval())
	if err != nil {
		return nil, err
	}
	if !safeMethod(r.Method) {
		// The origins allowed to call the API (--cors-origins) call it with
		// tokens: a session cookie is for this server's own pages.
		if origin := r.Header.Get("Origin"); origin != "" && !sameHost(origin, r.Host) {
			return nil, alliance.Errorf(alliance.EFORBIDDEN, "a session cookie signs in this server's own pages only; other origins send a token")
		}
		got := r.Header.Get(csrfHeader)
		if got == "" || subtle.ConstantTimeCompare([]byte(got), []byte(sess.CSRFSecret)) != 1 {
			return nil, alliance.Errorf(alliance.EFORBIDDEN,
				"a request signed in by a session cookie that may change something needs the %s header of the session (from POST or GET /api/session)", csrfHeader)
		}
	}
	return u.Principal(sess.ID), nil
}

func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions
}

// remoteAddr is the address a request came from: behind a proxy of
// --trusted-proxies, the address the proxy was reached from.
func (s *sessions) remoteAddr(r *http.Request) string { return s.proxies.clientAddr(r) }

// newSession describes the session a sign-in from r makes.
func (s *sessions) newSession(r *http.Request, keep bool) (secret string, ns alliance.NewSession) {
	secret, id, csrf := db.NewSessionSecrets()
	return secret, alliance.NewSession{ID: id, CSRFSecret: csrf, KeepSignedIn: keep, UserAgent: r.UserAgent(),
		RemoteAddr: s.remoteAddr(r), Times: s.times}
}

// sessionAnswer is what the session endpoints answer about a signed-in
// user: who, the session, and the token to send as X-CSRF-Token.
type sessionAnswer struct {
	User      userJSON    `json:"user"`
	Session   sessionJSON `json:"session"`
	CSRFToken string      `json:"csrfToken"`
}

type userJSON struct {
	ID           string             `json:"id"`
	Email        string             `json:"email"`
	Name         string             `json:"name"`
	Role         alliance.Role      `json:"role"`
	ClientID     *string            `json:"clientId"`
	State        alliance.UserState `json:"state"`
	LastSignInAt *time.Time         `json:"lastSignInAt"`
}

type sessionJSON struct {
	ID           string    `json:"id"`
	CreatedAt    time.Time `json:"createdAt"`
	ExpiresAt    time.Time `json:"expiresAt"`
	IdleExpires  time.Time `json:"idleExpiresAt"`
	KeepSignedIn bool      `json:"keepSignedIn"`
}

func answerOf(u *alliance.User, sess *alliance.Session) sessionAnswer {
	a := sessionAnswer{
		User: userJSON{ID: itoa64(u.ID), Email: u.Email, Name: u.Name, Role: u.Role, State: u.State, LastSignInAt: u.LastSignInAt},
		Session: sessionJSON{ID: sess.ID, CreatedAt: sess.CreatedAt, ExpiresAt: sess.ExpiresAt, IdleExpires: sess.IdleExpiresAt,
			KeepSignedIn: sess.KeepSignedIn},
		CSRFToken: sess.CSRFSecret,
	}
	if u.ClientID != nil {
		id := itoa64(*u.ClientID)
		a.User.ClientID = &id
	}
	return a
}

// signIn answers POST /api/session: {"email", "password", "keepSignedIn"}.
// It sets the session cookie and answers the user, the session and its
// anti-CSRF token. Every failure gets the same answer (401), and an account
// or address that failed too often waits (429, Retry-After).
func (s *sessions) signIn(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Email        *string `json:"email"`
		Password     *string `json:"password"`
		KeepSignedIn bool    `json:"keepSignedIn"`
	}
	if err := readJSON(r, &in); err != nil {
		writeError(w, r, s.log, err)
		return
	}
	switch {
	case in.Email == nil || strings.TrimSpace(*in.Email) == "":
		writeError(w, r, s.log, alliance.Invalidf("email", "email is required"))
		return
	case in.Password == nil || *in.Password == "":
		writeError(w, r, s.log, alliance.Invalidf("password", "password is required"))
		return
	}
	account, addr := alliance.EmailKey(*in.Email), s.remoteAddr(r)
	if wait, err := s.attempts.wait(r.Context(), account, addr); err != nil || wait > 0 {
		s.tooManyAttempts(w, r, wait, err)
		return
	}
	secret, ns := s.newSession(r, in.KeepSignedIn)
	u, sess, err := s.d.SignIn(r.Context(), *in.Email, *in.Password, ns)
	if err != nil {
		if errors.Is(err, db.ErrBadCredentials) {
			if err := s.attempts.failed(r.Context(), account, addr); err != nil {
				s.log.ErrorContext(r.Context(), "count a failed sign-in", "err", err, "request_id", alliance.RequestIDFrom(r.Context()))
			}
			s.log.InfoContext(r.Context(), "sign-in refused", "addr", addr, "request_id", alliance.RequestIDFrom(r.Context()))
		}
		writeError(w, r, s.log, err)
		return
	}
	if err := s.attempts.succeeded(r.Context(), account); err != nil {
		s.log.ErrorContext(r.Context(), "clear the failed sign-ins", "err", err, "request_id", alliance.RequestIDFrom(r.Context()))
	}
	s.setCookie(w, r, secret, sess)
	writeJSON(w, http.StatusOK, answerOf(u, sess))
}

// tooManyAttempts answers a sign-in that must wait (429), or the error of
// reading the counts.
func (s *sessions) tooManyAttempts(w http.ResponseWriter, r *http.Request, wait time.Duration, err error) {
	if err != nil {
		writeError(w, r, s.log, err)
		return
	}
	secs := int(wait.Round(time.Second) / time.Second)
	secs = max(secs, 1)
	w.Header().Set("Retry-After", itoa(secs))
	what, limit := "failed sign-ins", "sign_in"
	if strings.HasSuffix(r.URL.Path, "/request") {
		what, limit = "requests of a reset link", "reset_request"
	}
	alliance.NoteFrom(r.Context()).Refused(limit)
	writeError(w, r, s.log, alliance.Errorf(alliance.ERATELIMITED, "too many %s: try again in %d s", what, secs))
}

// current answers GET /api/session: the signed-in user, the session and its
// anti-CSRF token (so that a page loaded anew can send it), or 401.
func (s *sessions) current(w http.ResponseWriter, r *http.Request) {
	secret, ok := s.cookie(r)
	if !ok {
		writeError(w, r, s.log, alliance.Errorf(alliance.EUNAUTHORIZED, "not signed in"))
		return
	}
	sess, u, err := s.d.Session(r.Context(), secret, s.times, s.touchInterval())
	if err != nil {
		if alliance.ErrorCode(err) == alliance.EUNAUTHORIZED {
			s.clearCookie(w, r)
		}
		writeError(w, r, s.log, err)
		return
	}
	writeJSON(w, http.StatusOK, answerOf(u, sess))
}

// signOut answers DELETE /api/session: the session ends (in the database:
// on every server) and the cookie goes. Without a live session there is
// nothing to end, and the answer is the same.
func (s *sessions) signOut(w http.ResponseWriter, r *http.Request) {
	secret, ok := s.cookie(r)
	if ok {
		p, err := s.principal(r, secret)
		switch {
		case err == nil:
			ctx := alliance.WithPrincipal(r.Context(), p)
			if err := s.d.EndSession(ctx, p.SessionID); err != nil && alliance.ErrorCode(err) != alliance.ENOTFOUND {
				writeError(w, r, s.log, err)
				return
			}
		case alliance.ErrorCode(err) != alliance.EUNAUTHORIZED:
			writeError(w, r, s.log, err) // no anti-CSRF token: the session stays
			return
		}
	}
	s.clearCookie(w, r)
	writeJSON(w, http.StatusOK, map[string]bool{"signedOut": true})
}

// completeLink answers POST /api/invitation ({"code", "password", "name"})
// and POST /api/password-reset ({"code", "password"}): the link's user sets
// their password and is signed in, as by POST /api/session.
func (s *sessions) completeLink(purpose alliance.LinkPurpose) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var in struct {
			Code         *string `json:"code"`
			Password     *string `json:"password"`
			Name         *string `json:"name"`
			KeepSignedIn bool    `json:"keepSignedIn"`
		}
		if err := readJSON(r, &in); err != nil {
			writeError(w, r, s.log, err)
			return
		}
		switch {
		case in.Code == nil || *in.Code == "":
			writeError(w, r, s.log, alliance.Invalidf("code", "code is required: the part of the link after #code="))
			return
		case in.Password == nil:
			writeError(w, r, s.log, alliance.Invalidf("password", "password is required"))
			return
		case purpose != alliance.Invitation && in.Name != nil:
			writeError(w, r, s.log, alliance.Invalidf("name", "a password reset does not change the name"))
			return
		}
		addr := s.remoteAddr(r)
		if wait, err := s.attempts.wait(r.Context(), "", addr); err != nil || wait > 0 {
			s.tooManyAttempts(w, r, wait, err)
			return
		}
		secret, ns := s.newSession(r, in.KeepSignedIn)
		u, sess, err := s.d.CompleteLink(r.Context(), purpose, *in.Code, *in.Password, in.Name, ns)
		if err != nil {
			var e *alliance.Error
			if errors.As(err, &e) && e.Field == "code" {
				if err := s.attempts.failed(r.Context(), "", addr); err != nil {
					s.log.ErrorContext(r.Context(), "count a failed link", "err", err, "request_id", alliance.RequestIDFrom(r.Context()))
				}
			}
			writeError(w, r, s.log, err)
			return
		}
		s.setCookie(w, r, secret, sess)
		writeJSON(w, http.StatusOK, answerOf(u, sess))
	}
}
