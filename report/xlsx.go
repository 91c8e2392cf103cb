package report

import (
	"fmt"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// table is where rows are written: a CSV answer or a workbook. write keeps
// the first error; flush ends a page (a CSV answer sends what it has);
// close ends the answer (a workbook is written whole then).
type table interface {
	write(rec []string) error
	flush() error
	close() error
}

// newTable starts a table of format (CSV or XLSX) on w.
func newTable(format, sheet string, w io.Writer) (table, error) {
	if format == XLSX {
		return newXLSXWriter(w, sheet)
	}
	return newCSVWriter(w), nil
}

// xlsxWriter writes rows into one worksheet through excelize's stream
// writer, which keeps a bounded part of the sheet in memory and the rest
// in a temporary file, so that a long list does not sit whole in memory.
// The workbook is written to w when it is closed.
type xlsxWriter struct {
	w    io.Writer
	file *excelize.File
	rows *excelize.StreamWriter
	row  int
	err  error
}

func newXLSXWriter(w io.Writer, sheet string) (*xlsxWriter, error) {
	f := excelize.NewFile()
	name := sheetName(sheet)
	if err := f.SetSheetName("Sheet1", name); err != nil {
		f.Close()
		return nil, fmt.Errorf("write xlsx: %w", err)
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("write xlsx: %w", err)
	}
	return &xlsxWriter{w: w, file: f, rows: sw}, nil
}

// sheetName is a worksheet's name as Excel allows it: at most 31
// characters, none of : \ / ? * [ ].
func sheetName(s string) string {
	out := []rune{}
	for _, r := range s {
		switch r {
		case ':', '\\', '/', '?', '*', '[', ']':
			r = '-'
		}
		if len(out) < 31 {
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		return "Rows"
	}
	return string(out)
}

// write adds a row. A cell that is a plain number becomes a number; any
// other is text, neutralised as the CSV cells are (so that a workbook saved
// again as CSV runs no formula either).
func (x *xlsxWriter) write(rec []string) error {
	if x.err != nil {
		return x.err
	}
	x.row++
	cells := make([]any, len(rec))
	for i, c := range rec {
		if f, err := strconv.ParseFloat(c, 64); err == nil && x.row > 1 && c != "" {
			cells[i] = f
		} else {
			cells[i] = c
		}
	}
	cellName, err := excelize.CoordinatesToCellName(1, x.row)
	if err == nil {
		err = x.rows.SetRow(cellName, cells)
	}
	if err != nil {
		x.err = fmt.Errorf("write xlsx: row %d: %w", x.row, err)
	}
	return x.err
}

func (x *xlsxWriter) flush() error { return x.err }

func (x *xlsxWriter) close() error {
	defer x.file.Close()
	if x.err != nil {
		return x.err
	}
	if err := x.rows.Flush(); err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	if _, err := x.file.WriteTo(x.w); err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	return nil
}
