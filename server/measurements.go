package main

import (
	"bytes"
	"errors"
	"io"
	"log/slog"
	"mime"
	"net/http"

	"alliance"
	"alliance/db"
	"alliance/ingest"
)

// maxIngestBytes bounds the body of POST /api/measurements, and of a
// GraphQL request by an INGEST token (see ingestBodyLimit): a batch of alliance.MaxMeasurementBatch rows is about
// 1 MB of CSV and 2 MB of JSON, 4 MB with indentation.
const maxIngestBytes = 16 << 20

// recordMeasurements answers POST /api/measurements[?atomic=true]: a batch
// of measurements as a JSON array (Content-Type: application/json) or CSV
// with a header row (text/csv), recorded as recordMeasurements does, for
// INGEST, EDITOR and ADMIN. The answer, 200 whenever the batch was read, is
// the counts of each outcome and a result per row (with its CSV line).
func recordMeasurements(d *db.DB, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		p := alliance.PrincipalFrom(ctx)
		if p == nil || p.Share != nil || !p.Role.Allows(alliance.Ingest) {
			writeError(w, r, log, alliance.Errorf(alliance.EFORBIDDEN, "recording measurements needs the INGEST, EDITOR or ADMIN role"))
			return
		}
		atomic, err := flagParam(r, "atomic", false)
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		media, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
		read := map[string]func(io.Reader) ([]ingest.Row, error){"application/json": ingest.ReadJSON, "text/csv": ingest.ReadCSV}[media]
		if read == nil {
			writeError(w, r, log, alliance.Invalidf("Content-Type", "send the measurements as application/json (an array of objects) or text/csv (a header row, then a row each), not %q", media))
			return
		}
		if r.ContentLength > maxIngestBytes {
			writeError(w, r, log, bodyTooLarge(maxIngestBytes))
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxIngestBytes))
		var mbe *http.MaxBytesError
		switch {
		case errors.As(err, &mbe):
			writeError(w, r, log, bodyTooLarge(maxIngestBytes))
			return
		case err != nil:
			writeError(w, r, log, alliance.Errorf(alliance.EINVALID, "the request body could not be read"))
			return
		}
		rows, err := read(bytes.NewReader(body))
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		answer, err := ingest.Record(ctx, d, rows, atomic)
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		writeJSON(w, http.StatusOK, answer)
	})
}

// ingestBodyLimit is the body limit of a GraphQL request: max, or for an
// INGEST token (which may only record measurements) enough for a full batch.
// Editors and admins keep max for every document; their large batches go to
// POST /api/measurements.
func ingestBodyLimit(limit int64) func(*http.Request) int64 {
	return func(r *http.Request) int64 {
		if p := alliance.PrincipalFrom(r.Context()); p != nil && p.Role == alliance.Ingest {
			return max(limit, maxIngestBytes)
		}
		return limit
	}
}

// ingestRoute reports whether an INGEST token may make request r: record
// measurements, through GraphQL (which lets it run nothing else) or POST
// /api/measurements.
func ingestRoute(r *http.Request) bool {
	return r.URL.Path == "/graphql" || r.Method == http.MethodPost && r.URL.Path == "/api/measurements"
}
