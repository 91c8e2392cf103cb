package graph_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"alliance"
	"alliance/db"
	"alliance/db/dbtest"
	"alliance/graph"
)

// Writes take turns outside any database connection, with a bounded queue:
// while the only write turn is held, writes beyond the queue are refused at
// once (503, Retry-After, OVERLOADED) and write nothing, the queued ones
// hold no connection, so that more readers than the pool has connections
// are all answered before the turn is given back; then every queued write
// lands, and the stored figures are what a full evaluation says.
func TestWritesTakeTurnsAndReadersAreAnsweredMeanwhile(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		if _, err := d.Generate(ctx, db.GenerateOptions{Clients: 10, Seed: 3, Now: time.Date(2026, 11, 15, 0, 0, 0, 0, time.UTC)}, nil); err != nil {
			t.Fatal(err)
		}
		const queue, writers, readers = 6, 20, 48 // readers: more than either pool (8 on SQLite, 32 on MySQL)
		d.SetWrites(db.Writes{AtOnce: 1, Queue: queue, Wait: 10 * time.Minute})
		var service int64
		var metric string
		if err := d.SQL().QueryRowContext(ctx, `SELECT c.service_id, rt.metric_key FROM commitments c
			JOIN requirement_targets rt ON rt.requirement_id = c.requirement_id ORDER BY c.id LIMIT 1`).Scan(&service, &metric); err != nil {
			t.Fatal(err)
		}
		count := func() int {
			var n int
			if err := d.SQL().QueryRowContext(ctx, "SELECT COUNT(*) FROM measurements").Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		before := count()
		srv := httptest.NewServer(as(tester, graph.NewHandler(d, graph.Options{Limits: graph.Limits{CostPerSecond: -1, MaxConcurrent: 1000, MaxCost: 1 << 30}})))
		defer srv.Close()

		// Hold the only write turn.
		entered, release, held := make(chan struct{}), make(chan struct{}), make(chan error, 1)
		go func() {
			held <- d.Atomically(ctx, func(context.Context) error {
				close(entered)
				<-release
				return nil
			})
		}()
		<-entered

		type answer struct {
			status     int
			retryAfter string
			r          response
		}
		refused, acknowledged := make(chan answer, writers), make(chan answer, writers)
		var wg sync.WaitGroup
		for i := range writers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				end := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i)
				status, after, r := postStatus(t, srv.URL, fmt.Sprintf(`mutation { recordMeasurement(input: {serviceId: "%d", metric: %q, value: %d,
					periodStart: %q, periodEnd: %q}) { id } }`, service, metric, 90+i%10, end.AddDate(0, 0, -1).Format(time.RFC3339), end.Format(time.RFC3339)))
				if status == 200 && len(r.Errors) == 0 {
					acknowledged <- answer{status, after, r}
				} else {
					refused <- answer{status, after, r}
				}
			}()
		}
		// The writes beyond the queue are answered while the turn is held.
		for range writers - queue {
			select {
			case a := <-refused:
				if a.status != 503 || a.retryAfter != "1" || len(a.r.Errors) != 1 || a.r.Errors[0].Extensions["code"] != alliance.EOVERLOADED ||
					a.r.Errors[0].Extensions["retryAfter"] != float64(1) {
					t.Fatalf("a write beyond the queue: %d, Retry-After %q, %+v; want 503, 1, OVERLOADED with retryAfter 1", a.status, a.retryAfter, a.r.Errors)
				}
			case a := <-acknowledged:
				t.Fatalf("a write landed while the only write turn was held: %+v", a.r)
			case <-time.After(time.Minute):
				t.Fatal("the writes beyond the queue were not refused while the turn was held")
			}
		}
		// The queued writes hold no connection: readers, more than the pool
		// has connections, are all answered while they wait.
		var rg sync.WaitGroup
		read := make(chan error, readers)
		for i := range readers {
			rg.Add(1)
			go func() {
				defer rg.Done()
				status, _, r := postStatus(t, srv.URL, fmt.Sprintf(`{ client(id: "%d") { name score objectives { title score requirements { title
					coverage { status percent } commitments { holds service { name } } } } } }`, 1+i%10))
				if status != 200 || len(r.Errors) > 0 {
					read <- fmt.Errorf("a reader: %d %+v", status, r.Errors)
				}
			}()
		}
		readersDone := make(chan struct{})
		go func() { rg.Wait(); close(readersDone) }()
		select {
		case <-readersDone:
		case <-time.After(time.Minute):
			t.Fatal("the readers were not answered while the writes waited for their turn")
		}
		close(read)
		for err := range read {
			t.Error(err)
		}
		if len(acknowledged) > 0 || count() != before {
			t.Fatalf("writes landed while the only turn was held: %d acknowledged, %d measurements more", len(acknowledged), count()-before)
		}

		close(release)
		if err := <-held; err != nil {
			t.Fatal(err)
		}
		wg.Wait()
		if len(acknowledged) != queue || len(refused) != 0 {
			t.Fatalf("after the turn was given back: %d writes acknowledged and %d more refused; want the %d queued ones acknowledged", len(acknowledged), len(refused), queue)
		}
		if got := count() - before; got != queue {
			t.Fatalf("%d writes acknowledged, %d measurements landed", queue, got)
		}
		diffs, err := d.Check(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(diffs) > 0 {
			t.Fatalf("after the writes: %d stored figures differ from a full evaluation, first %s", len(diffs), diffs[0])
		}
	})
}
