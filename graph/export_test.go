package graph

import (
	"alliance"
	"context"

	"github.com/vektah/gqlparser/v2"
)

// Fields returns how many fields an operation of document expands to, as the
// limits count them.
func Fields(document, operation string) (int, error) {
	doc, err := gqlparser.LoadQuery(NewExecutableSchema(Config{Resolvers: &Resolver{}}).Schema(), document)
	if err != nil {
		return 0, err
	}
	op := doc.Operations.ForName(operation)
	if op == nil {
		return 0, errNoOperation(operation)
	}
	m := &measure{maxFields: 1 << 30, fragments: map[string]*shape{}}
	return m.set(op.SelectionSet).fields, nil
}

// Enter returns what the handler does to count an operation of a principal
// as running under a limit of n at once: the function that ends it, or the
// refusal. Every function it returns shares one limiter.
func Enter(n int) func(context.Context, *alliance.Principal) (func(), error) {
	l := &limiter{limits: Limits{MaxConcurrent: n}.withDefaults()}
	return func(ctx context.Context, p *alliance.Principal) (func(), error) {
		leave, err := l.enter(alliance.WithPrincipal(ctx, p))
		if err != nil {
			return nil, err
		}
		return leave, nil
	}
}
