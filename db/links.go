package db

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"strings"
	"time"

	"gorm.io/gorm"

	"alliance"
	"alliance/password"
)

// Prefixes of the secrets of one-time links, so that a leaked one can be told
// from an API token, and one kind from the other.
const (
	invitationPrefix = "alzi_"
	resetPrefix      = "alzr_"
)

type userLinkRow struct {
	ID         int64 `gorm:"primaryKey"`
	UserID     int64
	Purpose    string
	SecretHash string
	CreatedAt  time.Time
	CreatedBy  string
	ExpiresAt  time.Time
	UsedAt     *time.Time
}

func (userLinkRow) TableName() string { return "user_links" }

func linkSecret(p alliance.LinkPurpose) string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	prefix := resetPrefix
	if p == alliance.Invitation {
		prefix = invitationPrefix
	}
	return prefix + base64.RawURLEncoding.EncodeToString(b)
}

// newLink makes a one-time link for the user, replacing the unused ones made
// before it (of either purpose).
func (t *tx) newLink(u *userRow, p alliance.LinkPurpose) (*alliance.UserLink, error) {
	if err := t.g.Where("user_id = ? AND used_at IS NULL", u.ID).Delete(&userLinkRow{}).Error; err != nil {
		return nil, err
	}
	valid := alliance.ResetValidFor
	if p == alliance.Invitation {
		valid = alliance.InvitationValidFor
	}
	secret := linkSecret(p)
	row := &userLinkRow{UserID: u.ID, Purpose: string(p), SecretHash: HashSecret(secret), CreatedAt: t.now, CreatedBy: t.actor, ExpiresAt: t.now.Add(valid)}
	if err := t.g.Create(row).Error; err != nil {
		return nil, err
	}
	if err := t.audit(alliance.ActionCreate, "UserLink", row.ID, 0, nil,
		map[string]any{"id": row.ID, "userId": u.ID, "email": u.Email, "purpose": row.Purpose, "expiresAt": row.ExpiresAt}); err != nil {
		return nil, err
	}
	return &alliance.UserLink{User: u.domain(), Purpose: p, Secret: secret, ExpiresAt: row.ExpiresAt.UTC()}, nil
}

// errBadLink is the one answer to a link that does not work, whatever the
// reason: unknown, used, replaced, expired, of the other purpose, or of a
// disabled user.
func errBadLink(p alliance.LinkPurpose) error {
	what := "password reset"
	if p == alliance.Invitation {
		what = "invitation"
	}
	return alliance.Invalidf("code", "this %s link does not work: it has been used, replaced by a newer one or has expired; ask an admin for a new one", what)
}

// CompleteLink uses a one-time link: the user's password becomes pw, an
// invited user becomes active (with name as their display name, when given),
// every other session of the user ends (a password reset is a password
// change), and the user is signed in through a new session. The link works
// once.
func (db *DB) CompleteLink(ctx context.Context, purpose alliance.LinkPurpose, secret, pw string, name *string, ns alliance.NewSession) (*alliance.User, *alliance.Session, error) {
	secret = strings.TrimSpace(secret)
	if secret == "" || len(secret) > 200 {
		return nil, nil, errBadLink(purpose)
	}
	hash := HashSecret(secret)
	var link userLinkRow
	var user userRow
	err := db.gorm.WithContext(ctx).Where("secret_hash = ?", hash).Take(&link).Error
	if err == nil {
		err = db.gorm.WithContext(ctx).Where("id = ?", link.UserID).Take(&user).Error
	}
	switch {
	case errors.Is(err, gorm.ErrRecordNotFound):
		return nil, nil, errBadLink(purpose)
	case err != nil:
		return nil, nil, err
	}
	now := db.now()
	if !usable(&link, &user, purpose, now) {
		return nil, nil, errBadLink(purpose)
	}
	newName := user.Name
	if name != nil && strings.TrimSpace(*name) != "" && purpose == alliance.Invitation {
		var err error
		if newName, err = alliance.CleanName(*name, "name"); err != nil {
			return nil, nil, err
		}
	}
	if err := password.Check(pw, user.Email, newName); err != nil {
		return nil, nil, err
	}
	pwHash, err := password.Hash(ctx, pw)
	if err != nil {
		return nil, nil, err
	}
	var u *alliance.User
	var s *alliance.Session
	ctx = alliance.WithActor(ctx, alliance.ActorOf(newName, user.Email))
	err = db.write(ctx, func(t *tx) error {
		var l userLinkRow
		if err := t.forUpdate().Where("id = ?", link.ID).Take(&l).Error; errors.Is(err, gorm.ErrRecordNotFound) {
			return errBadLink(purpose)
		} else if err != nil {
			return err
		}
		row, err := t.lockUser(link.UserID)
		if err != nil {
			return err
		}
		if !usable(&l, row, purpose, t.now) {
			return errBadLink(purpose) // used or replaced meanwhile
		}
		if err := t.g.Model(&userLinkRow{ID: l.ID}).Update("used_at", t.now).Error; err != nil {
			return err
		}
		if err := t.g.Where("user_id = ? AND used_at IS NULL", row.ID).Delete(&userLinkRow{}).Error; err != nil {
			return err
		}
		before := userView(row)
		row.Name, row.State, row.PasswordHash, row.UpdatedAt = newName, string(alliance.UserActive), &pwHash, t.now
		if err := t.g.Model(&userRow{ID: row.ID}).Select("name", "state", "password_hash", "updated_at").Updates(row).Error; err != nil {
			return err
		}
		ended, err := t.endSessions(row.ID, "")
		if err != nil {
			return err
		}
		after := userView(row)
		after["password"] = "changed"
		if purpose == alliance.Invitation {
			after["password"] = "set"
			after["invitationAccepted"] = true
		}
		if ended > 0 {
			after["sessionsEnded"] = ended
		}
		if err := t.audit(alliance.ActionUpdate, "User", row.ID, 0, before, after); err != nil {
			return err
		}
		s, err = t.startSession(row, ns)
		u = row.domain()
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	db.tokens.forget()
	return u, s, nil
}

// usable reports whether a link may be used for purpose at now.
func usable(l *userLinkRow, u *userRow, purpose alliance.LinkPurpose, now time.Time) bool {
	if l.Purpose != string(purpose) || l.UsedAt != nil || !now.Before(l.ExpiresAt) {
		return false
	}
	switch purpose {
	case alliance.Invitation:
		return u.State == string(alliance.UserInvited)
	default:
		return u.State == string(alliance.UserActive)
	}
}
