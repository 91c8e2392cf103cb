package main

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"alliance/db/dbtest"
)

const rpSaveMutation = `mutation($in: ReportInput!) { saveReport(input: $in) { slug } }`

// The demo portfolio's clients, by name, with their status.
var rpDemoClients = [][2]string{
	{"Brandt Precision Components", "ACTIVE"},
	{"Cobalt Lane Outfitters", "ACTIVE"},
	{"Harbourside Hotels Group", "CHURNED"},
	{"Hartley & Finch LLP", "ACTIVE"},
	{"Kestrel Freight & Logistics", "ACTIVE"},
	{"Lumen Pay", "PROSPECT"},
	{"Riverbend Health Partners", "ACTIVE"},
	{"Valley Water & Power", "ACTIVE"},
}

func TestSaveReportRefusesInvalidInputNamingTheField(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			s := start(t, []string{"--db", dbtest.URL(t, dialect)}, nil)
			good := `{ metrics { key } }`
			for _, tc := range []struct {
				name  string
				in    map[string]any
				field string
			}{
				{"slug with upper case and a space", map[string]any{"slug": "Bad Slug", "title": "t", "query": good}, "slug"},
				{"slug starting with a dash", map[string]any{"slug": "-clients", "title": "t", "query": good}, "slug"},
				{"slug of 64 characters", map[string]any{"slug": strings.Repeat("a", 64), "title": "t", "query": good}, "slug"},
				{"slug with a dot", map[string]any{"slug": "clients.csv", "title": "t", "query": good}, "slug"},
				{"empty title", map[string]any{"slug": "ok", "title": "   ", "query": good}, "title"},
				{"query that does not parse", map[string]any{"slug": "ok", "title": "t", "query": `{ metrics { key `}, "query"},
				{"query asking for a field the schema lacks", map[string]any{"slug": "ok", "title": "t", "query": `{ nosuchfield }`}, "query"},
				{"query that is a mutation", map[string]any{"slug": "ok", "title": "t", "query": `mutation { deleteClient(id: "1") }`}, "query"},
				{"two operations", map[string]any{"slug": "ok", "title": "t", "query": `query A { metrics { key } } query B { metrics { name } }`}, "query"},
				{"variables an array", map[string]any{"slug": "ok", "title": "t", "query": good, "variables": []any{1, 2}}, "variables"},
				{"variables a string", map[string]any{"slug": "ok", "title": "t", "query": good, "variables": "first=2"}, "variables"},
				{"variables a number", map[string]any{"slug": "ok", "title": "t", "query": good, "variables": 7}, "variables"},
			} {
				t.Run(tc.name, func(t *testing.T) {
					r := rpGQL(t, s, nil, rpSaveMutation, map[string]any{"in": tc.in})
					code, field := rpFirstError(t, r)
					if code != "BAD_USER_INPUT" || field != tc.field {
						t.Fatalf("code %q field %q, want BAD_USER_INPUT on %q: %s", code, field, tc.field, r.Errors[0].Message)
					}
					if d := r.Data["saveReport"]; len(d) != 0 && string(d) != "null" {
						t.Fatalf("a refused report came back: %s", d)
					}
				})
			}
			// Nothing was saved; the longest slug allowed is.
			var reports []rpReport
			rpMust(t, s, `{ reports { slug } }`, nil, "reports", &reports)
			if len(reports) != 0 {
				t.Fatalf("refused reports were saved: %+v", reports)
			}
			longest := strings.Repeat("a", 63)
			if rep := rpSaveReport(t, s, longest, "Longest", good, nil); rep.Slug != longest || string(rep.Variables) != "{}" {
				t.Fatalf("63-character slug: %+v", rep)
			}
		})
	}
}

