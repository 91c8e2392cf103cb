package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"alliance"
	"alliance/db"
	"alliance/db/dbtest"
	"alliance/graph"
)

// contractQueries are one query per root field of the contract
// (graph/testdata/contract.graphql), each selecting every field the
// contract gives its type, four levels deep, with arguments that name rows
// of the demo portfolio.
func contractQueries(t *testing.T) map[string]string {
	t.Helper()
	raw, err := os.ReadFile("../graph/testdata/contract.graphql")
	if err != nil {
		t.Fatal(err)
	}
	s, gerr := gqlparser.LoadSchema(&ast.Source{Name: "contract.graphql", Input: string(raw)})
	if gerr != nil {
		t.Fatal(gerr)
	}
	args := map[string]string{
		"clients": `(first: 100)`, "requirements": `(first: 100)`, "services": `(first: 100)`, "gaps": `(first: 100)`,
		"client": `(id: "2")`, "objective": `(id: "3")`, "requirement": `(id: "5")`, "service": `(id: "8")`,
		"impact": `(serviceId: "8")`, "serviceMatches": `(targets: [{metric: "availability", value: 99.5}])`,
	}
	out := map[string]string{}
	for _, f := range s.Query.Fields {
		if strings.HasPrefix(f.Name, "__") {
			continue
		}
		sel := selectAll(s, f.Type.Name(), 4)
		if sel != "" {
			sel = " { " + sel + " }"
		}
		out[f.Name] = fmt.Sprintf("{ %s%s%s }", f.Name, args[f.Name], sel)
	}
	return out
}

// selectAll selects every field of a type that needs no argument, objects
// down to depth levels.
func selectAll(s *ast.Schema, typ string, depth int) string {
	def := s.Types[typ]
	if def.Kind == ast.Scalar || def.Kind == ast.Enum {
		return ""
	}
	var parts []string
	for _, f := range def.Fields {
		needs := false
		for _, a := range f.Arguments {
			needs = needs || a.Type.NonNull && a.DefaultValue == nil
		}
		ft := s.Types[f.Type.Name()]
		switch {
		case needs || strings.HasPrefix(f.Name, "__"):
		case ft.Kind == ast.Scalar || ft.Kind == ast.Enum:
			parts = append(parts, f.Name)
		case depth > 1:
			if sub := selectAll(s, ft.Name, depth-1); sub != "" {
				parts = append(parts, f.Name+" { "+sub+" }")
			}
		}
	}
	return strings.Join(parts, " ")
}

// answers runs every contract query on the database at url as an admin.
func answers(t *testing.T, url string, queries map[string]string) map[string]string {
	t.Helper()
	ctx := context.Background()
	d, err := db.Open(ctx, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	api := graph.New(d, graph.Options{Limits: graph.Limits{MaxCost: 1 << 40, MaxDepth: 50, MaxFields: 1 << 20, CostPerSecond: -1}})
	ctx = alliance.WithPrincipal(ctx, &alliance.Principal{Name: "round trip", Role: alliance.Admin})
	out := map[string]string{}
	for name, q := range queries {
		resp := api.Execute(ctx, q, nil)
		if len(resp.Errors) > 0 {
			t.Fatalf("%s: %v\n%s", name, resp.Errors, q)
		}
		out[name] = string(resp.Data)
	}
	return out
}

// validateExport checks a JSON export against docs/export.schema.json.
func validateExport(t *testing.T, body []byte) {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	sch, err := c.Compile("../docs/export.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Fatalf("the export does not fit docs/export.schema.json: %v", err)
	}
}

func TestJSONExportRestoresEveryContractQuery(t *testing.T) {
	queries := contractQueries(t)
	if len(queries) < 12 {
		t.Fatalf("%d contract queries", len(queries))
	}
	for _, from := range dbtest.Dialects {
		for _, to := range dbtest.Dialects {
			t.Run(from+"_to_"+to, func(t *testing.T) {
				src := dbtest.URL(t, from)
				if _, _, err := runCommand(t, []string{"seed", "--demo", "--db", src}, nil); err != nil {
					t.Fatal(err)
				}
				before := answers(t, src, queries)
				file := filepath.Join(t.TempDir(), "export.json")
				if _, _, err := runCommand(t, []string{"export", "--format", "json", "--out", file, "--db", src}, nil); err != nil {
					t.Fatal(err)
				}
				body, _ := os.ReadFile(file)
				validateExport(t, body)

				dst := dbtest.URL(t, to)
				out, _, err := runCommand(t, []string{"restore", file, "--db", dst}, nil)
				if err != nil || !strings.Contains(out, "restored") || !strings.Contains(out, "8 clients") {
					t.Fatalf("restore: %q %v", out, err)
				}
				if out, _, err := runCommand(t, []string{"check", "--db", dst}, nil); err != nil {
					t.Fatalf("check after restore: %v\n%s", err, out)
				}
				after := answers(t, dst, queries)
				for name, want := range before {
					if after[name] != want {
						t.Errorf("%s differs after the round trip:\nbefore %s\nafter  %s", name, clip(want), clip(after[name]))
					}
				}
				// The audit log and every score point came along.
				var x db.Exchange
				if err := json.Unmarshal(body, &x); err != nil || len(x.AuditLog) < 10 || len(x.ScoreHistory) < 8 {
					t.Fatalf("%v: %d audit entries, %d score points", err, len(x.AuditLog), len(x.ScoreHistory))
				}
				again, _ := os.ReadFile(file)
				file2 := filepath.Join(t.TempDir(), "again.json")
				if _, _, err := runCommand(t, []string{"export", "--format", "json", "--out", file2, "--db", dst}, nil); err != nil {
					t.Fatal(err)
				}
				second, _ := os.ReadFile(file2)
				if withoutExportedAt(t, second) != withoutExportedAt(t, again) {
					t.Error("the export of the restored database differs from the export restored")
				}
			})
		}
	}
}

// withoutExportedAt is an export without the time it was made.
func withoutExportedAt(t *testing.T, body []byte) string {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatal(err)
	}
	delete(m, "exportedAt")
	b, _ := json.Marshal(m)
	return string(b)
}

