package report

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/url"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"alliance"
	"alliance/graph"
)

// MaxPages bounds a report that pages through a whole list.
const MaxPages = 10_000

// Executor runs one GraphQL operation in process, as the principal of ctx.
// *graph.API is the one the program uses.
type Executor interface {
	Execute(ctx context.Context, query string, vars map[string]any) *graphql.Response
}

// Formats of a report's answer.
const (
	JSON = "json"
	CSV  = "csv"
	XLSX = "xlsx"
)

// Run is a report ready to run: its operation, its variables and where its
// rows are. Make one with Prepare.
type Run struct {
	exec Executor
	rep  *alliance.Report
	// query is the operation each page runs: the report's, or, for every
	// page, the same asking for larger pages (see streamQuery).
	query  string
	op     *ast.OperationDefinition
	vars   map[string]any
	format string
	all    bool
	rows   *rowSource
}

// Prepare reads a saved report and the query string of its URL. The query
// string overrides the report's default variables (see variables); its
// reserved names are share (a share link's secret, read by the server) and
// all, which asks for every page: the report must then declare
// $after: String, pass it as the after argument of its rows' connection and
// select pageInfo { hasNextPage endCursor }. It fails with CONFLICT when the
// saved query no longer fits the schema and BAD_USER_INPUT when the query
// string does not fit the report.
func Prepare(exec Executor, rep *alliance.Report, format string, query url.Values) (*Run, error) {
	if format != JSON && format != CSV && format != XLSX {
		return nil, alliance.Errorf(alliance.ENOTFOUND, "reports are served as /reports/SLUG.json, /reports/SLUG.csv or /reports/SLUG.xlsx")
	}
	doc, errs := gqlparser.LoadQuery(graph.Schema(), rep.Query)
	if len(errs) > 0 || len(doc.Operations) != 1 {
		return nil, alliance.Errorf(alliance.ECONFLICT, "report %q no longer fits the schema: save it again", rep.Slug)
	}
	op := doc.Operations[0]
	all := query.Get("all") == "true" || query.Get("all") == "1"
	vars, err := variables(rep, op, query)
	if err != nil {
		return nil, err
	}
	rows := findRows(op.SelectionSet)
	if all && (rows == nil || !rows.pageable(op)) {
		return nil, alliance.Invalidf("all",
			"all=true needs a query that declares $after: String and selects a connection with pageInfo { hasNextPage endCursor }")
	}
	run := rep.Query
	if all {
		run, vars = streamQuery(exec, rep, rows, vars)
	}
	return &Run{exec: exec, rep: rep, query: run, op: op, vars: vars, format: format, all: all, rows: rows}, nil
}

// Streamed reports whether the answer is every page (all=true), written as
// it comes, rather than one page.
func (r *Run) Streamed() bool { return r.all }

// ContentType is the media type of the answer.
func (r *Run) ContentType() string {
	switch r.format {
	case CSV:
		return "text/csv; charset=utf-8; header=present"
	case XLSX:
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	}
	return "application/json; charset=utf-8"
}

// Failed is the answer of a run whose first page failed: the GraphQL
// response, to be sent as it is. Its first error's code says what went
// wrong; nothing else was run.
type Failed struct {
	// Response is the GraphQL response, errors included.
	Response []byte
	// Code is the code of the first error.
	Code string
	// Message is the message of the first error.
	Message string
	// RetryAfter is, for RATE_LIMITED, how many seconds to wait.
	RetryAfter int
}

func (f *Failed) Error() string { return f.Code + ": " + f.Message }

