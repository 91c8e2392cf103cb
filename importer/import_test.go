package importer_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"alliance"
	"alliance/db"
	"alliance/db/dbtest"
	"alliance/importer"
)

// A workbook imports whole; importing it again changes nothing; the stored
// figures are what a full evaluation computes.
func TestImportIsIdempotent(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		dry := run(t, d, importer.Options{DryRun: true}, sample().xlsx(t))
		if len(dry.Problems) > 0 || dry.Applied {
			t.Fatalf("dry run: problems %v, applied %v", dry.Problems, dry.Applied)
		}
		if got := dry.Totals(); got.Created != 14 || got.Updated != 0 {
			t.Fatalf("dry run counts %+v, want 14 created", got)
		}
		if s := state(t, d); s != "" {
			t.Fatalf("a dry run wrote:\n%s", s)
		}
		first := run(t, d, importer.Options{}, sample().xlsx(t))
		if !first.Applied || first.Totals().Created != 14 {
			t.Fatalf("import: applied %v, counts %+v, problems %v", first.Applied, first.Totals(), first.Problems)
		}
		after := state(t, d)
		if !strings.Contains(after, "requirement Onboarding site up COULD availability=99.5;response_minutes=30") ||
			!strings.Contains(after, "service Service Desk — 24/7 LIVE 9000 Support response_minutes=15;support_hours=168") ||
			!strings.Contains(after, "client Orion Bank PROSPECT 0 Banking -") {
			t.Fatalf("imported map:\n%s", after)
		}
		again := run(t, d, importer.Options{}, sample().xlsx(t))
		if got := again.Totals(); got.Created != 0 || got.Updated != 0 || got.Unchanged != 14 || len(again.Changes) != 0 {
			t.Fatalf("second import: %+v, changes %v", got, again.Changes)
		}
		if s := state(t, d); s != after {
			t.Fatalf("the second import changed the map:\n%s\nwant\n%s", s, after)
		}
		if diffs, err := d.Check(context.Background()); err != nil || len(diffs) > 0 {
			t.Fatalf("stored figures: %v %v", diffs, err)
		}
	})
}

// The same content as CSV files gives the same map as the workbook.
func TestCSVAndWorkbookGiveTheSame(t *testing.T) {
	var maps []string
	for _, kind := range []string{"xlsx", "csv"} {
		d := dbtest.Open(t, db.SQLite)
		files := []importer.File{sample().xlsx(t)}
		if kind == "csv" {
			files = sample().csvs(t)
		}
		r := run(t, d, importer.Options{}, files...)
		if !r.Applied {
			t.Fatalf("%s: %v", kind, r.Problems)
		}
		maps = append(maps, state(t, d))
	}
	if maps[0] != maps[1] {
		t.Fatalf("workbook:\n%s\nCSV:\n%s", maps[0], maps[1])
	}
}

// An edited file updates rows in place, field by field; a column left out
// leaves its field alone.
func TestEditedFileUpdatesInPlace(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		run(t, d, importer.Options{}, sample().xlsx(t))
		before, _ := d.ImportState(context.Background())
		edit := book{
			// No accountOwner, annualContractValue or industry column:
			// those stay as they are.
			"Clients": {{"name", "status"}, {"Kestrel Logistics", "CHURNED"}},
			"Requirements": {
				{"client", "objective", "title", "targets"},
				{"Kestrel Logistics", "Run the warehouses around the clock", "Support at any hour", "support_hours=120; response_minutes=20"},
			},
		}
		r := run(t, d, importer.Options{DryRun: true}, edit.xlsx(t))
		if len(r.Changes) != 2 {
			t.Fatalf("changes %+v", r.Changes)
		}
		c := r.Changes[0]
		if c.Action != importer.Update || c.Row != 2 || len(c.Fields) != 1 || c.Fields[0].Field != "status" ||
			c.Fields[0].Before != "ACTIVE" || c.Fields[0].After != "CHURNED" {
			t.Fatalf("client change %+v %+v", c, c.Fields[0])
		}
		q := r.Changes[1]
		if q.Fields[0].Field != "targets" || q.Fields[0].Before != "support_hours=168" || q.Fields[0].After != "response_minutes=20; support_hours=120" {
			t.Fatalf("requirement change %+v", q.Fields[0])
		}
		if !run(t, d, importer.Options{}, edit.xlsx(t)).Applied {
			t.Fatal("not applied")
		}
		after, _ := d.ImportState(context.Background())
		if len(after.Clients) != len(before.Clients) || len(after.Requirements) != len(before.Requirements) {
			t.Fatal("an update created rows")
		}
		// The changed targets ask for review of the requirement's commitments.
		toReview, err := d.FindCommitmentsToReview(context.Background(), alliance.PageArgs{})
		if err != nil || len(toReview.Items) == 0 {
			t.Fatalf("commitments to review after changed targets: %v %v", toReview, err)
		}
		reviews, err := d.ReviewsByCommitmentIDs(context.Background(), []int64{toReview.Items[0].ID})
		if err != nil || len(reviews[0].Changes) == 0 || reviews[0].Changes[0].What != alliance.ReviewTarget {
			t.Fatalf("review: %+v %v", reviews, err)
		}
		k := after.Clients[0]
		if k.ID != before.Clients[0].ID || k.Status != alliance.Churned || deref(k.AccountOwner) != "Ada" ||
			deref(k.Industry) != "Logistics" || k.AnnualContractValue.String() != "120000.5" {
			t.Fatalf("client after the update: %+v", k)
		}
		if diffs, err := d.Check(context.Background()); err != nil || len(diffs) > 0 {
			t.Fatalf("stored figures: %v %v", diffs, err)
		}
	})
}

