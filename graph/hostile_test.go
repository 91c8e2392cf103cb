package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"alliance/db"
	"alliance/db/dbtest"
	"alliance/graph"
)

// fragmentBomb is a document whose fragments each spread the one before
// twice: n fragments expand to 2^n fields.
func fragmentBomb(n int) string {
	var b strings.Builder
	b.WriteString("query { clients { nodes { ...f" + fmt.Sprint(n) + " } } }\nfragment f0 on Client { id name }\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "fragment f%d on Client { ...f%d ...f%d }\n", i, i-1, i-1)
	}
	return b.String()
}

// directiveFlood is one field carrying n unknown directives.
func directiveFlood(n int) string {
	return "{ metrics " + strings.Repeat("@a ", n) + "{ key } }"
}

// unknownFields asks for n fields that do not exist.
func unknownFields(n int) string {
	var b strings.Builder
	b.WriteString("{ ")
	for i := range n {
		fmt.Fprintf(&b, "f%d ", i)
	}
	b.WriteString("}")
	return b.String()
}

// hostile posts a document to url within a deadline that today's code
// misses by far (a fragment bomb of 40 would take hours), and returns the
// answer and its size.
func hostile(t testing.TB, url, query string) (response, int) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query})
	client := &http.Client{Timeout: 20 * time.Second}
	resp, err := client.Post(url, "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatalf("the server did not answer a hostile document in time: %v", err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var r response
	if err := json.Unmarshal(raw, &r); err != nil {
		t.Fatalf("status %d, body %.300s: %v", resp.StatusCode, raw, err)
	}
	return r, len(raw)
}

func TestHostileDocumentsAreRefusedCheaply(t *testing.T) {
	d := dbtest.Open(t, db.SQLite)
	srv := httptest.NewServer(as(tester, graph.NewHandler(d, testOptions)))
	defer srv.Close()

	t.Run("fragments that expand exponentially", func(t *testing.T) {
		before := d.Statements()
		r, _ := hostile(t, srv.URL, fragmentBomb(40))
		if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != "QUERY_TOO_COMPLEX" || !strings.Contains(r.Errors[0].Message, "5000 fields") {
			t.Fatalf("%d errors, the first: %+v", len(r.Errors), r.Errors[:min(3, len(r.Errors))])
		}
		if n := d.Statements() - before; n != 0 {
			t.Fatalf("%d statements ran for a refused document", n)
		}
		// Below the bound, the same shape is answered: 2^8 spreads of two
		// fields merge into one selection of id and name.
		if r, _ := hostile(t, srv.URL, fragmentBomb(8)); len(r.Errors) != 0 {
			t.Fatalf("a fragment tree of 512 fields: %+v", r.Errors)
		}
	})

	t.Run("a flood of directives", func(t *testing.T) {
		r, size := hostile(t, srv.URL, directiveFlood(7400))
		if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != "GRAPHQL_VALIDATION_FAILED" || !strings.Contains(r.Errors[0].Message, "at most 4 directives") {
			t.Fatalf("%d errors, the first: %+v", len(r.Errors), r.Errors[:min(3, len(r.Errors))])
		}
		if size > 1000 {
			t.Fatalf("the answer is %d bytes", size)
		}
		if r, _ := hostile(t, srv.URL, `{ metrics @include(if: true) @skip(if: false) { key } }`); len(r.Errors) != 0 {
			t.Fatalf("two directives: %+v", r.Errors)
		}
	})

	t.Run("a flood of errors", func(t *testing.T) {
		r, size := hostile(t, srv.URL, unknownFields(2000))
		if len(r.Errors) != graph.MaxErrors {
			t.Fatalf("%d errors listed, want %d", len(r.Errors), graph.MaxErrors)
		}
		last := r.Errors[len(r.Errors)-1]
		if last.Message != "and 1981 more errors" || last.Extensions["code"] != "GRAPHQL_VALIDATION_FAILED" {
			t.Fatalf("the last error: %+v", last)
		}
		if size > 5000 {
			t.Fatalf("the answer is %d bytes", size)
		}
	})
}

// Invalid documents are charged to their token's rate: a flood of them meets
// 429 like a flood of valid ones.
func TestInvalidDocumentsCountAgainstTheRate(t *testing.T) {
	d := dbtest.Open(t, db.SQLite)
	srv := httptest.NewServer(as(tester, graph.NewHandler(d, graph.Options{Limits: graph.Limits{MaxCost: 1000, CostPerSecond: 10}})))
	defer srv.Close()
	// A burst of 2,000: the first invalid document, with 5 errors, costs
	// 2,500 and leaves the token in debt.
	if r, _ := hostile(t, srv.URL, unknownFields(5)); len(r.Errors) != 5 {
		t.Fatalf("first answer: %d errors", len(r.Errors))
	}
	body, _ := json.Marshal(map[string]any{"query": "{ metrics { key } }"})
	resp, err := http.Post(srv.URL, "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("status %d, Retry-After %q after a costly invalid document", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
}

// BenchmarkHostileDocuments prints, for each hostile document, the server's
// CPU time and allocation per request and the size of its answer.
func BenchmarkHostileDocuments(b *testing.B) {
	d := dbtest.Open(b, db.SQLite)
	srv := httptest.NewServer(as(tester, graph.NewHandler(d, testOptions)))
	defer srv.Close()
	for _, tc := range []struct{ name, query string }{
		{"fragments 2^24", fragmentBomb(24)},
		{"fragments 2^40", fragmentBomb(40)},
		{"7400 directives", directiveFlood(7400)},
		{"2000 unknown fields", unknownFields(2000)},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			var size int
			cpu := cpuTime()
			for b.Loop() {
				_, size = hostile(b, srv.URL, tc.query)
			}
			b.ReportMetric(float64((cpuTime()-cpu).Microseconds())/float64(b.N)/1000, "cpu-ms/op")
			b.ReportMetric(float64(size), "answer-bytes")
			b.ReportMetric(float64(len(tc.query)), "document-bytes")
		})
	}
}

