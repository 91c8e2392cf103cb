package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"alliance"
)

// readJSON reads a request body that must be one JSON object with only the
// fields of dst. Another content type is refused, as /graphql refuses it:
// an HTML form on another site can send only form and text bodies, and so
// cannot post here.
func readJSON(r *http.Request, dst any) error {
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		return alliance.Errorf(alliance.EINVALID, "send a JSON object with Content-Type: application/json")
	}
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		var typeErr *json.UnmarshalTypeError
		var maxErr *http.MaxBytesError
		switch {
		case errors.As(err, &maxErr):
			return err
		case errors.As(err, &typeErr) && typeErr.Field != "":
			return alliance.Invalidf(typeErr.Field, "%s must be a JSON %s", typeErr.Field, jsonKind(typeErr.Type.Kind().String()))
		case strings.HasPrefix(err.Error(), "json: unknown field "):
			field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
			return alliance.Invalidf(field, "unknown field %q", field)
		}
		return alliance.Errorf(alliance.EINVALID, "the body is not a JSON object: %v", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return alliance.Errorf(alliance.EINVALID, "the body holds more than one JSON value")
	}
	return nil
}

func jsonKind(goKind string) string {
	switch goKind {
	case "bool":
		return "boolean (true or false)"
	case "string", "ptr":
		return "string"
	}
	return goKind
}

// apiNotFound answers a path under /api/ that names nothing.
func apiNotFound(log *slog.Logger) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		writeError(w, r, log, alliance.Errorf(alliance.ENOTFOUND, "no API endpoint %s %s", r.Method, r.URL.Path))
	}
}

// notFound answers 404, as to a path the server does not serve (and not
// the web app's page, as other paths get).
func notFound(log *slog.Logger) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		writeError(w, r, log, alliance.Errorf(alliance.ENOTFOUND, "not found: %s", r.URL.Path))
	}
}

// methodNotAllowed answers 405, in the shape of a GraphQL error, a method
// that a path does not take (the mux's own 405 is plain text).
func methodNotAllowed(allow string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		alliance.NoteFrom(r.Context()).Code(alliance.EINVALID)
		w.Header().Set("Allow", allow)
		writeJSON(w, http.StatusMethodNotAllowed, map[string]any{"errors": []map[string]any{{
			"message":    fmt.Sprintf("%s takes %s, not %s", r.URL.Path, allow, r.Method),
			"extensions": map[string]any{"code": alliance.EINVALID},
		}}})
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }
