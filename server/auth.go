package main

import (
	"log/slog"
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
// URL, a share link ("?share="). A request without either is refused with
// 401 unless authentication is off.
func authenticate(d *db.DB, c *config, log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := graph.WithBaseURL(r.Context(), baseURL(c, r))
		var p *alliance.Principal
		var err error
		switch bearer, ok := bearerToken(r); {
		case ok:
			p, err = d.Authenticate(ctx, bearer)
		case r.URL.Query().Has("share") && strings.HasPrefix(r.URL.Path, "/reports/"):
			slug := strings.TrimSuffix(path.Base(r.URL.Path), path.Ext(r.URL.Path))
			p, err = d.AuthenticateShare(ctx, slug, r.URL.Query().Get("share"))
		case !c.Auth:
			p = anonymousAdmin
		default:
			err = alliance.Errorf(alliance.EUNAUTHORIZED, "sign in: send Authorization: Bearer <token> (make one with `alliance token create`)")
		}
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		next.ServeHTTP(w, r.WithContext(alliance.WithPrincipal(ctx, p)))
	})
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
