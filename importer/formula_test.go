package importer_test

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"

	"alliance/importer"
)

// formulaBook is a workbook whose contract value is a formula with its
// value cached, as a spreadsheet saves it.
func formulaBook(t *testing.T) importer.File {
	t.Helper()
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "Clients")
	f.SetSheetRow("Clients", "A1", &[]any{"name", "annualContractValue"})
	f.SetCellStr("Clients", "A2", "Acme")
	if err := f.SetCellFormula("Clients", "B2", "100*3"); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellValue("Clients", "B2", 300); err != nil {
		t.Fatal(err)
	}
	f.SetCellFormula("Clients", "B2", "100*3")
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return importer.File{Name: "f.xlsx", Data: buf.Bytes()}
}
