package graph

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"

	"alliance"
)

// Bounds on what a document that is refused may cost the server.
const (
	// MaxDirectives is the most directives one field, fragment spread,
	// fragment or operation may carry. The schema's own directives are
	// @include, @skip and @deprecated: a legitimate document needs two.
	MaxDirectives = 4
	// MaxErrors is the most errors one answer lists; the last says how many
	// more there were.
	MaxErrors = 20
	// invalidDocumentCost is what a document that does not parse or
	// validate costs its token's rate limit, per error found in it.
	invalidDocumentCost = 500
)

// guard bounds the work hostile documents can cause: before a document not
// yet seen is validated, it checks the caller still has rate to spend and
// that no place in the document carries a flood of directives; after, it
// charges invalid documents to the caller's rate and cuts long error lists.
type guard struct {
	limits *limiter
	cache  graphql.Cache[*ast.QueryDocument]
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationParameterMutator
	graphql.ResponseInterceptor
} = guard{}

func (guard) ExtensionName() string                   { return "AllianceGuard" }
func (guard) Validate(graphql.ExecutableSchema) error { return nil }

func (g guard) MutateOperationParameters(ctx context.Context, params *graphql.RawParams) *gqlerror.Error {
	if err := g.limits.inDebt(ctx); err != nil {
		return err
	}
	if _, ok := g.cache.Get(ctx, params.Query); ok {
		return nil // validated before
	}
	doc, err := parser.ParseQuery(&ast.Source{Input: params.Query})
	if err != nil {
		return nil // gqlgen answers the parse error in its own words
	}
	if where := tooManyDirectives(doc); where != nil {
		e := &gqlerror.Error{Message: fmt.Sprintf("at most %d directives may be given in one place", MaxDirectives)}
		e.Locations = []gqlerror.Location{{Line: where.Line, Column: where.Column}}
		errcode.Set(e, errcode.ValidationFailed)
		return e
	}
	return nil
}

// tooManyDirectives returns the position of the first place in doc that
// carries more than MaxDirectives directives, or nil.
func tooManyDirectives(doc *ast.QueryDocument) *ast.Position {
	var inSet func(ast.SelectionSet) *ast.Position
	check := func(ds ast.DirectiveList, pos *ast.Position, set ast.SelectionSet) *ast.Position {
		if len(ds) > MaxDirectives {
			if pos == nil && len(ds) > 0 {
				pos = ds[0].Position
			}
			if pos == nil {
				pos = &ast.Position{}
			}
			return pos
		}
		return inSet(set)
	}
	inSet = func(set ast.SelectionSet) *ast.Position {
		for _, sel := range set {
			var p *ast.Position
			switch s := sel.(type) {
			case *ast.Field:
				p = check(s.Directives, s.Position, s.SelectionSet)
			case *ast.InlineFragment:
				p = check(s.Directives, s.Position, s.SelectionSet)
			case *ast.FragmentSpread:
				p = check(s.Directives, s.Position, nil)
			}
			if p != nil {
				return p
			}
		}
		return nil
	}
	for _, op := range doc.Operations {
		if p := check(op.Directives, op.Position, op.SelectionSet); p != nil {
			return p
		}
		for _, v := range op.VariableDefinitions {
			if p := check(v.Directives, v.Position, nil); p != nil {
				return p
			}
		}
	}
	for _, f := range doc.Fragments {
		if p := check(f.Directives, f.Position, f.SelectionSet); p != nil {
			return p
		}
	}
	return nil
}

func (g guard) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	resp := next(ctx)
	if resp == nil {
		return resp
	}
	if resp.Data == nil && invalidDocument(resp.Errors) {
		g.limits.charge(ctx, invalidDocumentCost*len(resp.Errors))
	}
	if n := len(resp.Errors); n > MaxErrors {
		more := &gqlerror.Error{Message: fmt.Sprintf("and %d more errors", n-MaxErrors+1)}
		if code, ok := resp.Errors[MaxErrors-1].Extensions["code"]; ok {
			more.Extensions = map[string]any{"code": code}
		}
		resp.Errors = append(resp.Errors[:MaxErrors-1:MaxErrors-1], more)
	}
	return resp
}

// invalidDocument reports whether errs say the document did not parse or
// validate.
func invalidDocument(errs gqlerror.List) bool {
	for _, e := range errs {
		switch e.Extensions["code"] {
		case errcode.ValidationFailed, errcode.ParseFailed:
			return true
		}
	}
	return false
}

// inDebt refuses a caller who has spent more than its rate allows (invalid
// documents are charged after they are found invalid, so a bucket may run
// below empty).
func (l *limiter) inDebt(ctx context.Context) *gqlerror.Error {
	if l.free(ctx) {
		return nil
	}
	now := time.Now()
	b := l.bucket(who(ctx))
	if tokens := b.TokensAt(now); tokens < 0 {
		return l.limited(ctx, time.Duration(-tokens/l.limits.CostPerSecond*float64(time.Second)))
	}
	return nil
}

// charge takes cost from the caller's rate, into debt if need be.
func (l *limiter) charge(ctx context.Context, cost int) {
	if l.free(ctx) {
		return
	}
	l.bucket(who(ctx)).ReserveN(time.Now(), min(cost, 2*l.limits.MaxCost))
}

// free reports whether ctx's operations are not charged: no rate limit, or
// a prepaid operation.
func (l *limiter) free(ctx context.Context) bool {
	prepaid, _ := ctx.Value(prepaidKey{}).(bool)
	return prepaid || l.limits.CostPerSecond < 0
}

// limited is the answer to a caller over its rate, who may retry after wait.
func (l *limiter) limited(ctx context.Context, wait time.Duration) *gqlerror.Error {
	secs := max(int(math.Ceil(wait.Seconds())), 1)
	alliance.NoteFrom(ctx).Refused("cost_rate")
	if note, ok := ctx.Value(rateNoteKey{}).(*rateNote); ok {
		note.retryAfter = secs
	}
	return &gqlerror.Error{
		Message:    fmt.Sprintf("rate limit: this token may spend %.0f cost units a second; retry in %d s", l.limits.CostPerSecond, secs),
		Extensions: map[string]any{"code": alliance.ERATELIMITED, "retryAfter": secs},
	}
}

// who is the name the rate limit keeps a caller's budget under: a token's
// name, or a user's name and email (every session of a user shares one).
func who(ctx context.Context) string {
	if p := alliance.PrincipalFrom(ctx); p != nil {
		return p.Actor()
	}
	return alliance.AnonymousActor
}