func TestSaveReportWithTheSameSlugReplacesIt(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			s := start(t, []string{"--db", dbtest.URL(t, dialect), "--demo"}, nil)
			q1 := `{ metrics { key } }`
			first := rpSaveReport(t, s, "clients", "Clients", q1, nil)
			if first.CreatedBy == nil || *first.CreatedBy != "bootstrap" || !first.CreatedAt.Equal(first.UpdatedAt) {
				t.Fatalf("first save: %+v", first)
			}
			if want := "sha256:" + rpSHA256(q1); first.DocumentID != want {
				t.Fatalf("documentId %s, want %s", first.DocumentID, want)
			}
			if first.JSONURL != s.url+"/reports/clients.json" || first.CSVURL != s.url+"/reports/clients.csv" {
				t.Fatalf("urls %s %s", first.JSONURL, first.CSVURL)
			}
			time.Sleep(20 * time.Millisecond)
			q2 := `query($first: Int) { clients(first: $first) { nodes { name } } }`
			// Not by accident: without replace, a slug that exists is a
			// conflict, and the report stays as it was.
			clash := postQuery(t, s.url, `mutation { saveReport(input: {slug: "clients", title: "Oops", query: "{ metrics { name } }"}) { slug } }`, nil)
			if len(clash.Errors) != 1 || clash.Errors[0].Extensions["code"] != "CONFLICT" || clash.Errors[0].Extensions["field"] != "slug" ||
				!strings.Contains(clash.Errors[0].Message, "replace: true") {
				t.Fatalf("saving an existing slug without replace: %+v", clash.Errors)
			}
			if again := rpGet(t, s, "/reports/clients.json", admin); !strings.Contains(again.body, `"key"`) {
				t.Fatalf("the refused save changed the report: %s", again.body)
			}
			second := rpSaveReport(t, s, "clients", "All clients", q2, map[string]any{"first": 2})

			var reports []rpReport
			rpMust(t, s, `{ reports { `+rpReportFields+` } }`, nil, "reports", &reports)
			if len(reports) != 1 {
				t.Fatalf("%d reports after saving one slug twice: %+v", len(reports), reports)
			}
			got := reports[0]
			if got.Slug != "clients" || got.Title != "All clients" || got.Query != q2 || string(got.Variables) != `{"first":2}` ||
				got.DocumentID != "sha256:"+rpSHA256(q2) || got.DocumentID == first.DocumentID {
				t.Fatalf("replaced report: %+v", got)
			}
			if !got.CreatedAt.Equal(first.CreatedAt) {
				t.Fatalf("createdAt moved from %s to %s", first.CreatedAt, got.CreatedAt)
			}
			if !got.UpdatedAt.After(first.UpdatedAt) || !got.UpdatedAt.Equal(second.UpdatedAt) {
				t.Fatalf("updatedAt %s, first %s, second save %s", got.UpdatedAt, first.UpdatedAt, second.UpdatedAt)
			}
			// The report runs the new query, and the old document is gone.
			if res := rpGet(t, s, "/reports/clients.json", admin); res.status != 200 ||
				!slices.Equal(rpNames(t, res.body), []string{"Brandt Precision Components", "Cobalt Lane Outfitters"}) {
				t.Fatalf("replaced report runs: %d %s", res.status, res.body)
			}
			if res := rpGet(t, s, "/graphql?documentId="+url.QueryEscape(first.DocumentID), admin); res.status != 404 {
				t.Fatalf("the replaced query is still a document: %d %s", res.status, res.body)
			}
		})
	}
}

func TestDeleteReportRemovesItAndItsLinks(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			s := start(t, []string{"--db", dbtest.URL(t, dialect), "--demo"}, nil)
			rpSaveReport(t, s, "doomed", "Doomed", `{ clients(first: 2) { nodes { name } } }`, nil)
			rpSaveReport(t, s, "kept", "Kept", `{ metrics { key } }`, nil)
			link := rpCreateShareLink(t, s, "doomed", "", "")
			if res := request(t, "GET", link.URL, "", "", nil); res.status != 200 {
				t.Fatalf("share link before the delete: %d %s", res.status, res.body)
			}

			r := rpGQL(t, s, nil, `mutation { deleteReport(slug: "doomed") }`, nil)
			if len(r.Errors) > 0 || string(r.Data["deleteReport"]) != `"doomed"` {
				t.Fatalf("deleteReport: %s %v", r.Data["deleteReport"], r.Errors)
			}
			var reports []rpReport
			rpMust(t, s, `{ reports { slug } }`, nil, "reports", &reports)
			if len(reports) != 1 || reports[0].Slug != "kept" {
				t.Fatalf("reports after the delete: %+v", reports)
			}
			if r := rpGQL(t, s, nil, `{ report(slug: "doomed") { slug } }`, nil); string(r.Data["report"]) != "null" || len(r.Errors) > 0 {
				t.Fatalf("report(slug) after the delete: %s %v", r.Data["report"], r.Errors)
			}
			for _, path := range []string{"/reports/doomed.json", "/reports/doomed.csv"} {
				res := rpGet(t, s, path, admin)
				if code, _ := rpFirstError(t, decode(t, res.body)); res.status != 404 || code != "NOT_FOUND" {
					t.Fatalf("%s after the delete: %d %s", path, res.status, res.body)
				}
			}
			if res := request(t, "GET", link.URL, "", "", nil); res.status != 401 {
				t.Fatalf("share link of a deleted report: %d %s", res.status, res.body)
			}
			var links []rpShareLink
			rpMust(t, s, `{ shareLinks { id } }`, nil, "shareLinks", &links)
			if len(links) != 0 {
				t.Fatalf("share links of a deleted report are still listed: %+v", links)
			}
			again := rpGQL(t, s, nil, `mutation { deleteReport(slug: "doomed") }`, nil)
			if code, field := rpFirstError(t, again); code != "NOT_FOUND" || field != "slug" {
				t.Fatalf("deleting again: %s %s", code, field)
			}
		})
	}
}

