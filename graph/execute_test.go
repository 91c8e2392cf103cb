package graph_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"alliance"
	"alliance/db"
	"alliance/db/dbtest"
	"alliance/graph"
)

// Execute runs an operation in process exactly as the endpoint would: the
// same answer, the same refusals with their codes, and the same rate budget
// of each token.
func TestExecuteIsTheEndpointInProcess(t *testing.T) {
	d := dbtest.Open(t, db.SQLite)
	api := graph.New(d, graph.Options{Limits: graph.Limits{MaxCost: 60, CostPerSecond: 1}})
	ctx := alliance.WithPrincipal(context.Background(), tester)
	query := `{ metrics { key } }` // costs 40

	in := api.Execute(ctx, query, nil)
	body, _ := json.Marshal(in)
	srv := httptest.NewServer(as(tester, api))
	defer srv.Close()
	resp, err := http.Post(srv.URL, "application/json", strings.NewReader(`{"query":"{ metrics { key } }"}`))
	if err != nil {
		t.Fatal(err)
	}
	var over struct {
		Errors []gqlError `json:"errors"`
	}
	json.NewDecoder(resp.Body).Decode(&over)
	resp.Body.Close()
	if len(in.Errors) != 0 || !strings.Contains(string(body), `"key":"availability"`) || resp.StatusCode != 200 {
		t.Fatalf("in process %s; by HTTP %d", body, resp.StatusCode)
	}
	// The burst is 120: the third call of 40, in process, takes the last of
	// it; the fourth is refused, with how long to wait.
	if third := api.Execute(ctx, query, nil); len(third.Errors) != 0 {
		t.Fatalf("third call: %v", third.Errors)
	}
	limited := api.Execute(ctx, query, nil)
	if len(limited.Errors) != 1 || limited.Errors[0].Extensions["code"] != alliance.ERATELIMITED || limited.Errors[0].Extensions["retryAfter"] == nil {
		t.Fatalf("over the rate: %v", limited.Errors)
	}
	// Prepaid operations are not charged.
	if paid := api.Execute(graph.Prepaid(ctx), query, nil); len(paid.Errors) != 0 {
		t.Fatalf("prepaid: %v", paid.Errors)
	}

	for _, tc := range []struct {
		name  string
		ctx   context.Context
		query string
		vars  map[string]any
		code  string
	}{
		{"no principal", context.Background(), query, nil, alliance.EUNAUTHORIZED},
		{"a viewer's mutation", alliance.WithPrincipal(context.Background(), &alliance.Principal{Name: "v", Role: alliance.Viewer}),
			`mutation { deleteClient(id: "1") }`, nil, alliance.EFORBIDDEN},
		{"a document that does not parse", graph.Prepaid(ctx), `{ clients {`, nil, "GRAPHQL_PARSE_FAILED"},
		{"a variable of the wrong type", graph.Prepaid(ctx), `query($n: Int) { clients(first: $n) { totalCount } }`, map[string]any{"n": "many"}, "GRAPHQL_VALIDATION_FAILED"},
		{"a page too large", graph.Prepaid(ctx), `query($n: Int) { clients(first: $n) { totalCount } }`, map[string]any{"n": json.Number("500")}, alliance.EINVALID},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := api.Execute(tc.ctx, tc.query, tc.vars)
			if len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != tc.code {
				t.Fatalf("%v, want %s", r.Errors, tc.code)
			}
		})
	}
}

// A streamed report's own pages (graph.StreamPages) may ask for up to
// alliance.MaxStreamPageSize items, and nothing else may: past 100 the
// same operation is refused with the field named, and past 1,000 it is
// refused to a stream too.
func TestStreamPagesAreLarger(t *testing.T) {
	d := dbtest.Open(t, db.SQLite)
	for i := 0; i < 120; i++ {
		if _, err := d.CreateClient(alliance.WithActor(context.Background(), "test"), alliance.ClientInput{Name: "Client " + strconv.Itoa(1000+i)}); err != nil {
			t.Fatal(err)
		}
	}
	api := graph.New(d, graph.Options{Limits: graph.Limits{CostPerSecond: -1}})
	ctx := alliance.WithPrincipal(context.Background(), tester)
	query := `query($n: Int) { clients(first: $n) { nodes { name } } }`
	page := func(ctx context.Context, n int) (int, string) {
		resp := api.Execute(ctx, query, map[string]any{"n": n})
		if len(resp.Errors) > 0 {
			return 0, resp.Errors[0].Extensions["code"].(string) + " " + resp.Errors[0].Extensions["field"].(string)
		}
		var out struct {
			Clients struct{ Nodes []struct{ Name string } }
		}
		if err := json.Unmarshal(resp.Data, &out); err != nil {
			t.Fatal(err)
		}
		return len(out.Clients.Nodes), ""
	}
	if n, refused := page(ctx, 120); refused != "BAD_USER_INPUT first" {
		t.Fatalf("120 items outside a stream: %d, %q", n, refused)
	}
	if n, refused := page(graph.StreamPages(ctx), 120); n != 120 || refused != "" {
		t.Fatalf("120 items in a stream: %d, %q", n, refused)
	}
	if n, refused := page(graph.StreamPages(ctx), alliance.MaxStreamPageSize+1); refused != "BAD_USER_INPUT first" {
		t.Fatalf("1,001 items in a stream: %d, %q", n, refused)
	}
}
