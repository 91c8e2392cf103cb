// Package ingest reads batches of measurements sent by tools that do not
// speak GraphQL (POST /api/measurements): a JSON array of objects, or CSV
// with a header row, both with the fields serviceId, metric, value,
// periodStart, periodEnd and source. A row whose values cannot be read is
// kept with its error, so that it is refused alone, naming its field; a body
// that cannot be read at all (not an array, a CSV quote left open, an
// unknown column) is refused whole.
package ingest

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"alliance"
)

// Fields of a row, as the JSON objects and the CSV header name them.
var Fields = []string{"serviceId", "metric", "value", "periodStart", "periodEnd", "source"}

// required are the fields every row must give.
var required = map[string]bool{"serviceId": true, "metric": true, "value": true, "periodStart": true, "periodEnd": true}

// Row is one measurement read from a body.
type Row struct {
	// Line is where the row starts in a CSV file (the header is line 1);
	// 0 for JSON.
	Line  int
	Input alliance.MeasurementInput
	// Err is why the row could not be read (an *alliance.Error naming its
	// field); the row is then refused alone.
	Err error
}

// Result is what recording did with one row: its position among the rows
// (from 0), its CSV line, and the outcome.
type Result struct {
	Index       int                         `json:"index"`
	Line        int                         `json:"line,omitempty"`
	Outcome     alliance.MeasurementOutcome `json:"outcome"`
	Field       string                      `json:"field,omitempty"`
	Message     string                      `json:"message,omitempty"`
	Measurement *alliance.Measurement       `json:"measurement,omitempty"`
}

// Answer is the answer to a batch: the counts of each outcome and a result
// per row, in order.
type Answer struct {
	Created   int      `json:"created"`
	Updated   int      `json:"updated"`
	Unchanged int      `json:"unchanged"`
	Refused   int      `json:"refused"`
	Results   []Result `json:"results"`
}

// Recorder records a batch (alliance.MeasurementService has it).
type Recorder interface {
	RecordMeasurements(ctx context.Context, in []alliance.MeasurementInput, atomic bool) ([]alliance.MeasurementResult, error)
}

// tooMany refuses a body of more rows than a batch may hold.
func tooMany() error {
	return alliance.Invalidf("input", "a batch holds at most %d measurements: send it in parts", alliance.MaxMeasurementBatch)
}

// Record records the rows that could be read and answers every row: those
// that could not be read are refused, and with atomic they make the batch
// write nothing.
func Record(ctx context.Context, rec Recorder, rows []Row, atomic bool) (*Answer, error) {
	if len(rows) > alliance.MaxMeasurementBatch {
		return nil, tooMany()
	}
	results := make([]Result, len(rows))
	var inputs []alliance.MeasurementInput
	var at []int
	firstBad := -1
	for i, r := range rows {
		results[i] = Result{Index: i, Line: r.Line}
		if r.Err != nil {
			var e *alliance.Error
			if !errors.As(r.Err, &e) {
				return nil, r.Err
			}
			results[i].Outcome, results[i].Field, results[i].Message = alliance.MeasurementRefused, e.Field, e.Message
			if firstBad < 0 {
				firstBad = i
			}
			continue
		}
		inputs = append(inputs, r.Input)
		at = append(at, i)
	}
	if atomic && firstBad >= 0 {
		for _, i := range at {
			results[i].Outcome = alliance.MeasurementRefused
			results[i].Message = fmt.Sprintf("not written: the batch is atomic and %s was refused", rowName(rows, firstBad))
		}
		at = nil
	} else if len(inputs) > 0 {
		got, err := rec.RecordMeasurements(ctx, inputs, atomic)
		if err != nil {
			return nil, err
		}
		for j, g := range got {
			r := &results[at[j]]
			r.Outcome, r.Field, r.Measurement = g.Outcome, g.Field, g.Measurement
			r.Message = g.Message
			if strings.HasPrefix(g.Message, "not written: the batch is atomic and row ") || strings.HasPrefix(g.Message, "row ") {
				// The store numbers the rows it was given: name them as
				// the body does.
				r.Message = renumber(g.Message, rows, at)
			}
		}
	}
	a := &Answer{Results: results}
	for _, r := range results {
		switch r.Outcome {
		case alliance.MeasurementCreated:
			a.Created++
		case alliance.MeasurementUpdated:
			a.Updated++
		case alliance.MeasurementUnchanged:
			a.Unchanged++
		case alliance.MeasurementRefused:
			a.Refused++
		}
	}
	return a, nil
}

// rowName names row i as its body numbers it: "line 7" in CSV, "row 3" in
// JSON (from 0).
func rowName(rows []Row, i int) string {
	if rows[i].Line > 0 {
		return fmt.Sprintf("line %d", rows[i].Line)
	}
	return fmt.Sprintf("row %d", i)
}

// renumber rewrites the first "row N" of a store's message, N counting the
// rows given to the store, as the body numbers that row.
func renumber(msg string, rows []Row, at []int) string {
	i := strings.Index(msg, "row ")
	if i < 0 {
		return msg
	}
	rest := msg[i+4:]
	end := strings.IndexFunc(rest, func(r rune) bool { return r < '0' || r > '9' })
	if end < 0 {
		end = len(rest)
	}
	n, err := strconv.Atoi(rest[:end])
	if err != nil || n < 0 || n >= len(at) {
		return msg
	}
	return msg[:i] + rowName(rows, at[n]) + rest[end:]
}

