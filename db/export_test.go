package db

import (
	"context"

	"gorm.io/gorm"
)

// WriteForTest runs fn as a write transaction, as every write of the store
// is run (turns, conflict retries): for tests that need to shape the
// conflicts themselves.
func (db *DB) WriteForTest(ctx context.Context, fn func(g *gorm.DB) error) error {
	return db.write(ctx, func(t *tx) error { return fn(t.g) })
}