// BenchmarkHostileDocumentsAtOnce sends 150 hostile documents at once, a
// third of each kind, and prints how far the process's resident memory rose
// above its figure before (sampled every few milliseconds while they ran).
func BenchmarkHostileDocumentsAtOnce(b *testing.B) {
	d := dbtest.Open(b, db.SQLite)
	srv := httptest.NewServer(as(tester, graph.NewHandler(d, testOptions)))
	defer srv.Close()
	docs := []string{fragmentBomb(40), directiveFlood(7400), unknownFields(2000)}
	runtime.GC()
	idle := residentBytes()
	var peak atomic.Int64
	stop := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		for {
			peak.Store(max(peak.Load(), residentBytes()))
			select {
			case <-stop:
				return
			case <-time.After(2 * time.Millisecond):
			}
		}
	}()
	for b.Loop() {
		var wg sync.WaitGroup
		for i := range 150 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				hostile(b, srv.URL, docs[i%len(docs)])
			}()
		}
		wg.Wait()
	}
	close(stop)
	<-sampled
	b.ReportMetric(float64(idle)/(1<<20), "idle-rss-MB")
	b.ReportMetric(float64(peak.Load()-idle)/(1<<20), "rss-growth-MB")
}

// residentBytes is the process's resident memory now, from /proc.
func residentBytes() int64 {
	raw, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	var size, resident int64
	fmt.Sscan(string(raw), &size, &resident)
	return resident * int64(os.Getpagesize())
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// Arguments larger than anything takes are refused, naming the argument,
// before any SQL: today a long search or a long list reaches the database
// and fails there.
func TestLargeArgumentsAreRefusedBeforeSQL(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		srv := httptest.NewServer(as(tester, graph.NewHandler(d, testOptions)))
		defer srv.Close()
		a := &api{t: t, url: srv.URL, db: d}
		statuses := make([]any, 40_000)
		for i := range statuses {
			statuses[i] = "ACTIVE"
		}
		for _, tc := range []struct {
			name, query string
			vars        map[string]any
			field       string
		}{
			{"a long search", `query($s: String) { clients(filter: {search: $s}) { totalCount } }`, map[string]any{"s": strings.Repeat("x", 60_000)}, "filter.search"},
			{"a search longer than any name", `{ services(filter: {search: "` + strings.Repeat("y", 201) + `"}) { totalCount } }`, nil, "filter.search"},
			{"a long list", `query($s: [ClientStatus!]) { clients(filter: {status: $s}) { totalCount } }`, map[string]any{"s": statuses}, "filter.status"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				before := d.Statements()
				a.fails(tc.query, tc.vars, "BAD_USER_INPUT", tc.field)
				if n := d.Statements() - before; n != 0 {
					t.Fatalf("%d statements ran", n)
				}
			})
		}
		// At the bounds: answered.
		a.ok(`{ services(filter: {search: "`+strings.Repeat("y", 200)+`"}) { totalCount } }`, nil, nil)
		a.ok(`query($s: [ClientStatus!]) { clients(filter: {status: $s}) { totalCount } }`, map[string]any{"s": statuses[:graph.MaxListItems]}, nil)
	})
}

// One token may have a few operations running at once; beyond that it is
// refused until one ends, and other tokens are not held back.
func TestATokenRunsAFewOperationsAtOnce(t *testing.T) {
	enter := graph.Enter(2)
	ctx := context.Background()
	first, err1 := enter(ctx, tester)
	second, err2 := enter(ctx, tester)
	if err1 != nil || err2 != nil {
		t.Fatalf("within the limit: %v %v", err1, err2)
	}
	if _, err := enter(ctx, tester); err == nil || !strings.Contains(err.Error(), "2 operations running") {
		t.Fatalf("a third at once: %v", err)
	}
	// Another token is not held back.
	otherDone, err := enter(ctx, &tester2)
	if err != nil {
		t.Fatalf("another token: %v", err)
	}
	otherDone()
	first()
	first() // ending twice ends once
	third, err := enter(ctx, tester)
	if err != nil {
		t.Fatalf("after one ended: %v", err)
	}
	if _, err := enter(ctx, tester); err == nil {
		t.Fatal("ending twice freed two places")
	}
	second()
	third()
}