func TestOnlyAdminsManageReports(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			s := start(t, []string{"--db", dbtest.URL(t, dialect), "--demo"}, nil)
			rpSaveReport(t, s, "existing", "Existing", `{ clients(first: 1) { nodes { name } } }`, nil)
			for _, role := range []string{"VIEWER", "EDITOR"} {
				t.Run(role, func(t *testing.T) {
					h := rpBearer(rpCreateToken(t, s, strings.ToLower(role)+"-token", role, ""))
					for name, op := range map[string]string{
						"saveReport":      `mutation { saveReport(input: {slug: "mine", title: "Mine", query: "{ metrics { key } }"}) { slug } }`,
						"deleteReport":    `mutation { deleteReport(slug: "existing") }`,
						"createShareLink": `mutation { createShareLink(slug: "existing") { url } }`,
					} {
						r := rpGQL(t, s, h, op, nil)
						if code, _ := rpFirstError(t, r); code != "FORBIDDEN" {
							t.Fatalf("%s as %s: %s %s", name, role, code, r.Errors[0].Message)
						}
					}
					// Reading and running reports is allowed.
					var reports []rpReport
					r := rpGQL(t, s, h, `{ reports { slug } }`, nil)
					if err := json.Unmarshal(r.Data["reports"], &reports); err != nil || len(reports) != 1 || reports[0].Slug != "existing" {
						t.Fatalf("reports as %s: %s %v", role, r.Data["reports"], r.Errors)
					}
					if res := rpGet(t, s, "/reports/existing.json", h); res.status != 200 ||
						!slices.Equal(rpNames(t, res.body), []string{"Brandt Precision Components"}) {
						t.Fatalf("running a report as %s: %d %s", role, res.status, res.body)
					}
				})
			}
			var reports []rpReport
			rpMust(t, s, `{ reports { slug } }`, nil, "reports", &reports)
			if len(reports) != 1 || reports[0].Slug != "existing" {
				t.Fatalf("a refused mutation changed the reports: %+v", reports)
			}
		})
	}
}

