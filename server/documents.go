package main

import (
	"log/slog"
	"net/http"
	"net/url"

	"alliance"
	"alliance/db"
)

// persistedDocuments answers GET /graphql?documentId=sha256:<hex>: the query
// of the saved report with that document id runs, with the request's
// variables (or the report's default ones). Only saved documents can be
// reached this way.
func persistedDocuments(d *db.DB, log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		id := q.Get("documentId")
		if r.Method != http.MethodGet || id == "" {
			next.ServeHTTP(w, r)
			return
		}
		if q.Has("query") {
			writeError(w, r, log, alliance.Invalidf("documentId", "send a query or a documentId, not both"))
			return
		}
		rep, err := d.ReportByDocument(r.Context(), id)
		if err == nil && rep == nil {
			err = alliance.FieldErrorf(alliance.ENOTFOUND, "documentId", "no saved document has the id %s; save it as a report first", id)
		}
		if err != nil {
			writeError(w, r, log, err)
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
