package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"alliance"
	"alliance/db"
	"alliance/graph"
)

// maxReportPages bounds a report that pages through a whole list.
const maxReportPages = 10_000

// reports answers GET /reports/{slug}.json and /reports/{slug}.csv: the
// saved report runs through the same GraphQL handler, limits and
// authorization as /graphql, as the request's principal. The query string
// overrides the report's default variables (reserved: share, all); all=true
// pages through the report's connection (it must declare $after: String and
// select pageInfo { hasNextPage endCursor }) and streams every row.
func reports(d *db.DB, gql http.Handler, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		file := r.PathValue("file")
		slug, format, ok := strings.Cut(file, ".")
		if !ok || (format != "json" && format != "csv") {
			writeError(w, r, log, alliance.Errorf(alliance.ENOTFOUND, "reports are served as /reports/SLUG.json or /reports/SLUG.csv"))
			return
		}
		rep, err := d.Report(ctx, slug)
		if err == nil && rep == nil {
			err = alliance.Errorf(alliance.ENOTFOUND, "no report %q", slug)
		}
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		doc, errs := gqlparser.LoadQuery(graph.Schema(), rep.Query)
		if len(errs) > 0 || len(doc.Operations) != 1 {
			writeError(w, r, log, alliance.Errorf(alliance.ECONFLICT, "report %q no longer fits the schema: save it again", slug))
			return
		}
		op := doc.Operations[0]
		query := r.URL.Query()
		all := query.Get("all") == "true" || query.Get("all") == "1"
		vars, err := reportVariables(rep, op, query)
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		src := findRows(op.SelectionSet)
		if all && (src == nil || !src.pageable(op)) {
			writeError(w, r, log, alliance.Invalidf("all",
				"all=true needs a query that declares $after: String and selects a connection with pageInfo { hasNextPage endCursor }"))
			return
		}

		rev, err := d.Revision(ctx)
		if err != nil {
			writeError(w, r, log, err)
			return
		}
		etag := reportETag(rep, format, all, vars, alliance.PrincipalFrom(ctx), rev)
		w.Header().Set("X-Content-Type-Options", "nosniff")
		// Only answers that succeed may be cached: they alone carry these.
		cacheable := func() {
			w.Header().Set("ETag", etag)
			w.Header().Set("Cache-Control", "private, max-age=30")
		}
		if r.Header.Get("If-None-Match") == etag {
			cacheable()
			w.WriteHeader(http.StatusNotModified)
			return
		}
		run := runner{gql: gql, query: rep.Query, base: r}
		if format == "json" && !all {
			res := run.page(ctx, vars)
			w.Header().Set("Content-Type", "application/json; charset=utf-8")
			if res.retryAfter != "" {
				w.Header().Set("Retry-After", res.retryAfter)
			}
			if !res.failed() {
				cacheable()
			}
			w.WriteHeader(res.status())
			w.Write(res.body)
			return
		}
		stream(w, r, log, run, vars, src, format, all, slug, cacheable)
	})
}

// stream writes a report's rows: CSV, or with all=true a JSON array of rows,
// a page at a time, so that a long list never sits whole in memory.
func stream(w http.ResponseWriter, r *http.Request, log *slog.Logger, run runner, vars map[string]any, src *rowSource, format string, all bool, slug string, cacheable func()) {
	ctx := r.Context()
	var cols []*column
	var out *csvWriter
	started := false
	start := func() {
		started = true
		cacheable()
		if format == "csv" {
			w.Header().Set("Content-Type", "text/csv; charset=utf-8; header=present")
			w.Header().Set("Content-Disposition", fmt.Sprintf(`inline; filename="%s.csv"`, slug))
			w.WriteHeader(http.StatusOK)
			out = newCSVWriter(w)
			if src != nil {
				cols = columns(src.rowSelection, "")
			} else {
				cols = columns(run.operationSelection(), "")
			}
			out.write(headers(cols))
		} else {
			w.Header().Set("Content-Type", "application/json; charset=utf-8")
			w.WriteHeader(http.StatusOK)
			w.Write([]byte("["))
		}
	}
	rc := http.NewResponseController(w)
	rows := 0
	after := any(nil)
	for pageNo := 0; pageNo < maxReportPages; pageNo++ {
		pctx := ctx
		if pageNo > 0 {
			pctx = graph.Prepaid(ctx)
		}
		if all {
			vars["after"] = after
		}
		res := run.page(pctx, vars)
		if res.failed() {
			if !started {
				if res.retryAfter != "" {
					w.Header().Set("Retry-After", res.retryAfter)
				}
				w.Header().Set("Content-Type", "application/json; charset=utf-8")
				w.WriteHeader(res.status())
				w.Write(res.body)
				return
			}
			// The head is sent: abort the answer, so that the client sees an
			// incomplete transfer rather than a short file, and log why.
			log.ErrorContext(ctx, "report stopped part way", "report", slug, "rows", rows, "error", res.firstError())
			panic(http.ErrAbortHandler)
		}
		if !started {
			start()
		}
		items, next, more, err := src.read(res.data)
		if err != nil {
			log.ErrorContext(ctx, "report rows", "report", slug, "err", err)
			panic(http.ErrAbortHandler)
		}
		for _, it := range items {
			if format == "csv" {
				obj, _ := decodeValue(it).(map[string]any)
				for _, rec := range records(obj, cols) {
					out.write(rec)
				}
			} else {
				if rows > 0 {
					w.Write([]byte(","))
				}
				w.Write(it)
			}
			rows++
		}
		if format == "csv" {
			out.flush()
		}
		rc.Flush()
		if !all || !more {
			break
		}
		after = next
	}
	if format == "json" {
		w.Write([]byte("]"))
	}
}