func TestReportJSONRunsTheQueryWithVariablesFromTheQueryString(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			s := start(t, []string{"--db", dbtest.URL(t, dialect), "--demo"}, nil)
			query := `query($first: Int, $search: String, $status: [ClientStatus!]) {
				clients(first: $first, filter: {search: $search, status: $status}) { nodes { name status } } }`
			rpSaveReport(t, s, "by-status", "Clients by status", query, map[string]any{"first": 3})

			// The default variables: the same answer as /graphql.
			res := rpGet(t, s, "/reports/by-status.json", admin)
			if res.status != 200 || res.header.Get("Content-Type") != "application/json; charset=utf-8" {
				t.Fatalf("default: %d %q %s", res.status, res.header.Get("Content-Type"), res.body)
			}
			body, _ := json.Marshal(map[string]any{"query": query, "variables": map[string]any{"first": 3}})
			direct := request(t, "POST", s.url+"/graphql", "application/json", string(body), admin)
			if res.body != direct.body {
				t.Fatalf("the report answers\n%s\nand /graphql\n%s", res.body, direct.body)
			}
			if got := rpNames(t, res.body); !slices.Equal(got, []string{"Brandt Precision Components", "Cobalt Lane Outfitters", "Harbourside Hotels Group"}) {
				t.Fatalf("default variables: %q", got)
			}

			namesWith := func(statuses ...string) []string {
				var out []string
				for _, c := range rpDemoClients {
					if slices.Contains(statuses, c[1]) {
						out = append(out, c[0])
					}
				}
				return out
			}
			for _, tc := range []struct {
				name, query string
				want        []string
			}{
				{"an Int", "first=2", []string{"Brandt Precision Components", "Cobalt Lane Outfitters"}},
				{"a String", "first=20&search=lane", []string{"Cobalt Lane Outfitters"}},
				{"a String that looks like a number", "first=20&search=1234", []string{}},
				{"enums comma-separated", "first=20&status=ACTIVE,PROSPECT", namesWith("ACTIVE", "PROSPECT")},
				{"enums comma-separated with spaces", "first=20&status=" + url.QueryEscape("CHURNED, PROSPECT"), namesWith("CHURNED", "PROSPECT")},
				{"enums as a JSON list", "first=20&status=" + url.QueryEscape(`["ACTIVE"]`), namesWith("ACTIVE")},
				{"one enum", "first=20&status=CHURNED", namesWith("CHURNED")},
			} {
				t.Run(tc.name, func(t *testing.T) {
					res := rpGet(t, s, "/reports/by-status.json?"+tc.query, admin)
					if res.status != 200 {
						t.Fatalf("%d %s", res.status, res.body)
					}
					if got := rpNames(t, res.body); !slices.Equal(got, tc.want) {
						t.Fatalf("got %q, want %q", got, tc.want)
					}
				})
			}
			if len(namesWith("ACTIVE")) != 6 {
				t.Fatalf("the demo portfolio changed: %v", rpDemoClients)
			}

			// Refusals.
			for _, tc := range []struct {
				name, query string
				status      int
				code        string
			}{
				{"an unknown variable", "first=2&region=north", 400, "BAD_USER_INPUT"},
				{"a value that is not JSON", "first=two", 400, "BAD_USER_INPUT"},
				{"a page too large", "first=1000", 400, "BAD_USER_INPUT"},
				{"an unknown enum value", "first=20&status=ACTIVE,SLEEPING", 422, "GRAPHQL_VALIDATION_FAILED"},
			} {
				t.Run(tc.name, func(t *testing.T) {
					res := rpGet(t, s, "/reports/by-status.json?"+tc.query, admin)
					if code, _ := rpFirstError(t, decode(t, res.body)); res.status != tc.status || code != tc.code {
						t.Fatalf("%d %s, want %d %s", res.status, res.body, tc.status, tc.code)
					}
				})
			}
			if res := rpGet(t, s, "/reports/by-status.xml", admin); res.status != 404 {
				t.Fatalf(".xml: %d %s", res.status, res.body)
			}
			if res := rpGet(t, s, "/reports/no-such-report.json", admin); res.status != 404 || !strings.Contains(res.body, "NOT_FOUND") {
				t.Fatalf("unknown report: %d %s", res.status, res.body)
			}
			if res := rpGet(t, s, "/reports/by-status.json", nil); res.status != 401 {
				t.Fatalf("without a token: %d %s", res.status, res.body)
			}
		})
	}
}

