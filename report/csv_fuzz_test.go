package report

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzCSVWriter writes any record and reads it back with encoding/csv: the
// same fields (encoding/csv turns a CRLF inside a quoted field into LF),
// every line ended by CRLF; and a cell that a spreadsheet would run as a
// formula is neutralised, its text otherwise kept.
func FuzzCSVWriter(f *testing.F) {
	for _, s := range []string{"a|b|c", "=1+2|@SUM(A1)|-12.5", "x,y|\"q\"|line\r\nbreak", "a;=b|\tTab|\rCR", "|", "é|ü", "+|-|="} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, joined string) {
		if !utf8.ValidString(joined) {
			return // JSON answers, the only source of cells, are UTF-8
		}
		rec := strings.Split(joined, "|")
		if len(rec) == 1 && rec[0] == "" {
			return // an empty line: encoding/csv skips it
		}
		var b bytes.Buffer
		w := newCSVWriter(&b)
		if err := w.write(rec); err != nil {
			t.Fatal(err)
		}
		if err := w.close(); err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(b.String(), "\r\n") {
			t.Fatalf("%q: line not ended by CRLF: %q", rec, b.String())
		}
		r := csv.NewReader(&b)
		r.FieldsPerRecord = -1
		got, err := r.ReadAll()
		if err != nil || len(got) != 1 || len(got[0]) != len(rec) {
			t.Fatalf("%q written as %q, read back as %q, %v", rec, b.String(), got, err)
		}
		for i := range rec {
			if want := strings.ReplaceAll(rec[i], "\r\n", "\n"); got[0][i] != want {
				t.Fatalf("field %d: %q read back as %q", i, want, got[0][i])
			}
		}

		for _, s := range rec {
			c := cell(s)
			if strings.ReplaceAll(c, "'", "") != strings.ReplaceAll(s, "'", "") {
				t.Fatalf("%q neutralised to %q: more than apostrophes changed", s, c)
			}
			if _, err := strconv.ParseFloat(s, 64); err == nil {
				continue
			}
			// No part of the cell, split where a spreadsheet may split it,
			// starts with a formula character.
			for _, part := range strings.FieldsFunc(c, func(r rune) bool { return strings.ContainsRune(",;\t\r\n", r) }) {
				if p := strings.TrimLeft(part, " "); p != "" && strings.ContainsRune("=+-@", rune(p[0])) {
					t.Fatalf("%q neutralised to %q: part %q is a formula", s, c, part)
				}
			}
		}
	})
}
