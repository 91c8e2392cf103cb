package db_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"alliance"
	"alliance/db"
	"alliance/db/dbtest"
)

// Several servers starting at once over one new database: one migrates, the
// others wait for it, and all find the schema at the latest version. Eight
// at once, ten times over, each time on a database that was never opened.
func TestConcurrentMigrations(t *testing.T) {
	const servers, rounds = 8, 10
	files := map[string]int{}
	for _, dialect := range dbtest.Dialects {
		// Each migration file once (versions may leave a gap: a number
		// kept for a migration that lands on another branch).
		names, err := filepath.Glob(filepath.Join("migrations", dialect, "*.sql"))
		if err != nil || len(names) == 0 {
			t.Fatalf("no migration files: %v", err)
		}
		files[dialect] = len(names)
	}
	for _, dialect := range dbtest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			start := time.Now()
			for round := range rounds {
				migrateAtOnce(t, dbtest.URL(t, dialect), servers, files[dialect], round)
			}
			t.Logf("%d rounds of %d servers starting at once on a new %s database: every one at the latest schema (%s)", rounds, servers, dialect, time.Since(start).Round(time.Millisecond))
		})
	}
}

// migrateAtOnce opens url from n servers that migrate it at the same moment,
// and checks that each succeeded, that every migration ran once and that
// the schema is complete.
func migrateAtOnce(t *testing.T, url string, n, files, round int) {
	t.Helper()
	var wg sync.WaitGroup
	errs := make([]error, n)
	applied := make([]int, n)
	ready := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-ready
			d, err := db.Open(context.Background(), url, nil)
			if err != nil {
				errs[i] = err
				return
			}
			defer d.Close()
			done, err := d.Migrate(context.Background())
			applied[i], errs[i] = len(done), err
		}()
	}
	close(ready)
	wg.Wait()
	total := 0
	for i, err := range errs {
		if err != nil {
			t.Fatalf("round %d, server %d: %v", round, i, err)
		}
		total += applied[i]
	}
	d, err := db.Open(context.Background(), url, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	cur, latest, err := d.SchemaVersion(context.Background())
	if err != nil || cur != latest {
		t.Fatalf("round %d: version %d of %d: %v", round, cur, latest, err)
	}
	if total != files {
		t.Fatalf("round %d: %d migrations applied in all, want each of the %d once", round, total, files)
	}
	// The schema is whole: what the last migrations made is there, and
	// the figures were computed once.
	ctx := context.Background()
	if _, err := d.CountClients(ctx, alliance.ClientFilter{}); err != nil {
		t.Fatalf("round %d: %v", round, err)
	}
	if diffs, err := d.Check(ctx); err != nil || len(diffs) > 0 {
		t.Fatalf("round %d: check: %v %v", round, diffs, err)
	}
}

// Two writers racing to create the same name: one wins, the other gets
// CONFLICT, never an internal error, and one row exists.
func TestConcurrentDuplicateNames(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		for round := range 5 {
			name := fmt.Sprintf("Racing Client %d", round)
			var wg sync.WaitGroup
			errs := make([]error, 4)
			for i := range errs {
				wg.Add(1)
				go func() {
					defer wg.Done()
					_, errs[i] = d.CreateClient(context.Background(), alliance.ClientInput{Name: name})
				}()
			}
			wg.Wait()
			wins := 0
			for _, err := range errs {
				switch code := alliance.ErrorCode(err); code {
				case "":
					wins++
				case alliance.ECONFLICT:
				default:
					t.Fatalf("round %d: %v (%s)", round, err, code)
				}
			}
			if wins != 1 {
				t.Fatalf("round %d: %d writers won", round, wins)
			}
		}
		if n, _ := d.CountClients(context.Background(), alliance.ClientFilter{}); n != 5 {
			t.Fatalf("%d clients, want 5", n)
		}
	})
}

// Atomically: when the function fails, none of its changes, nor their audit
// records, remain.
func TestAtomicallyRollsBack(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		boom := errors.New("boom")
		err := d.Atomically(ctx, func(ctx context.Context) error {
			c, err := d.CreateClient(ctx, alliance.ClientInput{Name: "Short-lived"})
			if err != nil {
				return err
			}
			if _, err := d.CreateObjective(ctx, alliance.ObjectiveInput{ClientID: c.ID, Title: "Vanish"}); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("err = %v", err)
		}
		var clients, audits int
		d.SQL().QueryRow("SELECT COUNT(*) FROM clients").Scan(&clients)
		d.SQL().QueryRow("SELECT COUNT(*) FROM audit_log").Scan(&audits)
		if clients != 0 || audits != 0 {
			t.Fatalf("%d clients and %d audit records survived a rollback", clients, audits)
		}
	})
}

func TestParseURL(t *testing.T) {
	for _, tc := range []struct {
		url, dialect, err string
	}{
		{"sqlite:data/alliance.db", db.SQLite, ""},
		{"sqlite:///tmp/x.db", db.SQLite, ""},
		{"sqlite:", "", "path is missing"},
		{"sqlite::memory:", "", "in-memory"},
		{"mysql://root@127.0.0.1:3306/alliance", db.MySQL, ""},
		{"mysql://app:s3cret@db.internal/alliance?tls=skip-verify", db.MySQL, ""},
		{"mysql://root@127.0.0.1:3306/", "", "database name is missing"},
		{"postgres://x/y", "", "expected sqlite:PATH or mysql://"},
	} {
		target, err := db.ParseURL(tc.url, true)
		switch {
		case tc.err == "" && err != nil:
			t.Errorf("%s: %v", tc.url, err)
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("%s: error %v, want one saying %q", tc.url, err, tc.err)
		case err == nil && target.Dialect != tc.dialect:
			t.Errorf("%s: dialect %s", tc.url, target.Dialect)
		}
	}
	if r := db.Redact("mysql://app:s3cret@db/alliance"); strings.Contains(r, "s3cret") {
		t.Errorf("password not redacted: %s", r)
	}
}
