package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"alliance"
	"alliance/db"
	"alliance/db/dbtest"
	"alliance/graph"
)

// postStatus sends one operation and returns the HTTP status, the
// Retry-After header and the decoded answer.
func postStatus(t *testing.T, url, query string) (int, string, response) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query})
	resp, err := http.Post(url, "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var r response
	if err := json.Unmarshal(raw, &r); err != nil {
		t.Fatalf("status %d, body %s: %v", resp.StatusCode, raw, err)
	}
	return resp.StatusCode, resp.Header.Get("Retry-After"), r
}

// Expensive operations take turns across every token: while the only turn
// is taken, a cheap operation is answered at once, an expensive one waits,
// and is refused with 429 when its wait runs out, without one SQL
// statement; it runs as soon as a turn is free.
func TestExpensiveOperationsTakeTurns(t *testing.T) {
	d := dbtest.Open(t, db.SQLite)
	api := graph.New(d, graph.Options{Limits: graph.Limits{CostPerSecond: -1, MaxConcurrent: 100},
		Expensive: graph.Expensive{AtOnce: 1, Cost: 5_000, Wait: 300 * time.Millisecond}})
	alice := httptest.NewServer(as(tester, api))
	defer alice.Close()
	bob := httptest.NewServer(as(&tester2, api))
	defer bob.Close()
	const cheap = `{ metrics { key } }`                              // costs 40
	const expensive = `{ impact(serviceId: "1") { revenueAtRisk } }` // costs 10,001
	if status, _, r := postStatus(t, alice.URL, expensive); status != 200 || len(r.Errors) > 0 {
		t.Fatalf("an expensive operation with its turn free: %d %+v", status, r.Errors)
	}

	release := graph.HoldTurn(api)
	// More operations wait than the database has connections (SQLite's
	// pool holds 8): waiting, they hold none, so a cheap one is answered
	// at once.
	var waiting sync.WaitGroup
	for range 20 {
		waiting.Add(1)
		go func() {
			defer waiting.Done()
			postStatus(t, bob.URL, expensive)
		}()
	}
	time.Sleep(50 * time.Millisecond)
	start := time.Now()
	if status, _, r := postStatus(t, alice.URL, cheap); status != 200 || len(r.Errors) > 0 || time.Since(start) > 200*time.Millisecond {
		t.Fatalf("a cheap operation while the turn is taken and 20 wait for it: %d %+v after %s", status, r.Errors, time.Since(start))
	}
	waiting.Wait()
	// bob's 20 were told to wait: carol asks.
	carol := httptest.NewServer(as(&alliance.Principal{Name: "carol", Role: alliance.Viewer}, api))
	defer carol.Close()
	before := d.Statements()
	start = time.Now()
	status, retry, r := postStatus(t, carol.URL, expensive)
	if status != http.StatusTooManyRequests || retry == "" || len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != "RATE_LIMITED" ||
		!strings.Contains(r.Errors[0].Message, "waited 300ms for its turn") {
		t.Fatalf("an expensive operation while the turn is taken: %d, Retry-After %q, %+v", status, retry, r.Errors)
	}
	if waited := time.Since(start); waited < 300*time.Millisecond {
		t.Fatalf("refused after %s, before its wait ran out", waited)
	}
	if n := d.Statements() - before; n != 0 {
		t.Fatalf("%d statements ran for an operation that waited and was refused", n)
	}

	// One that waits runs once the turn is given back.
	go func() {
		time.Sleep(100 * time.Millisecond)
		release()
	}()
	start = time.Now()
	if status, _, r := postStatus(t, alice.URL, expensive); status != 200 || len(r.Errors) > 0 {
		t.Fatalf("an expensive operation whose turn came: %d %+v", status, r.Errors)
	}
	if waited := time.Since(start); waited < 100*time.Millisecond {
		t.Fatalf("answered after %s, while the turn was still taken", waited)
	}
}

