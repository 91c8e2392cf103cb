package graph_test

import (
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"

	"alliance/graph"
)

// The web app's operations must cost little next to the rate limit, or a
// user clicking through the app (every view reloads after an edit) would be
// refused: each costs at most a tenth of the default burst (ten views opened
// at once) and one second of the default rate.
func TestWebAppOperationsFitTheRateLimit(t *testing.T) {
	// graphql-codegen lists every operation of the app in gql.ts as the keys
	// of its Documents type: JSON-compatible string literals.
	src, err := os.ReadFile("../frontend/src/gql/gql.ts")
	if err != nil {
		t.Fatal(err)
	}
	body := string(src)
	body = body[strings.Index(body, "type Documents = {"):]
	body = body[:strings.Index(body, "\n};")]
	keys := regexp.MustCompile(`(?m)^\s+("(?:[^"\\]|\\.)*"): typeof types\.`).FindAllStringSubmatch(body, -1)
	if len(keys) < 20 {
		t.Fatalf("found %d operations in gql.ts; the file's layout changed", len(keys))
	}
	budget := min(2*graph.DefaultMaxCost/10, graph.DefaultCostPerSecond)
	// Fragments are documents of their own there; an operation is costed
	// with the fragments it spreads.
	fragmentName := regexp.MustCompile(`^\s*fragment\s+(\w+)`)
	fragments := map[string]string{}
	var operations []string
	for _, k := range keys {
		var doc string
		if err := json.Unmarshal([]byte(k[1]), &doc); err != nil {
			t.Fatalf("%s: %v", k[1], err)
		}
		if f := fragmentName.FindStringSubmatch(doc); f != nil {
			fragments[f[1]] = doc
		} else {
			operations = append(operations, doc)
		}
	}
	name := regexp.MustCompile(`(?:query|mutation)\s+(\w+)`)
	for _, doc := range operations {
		for added := true; added; {
			added = false
			for f, text := range fragments {
				if strings.Contains(doc, "..."+f) && !strings.Contains(doc, "fragment "+f+" ") {
					doc += text
					added = true
				}
			}
		}
		op := name.FindStringSubmatch(doc)
		if op == nil {
			t.Fatalf("an operation without a name: %s", doc)
		}
		cost, err := graph.Cost(doc, op[1], nil)
		if err != nil {
			t.Fatalf("%s: %v", op[1], err)
		}
		fields, err := graph.Fields(doc, op[1])
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%-36s %6d %4d fields", op[1], cost, fields)
		if cost > budget {
			t.Errorf("%s costs %d, more than the app may spend on one view (%d)", op[1], cost, budget)
		}
		// The README says so: far below --max-query-fields.
		if fields >= 100 {
			t.Errorf("%s expands to %d fields; the README says every operation of the app has fewer than 100", op[1], fields)
		}
	}
}
