package db

import (
	"context"
	"errors"

	"gorm.io/gorm"

	"alliance"
	"alliance/password"
)

// signedInUser returns the user id of the request's session, or FORBIDDEN
// saying that what is asked (a password, personal tokens) is a user's.
func signedInUser(ctx context.Context, what string) (*alliance.Principal, error) {
	p := alliance.PrincipalFrom(ctx)
	if p == nil || p.UserID == 0 {
		return nil, alliance.Errorf(alliance.EFORBIDDEN, "%s: sign in as a user (an API token has no account)", what)
	}
	return p, nil
}

// ChangePassword changes the signed-in user's password from current to pw
// and ends every other session of theirs (the one asking stays signed in).
func (db *DB) ChangePassword(ctx context.Context, current, pw string) (*alliance.User, error) {
	p, err := signedInUser(ctx, "change your password")
	if err != nil {
		return nil, err
	}
	var row userRow
	if err := db.gorm.WithContext(ctx).Where("id = ?", p.UserID).Take(&row).Error; err != nil {
		return nil, err
	}
	if row.PasswordHash == nil {
		return nil, alliance.Invalidf("current", "your account has no password yet")
	}
	ok, _, err := password.Verify(ctx, current, *row.PasswordHash)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, alliance.Invalidf("current", "the current password is not right")
	}
	if err := password.Check(pw, row.Email, row.Name); err != nil {
		var e *alliance.Error
		if errors.As(err, &e) {
			return nil, alliance.Invalidf("new", "%s", e.Message)
		}
		return nil, err
	}
	if pw == current {
		return nil, alliance.Invalidf("new", "the new password is the current one")
	}
	pwHash, err := password.Hash(ctx, pw)
	if err != nil {
		return nil, err
	}
	var u *alliance.User
	err = db.write(ctx, func(t *tx) error {
		cur, err := t.lockUser(p.UserID)
		if err != nil {
			return err
		}
		if cur.PasswordHash == nil || *cur.PasswordHash != *row.PasswordHash {
			return alliance.Invalidf("current", "your password was changed meanwhile: sign in again")
		}
		before := userView(cur)
		cur.PasswordHash, cur.UpdatedAt = &pwHash, t.now
		if err := t.g.Model(&userRow{ID: cur.ID}).Select("password_hash", "updated_at").Updates(cur).Error; err != nil {
			return err
		}
		ended, err := t.endSessions(cur.ID, p.SessionID)
		if err != nil {
			return err
		}
		after := userView(cur)
		after["password"] = "changed"
		if ended > 0 {
			after["sessionsEnded"] = ended
		}
		u = cur.domain()
		return t.audit(alliance.ActionUpdate, "User", cur.ID, 0, before, after)
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

// MyTokens lists the tokens the signed-in user made, by name (none for a
// token).
func (db *DB) MyTokens(ctx context.Context) ([]*alliance.Token, error) {
	p := alliance.PrincipalFrom(ctx)
	if p == nil || p.UserID == 0 {
		return []*alliance.Token{}, nil
	}
	var rows []*tokenRow
	if err := db.gorm.WithContext(ctx).Where("user_id = ?", p.UserID).Order("name").Find(&rows).Error; err != nil {
		return nil, err
	}
	if err := withServices(db.gorm.WithContext(ctx), rows...); err != nil {
		return nil, err
	}
	return mapSlice(rows, (*tokenRow).domain), nil
}

// CreateMyToken makes a personal token of the signed-in user: at most
// their own role, and limited to their client when they are (a token of a
// client-portal user without a client is made for that client).
func (db *DB) CreateMyToken(ctx context.Context, in alliance.TokenInput) (*alliance.Token, string, error) {
	p, err := signedInUser(ctx, "make a personal token")
	if err != nil {
		return nil, "", err
	}
	if in.Role.Valid() && !p.Role.Allows(in.Role) {
		return nil, "", alliance.Invalidf("role", "a personal token may have at most your own role (%s), not %s", p.Role, in.Role)
	}
	if p.ClientID != nil {
		switch {
		case in.ClientID == nil:
			in.ClientID = p.ClientID
		case *in.ClientID != *p.ClientID:
			return nil, "", alliance.Invalidf("clientId", "your tokens see your client only")
		}
	}
	return db.createToken(ctx, in)
}

// RevokeMyToken revokes one of the signed-in user's tokens; another's is
// NOT_FOUND.
func (db *DB) RevokeMyToken(ctx context.Context, id int64) (*alliance.Token, error) {
	p, err := signedInUser(ctx, "revoke a personal token")
	if err != nil {
		return nil, err
	}
	var row tokenRow
	err = db.gorm.WithContext(ctx).Where("id = ? AND user_id = ?", id, p.UserID).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, alliance.FieldErrorf(alliance.ENOTFOUND, "id", "you have no token %d", id)
	}
	if err != nil {
		return nil, err
	}
	return db.revokeToken(ctx, id)
}
