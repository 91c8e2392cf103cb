package main

import (
	"net/http"
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
