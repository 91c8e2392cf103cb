package graph_test

import (
	"fmt"
	"strings"
	"testing"
)

// portfolioForLists builds two active clients and a churned one, with gaps
// of several kinds.
func portfolioForLists(a *api) (big, small, gone string) {
	a.t.Helper()
	big = a.id(createClient, in(map[string]any{"name": "Big Bank", "annualContractValue": "900000.00"}))
	small = a.id(createClient, in(map[string]any{"name": "Small Shop", "annualContractValue": "10000.00", "status": "PROSPECT"}))
	gone = a.id(createClient, in(map[string]any{"name": "Gone Corp", "annualContractValue": "5000000.00", "status": "CHURNED"}))
	hosting := a.id(createService, in(map[string]any{"name": "Hosting", "monthlyCost": "3000.00", "capacity": 1,
		"designedLevels": []any{level("availability", 99.95)}}))
	a.id(createService, in(map[string]any{"name": "Legacy mail", "monthlyCost": "9800.00"}))
	for _, c := range []string{big, small, gone} {
		o := a.id(createObjective, in(map[string]any{"clientId": c, "title": "Operations"}))
		for i, p := range []string{"MUST", "SHOULD", "COULD"} {
			a.id(createRequirement, in(map[string]any{"objectiveId": o, "title": fmt.Sprintf("Uncovered %d", i), "priority": p}))
		}
		r := a.id(createRequirement, in(map[string]any{"objectiveId": o, "title": "Uptime", "priority": "MUST",
			"targets": []any{level("availability", 99.9)}}))
		a.id(createCommitment, in(map[string]any{"requirementId": r, "serviceId": hosting}))
		a.id(createObjective, in(map[string]any{"clientId": c, "title": "Someday"}))
	}
	return big, small, gone
}

type gapPage struct {
	Gaps struct {
		TotalCount int
		Nodes      []struct {
			Kind, Message string
			Client        *struct{ Name string }
			Requirement   *struct{ Title string }
			Service       *struct{ Name string }
		}
		PageInfo struct {
			HasNextPage bool
			EndCursor   *string
		}
	}
}

func TestGapsThroughTheAPI(t *testing.T) {
	eachAPI(t, func(t *testing.T, a *api) {
		big, small, gone := portfolioForLists(a)
		const q = `query($first: Int, $after: String, $f: GapFilter) { gaps(first: $first, after: $after, filter: $f) {
			totalCount nodes { kind message client { name } requirement { title } service { name } } pageInfo { hasNextPage endCursor } } }`
		var all []string
		var after any
		for {
			var p gapPage
			a.ok(q, map[string]any{"first": 3, "after": after}, &p)
			for _, n := range p.Gaps.Nodes {
				s := n.Kind
				if n.Client != nil {
					s += " " + n.Client.Name
				}
				if n.Requirement != nil {
					s += "/" + n.Requirement.Title
				}
				if n.Service != nil {
					s += " " + n.Service.Name
				}
				all = append(all, s)
			}
			if p.Gaps.TotalCount != 10 {
				t.Fatalf("totalCount %d", p.Gaps.TotalCount)
			}
			if !p.Gaps.PageInfo.HasNextPage {
				break
			}
			after = *p.Gaps.PageInfo.EndCursor
		}
		want := []string{
			"GAP Big Bank/Uncovered 0", "GAP Small Shop/Uncovered 0",
			"GAP Big Bank/Uncovered 1", "GAP Small Shop/Uncovered 1",
			"GAP Big Bank/Uncovered 2", "GAP Small Shop/Uncovered 2",
			"EMPTY_OBJECTIVE Big Bank", "EMPTY_OBJECTIVE Small Shop",
			"ORPHAN_SERVICE Legacy mail", "OVERSUBSCRIBED Hosting",
		}
		// Uptime is COVERED for both; Hosting carries 2 units (the churned
		// client's do not count) on a capacity of 1.
		if strings.Join(all, "\n") != strings.Join(want, "\n") {
			t.Fatalf("paged gap list:\n%s", strings.Join(all, "\n"))
		}

		var f gapPage
		a.ok(q, map[string]any{"f": map[string]any{"clientId": small, "kinds": []any{"GAP", "ORPHAN_SERVICE"}}}, &f)
		if f.Gaps.TotalCount != 3 {
			t.Fatalf("Small Shop's gaps: %+v", f.Gaps.Nodes)
		}
		a.ok(q, map[string]any{"f": map[string]any{"clientId": gone}}, &f)
		if f.Gaps.TotalCount != 0 {
			t.Fatal("a churned client has no gaps")
		}
		// A cursor stays good after the list changes: a new gap before it
		// does not make the next page repeat an entry.
		var p1 gapPage
		a.ok(q, map[string]any{"first": 2}, &p1)
		o := a.id(createObjective, in(map[string]any{"clientId": big, "title": "Aardvark"}))
		a.id(createRequirement, in(map[string]any{"objectiveId": o, "title": "A must", "priority": "MUST"}))
		var p2 gapPage
		a.ok(q, map[string]any{"first": 2, "after": *p1.Gaps.PageInfo.EndCursor}, &p2)
		if p2.Gaps.Nodes[0].Requirement.Title != "Uncovered 1" || p2.Gaps.TotalCount != 11 {
			t.Fatalf("after a change, the next page starts at %+v", p2.Gaps.Nodes[0])
		}
		a.fails(q, map[string]any{"after": "bm9wZQ"}, "BAD_USER_INPUT", "after")
		a.fails(q, map[string]any{"first": 101}, "BAD_USER_INPUT", "first")
	})
}

