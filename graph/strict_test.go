package graph_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"alliance/db"
	"alliance/db/dbtest"
	"alliance/graph"
)

// Input is coerced as the GraphQL specification says, in literals and in
// variables alike: a String takes a string only, an Int a whole number
// within 32 bits, a Float a number, a Boolean true or false. Nothing is
// written for a refused value.
func TestInputTypesAreStrict(t *testing.T) {
	eachAPI(t, func(t *testing.T, a *api) {
		create := `mutation($n: String!) { createClient(input: {name: $n}) { id name } }`
		for _, tc := range []struct {
			name, query string
			vars        map[string]any
		}{
			{"a number as a String", create, map[string]any{"n": 42}},
			{"a boolean as a String", create, map[string]any{"n": true}},
			{"a string as an Int", `query($n: Int) { clients(first: $n) { totalCount } }`, map[string]any{"n": "5"}},
			{"a fraction as an Int", `query($n: Int) { clients(first: $n) { totalCount } }`, map[string]any{"n": json.Number("5.5")}},
			{"an Int beyond 32 bits", `mutation($c: Int) { createService(input: {name: "Big", capacity: $c}) { id } }`, map[string]any{"c": json.Number("4294967296")}},
			{"a string as a Float", `mutation($v: Float!) { createMetric(input: {key: "k", name: "K", unit: "u", direction: HIGHER_IS_BETTER}) { key }
				serviceMatches(targets: [{metric: "availability", value: $v}]) { delivers } }`, map[string]any{"v": "99.9"}},
			{"a string as a Boolean", `query($b: Boolean!) { metrics { key @include(if: $b) } }`, map[string]any{"b": "yes"}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				before := a.count("clients") + a.count("services") + a.count("metrics")
				r := a.post(tc.query, tc.vars)
				if len(r.Errors) == 0 {
					t.Fatalf("accepted: %s", r.Data)
				}
				if code := r.Errors[0].Extensions["code"]; code != "BAD_USER_INPUT" && code != "GRAPHQL_VALIDATION_FAILED" {
					t.Fatalf("code %v: %+v", code, r.Errors[0])
				}
				if after := a.count("clients") + a.count("services") + a.count("metrics"); after != before {
					t.Fatalf("%d rows written for a refused value", after-before)
				}
			})
		}
		// Literals were strict already; the right kinds still pass.
		a.fails(`mutation { createClient(input: {name: 42}) { id } }`, nil, "GRAPHQL_VALIDATION_FAILED", "")
		a.ok(create, map[string]any{"n": "Forty-two"}, nil)
		a.ok(`query($n: Int, $b: Boolean!) { clients(first: $n) { totalCount } metrics { key @include(if: $b) } }`, map[string]any{"n": json.Number("5"), "b": true}, nil)
		a.ok(`query($v: Float!) { serviceMatches(targets: [{metric: "availability", value: $v}]) { delivers } }`, map[string]any{"v": 99}, nil)
	})
}

// A request body of the wrong shape is answered in the API's words: which
// member has the wrong kind of value, never a Go type name.
func TestProtocolErrorsSpeakTheAPIsWords(t *testing.T) {
	d := dbtest.Open(t, db.SQLite)
	srv := httptest.NewServer(as(tester, graph.NewHandler(d, testOptions)))
	defer srv.Close()
	for _, tc := range []struct{ body, want string }{
		{`{"query": 42}`, `"query" must be a string, not a number`},
		{`{"query": "{ metrics { key } }", "variables": [1]}`, `"variables" must be an object, not a list`},
		{`{"query": "{ metrics { key } }", "operationName": true}`, `"operationName" must be a string, not a boolean`},
		{`[1, 2]`, `must be an object, not a list`},
	} {
		resp, err := http.Post(srv.URL, "application/json", strings.NewReader(tc.body))
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		var r response
		json.Unmarshal(raw, &r)
		body := string(raw)
		if len(r.Errors) == 1 {
			body = r.Errors[0].Message
		}
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, tc.want) || strings.Contains(body, "Go ") || strings.Contains(body, "RawParams") {
			t.Errorf("%s: %d %s; want %q", tc.body, resp.StatusCode, body, tc.want)
		}
	}
}
