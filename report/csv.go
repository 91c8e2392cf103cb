package report

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
)

// How a report becomes CSV.
//
// The rows are the nodes of the first connection the query selects (or the
// elements of the first list, or, when there is none, the whole answer as
// one row). Columns are the fields selected on a row, in the order of the
// query, named by their path ("objective.client.name"); their order does
// not depend on the data. Within a row, the first list of objects (in the
// order of the query, at any depth) gives one output row per element, the
// row's other cells repeated on each, and the same rule applies inside each
// element; any other list of objects is written as JSON in one cell, and a
// list of plain values joined with "; ". A null is an empty cell. A cell
// that a spreadsheet would run as a formula (starting with =, +, -, @, a tab
// or a carriage return, and not a number) is prefixed with an apostrophe.

type columnKind int

const (
	leafColumn   columnKind = iota
	objectColumn            // a single object: its fields are columns
	expandColumn            // the list of objects that multiplies rows
	jsonColumn              // another list of objects: JSON in one cell
	valuesColumn            // a list of plain values: joined
)

type column struct {
	key      string // the response key
	name     string // the header: the dotted path
	kind     columnKind
	children []*column
}

// columns lays out the columns of a row from the selection set of a row. A
// field that the variables leave out (@include(if: false), @skip(if:
// true)) has no column: it is not in the answer.
func columns(sel ast.SelectionSet, prefix string, vars map[string]any) []*column {
	var out []*column
	expanded := false
	var walk func(sel ast.SelectionSet, prefix string) []*column
	walk = func(sel ast.SelectionSet, prefix string) []*column {
		var cols []*column
		for _, f := range fields(sel) {
			if !included(f.Directives, vars) {
				continue
			}
			c := &column{key: f.Alias, name: prefix + f.Alias}
			list := f.Definition != nil && f.Definition.Type.Elem != nil
			switch {
			case len(f.SelectionSet) == 0 && list:
				c.kind = valuesColumn
			case len(f.SelectionSet) == 0:
				c.kind = leafColumn
			case list && !expanded:
				expanded = true
				c.kind = expandColumn
				c.children = columns(f.SelectionSet, c.name+".", vars)
			case list:
				c.kind = jsonColumn
			default:
				c.kind = objectColumn
				c.children = walk(f.SelectionSet, c.name+".")
			}
			cols = append(cols, c)
		}
		return cols
	}
	out = walk(sel, prefix)
	return out
}

// fields lists the fields of a selection set, fragments spread in place,
// each response key once: a field selected twice under one key is merged,
// its sub-selections together, as GraphQL answers it.
func fields(sel ast.SelectionSet) []*ast.Field {
	var out []*ast.Field
	seen := map[string]*ast.Field{}
	var walk func(ast.SelectionSet)
	walk = func(sel ast.SelectionSet) {
		for _, s := range sel {
			switch s := s.(type) {
			case *ast.Field:
				if first, ok := seen[s.Alias]; ok {
					first.SelectionSet = append(first.SelectionSet, s.SelectionSet...)
					continue
				}
				merged := *s // a copy: the document itself stays as parsed
				merged.SelectionSet = append(ast.SelectionSet(nil), s.SelectionSet...)
				seen[s.Alias] = &merged
				out = append(out, &merged)
			case *ast.InlineFragment:
				walk(s.SelectionSet)
			case *ast.FragmentSpread:
				if s.Definition != nil {
					walk(s.Definition.SelectionSet)
				}
			}
		}
	}
	walk(sel)
	return out
}

// included reports whether a field with directives is selected with vars,
// as GraphQL's @include and @skip say.
func included(dirs ast.DirectiveList, vars map[string]any) bool {
	value := func(d *ast.Directive) bool {
		a := d.Arguments.ForName("if")
		if a == nil || a.Value == nil {
			return false
		}
		if a.Value.Kind == ast.Variable {
			b, _ := vars[a.Value.Raw].(bool)
			return b
		}
		return a.Value.Raw == "true"
	}
	for _, d := range dirs {
		switch d.Name {
		case "include":
			if !value(d) {
				return false
			}
		case "skip":
			if value(d) {
				return false
			}
		}
	}
	return true
}

func headers(cols []*column) []string {
	var out []string
	for _, c := range cols {
		switch c.kind {
		case objectColumn, expandColumn:
			out = append(out, headers(c.children)...)
		default:
			out = append(out, c.name)
		}
	}
	return out
}

func width(cols []*column) int { return len(headers(cols)) }

