// Package dbtest opens real, fresh databases for tests: an SQLite file in a
// temporary folder, and a new database on the MySQL/MariaDB server named by
// ALLIANCE_TEST_MYSQL (default mysql://root@127.0.0.1:3306/). When that server
// is unreachable the MySQL half of a test is skipped with a message, unless
// ALLIANCE_REQUIRE_MYSQL=1, which makes it fail.
package dbtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	_ "github.com/go-sql-driver/mysql" // the MySQL driver, for creating and dropping test databases

	"alliance/db"
)

// DefaultMySQL is the server tests use when ALLIANCE_TEST_MYSQL is not set.
const DefaultMySQL = "mysql://root@127.0.0.1:3306/"

// Dialects are the databases every test runs on.
var Dialects = []string{db.SQLite, db.MySQL}

var (
	probeOnce sync.Once
	probeErr  error
)

// mysqlServer returns the URL of the MySQL server, or skips (or fails) t when
// it cannot be reached.
func mysqlServer(t testing.TB) string {
	t.Helper()
	server := os.Getenv("ALLIANCE_TEST_MYSQL")
	if server == "" {
		server = DefaultMySQL
	}
	probeOnce.Do(func() {
		target, err := db.ParseURL(server, false)
		if err != nil {
			probeErr = err
			return
		}
		conn, err := sql.Open("mysql", target.DSN)
		if err != nil {
			probeErr = err
			return
		}
		defer conn.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		probeErr = conn.PingContext(ctx)
	})
	if probeErr != nil {
		msg := fmt.Sprintf("MySQL/MariaDB at %s is unreachable (%v); set ALLIANCE_TEST_MYSQL to a server URL such as %s", db.Redact(server), probeErr, DefaultMySQL)
		if os.Getenv("ALLIANCE_REQUIRE_MYSQL") == "1" {
			t.Fatalf("%s (ALLIANCE_REQUIRE_MYSQL=1 makes this a failure)", msg)
		}
		t.Skipf("skipping the MySQL half: %s", msg)
	}
	return server
}

// URL returns the URL of a new, empty database of the dialect, removed when
// the test ends.
func URL(t testing.TB, dialect string) string {
	t.Helper()
	switch dialect {
	case db.SQLite:
		return "sqlite:" + filepath.Join(t.TempDir(), "alliance.db")
	case db.MySQL:
		server := mysqlServer(t)
		target, err := db.ParseURL(server, false)
		if err != nil {
			t.Fatal(err)
		}
		name := "alliance_test_" + randomHex(6)
		conn, err := sql.Open("mysql", target.DSN)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := conn.Exec("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"); err != nil {
			conn.Close()
			t.Fatalf("create test database: %v", err)
		}
		t.Cleanup(func() {
			defer conn.Close()
			if _, err := conn.Exec("DROP DATABASE IF EXISTS " + name); err != nil {
				t.Errorf("drop test database %s: %v", name, err)
			}
		})
		u, err := url.Parse(server)
		if err != nil {
			t.Fatal(err)
		}
		u.Path = "/" + name
		return u.String()
	}
	t.Fatalf("unknown dialect %q", dialect)
	return ""
}

// Open opens a new, empty, migrated database of the dialect, closed when the
// test ends.
func Open(t testing.TB, dialect string) *db.DB {
	t.Helper()
	d, err := db.Open(context.Background(), URL(t, dialect), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	if _, err := d.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return d
}

// Each runs fn as a subtest on every dialect, each with its own database.
func Each(t *testing.T, fn func(t *testing.T, d *db.DB)) {
	t.Helper()
	for _, dialect := range Dialects {
		t.Run(dialect, func(t *testing.T) {
			fn(t, Open(t, dialect))
		})
	}
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// Generated opens a database of the dialect ALLIANCE_BENCH_DB names (sqlite,
// the default, or mysql) holding a portfolio made by Generate of
// ALLIANCE_BENCH_CLIENTS clients (default 1,000, seed 1): the reference
// scale the benchmarks measure at.
func Generated(b *testing.B) (*db.DB, *db.GenerateSummary) {
	b.Helper()
	dialect := db.SQLite
	if os.Getenv("ALLIANCE_BENCH_DB") == db.MySQL {
		dialect = db.MySQL
	}
	n := 1000
	if v, err := strconv.Atoi(os.Getenv("ALLIANCE_BENCH_CLIENTS")); err == nil {
		n = v
	}
	d := Open(b, dialect)
	sum, err := d.Generate(context.Background(), db.GenerateOptions{Clients: n, Seed: 1}, nil)
	if err != nil {
		b.Fatal(err)
	}
	return d, sum
}
