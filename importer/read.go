package importer

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Limits on what an import reads.
const (
	// MaxFileBytes bounds one file (a workbook or a CSV file).
	MaxFileBytes = 32 << 20
	// MaxRows bounds the rows of one sheet or CSV file.
	MaxRows = 250_000
	// maxUnzipped bounds what a workbook unpacks to: a small file that
	// unpacks to gigabytes is refused, not read.
	maxUnzipped = 512 << 20
)

// File is one file given to an import: an .xlsx workbook, or a CSV file
// named after its entity (clients.csv, requirements.csv, ...).
type File struct {
	Name string
	Data []byte
}

// table is one sheet or CSV file as read: its header and its rows.
type table struct {
	sheet  *sheet
	source string // where it came from, for messages: "Requirements" or "requirements.csv"
	// columns are the column of each cell position (nil for a position
	// whose header was refused), metrics the metric of a level column.
	columns []*column
	metrics []string
	rows    []row
}

// row is one line of a table: its number in the sheet or file (the header
// is row 1) and its cells, trimmed.
type row struct {
	num   int
	cells []string
}

// has reports whether the table has the column.
func (t *table) has(name string) bool {
	for _, c := range t.columns {
		if c != nil && c.name == name {
			return true
		}
	}
	return false
}

// cell returns the row's value of the column, and whether the table has it.
func (t *table) cell(r row, name string) (string, bool) {
	for i, c := range t.columns {
		if c != nil && c.name == name {
			if i < len(r.cells) {
				return r.cells[i], true
			}
			return "", true
		}
	}
	return "", false
}

// reader collects the tables of the files and what is wrong with them.
type reader struct {
	tables   []*table
	problems []Problem
	notices  []Problem
	// firstFormula words the first formula found in a sheet.
	firstFormula string
}

func (rd *reader) problem(source string, row int, column, format string, args ...any) {
	rd.problems = append(rd.problems, Problem{Sheet: source, Row: row, Column: column, Message: fmt.Sprintf(format, args...)})
}

// read reads every file into tables.
func read(files []File) *reader {
	rd := &reader{}
	for _, f := range files {
		name := filepath.Base(f.Name)
		switch {
		case len(f.Data) > MaxFileBytes:
			rd.problem(name, 0, "", "the file is %s, over the limit of %d MiB", sizeOf(len(f.Data)), MaxFileBytes>>20)
		case strings.EqualFold(filepath.Ext(name), ".csv"):
			rd.readCSV(name, f.Data)
		case strings.EqualFold(filepath.Ext(name), ".xlsx"):
			rd.readXLSX(name, f.Data)
		default:
			rd.problem(name, 0, "", "not a workbook or a CSV file: give an .xlsx workbook or .csv files named after their sheet (clients.csv, requirements.csv, ...)")
		}
	}
	seen := map[*sheet]string{}
	for _, t := range rd.tables {
		if prev, dup := seen[t.sheet]; dup {
			rd.problem(t.source, 0, "", "%s are given twice (also in %s): give each sheet once", t.sheet.name, prev)
		}
		seen[t.sheet] = t.source
	}
	return rd
}

func sizeOf(n int) string { return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20)) }

func (rd *reader) readCSV(name string, data []byte) {
	base := strings.TrimSuffix(name, filepath.Ext(name))
	s := sheetNamed(base)
	if s == nil {
		rd.problem(name, 0, "", "no sheet is called %q: name CSV files after their sheet (%s), in lower case, with .csv", base, strings.ToLower(strings.Join(sheetNames(), ".csv, "))+".csv")
		return
	}
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
		rd.notices = append(rd.notices, Problem{Sheet: name, Message: "the file starts with a byte order mark (as Excel's \"CSV UTF-8\" writes): it was skipped"})
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		rd.problem(name, 0, "", "the file is UTF-16 text: save it as \"CSV UTF-8\"")
		return
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	var records [][]string
	var lines []int
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				rd.problem(name, pe.Line, "", "not readable as CSV: %v", pe.Err)
			} else {
				rd.problem(name, 0, "", "not readable as CSV: %v", err)
			}
			return
		}
		line, _ := cr.FieldPos(0)
		for _, c := range rec {
			if !utf8.ValidString(c) {
				rd.problem(name, line, "", "the text is not UTF-8 (an export in another encoding, such as Windows-1252?): save the file as \"CSV UTF-8\"")
				return
			}
		}
		if len(records) >= MaxRows+1 {
			rd.problem(name, line, "", "more than %d rows: split the file", MaxRows)
			return
		}
		records = append(records, rec)
		lines = append(lines, line)
	}
	rd.addTable(s, name, records, lines)
}

