package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"

	"alliance"
	"alliance/db"
	"alliance/db/dbtest"
	"alliance/graph"
)

// panickyStore is the real store, except that reading metrics by key panics,
// as a bug in a resolver's path would.
type panickyStore struct{ *db.DB }

func (panickyStore) MetricsByKeys(context.Context, []string) ([]*alliance.Metric, error) {
	panic("metric catalog exploded")
}

// panickyMutations is the real store, except that creating a client
// panics in the resolver itself (not in a loader).
type panickyMutations struct{ *db.DB }

func (panickyMutations) CreateClient(context.Context, alliance.ClientInput) (*alliance.Client, error) {
	panic("client factory exploded")
}

type lockedBuffer struct {
	mu sync.Mutex
	bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.Buffer.Write(p)
}

func TestPanicsDoNotReachUsers(t *testing.T) {
	d := dbtest.Open(t, db.SQLite)
	var logs lockedBuffer
	srv := httptest.NewServer(as(tester, graph.NewHandler(panickyStore{d}, graph.Options{Log: slog.New(slog.NewTextHandler(&logs, nil))})))
	defer srv.Close()
	a := &api{t: t, url: srv.URL, db: d}
	a.id(createClient, in(map[string]any{"name": "Still Here"}))

	r := a.post(`{ metric(key: "availability") { key } clients { totalCount } }`, nil)
	if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != "INTERNAL_SERVER_ERROR" || !strings.HasPrefix(r.Errors[0].Message, "internal error") {
		t.Fatalf("errors: %+v", r.Errors)
	}
	if strings.Contains(r.Errors[0].Message, "exploded") {
		t.Fatal("the panic's details reached the client")
	}
	if !strings.Contains(string(r.Data), `"clients":{"totalCount":1}`) {
		t.Fatalf("the rest of the answer is lost: %s", r.Data)
	}
	if !strings.Contains(logs.String(), "metric catalog exploded") || !strings.Contains(logs.String(), "panic_test.go") {
		t.Fatalf("the panic is not logged with its stack: %s", logs.String())
	}
}

// vanishingStore is the real store, except that the database disappears
// the moment a resolver reads metrics by key or creates a client: on
// SQLite the pool is closed, on MySQL every connection of the test's own
// database is killed from another session (KILL CONNECTION).
type vanishingStore struct {
	*db.DB
	vanish func()
}

func (s vanishingStore) MetricsByKeys(ctx context.Context, keys []string) ([]*alliance.Metric, error) {
	s.vanish()
	return s.DB.MetricsByKeys(ctx, keys)
}

func (s vanishingStore) CreateClient(ctx context.Context, in alliance.ClientInput) (*alliance.Client, error) {
	s.vanish()
	return s.DB.CreateClient(ctx, in)
}

// vanish returns what makes d's database disappear: on SQLite its pool is
// closed; on MySQL, from a connection of its own, every other connection
// to the test's own database is killed and the database dropped.
func vanish(t *testing.T, d *db.DB) func() {
	if d.Dialect() == db.SQLite {
		return func() { d.SQL().Close() }
	}
	killer, err := d.SQL().Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { killer.Close() })
	return func() {
		ctx := context.Background()
		var name string
		if err := killer.QueryRowContext(ctx, "SELECT DATABASE()").Scan(&name); err != nil {
			t.Error(err)
			return
		}
		rows, err := killer.QueryContext(ctx, "SELECT id FROM information_schema.processlist WHERE db = ? AND id <> CONNECTION_ID()", name)
		if err != nil {
			t.Error(err)
			return
		}
		var ids []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				t.Error(err)
			}
			ids = append(ids, id)
		}
		rows.Close()
		for _, id := range ids {
			if _, err := killer.ExecContext(ctx, fmt.Sprintf("KILL CONNECTION %d", id)); err != nil {
				t.Logf("kill %d: %v", id, err)
			}
		}
		if _, err := killer.ExecContext(ctx, "DROP DATABASE `"+name+"`"); err != nil {
			t.Error(err)
		}
	}
}

