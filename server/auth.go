package main

import (
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strings"

	"alliance"
	"alliance/db"
	"alliance/graph"
)

// anonymousAdmin acts for every request when authentication is off (on
// loopback only).
var anonymousAdmin = &alliance.Principal{Name: alliance.AnonymousActor, Role: alliance.Admin}

// authenticate finds who makes the request and puts the principal in its
// context: the token of an "Authorization: Bearer" header, or, on a report
// URL, a share link ("?share="), or the user of a session cookie (whose
// writes must carry the session's anti-CSRF token, see sessions.principal).
// A request without any is refused with 401 unless authentication is off; so
// is one whose session has ended, and its cookie is cleared.
func authenticate(d *db.DB, c *config, s *sessions, log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := graph.WithBaseURL(r.Context(), baseURL(c, r))
		var p *alliance.Principal
		var err error
		cookie, hasCookie := s.cookie(r)
		switch bearer, ok := bearerToken(r); {
		case ok:
			p, err = d.Authenticate(ctx, bearer)
		case r.URL.Query().Has("share") && strings.HasPrefix(r.URL.Path, "/reports/"):
			slug := strings.TrimSuffix(path.Base(r.URL.Path), path.Ext(r.URL.Path))
			p, err = d.AuthenticateShare(ctx, slug, r.URL.Query().Get("share"))
		case hasCookie:
			p, err = s.principal(r.WithContext(ctx), cookie)
			if alliance.ErrorCode(err) == alliance.EUNAUTHORIZED {
				s.clearCookie(w, r)
				if !c.Auth {
					p, err = anonymousAdmin, nil
				}
			}
		case !c.Auth:
			p = anonymousAdmin
		default:
			err = alliance.Errorf(alliance.EUNAUTHORIZED, "sign in (POST /api/session), or send Authorization: Bearer <token> (make one with `alliance token create`)")
		}
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		alliance.NoteFrom(ctx).Role(roleOf(p))
		if p.Role == alliance.Ingest && !ingestRoute(r) {
			writeError(w, r, log, alliance.Errorf(alliance.EFORBIDDEN, "an INGEST token may only record measurements: POST /api/measurements, or recordMeasurement and recordMeasurements through /graphql"))
			return
		}
		next.ServeHTTP(w, r.WithContext(alliance.WithPrincipal(ctx, p)))
	})
}

// roleOf is the role a request acts with, for the request log and the
// metrics: viewer, editor, admin, or share through a share link.
func roleOf(p *alliance.Principal) string {
	if p.Share != nil {
		return "share"
	}
	return strings.ToLower(string(p.Role))
}

func bearerToken(r *http.Request) (string, bool) {
	h := r.Header.Get("Authorization")
	if h == "" {
		return "", false
	}
	scheme, token, _ := strings.Cut(h, " ")
	if !strings.EqualFold(scheme, "Bearer") {
		return "", true // a header of another kind: refused like a bad token
	}
	return strings.TrimSpace(token), true
}

// baseURL is where users reach the server: --public-url, or the address of
// the request.
func baseURL(c *config, r *http.Request) string {
	if c.PublicURL != "" {
		return strings.TrimRight(c.PublicURL, "/")
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// sameOriginWrites refuses cross-site requests that could change something
// or reach data with a browser's credentials: a POST (or other unsafe method)
// from an Origin that is neither this server nor in the allow-list. Tokens
// travel in headers, which other sites' forms cannot set, and mutations are
// refused over GET: this closes the remaining door.
func sameOriginWrites(allowed []string, log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead && r.Method != http.MethodOptions {
			origin := r.Header.Get("Origin")
			site := r.Header.Get("Sec-Fetch-Site")
			if origin != "" && origin != "null" && !sameHost(origin, r.Host) && !slices.Contains(allowed, origin) ||
				origin == "null" || site == "cross-site" && !slices.Contains(allowed, origin) {
				writeError(w, r, log, alliance.Errorf(alliance.EFORBIDDEN, "cross-site requests may not change anything: call the API from this server's pages or an allowed origin"))
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

func sameHost(origin, host string) bool {
	u, err := url.Parse(origin)
	return err == nil && u.Host == host
}

// knownHosts refuses requests addressed to a host this server does not go by,
// which is how a page on another site reaches a server on loopback through a
// name it makes resolve to 127.0.0.1 (DNS rebinding). With authentication off
// the server answers only to loopback names and addresses, and to the host of
// --public-url; with it on, the same list applies once --public-url is set
// (before that, the server cannot know its public name).
func knownHosts(c *config, log *slog.Logger, next http.Handler) http.Handler {
	public := ""
	if u, err := url.Parse(c.PublicURL); err == nil && c.PublicURL != "" {
		public = strings.ToLower(u.Hostname())
	}
	if c.Auth && public == "" {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host := strings.ToLower(r.Host)
		if h, _, err := net.SplitHostPort(host); err == nil {
			host = h
		}
		host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
		if host == public || loopbackHost(host) {
			next.ServeHTTP(w, r)
			return
		}
		log.WarnContext(r.Context(), "request for an unknown host refused", "host", r.Host, "request_id", alliance.RequestIDFrom(r.Context()))
		writeError(w, r, log, alliance.Errorf(alliance.EFORBIDDEN, "this server does not answer to the host %q; use a loopback address or its public URL", r.Host))
	})
}

// loopbackHost reports whether host is a loopback name or address.
func loopbackHost(host string) bool {
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
