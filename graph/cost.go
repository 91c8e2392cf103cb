package graph

import (
	"context"
	"sync"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2"
)

// costSchema is an executable schema with the costs the limiter charges, for
// pricing documents outside a request.
var costSchema = sync.OnceValue(func() graphql.ExecutableSchema {
	cfg := Config{Resolvers: &Resolver{}}
	setComplexity(&cfg.Complexity)
	return costed{NewExecutableSchema(cfg)}
})

// Cost returns what the limits charge for an operation of the document (the
// named one, or the only one), with these variables: the complexity the
// limiter computes before it runs the operation.
func Cost(document, operation string, variables map[string]any) (int, error) {
	schema := costSchema()
	doc, err := gqlparser.LoadQuery(schema.Schema(), document)
	if err != nil {
		return 0, err
	}
	op := doc.Operations.ForName(operation)
	if op == nil {
		return 0, errNoOperation(operation)
	}
	m := &measure{vars: variables, maxFields: 1 << 40, fragments: map[string]*shape{}}
	return price(context.Background(), schema, op, variables, m.set(op.SelectionSet)), nil
}

type errNoOperation string

func (e errNoOperation) Error() string { return "no operation " + string(e) }
