package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// VacuumInto writes a consistent copy of the SQLite database, as of one
// moment, to the file path, which must not exist (VACUUM INTO): it reads
// in one transaction, so writers go on while it copies (in WAL mode they
// are not even blocked), and the copy is compacted and holds no WAL.
func (db *DB) VacuumInto(ctx context.Context, path string) error {
	if db.dialect != SQLite {
		return errors.New("VACUUM INTO copies SQLite databases only")
	}
	if strings.ContainsRune(path, 0) {
		return fmt.Errorf("backup file %q: not a file name", path)
	}
	if _, err := db.sql.ExecContext(ctx, "VACUUM INTO ?", path); err != nil {
		return fmt.Errorf("VACUUM INTO %s: %w", path, err)
	}
	return nil
}

// CheckSQLiteFile opens the SQLite file path read-only, runs PRAGMA
// integrity_check, and counts the rows of each of its tables.
func CheckSQLiteFile(ctx context.Context, path string) (map[string]int64, error) {
	conn, err := sql.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?mode=ro")
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	rows, err := conn.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return nil, fmt.Errorf("integrity check of %s: %w", path, err)
	}
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			rows.Close()
			return nil, err
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("integrity check of %s: %w", path, err)
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("integrity check of %s failed: %s", path, strings.Join(problems, "; "))
	}
	var tables []string
	trows, err := conn.QueryContext(ctx, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
	if err != nil {
		return nil, err
	}
	for trows.Next() {
		var name string
		if err := trows.Scan(&name); err != nil {
			trows.Close()
			return nil, err
		}
		tables = append(tables, name)
	}
	trows.Close()
	if err := trows.Err(); err != nil {
		return nil, err
	}
	counts := make(map[string]int64, len(tables))
	for _, name := range tables {
		var n int64
		if err := conn.QueryRowContext(ctx, `SELECT COUNT(*) FROM "`+strings.ReplaceAll(name, `"`, `""`)+`"`).Scan(&n); err != nil {
			return nil, fmt.Errorf("count the rows of %s in %s: %w", name, path, err)
		}
		counts[name] = n
	}
	return counts, nil
}
