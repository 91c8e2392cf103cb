package main

import (
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"

	"alliance"
)

// statementCounter is what /debug/stats reads.
type statementCounter interface{ Statements() int64 }

// debugStats answers GET /debug/stats, served only with --debug-stats: how
// many SQL statements this process has run since it started. The harness in
// perf/ reads it before and after a run of requests to count the statements
// of each. It holds no data of the map and reads nothing from the database,
// so it runs no statement of its own.
func debugStats(d statementCounter) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		writeJSON(w, http.StatusOK, map[string]int64{"statements": d.Statements()})
	})
}

// pprofProfiles are the runtime profiles /debug/pprof/ serves besides the
// CPU profile. Not cmdline (the process's arguments may hold a database
// password), nor the index page that links to it.
var pprofProfiles = []string{"heap", "allocs", "goroutine", "block", "mutex"}

// debugProfiles serves the Go runtime's profiles under /debug/pprof/, with
// --debug-stats only, for the harness's CPU profile of a query (perf
// --profile): GET /debug/pprof/profile?seconds=N is a CPU profile of the next
// N seconds, /debug/pprof/heap (and allocs, goroutine, block, mutex) the
// others. Each answers only a request from a loopback address with an admin
// token (or with authentication off): a profile names the program's
// functions, and a CPU profile makes the process spend time on sampling.
func debugProfiles(mux *http.ServeMux, protect func(http.Handler) http.Handler) {
	mux.Handle("GET /debug/pprof/profile", protect(http.HandlerFunc(pprof.Profile)))
	for _, name := range pprofProfiles {
		mux.Handle("GET /debug/pprof/"+name, protect(pprof.Handler(name)))
	}
}

// loopbackAdmin lets through requests that come from a loopback address and
// act for an admin; it refuses others with 403 (401 without a principal).
func loopbackAdmin(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host, _, err := net.SplitHostPort(r.RemoteAddr)
		if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
			writeError(w, r, log, alliance.Errorf(alliance.EFORBIDDEN, "profiles are served to this machine (loopback) only"))
			return
		}
		p := alliance.PrincipalFrom(r.Context())
		if p == nil {
			writeError(w, r, log, alliance.Errorf(alliance.EUNAUTHORIZED, "sign in with an admin token"))
			return
		}
		if !p.Role.Allows(alliance.Admin) || p.Share != nil || p.Scoped() {
			writeError(w, r, log, alliance.Errorf(alliance.EFORBIDDEN, "profiles are for admin tokens"))
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		next.ServeHTTP(w, r)
	})
}
