package graph

import (
	"context"
	"fmt"
	"math"
	"sync"
	"time"

	"github.com/99designs/gqlgen/complexity"
	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"golang.org/x/time/rate"

	"alliance"
)

// Limits bound what one operation may ask for, and how much one token may
// ask for over time. Zero fields take the defaults.
type Limits struct {
	// MaxDepth is the deepest nesting of fields (introspection aside).
	MaxDepth int
	// MaxCost is the largest cost of one operation: a field costs 1, a list
	// costs its page size (first, or an estimate for lists without one)
	// times what each element costs.
	MaxCost int
	// CostPerSecond is how much cost each token may spend per second,
	// with bursts up to twice MaxCost. Negative: no rate limit.
	CostPerSecond float64
}

// Default limits.
const (
	DefaultMaxDepth      = 12
	DefaultMaxCost       = 200_000
	DefaultCostPerSecond = 50_000
)

func (l Limits) withDefaults() Limits {
	if l.MaxDepth == 0 {
		l.MaxDepth = DefaultMaxDepth
	}
	if l.MaxCost == 0 {
		l.MaxCost = DefaultMaxCost
	}
	if l.CostPerSecond == 0 {
		l.CostPerSecond = DefaultCostPerSecond
	}
	return l
}

// limiter refuses, after the document is validated and before any resolver
// runs, operations that page too far, nest too deep, cost too much, or
// exceed their token's rate.
type limiter struct {
	limits  Limits
	schema  graphql.ExecutableSchema
	mu      sync.Mutex
	buckets map[string]*rate.Limiter
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = (*limiter)(nil)

func (l *limiter) ExtensionName() string                   { return "AllianceLimits" }
func (l *limiter) Validate(graphql.ExecutableSchema) error { return nil }

func tooComplex(format string, args ...any) *gqlerror.Error {
	return &gqlerror.Error{Message: fmt.Sprintf(format, args...), Extensions: map[string]any{"code": alliance.ETOOCOMPLEX}}
}

func (l *limiter) MutateOperationContext(ctx context.Context, opCtx *graphql.OperationContext) *gqlerror.Error {
	op := opCtx.Operation
	if op == nil {
		return nil
	}
	if err := checkPageSizes(op.SelectionSet, opCtx.Variables); err != nil {
		return err
	}
	if d := depth(op.SelectionSet); d > l.limits.MaxDepth {
		return tooComplex("the query nests %d fields deep; at most %d are allowed", d, l.limits.MaxDepth)
	}
	cost := complexity.Calculate(ctx, l.schema, op, opCtx.Variables)
	if cost > l.limits.MaxCost {
		return tooComplex("the query costs %d; at most %d is allowed (a list costs its page size times each element: ask for smaller pages or fewer fields)", cost, l.limits.MaxCost)
	}
	if l.limits.CostPerSecond < 0 {
		return nil
	}
	if prepaid, _ := ctx.Value(prepaidKey{}).(bool); prepaid {
		return nil
	}
	who := alliance.AnonymousActor
	if p := alliance.PrincipalFrom(ctx); p != nil {
		who = p.Name
	}
	now := time.Now()
	r := l.bucket(who).ReserveN(now, cost)
	if wait := r.DelayFrom(now); wait > 0 {
		r.CancelAt(now)
		secs := int(math.Ceil(wait.Seconds()))
		if note, ok := ctx.Value(rateNoteKey{}).(*rateNote); ok {
			note.retryAfter = secs
		}
		return &gqlerror.Error{
			Message:    fmt.Sprintf("rate limit: this token may spend %.0f cost units a second; retry in %d s", l.limits.CostPerSecond, secs),
			Extensions: map[string]any{"code": alliance.ERATELIMITED, "retryAfter": secs},
		}
	}
	return nil
}

func (l *limiter) bucket(who string) *rate.Limiter {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.buckets == nil || len(l.buckets) > 100_000 {
		l.buckets = map[string]*rate.Limiter{}
	}
	b, ok := l.buckets[who]
	if !ok {
		b = rate.NewLimiter(rate.Limit(l.limits.CostPerSecond), 2*l.limits.MaxCost)
		l.buckets[who] = b
	}
	return b
}

// rateNote carries, from the limiter to the HTTP answer, how long a
// rate-limited client should wait (Retry-After).
type rateNote struct{ retryAfter int }

type rateNoteKey struct{}

// depth returns how deep fields nest in a selection set; introspection
// fields do not count (GraphiQL's schema query nests deep).
func depth(set ast.SelectionSet) int {
	deepest := 0
	for _, sel := range set {
		d := 0
		switch s := sel.(type) {
		case *ast.Field:
			if s.Name == "__schema" || s.Name == "__type" {
				continue
			}
			d = 1 + depth(s.SelectionSet)
		case *ast.InlineFragment:
			d = depth(s.SelectionSet)
		case *ast.FragmentSpread:
			if s.Definition != nil {
				d = depth(s.Definition.SelectionSet)
			}
		}
		deepest = max(deepest, d)
	}
	return deepest
}

// checkPageSizes refuses any list argument beyond its bounds (first: 0 to
// 100; last: 1 to 1000) before anything runs.
func checkPageSizes(set ast.SelectionSet, vars map[string]any) *gqlerror.Error {
	for _, sel := range set {
		var sub ast.SelectionSet
		switch s := sel.(type) {
		case *ast.Field:
			args := s.ArgumentMap(vars)
			if n, ok := intArg(args["first"]); ok && (n < 0 || n > alliance.MaxPageSize) {
				return badSize(s, "first", fmt.Sprintf("first must be between 0 and %d (got %d); page with after: pageInfo.endCursor", alliance.MaxPageSize, n))
			}
			if n, ok := intArg(args["last"]); ok && (n < 1 || n > alliance.MaxMeasurements) {
				return badSize(s, "last", fmt.Sprintf("last must be between 1 and %d (got %d)", alliance.MaxMeasurements, n))
			}
			sub = s.SelectionSet
		case *ast.InlineFragment:
			sub = s.SelectionSet
		case *ast.FragmentSpread:
			if s.Definition != nil {
				sub = s.Definition.SelectionSet
			}
		}
		if err := checkPageSizes(sub, vars); err != nil {
			return err
		}
	}
	return nil
}

func badSize(f *ast.Field, arg, msg string) *gqlerror.Error {
	e := &gqlerror.Error{Message: msg, Extensions: map[string]any{"code": alliance.EINVALID, "field": arg}}
	if f.Position != nil {
		e.Locations = []gqlerror.Location{{Line: f.Position.Line, Column: f.Position.Column}}
	}
	return e
}

type prepaidKey struct{}

// Prepaid returns a context whose operations the rate limit does not
// charge: the later pages of a report that pages through a whole list, which
// is charged for its first page. Depth and cost limits still apply.
func Prepaid(ctx context.Context) context.Context { return context.WithValue(ctx, prepaidKey{}, true) }
