package db

import (
	"bytes"
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
)

// The log shows a failed statement without the values bound to it (they are
// data, token hashes among them) unless LogSQLValues asks for them.
func TestLoggedStatementsCarryNoValues(t *testing.T) {
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	d, err := Open(context.Background(), "sqlite:"+filepath.Join(t.TempDir(), "log.db"), log)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	fail := func() string {
		logs.Reset()
		d.gorm.Exec("SELECT * FROM no_such_table WHERE secret_hash = ?", "c2VjcmV0LWhhc2g")
		return logs.String()
	}
	got := fail()
	if !strings.Contains(got, "sql failed") || !strings.Contains(got, "secret_hash = ?") || strings.Contains(got, "c2VjcmV0LWhhc2g") {
		t.Fatalf("the log of a failed statement: %s", got)
	}
	d.LogSQLValues(true)
	if got := fail(); !strings.Contains(got, "c2VjcmV0LWhhc2g") {
		t.Fatalf("asked for values, the log has none: %s", got)
	}
}
