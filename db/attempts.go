package db

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// signInFailureRow counts the failed sign-ins of one account or address, so
// that every server over the database applies the same limits.
type signInFailureRow struct {
	KeyHash      string `gorm:"primaryKey"`
	Failures     int
	LastFailedAt time.Time
	LockedUntil  *time.Time
}

func (signInFailureRow) TableName() string { return "sign_in_failures" }

// SignInLock returns how long the longest lock of keys still runs (0: none
// is locked). A key is what is counted, such as "account:ada@example.com";
// only its hash is stored.
func (db *DB) SignInLock(ctx context.Context, keys ...string) (time.Duration, error) {
	hashes := make([]string, len(keys))
	for i, k := range keys {
		hashes[i] = HashSecret(k)
	}
	now := db.now()
	var rows []signInFailureRow
	if err := db.gorm.WithContext(ctx).Where("key_hash IN ? AND locked_until > ?", hashes, now).Find(&rows).Error; err != nil {
		return 0, err
	}
	var wait time.Duration
	for _, r := range rows {
		wait = max(wait, r.LockedUntil.Sub(now))
	}
	return wait, nil
}

// CountSignInFailure counts one more failed sign-in of key and locks the key
// for lock(count) from now (no lock for 0). A count whose last failure is
// older than forget starts again from 1; such counts of other keys are
// removed on the way.
func (db *DB) CountSignInFailure(ctx context.Context, key string, forget time.Duration, lock func(count int) time.Duration) error {
	hash := HashSecret(key)
	return db.write(ctx, func(t *tx) error {
		stale := t.now.Add(-forget)
		if err := t.g.Where("last_failed_at < ? AND key_hash <> ?", stale, hash).Delete(&signInFailureRow{}).Error; err != nil {
			return err
		}
		// Make the row if it is missing, then lock it: two servers counting
		// at once both count.
		if err := t.g.Clauses(clause.OnConflict{DoNothing: true}).
			Create(&signInFailureRow{KeyHash: hash, LastFailedAt: t.now}).Error; err != nil {
			return err
		}
		var row signInFailureRow
		if err := t.forUpdate().Where("key_hash = ?", hash).Take(&row).Error; err != nil {
			return err
		}
		if row.LastFailedAt.Before(stale) {
			row.Failures = 0
		}
		row.Failures++
		row.LastFailedAt = t.now
		row.LockedUntil = nil
		if d := lock(row.Failures); d > 0 {
			until := t.now.Add(d)
			row.LockedUntil = &until
		}
		return t.g.Model(&signInFailureRow{KeyHash: hash}).Select("failures", "last_failed_at", "locked_until").Updates(&row).Error
	})
}

// ClearSignInFailures forgets the failures of key.
func (db *DB) ClearSignInFailures(ctx context.Context, key string) error {
	err := db.gorm.WithContext(ctx).Where("key_hash = ?", HashSecret(key)).Delete(&signInFailureRow{}).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil
	}
	return err
}