func (rd *reader) readXLSX(name string, data []byte) {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxUnzipped, UnzipXMLSizeLimit: maxUnzipped})
	if err != nil {
		rd.problem(name, 0, "", "not a readable .xlsx workbook (%s): save it from your spreadsheet as an Excel workbook (.xlsx)", workbookError(err))
		return
	}
	defer f.Close()
	withFormulas := hasFormulas(data)
	for _, sn := range f.GetSheetList() {
		if sn == listsSheet {
			continue
		}
		s := sheetNamed(sn)
		if s == nil {
			rd.problem(sn, 0, "", "no sheet is called %q: the sheets are %s", sn, strings.Join(sheetNames(), ", "))
			continue
		}
		rows, err := f.GetRows(sn, excelize.Options{RawCellValue: true})
		if err != nil {
			rd.problem(sn, 0, "", "not readable: %s", workbookError(err))
			continue
		}
		if len(rows) > MaxRows+1 {
			rd.problem(sn, MaxRows+2, "", "more than %d rows: split the sheet", MaxRows)
			continue
		}
		formulas := 0
		if withFormulas {
			formulas = rd.formulas(f, sn, rows)
		}
		lines := make([]int, len(rows))
		for i := range rows {
			lines[i] = i + 1
		}
		t := rd.addTable(s, sn, rows, lines)
		if t != nil && formulas > 0 {
			rd.notices = append(rd.notices, Problem{Sheet: sn, Message: fmt.Sprintf(
				"%d cells hold formulas: their values as last computed by the spreadsheet were read (the first: %s)", formulas, rd.firstFormula)})
		}
	}
}

// formulas counts the cells of a sheet that hold formulas; the value read
// from them is the one the spreadsheet cached.
func (rd *reader) formulas(f *excelize.File, sheet string, rows [][]string) int {
	n := 0
	for i, r := range rows {
		for j, v := range r {
			if v == "" {
				continue
			}
			cell, err := excelize.CoordinatesToCellName(j+1, i+1)
			if err != nil {
				continue
			}
			if formula, err := f.GetCellFormula(sheet, cell); err == nil && formula != "" {
				if n == 0 {
					rd.firstFormula = fmt.Sprintf("%s, =%s, read as %q", cell, formula, v)
				}
				n++
			}
		}
	}
	return n
}

// hasFormulas reports whether any worksheet of a workbook holds a formula
// (an <f> element): looking cell by cell is slow, and most files have none.
func hasFormulas(data []byte) bool {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return true
	}
	for _, zf := range z.File {
		if !strings.HasPrefix(zf.Name, "xl/worksheets/") || zf.UncompressedSize64 > maxUnzipped {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			return true
		}
		b, err := io.ReadAll(io.LimitReader(rc, maxUnzipped))
		rc.Close()
		if err != nil || bytes.Contains(b, []byte("<f>")) || bytes.Contains(b, []byte("<f ")) {
			return true
		}
	}
	return false
}

// workbookError words what excelize says of a file it cannot read.
func workbookError(err error) string {
	switch {
	case errors.Is(err, excelize.ErrWorkbookFileFormat), strings.Contains(err.Error(), "zip: not a valid zip file"):
		return "it is not an .xlsx file"
	case errors.Is(err, excelize.ErrOptionsUnzipSizeLimit):
		return "it unpacks to more than the limit"
	}
	return err.Error()
}

// addTable checks a table's header and keeps its rows.
func (rd *reader) addTable(s *sheet, source string, records [][]string, lines []int) *table {
	if len(records) == 0 {
		rd.problem(source, 1, "", "the %s are empty: the first row names the columns (%s)", source, strings.Join(s.columnNames(), ", "))
		return nil
	}
	t := &table{sheet: s, source: source}
	header := records[0]
	seen := map[string]bool{}
	bad := false
	for _, h := range header {
		h = strings.TrimSpace(h)
		var c *column
		metric := ""
		switch {
		case h == "":
		case s.levels != "" && strings.HasPrefix(strings.ToLower(h), s.levelPrefix):
			metric = strings.TrimSpace(h[len(s.levelPrefix):])
			c = s.column(s.levels)
		default:
			if c = s.column(h); c == nil {
				rd.problem(source, lines[0], h, "unknown column; the columns are %s", strings.Join(s.columnNames(), ", "))
				bad = true
			}
		}
		key := strings.ToLower(h)
		if h != "" && seen[key] {
			rd.problem(source, lines[0], h, "the column is given twice")
			bad = true
			c = nil
		}
		seen[key] = true
		t.columns = append(t.columns, c)
		t.metrics = append(t.metrics, metric)
	}
	for _, c := range s.columns {
		if c.required && !t.has(c.name) {
			rd.problem(source, lines[0], c.name, "this column is required and missing")
			bad = true
		}
	}
	if bad {
		return nil
	}
	for i, rec := range records[1:] {
		r := row{num: lines[i+1], cells: make([]string, len(rec))}
		blank := true
		for j, c := range rec {
			r.cells[j] = strings.TrimSpace(c)
			if r.cells[j] != "" {
				blank = false
			}
		}
		if blank || (i == 0 && t.isNotes(r)) {
			continue
		}
		t.rows = append(t.rows, r)
	}
	rd.tables = append(rd.tables, t)
	return t
}

// isNotes reports whether r is the notes row of a template: every cell that
// is not empty holds its column's note.
func (t *table) isNotes(r row) bool {
	for i, v := range r.cells {
		if v == "" {
			continue
		}
		if i >= len(t.columns) || t.columns[i] == nil || noteOf(t.sheet, t.columns[i], t.metrics[i]) != v {
			return false
		}
	}
	return true
}

// noteOf is the note a template gives a column.
func noteOf(s *sheet, c *column, metric string) string {
	if metric != "" {
		what := "target"
		if s.levels == "designedLevels" {
			what = "designed level"
		}
		return fmt.Sprintf("The %s on %s, a number; empty for none.", what, metric)
	}
	return c.note
}
