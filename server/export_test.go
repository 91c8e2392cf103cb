package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"alliance/db/dbtest"
)

// exPaged reads every page of a connection through /graphql as admin: the
// query takes $after and selects pageInfo and nodes of root field.
func exPaged(t *testing.T, s *server, query, field string, vars map[string]any) []json.RawMessage {
	t.Helper()
	var all []json.RawMessage
	after := any(nil)
	for {
		v := map[string]any{"after": after}
		for k, x := range vars {
			v[k] = x
		}
		var page struct {
			PageInfo struct {
				HasNextPage bool
				EndCursor   string
			}
			Nodes []json.RawMessage
		}
		rpMust(t, s, query, v, field, &page)
		all = append(all, page.Nodes...)
		if !page.PageInfo.HasNextPage {
			return all
		}
		after = page.PageInfo.EndCursor
	}
}

// exColumn is the column of a header, failing the test when it is missing.
func exColumn(t *testing.T, header []string, name string) int {
	t.Helper()
	i := slices.Index(header, name)
	if i < 0 {
		t.Fatalf("no column %q in %q", name, header)
	}
	return i
}

// exXLSX reads the one sheet of a workbook.
func exXLSX(t *testing.T, body string) [][]string {
	t.Helper()
	f, err := excelize.OpenReader(strings.NewReader(body))
	if err != nil {
		t.Fatalf("not a workbook: %v", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) != 1 {
		t.Fatalf("sheets %q, want one", sheets)
	}
	rows, err := f.GetRows(sheets[0], excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// sameCell compares a CSV cell with a workbook's: numbers by value (the
// workbook holds 1250.00 as the number 1250).
func sameCell(csvCell, xlsxCell string) bool {
	if csvCell == xlsxCell {
		return true
	}
	a, errA := strconv.ParseFloat(csvCell, 64)
	b, errB := strconv.ParseFloat(xlsxCell, 64)
	return errA == nil && errB == nil && a == b
}

func TestExportListsAsFiles(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			url := dbtest.URL(t, dialect)
			if _, _, err := runCommand(t, []string{"generate", "--clients", "4", "--db", url}, nil); err != nil {
				t.Fatal(err)
			}
			s := start(t, []string{"--db", url}, nil)
			viewer := rpBearer(rpCreateToken(t, s, "viewer", "VIEWER", ""))

			t.Run("the gap list with a filter is every entry of the view, in its order", func(t *testing.T) {
				filter := map[string]any{"kinds": []string{"GAP", "OVERPROMISED"}}
				want := exPaged(t, s, `query($after: String, $filter: GapFilter) { gaps(first: 7, after: $after, filter: $filter) { pageInfo { hasNextPage endCursor } nodes { kind message } } }`,
					"gaps", map[string]any{"filter": filter})
				res := rpGet(t, s, `/api/export/gaps.csv?filter=`+queryEscape(`{"kinds":["GAP","OVERPROMISED"]}`), viewer)
				if res.status != http.StatusOK || !strings.HasPrefix(res.header.Get("Content-Type"), "text/csv") ||
					res.header.Get("Content-Disposition") != `attachment; filename="gaps.csv"` {
					t.Fatalf("%d %v %s", res.status, res.header, res.body)
				}
				recs := rpCSV(t, res.body)
				kind, msg := exColumn(t, recs[0], "kind"), exColumn(t, recs[0], "message")
				if len(recs)-1 != len(want) || len(want) < 8 {
					t.Fatalf("%d rows, want %d (of more than one page of 7)", len(recs)-1, len(want))
				}
				for i, w := range want {
					var g struct{ Kind, Message string }
					json.Unmarshal(w, &g)
					if recs[i+1][kind] != g.Kind || recs[i+1][msg] != g.Message {
						t.Fatalf("row %d: %q, want %s", i+1, recs[i+1], w)
					}
				}

				xl := rpGet(t, s, `/api/export/gaps.xlsx?filter=`+queryEscape(`{"kinds":["GAP","OVERPROMISED"]}`), viewer)
				if xl.status != http.StatusOK || xl.header.Get("Content-Type") != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
					t.Fatalf("xlsx: %d %v", xl.status, xl.header)
				}
				rows := exXLSX(t, xl.body)
				if len(rows) != len(recs) {
					t.Fatalf("xlsx %d rows, csv %d", len(rows), len(recs))
				}
				for i := range recs {
					for j := range recs[i] {
						got := ""
						if j < len(rows[i]) {
							got = rows[i][j]
						}
						if !sameCell(recs[i][j], got) {
							t.Fatalf("xlsx row %d column %s: %q, csv %q", i, recs[0][j], got, recs[i][j])
						}
					}
				}
			})

			t.Run("the matrix is every requirement across pages", func(t *testing.T) {
				want := exPaged(t, s, `query($after: String) { requirements(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { id } } }`, "requirements", nil)
				recs := rpCSV(t, rpGet(t, s, "/api/export/matrix.csv", viewer).body)
				id := exColumn(t, recs[0], "id")
				exColumn(t, recs[0], "commitments.service.name")
				exColumn(t, recs[0], "commitments.service.monthlyCost")
				var got []string
				for _, r := range recs[1:] {
					if len(got) == 0 || got[len(got)-1] != r[id] {
						got = append(got, r[id])
					}
				}
				if len(want) <= 100 || len(got) != len(want) {
					t.Fatalf("%d requirements in the file, %d in the API (want more than a page)", len(got), len(want))
				}
				for i, w := range want {
					var r struct{ ID string }
					json.Unmarshal(w, &r)
					if got[i] != r.ID {
						t.Fatalf("requirement %d: %s, want %s", i, got[i], r.ID)
					}
				}
			})

			t.Run("the command line writes what the web app downloads", func(t *testing.T) {
				web := rpGet(t, s, "/api/export/services.csv?filter="+queryEscape(`{"lifecycle":["LIVE"]}`), admin)
				out, _, err := runCommand(t, []string{"export", "--format", "csv", "--what", "services", "--db", url}, nil)
				if err != nil || web.status != http.StatusOK {
					t.Fatalf("%v %d", err, web.status)
				}
				all := rpCSV(t, out)
				live := rpCSV(t, web.body)
				lc := exColumn(t, all[0], "lifecycle")
				var wantLive [][]string
				for _, r := range all[1:] {
					if r[lc] == "LIVE" {
						wantLive = append(wantLive, r)
					}
				}
				if len(wantLive) == len(all)-1 {
					t.Fatal("every service is LIVE: the filter checks nothing")
				}
				rpEqualRecords(t, live, append([][]string{all[0]}, wantLive...))

				file := t.TempDir() + "/map.xlsx"
				if _, stderr, err := runCommand(t, []string{"export", "--format", "xlsx", "--what", "map", "--client", "1", "--out", file, "--db", url}, nil); err != nil || !strings.Contains(stderr, "map written to") {
					t.Fatalf("%v %s", err, stderr)
				}
				webMap := exXLSX(t, rpGet(t, s, "/api/export/map.xlsx?id=1", admin).body)
				fileMap := exXLSX(t, readFile(t, file))
				if len(webMap) < 2 || len(fileMap) != len(webMap) || strings.Join(fileMap[1], "|") != strings.Join(webMap[1], "|") {
					t.Fatalf("file %d rows, web %d", len(fileMap), len(webMap))
				}
				for _, bad := range [][]string{
					{"export", "--format", "csv", "--db", url},
					{"export", "--format", "csv", "--what", "map", "--db", url},
					{"export", "--format", "pdf", "--what", "gaps", "--db", url},
					{"export", "--format", "csv", "--what", "nope", "--db", url},
					{"export", "--format", "csv", "--what", "clients", "--client", "1", "--db", url},
				} {
					if _, _, err := runCommand(t, bad, nil); err == nil || !strings.Contains(err.Error(), "--") {
						t.Errorf("%q: %v", bad, err)
					}
				}
			})

			t.Run("a client portal gets its client's rows without the provider's fields", func(t *testing.T) {
				portal := rpBearer(rpCreateToken(t, s, "portal", "VIEWER", "2"))
				clients := rpCSV(t, rpGet(t, s, "/api/export/clients.csv", portal).body)
				if len(clients) != 2 || clients[1][exColumn(t, clients[0], "id")] != "2" || slices.Contains(clients[0], "monthlyMargin") {
					t.Fatalf("clients %q", clients)
				}
				for _, what := range []string{"gaps", "matrix", "services"} {
					res := rpGet(t, s, "/api/export/"+what+".csv", portal)
					recs := rpCSV(t, res.body)
					if res.status != http.StatusOK || len(recs) < 2 {
						t.Fatalf("%s: %d %s", what, res.status, res.body)
					}
					for _, h := range recs[0] {
						for _, internal := range []string{"monthlyCost", "capacity", "committedUnits", "orphan", "oversubscribed", "capacityUnits"} {
							if strings.HasSuffix(h, internal) {
								t.Fatalf("%s has the column %s", what, h)
							}
						}
					}
					if i := slices.Index(recs[0], "client.id"); i >= 0 {
						for _, r := range recs[1:] {
							if r[i] != "2" {
								t.Fatalf("%s: a row of client %s", what, r[i])
							}
						}
					}
				}
				admins := rpCSV(t, rpGet(t, s, "/api/export/clients.csv", admin).body)
				if !slices.Contains(admins[0], "monthlyMargin") || len(admins) != 5 {
					t.Fatalf("admin's clients %q", admins[0])
				}
				res := rpGet(t, s, "/api/export/impact.csv?serviceId=1", portal)
				if code, _ := rpFirstError(t, decode(t, res.body)); res.status != http.StatusForbidden || code != "FORBIDDEN" {
					t.Fatalf("impact for a portal: %d %s", res.status, res.body)
				}
			})

			t.Run("cells cannot run as formulas", func(t *testing.T) {
				rpCreateClient(t, s, `=HYPERLINK("http://evil.example","x")`, "")
				for _, format := range []string{"csv", "xlsx"} {
					body := rpGet(t, s, "/api/export/clients."+format+"?filter="+queryEscape(`{"search":"hyperlink"}`), viewer).body
					var recs [][]string
					if format == "csv" {
						recs = rpCSV(t, body)
					} else {
						recs = exXLSX(t, body)
					}
					if len(recs) != 2 || recs[1][exColumn(t, recs[0], "name")] != `'=HYPERLINK("http://evil.example","x")` {
						t.Fatalf("%s: %q", format, recs)
					}
				}
			})

			t.Run("impact and the promise check download their results", func(t *testing.T) {
				var impact struct {
					Requirements []json.RawMessage
				}
				rpMust(t, s, `{ impact(serviceId: "1") { requirements { before } } }`, nil, "impact", &impact)
				recs := rpCSV(t, rpGet(t, s, "/api/export/impact.csv?serviceId=1", viewer).body)
				if len(recs)-1 != len(impact.Requirements) || len(impact.Requirements) == 0 {
					t.Fatalf("impact: %d rows, want %d", len(recs)-1, len(impact.Requirements))
				}
				exColumn(t, recs[0], "requirement.objective.client.name")
				targets := `[{"metric":"availability","value":99}]`
				var matches []json.RawMessage
				rpMust(t, s, `{ serviceMatches(targets: [{metric: "availability", value: 99}]) { delivers } }`, nil, "serviceMatches", &matches)
				recs = exXLSX(t, rpGet(t, s, "/api/export/promise.xlsx?targets="+queryEscape(targets), viewer).body)
				if len(recs)-1 != len(matches) || len(matches) == 0 {
					t.Fatalf("promise: %d rows, want %d", len(recs)-1, len(matches))
				}
				exColumn(t, recs[0], "spareCapacity")
			})

			t.Run("a saved report answers as a workbook too", func(t *testing.T) {
				rpSaveReport(t, s, "clients-x", "Clients", `query($after: String) { clients(first: 2, after: $after) { pageInfo { hasNextPage endCursor } nodes { id name } } }`, nil)
				csvRecs := rpCSV(t, rpGet(t, s, "/reports/clients-x.csv?all=true", viewer).body)
				res := rpGet(t, s, "/reports/clients-x.xlsx?all=true", viewer)
				rows := exXLSX(t, res.body)
				if res.header.Get("Content-Disposition") != `attachment; filename="clients-x.xlsx"` || len(rows) != len(csvRecs) || len(rows) < 4 {
					t.Fatalf("%v: %d rows, csv %d", res.header, len(rows), len(csvRecs))
				}
			})

			t.Run("admins download the JSON export", func(t *testing.T) {
				res := rpGet(t, s, "/api/export/all.json", admin)
				if res.status != http.StatusOK || res.header.Get("Content-Disposition") != `attachment; filename="alliance-export.json"` {
					t.Fatalf("%d %v", res.status, res.header)
				}
				validateExport(t, []byte(res.body))
				var x struct {
					Clients []json.RawMessage
				}
				json.Unmarshal([]byte(res.body), &x)
				part := rpGet(t, s, "/api/export/all.json?client=2", admin)
				var px struct {
					ClientID string
					Clients  []json.RawMessage
				}
				json.Unmarshal([]byte(part.body), &px)
				if len(x.Clients) < 4 || px.ClientID != "2" || len(px.Clients) != 1 {
					t.Fatalf("%d clients; part of %q with %d", len(x.Clients), px.ClientID, len(px.Clients))
				}
				for _, who := range []map[string]string{viewer, rpBearer(rpCreateToken(t, s, "portal admin-less", "EDITOR", "2"))} {
					if res := rpGet(t, s, "/api/export/all.json", who); res.status != http.StatusForbidden {
						t.Errorf("not an admin: %d", res.status)
					}
				}
				if res := rpGet(t, s, "/api/export/all.json?client=x", admin); res.status != http.StatusBadRequest {
					t.Errorf("bad client: %d", res.status)
				}
				// One at a time: while one is being made, another is refused.
				exportTurn <- struct{}{}
				busy := rpGet(t, s, "/api/export/all.json", admin)
				<-exportTurn
				if busy.status != http.StatusServiceUnavailable || busy.header.Get("Retry-After") != "30" || !strings.Contains(busy.body, "another JSON export") {
					t.Errorf("a second export at once: %d %v %s", busy.status, busy.header, busy.body)
				}
			})

			t.Run("bad requests name what is wrong", func(t *testing.T) {
				for path, field := range map[string]string{
					"/api/export/nope.csv":                "what",
					"/api/export/gaps.pdf":                "format",
					"/api/export/gaps.csv?bogus=1":        "bogus",
					"/api/export/map.csv":                 "id",
					"/api/export/gaps.csv?filter=%7Bnope": "filter",
					"/api/export/gaps.csv?internal=false": "internal",
				} {
					res := rpGet(t, s, path, viewer)
					code, f := rpFirstError(t, decode(t, res.body))
					if res.status != http.StatusBadRequest || code != "BAD_USER_INPUT" || f != field {
						t.Errorf("%s: %d %s", path, res.status, res.body)
					}
				}
				res := rpGet(t, s, "/api/export/gaps.csv?filter="+queryEscape(`{"kinds":["NOPE"]}`), viewer)
				if res.status < 400 || !bytes.Contains([]byte(res.body), []byte("NOPE")) {
					t.Errorf("unknown kind: %d %s", res.status, res.body)
				}
				if res := rpGet(t, s, "/api/export/gaps.csv", nil); res.status != http.StatusUnauthorized {
					t.Errorf("no token: %d", res.status)
				}
			})
		})
	}
}

func queryEscape(s string) string { return url.QueryEscape(s) }

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
