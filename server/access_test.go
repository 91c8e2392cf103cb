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
		auditLog requirements gaps portfolio impact serviceMatches me reports report mySessions commitmentsToReview
		commitmentsWithStaleEvidence`) {
		accessPolicy["Query."+f] = alliance.Viewer
	}
	for _, f := range strings.Fields(`measurementSources measurementSource`) {
		accessPolicy["Query."+f] = alliance.Editor
	}
	for _, f := range strings.Fields(`tokens shareLinks users`) {
		accessPolicy["Query."+f] = alliance.Admin
	}
	for _, f := range strings.Fields(`createClient updateClient deleteClient createObjective updateObjective deleteObjective
		createRequirement updateRequirement deleteRequirement createService updateService deleteService createCommitment
		updateCommitment deleteCommitment deleteMeasurement createMetric updateMetric deleteMetric
		confirmCommitment createMeasurementSource updateMeasurementSource deleteMeasurementSource testMeasurementSource
		pullMeasurementSource`) {
		accessPolicy["Mutation."+f] = alliance.Editor
	}
	// INGEST tokens, editors and admins record measurements; INGEST does
	// nothing else.
	for _, f := range strings.Fields(`recordMeasurement recordMeasurements`) {
		accessPolicy["Mutation."+f] = alliance.Ingest
	}
	accessPolicy["Mutation.endSession"] = alliance.Viewer
	for _, f := range strings.Fields(`changePassword createMyToken revokeMyToken`) {
		accessPolicy["Mutation."+f] = alliance.Viewer
		usersOnly["Mutation."+f] = true
	}
	accessPolicy["Query.myTokens"] = alliance.Viewer
	for _, f := range strings.Fields(`createToken revokeToken saveReport deleteReport createShareLink revokeShareLink
		inviteUser updateUser disableUser enableUser resetPassword`) {
		accessPolicy["Mutation."+f] = alliance.Admin
	}
}

// fieldPolicy is the role a field below the root needs, where it is more
// than the root's (its resolver refuses the others).
var fieldPolicy = map[string]alliance.Role{"Service.measurementSources": alliance.Editor}

// usersOnly are the root fields about the signed-in user's own account (a
// password, personal tokens): a token, which has no account, is refused them.
var usersOnly = map[string]bool{}

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
	return op + " { " + selection(s, f) + " }"
}

// selection writes a selection of field f, with its required arguments and,
// for an object, its __typename.
func selection(s *ast.Schema, f *ast.FieldDefinition) string {
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
	return c
}

// internalPolicy is what a token limited to one client may not read or
// run: the provider's economics and the operations on what every client
// shares. Written apart from the schema's @internal directives, which the
// matrix checks against it.
var internalPolicy = map[string]bool{}

func init() {
	for _, f := range strings.Fields(`Client.monthlyCostToServe Client.monthlyMargin
		Service.monthlyCost Service.capacity Service.committedUnits Service.oversubscribed Service.orphan
		Commitment.capacityUnits Portfolio.monthlyServiceCost Portfolio.orphanMonthlyCost
		ServiceMatch.spareCapacity Impact.revenueAtRisk Query.impact Query.tokens Query.shareLinks
		Mutation.createClient Mutation.deleteClient Mutation.createService Mutation.updateService
		Mutation.deleteService Mutation.recordMeasurement Mutation.recordMeasurements Mutation.deleteMeasurement Mutation.createMetric
		Mutation.updateMetric Mutation.deleteMetric Mutation.createToken Mutation.revokeToken
		Mutation.saveReport Mutation.deleteReport Mutation.createShareLink Mutation.revokeShareLink
		Query.measurementSources Query.measurementSource Service.measurementSources Mutation.createMeasurementSource
		Mutation.updateMeasurementSource Mutation.deleteMeasurementSource Mutation.testMeasurementSource
		Mutation.pullMeasurementSource
		Query.users Mutation.inviteUser Mutation.updateUser Mutation.disableUser Mutation.enableUser Mutation.resetPassword`) {
		internalPolicy[f] = true
	}
}

type caller struct {
	name   string
	header map[string]string
	role   alliance.Role // "" for nobody
	scoped bool
}

// step is one field on the way from Query to a type: how to call it, who
// may run it (root fields only) and whether it is internal.
type step struct {
	call     string
	need     alliance.Role
	internal bool
}

// routes finds, for every object type reachable from Query, the shortest
// way to select it, preferring fields a client-limited token may read.
func routes(s *ast.Schema) map[string][]step {
	out := map[string][]step{"Query": nil}
	queue := []string{"Query"}
	var later []string
	visit := func(typ string, internalOK bool) {
		for _, f := range s.Types[typ].Fields {
			if strings.HasPrefix(f.Name, "__") {
				continue
			}
			named := f.Type
			for named.Elem != nil {
				named = named.Elem
			}
			def := s.Types[named.NamedType]
			if def.Kind != ast.Object {
				continue
			}
			internal := internalPolicy[typ+"."+f.Name]
			if _, ok := out[def.Name]; ok || internal && !internalOK {
				continue
			}
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
			st := step{call: c, internal: internal, need: fieldPolicy[typ+"."+f.Name]}
			if typ == "Query" {
				st.need = accessPolicy["Query."+f.Name]
			}
			out[def.Name] = append(append([]step{}, out[typ]...), st)
			later = append(later, def.Name)
		}
	}
	for _, internalOK := range []bool{false, true} {
		for len(queue) > 0 {
			typ := queue[0]
			queue = queue[1:]
			visit(typ, internalOK)
			queue, later = append(queue, later...), nil
		}
		queue = make([]string, 0, len(out))
		for typ := range out {
			queue = append(queue, typ)
		}
		sort.Strings(queue)
	}
	return out
}

// expect is what a caller should get from a document selecting path.
func (c caller) expect(path []step) string {
	if c.role == "" {
		return "unauthenticated"
	}
	for _, st := range path {
		if st.need != "" && !c.role.Allows(st.need) || c.scoped && st.internal {
			return "forbidden"
		}
	}
	return "reached"
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
				{"anonymous", nil, "", false},
				{"viewer", makeToken(t, s.url, "matrix viewer", "VIEWER", ""), alliance.Viewer, false},
				{"editor", makeToken(t, s.url, "matrix editor", "EDITOR", ""), alliance.Editor, false},
				{"admin", admin, alliance.Admin, false},
				{"scoped viewer", makeToken(t, s.url, "matrix scoped viewer", "VIEWER", "2"), alliance.Viewer, true},
				{"scoped editor", makeToken(t, s.url, "matrix scoped editor", "EDITOR", "2"), alliance.Editor, true},
				{"ingest", makeToken(t, s.url, "matrix ingest", "INGEST", ""), alliance.Ingest, false},
				// Users signed in by a session cookie are authorized as
				// tokens are: a client-limited one is a portal.
				{"signed-in editor", join(t, s.url, "editor@example.com", "Editor", "EDITOR", "", adaPassword).header(true), alliance.Editor, false},
				{"signed-in scoped viewer", join(t, s.url, "viewer@kestrel.example", "Viewer", "VIEWER", "2", adaPassword).header(true), alliance.Viewer, true},
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
					path := []step{{need: need, internal: internalPolicy[name]}}
					for _, c := range callers {
						want := c.expect(path)
						if usersOnly[name] && want == "reached" && !strings.HasPrefix(c.name, "signed-in ") {
							want = "forbidden"
						}
						if got := outcome(t, s.url, c.header, doc); got != want {
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

			// Every field of every type, reached from Query: a client-limited
			// token is refused exactly the internal ones.
			internal := 0
			for _, def := range schema.Types {
				for _, f := range def.Fields {
					name := def.Name + "." + f.Name
					marked := f.Directives.ForName("internal") != nil
					if marked != internalPolicy[name] {
						t.Errorf("%s: @internal in the schema is %v, in the policy %v", name, marked, internalPolicy[name])
					}
					if marked {
						internal++
					}
				}
			}
			reached := 0
			for typ, path := range routes(schema) {
				for _, f := range schema.Types[typ].Fields {
					name := typ + "." + f.Name
					if typ == "Query" || strings.HasPrefix(f.Name, "__") {
						continue
					}
					reached++
					doc := "query { "
					for _, st := range path {
						doc += st.call + " { "
					}
					doc += selection(schema, f) + strings.Repeat(" }", len(path)+1)
					full := append(append([]step{}, path...), step{internal: internalPolicy[name], need: fieldPolicy[name]})
					for _, c := range callers[1:] {
						if got, want := outcome(t, s.url, c.header, doc), c.expect(full); got != want {
							t.Errorf("%s as %s: %s, want %s (%s)", name, c.name, got, want, doc)
						}
					}
				}
			}
			for name := range internalPolicy {
				typ, field, _ := strings.Cut(name, ".")
				if schema.Types[typ] == nil || schema.Types[typ].Fields.ForName(field) == nil {
					t.Errorf("the internal policy names %s, which the schema lacks", name)
				}
			}
			if internal != len(internalPolicy) {
				t.Errorf("%d fields are marked @internal, the policy names %d", internal, len(internalPolicy))
			}
			sort.Strings(fields)
			t.Logf("%d root fields and %d fields below them (%d internal) × %d callers", len(fields), reached, internal, len(callers))
		})
	}
}
