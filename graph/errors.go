package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"alliance"
)

// presentError gives every error its extensions.code. Domain errors keep
// their message and name the input field at fault in extensions.field;
// gqlgen's parse and validation errors keep their codes; anything else is an
// internal error: logged with the request id, and shown as a plain message.
func presentError(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gqlErr := graphql.DefaultErrorPresenter(ctx, err)
		var e *alliance.Error
		if errors.As(err, &e) {
			gqlErr.Message = e.Message
			ext := map[string]any{"code": e.Code}
			if field := fieldOf(ctx, e, gqlErr.Path); field != "" {
				ext["field"] = field
			}
			if e.RetryAfter > 0 {
				// The caller is to back off: 429 with Retry-After when it
				// asked too much, 503 when the server is busy (too many
				// writes waiting) or the write lost to concurrent ones.
				ext["retryAfter"] = e.RetryAfter
				if note, ok := ctx.Value(rateNoteKey{}).(*rateNote); ok {
					note.retryAfter = e.RetryAfter
					note.overloaded = e.Code == alliance.EOVERLOADED || e.Code == alliance.ECONFLICTRETRY
				}
			}
			gqlErr.Extensions = ext
			alliance.NoteFrom(ctx).Code(e.Code)
			return gqlErr
		}
		if code, ok := gqlErr.Extensions["code"].(string); ok && code != "" {
			alliance.NoteFrom(ctx).Code(code)
			return gqlErr
		}
		// gqlgen's own messages about the request (no Go error beneath):
		// not internal; the transport answers them with an error status and
		// codeProtocolErrors gives them their code.
		if own, ok := err.(*gqlerror.Error); ok && own.Err == nil {
			return gqlErr
		}
		rid := alliance.RequestIDFrom(ctx)
		alliance.NoteFrom(ctx).Code(alliance.EINTERNAL)
		attrs := []any{"err", err, "path", gqlErr.Path.String(), "request_id", rid}
		if p := (*panicked)(nil); errors.As(err, &p) {
			attrs = append(attrs, "stack", string(p.stack))
		}
		log.ErrorContext(ctx, "internal error", attrs...)
		return &gqlerror.Error{
			Message:    fmt.Sprintf("internal error (request id %s)", rid),
			Path:       gqlErr.Path,
			Locations:  gqlErr.Locations,
			Extensions: map[string]any{"code": alliance.EINTERNAL, "requestId": rid},
		}
	}
}

// fieldOf returns the dotted input path an error is about. A domain error
// names it relative to the input object ("targets.0.metric"). An error raised
// while reading an argument (a malformed amount, time or id) has for path the
// field's path, the argument and the keys inside it: the argument names the
// field ("id"), or, for an input object, the keys inside it do.
func fieldOf(ctx context.Context, e *alliance.Error, path ast.Path) string {
	if e.Field != "" {
		return e.Field
	}
	fc := graphql.GetFieldContext(ctx)
	if fc == nil {
		return ""
	}
	base := fc.Path()
	if len(path) <= len(base) || path[:len(base)].String() != base.String() {
		return ""
	}
	rest := path[len(base):]
	if name, ok := rest[0].(ast.PathName); ok && name == "input" && len(rest) > 1 {
		rest = rest[1:]
	}
	parts := make([]string, len(rest))
	for i, el := range rest {
		switch el := el.(type) {
		case ast.PathName:
			parts[i] = string(el)
		case ast.PathIndex:
			parts[i] = fmt.Sprint(int(el))
		}
	}
	return strings.Join(parts, ".")
}

// recoverPanic turns a panic in a resolver into an internal error, which
// presentError logs (one line, with the stack where the panic was raised);
// the client never sees it.
func recoverPanic(*slog.Logger) graphql.RecoverFunc {
	return func(_ context.Context, v any) error {
		return &panicked{value: v, stack: debug.Stack()}
	}
}

// panicked is a panic recovered in a resolver.
type panicked struct {
	value any
	stack []byte
}

func (p *panicked) Error() string { return fmt.Sprintf("panic in resolver: %v", p.value) }
