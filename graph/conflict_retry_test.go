package graph_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"testing"
	"time"

	"alliance"
	"alliance/db"
	"alliance/db/dbtest"
	"alliance/graph"
)

// A mutation whose every run loses to a concurrent transaction (here: a
// row lock held longer than the session's lock wait timeout, on MariaDB) is
// answered 503 with Retry-After and CONFLICT_RETRY, and writes nothing;
// sent again once the lock is gone, it lands.
func TestMutationLosingEveryRunIsConflictRetry(t *testing.T) {
	ctx := context.Background()
	d, err := db.Open(ctx, dbtest.URL(t, db.MySQL)+"?innodb_lock_wait_timeout=1", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if _, err := d.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	d.SetWrites(db.Writes{Attempts: 2, RetryDelay: 10 * time.Millisecond})
	c, err := d.CreateClient(ctx, alliance.ClientInput{Name: "Locked Ltd"})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(as(tester, graph.NewHandler(d, testOptions)))
	defer srv.Close()

	holder, err := d.SQL().BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	var name string
	if err := holder.QueryRowContext(ctx, "SELECT name FROM clients WHERE id = ? FOR UPDATE", c.ID).Scan(&name); err != nil {
		t.Fatal(err)
	}
	rename := fmt.Sprintf(`mutation { updateClient(id: "%d", input: {name: "Renamed Ltd"}) { name } }`, c.ID)
	conflicts := d.Conflicts()
	status, after, r := postStatus(t, srv.URL, rename)
	holder.Rollback()
	if status != 503 || after != "1" || len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != alliance.ECONFLICTRETRY ||
		r.Errors[0].Extensions["retryAfter"] != float64(1) {
		t.Fatalf("a write that lost every run: %d, Retry-After %q, %+v; want 503, 1, CONFLICT_RETRY with retryAfter 1", status, after, r.Errors)
	}
	if lost := d.Conflicts() - conflicts; lost != 2 {
		t.Fatalf("%d runs lost; want both", lost)
	}
	if err := d.SQL().QueryRowContext(ctx, "SELECT name FROM clients WHERE id = ?", c.ID).Scan(&name); err != nil || name != "Locked Ltd" {
		t.Fatalf("after CONFLICT_RETRY the client is named %q (%v); want it unchanged", name, err)
	}
	if status, _, r := postStatus(t, srv.URL, rename); status != 200 || len(r.Errors) > 0 {
		t.Fatalf("sent again without the lock: %d %+v", status, r.Errors)
	}
}
