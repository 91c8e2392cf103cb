package report_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"alliance"
	"alliance/db"
	"alliance/db/dbtest"
	"alliance/graph"
	"alliance/report"
)

// A report runs in process, through the same executor as /graphql, as the
// principal of the context: no HTTP request is made or faked. (The reports
// as served, CSV layout included, are tested through the program in
// package main.)
func TestReportRunsInProcess(t *testing.T) {
	d := dbtest.Open(t, db.SQLite)
	ctx := alliance.WithActor(context.Background(), "test")
	for i := 1; i <= 5; i++ {
		if _, err := d.CreateClient(ctx, alliance.ClientInput{Name: fmt.Sprintf("Client %d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	api := graph.New(d, graph.Options{Limits: graph.Limits{CostPerSecond: -1}})
	admin := alliance.WithPrincipal(ctx, &alliance.Principal{Name: "admin", Role: alliance.Admin})
	rep := &alliance.Report{Slug: "clients", Query: `query($first: Int, $after: String) {
		clients(first: $first, after: $after) { pageInfo { hasNextPage endCursor } nodes { name } } }`,
		Variables: []byte(`{"first": 2}`)}

	one, err := report.Prepare(api, rep, report.CSV, url.Values{})
	if err != nil {
		t.Fatal(err)
	}
	body, err := one.Render(admin)
	if err != nil || string(body) != "name\r\nClient 1\r\nClient 2\r\n" || one.Streamed() {
		t.Fatalf("one page: %q %v", body, err)
	}

	all, err := report.Prepare(api, rep, report.JSON, url.Values{"all": {"true"}})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	begun, flushed := 0, 0
	err = all.Stream(admin, &out, func() { begun++ }, func() { flushed++ })
	want := `[{"name":"Client 1"},{"name":"Client 2"},{"name":"Client 3"},{"name":"Client 4"},{"name":"Client 5"}]`
	// The stream reads pages of its own size (see
	// TestStreamReadsLargerPages): the five clients are one page.
	if err != nil || out.String() != want || begun != 1 || flushed != 1 {
		t.Fatalf("every page: %s (begun %d, flushed %d pages) %v", out.String(), begun, flushed, err)
	}

	// Without a principal the query is refused, and nothing is written.
	out.Reset()
	err = all.Stream(ctx, &out, func() { t.Fatal("begun") }, func() {})
	var failed *report.Failed
	if !errors.As(err, &failed) || failed.Code != alliance.EUNAUTHORIZED || out.Len() != 0 || !strings.Contains(string(failed.Response), `"UNAUTHENTICATED"`) {
		t.Fatalf("without a principal: %v %s", err, out.String())
	}

	// A query string that does not fit the report.
	for _, q := range []url.Values{{"region": {"north"}}, {"first": {"two"}}} {
		if _, err := report.Prepare(api, rep, report.JSON, q); alliance.ErrorCode(err) != alliance.EINVALID {
			t.Fatalf("%v: %v", q, err)
		}
	}
	stale := &alliance.Report{Slug: "stale", Query: `{ noSuchField }`}
	if _, err := report.Prepare(api, stale, report.JSON, nil); alliance.ErrorCode(err) != alliance.ECONFLICT {
		t.Fatalf("a query that no longer fits: %v", err)
	}
}

// Every page of a report of every page is charged to its token's rate: the
// later pages wait for the rate rather than being refused, so that the
// report is slowed, not cut short, and the token has spent what it read.
func TestEveryPageIsChargedToTheRate(t *testing.T) {
	d := dbtest.Open(t, db.SQLite)
	ctx := alliance.WithActor(context.Background(), "test")
	for i := 1; i <= 5; i++ {
		if _, err := d.CreateClient(ctx, alliance.ClientInput{Name: fmt.Sprintf("Client %d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	rep := &alliance.Report{Slug: "clients", Query: `query($first: Int, $after: String) {
		clients(first: $first, after: $after) { pageInfo { hasNextPage endCursor } nodes { name } } }`,
		Variables: []byte(`{"first": 2}`)}
	page, err := graph.Cost(rep.Query, "", map[string]any{"first": 2})
	if err != nil {
		t.Fatal(err)
	}
	// A burst of two pages, and a page every 200 ms: the three pages take
	// the burst and 200 ms.
	api := graph.New(d, graph.Options{Limits: graph.Limits{MaxCost: page, CostPerSecond: float64(page) * 5}})
	viewer := alliance.WithPrincipal(ctx, &alliance.Principal{Name: "viewer", Role: alliance.Viewer})
	all, err := report.Prepare(api, rep, report.CSV, url.Values{"all": {"true"}})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	start := time.Now()
	if err := all.Stream(viewer, &out, func() {}, func() {}); err != nil || strings.Count(out.String(), "Client ") != 5 {
		t.Fatalf("every page: %q %v", out.String(), err)
	}
	if took := time.Since(start); took < 150*time.Millisecond {
		t.Fatalf("three pages in %s: the third did not wait for the rate", took)
	}
	// The token has spent its burst: its next page is refused.
	one, err := report.Prepare(api, rep, report.CSV, url.Values{})
	if err != nil {
		t.Fatal(err)
	}
	var failed *report.Failed
	if _, err := one.Render(viewer); !errors.As(err, &failed) || failed.Code != alliance.ERATELIMITED || failed.RetryAfter < 1 {
		t.Fatalf("a page right after the report: %v", err)
	}
}

// A report of every page reads pages larger than the one it names, as large
// as alliance.MaxStreamPageSize while a page costs at most a quarter of the
// largest cost of one operation and less than an expensive one: the same
// rows in fewer operations, and so fewer statements.
func TestStreamReadsLargerPages(t *testing.T) {
	d := dbtest.Open(t, db.SQLite)
	ctx := alliance.WithActor(context.Background(), "test")
	for i := 1; i <= 5; i++ {
		if _, err := d.CreateClient(ctx, alliance.ClientInput{Name: fmt.Sprintf("Client %d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	admin := alliance.WithPrincipal(ctx, &alliance.Principal{Name: "admin", Role: alliance.Admin})
	want := "name\r\nClient 1\r\nClient 2\r\nClient 3\r\nClient 4\r\nClient 5\r\n"
	stream := func(api *graph.API, rep *alliance.Report) (pages int, statements int64) {
		t.Helper()
		all, err := report.Prepare(api, rep, report.CSV, url.Values{"all": {"true"}})
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		before := d.Statements()
		if err := all.Stream(admin, &out, func() {}, func() { pages++ }); err != nil || out.String() != want {
			t.Fatalf("%s: %q %v", rep.Query, out.String(), err)
		}
		return pages, d.Statements() - before
	}
	for _, query := range []string{
		// first as a variable, as a literal, and not given (the default).
		`query($first: Int, $after: String) { clients(first: $first, after: $after) { pageInfo { hasNextPage endCursor } nodes { name } } }`,
		`query($after: String) { clients(first: 2, after: $after) { pageInfo { hasNextPage endCursor } nodes { name } } }`,
		`query($after: String) { list: clients(after: $after) { pageInfo { hasNextPage endCursor } nodes { name } } }`,
	} {
		rep := &alliance.Report{Slug: "clients", Query: query, Variables: []byte(`{"first": 2}`)}
		if pages, _ := stream(graph.New(d, graph.Options{Limits: graph.Limits{CostPerSecond: -1}}), rep); pages != 1 {
			t.Errorf("%s: %d pages, want 1", query, pages)
		}
	}

	// Pages of 2 run three operations; pages as large as a quarter of the
	// largest cost allows (three or four clients) two, with fewer
	// statements.
	rep := &alliance.Report{Slug: "clients", Query: `query($first: Int, $after: String) {
		clients(first: $first, after: $after) { pageInfo { hasNextPage endCursor } nodes { name } } }`,
		Variables: []byte(`{"first": 2}`)}
	three, err := graph.Cost(rep.Query, "", map[string]any{"first": 3})
	if err != nil {
		t.Fatal(err)
	}
	saved, savedStatements := stream(graph.New(d, graph.Options{Limits: graph.Limits{MaxCost: three, CostPerSecond: -1}}), rep)
	larger, largerStatements := stream(graph.New(d, graph.Options{Limits: graph.Limits{MaxCost: 4 * three, CostPerSecond: -1}}), rep)
	if saved != 3 || larger != 2 || largerStatements >= savedStatements {
		t.Fatalf("pages of 2: %d pages, %d statements; larger pages: %d pages, %d statements", saved, savedStatements, larger, largerStatements)
	}
	// A page stays cheaper than an expensive operation, which would wait
	// for a turn.
	cheap, _ := stream(graph.New(d, graph.Options{Limits: graph.Limits{CostPerSecond: -1}, Expensive: graph.Expensive{Cost: three + 1}}), rep)
	if cheap != 2 {
		t.Fatalf("pages below the expensive cost: %d pages, want 2", cheap)
	}
}
