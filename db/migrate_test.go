package db_test

import (
	"context"
	"testing"

	"alliance/db"
	"alliance/db/dbtest"
)

func TestMigrateReachesLatest(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			d := dbtest.Open(t, dialect)
			cur, latest, err := d.SchemaVersion(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if cur != latest || latest < 1 {
				t.Fatalf("schema at %d, latest %d", cur, latest)
			}
			applied, err := d.Migrate(context.Background())
			if err != nil || len(applied) != 0 {
				t.Fatalf("second migrate applied %v, err %v", applied, err)
			}
		})
	}
}

// A start that died between creating goose's version table and writing its
// first row (on MySQL the CREATE TABLE commits by itself) leaves the table
// empty; the next start repairs it under the migration lock instead of
// failing for good with "missing zero version migration".
func TestMigrateRepairsAnEmptyVersionTable(t *testing.T) {
	ddl := map[string]string{
		db.SQLite: `CREATE TABLE goose_db_version (id INTEGER PRIMARY KEY AUTOINCREMENT, version_id INTEGER NOT NULL,
			is_applied INTEGER NOT NULL, tstamp TIMESTAMP DEFAULT (datetime('now')))`,
		db.MySQL: `CREATE TABLE goose_db_version (id bigint(20) unsigned NOT NULL AUTO_INCREMENT, version_id bigint NOT NULL,
			is_applied boolean NOT NULL, tstamp datetime NULL default CURRENT_TIMESTAMP, PRIMARY KEY(id))`,
	}
	for _, dialect := range dbtest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			ctx := context.Background()
			d, err := db.Open(ctx, dbtest.URL(t, dialect), nil)
			if err != nil {
				t.Fatal(err)
			}
			defer d.Close()
			if _, err := d.SQL().ExecContext(ctx, ddl[dialect]); err != nil {
				t.Fatal(err)
			}
			if _, err := d.Migrate(ctx); err != nil {
				t.Fatalf("migrate over an empty version table: %v", err)
			}
			cur, latest, err := d.SchemaVersion(ctx)
			if err != nil || cur != latest {
				t.Fatalf("version %d of %d: %v", cur, latest, err)
			}
		})
	}
}

// Asking the schema version (as /readyz does) writes nothing: on a database
// never migrated it is 0, and no table is created outside the migration
// lock.
func TestSchemaVersionWritesNothing(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			ctx := context.Background()
			d, err := db.Open(ctx, dbtest.URL(t, dialect), nil)
			if err != nil {
				t.Fatal(err)
			}
			defer d.Close()
			cur, latest, err := d.SchemaVersion(ctx)
			if err != nil || cur != 0 || latest < 1 {
				t.Fatalf("a database never migrated: version %d of %d, %v; want 0 of the latest", cur, latest, err)
			}
			tables := "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
			if dialect == db.MySQL {
				tables = "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()"
			}
			var n int
			if err := d.SQL().QueryRowContext(ctx, tables).Scan(&n); err != nil || n != 0 {
				t.Fatalf("%d tables after reading the schema version (%v); want none", n, err)
			}
		})
	}
}
