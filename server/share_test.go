package main

import (
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"alliance/db"
	"alliance/db/dbtest"
)

func TestPersistedDocumentRunsASavedReport(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			s := start(t, []string{"--db", dbtest.URL(t, dialect), "--demo"}, nil)
			query := `query($first: Int) { clients(first: $first) { nodes { name } } }`
			rpSaveReport(t, s, "first-clients", "First clients", query, map[string]any{"first": 2})
			var reports []rpReport
			rpMust(t, s, `{ reports { slug documentId } }`, nil, "reports", &reports)
			if len(reports) != 1 || reports[0].DocumentID != "sha256:"+rpSHA256(query) {
				t.Fatalf("reports: %+v", reports)
			}
			doc := "/graphql?documentId=" + url.QueryEscape(reports[0].DocumentID)

			res := rpGet(t, s, doc, admin)
			if res.status != 200 || !slices.Equal(rpNames(t, res.body), []string{"Brandt Precision Components", "Cobalt Lane Outfitters"}) {
				t.Fatalf("the saved document: %d %s", res.status, res.body)
			}
			viewer := rpBearer(rpCreateToken(t, s, "dashboard", "VIEWER", ""))
			res = rpGet(t, s, doc+"&variables="+url.QueryEscape(`{"first":1}`), viewer)
			if res.status != 200 || !slices.Equal(rpNames(t, res.body), []string{"Brandt Precision Components"}) {
				t.Fatalf("with variables: %d %s", res.status, res.body)
			}

			for _, tc := range []struct {
				name, path string
				header     map[string]string
				status     int
				code       string
			}{
				{"an unknown document", "/graphql?documentId=sha256:" + strings.Repeat("0", 64), admin, 404, "NOT_FOUND"},
				{"a document and a query", doc + "&query=" + url.QueryEscape(`{ metrics { key } }`), admin, 400, "BAD_USER_INPUT"},
				{"no token", doc, nil, 401, "UNAUTHENTICATED"},
				{"a bad token", doc, rpBearer("not-a-token-0123456789"), 401, "UNAUTHENTICATED"},
			} {
				t.Run(tc.name, func(t *testing.T) {
					res := rpGet(t, s, tc.path, tc.header)
					if code, _ := rpFirstError(t, decode(t, res.body)); res.status != tc.status || code != tc.code {
						t.Fatalf("%d %s, want %d %s", res.status, res.body, tc.status, tc.code)
					}
				})
			}
		})
	}
}

