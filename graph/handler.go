package graph

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/executor"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"alliance"
	"alliance/prom"
)

// Options tunes the GraphQL endpoint.
type Options struct {
	// Log receives internal errors and recovered panics.
	Log *slog.Logger
	// ParserTokenLimit refuses documents with more tokens than this before
	// parsing them whole (0: the default of 15,000).
	ParserTokenLimit int
	// Limits bound depth, cost and the rate of each token.
	Limits Limits
	// Expensive bounds the expensive operations running at once, across
	// every token.
	Expensive Expensive
	// LoaderWait is how long each loader waits for more keys before it
	// reads them in one statement: 0 for DefaultLoaderWait, negative for
	// no wait (a batch is read as soon as the goroutine that reads it runs).
	LoaderWait time.Duration
	// Mailer, when set, mails the one-time links inviteUser and
	// resetPassword make (see LinkMail).
	Mailer LinkMailer
	// Puller tests and pulls measurement sources (nil: one over the store,
	// on the system clock).
	Puller *prom.Puller
}

// DefaultParserTokenLimit is the parser token limit when none is set.
const DefaultParserTokenLimit = 15000

// NewHandler returns the GraphQL endpoint over store: queries by GET and POST
// (JSON), mutations by POST only, one operation per request. It expects the
// request's principal in the context (see alliance.WithPrincipal): without
// one, every field answers UNAUTHENTICATED.
func NewHandler(store Store, opts Options) http.Handler { return New(store, opts) }

// New returns the GraphQL API over store: the endpoint NewHandler describes
// (the API is that http.Handler), and an executor that runs operations in
// process (see Execute). Both have the same executable schema, extensions,
// limits (and so the same rate of each token), error presenter and
// recovery.
func New(store Store, opts Options) *API {
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	if opts.ParserTokenLimit == 0 {
		opts.ParserTokenLimit = DefaultParserTokenLimit
	}
	wait := loaderWait(opts.LoaderWait)
	if opts.Puller == nil {
		opts.Puller = &prom.Puller{Store: store, Log: opts.Log}
	}
	resolver := &Resolver{Store: store, mailer: opts.Mailer, log: opts.Log, puller: opts.Puller}
	cfg := Config{Resolvers: resolver}
	setComplexity(&cfg.Complexity)
	schema := NewExecutableSchema(cfg)
	resolver.schema = schema.Schema()
	srv := handler.New(schema)
	// GET refuses mutations itself; POST takes a single JSON object, so no
	// array batching.
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	exec := executor.New(schema)
	cache := lru.New[*ast.QueryDocument](1000)
	limits := &limiter{limits: opts.Limits.withDefaults(), schema: costed{schema}}
	admit := newAdmission(limits, opts.Expensive)
	present := presentError(opts.Log)
	for _, e := range []engine{srv, exec} {
		e.SetQueryCache(cache)
		e.SetParserTokenLimit(opts.ParserTokenLimit)
		e.Use(extension.Introspection{})
		e.Use(shareGuard{})
		e.Use(limits)
		e.Use(guard{limits: limits, cache: cache})
		e.SetErrorPresenter(present)
		e.SetRecoverFunc(recoverPanic(opts.Log))
		// First of all, the request's note learns the operation's name and
		// the code of its first error, refusals of the middleware below
		// included (see alliance.RequestNote: the request log and metrics).
		e.AroundOperations(noteOperation)
		// Operation middleware runs in the order it is added: the token's
		// own count of operations running, then admission (the rate of a
		// report's later pages, the turns of expensive operations), then
		// the read-only transaction; so that an operation refused or
		// waiting holds no database connection.
		e.AroundOperations(around(limits.enter))
		e.AroundOperations(admit.operations)
		e.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
			if graphql.GetOperationContext(ctx).Operation.Operation != ast.Query {
				return next(withLoaders(ctx, store, wait))
			}
			// Every field of a query's answer comes from one state of the
			// data: one read-only transaction, ended once the answer is
			// made.
			readCtx, end, err := store.ReadOnly(ctx)
			if err != nil {
				return graphql.OneShot(&graphql.Response{Errors: gqlerror.List{present(ctx, fmt.Errorf("begin a read-only transaction: %w", err))}})
			}
			respond := next(withLoaders(readCtx, store, wait))
			return func(ctx context.Context) *graphql.Response {
				defer end()
				return respond(ctx)
			}
		})
		e.AroundRootFields(func(ctx context.Context, next graphql.RootResolver) graphql.Marshaler {
			if err := authorize(ctx); err != nil {
				return denied(ctx, err)
			}
			defer oneRootAtATime(ctx)()
			// Each mutation reads what the mutations before it in the same
			// document wrote: give it loaders with empty caches.
			if graphql.GetOperationContext(ctx).Operation.Operation == ast.Mutation {
				ctx = withLoaders(ctx, store, wait)
			}
			return next(ctx)
		})
	}
	return &API{handler: withRateNote(admit, codeProtocolErrors(srv)), exec: exec, admit: admit}
}

