package importer_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"alliance"
	"alliance/db"
	"alliance/importer"
)

// book is a workbook's content: each sheet's rows, the header first.
type book map[string][][]string

// sheetOrder is the order sheets are written in.
var sheetOrder = []string{"Clients", "Services", "Objectives", "Requirements", "Commitments", "Measurements"}

// xlsx writes the book as one workbook.
func (b book) xlsx(t testing.TB) importer.File {
	t.Helper()
	f := excelize.NewFile()
	first := true
	for _, name := range sheetOrder {
		rows, ok := b[name]
		if !ok {
			continue
		}
		if first {
			f.SetSheetName("Sheet1", name)
			first = false
		} else if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		for i, r := range rows {
			for j, v := range r {
				cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
				if err := f.SetCellStr(name, cell, v); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return importer.File{Name: "map.xlsx", Data: buf.Bytes()}
}

// csvs writes the book as one CSV file per sheet.
func (b book) csvs(t testing.TB) []importer.File {
	t.Helper()
	var out []importer.File
	for _, name := range sheetOrder {
		rows, ok := b[name]
		if !ok {
			continue
		}
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		if err := w.WriteAll(rows); err != nil {
			t.Fatal(err)
		}
		out = append(out, importer.File{Name: strings.ToLower(name) + ".csv", Data: buf.Bytes()})
	}
	return out
}

// sample is a small map: two clients, a service catalog, objectives,
// requirements with targets both ways, commitments and measurements.
func sample() book {
	return book{
		"Clients": {
			{"name", "industry", "accountOwner", "status", "annualContractValue"},
			{"Kestrel Logistics", "Logistics", "Ada", "ACTIVE", "120000.50"},
			{"Orion Bank", "Banking", "", "prospect", "0"},
		},
		"Services": {
			{"name", "ownerTeam", "lifecycle", "monthlyCost", "capacity", "designedLevels"},
			{"Service Desk — 24/7", "Support", "LIVE", "9000", "", "support_hours=168; response_minutes=15"},
			{"Cloud Hosting", "Platform", "LIVE", "12000.25", "50", "availability=99.95"},
		},
		"Objectives": {
			{"client", "title", "priority", "owner"},
			{"Kestrel Logistics", "Run the warehouses around the clock", "MUST", "COO"},
			{"Orion Bank", "Open online accounts", "SHOULD", ""},
		},
		"Requirements": {
			{"client", "objective", "title", "priority", "targets", "target.availability"},
			{"Kestrel Logistics", "Run the warehouses around the clock", "Support at any hour", "MUST", "support_hours=168", ""},
			{"Kestrel Logistics", "Run the warehouses around the clock", "Hosting that stays up", "SHOULD", "", "99.9"},
			{"Orion Bank", "Open online accounts", "Onboarding site up", "COULD", "response_minutes=30", "99.5"},
		},
		"Commitments": {
			{"client", "objective", "requirement", "service", "coveragePercent", "capacityUnits", "note"},
			{"Kestrel Logistics", "Run the warehouses around the clock", "Support at any hour", "Service Desk — 24/7", "100", "1", ""},
			{"Kestrel Logistics", "Run the warehouses around the clock", "Hosting that stays up", "Cloud Hosting", "80", "2", "two sites"},
			{"Orion Bank", "Open online accounts", "Onboarding site up", "Cloud Hosting", "100", "", ""},
		},
		"Measurements": {
			{"service", "metric", "periodStart", "periodEnd", "value", "source"},
			{"Cloud Hosting", "availability", "2026-10-01", "2026-11-01", "99.97", "monitoring"},
			{"Service Desk — 24/7", "response_minutes", "2026-10-01", "2026-11-01", "12", ""},
		},
	}
}

// run imports files and fails the test on an error of the store.
func run(t *testing.T, d *db.DB, opt importer.Options, files ...importer.File) *importer.Report {
	t.Helper()
	ctx := alliance.WithActor(context.Background(), "importer test")
	r, err := importer.Import(ctx, d, files, opt)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// state reads the map, without the times, as comparable text.
func state(t *testing.T, d *db.DB) string {
	t.Helper()
	st, err := d.ImportState(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, c := range st.Clients {
		b.WriteString("client " + c.Name + " " + string(c.Status) + " " + c.AnnualContractValue.String() + " " + deref(c.Industry) + " " + deref(c.AccountOwner) + "\n")
	}
	for _, s := range st.Services {
		b.WriteString("service " + s.Name + " " + string(s.Lifecycle) + " " + s.MonthlyCost.String() + " " + deref(s.OwnerTeam) + " " + levelWords(s.DesignedLevels) + "\n")
	}
	for _, o := range st.Objectives {
		b.WriteString("objective " + o.Title + " " + string(o.Priority) + " " + deref(o.Owner) + "\n")
	}
	for _, q := range st.Requirements {
		b.WriteString("requirement " + q.Title + " " + string(q.Priority) + " " + levelWords(q.Targets) + "\n")
	}
	for _, c := range st.Commitments {
		b.WriteString("commitment " + itoa(c.CoveragePercent) + " " + itoa(c.CapacityUnits) + " " + deref(c.Note) + "\n")
	}
	for _, m := range st.Measurements {
		b.WriteString("measurement " + m.Metric + " " + m.PeriodStart.Format("2006-01-02") + " " + m.PeriodEnd.Format("2006-01-02") + " " + deref(m.Source) + "\n")
	}
	return b.String()
}

func deref(p *string) string {
	if p == nil {
		return "-"
	}
	return *p
}

func itoa(n int) string { return strconv.Itoa(n) }

func levelWords(ls []alliance.Level) string {
	var parts []string
	for _, l := range ls {
		parts = append(parts, l.Metric+"="+strconv.FormatFloat(l.Value, 'f', -1, 64))
	}
	return strings.Join(parts, ";")
}
