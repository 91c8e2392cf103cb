package db_test

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"alliance/db"
	"alliance/db/dbtest"
)

// gooseTables are goose's own: they stay when the schema goes down to 0.
var gooseTables = []string{"goose_db_version", "goose_lock"}

// schemaOf returns the definition of every table and index of ours, by name:
// SQLite's sqlite_master text with its whitespace folded, MySQL's SHOW CREATE
// TABLE without its AUTO_INCREMENT counter.
func schemaOf(t *testing.T, d *db.DB) map[string]string {
	t.Helper()
	ctx := context.Background()
	out := map[string]string{}
	space := regexp.MustCompile(`\s+`)
	if d.Dialect() == db.SQLite {
		rows, err := d.SQL().QueryContext(ctx, `SELECT type, name, COALESCE(sql, '') FROM sqlite_master
			WHERE name NOT LIKE 'sqlite_%' ORDER BY name`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var typ, name, def string
			if err := rows.Scan(&typ, &name, &def); err != nil {
				t.Fatal(err)
			}
			if slices.Contains(gooseTables, name) {
				continue
			}
			// A table renamed by ALTER TABLE … RENAME keeps its name quoted.
			def = strings.NewReplacer(`"`, "").Replace(def)
			out[typ+" "+name] = strings.TrimSpace(space.ReplaceAllString(def, " "))
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		return out
	}
	counter := regexp.MustCompile(` AUTO_INCREMENT=\d+`)
	for _, name := range tablesOf(t, d) {
		var n, def string
		if err := d.SQL().QueryRowContext(ctx, "SHOW CREATE TABLE `"+name+"`").Scan(&n, &def); err != nil {
			t.Fatal(err)
		}
		out["table "+name] = counter.ReplaceAllString(def, "")
	}
	return out
}

// tablesOf lists the tables of ours in the database.
func tablesOf(t *testing.T, d *db.DB) []string {
	t.Helper()
	q := "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
	if d.Dialect() == db.MySQL {
		q = "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY table_name"
	}
	rows, err := d.SQL().QueryContext(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(gooseTables, name) {
			names = append(names, name)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return names
}

func openUnmigrated(t *testing.T, dialect string) *db.DB {
	t.Helper()
	d, err := db.Open(context.Background(), dbtest.URL(t, dialect), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

// Up, down to zero and up again gives the same schema, and down leaves no
// table of ours behind: every Down section undoes its Up.
func TestMigrationsRoundTrip(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			ctx := context.Background()
			d := openUnmigrated(t, dialect)
			if _, err := d.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			first := schemaOf(t, d)
			if len(first) < 20 {
				t.Fatalf("only %d tables and indexes after migrating up", len(first))
			}
			if err := d.MigrateTo(ctx, 0); err != nil {
				t.Fatal(err)
			}
			if left := tablesOf(t, d); len(left) > 0 {
				t.Fatalf("tables left at version 0: %v", left)
			}
			if cur, _, err := d.SchemaVersion(ctx); err != nil || cur != 0 {
				t.Fatalf("version %d after going down to 0 (%v)", cur, err)
			}
			if _, err := d.Migrate(ctx); err != nil {
				t.Fatalf("migrate up again: %v", err)
			}
			again := schemaOf(t, d)
			for name, def := range first {
				if again[name] != def {
					t.Errorf("%s differs after down and up:\n first: %s\n again: %s", name, def, again[name])
				}
			}
			for name := range again {
				if _, ok := first[name]; !ok {
					t.Errorf("%s appears only after down and up", name)
				}
			}
			t.Logf("%s: %d tables and indexes the same after up, down to 0 and up", dialect, len(first))
		})
	}
}

// fixture is a row of a table, written in the plain SQL of the first schema
// version that has the table (columns never go away later), and a query
// whose single value tells that the row came through the upgrade.
type fixture struct {
	since  int64 // the first version with the table
	table  string
	insert string
	check  string
	want   string
}

const at = "'2026-01-02 03:04:05'"

var fixtures = []fixture{
	{1, "clients", `INSERT INTO clients (id, name, name_key, industry, status, annual_contract_value, created_at, updated_at)
		VALUES (1, 'Acme', 'acme', 'retail', 'ACTIVE', 1234.25, ` + at + `, ` + at + `)`,
		"SELECT CONCAT_WS('|', name, status, annual_contract_value) FROM clients WHERE id = 1", "Acme|ACTIVE|1234.25"},
	{1, "objectives", `INSERT INTO objectives (id, client_id, title, title_key, priority, created_at, updated_at)
		VALUES (2, 1, 'Stay open', 'stay open', 'MUST', ` + at + `, ` + at + `)`,
		"SELECT CONCAT_WS('|', client_id, title, priority) FROM objectives WHERE id = 2", "1|Stay open|MUST"},
	{1, "requirements", `INSERT INTO requirements (id, objective_id, title, title_key, priority, created_at, updated_at)
		VALUES (3, 2, 'Shop up', 'shop up', 'SHOULD', ` + at + `, ` + at + `)`,
		"SELECT CONCAT_WS('|', objective_id, title, priority) FROM requirements WHERE id = 3", "2|Shop up|SHOULD"},
	{1, "requirement_targets", `INSERT INTO requirement_targets (requirement_id, metric_key, value) VALUES (3, 'availability', 99.5)`,
		"SELECT CONCAT_WS('|', metric_key, value) FROM requirement_targets WHERE requirement_id = 3", "availability|99.5"},
	{1, "services", `INSERT INTO services (id, name, name_key, lifecycle, monthly_cost, capacity, created_at, updated_at)
		VALUES (4, 'Web', 'web', 'LIVE', 99.99, 10, ` + at + `, ` + at + `)`,
		"SELECT CONCAT_WS('|', name, lifecycle, monthly_cost, capacity) FROM services WHERE id = 4", "Web|LIVE|99.99|10"},
	{1, "service_levels", `INSERT INTO service_levels (service_id, metric_key, value) VALUES (4, 'availability', 99.9)`,
		"SELECT CONCAT_WS('|', metric_key, value) FROM service_levels WHERE service_id = 4", "availability|99.9"},
	{1, "commitments", `INSERT INTO commitments (id, requirement_id, service_id, coverage_percent, capacity_units, note, created_at, updated_at)
		VALUES (5, 3, 4, 80, 2, 'half', ` + at + `, ` + at + `)`,
		"SELECT CONCAT_WS('|', requirement_id, service_id, coverage_percent, capacity_units, note) FROM commitments WHERE id = 5", "3|4|80|2|half"},
	{1, "measurements", `INSERT INTO measurements (id, service_id, metric_key, value, period_start, period_end, source, recorded_at)
		VALUES (6, 4, 'availability', 99.7, '2026-01-01 00:00:00', '2026-01-02 00:00:00', 'probe', ` + at + `)`,
		"SELECT CONCAT_WS('|', service_id, metric_key, value, source) FROM measurements WHERE id = 6", "4|availability|99.7|probe"},
	{1, "audit_log", `INSERT INTO audit_log (id, at, actor, action, entity, entity_id, after_json)
		VALUES (7, ` + at + `, 'admin', 'create', 'client', '1', '{"name":"Acme"}')`,
		"SELECT CONCAT_WS('|', actor, action, entity, entity_id) FROM audit_log WHERE id = 7", "admin|create|client|1"},
	{1, "tokens", `INSERT INTO tokens (id, name, role, client_id, secret_hash, created_at)
		VALUES (8, 'ci', 'EDITOR', 1, 'hash-of-ci', ` + at + `)`,
		"SELECT CONCAT_WS('|', name, role, client_id, secret_hash) FROM tokens WHERE id = 8", "ci|EDITOR|1|hash-of-ci"},
	{6, "users", `INSERT INTO users (id, email, email_key, name, role, client_id, state, created_at, updated_at)
		VALUES (9, 'Ann@example.com', 'ann@example.com', 'Ann', 'VIEWER', 1, 'ACTIVE', ` + at + `, ` + at + `)`,
		"SELECT CONCAT_WS('|', email, role, state) FROM users WHERE id = 9", "Ann@example.com|VIEWER|ACTIVE"},
}

// A database made by every earlier schema version upgrades to the latest
// with every row kept: for each version, a fresh database is brought to it,
// given one row a table (in that version's columns), and migrated to the
// latest; every row is found with its values, and nothing more.
func TestMigrationsKeepRows(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			ctx := context.Background()
			probe := openUnmigrated(t, dialect)
			_, latest, err := probe.SchemaVersion(ctx)
			if err != nil {
				t.Fatal(err)
			}
			versions := migrationVersions(t, dialect)
			upgraded := 0
			for _, v := range versions {
				if v == latest {
					continue
				}
				t.Run(fmt.Sprintf("from_%d", v), func(t *testing.T) {
					d := openUnmigrated(t, dialect)
					if err := d.MigrateTo(ctx, v); err != nil {
						t.Fatal(err)
					}
					counts := map[string]int{}
					var written []fixture
					for _, f := range fixtures {
						if f.since > v || f.insert == "" {
							continue
						}
						if _, err := d.SQL().ExecContext(ctx, f.insert); err != nil {
							t.Fatalf("version %d, %s: %v", v, f.table, err)
						}
						written = append(written, f)
					}
					for _, f := range written {
						counts[f.table] = rowCount(t, d, f.table)
					}
					if _, err := d.Migrate(ctx); err != nil {
						t.Fatalf("upgrade from version %d: %v", v, err)
					}
					for _, f := range written {
						if n := rowCount(t, d, f.table); n != counts[f.table] {
							t.Errorf("%s: %d rows at version %d, %d after the upgrade", f.table, counts[f.table], v, n)
						}
						var got sql.NullString
						if err := d.SQL().QueryRowContext(ctx, concat(dialect, f.check)).Scan(&got); err != nil {
							t.Errorf("%s after the upgrade from %d: %v", f.table, v, err)
						} else if got.String != f.want {
							t.Errorf("%s after the upgrade from %d: %q, want %q", f.table, v, got.String, f.want)
						}
					}
					upgraded++
				})
			}
			t.Logf("%s: %d schema versions upgraded to %d with every row kept", dialect, upgraded, latest)
			if upgraded != len(versions)-1 {
				t.Fatalf("%d of %d versions upgraded", upgraded, len(versions)-1)
			}
		})
	}
}

// concat rewrites CONCAT_WS('|', a, b) for SQLite, which has no CONCAT_WS
// before 3.44: a || '|' || b.
func concat(dialect, q string) string {
	if dialect == db.MySQL {
		return q
	}
	re := regexp.MustCompile(`CONCAT_WS\('\|', ([^)]*)\)`)
	return re.ReplaceAllStringFunc(q, func(m string) string {
		args := strings.Split(re.FindStringSubmatch(m)[1], ", ")
		return strings.Join(args, " || '|' || ")
	})
}

func rowCount(t *testing.T, d *db.DB, table string) int {
	t.Helper()
	var n int
	if err := d.SQL().QueryRow("SELECT COUNT(*) FROM " + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// migrationVersions are the versions of the dialect's migrations, in order.
func migrationVersions(t *testing.T, dialect string) []int64 {
	t.Helper()
	vs, err := db.MigrationVersions(dialect)
	if err != nil {
		t.Fatal(err)
	}
	return vs
}
