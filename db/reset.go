package db

import (
	"context"
	"errors"

	"gorm.io/gorm"

	"alliance"
)

// RequestPasswordReset makes a password reset link for the active user with
// this email, as "forgot password" asks (nobody signed in): nil, and
// nothing written, when no active user has it. The link replaces the
// user's unused ones; the audit log records it as requested for the user.
func (db *DB) RequestPasswordReset(ctx context.Context, email string) (*alliance.UserLink, error) {
	if len(email) > alliance.MaxEmailLength+10 {
		return nil, nil
	}
	var link *alliance.UserLink
	err := db.write(ctx, func(t *tx) error {
		var row userRow
		err := t.forUpdate().Where("email_key = ?", alliance.EmailKey(email)).Take(&row).Error
		switch {
		case errors.Is(err, gorm.ErrRecordNotFound):
			return nil
		case err != nil:
			return err
		case row.State != string(alliance.UserActive):
			return nil
		}
		t.actor = "reset requested for " + alliance.ActorOf(row.Name, row.Email)
		link, err = t.newLink(&row, alliance.PasswordReset)
		return err
	})
	if err != nil {
		return nil, err
	}
	return link, nil
}