func TestShareLinkRunsOneReportWithoutAToken(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			s := start(t, []string{"--db", dbtest.URL(t, dialect), "--demo"}, nil)
			rpSaveReport(t, s, "client-list", "Clients", `{ clients(first: 50) { nodes { name status } } }`, nil)
			rpSaveReport(t, s, "metric-list", "Metrics", `{ metrics { key } }`, nil)

			link := rpCreateShareLink(t, s, "client-list", "", "")
			secret := rpSecret(t, link.URL)
			if link.URL != s.url+"/reports/client-list.csv?share="+url.QueryEscape(secret) ||
				link.JSONURL != s.url+"/reports/client-list.json?share="+url.QueryEscape(secret) {
				t.Fatalf("urls %s %s", link.URL, link.JSONURL)
			}
			if d := time.Until(link.ExpiresAt); !link.Active || d < 719*time.Hour || d > 720*time.Hour {
				t.Fatalf("a new link: active %t, expires in %s", link.Active, d)
			}

			// Without any Authorization header.
			wantAll := [][]string{{"name", "status"}}
			for _, c := range rpDemoClients {
				wantAll = append(wantAll, []string{c[0], c[1]})
			}
			res := request(t, "GET", link.URL, "", "", nil)
			if res.status != 200 || !strings.HasPrefix(res.header.Get("Content-Type"), "text/csv") {
				t.Fatalf("the link: %d %s", res.status, res.body)
			}
			rpEqualRecords(t, rpCSV(t, res.body), wantAll)
			res = request(t, "GET", link.JSONURL, "", "", nil)
			if res.status != 200 || len(rpNames(t, res.body)) != len(rpDemoClients) {
				t.Fatalf("the JSON link: %d %s", res.status, res.body)
			}

			// The list of links gives the same URL.
			var links []rpShareLink
			rpMust(t, s, `{ shareLinks { `+rpShareLinkFields+` } }`, nil, "shareLinks", &links)
			if len(links) != 1 || links[0].URL != link.URL || links[0].ID != link.ID {
				t.Fatalf("shareLinks %+v, created %+v", links, link)
			}

			parts := strings.Split(secret, ".")
			if len(parts) != 3 || len(parts[2]) < 20 {
				t.Fatalf("secret %q", secret)
			}
			flip := func(s string, i int) string {
				c := byte('A')
				if s[i] == 'A' {
					c = 'B'
				}
				return s[:i] + string(c) + s[i+1:]
			}
			for _, tc := range []struct{ name, path, header string }{
				{"on another report", "/reports/metric-list.csv?share=" + url.QueryEscape(secret), ""},
				{"on another report as JSON", "/reports/metric-list.json?share=" + url.QueryEscape(secret), ""},
				{"with a character of the signature changed", "/reports/client-list.csv?share=" + url.QueryEscape(parts[0]+"."+parts[1]+"."+flip(parts[2], 0)), ""},
				{"with a character in the middle of the signature changed", "/reports/client-list.csv?share=" + url.QueryEscape(parts[0]+"."+parts[1]+"."+flip(parts[2], len(parts[2])/2)), ""},
				{"with a later expiry", "/reports/client-list.csv?share=" + url.QueryEscape(fmt.Sprintf("%s.%d.%s", parts[0], rpAtoi(t, parts[1])+3600, parts[2])), ""},
				{"with another id", "/reports/client-list.csv?share=" + url.QueryEscape("9"+parts[0]+"."+parts[1]+"."+parts[2]), ""},
				{"empty", "/reports/client-list.csv?share=", ""},
				{"as a bearer token on /graphql", "/graphql?query=" + url.QueryEscape(`{ clients { totalCount } }`), secret},
				{"as a bearer token on the report", "/reports/client-list.csv", secret},
				{"on /graphql", "/graphql?share=" + url.QueryEscape(secret) + "&query=" + url.QueryEscape(`{ clients { totalCount } }`), ""},
			} {
				t.Run(tc.name, func(t *testing.T) {
					var h map[string]string
					if tc.header != "" {
						h = rpBearer(tc.header)
					}
					res := rpGet(t, s, tc.path, h)
					if code, _ := rpFirstError(t, decode(t, res.body)); res.status != 401 || code != "UNAUTHENTICATED" {
						t.Fatalf("%d %s", res.status, res.body)
					}
				})
			}

			// A link limited to one client shows that client only.
			var clients []struct{ ID, Name string }
			var conn struct{ Nodes json.RawMessage }
			rpMust(t, s, `{ clients(first: 50) { nodes { id name } } }`, nil, "clients", &conn)
			if err := json.Unmarshal(conn.Nodes, &clients); err != nil {
				t.Fatal(err)
			}
			kestrel := ""
			for _, c := range clients {
				if c.Name == "Kestrel Freight & Logistics" {
					kestrel = c.ID
				}
			}
			if kestrel == "" {
				t.Fatalf("no Kestrel in %s", conn.Nodes)
			}
			scoped := rpCreateShareLink(t, s, "client-list", "", kestrel)
			if scoped.Client == nil || scoped.Client.ID != kestrel {
				t.Fatalf("scoped link client: %+v", scoped.Client)
			}
			res = request(t, "GET", scoped.URL, "", "", nil)
			if res.status != 200 {
				t.Fatalf("scoped link: %d %s", res.status, res.body)
			}
			rpEqualRecords(t, rpCSV(t, res.body), [][]string{{"name", "status"}, {"Kestrel Freight & Logistics", "ACTIVE"}})
			res = request(t, "GET", scoped.JSONURL, "", "", nil)
			if res.status != 200 || !slices.Equal(rpNames(t, res.body), []string{"Kestrel Freight & Logistics"}) {
				t.Fatalf("scoped JSON link: %d %s", res.status, res.body)
			}

			// Revoked: refused; the other link still works.
			var revoked rpShareLink
			rpMust(t, s, `mutation($id: ID!) { revokeShareLink(id: $id) { `+rpShareLinkFields+` } }`, map[string]any{"id": link.ID}, "revokeShareLink", &revoked)
			if revoked.Active || revoked.ID != link.ID {
				t.Fatalf("revoked link: %+v", revoked)
			}
			for _, u := range []string{link.URL, link.JSONURL} {
				res := request(t, "GET", u, "", "", nil)
				if code, _ := rpFirstError(t, decode(t, res.body)); res.status != 401 || code != "UNAUTHENTICATED" {
					t.Fatalf("revoked link %s: %d %s", u, res.status, res.body)
				}
			}
			if res := request(t, "GET", scoped.URL, "", "", nil); res.status != 200 {
				t.Fatalf("the other link after a revoke: %d %s", res.status, res.body)
			}

			// A share link works on its report's URL only, even for a report
			// named like another route.
			rpSaveReport(t, s, "graphql", "Named like the API", `{ metrics { key } }`, nil)
			named := rpCreateShareLink(t, s, "graphql", "", "")
			if res := request(t, "GET", named.URL, "", "", nil); res.status != 200 {
				t.Fatalf("the link of report graphql: %d %s", res.status, res.body)
			}
			res = rpGet(t, s, "/graphql?share="+url.QueryEscape(rpSecret(t, named.URL))+"&query="+url.QueryEscape(`{ metrics { key } }`), nil)
			if code, _ := rpFirstError(t, decode(t, res.body)); res.status != 401 || code != "UNAUTHENTICATED" {
				t.Fatalf("the link of report graphql on /graphql: %d %s", res.status, res.body)
			}

			// The secrets never reach the logs, though the requests do.
			logs := s.stderr.String()
			if !strings.Contains(logs, "path=/reports/client-list.csv") {
				t.Fatalf("the report requests are not logged:\n%s", logs)
			}
			for _, sec := range []string{secret, rpSecret(t, scoped.URL), rpSecret(t, named.URL)} {
				sig := sec[strings.LastIndex(sec, ".")+1:]
				if strings.Contains(logs, sig) || strings.Contains(logs, url.QueryEscape(sec)) {
					t.Fatalf("a share secret is in the logs:\n%s", logs)
				}
			}
		})
	}
}