// A report's ETag is a hash of the answer's bytes: 304 while the answer is
// the same, whatever happened meanwhile, and a new tag as soon as it is not.
// Streamed answers (all=true) have none.
func TestReportETagAnswers304UntilTheAnswerChanges(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			s := start(t, []string{"--db", dbtest.URL(t, dialect), "--demo"}, nil)
			query := `query($first: Int, $after: String) { clients(first: $first, after: $after) { pageInfo { hasNextPage endCursor } nodes { name } } }`
			rpSaveReport(t, s, "first-three", "First three", query, map[string]any{"first": 3})

			first := rpGet(t, s, "/reports/first-three.json", admin)
			etag := first.header.Get("ETag")
			if first.status != 200 || etag != `"`+rpSHA256(first.body)[:32]+`"` {
				t.Fatalf("first answer: %d ETag %q, want the hash of %s", first.status, etag, first.body)
			}
			if cc := first.header.Get("Cache-Control"); cc != "private, max-age=30" {
				t.Fatalf("Cache-Control %q", cc)
			}
			if again := rpGet(t, s, "/reports/first-three.json", admin); again.header.Get("ETag") != etag {
				t.Fatalf("the ETag moved with nothing changed: %q then %q", etag, again.header.Get("ETag"))
			}
			for _, inm := range []string{etag, "W/" + etag, `"other", ` + etag, "*"} {
				notModified := rpGet(t, s, "/reports/first-three.json", with(admin, "If-None-Match", inm))
				if notModified.status != 304 || notModified.body != "" || notModified.header.Get("ETag") != etag {
					t.Fatalf("If-None-Match %s with nothing changed: %d %q %q", inm, notModified.status, notModified.header.Get("ETag"), notModified.body)
				}
			}
			// Other variables or another format are another answer.
			other := rpGet(t, s, "/reports/first-three.json?first=2", with(admin, "If-None-Match", etag))
			if other.status != 200 || other.header.Get("ETag") == etag {
				t.Fatalf("other variables: %d %q", other.status, other.header.Get("ETag"))
			}
			asCSV := rpGet(t, s, "/reports/first-three.csv", with(admin, "If-None-Match", etag))
			if asCSV.status != 200 || asCSV.header.Get("ETag") != `"`+rpSHA256(asCSV.body)[:32]+`"` {
				t.Fatalf("CSV: %d %q", asCSV.status, asCSV.header.Get("ETag"))
			}
			if res := rpGet(t, s, "/reports/first-three.csv", with(admin, "If-None-Match", asCSV.header.Get("ETag"))); res.status != 304 {
				t.Fatalf("CSV with its ETag: %d", res.status)
			}

			// A change of the data that the answer shows: a new answer and a
			// new ETag.
			rpCreateClient(t, s, "Aardvark Analytics", "1000")
			changed := rpGet(t, s, "/reports/first-three.json", with(admin, "If-None-Match", etag))
			if changed.status != 200 || changed.header.Get("ETag") == etag || changed.header.Get("ETag") == "" {
				t.Fatalf("after a mutation: %d ETag %q (was %q)", changed.status, changed.header.Get("ETag"), etag)
			}
			if got := rpNames(t, changed.body); !slices.Equal(got, []string{"Aardvark Analytics", "Brandt Precision Components", "Cobalt Lane Outfitters"}) {
				t.Fatalf("after a mutation: %q", got)
			}
			newTag := changed.header.Get("ETag")
			// A change that the answer does not show leaves it as it is: 304.
			rpCreateClient(t, s, "Zephyr Logistics", "1000")
			rpSaveReport(t, s, "first-three", "First three, saved again", query, map[string]any{"first": 3})
			if res := rpGet(t, s, "/reports/first-three.json", with(admin, "If-None-Match", newTag)); res.status != 304 {
				t.Fatalf("after changes the answer does not show: %d %s", res.status, res.body)
			}
			// Saving the report with another query is another answer.
			rpSaveReport(t, s, "first-three", "First three", `query($first: Int) { clients(first: $first) { nodes { name status } } }`, map[string]any{"first": 3})
			if res := rpGet(t, s, "/reports/first-three.json", with(admin, "If-None-Match", newTag)); res.status != 200 || res.header.Get("ETag") == newTag {
				t.Fatalf("after saving another query: %d %q", res.status, res.header.Get("ETag"))
			}

			// Every page, streamed: no ETag, and If-None-Match changes nothing.
			rpSaveReport(t, s, "all-clients", "All clients", query, map[string]any{"first": 3})
			for _, path := range []string{"/reports/all-clients.json?all=true", "/reports/all-clients.csv?all=true"} {
				res := rpGet(t, s, path, with(admin, "If-None-Match", "*"))
				if res.status != 200 || res.header.Get("ETag") != "" || !strings.Contains(res.body, "Zephyr Logistics") {
					t.Fatalf("%s: %d ETag %q %s", path, res.status, res.header.Get("ETag"), res.body)
				}
			}
		})
	}
}

