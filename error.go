package alliance

import (
	"errors"
	"fmt"
)

// Error codes. They are the codes of the public API (extensions.code).
const (
	EINVALID      = "BAD_USER_INPUT"
	ENOTFOUND     = "NOT_FOUND"
	ECONFLICT     = "CONFLICT"
	EUNAUTHORIZED = "UNAUTHENTICATED"
	EFORBIDDEN    = "FORBIDDEN"
	ETOOCOMPLEX   = "QUERY_TOO_COMPLEX"
	ERATELIMITED  = "RATE_LIMITED"
	EOVERLOADED   = "OVERLOADED"
	// ECONFLICTRETRY is a write that lost every one of its runs to
	// concurrent writes of the same rows (deadlocks, lock waits, Galera
	// certification conflicts): nothing was written, and the same request
	// may be sent again after RetryAfter.
	ECONFLICTRETRY = "CONFLICT_RETRY"
	EINTERNAL      = "INTERNAL_SERVER_ERROR"
)

// Error is an error a user can act on. Code is one of the codes above; Message
// is written for the user; Field, when set, is the dotted path of the input
// field at fault ("targets.0.metric").
type Error struct {
	Code    string
	Message string
	Field   string
	// RetryAfter, when set, is how many seconds the caller should wait
	// before asking again (OVERLOADED: the server is busy with others;
	// CONFLICT_RETRY: the write lost to concurrent ones).
	RetryAfter int
}

// Error returns the message, prefixed by the field when there is one.
func (e *Error) Error() string {
	if e.Field != "" {
		return e.Field + ": " + e.Message
	}
	return e.Message
}

// Errorf returns an Error with a code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// FieldErrorf returns an Error about one input field.
func FieldErrorf(code, field, format string, args ...any) *Error {
	return &Error{Code: code, Field: field, Message: fmt.Sprintf(format, args...)}
}

// Invalidf returns a BAD_USER_INPUT error about one input field.
func Invalidf(field, format string, args ...any) *Error {
	return FieldErrorf(EINVALID, field, format, args...)
}

// ErrorCode returns the code of err: the code of the first Error in its chain,
// or EINTERNAL for anything else. A nil error has no code.
func ErrorCode(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Code
	default:
		return EINTERNAL
	}
}

// ErrorMessage returns the user-facing message of err, or a generic one for
// errors that are not an Error (their details are for the log, not the user).
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}

// prefixField returns err with its field path placed under prefix, so that a
// validation error found in an element of a list names the element
// ("metric" becomes "targets.0.metric").
func prefixField(err error, prefix string) error {
	var e *Error
	if !errors.As(err, &e) {
		return err
	}
	cp := *e
	if cp.Field == "" {
		cp.Field = prefix
	} else {
		cp.Field = prefix + "." + cp.Field
	}
	return &cp
}