// ReadJSON reads a JSON array of measurement objects.
func ReadJSON(r io.Reader) ([]Row, error) {
	dec := json.NewDecoder(r)
	dec.UseNumber()
	var raw []map[string]json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return nil, alliance.Invalidf("", "the body must be a JSON array of objects with %s: %v", strings.Join(Fields, ", "), err)
	}
	if dec.More() {
		return nil, alliance.Invalidf("", "the body must be one JSON array, with nothing after it")
	}
	if len(raw) > alliance.MaxMeasurementBatch {
		return nil, tooMany()
	}
	rows := make([]Row, len(raw))
	for i, obj := range raw {
		rows[i].Err = readObject(obj, &rows[i].Input)
	}
	return rows, nil
}

// readObject reads one JSON object into in.
func readObject(obj map[string]json.RawMessage, in *alliance.MeasurementInput) error {
	for k := range obj {
		if !isField(k) {
			return alliance.Invalidf(k, "unknown field %q: a measurement has %s", k, strings.Join(Fields, ", "))
		}
	}
	cells := map[string]string{}
	for _, f := range Fields {
		v, ok := obj[f]
		if !ok || string(v) == "null" {
			continue
		}
		var s string
		switch {
		case f == "serviceId" || f == "value":
			// A number, or a string holding one.
			var n json.Number
			if err := json.Unmarshal(v, &n); err != nil {
				if err := json.Unmarshal(v, &s); err != nil {
					return alliance.Invalidf(f, "%s must be a number", f)
				}
			} else {
				s = n.String()
			}
		default:
			if err := json.Unmarshal(v, &s); err != nil {
				return alliance.Invalidf(f, "%s must be a string", f)
			}
		}
		cells[f] = s
	}
	return readCells(cells, in)
}

func isField(k string) bool {
	for _, f := range Fields {
		if f == k {
			return true
		}
	}
	return false
}

// readCells reads the text of each field into in.
func readCells(cells map[string]string, in *alliance.MeasurementInput) error {
	for _, f := range Fields {
		if required[f] && strings.TrimSpace(cells[f]) == "" {
			return alliance.Invalidf(f, "%s is required", f)
		}
	}
	id, err := strconv.ParseInt(strings.TrimSpace(cells["serviceId"]), 10, 64)
	if err != nil || id < 1 {
		return alliance.Invalidf("serviceId", "serviceId must be a service's id, a positive whole number (got %q)", clip(cells["serviceId"]))
	}
	in.ServiceID = id
	in.Metric = cells["metric"]
	v, err := strconv.ParseFloat(strings.TrimSpace(cells["value"]), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return alliance.Invalidf("value", "value must be a finite number such as 99.95 (got %q)", clip(cells["value"]))
	}
	in.Value = v
	if in.PeriodStart, err = readTime(cells["periodStart"], "periodStart"); err != nil {
		return err
	}
	if in.PeriodEnd, err = readTime(cells["periodEnd"], "periodEnd"); err != nil {
		return err
	}
	if s := cells["source"]; strings.TrimSpace(s) != "" {
		in.Source = &s
	}
	return nil
}

// readTime reads an RFC 3339 time ("2026-01-31T00:00:00Z") or a date
// ("2026-01-31", midnight UTC).
func readTime(s, field string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	return time.Time{}, alliance.Invalidf(field, "%s must be an RFC 3339 time such as 2026-01-31T00:00:00Z, or a date such as 2026-01-31 (got %q)", field, clip(s))
}

// clip shortens what a message quotes of a cell.
func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

// ReadCSV reads CSV with a header row naming the columns (any order;
// source may be left out): a byte order mark, CRLF line ends and quoted
// cells (holding commas, quotes or line breaks) are read as spreadsheets
// write them. Each row's Line is the line it starts on.
func ReadCSV(r io.Reader) ([]Row, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, alliance.Invalidf("", "the CSV is empty: it needs a header row (%s) and a row per measurement", strings.Join(Fields, ","))
	}
	if err != nil {
		return nil, csvError(err)
	}
	columns := make([]string, len(header))
	seen := map[string]bool{}
	for i, h := range header {
		h = strings.TrimSpace(h)
		if !isField(h) {
			return nil, alliance.Invalidf(h, "line 1: unknown column %q: the columns are %s", clip(h), strings.Join(Fields, ", "))
		}
		if seen[h] {
			return nil, alliance.Invalidf(h, "line 1: the column %s is named twice", h)
		}
		seen[h] = true
		columns[i] = h
	}
	for f := range required {
		if !seen[f] {
			return nil, alliance.Invalidf(f, "line 1: the header has no column %s (the columns are %s)", f, strings.Join(Fields, ", "))
		}
	}
	var rows []Row
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, csvError(err)
		}
		line, _ := cr.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // a blank line
		}
		if len(rows) == alliance.MaxMeasurementBatch {
			return nil, tooMany()
		}
		row := Row{Line: line}
		if len(rec) != len(columns) {
			row.Err = alliance.Invalidf(columns[min(len(rec), len(columns)-1)], "line %d has %d cells, the header %d", line, len(rec), len(columns))
		} else {
			cells := make(map[string]string, len(columns))
			for i, c := range columns {
				cells[c] = rec[i]
			}
			row.Err = readCells(cells, &row.Input)
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// csvError words a CSV syntax error with its line.
func csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return alliance.Invalidf("", "line %d, column %d: %v (a cell holding a comma, a quote or a line break must be quoted, and its quotes doubled)", pe.StartLine, pe.Column, pe.Err)
	}
	return alliance.Invalidf("", "the CSV cannot be read: %v", err)
}