// Rows the file leaves out stay, unless prune: then the dry run lists them
// before anything goes, and the import removes them.
func TestPruneIsListedFirst(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		run(t, d, importer.Options{}, sample().xlsx(t))
		less := sample()
		// Hosting that stays up is left out, with its commitment; prune
		// reaches the requirements of the clients the sheet names.
		r, k := less["Requirements"], less["Commitments"]
		less["Requirements"] = [][]string{r[0], r[1], r[3]}
		less["Commitments"] = [][]string{k[0], k[1], k[3]}
		plain := run(t, d, importer.Options{}, less.xlsx(t))
		if plain.Totals().Deleted != 0 || plain.Totals().LeftAlone != 2 {
			t.Fatalf("without prune: %+v", plain.Totals())
		}
		dry := run(t, d, importer.Options{DryRun: true, Prune: true}, less.xlsx(t))
		var gone []string
		for _, c := range dry.Changes {
			if c.Action == importer.Delete {
				gone = append(gone, c.Sheet+": "+c.Key)
			}
		}
		if strings.Join(gone, ", ") != "Requirements: Hosting that stays up, Commitments: Hosting that stays up → Cloud Hosting" {
			t.Fatalf("dry run lists %q", gone)
		}
		if !strings.Contains(state(t, d), "Hosting that stays up") {
			t.Fatal("the dry run removed the requirement")
		}
		pruned := run(t, d, importer.Options{Prune: true}, less.xlsx(t))
		if !pruned.Applied || pruned.Totals().Deleted != 2 {
			t.Fatalf("prune: %+v %v", pruned.Totals(), pruned.Problems)
		}
		if strings.Contains(state(t, d), "Hosting that stays up") {
			t.Fatal("the requirement is still there")
		}
		if diffs, err := d.Check(context.Background()); err != nil || len(diffs) > 0 {
			t.Fatalf("stored figures: %v %v", diffs, err)
		}
	})
}

// One bad row in a file leaves the whole file unwritten.
func TestAllOrNothing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		b := sample()
		b["Commitments"][3][4] = "150"
		r := run(t, d, importer.Options{}, b.xlsx(t))
		if r.Applied || len(r.Problems) != 1 {
			t.Fatalf("applied %v, problems %v", r.Applied, r.Problems)
		}
		if got := r.Problems[0].String(); got != "Commitments, row 4, column coveragePercent: coveragePercent must be between 1 and 100 (got 150)" {
			t.Fatalf("problem %q", got)
		}
		if s := state(t, d); s != "" {
			t.Fatalf("written:\n%s", s)
		}
		if n, _ := d.CountAudit(context.Background(), alliance.AuditFilter{}); n != 0 {
			t.Fatalf("%d audit entries", n)
		}
	})
}