// leaks are what an answer must never show of the server: SQL, the
// drivers, file paths, stacks.
var leaks = regexp.MustCompile(`(?i)sql|select |insert |mysql|sqlite|maria|driver|connection|closed|\.go\b|goroutine|/tmp/|/root/|panic|exploded|packets|EOF`)

// details are what the log line of an internal error shows of its cause.
var details = regexp.MustCompile(`"err":"[^"]*(sql|database|connection|panic|Error \d+)`)

// A database that disappears in the middle of a request, and a panic in a
// resolver, answer a plain internal error naming the request id: nothing
// of SQL, the driver, files or stacks. The details are logged on exactly
// one line, with that id.
func TestFailuresDoNotLeak(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			var logs lockedBuffer
			log := slog.New(slog.NewJSONHandler(&logs, nil))
			db.LogDriverTo(log)
			t.Cleanup(func() { db.LogDriverTo(slog.Default()) })
			for i, tc := range []struct {
				name, query string
				// vanishing: the database disappears in a resolver, or
				// (early) once the request is in, before its operation
				// runs.
				vanishing, early, panicMutation bool
			}{
				{name: "panic", query: `{ metric(key: "availability") { key } }`},
				{name: "panic in a mutation", query: `mutation { createClient(input: {name: "Boom"}) { id } }`, panicMutation: true},
				{name: "database gone during a mutation", query: `mutation { createClient(input: {name: "Gone"}) { id } }`, vanishing: true},
				{name: "database gone during a query", query: `{ metric(key: "availability") { key } }`, vanishing: true},
				{name: "database gone before a query", query: `{ metric(key: "availability") { key } }`, early: true},
			} {
				t.Run(tc.name, func(t *testing.T) {
					logs.Reset()
					d := dbtest.Open(t, dialect)
					gone := vanish(t, d)
					var store graph.Store = panickyStore{d}
					if tc.vanishing {
						store = vanishingStore{DB: d, vanish: gone}
					} else if tc.early {
						store = d
					} else if tc.panicMutation {
						store = panickyMutations{d}
					}
					h := graph.NewHandler(store, graph.Options{Log: log})
					rid := fmt.Sprintf("req-%d-%s", i, dialect[:2])
					srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
						ctx := alliance.WithRequestID(alliance.WithPrincipal(r.Context(), tester), rid)
						if tc.early {
							gone()
						}
						h.ServeHTTP(w, r.WithContext(ctx))
					}))
					defer srv.Close()
					body, _ := json.Marshal(map[string]any{"query": tc.query})
					resp, err := http.Post(srv.URL, "application/json", bytes.NewReader(body))
					if err != nil {
						t.Fatal(err)
					}
					raw, _ := io.ReadAll(resp.Body)
					resp.Body.Close()
					var r response
					if err := json.Unmarshal(raw, &r); err != nil {
						t.Fatalf("not JSON: %d %s", resp.StatusCode, raw)
					}
					if dialect == db.SQLite && tc.name == "database gone during a query" {
						// The read transaction already open keeps its
						// connection when SQLite's pool closes: the answer
						// is whole, and nothing is logged.
						if resp.StatusCode != 200 || len(r.Errors) > 0 || logs.Len() > 0 {
							t.Fatalf("%d %s\n%s", resp.StatusCode, raw, logs.String())
						}
						return
					}
					if len(r.Errors) != 1 || r.Errors[0].Message != "internal error (request id "+rid+")" ||
						r.Errors[0].Extensions["code"] != alliance.EINTERNAL || r.Errors[0].Extensions["requestId"] != rid {
						t.Fatalf("%d %s", resp.StatusCode, raw)
					}
					if m := leaks.FindString(string(raw)); m != "" {
						t.Fatalf("the answer shows %q: %s", m, raw)
					}
					lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
					if len(lines) != 1 || !strings.Contains(lines[0], rid) || !strings.Contains(lines[0], `"level":"ERROR"`) || !details.MatchString(lines[0]) {
						t.Fatalf("want one log line, with the request id and the details:\n%s", logs.String())
					}
					t.Logf("answer %s\nlogged %.400s", raw, lines[0])
				})
			}
		})
	}
}
