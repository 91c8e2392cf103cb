package graph_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"alliance"
	"alliance/db"
	"alliance/db/dbtest"
	"alliance/graph"
)

// api is a GraphQL client of a real server over a fresh database.
type api struct {
	t   *testing.T
	url string
	db  *db.DB
}

// gqlError is one error of a GraphQL response.
type gqlError struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

type response struct {
	Data   json.RawMessage `json:"data"`
	Errors []gqlError      `json:"errors"`
}

// tester is the principal of the tests in this package: an admin. Access
// control itself is tested through the whole server (package main).
var tester = &alliance.Principal{Name: "tester", Role: alliance.Admin}

// tester2 is another admin, with a rate budget of its own.
var tester2 = alliance.Principal{Name: "tester2", Role: alliance.Admin}

// as serves h to requests acting for p.
func as(p *alliance.Principal, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(w, r.WithContext(alliance.WithPrincipal(r.Context(), p)))
	})
}

// testOptions lift the rate limit, which the tests would otherwise meet
// by running many queries at once.
var testOptions = graph.Options{Limits: graph.Limits{CostPerSecond: -1}}

// eachAPI runs fn on every database, each with its own server.
func eachAPI(t *testing.T, fn func(t *testing.T, a *api)) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		srv := httptest.NewServer(as(tester, graph.NewHandler(d, testOptions)))
		t.Cleanup(srv.Close)
		fn(t, &api{t: t, url: srv.URL, db: d})
	})
}

// post sends one operation and returns the decoded response.
func (a *api) post(query string, vars map[string]any) response {
	a.t.Helper()
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		a.t.Fatal(err)
	}
	resp, err := http.Post(a.url, "application/json", bytes.NewReader(body))
	if err != nil {
		a.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var r response
	if err := json.Unmarshal(raw, &r); err != nil {
		a.t.Fatalf("status %d, body %s: %v", resp.StatusCode, raw, err)
	}
	return r
}

// ok runs an operation that must succeed and decodes its data into out.
func (a *api) ok(query string, vars map[string]any, out any) {
	a.t.Helper()
	r := a.post(query, vars)
	if len(r.Errors) > 0 {
		a.t.Fatalf("unexpected errors: %+v\nquery: %s", r.Errors, query)
	}
	if out != nil {
		if err := json.Unmarshal(r.Data, out); err != nil {
			a.t.Fatalf("decode %s: %v", r.Data, err)
		}
	}
}

// fails runs an operation that must fail with code (and, when field is not
// empty, name that input field) and returns the error.
func (a *api) fails(query string, vars map[string]any, code, field string) gqlError {
	a.t.Helper()
	r := a.post(query, vars)
	if len(r.Errors) == 0 {
		a.t.Fatalf("expected a %s error, got data %s\nquery: %s", code, r.Data, query)
	}
	e := r.Errors[0]
	if got := e.Extensions["code"]; got != code {
		a.t.Fatalf("code = %v, want %s (error %+v)", got, code, e)
	}
	if field != "" && e.Extensions["field"] != field {
		a.t.Fatalf("field = %v, want %s (error %+v)", e.Extensions["field"], field, e)
	}
	return e
}

// id runs a create mutation and returns the id it answers with: the data
// must hold a single root field with an id.
func (a *api) id(query string, vars map[string]any) string {
	a.t.Helper()
	var data map[string]struct{ ID string }
	a.ok(query, vars, &data)
	for _, v := range data {
		if v.ID == "" {
			a.t.Fatalf("no id in %v", data)
		}
		return v.ID
	}
	a.t.Fatal("empty data")
	return ""
}

// count returns how many rows of table there are, read straight from the
// database, to check what a refused mutation did not write.
func (a *api) count(table string) int {
	a.t.Helper()
	var n int
	if err := a.db.SQL().QueryRow("SELECT COUNT(*) FROM " + table).Scan(&n); err != nil {
		a.t.Fatal(err)
	}
	return n
}

// Mutations used across the tests.
const (
	createClient      = `mutation($in: ClientInput!) { createClient(input: $in) { id } }`
	createObjective   = `mutation($in: ObjectiveInput!) { createObjective(input: $in) { id } }`
	createRequirement = `mutation($in: RequirementInput!) { createRequirement(input: $in) { id } }`
	createService     = `mutation($in: ServiceInput!) { createService(input: $in) { id } }`
	createCommitment  = `mutation($in: CommitmentInput!) { createCommitment(input: $in) { id } }`
	recordMeasurement = `mutation($in: MeasurementInput!) { recordMeasurement(input: $in) { id } }`
)

func in(v map[string]any) map[string]any { return map[string]any{"in": v} }

// tree is a small map: a client, an objective, a requirement, a service and a
// commitment between them.
type tree struct{ client, objective, requirement, service, commitment string }

func (a *api) tree(name string) tree {
	a.t.Helper()
	var tr tree
	tr.client = a.id(createClient, in(map[string]any{"name": name}))
	tr.objective = a.id(createObjective, in(map[string]any{"clientId": tr.client, "title": "Grow " + name}))
	tr.requirement = a.id(createRequirement, in(map[string]any{"objectiveId": tr.objective, "title": "Uptime",
		"targets": []any{map[string]any{"metric": "availability", "value": 99.9}}}))
	tr.service = a.id(createService, in(map[string]any{"name": "Hosting for " + name}))
	tr.commitment = a.id(createCommitment, in(map[string]any{"requirementId": tr.requirement, "serviceId": tr.service}))
	return tr
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }
