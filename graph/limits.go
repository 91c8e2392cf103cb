package graph

import (
	"cmp"
	"context"
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

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
	// MaxFields is the most fields one operation may expand to, each
	// fragment counted as often as it is spread: checked first, so that
	// no other work grows with a document that expands without bound.
	MaxFields int
	// MaxCost is the largest cost of one operation: a field costs 1, a list
	// costs its page size (first, or an estimate for lists without one)
	// times what each element costs.
	MaxCost int
	// MaxConcurrent is how many operations one token may have running at
	// once; more are refused (429) until one ends.
	MaxConcurrent int
	// CostPerSecond is how much cost each token may spend per second,
	// with bursts up to twice MaxCost. Negative: no rate limit.
	CostPerSecond float64
}

// Default limits.
const (
	DefaultMaxDepth      = 12
	DefaultMaxFields     = 5_000
	DefaultMaxConcurrent = 8
	DefaultMaxCost       = 200_000
	DefaultCostPerSecond = 50_000
)

func (l Limits) withDefaults() Limits {
	if l.MaxDepth == 0 {
		l.MaxDepth = DefaultMaxDepth
	}
	if l.MaxConcurrent == 0 {
		l.MaxConcurrent = DefaultMaxConcurrent
	}
	if l.MaxFields == 0 {
		l.MaxFields = DefaultMaxFields
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
	limits   Limits
	schema   graphql.ExecutableSchema
	mu       sync.Mutex
	buckets  map[string]*rate.Limiter
	inflight map[string]int
}

// enter counts an operation of ctx's caller as running, and returns the
// function that ends it; past MaxConcurrent it refuses instead.
func (l *limiter) enter(ctx context.Context) (func(), *gqlerror.Error) {
	if l.limits.MaxConcurrent < 0 {
		return func() {}, nil
	}
	name := who(ctx)
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.inflight == nil {
		l.inflight = map[string]int{}
	}
	if l.inflight[name] >= l.limits.MaxConcurrent {
		alliance.NoteFrom(ctx).Refused("concurrent_operations")
		if note, ok := ctx.Value(rateNoteKey{}).(*rateNote); ok {
			note.retryAfter = 1
		}
		return nil, &gqlerror.Error{
			Message:    fmt.Sprintf("this token has %d operations running, as many as it may: wait for one to end", l.limits.MaxConcurrent),
			Extensions: map[string]any{"code": alliance.ERATELIMITED, "retryAfter": 1},
		}
	}
	l.inflight[name]++
	var once sync.Once
	return func() {
		once.Do(func() {
			l.mu.Lock()
			defer l.mu.Unlock()
			if l.inflight[name]--; l.inflight[name] <= 0 {
				delete(l.inflight, name)
			}
		})
	}, nil
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
	m := &measure{vars: opCtx.Variables, maxFields: l.limits.MaxFields, fragments: map[string]*shape{}, portal: portal(ctx), ingest: ingestOnly(ctx), maxPage: pageMax(ctx),
		caller: alliance.PrincipalFrom(ctx)}
	sh := m.set(op.SelectionSet)
	if sh.fields > l.limits.MaxFields {
		return tooComplex("the query expands to more than %d fields (fragments count as often as they are spread); at most %d are allowed", l.limits.MaxFields, l.limits.MaxFields)
	}
	if sh.err != nil {
		return sh.err
	}
	if sh.depth > l.limits.MaxDepth {
		return tooComplex("the query nests %d fields deep; at most %d are allowed", sh.depth, l.limits.MaxDepth)
	}
	cost := price(ctx, l.schema, op, opCtx.Variables, sh)
	opCtx.Stats.SetExtension(costExtension, cost)
	if cost > l.limits.MaxCost {
		return tooComplex("the query costs %d; at most %d is allowed (a list costs its page size times each element: ask for smaller pages or fewer fields)", cost, l.limits.MaxCost)
	}
	if l.free(ctx) {
		return nil
	}
	now := time.Now()
	r := l.bucket(who(ctx)).ReserveN(now, cost)
	if wait := r.DelayFrom(now); wait > 0 {
		r.CancelAt(now)
		return l.limited(ctx, wait)
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
//
// overloaded says the refusal is the server's, not the caller's: the
// answer is then 503 and the token is not held to its Retry-After.
type rateNote struct {
	retryAfter int
	overloaded bool
}

type rateNoteKey struct{}

// shape is what a walk over a document finds: how many fields it expands
// to (fragments spread as often as they are), how deep they nest
// (introspection aside), and the first page size out of bounds.
type shape struct {
	fields, depth int
	// counts is the work of the lists' counts (totalCount) selected.
	counts int
	err    *gqlerror.Error
}

const costExtension = "allianceCost"

// price is what the limits charge for op, whose shape is sh: its fields'
// complexity, and the work of every count it selects.
func price(ctx context.Context, schema graphql.ExecutableSchema, op *ast.OperationDefinition, vars map[string]any, sh shape) int {
	return saturatingAdd(complexity.Calculate(ctx, schema, op, vars), sh.counts)
}

// costOf returns the cost the limits charged for the operation of ctx.
func costOf(ctx context.Context) int {
	cost, _ := graphql.GetOperationContext(ctx).Stats.GetExtension(costExtension).(int)
	return cost
}

// measure walks an operation's selections once, each fragment once however
// often it is spread (its shape is kept), so that the walk is linear in the
// document's size even where the fragments expand exponentially. Field
// counts stop growing at maxFields+1: enough to refuse.
type measure struct {
	vars      map[string]any
	maxFields int
	fragments map[string]*shape
	// portal: the caller is limited to one client, so the document may
	// select no @internal field.
	portal bool
	// ingest: the caller has the INGEST role, so the document may select
	// only what recording measurements answers (see ingestFields).
	ingest bool
	// maxPage is the largest first of a list: 0 for alliance.MaxPageSize.
	maxPage int
	// caller, when known, is refused the fields below the root whose
	// @requires names a role it lacks (authorize checks the root's).
	caller *alliance.Principal
}

func (m *measure) set(set ast.SelectionSet) shape {
	var out shape
	for _, sel := range set {
		var sub shape
		if !m.selected(sel) {
			continue
		}
		switch s := sel.(type) {
		case *ast.Field:
			if m.portal && isInternal(s.Definition) {
				out.err = cmp.Or(out.err, internalField(s))
			}
			if m.caller != nil {
				out.err = cmp.Or(out.err, roleField(m.caller, s))
			}
			if m.ingest && !ingestMay(s) {
				out.err = cmp.Or(out.err, ingestField(s))
			}
			if s.Name == "__schema" || s.Name == "__type" {
				sub = m.set(s.SelectionSet)
				sub.depth = 0
				out.fields = m.add(out.fields, sub.fields+1)
				out.err = cmp.Or(out.err, sub.err)
				continue
			}
			sub = m.set(s.SelectionSet)
			sub.fields = m.add(sub.fields, 1)
			sub.depth++
			if s.Name == "totalCount" && s.ObjectDefinition != nil {
				sub.counts = countWork[s.ObjectDefinition.Name]
			}
			sub.err = cmp.Or(pageSize(s, m.vars, m.maxPage), sub.err)
		case *ast.InlineFragment:
			sub = m.set(s.SelectionSet)
		case *ast.FragmentSpread:
			if s.Definition != nil {
				sub = m.fragment(s.Definition)
			}
		}
		out.fields = m.add(out.fields, sub.fields)
		out.counts = saturatingAdd(out.counts, sub.counts)
		out.depth = max(out.depth, sub.depth)
		out.err = cmp.Or(out.err, sub.err)
	}
	return out
}

func (m *measure) fragment(def *ast.FragmentDefinition) shape {
	if sh, ok := m.fragments[def.Name]; ok {
		if sh == nil { // a cycle: validation refuses it before this runs
			return shape{}
		}
		return *sh
	}
	m.fragments[def.Name] = nil
	sh := m.set(def.SelectionSet)
	m.fragments[def.Name] = &sh
	return sh
}

func (m *measure) add(a, b int) int { return min(a+b, m.maxFields+1) }

// selected reports whether sel runs: @skip(if: true) and @include(if: false)
// leave it out.
func (m *measure) selected(sel ast.Selection) bool {
	var ds ast.DirectiveList
	switch s := sel.(type) {
	case *ast.Field:
		ds = s.Directives
	case *ast.InlineFragment:
		ds = s.Directives
	case *ast.FragmentSpread:
		ds = s.Directives
	}
	cond := func(name string) (bool, bool) {
		d := ds.ForName(name)
		if d == nil {
			return false, false
		}
		v, ok := d.ArgumentMap(m.vars)["if"].(bool)
		return v, ok
	}
	if skip, ok := cond("skip"); ok && skip {
		return false
	}
	if include, ok := cond("include"); ok && !include {
		return false
	}
	return true
}

// portal reports whether ctx's caller is limited to one client and so sees
// none of the provider's internal fields. A share link is not: it serves
// the one document an admin saved, with the rows of its client.
func portal(ctx context.Context) bool {
	p := alliance.PrincipalFrom(ctx)
	return p.Scoped() && p.Share == nil
}

// ingestOnly reports whether ctx's caller has the INGEST role.
func ingestOnly(ctx context.Context) bool {
	p := alliance.PrincipalFrom(ctx)
	return p != nil && p.Role == alliance.Ingest
}

// ingestFields are the fields an INGEST caller may select: the two
// mutations that record measurements and what they answer, the
// measurements' own values, and of their service and metric only what the
// caller sent (the id, the key). Nothing else of the portfolio is read.
var ingestFields = map[string]bool{
	"Mutation.recordMeasurement": true, "Mutation.recordMeasurements": true,
	"RecordMeasurementsResult.results": true, "RecordMeasurementsResult.created": true, "RecordMeasurementsResult.updated": true,
	"RecordMeasurementsResult.unchanged": true, "RecordMeasurementsResult.refused": true,
	"MeasurementResult.index": true, "MeasurementResult.outcome": true, "MeasurementResult.measurement": true,
	"MeasurementResult.field": true, "MeasurementResult.message": true,
	"Measurement.id": true, "Measurement.service": true, "Measurement.metric": true, "Measurement.value": true,
	"Measurement.periodStart": true, "Measurement.periodEnd": true, "Measurement.source": true, "Measurement.recordedAt": true,
	"Service.id": true, "Metric.key": true,
}

// ingestMay reports whether an INGEST caller may select f.
func ingestMay(f *ast.Field) bool {
	if f.Name == "__typename" {
		return true
	}
	return f.ObjectDefinition != nil && ingestFields[f.ObjectDefinition.Name+"."+f.Name]
}

// ingestField refuses a field to an INGEST caller.
func ingestField(f *ast.Field) *gqlerror.Error {
	what := f.Name
	if f.ObjectDefinition != nil {
		what = f.ObjectDefinition.Name + "." + f.Name
	}
	e := &gqlerror.Error{
		Message: fmt.Sprintf("an INGEST token may only record measurements (recordMeasurement, recordMeasurements) and read what they answer, not %s "+
			"(of a measurement's service and metric it may read the id and the key)", what),
		Extensions: map[string]any{"code": alliance.EFORBIDDEN, "field": what},
	}
	if f.Position != nil {
		e.Locations = []gqlerror.Location{{Line: f.Position.Line, Column: f.Position.Column}}
	}
	return e
}

// isInternal reports whether a field is marked @internal in the schema.
func isInternal(def *ast.FieldDefinition) bool {
	return def != nil && def.Directives.ForName("internal") != nil
}

// internalFields are, by type, the names of its fields marked @internal:
// the values a client portal may not read, in answers and in the audit
// log's copies of an entity (whose keys are its fields' names).
var internalFields = sync.OnceValue(func() map[string][]string {
	out := map[string][]string{}
	for name, def := range Schema().Types {
		for _, f := range def.Fields {
			if isInternal(f) {
				out[name] = append(out[name], f.Name)
			}
		}
	}
	return out
})

// internalField refuses an @internal field to a client-limited caller.
func internalField(f *ast.Field) *gqlerror.Error {
	what, verb := f.Name, "read"
	if f.ObjectDefinition != nil {
		what = f.ObjectDefinition.Name + "." + f.Name
		if f.ObjectDefinition.Name == "Mutation" {
			what, verb = f.Name, "run"
		}
	}
	e := &gqlerror.Error{
		Message: fmt.Sprintf("%s is internal to the provider: a token or user limited to one client cannot %s it "+
			"(leave it out, or wrap it in @include(if: $internal) and send internal: false)", what, verb),
		Extensions: map[string]any{"code": alliance.EFORBIDDEN, "field": what},
	}
	if f.Position != nil {
		e.Locations = []gqlerror.Location{{Line: f.Position.Line, Column: f.Position.Column}}
	}
	return e
}

// roleField refuses a field below the root that needs a role the caller
// lacks: the whole operation, before anything runs, so that a parent that
// happens to be null does not let the document pass.
func roleField(p *alliance.Principal, f *ast.Field) *gqlerror.Error {
	if f.ObjectDefinition == nil || f.ObjectDefinition.Name == "Query" || f.ObjectDefinition.Name == "Mutation" ||
		f.Definition == nil || f.Definition.Directives.ForName("requires") == nil {
		return nil
	}
	need, ok := requiredRole(f.ObjectDefinition.Name, f.Definition)
	if !ok || p.Role.Allows(need) {
		return nil
	}
	what := f.ObjectDefinition.Name + "." + f.Name
	e := &gqlerror.Error{
		Message:    fmt.Sprintf("%s needs the %s role; %q is a %s %s", what, need, p.Name, p.Role, p.Kind()),
		Extensions: map[string]any{"code": alliance.EFORBIDDEN, "field": what},
	}
	if f.Position != nil {
		e.Locations = []gqlerror.Location{{Line: f.Position.Line, Column: f.Position.Column}}
	}
	return e
}

// Bounds on argument values, checked before anything runs.
const (
	// MaxListItems is the most entries a list argument may hold.
	MaxListItems = 10_000
	// MaxStringBytes is the longest string argument: a saved report's
	// query is the longest text anything takes.
	MaxStringBytes = alliance.MaxQueryLength
)

// pageSize refuses a list argument beyond its bounds (first: 0 to 100, or
// to maxPage when set; last: 1 to 1000), and argument values larger than
// anything may take.
func pageSize(f *ast.Field, vars map[string]any, maxPage int) *gqlerror.Error {
	args := f.ArgumentMap(vars)
	for name, v := range args {
		if err := argumentSize(f, name, v); err != nil {
			return err
		}
	}
	if maxPage == 0 {
		maxPage = alliance.MaxPageSize
	}
	if n, ok := intArg(args["first"]); ok && (n < 0 || n > maxPage) {
		return badSize(f, "first", fmt.Sprintf("first must be between 0 and %d (got %d); page with after: pageInfo.endCursor", maxPage, n))
	}
	if n, ok := intArg(args["last"]); ok && (n < 1 || n > alliance.MaxMeasurements) {
		return badSize(f, "last", fmt.Sprintf("last must be between 1 and %d (got %d)", alliance.MaxMeasurements, n))
	}
	return nil
}

// argumentSize refuses, inside the value v at path, a list with more than
// MaxListItems entries, a string longer than MaxStringBytes, or a search
// longer than any name.
func argumentSize(f *ast.Field, path string, v any) *gqlerror.Error {
	switch v := v.(type) {
	case string:
		if len(v) > MaxStringBytes {
			return badSize(f, path, fmt.Sprintf("%s is %d bytes long; at most %d are taken", path, len(v), MaxStringBytes))
		}
		if (path == "search" || strings.HasSuffix(path, ".search")) && utf8.RuneCountInString(v) > alliance.MaxNameLength {
			return badSize(f, path, fmt.Sprintf("%s is longer than any name (at most %d characters)", path, alliance.MaxNameLength))
		}
	case []any:
		if len(v) > MaxListItems {
			return badSize(f, path, fmt.Sprintf("%s has %d entries; at most %d are taken", path, len(v), MaxListItems))
		}
		for i, item := range v {
			if err := argumentSize(f, fmt.Sprintf("%s.%d", path, i), item); err != nil {
				return err
			}
		}
	case map[string]any:
		for k, item := range v {
			if err := argumentSize(f, path+"."+k, item); err != nil {
				return err
			}
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

type streamPagesKey struct{}

// StreamPages returns a context whose operations may ask for pages of up to
// alliance.MaxStreamPageSize items: the pages a report of every page reads
// for itself, whatever page size its query names, so that a long export
// runs fewer operations (and statements) than at alliance.MaxPageSize. Their
// cost is priced by their size and limited as any operation's.
func StreamPages(ctx context.Context) context.Context {
	return context.WithValue(ctx, streamPagesKey{}, true)
}

// pageMax is the largest page the operations of ctx may ask for: 0 for
// alliance.MaxPageSize.
func pageMax(ctx context.Context) int {
	if on, _ := ctx.Value(streamPagesKey{}).(bool); on {
		return alliance.MaxStreamPageSize
	}
	return 0
}

type prepaidKey struct{}

// Prepaid returns a context whose operations the rate limit does not
// charge: the later pages of a report that pages through a whole list, which
// is charged for its first page. Depth and cost limits still apply.
func Prepaid(ctx context.Context) context.Context { return context.WithValue(ctx, prepaidKey{}, true) }