// A list's totalCount costs a count of the rows it passes over, once,
// whatever its page size: 1,300 aliased counts of the requirements, 100 s
// of work at 1,000 clients, once cost 2,600.
func TestCountsCostTheirWorkOnce(t *testing.T) {
	for _, tc := range []struct {
		query string
		want  int
	}{
		// A page of one: 1 × (1 + totalCount 1), and the count.
		{`{ requirements(first: 0) { totalCount } }`, 2 + 15_000},
		// 100 × (1 + totalCount 1 + nodes 2), and the count once.
		{`{ requirements(first: 100) { totalCount nodes { title } } }`, 400 + 15_000},
		{`{ requirements(first: 100) { ...count nodes { title } } } fragment count on RequirementConnection { totalCount }`, 400 + 15_000},
		{`{ requirements(first: 100) { a: totalCount b: totalCount } }`, 300 + 30_000},
		{`{ a: requirements(first: 1) { totalCount } b: clients(first: 1) { totalCount } c: clients(first: 1) { nodes { name } } }`, 2 + 15_000 + 2 + 100 + 3},
		{`{ requirements(first: 100) { nodes { title } } }`, 300},
	} {
		if got, err := graph.Cost(tc.query, "", nil); err != nil || got != tc.want {
			t.Errorf("%s costs %d (%v), want %d", tc.query, got, err, tc.want)
		}
	}

	d := dbtest.Open(t, db.SQLite)
	srv := httptest.NewServer(as(tester, graph.NewHandler(d, testOptions)))
	defer srv.Close()
	var b strings.Builder
	b.WriteString("{")
	for i := range 1300 {
		fmt.Fprintf(&b, " a%d: requirements(first: 0) { totalCount }", i)
	}
	b.WriteString(" }")
	before := d.Statements()
	_, _, r := postStatus(t, srv.URL, b.String())
	if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != "QUERY_TOO_COMPLEX" || !strings.Contains(r.Errors[0].Message, "costs 19502600") {
		t.Fatalf("1,300 counts: %+v", r.Errors)
	}
	if n := d.Statements() - before; n != 0 {
		t.Fatalf("%d statements ran for a refused operation", n)
	}
	// The same through Execute, in process.
	if resp := graph.New(d, testOptions).Execute(alliance.WithPrincipal(context.Background(), tester), b.String(), nil); len(resp.Errors) != 1 || resp.Errors[0].Extensions["code"] != "QUERY_TOO_COMPLEX" {
		t.Fatalf("1,300 counts in process: %+v", resp.Errors)
	}
}

// A token told to wait (429, Retry-After) is held to it: a request that
// comes earlier waits, a second at most, and is then served if its time has
// come, or refused before it is read if not. Other tokens are not held.
func TestTokensToldToWaitAreHeldToIt(t *testing.T) {
	d := dbtest.Open(t, db.SQLite)
	api := graph.New(d, graph.Options{Limits: graph.Limits{MaxCost: 60, CostPerSecond: 1}})
	alice := httptest.NewServer(as(tester, api))
	defer alice.Close()
	bob := httptest.NewServer(as(&tester2, api))
	defer bob.Close()
	const metrics = `{ metrics { key } }` // costs 40
	for i := range 3 {
		if status, _, r := postStatus(t, alice.URL, metrics); status != 200 || len(r.Errors) > 0 {
			t.Fatalf("call %d within the burst: %d %+v", i, status, r.Errors)
		}
	}
	if status, retry, _ := postStatus(t, alice.URL, metrics); status != http.StatusTooManyRequests || retry != "40" {
		t.Fatalf("over the rate: %d, Retry-After %q", status, retry)
	}
	// Asked again at once, with a body that is not even JSON: held, then
	// refused unread.
	before := d.Statements()
	start := time.Now()
	resp, err := http.Post(alice.URL, "application/json", strings.NewReader("not JSON"))
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" || !strings.Contains(string(raw), `"RATE_LIMITED"`) {
		t.Fatalf("asked again before Retry-After: %d %q %s", resp.StatusCode, resp.Header.Get("Retry-After"), raw)
	}
	if took := time.Since(start); took < 900*time.Millisecond || took > 3*time.Second {
		t.Fatalf("held %s, want about a second", took)
	}
	if n := d.Statements() - before; n != 0 {
		t.Fatalf("%d statements for a request refused unread", n)
	}
	if status, _, _ := postStatus(t, bob.URL, metrics); status != 200 {
		t.Fatalf("another token: %d", status)
	}

	// Told to wait a second (its one operation at a time is running):
	// its next request is held, then served.
	bobs := graph.New(d, graph.Options{Limits: graph.Limits{CostPerSecond: -1, MaxConcurrent: 1},
		Expensive: graph.Expensive{AtOnce: 1, Cost: 30}})
	srv := httptest.NewServer(as(&tester2, bobs))
	defer srv.Close()
	release := graph.HoldTurn(bobs)
	done := make(chan int)
	go func() {
		status, _, _ := postStatus(t, srv.URL, metrics) // waits for the turn
		done <- status
	}()
	time.Sleep(100 * time.Millisecond)
	if status, retry, _ := postStatus(t, srv.URL, `{ me { name } }`); status != http.StatusTooManyRequests || retry != "1" {
		t.Fatalf("a second operation at once: %d, Retry-After %q", status, retry)
	}
	release()
	if status := <-done; status != 200 {
		t.Fatalf("the operation that waited for its turn: %d", status)
	}
	start = time.Now()
	if status, _, r := postStatus(t, srv.URL, `{ me { name } }`); status != 200 || len(r.Errors) > 0 {
		t.Fatalf("after Retry-After: %d %+v", status, r.Errors)
	}
	if took := time.Since(start); took < 500*time.Millisecond {
		t.Fatalf("served after %s, before its Retry-After", took)
	}
}
