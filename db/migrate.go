package db

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"time"

	"github.com/gofrs/flock"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

//go:embed migrations
var migrations embed.FS

// provider returns a goose provider over this database's migrations, with a
// lock that keeps two processes from migrating at once.
func (db *DB) provider(locked bool) (*goose.Provider, error) {
	fsys, err := fs.Sub(migrations, "migrations/"+db.dialect)
	if err != nil {
		return nil, err
	}
	dialect := goose.DialectSQLite3
	opts := []goose.ProviderOption{goose.WithDisableGlobalRegistry(true)}
	if db.dialect == MySQL {
		dialect = goose.DialectMySQL
		if locked {
			l, err := lock.NewMySQLTableLocker(
				lock.WithTableName("goose_lock"),
				lock.WithTableLockTimeout(500*time.Millisecond, 600), // wait up to 5 minutes
				lock.WithTableUnlockTimeout(500*time.Millisecond, 60),
			)
			if err != nil {
				return nil, err
			}
			opts = append(opts, goose.WithLocker(l))
		}
	} else if locked {
		opts = append(opts, goose.WithLocker(&fileLocker{lock: flock.New(db.path + ".migrate-lock")}))
	}
	return goose.NewProvider(dialect, db.sql, fsys, opts...)
}

// Migrate brings the schema to the latest version. It is safe to call from
// several processes at once: one migrates while the others wait, then find
// nothing left to do.
func (db *DB) Migrate(ctx context.Context) ([]string, error) {
	p, err := db.provider(true)
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
// this program knows.
func (db *DB) SchemaVersion(ctx context.Context) (current, latest int64, err error) {
	p, err := db.provider(false)
	if err != nil {
		return 0, 0, err
	}
	return p.GetVersions(ctx)
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