// Render runs a report that is not streamed and returns its whole answer:
// the GraphQL response as JSON, or its rows as CSV or XLSX. It fails with *Failed
// when the query does, or with an internal error.
func (r *Run) Render(ctx context.Context) ([]byte, error) {
	if r.all {
		return nil, fmt.Errorf("report %q: render a streamed report with Stream", r.rep.Slug)
	}
	resp, err := r.page(ctx, 0)
	if err != nil {
		return nil, err
	}
	if r.format == JSON {
		return r.encode(resp, 0)
	}
	items, _, _, err := r.rows.values(resp.Data)
	if err != nil {
		return nil, fmt.Errorf("report %q: the rows: %w", r.rep.Slug, err)
	}
	var b bytes.Buffer
	out, cols, err := r.startTable(&b)
	if err != nil {
		return nil, err
	}
	writeRecords(out, cols, items)
	if err := out.close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Stream runs a streamed report (all=true) and writes every row to w, as
// CSV, as a workbook (XLSX) or as a JSON array of rows, a page at a time, so that a long list
// never sits whole in memory. begin is called once, when the first page has
// succeeded and before anything is written: the caller sends its head
// there; flush after each page. An error before begin is a *Failed, or an
// internal error, and nothing was written; an error after it means that the
// answer is cut short. Every page is charged to the caller's rate: the first
// as any operation (refused when the rate is spent), the later ones when
// they are admitted, waiting until the rate allows them (see graph.Paced),
// so that a long export costs what it reads and is slowed, not cut short.
func (r *Run) Stream(ctx context.Context, w io.Writer, begin, flush func()) error {
	if !r.all {
		return fmt.Errorf("report %q: stream a report of every page (all=true) only", r.rep.Slug)
	}
	var out table
	var cols []*column
	rows := 0
	after := any(nil)
	for pageNo := 0; pageNo < MaxPages; pageNo++ {
		pctx := graph.StreamPages(ctx)
		if pageNo > 0 {
			pctx = graph.Paced(pctx)
		}
		r.vars["after"] = after
		resp, err := r.page(pctx, pageNo)
		if err != nil {
			if pageNo > 0 {
				return fmt.Errorf("report %q stopped after %d rows: %w", r.rep.Slug, rows, err)
			}
			return err
		}
		if pageNo == 0 {
			begin()
			if r.format != JSON {
				if out, cols, err = r.startTable(w); err != nil {
					return err
				}
			} else if _, err := io.WriteString(w, "["); err != nil {
				return err
			}
		}
		// The rows are written from the page's data as gqlgen made it:
		// as JSON, the bytes of the rows themselves; as CSV or XLSX,
		// the page decoded once.
		var next any
		var more bool
		var n int
		if r.format != JSON {
			var items []any
			if items, next, more, err = r.rows.values(resp.Data); err == nil {
				writeRecords(out, cols, items)
				err, n = out.flush(), len(items)
			}
		} else {
			var list []json.RawMessage
			if list, next, more, err = r.rows.read(resp.Data); err == nil {
				n, err = writeElements(w, list, rows > 0)
			}
		}
		if err != nil {
			return fmt.Errorf("report %q: the rows of page %d: %w", r.rep.Slug, pageNo+1, err)
		}
		rows += n
		flush()
		if !more {
			break
		}
		after = next
	}
	if r.format == JSON {
		_, err := io.WriteString(w, "]")
		return err
	}
	return out.close()
}

// startTable starts a CSV or XLSX answer: its columns, and the header
// naming them.
func (r *Run) startTable(w io.Writer) (table, []*column, error) {
	out, err := newTable(r.format, r.rep.Title, w)
	if err != nil {
		return nil, nil, err
	}
	sel := r.op.SelectionSet
	if r.rows != nil {
		sel = r.rows.rowSelection
	}
	cols := columns(sel, "", r.effectiveVars())
	out.write(headers(cols))
	return out, cols, nil
}

// effectiveVars are the variables as the operation sees them: those given,
// and the defaults of the others.
func (r *Run) effectiveVars() map[string]any {
	out := map[string]any{}
	for _, def := range r.op.VariableDefinitions {
		if def.DefaultValue != nil {
			if v, err := def.DefaultValue.Value(nil); err == nil {
				out[def.Variable] = v
			}
		}
	}
	for k, v := range r.vars {
		out[k] = v
	}
	return out
}

// writeRecords writes rows as records (the table keeps the first error,
// which flush and close return).
func writeRecords(out table, cols []*column, rows []any) {
	for _, it := range rows {
		obj, _ := it.(map[string]any)
		for _, rec := range records(obj, cols) {
			out.write(rec)
		}
	}
}

// writeElements writes JSON arrays' elements to w, separated by commas, a
// comma first when after is set, and returns how many there were.
func writeElements(w io.Writer, lists []json.RawMessage, after bool) (int, error) {
	n := 0
	for _, list := range lists {
		elems, count := elements(list)
		if count == 0 {
			continue
		}
		if after || n > 0 {
			if _, err := io.WriteString(w, ","); err != nil {
				return n, err
			}
		}
		if _, err := w.Write(elems); err != nil {
			return n, err
		}
		n += count
	}
	return n, nil
}

// page runs the report's query once, with its variables as they are now.
// An answer with errors is a *Failed. The answer is encoded only where it
// is sent whole (a failure, or one page as JSON): rows are read from its
// data as it is.
func (r *Run) page(ctx context.Context, pageNo int) (*graphql.Response, error) {
	resp := r.exec.Execute(ctx, r.query, r.vars)
	if len(resp.Errors) == 0 {
		return resp, nil
	}
	body, err := r.encode(resp, pageNo)
	if err != nil {
		return nil, err
	}
	e := resp.Errors[0]
	code, _ := e.Extensions["code"].(string)
	retry, _ := e.Extensions["retryAfter"].(int)
	return nil, &Failed{Response: body, Code: code, Message: e.Message, RetryAfter: retry}
}

// encode is the GraphQL response of a page, as JSON.
func (r *Run) encode(resp *graphql.Response, pageNo int) ([]byte, error) {
	body, err := json.Marshal(resp)
	if err != nil {
		return nil, fmt.Errorf("report %q: page %d: %w", r.rep.Slug, pageNo+1, err)
	}
	return body, nil
}

// Format is the format of the answer: JSON, CSV or XLSX.
func (r *Run) Format() string { return r.format }
