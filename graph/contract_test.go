package graph_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

// The contract is the minimum public schema. A copy lives in testdata so the
// test runs anywhere; where the design folder is at hand, the copy must be
// the same file.
const (
	contractCopy   = "testdata/contract.graphql"
	contractDesign = "../../shared/design/contract.graphql"
)

func loadSchema(t *testing.T, files ...string) *ast.Schema {
	t.Helper()
	var sources []*ast.Source
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sources = append(sources, &ast.Source{Name: f, Input: string(b)})
	}
	s, err := gqlparser.LoadSchema(sources...)
	if err != nil {
		t.Fatalf("parse %v: %v", files, err)
	}
	return s
}

func TestSchemaHoldsTheContract(t *testing.T) {
	if design, err := os.ReadFile(contractDesign); err == nil {
		copied, _ := os.ReadFile(contractCopy)
		if !bytes.Equal(design, copied) {
			t.Fatalf("%s differs from %s: copy the design's contract over it", contractCopy, contractDesign)
		}
	}
	files, _ := filepath.Glob("schema/*.graphqls")
	ours := loadSchema(t, files...)
	contract := loadSchema(t, contractCopy)

	for _, problem := range contractProblems(contract, ours) {
		t.Error(problem)
	}
}

// contractProblems lists every way ours falls short of the contract.
func contractProblems(contract, ours *ast.Schema) []string {
	var problems []string
	errorf := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	var names []string
	for name, def := range contract.Types {
		if !def.BuiltIn {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	for _, name := range names {
		want := contract.Types[name]
		got := ours.Types[name]
		if got == nil {
			errorf("type %s is missing", name)
			continue
		}
		if got.Kind != want.Kind {
			errorf("type %s is %s, the contract says %s", name, got.Kind, want.Kind)
			continue
		}
		for _, v := range want.EnumValues {
			if got.EnumValues.ForName(v.Name) == nil {
				errorf("enum %s lacks %s", name, v.Name)
			}
		}
		for _, wf := range want.Fields {
			gf := got.Fields.ForName(wf.Name)
			if gf == nil {
				errorf("%s.%s is missing", name, wf.Name)
				continue
			}
			if gf.Type.String() != wf.Type.String() {
				errorf("%s.%s is %s, the contract says %s", name, wf.Name, gf.Type, wf.Type)
			}
			for _, wa := range wf.Arguments {
				ga := gf.Arguments.ForName(wa.Name)
				if ga == nil {
					errorf("%s.%s lacks argument %s", name, wf.Name, wa.Name)
				} else if ga.Type.String() != wa.Type.String() {
					errorf("%s.%s(%s:) is %s, the contract says %s", name, wf.Name, wa.Name, ga.Type, wa.Type)
				}
			}
			// Arguments we add must not break a client of the contract.
			for _, ga := range gf.Arguments {
				if wf.Arguments.ForName(ga.Name) == nil && ga.Type.NonNull && ga.DefaultValue == nil {
					errorf("%s.%s has a required argument %s the contract lacks", name, wf.Name, ga.Name)
				}
			}
		}
		// Input fields we add must not be required either.
		if want.Kind == ast.InputObject {
			for _, gf := range got.Fields {
				if want.Fields.ForName(gf.Name) == nil && gf.Type.NonNull && gf.DefaultValue == nil {
					errorf("input %s has a required field %s the contract lacks", name, gf.Name)
				}
			}
		}
	}
	return problems
}

// The check itself must catch a difference.
func TestContractCheckCatchesDifferences(t *testing.T) {
	b, err := os.ReadFile(contractCopy)
	if err != nil {
		t.Fatal(err)
	}
	contract := loadSchema(t, contractCopy)
	for _, tc := range []struct{ old, new, problem string }{
		{"  monthlyMargin: Money!\n", "", "Client.monthlyMargin is missing"},
		{"type Objective {\n  id: ID!", "type Objective {\n  id: String!", "Objective.id is String!, the contract says ID!"},
		{"enum GapKind { GAP PLANNED_ONLY", "enum GapKind { GAP", "enum GapKind lacks PLANNED_ONLY"},
		{"impact(serviceId: ID!): Impact", "impact(serviceId: ID!, asOf: Time!): Impact", "Query.impact has a required argument asOf"},
		{"input GapFilter { kinds: [GapKind!] clientId: ID }", "input GapFilter { kinds: [GapKind!] clientId: ID! }", "GapFilter.clientId is ID!, the contract says ID"},
	} {
		mutated := strings.Replace(string(b), tc.old, tc.new, 1)
		if mutated == string(b) {
			t.Fatalf("the mutation %q did not apply", tc.old)
		}
		ours, gerr := gqlparser.LoadSchema(&ast.Source{Name: "mutated", Input: mutated})
		if gerr != nil {
			t.Fatal(gerr)
		}
		problems := contractProblems(contract, ours)
		if !slices.ContainsFunc(problems, func(p string) bool { return strings.Contains(p, tc.problem) }) {
			t.Errorf("a schema with %q in place of %q passed the check: %v", tc.new, tc.old, problems)
		}
	}
}
