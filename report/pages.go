package report

import (
	"encoding/json"
	"maps"
	"strconv"
	"strings"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/formatter"

	"alliance"
	"alliance/graph"
)

// costLimited is an Executor that says the most one operation may cost and
// the cost from which one is expensive (*graph.API does).
type costLimited interface {
	MaxCost() int
	ExpensiveCost() int
}

// streamQuery returns the query and variables each page of a report of
// every page runs with: its rows' connection asked for the largest page, up
// to alliance.MaxStreamPageSize, that costs less than an expensive operation
// and at most a quarter of what one operation may. So a page never waits
// for an expensive operation's turn (as a page of 100 rows does not) nor
// takes more than half of its token's burst. The page the report names is a
// page for a reader; a stream reads for itself, and every page it saves is
// an operation, its read transaction and its statements saved. The report
// is run as saved when no larger page fits, or when the rewritten query
// would not be valid.
func streamQuery(exec Executor, rep *alliance.Report, rows *rowSource, vars map[string]any) (string, map[string]any) {
	budget := 0
	if c, ok := exec.(costLimited); ok {
		budget = min(c.MaxCost()/4, c.ExpensiveCost()-1)
	}
	n := alliance.MaxStreamPageSize
	// A page costs about its size times a row: a second try, at the size
	// that fits, is enough.
	for range 2 {
		query, v, saved, ok := withPage(rep.Query, rows, vars, n)
		if !ok || n <= saved {
			break
		}
		if budget <= 0 {
			return query, v
		}
		priced := maps.Clone(v)
		priced["after"] = nil
		cost, err := graph.Cost(query, "", priced)
		if err != nil {
			break
		}
		if cost <= budget {
			return query, v
		}
		n = int(int64(n) * int64(budget) / int64(cost))
	}
	return rep.Query, vars
}

// withPage returns the report's query, and its variables, with the rows'
// connection asking for n items, and the page size the report itself asks
// for (the default when it names none). ok is false when the connection
// cannot be found or the query would no longer be valid.
func withPage(query string, rows *rowSource, vars map[string]any, n int) (_ string, _ map[string]any, saved int, ok bool) {
	doc, errs := gqlparser.LoadQuery(graph.Schema(), query)
	if len(errs) > 0 || len(doc.Operations) != 1 {
		return "", nil, 0, false
	}
	f := findField(doc.Operations[0].SelectionSet, rows.path)
	if f == nil || f.Definition == nil || f.Definition.Arguments.ForName("first") == nil {
		return "", nil, 0, false
	}
	out := maps.Clone(vars)
	saved = alliance.DefaultPageSize
	size := &ast.Value{Kind: ast.IntValue, Raw: strconv.Itoa(n)}
	switch arg := f.Arguments.ForName("first"); {
	case arg == nil:
		f.Arguments = append(f.Arguments, &ast.Argument{Name: "first", Value: size})
	case arg.Value.Kind == ast.Variable:
		if v, isInt := intValue(vars[arg.Value.Raw]); isInt {
			saved = v
		}
		out[arg.Value.Raw] = json.Number(size.Raw)
	default:
		if v, err := strconv.Atoi(arg.Value.Raw); err == nil {
			saved = v
		}
		arg.Value = size
	}
	var b strings.Builder
	formatter.NewFormatter(&b).FormatQueryDocument(doc)
	if _, errs := gqlparser.LoadQuery(graph.Schema(), b.String()); len(errs) > 0 {
		return "", nil, 0, false
	}
	return b.String(), out, saved, true
}

// findField finds the field at path (response keys from the operation
// down), fragments looked into.
func findField(sel ast.SelectionSet, path []string) *ast.Field {
	if len(path) == 0 {
		return nil
	}
	for _, s := range sel {
		switch s := s.(type) {
		case *ast.Field:
			if s.Alias != path[0] {
				continue
			}
			if len(path) == 1 {
				return s
			}
			if f := findField(s.SelectionSet, path[1:]); f != nil {
				return f
			}
		case *ast.InlineFragment:
			if f := findField(s.SelectionSet, path); f != nil {
				return f
			}
		case *ast.FragmentSpread:
			if s.Definition != nil {
				if f := findField(s.Definition.SelectionSet, path); f != nil {
					return f
				}
			}
		}
	}
	return nil
}

func intValue(v any) (int, bool) {
	switch v := v.(type) {
	case json.Number:
		n, err := strconv.Atoi(v.String())
		return n, err == nil
	case int:
		return v, true
	case float64:
		return int(v), v == float64(int(v))
	}
	return 0, false
}