// Every change has its audit entry, carrying the import's id.
func TestAuditEntriesCarryTheImportID(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		r := run(t, d, importer.Options{}, sample().xlsx(t))
		page, err := d.FindAudit(context.Background(), alliance.AuditFilter{}, alliance.PageArgs{First: ptrInt(100)})
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Items) != 14 {
			t.Fatalf("%d audit entries, want 14", len(page.Items))
		}
		entities := map[string]int{}
		for _, e := range page.Items {
			if e.RequestID == nil || *e.RequestID != r.ID || e.Action != alliance.ActionCreate || e.Actor != "importer test" {
				t.Fatalf("entry %+v (import %s)", e, r.ID)
			}
			entities[e.Entity]++
		}
		if entities["Requirement"] != 3 || entities["Commitment"] != 3 || entities["Measurement"] != 2 {
			t.Fatalf("entries by entity %v", entities)
		}
	})
}

func ptrInt(n int) *int { return &n }

// Each kind of bad input is refused with its place, and nothing is written.
func TestProblems(t *testing.T) {
	d := dbtest.Open(t, db.SQLite)
	run(t, d, importer.Options{}, sample().xlsx(t))
	stored := state(t, d)
	for _, c := range []struct {
		name  string
		files []importer.File
		want  string
	}{
		{"unknown reference, with the closest name", []importer.File{book{"Commitments": {
			{"client", "objective", "requirement", "service"},
			{"Kestrel Logistics", "Run the warehouses around the clock", "Support at any hour", "Service Desk 24x7"},
		}}.xlsx(t)}, `Commitments, row 2, column service: no service named "Service Desk 24x7" — did you mean "Service Desk — 24/7"?`},
		{"unknown client", []importer.File{book{"Objectives": {{"client", "title"}, {"Nobody At All", "x"}}}.xlsx(t)},
			`Objectives, row 2, column client: no client named "Nobody At All", in this file or stored`},
		{"missing required header", []importer.File{book{"Objectives": {{"title"}, {"x"}}}.xlsx(t)},
			"Objectives, row 1, column client: this column is required and missing"},
		{"unknown column", []importer.File{book{"Clients": {{"name", "colour"}, {"x", "red"}}}.xlsx(t)},
			"Clients, row 1, column colour: unknown column; the columns are name, industry, accountOwner, status, annualContractValue"},
		{"duplicate key", []importer.File{book{"Clients": {{"name"}, {"Acme"}, {"ACME"}}}.xlsx(t)},
			`Clients, row 3: the client "ACME" is given twice (also in row 2): give each once`},
		{"value out of range", []importer.File{book{"Requirements": {
			{"client", "objective", "title", "target.availability"},
			{"Orion Bank", "Open online accounts", "New", "150"},
		}}.xlsx(t)}, "Requirements, row 2, column targets: availability is a percentage: give a value from 0 to 100 (got 150)"},
		{"unknown metric", []importer.File{book{"Services": {{"name", "designedLevels"}, {"New", "uptime=3"}}}.xlsx(t)},
			`Services, row 2, column designedLevels: unknown metric "uptime"; known metrics: availability, resolution_hours, response_minutes, rpo_minutes, rto_minutes, support_hours`},
		{"bad enum", []importer.File{book{"Clients": {{"name", "status"}, {"Acme", "GONE"}}}.xlsx(t)},
			`Clients, row 2, column status: unknown status "GONE"`},
		{"not a number", []importer.File{book{"Services": {{"name", "monthlyCost"}, {"New", "cheap"}}}.xlsx(t)},
			`Services, row 2, column monthlyCost: "cheap" is not an amount`},
		{"not a workbook", []importer.File{{Name: "map.xlsx", Data: []byte("hello")}},
			"map.xlsx: not a readable .xlsx workbook (it is not an .xlsx file): save it from your spreadsheet as an Excel workbook (.xlsx)"},
		{"not UTF-8", []importer.File{{Name: "clients.csv", Data: []byte("name\nCaf\xe9 Nord\n")}},
			`clients.csv, row 2: the text is not UTF-8 (an export in another encoding, such as Windows-1252?): save the file as "CSV UTF-8"`},
		{"UTF-16", []importer.File{{Name: "clients.csv", Data: []byte("\xff\xfen\x00")}}, `clients.csv: the file is UTF-16 text: save it as "CSV UTF-8"`},
		{"unknown file", []importer.File{{Name: "people.csv", Data: []byte("name\n")}},
			`people.csv: no sheet is called "people": name CSV files after their sheet (clients.csv, services.csv, objectives.csv, requirements.csv, commitments.csv, measurements.csv), in lower case, with .csv`},
		{"too large", []importer.File{{Name: "clients.csv", Data: bytes.Repeat([]byte("a"), importer.MaxFileBytes+1)}},
			"clients.csv: the file is 32.0 MiB, over the limit of 32 MiB"},
		{"bad period", []importer.File{book{"Measurements": {
			{"service", "metric", "periodStart", "periodEnd", "value"},
			{"Cloud Hosting", "availability", "2026-11-01", "2026-10-01", "99"},
		}}.xlsx(t)}, "Measurements, row 2, column periodEnd: periodEnd must be after periodStart"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := run(t, d, importer.Options{}, c.files...)
			if r.Applied || len(r.Problems) == 0 {
				t.Fatalf("applied %v, problems %v", r.Applied, r.Problems)
			}
			if got := r.Problems[0].String(); got != c.want {
				t.Fatalf("problem\n %q\nwant\n %q", got, c.want)
			}
			if s := state(t, d); s != stored {
				t.Fatalf("written:\n%s", s)
			}
		})
	}
}