func TestRequirementsList(t *testing.T) {
	eachAPI(t, func(t *testing.T, a *api) {
		big, _, gone := portfolioForLists(a)
		const q = `query($f: RequirementFilter, $first: Int, $after: String) { requirements(filter: $f, first: $first, after: $after) {
			totalCount nodes { title priority coverage { status } objective { client { name } } } pageInfo { hasNextPage endCursor } } }`
		type page struct {
			Requirements struct {
				TotalCount int
				Nodes      []struct {
					Title, Priority string
					Coverage        struct{ Status string }
					Objective       struct{ Client struct{ Name string } }
				}
				PageInfo struct {
					HasNextPage bool
					EndCursor   *string
				}
			}
		}
		count := func(f map[string]any) int {
			var p page
			a.ok(q, map[string]any{"f": f}, &p)
			return p.Requirements.TotalCount
		}
		// Eight requirements of clients that count; the churned client's four
		// only when asked for by that client.
		for _, tc := range []struct {
			name   string
			filter map[string]any
			want   int
		}{
			{"everything", nil, 8},
			{"churned client by id", map[string]any{"clientId": gone}, 4},
			{"one client", map[string]any{"clientId": big}, 4},
			{"by status", map[string]any{"status": []any{"COVERED"}}, 2},
			{"by priority", map[string]any{"priority": []any{"MUST"}}, 4},
			{"by both", map[string]any{"priority": []any{"MUST"}, "status": []any{"GAP"}}, 2},
			{"by search", map[string]any{"search": "UPTIME"}, 2},
		} {
			if got := count(tc.filter); got != tc.want {
				t.Errorf("%s: %d, want %d", tc.name, got, tc.want)
			}
		}
		var p page
		a.ok(q, map[string]any{"first": 5}, &p)
		if len(p.Requirements.Nodes) != 5 || !p.Requirements.PageInfo.HasNextPage || p.Requirements.Nodes[0].Title != "Uncovered 0" {
			t.Fatalf("first page %+v", p.Requirements)
		}
		var p2 page
		a.ok(q, map[string]any{"first": 5, "after": *p.Requirements.PageInfo.EndCursor}, &p2)
		if len(p2.Requirements.Nodes) != 3 || p2.Requirements.PageInfo.HasNextPage || p2.Requirements.Nodes[2].Title != "Uptime" {
			t.Fatalf("second page %+v", p2.Requirements)
		}
	})
}

