package db

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"time"

	"github.com/gofrs/flock"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

//go:embed migrations
var migrations embed.FS

// provider returns a goose provider over this database's migrations. It
// takes no lock: Migrate holds the migration lock around all it does.
func (db *DB) provider() (*goose.Provider, error) {
	fsys, err := fs.Sub(migrations, "migrations/"+db.dialect)
	if err != nil {
		return nil, err
	}
	dialect := goose.DialectSQLite3
	if db.dialect == MySQL {
		dialect = goose.DialectMySQL
	}
	return goose.NewProvider(dialect, db.sql, fsys, goose.WithDisableGlobalRegistry(true))
}

// migrationLock returns the lock that keeps two processes from migrating one
// database at once: a row in the goose_lock table on MySQL (which holds on a
// Galera cluster too, where a row written on two nodes at once is one
// node's), an advisory lock on a file beside the database on SQLite.
func (db *DB) migrationLock() (lock.Locker, error) {
	if db.dialect == MySQL {
		return lock.NewMySQLTableLocker(
			lock.WithTableName("goose_lock"),
			lock.WithTableLockTimeout(250*time.Millisecond, 1200), // wait up to 5 minutes
			lock.WithTableUnlockTimeout(500*time.Millisecond, 60),
		)
	}
	return &fileLocker{lock: flock.New(db.path + ".migrate-lock")}, nil
}

// Migrate brings the schema to the latest version and the stored figures up
// to date. It is safe to call from several processes at once, on a new
// database too: one migrates while the others wait, then find nothing left
// to do.
//
// Everything happens under the migration lock, goose's version table
// included: goose makes that table before it takes its own lock (asking
// whether migrations are pending), by a CREATE TABLE that MySQL commits on
// its own before the first row is written, so that a second server could
// find the table without its row and fail with "missing zero version
// migration" (for good, when the first died in between). Here the table and
// its row are made under the lock, and a table left empty is given its row.
func (db *DB) Migrate(ctx context.Context) (_ []string, err error) {
	// Nothing to do, as for every server but the first over a database:
	// seen by reading alone, without waiting for the lock in turn.
	if cur, latest, err := db.SchemaVersion(ctx); err == nil && cur == latest {
		if current, err := db.figuresCurrent(ctx); err == nil && current {
			return nil, nil
		}
	}
	l, err := db.migrationLock()
	if err != nil {
		return nil, err
	}
	if err := l.Lock(ctx, db.sql); err != nil {
		return nil, fmt.Errorf("migrate the %s database: take the migration lock: %w", db.dialect, err)
	}
	defer func() {
		if uerr := l.Unlock(context.WithoutCancel(ctx), db.sql); uerr != nil {
			err = errors.Join(err, fmt.Errorf("migrate the %s database: release the migration lock: %w", db.dialect, uerr))
		}
	}()
	if err := db.ensureVersionZero(ctx); err != nil {
		return nil, fmt.Errorf("migrate the %s database: create the version table: %w", db.dialect, err)
	}
	p, err := db.provider()
	if err != nil {
		return nil, err
	}
	results, err := p.Up(ctx)
	if err != nil {
		return nil, fmt.Errorf("migrate the %s database: %w", db.dialect, err)
	}
	applied := make([]string, len(results))
	for i, r := range results {
		applied[i] = r.Source.Path
	}
	current, err := db.figuresCurrent(ctx)
	if err != nil {
		return applied, err
	}
	if !current {
		if err := db.RefreshFigures(ctx); err != nil {
			return applied, fmt.Errorf("compute the stored coverage figures: %w", err)
		}
	}
	return applied, nil
}

// SchemaVersion returns the version the database is at and the latest version
// this program knows. It only reads (it is what /readyz asks): a database
// never migrated is at version 0.
func (db *DB) SchemaVersion(ctx context.Context) (current, latest int64, err error) {
	p, err := db.provider()
	if err != nil {
		return 0, 0, err
	}
	for _, s := range p.ListSources() {
		latest = max(latest, s.Version)
	}
	if !db.gorm.WithContext(ctx).Migrator().HasTable(versionTable) {
		// HasTable says no on an error too: ask again, to tell them apart.
		return 0, latest, db.Ping(ctx)
	}
	err = db.sql.QueryRowContext(ctx, "SELECT COALESCE(MAX(version_id), 0) FROM "+versionTable).Scan(&current)
	return current, latest, err
}