// A byte order mark is skipped and said; a formula's cached value is read
// and said.
func TestNotices(t *testing.T) {
	d := dbtest.Open(t, db.SQLite)
	r := run(t, d, importer.Options{DryRun: true}, importer.File{Name: "clients.csv", Data: []byte("\xef\xbb\xbfname\nAcme\n")})
	if len(r.Problems) > 0 || len(r.Notices) != 1 || r.Totals().Created != 1 {
		t.Fatalf("BOM: %v %v %+v", r.Problems, r.Notices, r.Totals())
	}
	f := formulaBook(t)
	r = run(t, d, importer.Options{DryRun: true}, f)
	if len(r.Problems) > 0 || len(r.Notices) != 1 || !strings.Contains(r.Notices[0].String(), "Clients: 1 cells hold formulas") {
		t.Fatalf("formula: %v %v", r.Problems, r.Notices)
	}
	if f := r.Changes[0].Fields; f[len(f)-1].Field != "annualContractValue" || f[len(f)-1].After != "300" {
		t.Fatalf("formula value read: %+v", r.Changes[0].Fields)
	}
}

// A token limited to one client imports its own client's rows, and is
// refused the rest: other clients, the catalog, measurements, capacity.
func TestClientLimitedImport(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		run(t, d, importer.Options{}, sample().xlsx(t))
		st, _ := d.ImportState(context.Background())
		kestrel := st.Clients[0].ID
		ctx := alliance.WithPrincipal(context.Background(), &alliance.Principal{Name: "portal", Role: alliance.Editor, ClientID: &kestrel})
		own := book{"Objectives": {{"client", "title", "owner"}, {"Kestrel Logistics", "Run the warehouses around the clock", "CEO"}}}
		r, err := importer.Import(ctx, d, []importer.File{own.xlsx(t)}, importer.Options{})
		if err != nil || !r.Applied || r.Totals().Updated != 1 {
			t.Fatalf("own client's objective: %v %+v %v", err, r.Totals(), r.Problems)
		}
		for _, c := range []struct {
			name string
			b    book
			want string
		}{
			{"another client", book{"Objectives": {{"client", "title"}, {"Orion Bank", "Steal"}}},
				`Objectives, row 2, column client: no client named "Orion Bank", in this file or stored`},
			{"a new client", book{"Clients": {{"name"}, {"Newco"}}},
				"Clients, row 2, column name: a token or user limited to one client cannot create clients"},
			{"the catalog", book{"Services": {{"name", "monthlyCost"}, {"Cloud Hosting", "1"}}},
				"Services, row 2: a token or user limited to one client cannot change the service catalog"},
			{"capacity units", book{"Commitments": {
				{"client", "objective", "requirement", "service", "capacityUnits"},
				{"Kestrel Logistics", "Run the warehouses around the clock", "Hosting that stays up", "Cloud Hosting", "9"},
			}}, "Commitments, row 2, column capacityUnits: a token or user limited to one client cannot set capacity units: they are the provider's"},
		} {
			r, err := importer.Import(ctx, d, []importer.File{c.b.xlsx(t)}, importer.Options{})
			if err != nil || r.Applied || len(r.Problems) == 0 || r.Problems[0].String() != c.want {
				t.Fatalf("%s: %v applied %v, problems %v", c.name, err, r.Applied, r.Problems)
			}
		}
	})
}