func TestReportAllPagesThroughTheWholeConnection(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			s := start(t, []string{"--db", dbtest.URL(t, dialect)}, nil)
			var names []string
			for i := 1; i <= 10; i++ {
				name := fmt.Sprintf("Client %02d", i)
				names = append(names, name)
				rpCreateClient(t, s, name, "")
			}
			rpSaveReport(t, s, "paged", "Paged", `query($after: String) {
				clients(first: 3, after: $after) { pageInfo { hasNextPage endCursor } nodes { name } } }`, nil)
			rpSaveReport(t, s, "paged-edges", "Paged by edges", `query($after: String) {
				clients(first: 4, after: $after) { pageInfo { endCursor hasNextPage } edges { node { name } } } }`, nil)
			rpSaveReport(t, s, "unpaged", "No $after", `{ clients(first: 3) { pageInfo { hasNextPage endCursor } nodes { name } } }`, nil)
			rpSaveReport(t, s, "no-page-info", "No pageInfo", `query($after: String) { clients(first: 3, after: $after) { nodes { name } } }`, nil)

			wantCSV := [][]string{{"name"}}
			for _, n := range names {
				wantCSV = append(wantCSV, []string{n})
			}
			// Without all: one page.
			res := rpGet(t, s, "/reports/paged.csv", admin)
			if res.status != 200 {
				t.Fatalf("one page: %d %s", res.status, res.body)
			}
			rpEqualRecords(t, rpCSV(t, res.body), wantCSV[:4])

			for _, path := range []string{"/reports/paged.csv?all=true", "/reports/paged.csv?all=1", "/reports/paged-edges.csv?all=true"} {
				res := rpGet(t, s, path, admin)
				if res.status != 200 || !strings.HasPrefix(res.header.Get("Content-Type"), "text/csv") {
					t.Fatalf("%s: %d %s", path, res.status, res.body)
				}
				rpEqualRecords(t, rpCSV(t, res.body), wantCSV)
			}

			// As JSON: an array of the rows.
			var want []string
			for _, n := range names {
				want = append(want, fmt.Sprintf(`{"name":%q}`, n))
			}
			for _, path := range []string{"/reports/paged.json?all=true", "/reports/paged-edges.json?all=true"} {
				res := rpGet(t, s, path, admin)
				if res.status != 200 || res.header.Get("Content-Type") != "application/json; charset=utf-8" || res.body != "["+strings.Join(want, ",")+"]" {
					t.Fatalf("%s: %d %q %s", path, res.status, res.header.Get("Content-Type"), res.body)
				}
			}
			// Without all, .json is the GraphQL answer of the first page.
			res = rpGet(t, s, "/reports/paged.json", admin)
			var page struct {
				Data struct {
					Clients struct {
						PageInfo struct{ HasNextPage bool }
						Nodes    []struct{ Name string }
					}
				}
			}
			if err := json.Unmarshal([]byte(res.body), &page); err != nil || !page.Data.Clients.PageInfo.HasNextPage || len(page.Data.Clients.Nodes) != 3 {
				t.Fatalf("one JSON page: %s", res.body)
			}

			// A report that cannot page.
			for _, path := range []string{"/reports/unpaged.csv?all=true", "/reports/unpaged.json?all=true", "/reports/no-page-info.csv?all=true"} {
				res := rpGet(t, s, path, admin)
				if code, _ := rpFirstError(t, decode(t, res.body)); res.status != 400 || code != "BAD_USER_INPUT" {
					t.Fatalf("%s: %d %s", path, res.status, res.body)
				}
			}
			if res := rpGet(t, s, "/reports/unpaged.csv", admin); res.status != 200 {
				t.Fatalf("unpaged without all: %d %s", res.status, res.body)
			}
		})
	}
}

// Bug: a query-string value is read as JSON with a decoder that stops after
// the first value (reports.go, decodeValue), so "first=2x" runs the report
// with first=2 instead of refusing a value that is not JSON.
func TestReportRefusesAVariableWithTrailingGarbage(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			s := start(t, []string{"--db", dbtest.URL(t, dialect), "--demo"}, nil)
			rpSaveReport(t, s, "first-clients", "First clients", `query($first: Int) { clients(first: $first) { nodes { name } } }`, map[string]any{"first": 3})
			for _, raw := range []string{"2x", "2 3", `2}`} {
				res := rpGet(t, s, "/reports/first-clients.json?first="+url.QueryEscape(raw), admin)
				if res.status != 400 || !strings.Contains(res.body, "BAD_USER_INPUT") {
					t.Errorf("first=%s: %d %s, want 400 BAD_USER_INPUT", raw, res.status, res.body)
				}
			}
		})
	}
}