// versionTable is goose's table of the migrations applied.
const versionTable = "goose_db_version"

// versionTableDDL is goose's own definition of its version table, per
// dialect.
var versionTableDDL = map[string]string{
	SQLite: `CREATE TABLE IF NOT EXISTS ` + versionTable + ` (id INTEGER PRIMARY KEY AUTOINCREMENT, version_id INTEGER NOT NULL,
		is_applied INTEGER NOT NULL, tstamp TIMESTAMP DEFAULT (datetime('now')))`,
	MySQL: `CREATE TABLE IF NOT EXISTS ` + versionTable + ` (id bigint(20) unsigned NOT NULL AUTO_INCREMENT, version_id bigint NOT NULL,
		is_applied boolean NOT NULL, tstamp datetime NULL default CURRENT_TIMESTAMP, PRIMARY KEY(id))`,
}

// ensureVersionZero makes goose's version table if it is missing, and writes
// its version 0 row if it has no row.
func (db *DB) ensureVersionZero(ctx context.Context) error {
	if _, err := db.sql.ExecContext(ctx, versionTableDDL[db.dialect]); err != nil {
		return err
	}
	var rows int
	if err := db.sql.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+versionTable).Scan(&rows); err != nil || rows > 0 {
		return err
	}
	_, err := db.sql.ExecContext(ctx, "INSERT INTO "+versionTable+" (version_id, is_applied) VALUES (0, ?)", true)
	return err
}

// fileLocker serialises migrations of one SQLite file across processes with
// an advisory lock on a file beside it.
type fileLocker struct{ lock *flock.Flock }

func (l *fileLocker) Lock(ctx context.Context, _ *sql.DB) error {
	ok, err := l.lock.TryLockContext(ctx, 100*time.Millisecond)
	if err != nil {
		return fmt.Errorf("lock %s: %w", l.lock.Path(), err)
	}
	if !ok {
		return fmt.Errorf("lock %s: not acquired", l.lock.Path())
	}
	return nil
}

func (l *fileLocker) Unlock(context.Context, *sql.DB) error { return l.lock.Unlock() }

// MigrateTo brings the schema up or down to version (0 drops every table of
// ours; goose's version table stays), under the migration lock. It is for
// tests of the migrations and for operators undoing a release by hand; the
// stored figures are left as they are (Migrate brings them up to date).
func (db *DB) MigrateTo(ctx context.Context, version int64) (err error) {
	l, err := db.migrationLock()
	if err != nil {
		return err
	}
	if err := l.Lock(ctx, db.sql); err != nil {
		return fmt.Errorf("migrate the %s database: take the migration lock: %w", db.dialect, err)
	}
	defer func() {
		if uerr := l.Unlock(context.WithoutCancel(ctx), db.sql); uerr != nil {
			err = errors.Join(err, fmt.Errorf("migrate the %s database: release the migration lock: %w", db.dialect, uerr))
		}
	}()
	if err := db.ensureVersionZero(ctx); err != nil {
		return fmt.Errorf("migrate the %s database: create the version table: %w", db.dialect, err)
	}
	p, err := db.provider()
	if err != nil {
		return err
	}
	cur, err := p.GetDBVersion(ctx)
	if err != nil {
		return fmt.Errorf("migrate the %s database: %w", db.dialect, err)
	}
	if version >= cur {
		_, err = p.UpTo(ctx, version)
	} else {
		_, err = p.DownTo(ctx, version)
	}
	if err != nil {
		return fmt.Errorf("migrate the %s database to version %d: %w", db.dialect, version, err)
	}
	return nil
}

// MigrationVersions lists the versions of a dialect's migrations, in order.
func MigrationVersions(dialect string) ([]int64, error) {
	entries, err := fs.ReadDir(migrations, "migrations/"+dialect)
	if err != nil {
		return nil, err
	}
	var versions []int64
	for _, e := range entries {
		v, err := goose.NumericComponent(e.Name())
		if err != nil {
			return nil, fmt.Errorf("migration %s: %w", e.Name(), err)
		}
		versions = append(versions, v)
	}
	return versions, nil
}
