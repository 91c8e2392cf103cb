package main

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/99designs/gqlgen/graphql/errcode"

	"alliance"
)

// statusOf is the HTTP status of an error code: the one mapping used by
// every endpoint outside GraphQL (reports, share links, saved documents,
// authentication, the middleware). A code it does not know is an internal
// error.
func statusOf(code string) int {
	switch code {
	case alliance.EINVALID, alliance.ETOOCOMPLEX:
		return http.StatusBadRequest
	case alliance.EUNAUTHORIZED:
		return http.StatusUnauthorized
	case alliance.EFORBIDDEN:
		return http.StatusForbidden
	case alliance.ENOTFOUND:
		return http.StatusNotFound
	case alliance.ECONFLICT:
		return http.StatusConflict
	case errcode.ValidationFailed, errcode.ParseFailed:
		// As /graphql answers a document or variables that do not fit the
		// schema.
		return http.StatusUnprocessableEntity
	case alliance.ERATELIMITED:
		return http.StatusTooManyRequests
	case alliance.EOVERLOADED, alliance.ECONFLICTRETRY:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// errorStatus is the HTTP status of err: the one of its code, except that a
// request body over the limit is 413 (its code is BAD_USER_INPUT, as for
// any request the client must change).
func errorStatus(err error) int {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return http.StatusRequestEntityTooLarge
	}
	return statusOf(alliance.ErrorCode(err))
}

// bodyTooLarge is the error of a request body larger than max bytes.
func bodyTooLarge(max int64) error {
	return fmt.Errorf("%w (%w)", alliance.Errorf(alliance.EINVALID, "the request body is larger than %d bytes", max), &http.MaxBytesError{Limit: max})
}

// writeError answers err in the shape of a GraphQL error, so that clients
// read every refusal alike: its code in extensions.code (and the input field
// at fault in extensions.field), with the status errorStatus gives. An
// internal error is logged here, once, with the request id, and the client
// is told only that id.
func writeError(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error) {
	status := errorStatus(err)
	msg, ext := alliance.ErrorMessage(err), map[string]any{"code": alliance.ErrorCode(err)}
	note := alliance.NoteFrom(r.Context())
	if status == http.StatusInternalServerError {
		note.Code(alliance.EINTERNAL)
	} else {
		note.Code(alliance.ErrorCode(err))
	}
	if status == http.StatusInternalServerError {
		rid := alliance.RequestIDFrom(r.Context())
		log.ErrorContext(r.Context(), "internal error", "err", err, "method", r.Method, "path", r.URL.Path, "request_id", rid)
		msg, ext = fmt.Sprintf("internal error (request id %s)", rid), map[string]any{"code": alliance.EINTERNAL, "requestId": rid}
	}
	var e *alliance.Error
	if errors.As(err, &e) && e.Field != "" && status != http.StatusInternalServerError {
		ext["field"] = e.Field
	}
	if e != nil && e.RetryAfter > 0 && status != http.StatusInternalServerError {
		ext["retryAfter"] = e.RetryAfter
		w.Header().Set("Retry-After", strconv.Itoa(e.RetryAfter))
	}
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="alliance"`)
	}
	writeJSON(w, status, map[string]any{
		"errors": []map[string]any{{"message": msg, "extensions": ext}},
	})
}

// panicError is a panic recovered from a handler. It logs as its value and
// the stack where it was raised.
type panicError struct {
	value any
	stack []byte
}

func (p *panicError) Error() string { return fmt.Sprintf("panic: %v", p.value) }

func (p *panicError) LogValue() slog.Value {
	return slog.GroupValue(slog.Any("panic", p.value), slog.String("stack", string(p.stack)))
}