// Bug: rows.go pageable() accepts all=true whenever the query declares
// $after: String and the row connection selects pageInfo, without checking
// that $after is the after argument of that connection. Here $after pages
// another list, so the rows' connection answers its first page again and
// again (hasNextPage stays true): the CSV repeats the same three clients
// until maxReportPages (10,000 pages, 30,000 rows). It should be refused
// with 400 like any report that cannot page.
func TestReportAllRefusesAnAfterThatDoesNotPageTheRows(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			s := start(t, []string{"--db", dbtest.URL(t, dialect)}, nil)
			for i := 1; i <= 10; i++ {
				rpCreateClient(t, s, fmt.Sprintf("Client %02d", i), "")
			}
			rpSaveReport(t, s, "misdirected", "Misdirected $after", `query($after: String) {
				clients(first: 3) { pageInfo { hasNextPage endCursor } nodes { name } }
				other: clients(first: 1, after: $after) { nodes { name } } }`, nil)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			req, _ := http.NewRequestWithContext(ctx, "GET", s.url+"/reports/misdirected.csv?all=true", nil)
			req.Header.Set("Authorization", "Bearer "+testSecret)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			if resp.StatusCode == 400 {
				return
			}
			// Read no more than 12 lines: the answer would go on for 30,000.
			sc := bufio.NewScanner(resp.Body)
			var lines []string
			for len(lines) < 12 && sc.Scan() {
				lines = append(lines, strings.TrimSuffix(sc.Text(), "\r"))
			}
			cancel()
			t.Fatalf("all=true with an $after that pages another list: %d, want 400; the first lines:\n%s",
				resp.StatusCode, strings.Join(lines, "\n"))
		})
	}
}

// Bug: reports.go sets ETag and "Cache-Control: private, max-age=30"
// before the query runs, so an error answer carries them too. A 429 (rate
// limited, Retry-After: 1) may then be kept by a browser for 30 s, and
// revalidating it with its ETag gets 304 Not Modified once the limit has
// passed, so the client keeps the 429 instead of getting the report.
func TestReportRateLimitedAnswerIsNotCached(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			s := start(t, []string{"--db", dbtest.URL(t, dialect), "--demo", "--rate-limit", "100", "--max-query-cost", "200"}, nil)
			rpSaveReport(t, s, "first-clients", "First clients", `{ clients(first: 20) { nodes { name } } }`, nil)
			viewer := rpBearer(rpCreateToken(t, s, "poller", "VIEWER", ""))
			var limited httpResult
			for i := 0; i < 100 && limited.status != 429; i++ {
				limited = rpGet(t, s, "/reports/first-clients.json", viewer)
				if limited.status != 200 && limited.status != 429 {
					t.Fatalf("%d %s", limited.status, limited.body)
				}
			}
			if limited.status != 429 {
				t.Fatal("never rate limited")
			}
			if code, _ := rpFirstError(t, decode(t, limited.body)); code != "RATE_LIMITED" || limited.header.Get("Retry-After") == "" {
				t.Fatalf("429: %s %v", limited.body, limited.header)
			}
			etag, cc := limited.header.Get("ETag"), limited.header.Get("Cache-Control")
			wait := time.Duration(rpAtoi(t, limited.header.Get("Retry-After"))) * time.Second
			time.Sleep(wait + 200*time.Millisecond)
			h := viewer
			if etag != "" {
				h = with(viewer, "If-None-Match", etag)
			}
			after := rpGet(t, s, "/reports/first-clients.json", h)
			if etag != "" || strings.Contains(cc, "max-age") || after.status != 200 {
				t.Fatalf("a 429 answer carries ETag %q and Cache-Control %q; revalidating it after Retry-After gives %d %q",
					etag, cc, after.status, after.body)
			}
		})
	}
}

func rpSHA256(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

func rpAtoi(t *testing.T, s string) int64 {
	t.Helper()
	var n int64
	if _, err := fmt.Sscan(s, &n); err != nil {
		t.Fatalf("%q: %v", s, err)
	}
	return n
}