func clip(s string) string {
	if len(s) > 600 {
		return s[:600] + "…"
	}
	return s
}

func TestRestoreRefusesWhatItCannotLoad(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			src := dbtest.URL(t, dialect)
			if _, _, err := runCommand(t, []string{"seed", "--demo", "--db", src}, nil); err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			file := filepath.Join(dir, "export.json")
			if _, _, err := runCommand(t, []string{"export", "--format", "json", "--out", file, "--db", src}, nil); err != nil {
				t.Fatal(err)
			}
			if _, _, err := runCommand(t, []string{"restore", file, "--db", src}, nil); err == nil || !strings.Contains(err.Error(), "not empty") {
				t.Fatalf("into a database that holds the map: %v", err)
			}
			body, _ := os.ReadFile(file)
			write := func(name string, edit func(m map[string]any)) string {
				var m map[string]any
				json.Unmarshal(body, &m)
				edit(m)
				b, _ := json.Marshal(m)
				p := filepath.Join(dir, name)
				os.WriteFile(p, b, 0o600)
				return p
			}
			empty := dbtest.URL(t, dialect)
			for name, c := range map[string]struct {
				edit func(map[string]any)
				want string
			}{
				"newer":   {func(m map[string]any) { m["version"] = 2 }, "newer than this program reads"},
				"foreign": {func(m map[string]any) { m["format"] = "something-else" }, "not an Alliance JSON export"},
				"dangling": {func(m map[string]any) {
					m["commitments"].([]any)[3].(map[string]any)["serviceId"] = "9999"
				}, "commitments.3.serviceId"},
				"bad status": {func(m map[string]any) { m["clients"].([]any)[1].(map[string]any)["status"] = "GONE" }, "clients.1"},
				"bad freshness": {func(m map[string]any) {
					m["metrics"].([]any)[0].(map[string]any)["freshnessDays"] = 3651
				}, "metrics 0: freshnessDays must be between 1 and 3650 days"},
			} {
				p := write(name+".json", c.edit)
				if _, _, err := runCommand(t, []string{"restore", p, "--db", empty}, nil); err == nil || !strings.Contains(err.Error(), c.want) {
					t.Errorf("%s: %v, want %q", name, err, c.want)
				}
			}
			// Nothing of the refused files was written: the database takes
			// the good one.
			if out, _, err := runCommand(t, []string{"restore", file, "--db", empty}, nil); err != nil || !strings.Contains(out, "8 clients") {
				t.Fatalf("%q %v", out, err)
			}

			// One client's part restores on its own, with that client's map.
			part := filepath.Join(dir, "part.json")
			if _, _, err := runCommand(t, []string{"export", "--format", "json", "--client", "2", "--out", part, "--db", src}, nil); err != nil {
				t.Fatal(err)
			}
			pb, _ := os.ReadFile(part)
			validateExport(t, pb)
			one := dbtest.URL(t, dialect)
			if out, _, err := runCommand(t, []string{"restore", part, "--db", one}, nil); err != nil || !strings.Contains(out, "1 clients") {
				t.Fatalf("%q %v", out, err)
			}
			q := map[string]string{"map": `{ client(id: "2") { name score scoreHistory { at score } objectives { title requirements { title coverage { status percent } commitments { coveragePercent holds service { name } } } } } }`}
			if a, b := answers(t, src, q), answers(t, one, q); a["map"] != b["map"] {
				t.Errorf("the client's part:\n%s\n%s", clip(a["map"]), clip(b["map"]))
			}
			if _, _, err := runCommand(t, []string{"export", "--format", "json", "--client", "999", "--db", src}, nil); err == nil || !strings.Contains(err.Error(), "no client 999") {
				t.Errorf("unknown client: %v", err)
			}
		})
	}
}
