package importer

import (
	"fmt"
	"io"
	"strings"
)

// Report is what an import did, or what a dry run would do.
type Report struct {
	// ID names the import; its audit entries carry it as their request id.
	ID     string `json:"id"`
	DryRun bool   `json:"dryRun"`
	// Applied is set when the changes were written.
	Applied bool `json:"applied"`
	Prune   bool `json:"prune"`
	// Sheets counts, per sheet read, what happens to its rows.
	Sheets []*SheetSummary `json:"sheets"`
	// Changes lists every row created, updated or (with prune) removed.
	Changes []*Change `json:"changes"`
	// Problems stop the import: nothing is written while there is one.
	Problems []Problem `json:"problems"`
	// Notices are worth knowing but stop nothing (formulas read as their
	// values, a byte order mark skipped).
	Notices []Problem `json:"notices"`
}

// SheetSummary counts what an import does with one sheet: rows created,
// updated, unchanged, removed (with prune), and the stored rows the file
// does not name, left alone.
type SheetSummary struct {
	Sheet     string `json:"sheet"`
	Rows      int    `json:"rows"`
	Created   int    `json:"created"`
	Updated   int    `json:"updated"`
	Unchanged int    `json:"unchanged"`
	Deleted   int    `json:"deleted"`
	LeftAlone int    `json:"leftAlone"`
}

// Action is what happens to one row.
type Action string

// Actions.
const (
	Create Action = "CREATE"
	Update Action = "UPDATE"
	Delete Action = "DELETE"
)

// Change is one row created, updated or removed. Row is its row in the
// sheet (0 for a row removed because the file does not name it).
type Change struct {
	Sheet  string         `json:"sheet"`
	Row    int            `json:"row"`
	Action Action         `json:"action"`
	Key    string         `json:"key"`
	Fields []*FieldChange `json:"fields"`
	// Detail says more: what goes with a removed row.
	Detail string `json:"detail,omitempty"`
}

// FieldChange is one field of a row, before and after ("" for empty).
type FieldChange struct {
	Field  string `json:"field"`
	Before string `json:"before"`
	After  string `json:"after"`
}

// Problem is something wrong with the input, where it is: the sheet (or CSV
// file), the row (0 for the whole file) and the column ("" for the whole
// row).
type Problem struct {
	Sheet   string `json:"sheet"`
	Row     int    `json:"row"`
	Column  string `json:"column"`
	Message string `json:"message"`
}

// String words the problem with its place: "Requirements, row 14, column
// coveragePercent: coveragePercent must be between 1 and 100 (got 150)".
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.Sheet)
	if p.Row > 0 {
		fmt.Fprintf(&b, ", row %d", p.Row)
	}
	if p.Column != "" {
		fmt.Fprintf(&b, ", column %s", p.Column)
	}
	b.WriteString(": ")
	b.WriteString(p.Message)
	return b.String()
}

// Totals sums the sheets' counts.
func (r *Report) Totals() SheetSummary {
	var t SheetSummary
	for _, s := range r.Sheets {
		t.Rows += s.Rows
		t.Created += s.Created
		t.Updated += s.Updated
		t.Unchanged += s.Unchanged
		t.Deleted += s.Deleted
		t.LeftAlone += s.LeftAlone
	}
	return t
}

// Write prints the report for a person: the problems first, then each
// sheet's counts and at most limit changes (all when limit < 0).
func (r *Report) Write(w io.Writer, limit int) {
	switch {
	case len(r.Problems) > 0:
		fmt.Fprintf(w, "import %s: %d problems; nothing was written\n", r.ID, len(r.Problems))
	case r.Applied:
		fmt.Fprintf(w, "import %s: imported\n", r.ID)
	default:
		fmt.Fprintf(w, "import %s: dry run; nothing was written\n", r.ID)
	}
	for _, p := range r.Problems {
		fmt.Fprintf(w, "  problem: %s\n", p)
	}
	for _, p := range r.Notices {
		fmt.Fprintf(w, "  note: %s\n", p)
	}
	verb := map[bool]string{true: "would be ", false: ""}[!r.Applied]
	for _, s := range r.Sheets {
		fmt.Fprintf(w, "%s: %d rows; %d %screated, %d %supdated, %d unchanged", s.Sheet, s.Rows, s.Created, verb, s.Updated, verb, s.Unchanged)
		if r.Prune {
			fmt.Fprintf(w, ", %d %sremoved", s.Deleted, verb)
		}
		fmt.Fprintf(w, "; %d stored rows not in the file left alone\n", s.LeftAlone)
	}
	for i, c := range r.Changes {
		if limit >= 0 && i >= limit {
			fmt.Fprintf(w, "  … and %d more changes (--all lists every one)\n", len(r.Changes)-limit)
			break
		}
		where := c.Sheet
		if c.Row > 0 {
			where = fmt.Sprintf("%s, row %d", c.Sheet, c.Row)
		}
		fmt.Fprintf(w, "  %s %s: %s", strings.ToLower(string(c.Action)), where, c.Key)
		if c.Detail != "" {
			fmt.Fprintf(w, " (%s)", c.Detail)
		}
		fmt.Fprintln(w)
		if c.Action == Update {
			for _, f := range c.Fields {
				fmt.Fprintf(w, "      %s: %s → %s\n", f.Field, shown(f.Before), shown(f.After))
			}
		}
	}
}

func shown(s string) string {
	if s == "" {
		return "(empty)"
	}
	return fmt.Sprintf("%q", s)
}
