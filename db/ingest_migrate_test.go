package db_test

import (
	"context"
	"testing"
	"time"

	"alliance"
	"alliance/db"
	"alliance/db/dbtest"
)

// Migration 00015 keeps every measurement recorded before it with the same
// identity: the one recorded last stays the identity's (and is the one a
// new value updates), the older ones are kept apart.
func TestMigrationKeepsDuplicateMeasurements(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			ctx := context.Background()
			d, err := db.Open(ctx, dbtest.URL(t, dialect), nil)
			if err != nil {
				t.Fatal(err)
			}
			defer d.Close()
			if err := d.MigrateTo(ctx, 14); err != nil {
				t.Fatal(err)
			}
			exec := func(q string, args ...any) {
				t.Helper()
				if _, err := d.SQL().ExecContext(ctx, q, args...); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}
			// Times bound as the store binds them (SQLite keeps them as text
			// in the driver's format).
			day := func(s string) time.Time { return mustTime(s).Add(10 * time.Hour) }
			exec(`INSERT INTO services (id, name, name_key, lifecycle, monthly_cost, created_at, updated_at) VALUES (1, 'S', 's', 'LIVE', 0, ?, ?)`, day("2026-01-01"), day("2026-01-01"))
			ins := `INSERT INTO measurements (id, service_id, metric_key, value, period_start, period_end, source, recorded_at) VALUES (?, 1, 'availability', ?, ?, ?, ?, ?)`
			start, end := mustTime("2026-01-01"), mustTime("2026-02-01")
			exec(ins, 1, 99.0, start, end, nil, day("2026-02-01"))
			exec(ins, 2, 98.0, start, end, nil, day("2026-02-03")) // recorded last: the one the rules read
			exec(ins, 3, 97.0, start, end, nil, day("2026-02-02"))
			exec(ins, 4, 96.0, start, end, "probe", day("2026-02-02")) // another source: another identity
			if _, err := d.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			var n int
			if err := d.SQL().QueryRowContext(ctx, "SELECT COUNT(*) FROM measurements").Scan(&n); err != nil || n != 4 {
				t.Fatalf("%d measurements after the migration (%v), want all 4", n, err)
			}
			copies := map[int64]int64{}
			rows, err := d.SQL().QueryContext(ctx, "SELECT id, older_copy FROM measurements")
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var id, c int64
				rows.Scan(&id, &c)
				copies[id] = c
			}
			rows.Close()
			if copies[1] != 1 || copies[2] != 0 || copies[3] != 3 || copies[4] != 0 {
				t.Fatalf("older copies %v, want 1 and 3 kept apart, 2 and 4 the identities'", copies)
			}
			m, err := d.RecordMeasurement(ctx, alliance.MeasurementInput{ServiceID: 1, Metric: "availability", Value: 95,
				PeriodStart: mustTime("2026-01-01"), PeriodEnd: mustTime("2026-02-01")})
			if err != nil {
				t.Fatal(err)
			}
			if m.ID != 2 || m.Value != 95 {
				t.Fatalf("recorded again: id %d value %v, want measurement 2 updated", m.ID, m.Value)
			}
			if diffs, err := d.Check(ctx); err != nil || len(diffs) > 0 {
				t.Fatalf("figures after: %v %v", diffs, err)
			}
		})
	}
}
