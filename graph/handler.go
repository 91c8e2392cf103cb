package graph

import (
	"context"
	"log/slog"
	"net/http"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"
)

// Options tunes the GraphQL endpoint.
type Options struct {
	// Log receives internal errors and recovered panics.
	Log *slog.Logger
	// ParserTokenLimit refuses documents with more tokens than this before
	// parsing them whole (0: the default of 15,000).
	ParserTokenLimit int
}

// DefaultParserTokenLimit is the parser token limit when none is set.
const DefaultParserTokenLimit = 15000

// NewHandler returns the GraphQL endpoint over store: queries by GET and POST
// (JSON), mutations by POST only, one operation per request.
func NewHandler(store Store, opts Options) http.Handler {
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	if opts.ParserTokenLimit == 0 {
		opts.ParserTokenLimit = DefaultParserTokenLimit
	}
	srv := handler.New(NewExecutableSchema(Config{Resolvers: &Resolver{Store: store}}))
	// GET refuses mutations itself; POST takes a single JSON object, so no
	// array batching.
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.SetParserTokenLimit(opts.ParserTokenLimit)
	srv.Use(extension.Introspection{})
	srv.SetErrorPresenter(presentError(opts.Log))
	srv.SetRecoverFunc(recoverPanic(opts.Log))
	srv.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		return next(withLoaders(ctx, store))
	})
	srv.AroundRootFields(func(ctx context.Context, next graphql.RootResolver) graphql.Marshaler {
		// Each mutation reads what the mutations before it in the same
		// document wrote: give it loaders with empty caches.
		if graphql.GetOperationContext(ctx).Operation.Operation == ast.Mutation {
			ctx = withLoaders(ctx, store)
		}
		return next(ctx)
	})
	return codeProtocolErrors(srv)
}
