package main

import (
	"encoding/json"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"testing"

	"alliance/db/dbtest"
)

// others lists, from the demo data, the names and titles that belong to
// clients other than id (and not to it as well).
func others(t *testing.T, base string, id string) []string {
	t.Helper()
	r := postQuery(t, base, `{ clients(first: 100) { nodes { id name objectives { title requirements { title } } } } }`, nil)
	var out struct {
		Nodes []struct {
			ID, Name   string
			Objectives []struct {
				Title        string
				Requirements []struct{ Title string }
			}
		}
	}
	json.Unmarshal(r.Data["clients"], &out)
	mine := map[string]bool{}
	theirs := map[string]bool{}
	for _, c := range out.Nodes {
		set := theirs
		if c.ID == id {
			set = mine
		}
		set[c.Name] = true
		for _, o := range c.Objectives {
			set[o.Title] = true
			for _, q := range o.Requirements {
				set[q.Title] = true
			}
		}
	}
	var list []string
	for s := range theirs {
		if !mine[s] {
			list = append(list, s)
		}
	}
	if len(list) < 50 {
		t.Fatalf("the demo should give many names of other clients, got %d", len(list))
	}
	return list
}

var regexpIDs = regexp.MustCompile(`"id":"(\d+)"`)

func TestClientScopeDoesNotLeak(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			s := start(t, []string{"--db", dbtest.URL(t, dialect), "--demo"}, nil)
			const kestrel = "2"
			foreign := others(t, s.url, kestrel)
			viewer := makeToken(t, s.url, "kestrel viewer", "VIEWER", kestrel)
			editor := makeToken(t, s.url, "kestrel editor", "EDITOR", kestrel)
			// A change by the admin to another client, so the audit log has
			// foreign entries to hide.
			postQuery(t, s.url, `mutation { updateClient(id: "1", input: {accountOwner: "Someone Else"}) { id } }`, nil)

			leaks := func(what, body string) {
				t.Helper()
				for _, name := range foreign {
					if strings.Contains(body, name) {
						t.Errorf("%s shows %q, which belongs to another client:\n%s", what, name, body)
						return
					}
				}
			}
			ask := func(what, query string) gqlResponse {
				t.Helper()
				b, _ := json.Marshal(map[string]any{"query": query})
				res := request(t, "POST", s.url+"/graphql", "application/json", string(b), viewer)
				leaks(what, res.body)
				return decode(t, res.body)
			}
			count := func(r gqlResponse, field string) int {
				var c struct{ TotalCount int }
				json.Unmarshal(r.Data[field], &c)
				return c.TotalCount
			}

			var r gqlResponse
			if r := ask("clients", `{ clients(first: 100) { totalCount nodes { name } } }`); count(r, "clients") != 1 {
				t.Fatalf("clients: %s", r.Data["clients"])
			}
			if r := ask("ordered clients", `{ clients(orderBy: {field: SCORE, direction: DESC}) { totalCount nodes { name scoreHistory { score } } } }`); count(r, "clients") != 1 {
				t.Fatalf("ordered clients: %s", r.Data["clients"])
			}
			r = ask("other ids", `{ client(id: "1") { name } objective(id: "1") { title } requirement(id: "1") { title } commitment(id: "1") { id } }`)
			for _, f := range []string{"client", "objective", "requirement", "commitment"} {
				if string(r.Data[f]) != "null" {
					t.Errorf("%s of another client: %s", f, r.Data[f])
				}
			}
			// Through the catalog: exactly Kestrel's commitments, no other.
			mine := postQuery(t, s.url, `{ client(id: "2") { objectives { requirements { commitments { id } } } } }`, nil)
			var own []string
			for _, m := range regexpIDs.FindAllStringSubmatch(string(mine.Data["client"]), -1) {
				own = append(own, m[1])
			}
			r = ask("services and their commitments", `{ services(first: 100) { totalCount nodes { name
				commitments { id coveragePercent requirement { title objective { title client { name } } } } } } }`)
			if len(r.Errors) > 0 {
				t.Fatalf("services: %+v", r.Errors)
			}
			var seen []string
			for _, m := range regexpIDs.FindAllStringSubmatch(string(r.Data["services"]), -1) {
				seen = append(seen, m[1])
			}
			sort.Strings(own)
			sort.Strings(seen)
			if len(own) == 0 || strings.Join(own, ",") != strings.Join(seen, ",") {
				t.Fatalf("commitments seen through services %v, Kestrel's are %v", seen, own)
			}
			r = ask("gaps", `{ gaps(first: 100) { totalCount nodes { kind message client { name } requirement { title } service { name } } } }`)
			var gaps struct {
				Nodes []struct {
					Client *struct{ Name string }
				}
			}
			json.Unmarshal(r.Data["gaps"], &gaps)
			if len(gaps.Nodes) == 0 {
				t.Fatal("Kestrel has gaps in the demo")
			}
			for _, g := range gaps.Nodes {
				if g.Client == nil || g.Client.Name != "Kestrel Freight & Logistics" {
					t.Fatalf("a gap not about Kestrel: %s", r.Data["gaps"])
				}
			}
			if r := ask("requirements", `{ requirements(first: 100) { totalCount nodes { title objective { client { name } } } } }`); count(r, "requirements") == 0 {
				t.Fatal("Kestrel's requirements are missing")
			}
			if r := ask("requirements of another client", `{ requirements(filter: {clientId: "1"}) { totalCount } }`); count(r, "requirements") != 0 {
				t.Fatal("another client's requirements by filter")
			}
			r = ask("portfolio", `{ portfolio { score annualContractValue } client(id: "2") { score annualContractValue } }`)
			var pf, cl struct {
				Score               *float64
				AnnualContractValue string
			}
			json.Unmarshal(r.Data["portfolio"], &pf)
			json.Unmarshal(r.Data["client"], &cl)
			if pf.AnnualContractValue != cl.AnnualContractValue || pf.Score == nil || *pf.Score != *cl.Score {
				t.Fatalf("the portfolio of a scoped token is its client: %+v vs %+v", pf, cl)
			}
			r = ask("audit log", `{ auditLog(first: 100) { totalCount nodes { entity entityId before after } } }`)
			if count(r, "auditLog") == 0 {
				t.Fatal("Kestrel's own history is missing")
			}
			if strings.Contains(string(r.Data["auditLog"]), "Someone Else") {
				t.Fatal("the audit log shows another client's change")
			}
			r = ask("promise check", `{ serviceMatches(targets: [{metric: "availability", value: 99}]) { delivers service { name } } }`)
			if len(r.Errors) > 0 || !strings.Contains(string(r.Data["serviceMatches"]), `"delivers":`) {
				t.Fatalf("promise check of a scoped token: %s %+v", r.Data["serviceMatches"], r.Errors)
			}
			r = ask("me", `{ me { name role client { name } } }`)
			if !strings.Contains(string(r.Data["me"]), `"client":{"name":"Kestrel Freight \u0026 Logistics"}`) {
				t.Fatalf("me: %s", r.Data["me"])
			}
			if r := ask("tokens", `{ tokens { name } }`); len(r.Errors) == 0 || r.Errors[0].Extensions["code"] != "FORBIDDEN" {
				t.Fatalf("tokens: %+v", r)
			}

			// Reports run with the caller's scope, by URL and as documents.
			save := postQuery(t, s.url, `mutation { saveReport(input: {slug: "all-clients", title: "All clients",
				query: "{ clients(first: 100) { nodes { name objectives { title } } } }"}) { documentId } }`, nil)
			if len(save.Errors) > 0 {
				t.Fatal(save.Errors)
			}
			var rep struct{ DocumentID string }
			json.Unmarshal(save.Data["saveReport"], &rep)
			for _, path := range []string{"/reports/all-clients.json", "/reports/all-clients.csv", "/graphql?documentId=" + url.QueryEscape(rep.DocumentID)} {
				res := request(t, "GET", s.url+path, "", "", viewer)
				if res.status != 200 || !strings.Contains(res.body, "Kestrel") {
					t.Fatalf("%s: %d %s", path, res.status, res.body)
				}
				leaks(path, res.body)
			}

			// A scoped editor writes within its client only; what it may not
			// reach is NOT_FOUND, what no scoped token may do is FORBIDDEN.
			edit := func(query string) (string, gqlResponse) {
				t.Helper()
				b, _ := json.Marshal(map[string]any{"query": query})
				res := request(t, "POST", s.url+"/graphql", "application/json", string(b), editor)
				r := decode(t, res.body)
				if len(r.Errors) > 0 {
					code, _ := r.Errors[0].Extensions["code"].(string)
					return code, r
				}
				return "", r
			}
			for _, tc := range []struct{ query, code string }{
				{`mutation { createObjective(input: {clientId: "1", title: "Sneaky"}) { id } }`, "NOT_FOUND"},
				{`mutation { updateClient(id: "1", input: {name: "Renamed"}) { id } }`, "NOT_FOUND"},
				{`mutation { deleteObjective(id: "1") }`, "NOT_FOUND"},
				{`mutation { updateRequirement(id: "1", input: {title: "Hijacked"}) { id } }`, "NOT_FOUND"},
				{`mutation { deleteCommitment(id: "1") }`, "NOT_FOUND"},
				{`mutation { createService(input: {name: "Mine"}) { id } }`, "FORBIDDEN"},
				{`mutation { recordMeasurement(input: {serviceId: "1", metric: "availability", value: 1, periodStart: "2026-01-01T00:00:00Z", periodEnd: "2026-02-01T00:00:00Z"}) { id } }`, "FORBIDDEN"},
				{`mutation { deleteClient(id: "2") }`, "FORBIDDEN"},
				{`mutation { createMetric(input: {key: "mine", name: "Mine", unit: "u", direction: LOWER_IS_BETTER}) { key } }`, "FORBIDDEN"},
				{`mutation { createObjective(input: {clientId: "2", title: "Open a Nordic hub"}) { id client { name } } }`, ""},
				{`mutation { updateClient(id: "2", input: {accountOwner: "Kim"}) { accountOwner } }`, ""},
				// Renaming it to another client's name would say that client
				// exists; its terms are the provider's.
				{`mutation { updateClient(id: "2", input: {name: "Riverbend Health Partners"}) { name } }`, "FORBIDDEN"},
				{`mutation { updateClient(id: "2", input: {name: "A name nobody has"}) { name } }`, "FORBIDDEN"},
				{`mutation { updateClient(id: "2", input: {annualContractValue: "1"}) { name } }`, "FORBIDDEN"},
				{`mutation { updateClient(id: "2", input: {status: CHURNED}) { name } }`, "FORBIDDEN"},
			} {
				if code, r := edit(tc.query); code != tc.code {
					t.Errorf("%s: code %q, want %q (%+v)", tc.query, code, tc.code, r.Errors)
				}
			}
			// Nothing of another client changed.
			check := postQuery(t, s.url, `{ client(id: "1") { name objectives { title } } }`, nil)
			if strings.Contains(string(check.Data["client"]), "Sneaky") || strings.Contains(string(check.Data["client"]), "Renamed") {
				t.Fatalf("a scoped editor changed another client: %s", check.Data["client"])
			}
		})
	}
}
