package db_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-sql-driver/mysql"
	"gorm.io/gorm"

	"alliance"
	"alliance/db"
	"alliance/db/dbtest"
)

// deadlock runs two write transactions on d that lock the clients a and b in
// opposite orders, each renaming the second one it locks, so that on their
// first runs InnoDB finds a deadlock and rolls one of them back. It returns
// their errors and how many times each was run.
func deadlock(t *testing.T, d *db.DB, a, b int64) (errs [2]error, runs [2]int64) {
	t.Helper()
	ctx := context.Background()
	var bothHoldOne sync.WaitGroup
	bothHoldOne.Add(2)
	var counts [2]atomic.Int64
	var wg sync.WaitGroup
	for i, order := range [2][2]int64{{a, b}, {b, a}} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = d.WriteForTest(ctx, func(g *gorm.DB) error {
				run := counts[i].Add(1)
				var name string
				lock := func(id int64) error {
					return g.Raw("SELECT name FROM clients WHERE id = ? FOR UPDATE", id).Row().Scan(&name)
				}
				if err := lock(order[0]); err != nil {
					return err
				}
				if run == 1 {
					// Each holds its first row before either asks for its
					// second: a deadlock, not a wait.
					bothHoldOne.Done()
					bothHoldOne.Wait()
				}
				if err := lock(order[1]); err != nil {
					return err
				}
				return g.Exec("UPDATE clients SET name = ? WHERE id = ?", fmt.Sprintf("renamed by writer %d", i), order[1]).Error
			})
		}()
	}
	wg.Wait()
	return errs, [2]int64{counts[0].Load(), counts[1].Load()}
}

func twoClients(t *testing.T, d *db.DB) (int64, int64) {
	t.Helper()
	ctx := context.Background()
	a, err := d.CreateClient(ctx, alliance.ClientInput{Name: "Deadlock A"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := d.CreateClient(ctx, alliance.ClientInput{Name: "Deadlock B"})
	if err != nil {
		t.Fatal(err)
	}
	return a.ID, b.ID
}

func clientName(t *testing.T, d *db.DB, id int64) string {
	t.Helper()
	var name string
	if err := d.SQL().QueryRow("SELECT name FROM clients WHERE id = ?", id).Scan(&name); err != nil {
		t.Fatal(err)
	}
	return name
}

// Two transactions that lock two rows in opposite orders deadlock on
// MariaDB; the one rolled back is run again after a pause and both land.
func TestDeadlockedWriteIsRunAgain(t *testing.T) {
	d := dbtest.Open(t, db.MySQL)
	a, b := twoClients(t, d)
	before := d.Conflicts()
	errs, runs := deadlock(t, d, a, b)
	if errs[0] != nil || errs[1] != nil {
		t.Fatalf("after a deadlock: %v, %v; want both written", errs[0], errs[1])
	}
	lost := d.Conflicts() - before
	t.Logf("runs %d and %d, conflicts lost %d", runs[0], runs[1], lost)
	if lost < 1 || runs[0]+runs[1] != 2+lost {
		t.Fatalf("runs %d and %d with %d conflicts lost; want a deadlock lost and run again", runs[0], runs[1], lost)
	}
	if clientName(t, d, b) != "renamed by writer 0" || clientName(t, d, a) != "renamed by writer 1" {
		t.Fatalf("names %q and %q: a write is missing", clientName(t, d, a), clientName(t, d, b))
	}
}

// With one attempt allowed, the transaction that loses the deadlock fails
// with CONFLICT_RETRY and its Retry-After, and nothing of it is written; the
// other lands.
func TestDeadlockLostEveryTimeIsConflictRetry(t *testing.T) {
	d := dbtest.Open(t, db.MySQL)
	d.SetWrites(db.Writes{Attempts: 1})
	a, b := twoClients(t, d)
	errs, runs := deadlock(t, d, a, b)
	if runs != [2]int64{1, 1} {
		t.Fatalf("runs %v; want each run once", runs)
	}
	loser := -1
	for i, err := range errs {
		switch alliance.ErrorCode(err) {
		case "":
		case alliance.ECONFLICTRETRY:
			loser = i
		default:
			t.Fatalf("writer %d: %v (%s)", i, err, alliance.ErrorCode(err))
		}
	}
	if loser < 0 || errs[1-loser] != nil {
		t.Fatalf("errors %v, %v; want one CONFLICT_RETRY", errs[0], errs[1])
	}
	var e *alliance.Error
	if !errors.As(errs[loser], &e) || e.RetryAfter != 1 {
		t.Fatalf("the loser's error %#v; want a Retry-After of 1 s", e)
	}
	var me *mysql.MySQLError
	if !errors.As(errs[loser], &me) || me.Number != 1213 {
		t.Fatalf("the loser's error %v does not carry the driver's deadlock for the log", errs[loser])
	}
	winner := 1 - loser
	ids := [2][2]int64{{a, b}, {b, a}}
	if got := clientName(t, d, ids[winner][1]); got != fmt.Sprintf("renamed by writer %d", winner) {
		t.Fatalf("the winner's write: %q", got)
	}
	original := map[int64]string{a: "Deadlock A", b: "Deadlock B"}
	if target := ids[loser][1]; clientName(t, d, target) != original[target] {
		t.Fatalf("the loser's write landed: %q", clientName(t, d, target))
	}
}

// A write whose every run conflicts is run Attempts times in all, with
// growing pauses, then fails with CONFLICT_RETRY; the audit log gains
// nothing. On SQLite too (where a conflict can only be forced).
func TestConflictRetryAfterTheLastAttempt(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		d.SetWrites(db.Writes{Attempts: 4, RetryDelay: 20 * time.Millisecond})
		var runs []time.Time
		start := time.Now()
		err := d.WriteForTest(context.Background(), func(g *gorm.DB) error {
			runs = append(runs, time.Now())
			if err := g.Exec("INSERT INTO audit_log (at, actor, action, entity, entity_id) VALUES (?, 'x', 'create', 'Client', '1')", time.Now()).Error; err != nil {
				return err
			}
			return fmt.Errorf("forced: %w", &mysql.MySQLError{Number: 1213, Message: "Deadlock found when trying to get lock; try restarting transaction"})
		})
		if code := alliance.ErrorCode(err); code != alliance.ECONFLICTRETRY {
			t.Fatalf("error %v (%s); want CONFLICT_RETRY", err, code)
		}
		if msg := alliance.ErrorMessage(err); msg != "this write met concurrent changes to the same data 4 times and was not made: nothing was written; retry in 1 s" {
			t.Fatalf("message %q", msg)
		}
		if len(runs) != 4 {
			t.Fatalf("run %d times; want 4", len(runs))
		}
		// Pauses of 10-20, 20-40 and 40-80 ms: at least 70 ms in all.
		if total := runs[3].Sub(start); total < 70*time.Millisecond {
			t.Fatalf("4 runs in %s; want pauses of at least 70 ms in all", total)
		}
		var n int
		if err := d.SQL().QueryRow("SELECT COUNT(*) FROM audit_log").Scan(&n); err != nil || n != 0 {
			t.Fatalf("%d audit rows after a write that was not made (%v)", n, err)
		}
	})
}

