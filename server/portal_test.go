package main

import (
	"encoding/json"
	"strings"
	"testing"

	"alliance/db/dbtest"
)

// A token limited to one client is a client portal: it reads its map, and
// none of the provider's economics, whichever way a document asks.
func TestClientPortalSeesNoInternalEconomics(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			s := start(t, []string{"--db", dbtest.URL(t, dialect), "--demo"}, nil)
			const kestrel = "2"
			viewer := makeToken(t, s.url, "kestrel portal", "VIEWER", kestrel)
			editor := makeToken(t, s.url, "kestrel portal editor", "EDITOR", kestrel)
			ask := func(header map[string]string, query string, vars map[string]any) gqlResponse {
				t.Helper()
				b, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
				return decode(t, request(t, "POST", s.url+"/graphql", "application/json", string(b), header).body)
			}
			refused := func(what string, r gqlResponse, field string) {
				t.Helper()
				if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != "FORBIDDEN" || r.Errors[0].Extensions["field"] != field ||
					!strings.Contains(r.Errors[0].Message, field+" is internal to the provider") {
					t.Fatalf("%s: want FORBIDDEN naming %s, got %+v", what, field, r.Errors)
				}
				if len(r.Data) != 0 {
					t.Fatalf("%s: a refused document ran: %s", what, r.Data)
				}
			}
			answered := func(what string, r gqlResponse) {
				t.Helper()
				if len(r.Errors) > 0 {
					t.Fatalf("%s: %+v", what, r.Errors)
				}
			}

			const margin = `{ client(id: "2") { name monthlyMargin } }`
			answered("the admin's margin", ask(admin, margin, nil))
			refused("margin", ask(viewer, margin, nil), "Client.monthlyMargin")

			// Left out by @include or @skip, an internal field is not asked for.
			const optional = `query($internal: Boolean!) { client(id: "2") { name monthlyCostToServe @include(if: $internal)
				objectives { requirements { commitments { coveragePercent ... on Commitment @skip(if: $hide) { capacityUnits } } } } } }`
			optionalVars := func(internal bool) map[string]any { return map[string]any{"internal": internal, "hide": !internal} }
			r := ask(viewer, strings.Replace(optional, "$internal: Boolean!", "$internal: Boolean!, $hide: Boolean!", 1), optionalVars(false))
			answered("internal fields left out", r)
			if body := string(r.Data["client"]); !strings.Contains(body, "Kestrel") || strings.Contains(body, "monthlyCostToServe") || strings.Contains(body, "capacityUnits") {
				t.Fatalf("internal fields left out: %s", body)
			}
			r = ask(viewer, strings.Replace(optional, "$internal: Boolean!", "$internal: Boolean!, $hide: Boolean!", 1), optionalVars(true))
			refused("internal fields included", r, "Client.monthlyCostToServe")
			r = ask(admin, strings.Replace(optional, "$internal: Boolean!", "$internal: Boolean!, $hide: Boolean!", 1), optionalVars(true))
			answered("the admin's internal fields", r)
			if !strings.Contains(string(r.Data["client"]), "capacityUnits") {
				t.Fatalf("the admin's internal fields: %s", r.Data["client"])
			}

			// Through fragments, however deep, and in mutations' answers.
			refused("a fragment", ask(viewer, `fragment Money on Service { name monthlyCost }
				fragment Row on Commitment { service { ...Money } }
				{ client(id: "2") { objectives { requirements { commitments { ...Row ...Row } } } } }`, nil), "Service.monthlyCost")
			refused("a mutation's answer", ask(editor, `mutation { updateClient(id: "2", input: {accountOwner: "Kim"}) { monthlyMargin } }`, nil), "Client.monthlyMargin")
			refused("impact", ask(viewer, `{ impact(serviceId: "8") { requirements { before after } } }`, nil), "Query.impact")
			refused("the promise check's spare capacity", ask(viewer, `{ serviceMatches(targets: [{metric: "availability", value: 99}]) { spareCapacity } }`, nil), "ServiceMatch.spareCapacity")
			refused("a new service", ask(editor, `mutation { createService(input: {name: "Mine"}) { id } }`, nil), "createService")
			if r := ask(admin, `{ services(first: 100, filter: {search: "Mine"}) { totalCount } }`, nil); !strings.Contains(string(r.Data["services"]), `"totalCount":0`) {
				t.Fatalf("a refused mutation wrote: %s", r.Data["services"])
			}
			for _, m := range []string{`createCommitment(input: {requirementId: "13", serviceId: "1", capacityUnits: 50}) { id }`,
				`updateCommitment(id: "12", input: {capacityUnits: 50}) { id }`} {
				if r := ask(editor, "mutation { "+m+" }", nil); len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != "FORBIDDEN" || r.Errors[0].Extensions["field"] != "capacityUnits" {
					t.Fatalf("%s by a portal editor: %+v", m, r.Errors)
				}
			}
			answered("a change to its own map", ask(editor, `mutation { updateClient(id: "2", input: {accountOwner: "Kim"}) { accountOwner score } }`, nil))

			// Its history keeps the changes and drops the economics in them.
			var mine struct {
				Objectives []struct {
					Requirements []struct{ Commitments []struct{ ID string } }
				}
			}
			json.Unmarshal(ask(admin, `{ client(id: "2") { objectives { requirements { commitments { id } } } } }`, nil).Data["client"], &mine)
			id := mine.Objectives[0].Requirements[0].Commitments[0].ID
			answered("the admin's change", ask(admin, `mutation($id: ID!) { updateCommitment(id: $id, input: {capacityUnits: 7, coveragePercent: 90}) { id } }`, map[string]any{"id": id}))
			const history = `query($id: String!) { auditLog(filter: {entity: "Commitment", entityId: $id}) { nodes { before after } } }`
			full := string(ask(admin, history, map[string]any{"id": id}).Data["auditLog"])
			seen := string(ask(viewer, history, map[string]any{"id": id}).Data["auditLog"])
			if !strings.Contains(full, `capacityUnits`) || !strings.Contains(full, `\"coveragePercent\":90`) && !strings.Contains(full, `"coveragePercent":90`) {
				t.Fatalf("the admin's history of the commitment: %s", full)
			}
			if strings.Contains(seen, "capacityUnits") || !strings.Contains(seen, "coveragePercent") || !strings.Contains(seen, "90") {
				t.Fatalf("the portal's history of the commitment: %s", seen)
			}

			// A report that reads the economics is refused by URL to the
			// portal; a share link serves what the admin chose to share.
			rpSaveReport(t, s, "kestrel-books", "Kestrel's books", `{ client(id: "2") { name monthlyMargin } }`, nil)
			if res := request(t, "GET", s.url+"/reports/kestrel-books.json", "", "", viewer); res.status == 200 || !strings.Contains(res.body, "Client.monthlyMargin is internal") {
				t.Fatalf("a report of internal figures by a portal token: %d %s", res.status, res.body)
			}
			link := rpCreateShareLink(t, s, "kestrel-books", "", kestrel)
			if res := request(t, "GET", link.JSONURL, "", "", nil); res.status != 200 || !strings.Contains(res.body, "monthlyMargin") {
				t.Fatalf("a share link of internal figures: %d %s", res.status, res.body)
			}
		})
	}
}
