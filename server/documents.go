package main

import (
	"net/http"
	"net/url"

	"alliance"
	"alliance/db"
)

// persistedDocuments answers GET /graphql?documentId=sha256:<hex>: the query
// of the saved report with that document id runs, with the request's
// variables (or the report's default ones). Only saved documents can be
// reached this way.
func persistedDocuments(d *db.DB, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		id := q.Get("documentId")
		if r.Method != http.MethodGet || id == "" {
			next.ServeHTTP(w, r)
			return
		}
		if q.Has("query") {
			writeError(w, http.StatusBadRequest, alliance.EINVALID, "send a query or a documentId, not both")
			return
		}
		rep, err := d.ReportByDocument(r.Context(), id)
		switch {
		case err != nil:
			writeError(w, http.StatusInternalServerError, alliance.EINTERNAL, "internal error (request id "+alliance.RequestIDFrom(r.Context())+")")
			return
		case rep == nil:
			writeError(w, http.StatusNotFound, alliance.ENOTFOUND, "no saved document has the id "+id+"; save it as a report first")
			return
		}
		q.Del("documentId")
		q.Set("query", rep.Query)
		if !q.Has("variables") {
			q.Set("variables", string(rep.Variables))
		}
		r2 := r.Clone(r.Context())
		r2.URL = &url.URL{Path: r.URL.Path, RawQuery: q.Encode()}
		next.ServeHTTP(w, r2)
	})
}
