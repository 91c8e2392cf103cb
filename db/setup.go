package db

import (
	"context"
	"errors"
	"strings"
	"time"

	"gorm.io/gorm"

	"alliance"
	"alliance/password"
)

// setupPrefix starts the secret of a setup link.
const setupPrefix = "alzs_"

// SetupValidFor is how long the setup link of a fresh database works.
const SetupValidFor = 7 * 24 * time.Hour

type setupLinkRow struct {
	ID         int64 `gorm:"primaryKey"`
	SecretHash string
	CreatedAt  time.Time
	ExpiresAt  time.Time
	UsedAt     *time.Time
}

func (setupLinkRow) TableName() string { return "setup_links" }

// Fresh reports whether the database has neither a user nor an API token:
// nobody could sign in to it yet.
func (db *DB) Fresh(ctx context.Context) (bool, error) {
	var users, tokens int64
	if err := db.gorm.WithContext(ctx).Model(&userRow{}).Count(&users).Error; err != nil {
		return false, err
	}
	if err := db.gorm.WithContext(ctx).Model(&tokenRow{}).Count(&tokens).Error; err != nil {
		return false, err
	}
	return users+tokens == 0, nil
}

// MakeSetupLink makes the one-time link that lets the first person make
// the admin account, replacing any unused one, and returns its secret
// (kept only as a hash) and when it stops working.
func (db *DB) MakeSetupLink(ctx context.Context) (string, time.Time, error) {
	secret := setupPrefix + newSecret()[len(secretPrefix):]
	var expires time.Time
	err := db.write(ctx, func(t *tx) error {
		if err := t.g.Where("used_at IS NULL").Delete(&setupLinkRow{}).Error; err != nil {
			return err
		}
		row := &setupLinkRow{SecretHash: HashSecret(secret), CreatedAt: t.now, ExpiresAt: t.now.Add(SetupValidFor)}
		expires = row.ExpiresAt.UTC()
		return t.g.Create(row).Error
	})
	if err != nil {
		return "", time.Time{}, err
	}
	return secret, expires, nil
}

// errBadSetup is the one answer to a setup link that does not work.
var errBadSetup = alliance.Invalidf("code",
	"this setup link does not work: it has been used or has expired; an admin invites you with `alliance user invite --role admin`")

// CompleteSetup uses the setup link: it makes an active admin with this
// email, name and password and signs them in through a new session. The
// link works once.
func (db *DB) CompleteSetup(ctx context.Context, secret string, in alliance.UserInput, pw string, ns alliance.NewSession) (*alliance.User, *alliance.Session, error) {
	secret = strings.TrimSpace(secret)
	if secret == "" || len(secret) > 200 {
		return nil, nil, errBadSetup
	}
	in.Role, in.ClientID = alliance.Admin, nil
	if err := in.Validate(); err != nil {
		return nil, nil, err
	}
	if err := password.Check(pw, in.Email, in.Name); err != nil {
		return nil, nil, err
	}
	hash := HashSecret(secret)
	var link setupLinkRow
	err := db.gorm.WithContext(ctx).Where("secret_hash = ?", hash).Take(&link).Error
	switch {
	case errors.Is(err, gorm.ErrRecordNotFound):
		return nil, nil, errBadSetup
	case err != nil:
		return nil, nil, err
	case link.UsedAt != nil || !db.now().Before(link.ExpiresAt):
		return nil, nil, errBadSetup
	}
	pwHash, err := password.Hash(ctx, pw)
	if err != nil {
		return nil, nil, err
	}
	var u *alliance.User
	var s *alliance.Session
	ctx = alliance.WithActor(ctx, alliance.ActorOf(in.Name, in.Email))
	err = db.write(ctx, func(t *tx) error {
		var l setupLinkRow
		if err := t.forUpdate().Where("id = ?", link.ID).Take(&l).Error; errors.Is(err, gorm.ErrRecordNotFound) {
			return errBadSetup
		} else if err != nil {
			return err
		}
		if l.UsedAt != nil || !t.now.Before(l.ExpiresAt) {
			return errBadSetup // used meanwhile
		}
		if err := t.g.Model(&setupLinkRow{ID: l.ID}).Update("used_at", t.now).Error; err != nil {
			return err
		}
		row, err := t.createActiveUser(in, pwHash)
		if err != nil {
			return err
		}
		s, err = t.startSession(row, ns)
		u = row.domain()
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	return u, s, nil
}

// AddActiveUser makes a user who signs in at once with this password (the
// demo's users): no invitation.
func (db *DB) AddActiveUser(ctx context.Context, in alliance.UserInput, pw string) (*alliance.User, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	if err := password.Check(pw, in.Email, in.Name); err != nil {
		return nil, err
	}
	pwHash, err := password.Hash(ctx, pw)
	if err != nil {
		return nil, err
	}
	var u *alliance.User
	err = db.write(ctx, func(t *tx) error {
		row, err := t.createActiveUser(in, pwHash)
		if err == nil {
			u = row.domain()
		}
		return err
	})
	return u, err
}

// createActiveUser records an active user with a password hash; a taken
// email is CONFLICT on "email".
func (t *tx) createActiveUser(in alliance.UserInput, pwHash string) (*userRow, error) {
	var other userRow
	err := t.g.Where("email_key = ?", alliance.EmailKey(in.Email)).Take(&other).Error
	if err == nil {
		return nil, alliance.FieldErrorf(alliance.ECONFLICT, "email", "a user with the email %q exists already", other.Email)
	}
	if !errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, err
	}
	if in.ClientID != nil {
		if err := first(t.g, &clientRow{}, *in.ClientID, "client", "clientId"); err != nil {
			return nil, err
		}
	}
	row := &userRow{Email: in.Email, EmailKey: alliance.EmailKey(in.Email), Name: in.Name, Role: string(in.Role), ClientID: in.ClientID,
		State: string(alliance.UserActive), PasswordHash: &pwHash, CreatedAt: t.now, UpdatedAt: t.now}
	if err := t.g.Create(row).Error; err != nil {
		return nil, err
	}
	return row, t.audit(alliance.ActionCreate, "User", row.ID, 0, nil, userView(row))
}