// around is an operation middleware that runs an operation between enter and
// the function enter returns, or answers enter's refusal.
func around(enter func(context.Context) (func(), *gqlerror.Error)) graphql.OperationMiddleware {
	return func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		leave, err := enter(ctx)
		if err != nil {
			return graphql.OneShot(&graphql.Response{Errors: gqlerror.List{err}})
		}
		respond := next(ctx)
		return func(ctx context.Context) *graphql.Response {
			defer leave()
			return respond(ctx)
		}
	}
}

// noteOperation notes the operation's name in the request's note, and the
// code of the first error of its answer.
func noteOperation(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	note := alliance.NoteFrom(ctx)
	note.Operation(graphql.GetOperationContext(ctx).Operation.Name)
	respond := next(ctx)
	return func(ctx context.Context) *graphql.Response {
		resp := respond(ctx)
		if resp != nil && len(resp.Errors) > 0 {
			if code, ok := resp.Errors[0].Extensions["code"].(string); ok {
				note.Code(code)
			}
		}
		return resp
	}
}

// shareGuard keeps requests made through a share link to their report.
type shareGuard struct{}

func (shareGuard) ExtensionName() string                   { return "AllianceShareGuard" }
func (shareGuard) Validate(graphql.ExecutableSchema) error { return nil }
func (shareGuard) MutateOperationContext(ctx context.Context, opCtx *graphql.OperationContext) *gqlerror.Error {
	return checkShare(ctx, opCtx)
}

// withRateNote gives each request a place where the limits leave how long
// a refused client should wait (the answer is then 429 with Retry-After, or
// 503 when the server refused it for its own load: see rateNote).
//
// A token told to wait is held to it: a request of it that comes before its
// Retry-After has passed waits (a second at most) and then goes on, or, if
// it is still early, is refused before it is read. So a client that ignores
// Retry-After costs the server a timer, not a parse and a cost walk per
// request, and is slowed to the pace it was given; one that waits never
// meets this.
func withRateNote(admit *admission, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		note := &rateNote{}
		ctx := context.WithValue(r.Context(), rateNoteKey{}, note)
		rw := &rateWriter{ResponseWriter: w, note: note}
		name := who(ctx)
		left, err := admit.held.wait(ctx, name)
		if err != nil {
			return // the client has gone
		}
		if left > 0 {
			secs := max(int(math.Ceil(left.Seconds())), 1)
			note.retryAfter = secs
			alliance.NoteFrom(ctx).Refused("retry_early")
			alliance.NoteFrom(ctx).Code(alliance.ERATELIMITED)
			body, _ := json.Marshal(graphql.Response{Errors: gqlerror.List{{
				Message:    fmt.Sprintf("this token was told to retry later and asked again before: retry in %d s", secs),
				Extensions: map[string]any{"code": alliance.ERATELIMITED, "retryAfter": secs},
			}}})
			rw.Header().Set("Content-Type", "application/json")
			rw.WriteHeader(http.StatusTooManyRequests)
			rw.Write(body)
			return
		}
		next.ServeHTTP(rw, r.WithContext(ctx))
		if note.retryAfter > 0 && !note.overloaded {
			admit.held.told(name, time.Now().Add(time.Duration(note.retryAfter)*time.Second))
		}
	})
}

type rateWriter struct {
	http.ResponseWriter
	note  *rateNote
	wrote bool
}

func (w *rateWriter) WriteHeader(status int) {
	if !w.wrote && w.note.retryAfter > 0 {
		w.Header().Set("Retry-After", itoa(w.note.retryAfter))
		status = http.StatusTooManyRequests
		if w.note.overloaded {
			status = http.StatusServiceUnavailable
		}
	}
	w.wrote = true
	w.ResponseWriter.WriteHeader(status)
}

func (w *rateWriter) Write(b []byte) (int, error) {
	if !w.wrote {
		w.WriteHeader(http.StatusOK)
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection.
func (w *rateWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
