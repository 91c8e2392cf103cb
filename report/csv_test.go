package report

import (
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// Whatever separator a spreadsheet splits a cell on (a comma in most
// locales, a semicolon where the comma is the decimal mark, a tab, a line
// break), no part of a cell starts a formula.
func TestNoPartOfACellIsAFormula(t *testing.T) {
	cells := []string{
		"Acme;=2+5+cmd|' /C calc'!A0",
		"Acme,=HYPERLINK(\"http://x\")",
		"Acme\t@SUM(A1)",
		"first line\n+1+1",
		"Acme; -2+3",
		"=1+1",
		"plain text, no formula",
		"-5",
		"3;-4,-5.5",
	}
	for _, cell := range cells {
		got := neutralise(cell)
		for _, sep := range []string{",", ";", "\t", "\n", "\r"} {
			for _, part := range strings.Split(got, sep) {
				part = strings.TrimLeft(part, " ")
				if part == "" || strings.IndexByte("=+-@", part[0]) < 0 {
					continue
				}
				if _, err := strconv.ParseFloat(got, 64); err == nil && got == cell {
					continue // the whole cell is a number such as -5
				}
				t.Errorf("%q became %q: split on %q, %q is a formula", cell, got, sep, part)
			}
		}
	}
	for cell, want := range map[string]string{
		"Acme;=2+5":              "Acme;'=2+5",
		"=1+1":                   "'=1+1",
		"-5":                     "-5",
		"3;-4,-5.5":              "3;'-4,'-5.5",
		"plain text, no formula": "plain text, no formula",
		"Acme; -2+3":             "Acme; '-2+3",
	} {
		if got := neutralise(cell); got != want {
			t.Errorf("neutralise(%q) = %q, want %q", cell, got, want)
		}
	}
}

// A JSON cell stays the same JSON, and no part of it is a formula.
func TestJSONCellsStayJSON(t *testing.T) {
	v := []any{map[string]any{"title": "Grow;=cmd|x", "score": -5.5}, map[string]any{"title": "@SUM(A1),+1"}}
	cell := jsonCell(v)
	var back any
	if err := json.Unmarshal([]byte(cell), &back); err != nil {
		t.Fatalf("%s: %v", cell, err)
	}
	want, _ := json.Marshal(v)
	var again any
	json.Unmarshal(want, &again)
	if !reflect.DeepEqual(back, again) {
		t.Fatalf("%s reads back as %v, want %v", cell, back, again)
	}
	if strings.ContainsAny(cell, "=+@") {
		t.Fatalf("formula characters left in %s", cell)
	}
}

// A streamed JSON report writes the rows of each page as the answer has
// them, joined across pages; their number is counted at the top level of
// the array, whatever the strings hold.
func TestElementsOfAPage(t *testing.T) {
	for _, tc := range []struct {
		page  string
		inner string
		n     int
	}{
		{`[]`, ``, 0},
		{` [ ] `, ``, 0},
		{`null`, ``, 0},
		{`[{"a":1}]`, `{"a":1}`, 1},
		{`[{"a":[1,2]},{"b":{"c":3}}]`, `{"a":[1,2]},{"b":{"c":3}}`, 2},
		{`[{"t":"a, b"},{"t":"[x,"},{"t":"q\",{"}]`, `{"t":"a, b"},{"t":"[x,"},{"t":"q\",{"}`, 3},
		{`["\\",1,null]`, `"\\",1,null`, 3},
	} {
		inner, n := elements(json.RawMessage(tc.page))
		if string(inner) != tc.inner || n != tc.n {
			t.Errorf("%s: %q, %d; want %q, %d", tc.page, inner, n, tc.inner, tc.n)
		}
	}
	var b strings.Builder
	n, err := writeElements(&b, []json.RawMessage{json.RawMessage(`[1,2]`), json.RawMessage(`[]`), json.RawMessage(`[3]`)}, true)
	if err != nil || n != 3 || b.String() != `,1,2,3` {
		t.Fatalf("%q, %d, %v", b.String(), n, err)
	}
}
