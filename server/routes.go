package main

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/rs/cors"

	"alliance"
	"alliance/db"
	"alliance/frontend"
	"alliance/graph"
	"alliance/prom"
)

// newServer returns the whole HTTP surface of Alliance. Every route is here.
func newServer(d *db.DB, c *config, log *slog.Logger) http.Handler {
	mux := http.NewServeMux()
	m := newMetrics(d)
	d.Observe(m)
	s := newSessions(d, c, log, clock)
	mailer := newMailer(c)
	gql := graph.New(d, graph.Options{Log: log, ParserTokenLimit: c.ParserTokenLimit, Limits: graph.Limits{
		MaxCost: c.MaxQueryCost, MaxDepth: c.MaxQueryDepth, MaxFields: c.MaxQueryFields, MaxConcurrent: c.MaxConcurrent, CostPerSecond: c.RateLimit,
	}, Expensive: graph.Expensive{AtOnce: c.MaxExpensive, Cost: c.ExpensiveCost}, LoaderWait: loaderWait(c.LoaderWait), Mailer: linkMailer(mailer),
		Puller: &prom.Puller{Store: d, Clock: clock, Log: log}})
	api := authenticate(d, c, s, log, limitBodyFor(ingestBodyLimit(c.MaxBodyBytes), log, persistedDocuments(d, log, gql)))
	mux.Handle("GET /graphql", api)
	mux.Handle("POST /graphql", api)
	for _, m := range []string{"PUT", "PATCH", "DELETE", "OPTIONS"} {
		mux.Handle(m+" /graphql", methodNotAllowed("GET, HEAD, POST"))
	}
	mux.Handle("GET /reports/{file}", authenticate(d, c, s, log, reports(d, gql, log)))
	mux.Handle("GET /api/export/all.json", authenticate(d, c, s, log, backups(d, log)))
	mux.Handle("GET /api/export/{file}", authenticate(d, c, s, log, exports(gql, log)))
	// Signing in and out, and the one-time links: no token needed.
	mux.Handle("POST /api/session", limitBody(c.MaxBodyBytes, log, http.HandlerFunc(s.signIn)))
	mux.HandleFunc("GET /api/session", s.current)
	mux.HandleFunc("DELETE /api/session", s.signOut)
	mux.Handle("POST /api/invitation", limitBody(c.MaxBodyBytes, log, s.completeLink(alliance.Invitation)))
	mux.Handle("POST /api/password-reset", limitBody(c.MaxBodyBytes, log, s.completeLink(alliance.PasswordReset)))
	mux.Handle("POST /api/setup", limitBody(c.MaxBodyBytes, log, http.HandlerFunc(s.completeSetup)))
	mux.Handle("POST /api/password-reset/request", limitBody(c.MaxBodyBytes, log, s.requestReset(mailer)))
	mux.HandleFunc("GET /api/sign-in-options", signInOptions(c))
	if c.oidcEnabled() {
		sso := newSingleSignOn(s, c, log)
		mux.HandleFunc("GET /api/oidc/start", sso.start)
		mux.HandleFunc("GET /api/oidc/callback", sso.callback)
	}
	mux.Handle("POST /api/measurements", authenticate(d, c, s, log, recordMeasurements(d, log)))
	mux.Handle("POST /api/import", authenticate(d, c, s, log, importUpload(d, log)))
	mux.Handle("GET /api/import/template", authenticate(d, c, s, log, importTemplate(d, log)))
	mux.Handle("GET /api/", apiNotFound(log))
	mux.HandleFunc("GET /schema.graphql", serveSchema)
	mux.HandleFunc("GET /healthz", healthz)
	mux.Handle("GET /readyz", readyz(d, log))
	if c.MetricsToken != "" {
		mux.Handle("GET /metrics", serveMetrics(m, c.MetricsToken, log))
	} else {
		mux.Handle("GET /metrics", notFound(log))
	}
	if c.DebugStats {
		mux.Handle("GET /debug/stats", debugStats(d))
		debugProfiles(mux, func(h http.Handler) http.Handler { return authenticate(d, c, s, log, loopbackAdmin(log, h)) })
	}
	web := webApp(frontend.Dist())
	mux.Handle("GET /graphiql", servePage(frontend.Dist(), "graphiql.html"))
	mux.Handle("GET /", web)

	var h = noteRoute(mux)
	if len(c.CORSOrigins) > 0 {
		// With no origins configured, no CORS header is sent at all: only
		// same-origin pages can call the API from a browser. (An empty
		// AllowedOrigins would mean "any" to the cors package.)
		h = cors.New(cors.Options{
			AllowedOrigins: c.CORSOrigins,
			AllowedMethods: []string{http.MethodGet, http.MethodPost},
			AllowedHeaders: []string{"Authorization", "Content-Type"},
			ExposedHeaders: []string{"X-Request-Id"},
			MaxAge:         600,
		}).Handler(h)
	}
	h = sameOriginWrites(c.CORSOrigins, log, h)
	h = knownHosts(c, log, h)
	h = securityHeaders(h)
	h = recoverPanics(log, h)
	h = logRequests(log, m, h)
	return withRequestID(h)
}

// loaderWait is --loader-wait as graph.Options takes it: there 0 means the
// default, and no wait is negative.
func loaderWait(d time.Duration) time.Duration {
	if d == 0 {
		return -1
	}
	return d
}
