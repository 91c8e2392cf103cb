package db

import (
	"context"

	"alliance/coverage"
)

// PortfolioSnapshot reads the whole portfolio as the coverage rules see it.
func (db *DB) PortfolioSnapshot(ctx context.Context) (*coverage.Snapshot, error) {
	return loadSnapshot(ctx, db.gorm, nil)
}