func TestClientsOrderedByFigures(t *testing.T) {
	eachAPI(t, func(t *testing.T, a *api) {
		portfolioForLists(a)
		a.id(createClient, in(map[string]any{"name": "Newcomer", "annualContractValue": "50000.00"})) // no score
		const q = `query($o: ClientOrder, $first: Int, $after: String) { clients(orderBy: $o, first: $first, after: $after) {
			totalCount nodes { name score monthlyMargin } pageInfo { hasNextPage endCursor } } }`
		type page struct {
			Clients struct {
				TotalCount int
				Nodes      []struct {
					Name          string
					Score         *float64
					MonthlyMargin string
				}
				PageInfo struct {
					HasNextPage bool
					EndCursor   *string
				}
			}
		}
		order := func(field, dir string) string {
			var names []string
			var after any
			for {
				var p page
				a.ok(q, map[string]any{"o": map[string]any{"field": field, "direction": dir}, "first": 2, "after": after}, &p)
				for _, n := range p.Clients.Nodes {
					names = append(names, n.Name)
				}
				if !p.Clients.PageInfo.HasNextPage {
					return strings.Join(names, ", ")
				}
				after = *p.Clients.PageInfo.EndCursor
			}
		}
		// Every client has the same score (Uptime covered, three uncovered:
		// 3×100 / 9 = 33.3) but Newcomer, who has none and comes last.
		for _, tc := range []struct{ field, dir, want string }{
			{"NAME", "DESC", "Small Shop, Newcomer, Gone Corp, Big Bank"},
			{"ANNUAL_CONTRACT_VALUE", "DESC", "Gone Corp, Big Bank, Newcomer, Small Shop"},
			{"ANNUAL_CONTRACT_VALUE", "ASC", "Small Shop, Newcomer, Big Bank, Gone Corp"},
			{"SCORE", "DESC", "Big Bank, Gone Corp, Small Shop, Newcomer"},
			{"SCORE", "ASC", "Big Bank, Gone Corp, Small Shop, Newcomer"},
			// Margins: Gone 416666.67 (no cost), Big 75000 − 1500, Newcomer
			// 4166.67, Small 833.33 − 1500.
			{"MONTHLY_MARGIN", "DESC", "Gone Corp, Big Bank, Newcomer, Small Shop"},
			{"MONTHLY_MARGIN", "ASC", "Small Shop, Newcomer, Big Bank, Gone Corp"},
		} {
			if got := order(tc.field, tc.dir); got != tc.want {
				t.Errorf("%s %s: %s, want %s", tc.field, tc.dir, got, tc.want)
			}
		}
		var p page
		a.ok(q, map[string]any{"o": map[string]any{"field": "MONTHLY_MARGIN", "direction": "ASC"}, "first": 1}, &p)
		if p.Clients.Nodes[0].MonthlyMargin != "-666.67" || p.Clients.TotalCount != 4 {
			t.Fatalf("Small Shop's margin %+v", p.Clients)
		}
		// A cursor of one order is refused by another.
		a.fails(q, map[string]any{"o": map[string]any{"field": "SCORE", "direction": "ASC"}, "after": *p.Clients.PageInfo.EndCursor}, "BAD_USER_INPUT", "after")
	})
}

func TestImpactAndMatchesThroughTheAPI(t *testing.T) {
	eachAPI(t, func(t *testing.T, a *api) {
		big, small, _ := portfolioForLists(a)
		var out struct {
			Impact struct {
				Service       struct{ Name string }
				RevenueAtRisk string
				Requirements  []struct {
					Before, After string
					Requirement   struct {
						Objective struct{ Client struct{ ID string } }
					}
				}
				Clients []struct {
					Client        struct{ ID string }
					Before, After *float64
				}
			}
			None *struct{ RevenueAtRisk string }
		}
		a.ok(`{ impact(serviceId: "1") { service { name } revenueAtRisk requirements { before after requirement { objective { client { id } } } }
			clients { client { id } before after } } none: impact(serviceId: "999") { revenueAtRisk } }`, nil, &out)
		imp := out.Impact
		// Hosting serves Uptime of Big Bank and Small Shop (the churned
		// client's change does not count): both MUST, both lose COVERED.
		if imp.Service.Name != "Hosting" || len(imp.Requirements) != 2 || imp.Requirements[0].After != "GAP" || imp.RevenueAtRisk != "910000.00" {
			t.Fatalf("impact %+v", imp)
		}
		if len(imp.Clients) != 2 || imp.Clients[0].Client.ID != big || imp.Clients[1].Client.ID != small || *imp.Clients[0].Before != 33.3 || *imp.Clients[0].After != 0 {
			t.Fatalf("client changes %+v", imp.Clients)
		}
		if out.None != nil {
			t.Fatal("an unknown service has no impact")
		}

		var m struct {
			ServiceMatches []struct {
				Service       struct{ Name string }
				Delivers      bool
				SpareCapacity *int
			}
		}
		a.ok(`{ serviceMatches(targets: [{metric: "availability", value: 99.9}]) { service { name } delivers spareCapacity } }`, nil, &m)
		if len(m.ServiceMatches) != 1 || m.ServiceMatches[0].Service.Name != "Hosting" || !m.ServiceMatches[0].Delivers || *m.ServiceMatches[0].SpareCapacity != -1 {
			t.Fatalf("matches %+v", m.ServiceMatches)
		}
		a.fails(`{ serviceMatches(targets: []) { delivers } }`, nil, "BAD_USER_INPUT", "targets")
		a.fails(`{ serviceMatches(targets: [{metric: "uptime", value: 1}]) { delivers } }`, nil, "BAD_USER_INPUT", "targets.0.metric")
	})
}