func TestShareLinkStopsWorkingWhenItExpires(t *testing.T) {
	s := start(t, []string{"--db", dbtest.URL(t, db.SQLite), "--demo"}, nil)
	rpSaveReport(t, s, "metric-list", "Metrics", `{ metrics { key } }`, nil)
	link := rpCreateShareLink(t, s, "metric-list", "1s", "")
	if d := time.Until(link.ExpiresAt); d > time.Second {
		t.Fatalf("a 1s link expires in %s", d)
	}
	if time.Until(link.ExpiresAt) > 300*time.Millisecond {
		if res := request(t, "GET", link.URL, "", "", nil); res.status != 200 {
			t.Fatalf("before it expires: %d %s", res.status, res.body)
		}
	}
	time.Sleep(1500 * time.Millisecond)
	res := request(t, "GET", link.URL, "", "", nil)
	if code, _ := rpFirstError(t, decode(t, res.body)); res.status != 401 || code != "UNAUTHENTICATED" || !strings.Contains(res.body, "expired") {
		t.Fatalf("after it expired: %d %s", res.status, res.body)
	}
	var links []rpShareLink
	rpMust(t, s, `{ shareLinks { `+rpShareLinkFields+` } }`, nil, "shareLinks", &links)
	if len(links) != 1 || links[0].Active {
		t.Fatalf("an expired link is listed as %+v", links)
	}
	r := rpGQL(t, s, nil, `mutation { createShareLink(slug: "metric-list", expiresIn: "soon") { url } }`, nil)
	if code, field := rpFirstError(t, r); code != "BAD_USER_INPUT" || field != "expiresIn" {
		t.Fatalf("expiresIn soon: %s %s", code, field)
	}
}

// A share link runs its report as saved: its URL may page but not change the
// report's variables, and a report filtered to one client shares that client
// only unless the link says otherwise.
func TestShareLinkLocksTheReportsVariables(t *testing.T) {
	s := start(t, []string{"--db", dbtest.URL(t, db.SQLite), "--demo"}, nil)
	query := `query($filter: RequirementFilter, $first: Int) { requirements(filter: $filter, first: $first) { nodes { title objective { client { id } } } } }`
	rpSaveReport(t, s, "kestrel-requirements", "Kestrel's requirements", query, map[string]any{"filter": map[string]any{"clientId": "2"}, "first": 5})
	link := rpCreateShareLink(t, s, "kestrel-requirements", "", "")
	if link.Client == nil || link.Client.ID != "2" {
		t.Fatalf("the link of a report filtered to client 2 is scoped to %+v", link.Client)
	}
	u, _ := url.Parse(link.JSONURL)
	clients := func(body string) []string {
		var out struct {
			Data struct {
				Requirements struct {
					Nodes []struct {
						Objective struct{ Client struct{ ID string } }
					}
				}
			}
		}
		json.Unmarshal([]byte(body), &out)
		var ids []string
		for _, n := range out.Data.Requirements.Nodes {
			ids = append(ids, n.Objective.Client.ID)
		}
		return ids
	}
	res := request(t, "GET", u.String()+"&first=2", "", "", nil)
	if got := clients(res.body); res.status != 200 || !slices.Equal(got, []string{"2", "2"}) {
		t.Fatalf("paging through the link: %d %v %s", res.status, got, res.body)
	}
	for _, extra := range []string{`filter={"clientId":"1"}`, "filter=" + url.QueryEscape(`{"clientId":"1"}`)} {
		res := request(t, "GET", u.String()+"&"+extra, "", "", nil)
		if code, field := rpFirstError(t, decode(t, res.body)); res.status != 400 || code != "BAD_USER_INPUT" || field != "filter" || !strings.Contains(res.body, "saved variables") {
			t.Fatalf("another client's filter through the link: %d %s", res.status, res.body)
		}
	}
	// An admin's own token may still change the variables.
	if res := rpGet(t, s, "/reports/kestrel-requirements.json?filter="+url.QueryEscape(`{"clientId":"1"}`), admin); res.status != 200 || !slices.Contains(clients(res.body), "1") {
		t.Fatalf("the report by token with another filter: %d %s", res.status, res.body)
	}
}
