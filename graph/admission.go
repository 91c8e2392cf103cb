package graph

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"alliance"
)

// Expensive bounds, across every token, the operations whose cost says they
// take long: at most AtOnce of them run at once, so that cheaper operations
// always find a core and a database connection free, however many tokens
// ask for costly ones; the others wait their turn, holding no connection.
// Zero fields take the defaults.
type Expensive struct {
	// Cost is the cost from which an operation is expensive.
	Cost int
	// AtOnce is how many expensive operations may run at once: 0 is half
	// the cores the process may use (at least one), negative no bound.
	AtOnce int
	// Wait is how long an expensive operation waits for its turn before it
	// is refused (429). The later pages of a report (see Paced) wait as
	// long as their request lasts.
	Wait time.Duration
}

// Defaults of Expensive.
const (
	// DefaultExpensiveCost is the cost of one impact: about 50 ms of work
	// at 1,000 clients, where a cheap read takes 1 to 5.
	DefaultExpensiveCost = impactWork
	// DefaultExpensiveWait is how long an expensive operation may wait.
	DefaultExpensiveWait = 10 * time.Second
)

func (e Expensive) withDefaults() Expensive {
	if e.Cost == 0 {
		e.Cost = DefaultExpensiveCost
	}
	if e.AtOnce == 0 {
		e.AtOnce = DefaultExpensiveAtOnce()
	}
	if e.Wait == 0 {
		e.Wait = DefaultExpensiveWait
	}
	return e
}

// DefaultExpensiveAtOnce is how many expensive operations run at once by
// default: half the cores the process may use, at least one, so that the
// other half is left to everything else.
func DefaultExpensiveAtOnce() int { return max(1, runtime.GOMAXPROCS(0)/2) }

// admission lets operations in, after the per-token limits and before the
// operation's read-only transaction begins: it charges a paced operation
// (a report's later page) to its token's rate, waiting for the rate rather
// than refusing, and makes expensive operations take turns.
type admission struct {
	limits *limiter
	cost   int
	wait   time.Duration
	// turns holds a token for each expensive operation running; nil when
	// they are not bounded.
	turns chan struct{}
	// held are the tokens told to wait.
	held holds
}

func newAdmission(limits *limiter, e Expensive) *admission {
	e = e.withDefaults()
	a := &admission{limits: limits, cost: e.Cost, wait: e.Wait}
	if e.AtOnce > 0 {
		a.turns = make(chan struct{}, e.AtOnce)
	}
	return a
}

type pacedKey struct{}

// Paced returns a context whose operations are charged to their token's
// rate when they are admitted, waiting until the rate allows them rather
// than being refused: the later pages of a report that pages through a
// whole list, so that a long export costs what it reads, at the rate its
// token may spend, and is not cut short half way. The first page is charged
// as any operation is (and refused when the rate is spent).
func Paced(ctx context.Context) context.Context {
	return context.WithValue(Prepaid(ctx), pacedKey{}, true)
}

func paced(ctx context.Context) bool {
	p, _ := ctx.Value(pacedKey{}).(bool)
	return p
}

// operations is the operation middleware of admission.
func (a *admission) operations(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	leave, expensive, err := a.enter(ctx)
	if err != nil {
		return graphql.OneShot(&graphql.Response{Errors: gqlerror.List{err}})
	}
	if expensive {
		ctx = context.WithValue(ctx, rootsKey{}, &sync.Mutex{})
	}
	respond := next(ctx)
	return func(ctx context.Context) *graphql.Response {
		defer leave()
		return respond(ctx)
	}
}

type rootsKey struct{}

// oneRootAtATime makes the root fields of an expensive operation (ctx's)
// resolve one after another, each with what it selects, rather than all at
// once: the operation's turn is then about one core's work, not as many
// goroutines as it has aliases, which would crowd the cheap operations out
// of the scheduler. It returns the function that ends the root field's
// turn.
func oneRootAtATime(ctx context.Context) func() {
	mu, ok := ctx.Value(rootsKey{}).(*sync.Mutex)
	if !ok {
		return func() {}
	}
	mu.Lock()
	return mu.Unlock
}

