package db

import "context"

// MigrateUpTo brings the schema to version v only: for tests of what a
// migration does to rows written before it.
func (db *DB) MigrateUpTo(ctx context.Context, v int64) error {
	p, err := db.provider(false)
	if err != nil {
		return err
	}
	_, err = p.UpTo(ctx, v)
	return err
}