// records turns one row object into CSV records.
func records(obj map[string]any, cols []*column) [][]string {
	out := [][]string{make([]string, width(cols))}
	offset := 0
	for _, c := range cols {
		w := 1
		if c.kind == objectColumn || c.kind == expandColumn {
			w = width(c.children)
		}
		var sub [][]string
		v := obj[c.key]
		switch c.kind {
		case leafColumn:
			sub = [][]string{{cell(v)}}
		case valuesColumn:
			sub = [][]string{{joined(v)}}
		case jsonColumn:
			sub = [][]string{{jsonCell(v)}}
		case objectColumn:
			if m, ok := v.(map[string]any); ok {
				sub = records(m, c.children)
			}
		case expandColumn:
			items, _ := v.([]any)
			for _, it := range items {
				if m, ok := it.(map[string]any); ok {
					sub = append(sub, records(m, c.children)...)
				}
			}
		}
		if len(sub) == 0 {
			sub = [][]string{make([]string, w)}
		}
		// At most one column of a row multiplies it.
		var next [][]string
		for _, rec := range out {
			for _, s := range sub {
				r := append([]string(nil), rec...)
				copy(r[offset:], s)
				next = append(next, r)
			}
		}
		out = next
		offset += w
	}
	return out
}

func cell(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return neutralise(v)
	case json.Number:
		return v.String()
	case bool:
		return strconv.FormatBool(v)
	default:
		return jsonCell(v)
	}
}

func joined(v any) string {
	items, ok := v.([]any)
	if !ok {
		return cell(v)
	}
	parts := make([]string, len(items))
	for i, it := range items {
		parts[i] = cell(it)
	}
	return neutralise(strings.Join(parts, "; "))
}

func jsonCell(v any) string {
	if v == nil {
		return ""
	}
	b, _ := json.Marshal(v)
	return quietJSON(b)
}

// quietJSON writes the formula characters inside JSON strings as \u
// escapes, so that no part of the cell, however a spreadsheet splits it, is
// a formula, and the cell is still the same JSON. Outside strings JSON has
// only brackets, punctuation, literals and numbers.
func quietJSON(b []byte) string {
	var out strings.Builder
	inString, escaped := false, false
	for _, c := range b {
		switch {
		case escaped:
			escaped = false
		case inString && c == '\\':
			escaped = true
		case c == '"':
			inString = !inString
		case inString && strings.IndexByte("=+-@", c) >= 0:
			fmt.Fprintf(&out, "\\u%04x", c)
			continue
		}
		out.WriteByte(c)
	}
	return out.String()
}

// neutralise keeps a spreadsheet from running a cell, or any part of it, as
// a formula: an apostrophe goes before a formula character that starts the
// cell or follows a separator some locale splits on (a comma, a semicolon, a
// tab, a line break), spaces aside. A cell that is a plain number, such as
// -12.5, stays as it is. Opened with ";" as the separator, "Acme;=2+5" would
// otherwise be two cells, the second a formula.
func neutralise(s string) string {
	if !strings.ContainsAny(s, "=+-@\t\r") {
		return s
	}
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		return s
	}
	var b strings.Builder
	start := true // at the start of the cell or of a part of it
	for i := 0; i < len(s); i++ {
		c := s[i]
		if start && c != ' ' {
			if strings.IndexByte("=+-@\t\r", c) >= 0 {
				b.WriteByte('\'')
			}
			start = false
		}
		b.WriteByte(c)
		if strings.IndexByte(",;\t\r\n", c) >= 0 {
			start = true
		}
	}
	return b.String()
}

// csvWriter writes records as RFC 4180 says: fields separated by commas,
// quoted when they hold a comma, a quote, a carriage return or a line feed
// (quotes doubled), lines ended by CRLF. (encoding/csv, asked for CRLF,
// drops carriage returns inside fields; cells must keep them.)
type csvWriter struct {
	w   *bufio.Writer
	err error
}

func newCSVWriter(w io.Writer) *csvWriter { return &csvWriter{w: bufio.NewWriter(w)} }

func (c *csvWriter) write(rec []string) error {
	for i, f := range rec {
		if i > 0 {
			c.w.WriteByte(',')
		}
		if strings.ContainsAny(f, ",\"\r\n") {
			c.w.WriteByte('"')
			c.w.WriteString(strings.ReplaceAll(f, `"`, `""`))
			c.w.WriteByte('"')
		} else {
			c.w.WriteString(f)
		}
	}
	_, err := c.w.WriteString("\r\n")
	if err != nil && c.err == nil {
		c.err = fmt.Errorf("write csv: %w", err)
	}
	return c.err
}

func (c *csvWriter) close() error { return c.flush() }

func (c *csvWriter) flush() error {
	if err := c.w.Flush(); err != nil && c.err == nil {
		c.err = fmt.Errorf("write csv: %w", err)
	}
	return c.err
}
