package graph_test

import (
	"fmt"
	"testing"
)

type pageOut struct {
	TotalCount int
	Nodes      []struct{ ID, Name string }
	Edges      []struct {
		Cursor string
		Node   struct{ Name string }
	}
	PageInfo struct {
		HasNextPage bool
		EndCursor   *string
	}
}

func names(p pageOut) []string {
	out := make([]string, len(p.Nodes))
	for i, n := range p.Nodes {
		out[i] = n.Name
	}
	return out
}

func TestClientPages(t *testing.T) {
	eachAPI(t, func(t *testing.T, a *api) {
		for _, n := range []string{"golf", "Bravo", "echo", "alpha", "Foxtrot", "charlie", "Delta"} {
			status := "ACTIVE"
			if n == "echo" || n == "alpha" {
				status = "PROSPECT"
			}
			a.id(createClient, in(map[string]any{"name": n, "status": status}))
		}
		a.id(createClient, in(map[string]any{"name": "100% Uptime Ltd"}))
		a.id(createClient, in(map[string]any{"name": "Under_Score"}))
		query := `query($first: Int, $after: String, $f: ClientFilter) { clients(first: $first, after: $after, filter: $f) {
			totalCount nodes { id name } edges { cursor node { name } } pageInfo { hasNextPage endCursor } } }`
		get := func(vars map[string]any) pageOut {
			var out struct{ Clients pageOut }
			a.ok(query, vars, &out)
			return out.Clients
		}

		var seen []string
		var after any
		for page := 0; ; page++ {
			p := get(map[string]any{"first": 4, "after": after})
			if p.TotalCount != 9 {
				t.Fatalf("totalCount %d", p.TotalCount)
			}
			for i, e := range p.Edges {
				if e.Node.Name != p.Nodes[i].Name {
					t.Fatal("edges and nodes disagree")
				}
			}
			seen = append(seen, names(p)...)
			if !p.PageInfo.HasNextPage {
				if page != 2 {
					t.Fatalf("expected 3 pages, got %d", page+1)
				}
				break
			}
			if *p.PageInfo.EndCursor != p.Edges[len(p.Edges)-1].Cursor {
				t.Fatal("endCursor is not the last edge's cursor")
			}
			after = *p.PageInfo.EndCursor
		}
		want := []string{"100% Uptime Ltd", "alpha", "Bravo", "charlie", "Delta", "echo", "Foxtrot", "golf", "Under_Score"}
		if fmt.Sprint(seen) != fmt.Sprint(want) {
			t.Fatalf("order ignoring case:\n got %v\nwant %v", seen, want)
		}

		if got := names(get(map[string]any{"f": map[string]any{"status": []any{"PROSPECT"}}})); fmt.Sprint(got) != "[alpha echo]" {
			t.Fatalf("status filter: %v", got)
		}
		if p := get(map[string]any{"f": map[string]any{"search": "HA"}}); fmt.Sprint(names(p)) != "[alpha charlie]" || p.TotalCount != 2 {
			t.Fatalf("search: %v", names(p))
		}
		if got := names(get(map[string]any{"f": map[string]any{"search": "%"}})); fmt.Sprint(got) != "[100% Uptime Ltd]" {
			t.Fatalf("%% must match itself only: %v", got)
		}
		if got := names(get(map[string]any{"f": map[string]any{"search": "_"}})); fmt.Sprint(got) != "[Under_Score]" {
			t.Fatalf("_ must match itself only: %v", got)
		}
		if p := get(map[string]any{"first": 0}); len(p.Nodes) != 0 || !p.PageInfo.HasNextPage || p.PageInfo.EndCursor != nil || p.TotalCount != 9 {
			t.Fatalf("first: 0 %+v", p)
		}

		a.fails(query, map[string]any{"first": 101}, "BAD_USER_INPUT", "first")
		a.fails(query, map[string]any{"first": -1}, "BAD_USER_INPUT", "first")
		a.fails(query, map[string]any{"after": "not-a-cursor"}, "BAD_USER_INPUT", "after")
		var services struct{ Services pageOut }
		a.id(createService, in(map[string]any{"name": "Backup"}))
		a.id(createService, in(map[string]any{"name": "Firewall"}))
		a.ok(`{ services(first: 1) { totalCount nodes { id name } edges { cursor node { name } } pageInfo { hasNextPage endCursor } } }`, nil, &services)
		a.fails(query, map[string]any{"after": *services.Services.PageInfo.EndCursor}, "BAD_USER_INPUT", "after")
	})
}

func TestServicePagesDefaultSize(t *testing.T) {
	eachAPI(t, func(t *testing.T, a *api) {
		for i := 0; i < 55; i++ {
			lifecycle := "LIVE"
			if i%5 == 0 {
				lifecycle = "RETIRED"
			}
			a.id(createService, in(map[string]any{"name": fmt.Sprintf("Service %02d", i), "lifecycle": lifecycle}))
		}
		var out struct{ Services pageOut }
		a.ok(`{ services { totalCount nodes { id name } pageInfo { hasNextPage endCursor } } }`, nil, &out)
		if len(out.Services.Nodes) != 50 || !out.Services.PageInfo.HasNextPage || out.Services.TotalCount != 55 {
			t.Fatalf("default page: %d nodes, next %v, total %d", len(out.Services.Nodes), out.Services.PageInfo.HasNextPage, out.Services.TotalCount)
		}
		a.ok(`{ services(first: 100, filter: {lifecycle: [RETIRED], search: "service 1"}) { totalCount nodes { id name } pageInfo { hasNextPage } } }`, nil, &out)
		if fmt.Sprint(names(out.Services)) != "[Service 10 Service 15]" || out.Services.TotalCount != 2 {
			t.Fatalf("filters: %v", names(out.Services))
		}
	})
}

// A list counts its whole length only when the query asks for totalCount:
// a page without it costs one statement less, and the count, when asked, is
// right.
func TestListsCountOnlyWhenAsked(t *testing.T) {
	eachAPI(t, func(t *testing.T, a *api) {
		c := a.id(`mutation { createClient(input: {name: "Counted"}) { id } }`, nil)
		o := a.id(`mutation($c: ID!) { createObjective(input: {clientId: $c, title: "O"}) { id } }`, map[string]any{"c": c})
		for i := range 3 {
			a.id(`mutation($o: ID!, $t: String!) { createRequirement(input: {objectiveId: $o, title: $t}) { id } }`, map[string]any{"o": o, "t": fmt.Sprint("R", i)})
		}
		for _, list := range []string{"requirements(first: 2)", "gaps(first: 2)", "clients(first: 2, orderBy: {field: SCORE, direction: DESC})"} {
			before := a.db.Statements()
			a.ok(`{ `+list+` { nodes { __typename } } }`, nil, nil)
			without := a.db.Statements() - before
			before = a.db.Statements()
			var out map[string]struct{ TotalCount int }
			a.ok(`{ l: `+list+` { totalCount nodes { __typename } } }`, nil, &out)
			with := a.db.Statements() - before
			if with != without+1 {
				t.Errorf("%s: %d statements without totalCount, %d with", list, without, with)
			}
			if out["l"].TotalCount == 0 {
				t.Errorf("%s: totalCount %d", list, out["l"].TotalCount)
			}
		}
	})
}
