package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"alliance"
	"alliance/db"
)

// backupCommand runs `alliance backup --out FILE [--force]`: a consistent
// copy of the database taken while servers go on using it. On SQLite it is
// the database itself (VACUUM INTO), checked with PRAGMA integrity_check
// once written; on MySQL it is the JSON export (read in one transaction),
// which `alliance restore` loads. The file is written beside its name,
// synced to disk, and only then given its name: an existing file is kept
// unless --force.
func backupCommand(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var out string
	var force bool
	extra := func(fs *flag.FlagSet) {
		fs.StringVar(&out, "out", "", "the backup file to write (SQLite: a database file; MySQL: a JSON export)")
		fs.BoolVar(&force, "force", false, "replace the file --out names if it exists")
	}
	c, _, err := parseConfigWith("backup", []string{"db", "log-format", "log-level"}, args, getenv, extra)
	if err != nil {
		return err
	}
	if out == "" {
		return errors.New("backup: say where: alliance backup --out FILE [--force] [--db URL]")
	}
	if t, err := db.ParseURL(c.DB, true); err == nil && t.Dialect == db.SQLite && samePath(t.Path, out) {
		return fmt.Errorf("backup: --out %s is the database itself: give another file", out)
	}
	if st, err := os.Stat(out); err == nil {
		if !force {
			return fmt.Errorf("backup: %s exists: give another --out, or --force to replace it", out)
		}
		if !st.Mode().IsRegular() {
			return fmt.Errorf("backup: %s is not a file", out)
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("backup: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	d, err := openForCommand(ctx, c, stderr)
	if err != nil {
		return err
	}
	defer d.Close()
	start := time.Now()
	tmp, err := tempName(out)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer os.Remove(tmp)
	var what string
	var counts map[string]int64
	switch d.Dialect() {
	case db.SQLite:
		if err := d.VacuumInto(ctx, tmp); err != nil {
			return fmt.Errorf("backup: %w", err)
		}
		if err := syncFile(tmp); err != nil {
			return fmt.Errorf("backup: %w", err)
		}
		if counts, err = db.CheckSQLiteFile(ctx, tmp); err != nil {
			return fmt.Errorf("backup: %w", err)
		}
		what = "SQLite database (VACUUM INTO; integrity check ok)"
	default:
		ctx := alliance.WithPrincipal(ctx, &alliance.Principal{Name: "alliance backup (command line)", Role: alliance.Admin})
		x, err := d.Export(ctx, nil, time.Now())
		if err != nil {
			return fmt.Errorf("backup: %w", err)
		}
		if err := writeExchangeFile(tmp, x); err != nil {
			return fmt.Errorf("backup: %w", err)
		}
		counts = map[string]int64{
			"clients": int64(len(x.Clients)), "objectives": int64(len(x.Objectives)), "requirements": int64(len(x.Requirements)),
			"services": int64(len(x.Services)), "commitments": int64(len(x.Commitments)), "measurements": int64(len(x.Measurements)),
			"score points": int64(len(x.ScoreHistory)), "audit entries": int64(len(x.AuditLog)),
		}
		what = "JSON export (restore it with alliance restore FILE)"
	}
	if err := place(tmp, out, force); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	st, err := os.Stat(out)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	var rows int64
	parts := make([]string, 0, len(counts))
	for name, n := range counts {
		rows += n
		parts = append(parts, fmt.Sprintf("%s %d", name, n))
	}
	sort.Strings(parts)
	fmt.Fprintf(stdout, "backup of %s written to %s: %s, %d bytes, %d tables, %d rows, in %s\n  %s\n",
		db.Redact(c.DB), out, what, st.Size(), len(counts), rows, time.Since(start).Round(time.Millisecond), strings.Join(parts, ", "))
	return nil
}

// tempName is a name in out's folder that nothing has: VACUUM INTO wants
// a file that does not exist.
func tempName(out string) (string, error) {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+"."+hex.EncodeToString(b)+".tmp"), nil
}

// writeExchangeFile writes a JSON export to the new file path and syncs it.
func writeExchangeFile(path string, x *db.Exchange) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if err := encodeExchange(f, x); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// syncFile flushes the file path to disk.
func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// place gives the written file tmp its name out: a hard link, which fails
// if out has come to exist meanwhile, or with force a rename over it; then
// the folder is synced, so that the name survives a crash.
func place(tmp, out string, force bool) error {
	if force {
		if err := os.Rename(tmp, out); err != nil {
			return err
		}
	} else if err := os.Link(tmp, out); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s exists: give another --out, or --force to replace it", out)
		}
		return err
	}
	dir, err := os.Open(filepath.Dir(out))
	if err != nil {
		return err
	}
	defer dir.Close()
	return dir.Sync()
}

// samePath reports whether a and b name the same file, or would.
func samePath(a, b string) bool {
	if sa, err := os.Stat(a); err == nil {
		if sb, err := os.Stat(b); err == nil {
			return os.SameFile(sa, sb)
		}
	}
	aa, errA := filepath.Abs(a)
	ab, errB := filepath.Abs(b)
	return errA == nil && errB == nil && aa == ab
}