// runner runs a report's query through the GraphQL handler, as the request.
type runner struct {
	gql   http.Handler
	query string
	base  *http.Request
}

// result is one run's answer.
type result struct {
	code       int
	body       []byte
	data       json.RawMessage
	errors     []struct{ Extensions map[string]any }
	retryAfter string
}

func (r result) failed() bool { return len(r.errors) > 0 || r.code >= 400 }

func (r result) firstError() string {
	var e struct {
		Errors []struct{ Message string } `json:"errors"`
	}
	json.Unmarshal(r.body, &e)
	if len(e.Errors) > 0 {
		return e.Errors[0].Message
	}
	return http.StatusText(r.code)
}

// status is the HTTP status of an answer: that of the handler, or the one
// its first error's code calls for.
func (r result) status() int {
	if r.code >= 400 {
		return r.code
	}
	if len(r.errors) == 0 {
		return http.StatusOK
	}
	code, _ := r.errors[0].Extensions["code"].(string)
	return statusOf(code)
}

func (run runner) page(ctx context.Context, vars map[string]any) result {
	body, _ := json.Marshal(map[string]any{"query": run.query, "variables": vars})
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, "/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := &recorder{header: http.Header{}}
	run.gql.ServeHTTP(rec, req)
	res := result{code: rec.code, body: rec.body.Bytes(), retryAfter: rec.header.Get("Retry-After")}
	var parsed struct {
		Data   json.RawMessage `json:"data"`
		Errors []struct{ Extensions map[string]any }
	}
	if err := json.Unmarshal(res.body, &parsed); err == nil {
		res.data, res.errors = parsed.Data, parsed.Errors
	}
	return res
}

func (run runner) operationSelection() ast.SelectionSet {
	doc, _ := gqlparser.LoadQuery(graph.Schema(), run.query)
	return doc.Operations[0].SelectionSet
}

// recorder keeps the answer of one run in memory: one page, at most 100
// rows.
type recorder struct {
	header http.Header
	code   int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header { return r.header }
func (r *recorder) WriteHeader(code int) {
	if r.code == 0 {
		r.code = code
	}
}
func (r *recorder) Write(b []byte) (int, error) {
	if r.code == 0 {
		r.code = http.StatusOK
	}
	return r.body.Write(b)
}

// reportVariables merges the report's default variables with the query
// string. A value is taken as text for String, ID and enum variables, and
// read as JSON otherwise ("first=20", "status=[\"ACTIVE\"]"); a list of
// enums may also be given comma-separated ("status=ACTIVE,PROSPECT").
func reportVariables(rep *alliance.Report, op *ast.OperationDefinition, query url.Values) (map[string]any, error) {
	vars := map[string]any{}
	dec := json.NewDecoder(bytes.NewReader(rep.Variables))
	dec.UseNumber()
	if err := dec.Decode(&vars); err != nil {
		vars = map[string]any{}
	}
	for name, vals := range query {
		if name == "share" || name == "all" {
			continue
		}
		def := op.VariableDefinitions.ForName(name)
		if def == nil {
			return nil, alliance.Invalidf(name, "report %q has no variable %q", rep.Slug, name)
		}
		v, err := variableValue(def.Type, vals[0])
		if err != nil {
			return nil, alliance.Invalidf(name, "variable %q: %v", name, err)
		}
		vars[name] = v
	}
	return vars, nil
}

func variableValue(t *ast.Type, raw string) (any, error) {
	textual := func(name string) bool {
		def := graph.Schema().Types[name]
		return name == "String" || name == "ID" || name == "Time" || def != nil && def.Kind == ast.Enum
	}
	if t.Elem == nil && textual(t.NamedType) {
		return raw, nil
	}
	if t.Elem != nil && textual(t.Elem.NamedType) && !strings.HasPrefix(strings.TrimSpace(raw), "[") {
		parts := strings.Split(raw, ",")
		out := make([]any, len(parts))
		for i, p := range parts {
			out[i] = strings.TrimSpace(p)
		}
		return out, nil
	}
	if raw == "" {
		return nil, nil
	}
	v := decodeValue([]byte(raw))
	if v == nil && raw != "null" {
		return nil, fmt.Errorf("%q is not a JSON value", raw)
	}
	return v, nil
}

// decodeValue reads one JSON value, and nothing after it, or gives nil.
func decodeValue(b []byte) any {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil {
		return nil
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil
	}
	return v
}

// reportETag names a version of a report's answer: its definition, the
// request, the scope of who asks and the revision of the data. A dashboard
// that polls gets 304 until something changes.
func reportETag(rep *alliance.Report, format string, all bool, vars map[string]any, p *alliance.Principal, rev int64) string {
	h := sha256.New()
	v, _ := json.Marshal(vars) // maps marshal in key order
	scope := "all"
	if p.Scoped() {
		scope = strconv.FormatInt(*p.ClientID, 10)
	}
	fmt.Fprintf(h, "%d|%s|%s|%t|%s|%s|%s|%d", rep.ID, rep.UpdatedAt, format, all, v, scope, p.Role, rev)
	return `W/"` + hex.EncodeToString(h.Sum(nil))[:24] + `"`
}
