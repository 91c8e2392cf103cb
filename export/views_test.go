package export

import (
	"testing"

	"github.com/vektah/gqlparser/v2"

	"alliance/graph"
)

func TestEveryViewFitsTheSchema(t *testing.T) {
	for what, v := range Views {
		t.Run(what, func(t *testing.T) {
			doc, errs := gqlparser.LoadQuery(graph.Schema(), v.Query)
			if len(errs) > 0 {
				t.Fatalf("%s: %v", what, errs)
			}
			op := doc.Operations[0]
			for _, p := range append(v.Params, v.Required...) {
				if op.VariableDefinitions.ForName(p) == nil {
					t.Errorf("parameter %s is no variable of the query", p)
				}
			}
			if v.Paged && op.VariableDefinitions.ForName("after") == nil {
				t.Errorf("a paged view without $after")
			}
			if v.What != what {
				t.Errorf("What %q under %q", v.What, what)
			}
		})
	}
}
