package main

import (
	"bufio"
	"database/sql"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
)

// Q2, the whole-portfolio report, in one statement whose rows are written
// as they are read: every requirement of the clients that have not churned,
// by title, with one row per commitment, as Alliance's saved report of
// q2Query answers at /reports/SLUG.json and .csv with all=true.

type reportRow struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Priority  string `json:"priority"`
	Objective struct {
		Title  string `json:"title"`
		Client struct {
			Name string `json:"name"`
		} `json:"client"`
	} `json:"objective"`
	Coverage struct {
		Status  string `json:"status"`
		Percent int    `json:"percent"`
	} `json:"coverage"`
	Commitments []reportService `json:"commitments"`
}

type reportService struct {
	Service struct {
		Name string `json:"name"`
	} `json:"service"`
}

// reportHeader is the CSV header of q2Query's rows.
var reportHeader = []string{"id", "title", "priority", "objective.title", "objective.client.name", "coverage.status", "coverage.percent", "commitments.service.name"}

func (f *floor) report(csv bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		rows, err := f.pool().query(ctx, `SELECT r.id, r.title, r.priority, o.title, c.name, rf.status, rf.percent, s.name
			FROM requirements r
			JOIN objectives o ON o.id = r.objective_id
			JOIN clients c ON c.id = o.client_id
			JOIN requirement_figures rf ON rf.requirement_id = r.id
			LEFT JOIN commitments cm ON cm.requirement_id = r.id
			LEFT JOIN services s ON s.id = cm.service_id
			WHERE c.status <> 'CHURNED'
			ORDER BY r.title_key, r.id, s.name_key, cm.id`)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		defer rows.Close()
		if csv {
			w.Header().Set("Content-Type", "text/csv; charset=utf-8; header=present")
		} else {
			w.Header().Set("Content-Type", "application/json; charset=utf-8")
		}
		bw := bufio.NewWriterSize(w, 64<<10)
		var cur *reportRow
		n := 0
		emit := func() {
			if cur == nil {
				return
			}
			if csv {
				writeReportCSV(bw, cur)
			} else {
				if n > 0 {
					bw.WriteByte(',')
				}
				b, _ := json.Marshal(cur)
				bw.Write(b)
			}
			n++
		}
		if csv {
			writeCSVRecord(bw, reportHeader)
		} else {
			bw.WriteByte('[')
		}
		var curID int64
		for rows.Next() {
			var id int64
			var title, priority, objective, client, status string
			var percent int
			var service sql.NullString
			if err := rows.Scan(&id, &title, &priority, &objective, &client, &status, &percent, &service); err != nil {
				// The head is sent: cut the answer short, as Alliance does.
				panic(http.ErrAbortHandler)
			}
			if cur == nil || id != curID {
				emit()
				cur, curID = &reportRow{ID: idString(id), Title: title, Priority: priority, Commitments: []reportService{}}, id
				cur.Objective.Title, cur.Objective.Client.Name = objective, client
				cur.Coverage.Status, cur.Coverage.Percent = status, percent
			}
			if service.Valid {
				var s reportService
				s.Service.Name = service.String
				cur.Commitments = append(cur.Commitments, s)
			}
		}
		if rows.Err() != nil {
			panic(http.ErrAbortHandler)
		}
		emit()
		if !csv {
			bw.WriteByte(']')
		}
		bw.Flush()
	}
}

// writeReportCSV writes a row as Alliance's CSV does: one record per
// commitment, the requirement's cells repeated, or one with an empty
// service when it has none.
func writeReportCSV(w *bufio.Writer, r *reportRow) {
	rec := []string{r.ID, csvCell(r.Title), r.Priority, csvCell(r.Objective.Title), csvCell(r.Objective.Client.Name),
		r.Coverage.Status, strconv.Itoa(r.Coverage.Percent), ""}
	if len(r.Commitments) == 0 {
		writeCSVRecord(w, rec)
		return
	}
	for _, c := range r.Commitments {
		rec[7] = csvCell(c.Service.Name)
		writeCSVRecord(w, rec)
	}
}

// csvCell keeps a spreadsheet from running text as a formula: text that
// starts with one of = + - @ tab or carriage return and is not a number
// gets an apostrophe in front.
func csvCell(s string) string {
	if s == "" || !strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return s
	}
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		return s
	}
	return "'" + s
}

// writeCSVRecord writes one RFC 4180 record ended by CRLF, quoting the
// fields that hold a comma, a quote or a line break.
func writeCSVRecord(w *bufio.Writer, rec []string) {
	for i, f := range rec {
		if i > 0 {
			w.WriteByte(',')
		}
		if strings.ContainsAny(f, ",\"\r\n") {
			w.WriteByte('"')
			w.WriteString(strings.ReplaceAll(f, `"`, `""`))
			w.WriteByte('"')
		} else {
			w.WriteString(f)
		}
	}
	w.WriteString("\r\n")
}