// enter admits the operation of ctx: it returns the function that ends its
// turn and whether it is expensive, or the reason it is refused.
func (a *admission) enter(ctx context.Context) (func(), bool, *gqlerror.Error) {
	isPaced := paced(ctx)
	if a.turns == nil && !isPaced {
		return func() {}, false, nil
	}
	cost := costOf(ctx)
	if isPaced {
		if err := a.pace(ctx, cost); err != nil {
			return nil, false, err
		}
	}
	if a.turns == nil || cost < a.cost {
		return func() {}, false, nil
	}
	select {
	case a.turns <- struct{}{}:
		return a.leave, true, nil
	default:
	}
	var timeout <-chan time.Time
	if !isPaced {
		t := time.NewTimer(a.wait)
		defer t.Stop()
		timeout = t.C
	}
	select {
	case a.turns <- struct{}{}:
		return a.leave, true, nil
	case <-ctx.Done():
		return nil, false, gone(ctx)
	case <-timeout:
		const retry = 2
		alliance.NoteFrom(ctx).Refused("expensive_turns")
		if note, ok := ctx.Value(rateNoteKey{}).(*rateNote); ok {
			note.retryAfter = retry
		}
		return nil, false, &gqlerror.Error{
			Message: fmt.Sprintf("the server is running as many expensive operations as it may (%d at once, each costing %d or more); this one (cost %d) waited %s for its turn: retry in %d s",
				cap(a.turns), a.cost, cost, a.wait, retry),
			Extensions: map[string]any{"code": alliance.ERATELIMITED, "retryAfter": retry},
		}
	}
}

func (a *admission) leave() { <-a.turns }

// pace takes cost from the caller's rate, waiting until the rate allows it.
func (a *admission) pace(ctx context.Context, cost int) *gqlerror.Error {
	if a.limits.limits.CostPerSecond < 0 {
		return nil
	}
	now := time.Now()
	r := a.limits.bucket(who(ctx)).ReserveN(now, min(cost, 2*a.limits.limits.MaxCost))
	wait := r.DelayFrom(now)
	if wait <= 0 {
		return nil
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		r.Cancel()
		return gone(ctx)
	}
}

// maxHold is the longest a request of a token told to wait is held.
const maxHold = time.Second

// holds keeps, for each token answered 429, the time its Retry-After told
// it to wait until.
type holds struct {
	mu    sync.Mutex
	until map[string]time.Time
}

// told records that the caller named name was told to wait until then.
func (h *holds) told(name string, until time.Time) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.until == nil || len(h.until) > 100_000 {
		h.until = map[string]time.Time{}
	}
	if until.After(h.until[name]) {
		h.until[name] = until
	}
}

// wait holds a request of the caller named name until the time it was told
// to wait until, for at most maxHold, and returns how long it would still
// have to wait (0: it may go on). It returns ctx's error if the request
// ends first.
func (h *holds) wait(ctx context.Context, name string) (time.Duration, error) {
	h.mu.Lock()
	until, ok := h.until[name]
	if ok && !time.Now().Before(until) {
		delete(h.until, name)
		ok = false
	}
	h.mu.Unlock()
	if !ok {
		return 0, nil
	}
	t := time.NewTimer(min(time.Until(until), maxHold))
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
		return 0, ctx.Err()
	}
	return max(time.Until(until), 0), nil
}

// gone is the answer to an operation whose request ended while it waited.
func gone(ctx context.Context) *gqlerror.Error {
	return &gqlerror.Error{
		Message:    fmt.Sprintf("the request ended while the operation waited for its turn: %v", context.Cause(ctx)),
		Extensions: map[string]any{"code": alliance.ERATELIMITED},
	}
}
