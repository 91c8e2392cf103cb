package main

import (
	"bytes"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strconv"

	"alliance"
	"alliance/db"
	"alliance/importer"
)

// maxImportBytes bounds the body of POST /api/import: every file of one
// import, with the multipart framing.
const maxImportBytes = 2*importer.MaxFileBytes + 1<<20

// importUpload answers POST /api/import?dryRun=true|false&prune=true|false:
// the files of a multipart/form-data body (fields named "file") imported as
// `alliance import` does, for editors; the answer is the report as JSON. A
// dry run is the default. The report's problems are part of a 200 answer:
// the request itself went well.
func importUpload(d *db.DB, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		p := alliance.PrincipalFrom(ctx)
		if p == nil || p.Share != nil || !p.Role.Allows(alliance.Editor) {
			writeError(w, r, log, alliance.Errorf(alliance.EFORBIDDEN, "importing needs the EDITOR role"))
			return
		}
		dryRun, err := flagParam(r, "dryRun", true)
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		prune, err := flagParam(r, "prune", false)
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		if r.ContentLength > maxImportBytes {
			writeError(w, r, log, bodyTooLarge(maxImportBytes))
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, maxImportBytes)
		mr, err := r.MultipartReader()
		if err != nil {
			writeError(w, r, log, alliance.Invalidf("file", "send the files as multipart/form-data, each in a field named \"file\""))
			return
		}
		var files []importer.File
		for {
			part, err := mr.NextPart()
			if errors.Is(err, io.EOF) {
				break
			}
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				writeError(w, r, log, bodyTooLarge(maxImportBytes))
				return
			}
			if err != nil {
				writeError(w, r, log, alliance.Invalidf("file", "the upload could not be read: %v", err))
				return
			}
			if part.FormName() != "file" {
				part.Close()
				continue
			}
			var buf bytes.Buffer
			if _, err := io.Copy(&buf, io.LimitReader(part, importer.MaxFileBytes+1)); err != nil {
				if errors.As(err, &mbe) {
					writeError(w, r, log, bodyTooLarge(maxImportBytes))
					return
				}
				writeError(w, r, log, alliance.Invalidf("file", "the upload could not be read: %v", err))
				return
			}
			files = append(files, importer.File{Name: part.FileName(), Data: buf.Bytes()})
		}
		report, err := importer.Import(ctx, d, files, importer.Options{DryRun: dryRun, Prune: prune})
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		writeJSON(w, http.StatusOK, report)
	})
}

// importTemplate answers GET /api/import/template: the empty workbook of
// `alliance import --template`, with the catalog's metric keys.
func importTemplate(d *db.DB, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		metrics, err := d.Metrics(r.Context())
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		keys := make([]string, len(metrics))
		for i, m := range metrics {
			keys[i] = m.Key
		}
		var buf bytes.Buffer
		if err := importer.Template(&buf, keys); err != nil {
			writeError(w, r, log, err)
			return
		}
		w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		w.Header().Set("Content-Disposition", `attachment; filename="alliance-import-template.xlsx"`)
		w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
		w.Write(buf.Bytes())
	})
}

// flagParam reads a true/false query parameter.
func flagParam(r *http.Request, name string, def bool) (bool, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return def, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, alliance.Invalidf(name, "%s must be true or false (got %q)", name, v)
	}
	return b, nil
}
