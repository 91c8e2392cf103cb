package db_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"github.com/go-sql-driver/mysql"

	"alliance/db"
	"alliance/db/dbtest"
)

// MySQL URLs use the text protocol (the driver interpolates parameters)
// unless they say otherwise: Galera lost acknowledged writes with
// server-side prepared statements.
func TestMySQLURLInterpolatesParameters(t *testing.T) {
	for _, tc := range []struct {
		url  string
		want bool
	}{
		{"mysql://root@127.0.0.1:3306/alliance", true},
		{"mysql://app:s3cret@db.internal/alliance?tls=skip-verify", true},
		{"mysql://root@127.0.0.1:3306/alliance?interpolateParams=true", true},
		{"mysql://root@127.0.0.1:3306/alliance?interpolateParams=false", false},
	} {
		target, err := db.ParseURL(tc.url, true)
		if err != nil {
			t.Fatalf("%s: %v", tc.url, err)
		}
		cfg, err := mysql.ParseDSN(target.DSN)
		if err != nil {
			t.Fatalf("%s: DSN %q: %v", tc.url, target.DSN, err)
		}
		if cfg.InterpolateParams != tc.want {
			t.Errorf("%s: DSN %q interpolates parameters: %v, want %v", tc.url, target.DSN, cfg.InterpolateParams, tc.want)
		}
		if n := strings.Count(target.DSN, "interpolateParams"); n > 1 {
			t.Errorf("%s: DSN %q names interpolateParams %d times", tc.url, target.DSN, n)
		}
	}
}

// On the server, a statement with parameters prepares nothing by default,
// and does when the URL turns interpolation off (which shows the count
// would see a prepared statement).
func TestMySQLStatementsAreNotPrepared(t *testing.T) {
	url := dbtest.URL(t, db.MySQL)
	for _, tc := range []struct {
		suffix   string
		prepared bool
	}{{"", false}, {"?interpolateParams=false", true}} {
		d, err := db.Open(context.Background(), url+tc.suffix, nil)
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		conn, err := d.SQL().Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var one int
		if err := conn.QueryRowContext(ctx, "SELECT ? + 0", 1).Scan(&one); err != nil || one != 1 {
			t.Fatalf("SELECT ?: %d, %v", one, err)
		}
		var name string
		var prepares int
		if err := conn.QueryRowContext(ctx, "SHOW SESSION STATUS LIKE 'Com_stmt_prepare'").Scan(&name, &prepares); err != nil {
			t.Fatal(err)
		}
		conn.Close()
		d.Close()
		if (prepares > 0) != tc.prepared {
			t.Errorf("URL%s: %d statements prepared on the server, want prepared=%v", tc.suffix, prepares, tc.prepared)
		}
	}
}

// A MariaDB server that is not a Galera node is seen as such: its sessions
// keep the server's wsrep_sync_wait (the Galera half is in
// TestGaleraCluster, on a real cluster).
func TestNotGalera(t *testing.T) {
	d := dbtest.Open(t, db.MySQL)
	if d.Galera() {
		t.Fatal("the test server is taken for a Galera node")
	}
	var global, session sql.NullInt64
	if err := d.SQL().QueryRow("SELECT @@GLOBAL.wsrep_sync_wait, @@SESSION.wsrep_sync_wait").Scan(&global, &session); err != nil {
		t.Skipf("the server has no wsrep_sync_wait: %v", err)
	}
	if session != global {
		t.Fatalf("a session's wsrep_sync_wait is %v, the server's %v: set off Galera", session, global)
	}
}
