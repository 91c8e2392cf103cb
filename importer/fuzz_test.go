package importer

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"

	"alliance"
)

// fuzzState is a small stored map for the fuzzed files to match against.
func fuzzState() *alliance.ImportState {
	return &alliance.ImportState{
		Metrics:      []*alliance.Metric{{Key: "availability", Unit: "percent"}, {Key: "support_hours", Unit: "hours/week"}},
		Clients:      []*alliance.Client{{ID: 1, Name: "Acme", Status: alliance.Active}},
		Services:     []*alliance.Service{{ID: 1, Name: "Desk", Lifecycle: alliance.Live, DesignedLevels: []alliance.Level{}}},
		Objectives:   []*alliance.Objective{{ID: 1, ClientID: 1, Title: "Grow", Priority: alliance.Should}},
		Requirements: []*alliance.Requirement{{ID: 1, ObjectiveID: 1, Title: "Up", Priority: alliance.Must, Targets: []alliance.Level{}}},
	}
}

// check reads files and plans them: whatever the bytes, no panic, and every
// problem has a place and words.
func check(t *testing.T, files []File) {
	rd := read(files)
	r := &Report{}
	p := newPlanner(fuzzState(), false, true, r)
	p.plan(rd.tables)
	for _, pr := range append(rd.problems, r.Problems...) {
		if pr.Sheet == "" || pr.Message == "" {
			t.Fatalf("a problem without a place or words: %+v", pr)
		}
	}
}

func FuzzCSV(f *testing.F) {
	for _, s := range []string{
		"name,status\nAcme,ACTIVE\n",
		"\xef\xbb\xbfname\nBeta\n",
		"client,objective,title,targets,target.availability\nAcme,Grow,Up,support_hours=168,99.9\n",
		"name,\"unterminated\n",
		"client,title\nAcme,Grow\nAcme,grow\n",
		"service,metric,periodStart,periodEnd,value\nDesk,availability,2026-01-01,45000,99\n",
	} {
		f.Add("clients.csv", []byte(s))
	}
	f.Add("requirements.csv", []byte("client,objective,title,targets\nAcme,Grow,Up,availability=101\n"))
	f.Add("measurements.csv", []byte("service,metric,periodStart,periodEnd,value\nDesk,availability,2026-01-01,2026-02-01,NaN\n"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		check(t, []File{{Name: name + ".csv", Data: data}})
	})
}

func FuzzWorkbook(f *testing.F) {
	for _, rows := range [][][]string{
		{{"name", "status", "annualContractValue"}, {"Acme", "churned", "12.345"}},
		{{"name", "designedLevels"}, {"Desk", "availability=99.9; support_hours=168"}},
	} {
		x := excelize.NewFile()
		for i, r := range rows {
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			x.SetSheetRow("Sheet1", cell, &r)
		}
		name := "Clients"
		if rows[0][1] == "designedLevels" {
			name = "Services"
		}
		x.SetSheetName("Sheet1", name)
		var buf bytes.Buffer
		x.WriteTo(&buf)
		f.Add(buf.Bytes())
	}
	f.Add([]byte("PK\x03\x04 not really a zip"))
	f.Fuzz(func(t *testing.T, data []byte) {
		check(t, []File{{Name: "map.xlsx", Data: data}})
	})
}
