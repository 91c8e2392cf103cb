package importer_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"alliance"
	"alliance/db"
	"alliance/db/dbtest"
	"alliance/importer"
)

// BenchmarkImport imports a workbook of a generated portfolio (1,000
// clients by default, ALLIANCE_IMPORT_BENCH_CLIENTS to change): its clients,
// services, objectives and 50 requirements a client with their targets,
// into an empty database of each dialect, and prints the rows a second.
//
//	go test ./importer -run '^$' -bench Import -benchtime 1x
func BenchmarkImport(b *testing.B) {
	clients := 1000
	if v := os.Getenv("ALLIANCE_IMPORT_BENCH_CLIENTS"); v != "" {
		clients, _ = strconv.Atoi(v)
	}
	src := dbtest.Open(b, db.SQLite)
	if _, err := src.Generate(context.Background(), db.GenerateOptions{Clients: clients, Seed: 1}, nil); err != nil {
		b.Fatal(err)
	}
	st, err := src.ImportState(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	file, rows := workbookOf(b, st)
	b.Logf("workbook: %d rows (%d requirements), %.1f MiB", rows, len(st.Requirements), float64(len(file.Data))/(1<<20))
	for _, dialect := range dbtest.Dialects {
		b.Run(dialect, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				d := dbtest.Open(b, dialect)
				b.StartTimer()
				start := time.Now()
				r, err := importer.Import(alliance.WithActor(context.Background(), "bench"), d, []importer.File{file}, importer.Options{})
				if err != nil {
					b.Fatal(err)
				}
				if !r.Applied || r.Totals().Created != rows {
					b.Fatalf("applied %v, %+v, problems %v", r.Applied, r.Totals(), r.Problems[:min(3, len(r.Problems))])
				}
				elapsed := time.Since(start)
				b.ReportMetric(float64(rows)/elapsed.Seconds(), "rows/s")
				fmt.Printf("import on %s: %d rows (%d requirements) in %s, %.0f rows/s\n", dialect, rows, len(st.Requirements), elapsed.Round(10*time.Millisecond), float64(rows)/elapsed.Seconds())
			}
		})
	}
}

// workbookOf writes a map's clients, services, objectives and requirements
// as a workbook, by excelize's stream writer.
func workbookOf(tb testing.TB, st *alliance.ImportState) (importer.File, int) {
	f := excelize.NewFile()
	n := 0
	write := func(sheet string, header []any, each func(add func(...any))) {
		if _, err := f.NewSheet(sheet); err != nil {
			tb.Fatal(err)
		}
		sw, err := f.NewStreamWriter(sheet)
		if err != nil {
			tb.Fatal(err)
		}
		row := 1
		add := func(v ...any) {
			cell, _ := excelize.CoordinatesToCellName(1, row)
			if err := sw.SetRow(cell, v); err != nil {
				tb.Fatal(err)
			}
			row++
		}
		add(header...)
		each(add)
		n += row - 2
		if err := sw.Flush(); err != nil {
			tb.Fatal(err)
		}
	}
	clientName := map[int64]string{}
	objective := map[int64]*alliance.Objective{}
	write("Clients", []any{"name", "industry", "status", "annualContractValue"}, func(add func(...any)) {
		for _, c := range st.Clients {
			clientName[c.ID] = c.Name
			add(c.Name, text(c.Industry), string(c.Status), c.AnnualContractValue.String())
		}
	})
	write("Services", []any{"name", "lifecycle", "monthlyCost", "designedLevels"}, func(add func(...any)) {
		for _, s := range st.Services {
			add(s.Name, string(s.Lifecycle), s.MonthlyCost.String(), pairs(s.DesignedLevels))
		}
	})
	write("Objectives", []any{"client", "title", "priority"}, func(add func(...any)) {
		for _, o := range st.Objectives {
			objective[o.ID] = o
			add(clientName[o.ClientID], o.Title, string(o.Priority))
		}
	})
	write("Requirements", []any{"client", "objective", "title", "priority", "targets"}, func(add func(...any)) {
		for _, q := range st.Requirements {
			o := objective[q.ObjectiveID]
			add(clientName[o.ClientID], o.Title, q.Title, string(q.Priority), pairs(q.Targets))
		}
	})
	f.DeleteSheet("Sheet1")
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		tb.Fatal(err)
	}
	return importer.File{Name: "portfolio.xlsx", Data: buf.Bytes()}, n
}

func text(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func pairs(ls []alliance.Level) string {
	var b bytes.Buffer
	for i, l := range ls {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(l.Metric + "=" + strconv.FormatFloat(l.Value, 'f', -1, 64))
	}
	return b.String()
}
