package importer

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// listsSheet is the hidden sheet of a template that holds lists too long
// for a drop-down of their own; the reader passes over it.
const listsSheet = "Lists"

// templateRows is how far down a template's drop-downs reach.
const templateRows = 100_000

// Template writes an empty workbook to w: a sheet per entity with its
// columns in row 1, a note on each in row 2 (which imports pass over), and
// drop-downs for the columns that take one of a list of values: statuses,
// lifecycles, priorities and the metric keys of the catalog.
func Template(w io.Writer, metricKeys []string) error {
	f := excelize.NewFile()
	defer f.Close()
	header, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDE7F0"}}})
	if err != nil {
		return err
	}
	note, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Italic: true, Color: "666666"}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			return err
		}
		for j, c := range s.columns {
			col, err := excelize.ColumnNumberToName(j + 1)
			if err != nil {
				return err
			}
			if err := f.SetCellStr(s.name, col+"1", c.name); err != nil {
				return err
			}
			if err := f.SetCellStr(s.name, col+"2", c.note); err != nil {
				return err
			}
			if err := f.SetColWidth(s.name, col, col, 28); err != nil {
				return err
			}
			list := c.enum
			if c.metrics {
				list = metricKeys
			}
			if len(list) > 0 {
				if err := dropDown(f, s.name, col, list); err != nil {
					return err
				}
			}
		}
		last, _ := excelize.ColumnNumberToName(len(s.columns))
		if err := f.SetCellStyle(s.name, "A1", last+"1", header); err != nil {
			return err
		}
		if err := f.SetCellStyle(s.name, "A2", last+"2", note); err != nil {
			return err
		}
		if err := f.SetRowHeight(s.name, 2, 60); err != nil {
			return err
		}
		if err := f.SetPanes(s.name, &excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft"}); err != nil {
			return err
		}
	}
	_, err = f.WriteTo(w)
	return err
}

// dropDown offers list in the column's cells below the notes row: in the
// cell's own list when it is short enough (255 characters), else from a
// column of the hidden lists sheet.
func dropDown(f *excelize.File, sheet, col string, list []string) error {
	dv := excelize.NewDataValidation(true)
	dv.Sqref = fmt.Sprintf("%s3:%s%d", col, col, templateRows)
	dv.SetError(excelize.DataValidationErrorStyleStop, "Not in the list", "Pick one of the values offered.")
	if len(strings.Join(list, ",")) <= 255 {
		if err := dv.SetDropList(list); err != nil {
			return err
		}
	} else {
		if idx, _ := f.GetSheetIndex(listsSheet); idx < 0 {
			if _, err := f.NewSheet(listsSheet); err != nil {
				return err
			}
			if err := f.SetSheetVisible(listsSheet, false); err != nil {
				return err
			}
		}
		for i, v := range list {
			if err := f.SetCellStr(listsSheet, fmt.Sprintf("A%d", i+1), v); err != nil {
				return err
			}
		}
		dv.SetSqrefDropList(fmt.Sprintf("%s!$A$1:$A$%d", listsSheet, len(list)))
	}
	return f.AddDataValidation(sheet, dv)
}
