package importer_test

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"

	"alliance/db"
	"alliance/db/dbtest"
	"alliance/importer"
)

// The template has every sheet with its columns, a notes row that an
// import passes over, and drop-downs for the enumerations and metric keys;
// filled in below the notes, it imports.
func TestTemplate(t *testing.T) {
	var buf bytes.Buffer
	if err := importer.Template(&buf, []string{"availability", "support_hours"}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if got := f.GetSheetList(); len(got) != 6 || got[0] != "Clients" || got[5] != "Measurements" {
		t.Fatalf("sheets %v", got)
	}
	rows, _ := f.GetRows("Requirements")
	if len(rows) != 2 || rows[0][2] != "title" || rows[1][2] == "" {
		t.Fatalf("requirements sheet %q", rows)
	}
	lists := map[string]string{}
	for _, s := range []string{"Clients", "Services", "Requirements", "Measurements"} {
		dvs, err := f.GetDataValidations(s)
		if err != nil {
			t.Fatal(err)
		}
		for _, dv := range dvs {
			lists[s+" "+dv.Sqref] = dv.Formula1
		}
	}
	for k, want := range map[string]string{
		"Clients D3:D100000":      `"PROSPECT,ACTIVE,CHURNED"`,
		"Services D3:D100000":     `"PLANNED,LIVE,RETIRING,RETIRED"`,
		"Requirements E3:E100000": `"MUST,SHOULD,COULD"`,
		"Measurements B3:B100000": `"availability,support_hours"`,
	} {
		if lists[k] != want {
			t.Errorf("drop-down %s: %q, want %q (all: %v)", k, lists[k], want, lists)
		}
	}
	f.SetSheetRow("Clients", "A3", &[]any{"Acme", "Retail", "", "ACTIVE", "1000"})
	var filled bytes.Buffer
	f.WriteTo(&filled)
	d := dbtest.Open(t, db.SQLite)
	r := run(t, d, importer.Options{}, importer.File{Name: "t.xlsx", Data: filled.Bytes()})
	if !r.Applied || r.Totals().Created != 1 || r.Totals().Rows != 1 {
		t.Fatalf("filled template: %+v %v", r.Totals(), r.Problems)
	}
}
