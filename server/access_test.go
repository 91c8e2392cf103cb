package main

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"

	"alliance"
	"alliance/db/dbtest"
	"alliance/graph"
)

// accessPolicy is who may run each root field: the intent, written apart
// from the schema's directives, which the matrix checks against it. A new
// field must be added here, or the matrix fails.
var accessPolicy = map[string]alliance.Role{}

func init() {
	for _, f := range strings.Fields(`clients client objective requirement services service commitment metrics metric
		auditLog requirements gaps portfolio impact serviceMatches me reports report`) {
		accessPolicy["Query."+f] = alliance.Viewer
	}
	for _, f := range strings.Fields(`tokens shareLinks`) {
		accessPolicy["Query."+f] = alliance.Admin
	}
	for _, f := range strings.Fields(`createClient updateClient deleteClient createObjective updateObjective deleteObjective
		createRequirement updateRequirement deleteRequirement createService updateService deleteService createCommitment
		updateCommitment deleteCommitment recordMeasurement deleteMeasurement createMetric updateMetric deleteMetric`) {
		accessPolicy["Mutation."+f] = alliance.Editor
	}
	for _, f := range strings.Fields(`createToken revokeToken saveReport deleteReport createShareLink revokeShareLink`) {
		accessPolicy["Mutation."+f] = alliance.Admin
	}
}

// sample writes a value of a GraphQL type for a call: what matters is that
// it passes validation, not that it names anything.
func sample(s *ast.Schema, t *ast.Type) string {
	if t.Elem != nil {
		return "[" + sample(s, t.Elem) + "]"
	}
	switch t.NamedType {
	case "ID":
		return `"999999"` // names nothing: the calls change nothing
	case "String":
		return `"x"`
	case "Int":
		return "1"
	case "Float":
		return "1.5"
	case "Boolean":
		return "true"
	case "Time":
		return `"2026-01-01T00:00:00Z"`
	case "Money":
		return `"1.00"`
	case "JSON":
		return "{}"
	}
	def := s.Types[t.NamedType]
	switch def.Kind {
	case ast.Enum:
		return def.EnumValues[0].Name
	case ast.InputObject:
		var parts []string
		for _, f := range def.Fields {
			if f.Type.NonNull {
				parts = append(parts, f.Name+": "+sample(s, f.Type))
			}
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return `"x"`
}

// call writes a document that runs one root field.
func call(s *ast.Schema, op string, f *ast.FieldDefinition) string {
	var args []string
	for _, a := range f.Arguments {
		if a.Type.NonNull {
			args = append(args, a.Name+": "+sample(s, a.Type))
		}
	}
	c := f.Name
	if len(args) > 0 {
		c += "(" + strings.Join(args, ", ") + ")"
	}
	named := f.Type
	for named.Elem != nil {
		named = named.Elem
	}
	if k := s.Types[named.NamedType].Kind; k == ast.Object {
		c += " { __typename }"
	}
	return op + " { " + c + " }"
}

type caller struct {
	name   string
	header map[string]string
	role   alliance.Role // "" for nobody
}

// outcome of one call: "unauthenticated", "forbidden" or "reached".
func outcome(t *testing.T, url string, header map[string]string, doc string) string {
	t.Helper()
	b, _ := json.Marshal(map[string]any{"query": doc})
	res := request(t, "POST", url+"/graphql", "application/json", string(b), header)
	if res.status == 401 {
		return "unauthenticated"
	}
	r := decode(t, res.body)
	for _, e := range r.Errors {
		switch e.Extensions["code"] {
		case "FORBIDDEN":
			return "forbidden"
		case "UNAUTHENTICATED":
			return "unauthenticated"
		case "GRAPHQL_VALIDATION_FAILED", "GRAPHQL_PARSE_FAILED":
			t.Fatalf("the matrix wrote an invalid call %q: %s", doc, e.Message)
		}
	}
	return "reached"
}

// makeToken creates a token as admin and returns its bearer header.
func makeToken(t *testing.T, url, name, role string, client string) map[string]string {
	t.Helper()
	in := fmt.Sprintf(`name: %q, role: %s`, name, role)
	if client != "" {
		in += fmt.Sprintf(`, clientId: %q`, client)
	}
	r := postQuery(t, url, `mutation { createToken(input: {`+in+`}) { secret } }`, nil)
	if len(r.Errors) > 0 {
		t.Fatalf("createToken %s: %+v", name, r.Errors)
	}
	var out struct{ Secret string }
	json.Unmarshal(r.Data["createToken"], &out)
	return map[string]string{"Authorization": "Bearer " + out.Secret}
}

func TestAuthorizationMatrix(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			s := start(t, []string{"--db", dbtest.URL(t, dialect), "--demo"}, nil)
			callers := []caller{
				{"anonymous", nil, ""},
				{"viewer", makeToken(t, s.url, "matrix viewer", "VIEWER", ""), alliance.Viewer},
				{"editor", makeToken(t, s.url, "matrix editor", "EDITOR", ""), alliance.Editor},
				{"admin", admin, alliance.Admin},
				{"scoped viewer", makeToken(t, s.url, "matrix scoped viewer", "VIEWER", "2"), alliance.Viewer},
			}
			schema := graph.Schema()
			var fields []string
			seen := map[string]bool{}
			for _, op := range []struct{ typ, keyword string }{{"Query", "query"}, {"Mutation", "mutation"}} {
				for _, f := range schema.Types[op.typ].Fields {
					if strings.HasPrefix(f.Name, "__") {
						continue
					}
					name := op.typ + "." + f.Name
					seen[name] = true
					need, ok := accessPolicy[name]
					if !ok {
						t.Errorf("%s is not in the access policy: say who may run it", name)
						continue
					}
					fields = append(fields, name)
					doc := call(schema, op.keyword, f)
					for _, c := range callers {
						got := outcome(t, s.url, c.header, doc)
						want := "reached"
						switch {
						case c.role == "":
							want = "unauthenticated"
						case !c.role.Allows(need):
							want = "forbidden"
						}
						if got != want {
							t.Errorf("%s as %s: %s, want %s (%s)", name, c.name, got, want, doc)
						}
					}
				}
			}
			for name := range accessPolicy {
				if !seen[name] {
					t.Errorf("the access policy names %s, which the schema lacks", name)
				}
			}
			sort.Strings(fields)
			t.Logf("%d root fields × %d callers", len(fields), len(callers))
		})
	}
}
