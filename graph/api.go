package graph

import (
	"context"
	"net/http"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/executor"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// API is the GraphQL API over a store: an http.Handler (the endpoint), and
// an executor for operations that the program runs itself, such as saved
// reports. Make one with New.
type API struct {
	handler http.Handler
	exec    *executor.Executor
	admit   *admission
}

// engine is what gqlgen's HTTP handler and its executor have in common: the
// set-up New gives both alike.
type engine interface {
	SetQueryCache(graphql.Cache[*ast.QueryDocument])
	SetParserTokenLimit(int)
	Use(graphql.HandlerExtension)
	SetErrorPresenter(graphql.ErrorPresenterFunc)
	SetRecoverFunc(graphql.RecoverFunc)
	AroundOperations(graphql.OperationMiddleware)
	AroundRootFields(graphql.RootFieldMiddleware)
}

// ServeHTTP answers a GraphQL request (see NewHandler).
func (a *API) ServeHTTP(w http.ResponseWriter, r *http.Request) { a.handler.ServeHTTP(w, r) }

// Execute runs one operation of query with vars in process, as the
// principal of ctx, with everything a request to the endpoint gets: parsing
// and validation, the share guard, depth, cost and rate limits, authorization,
// loaders, error presentation. A query that does not parse or validate, or
// that a limit refuses, gives a response with errors and no data, as the
// endpoint does; the errors carry their code (and, when rate limited,
// extensions.retryAfter in seconds). Numbers in vars may be json.Number.
func (a *API) Execute(ctx context.Context, query string, vars map[string]any) (resp *graphql.Response) {
	ctx = graphql.StartOperationTrace(ctx)
	defer func() {
		// A panic outside a resolver (resolvers recover on their own):
		// presented like one, as gqlgen's handler does.
		if v := recover(); v != nil {
			gqlErr, _ := a.exec.PresentRecoveredError(ctx, v).(*gqlerror.Error)
			resp = &graphql.Response{Errors: gqlerror.List{gqlErr}}
		}
	}()
	now := graphql.Now()
	params := &graphql.RawParams{Query: query, Variables: vars, ReadTime: graphql.TraceTiming{Start: now, End: now}}
	opCtx, errs := a.exec.CreateOperationContext(ctx, params)
	if errs != nil {
		return a.exec.DispatchError(graphql.WithOperationContext(ctx, opCtx), errs)
	}
	responses, ctx := a.exec.DispatchOperation(ctx, opCtx)
	return responses(ctx)
}

// MaxCost is the largest cost of one operation the API runs (Limits.MaxCost,
// or its default).
func (a *API) MaxCost() int { return a.admit.limits.limits.MaxCost }

// ExpensiveCost is the cost from which an operation is expensive and takes
// turns (Expensive.Cost, or its default).
func (a *API) ExpensiveCost() int { return a.admit.cost }