// The pauses grow exponentially, stay within their bounds and vary.
func TestRetryPause(t *testing.T) {
	base := 10 * time.Millisecond
	for retry := 1; retry <= 6; retry++ {
		ceiling := base << (retry - 1)
		seen := map[time.Duration]bool{}
		for range 200 {
			p := db.RetryPause(base, retry)
			if p < ceiling/2 || p > ceiling {
				t.Fatalf("pause %d: %s, want between %s and %s", retry, p, ceiling/2, ceiling)
			}
			seen[p] = true
		}
		if len(seen) < 10 {
			t.Fatalf("pause %d took %d values in 200 draws; want jitter", retry, len(seen))
		}
	}
	if p := db.RetryPause(time.Second, 40); p > 2*time.Second || p < time.Second {
		t.Fatalf("pause 40 of a 1 s base: %s; want at most 2 s", p)
	}
}

// Atomically (the demo seed) is run again whole after a conflict: what the
// lost run wrote is rolled back, what the next one writes stays, once.
func TestAtomicallyIsRunAgainAfterAConflict(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		runs := 0
		err := d.Atomically(ctx, func(ctx context.Context) error {
			runs++
			if _, err := d.CreateClient(ctx, alliance.ClientInput{Name: "Seeded"}); err != nil {
				return err
			}
			if runs == 1 {
				return fmt.Errorf("client %q: %w", "Seeded", &mysql.MySQLError{Number: 1213, Message: "Deadlock found when trying to get lock; try restarting transaction"})
			}
			return nil
		})
		if err != nil || runs != 2 {
			t.Fatalf("%d runs, %v; want 2 and the second written", runs, err)
		}
		var n int
		if err := d.SQL().QueryRow("SELECT COUNT(*) FROM clients WHERE name = 'Seeded'").Scan(&n); err != nil || n != 1 {
			t.Fatalf("%d clients written (%v); want 1", n, err)
		}
	})
}
