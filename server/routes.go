package main

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/rs/cors"

	"alliance/db"
	"alliance/frontend"
	"alliance/graph"
)

// newServer returns the whole HTTP surface of Alliance. Every route is here.
func newServer(d *db.DB, c *config, log *slog.Logger) http.Handler {
	mux := http.NewServeMux()
	gql := graph.New(d, graph.Options{Log: log, ParserTokenLimit: c.ParserTokenLimit, Limits: graph.Limits{
		MaxCost: c.MaxQueryCost, MaxDepth: c.MaxQueryDepth, MaxFields: c.MaxQueryFields, MaxConcurrent: c.MaxConcurrent, CostPerSecond: c.RateLimit,
	}, LoaderWait: loaderWait(c.LoaderWait)})
	api := authenticate(d, c, log, limitBody(c.MaxBodyBytes, log, persistedDocuments(d, log, gql)))
	mux.Handle("GET /graphql", api)
	mux.Handle("POST /graphql", api)
	mux.Handle("GET /reports/{file}", authenticate(d, c, log, reports(d, gql, log)))
	mux.HandleFunc("GET /schema.graphql", serveSchema)
	mux.HandleFunc("GET /healthz", healthz)
	mux.Handle("GET /readyz", readyz(d, log))
	if c.DebugStats {
		mux.Handle("GET /debug/stats", debugStats(d))
		debugProfiles(mux, func(h http.Handler) http.Handler { return authenticate(d, c, log, loopbackAdmin(log, h)) })
	}
	web := webApp(frontend.Dist())
	mux.Handle("GET /graphiql", servePage(frontend.Dist(), "graphiql.html"))
	mux.Handle("GET /", web)

	var h http.Handler = mux
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
	h = logRequests(log, h)
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
