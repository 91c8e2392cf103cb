package graph_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http/httptest"
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
