package db

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"

	"alliance"
)

type userRow struct {
	ID           int64 `gorm:"primaryKey"`
	Email        string
	EmailKey     string
	Name         string
	Role         string
	ClientID     *int64
	State        string
	PasswordHash *string
	CreatedAt    time.Time
	UpdatedAt    time.Time
	LastSignInAt *time.Time
}

func (userRow) TableName() string { return "users" }

func (r *userRow) domain() *alliance.User {
	u := &alliance.User{ID: r.ID, Email: r.Email, Name: r.Name, Role: alliance.Role(r.Role), ClientID: r.ClientID,
		State: alliance.UserState(r.State), CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC()}
	if r.LastSignInAt != nil {
		at := r.LastSignInAt.UTC()
		u.LastSignInAt = &at
	}
	return u
}

// userView is what the audit log keeps of a user: never the password hash,
// only whether there is one.
func userView(r *userRow) map[string]any {
	pw := "none"
	if r.PasswordHash != nil {
		pw = "set"
	}
	return map[string]any{"id": r.ID, "email": r.Email, "name": r.Name, "role": r.Role, "clientId": r.ClientID, "state": r.State, "password": pw}
}

// Users lists every user by name.
func (db *DB) Users(ctx context.Context) ([]*alliance.User, error) {
	if err := scopeOf(ctx).forbid("list users"); err != nil {
		return nil, err
	}
	g, done := db.reader(ctx)
	defer done()
	var rows []*userRow
	if err := g.Order("LOWER(name), id").Find(&rows).Error; err != nil {
		return nil, err
	}
	return mapSlice(rows, (*userRow).domain), nil
}

// User returns one user. A client-limited principal sees itself only.
func (db *DB) User(ctx context.Context, id int64) (*alliance.User, error) {
	us, err := db.UsersByIDs(ctx, []int64{id})
	if err != nil {
		return nil, err
	}
	if us[0] == nil {
		return nil, notFound("user", id, "id")
	}
	return us[0], nil
}

// UsersByIDs returns the users with these ids, in their order. A
// client-limited principal sees itself only.
func (db *DB) UsersByIDs(ctx context.Context, ids []int64) ([]*alliance.User, error) {
	g, done := db.reader(ctx)
	defer done()
	self := int64(0)
	if p := alliance.PrincipalFrom(ctx); p != nil {
		self = p.UserID
	}
	limited := scopeOf(ctx).limited
	rows, err := findIn[userRow](ctx, g, ids, func(g *gorm.DB, chunk []int64) *gorm.DB {
		q := g.Where("id IN ?", chunk)
		if limited {
			q = q.Where("id = ?", self)
		}
		return q
	})
	if err != nil {
		return nil, err
	}
	return align(ids, mapSlice(rows, (*userRow).domain), func(u *alliance.User) int64 { return u.ID }), nil
}

// UserByEmail returns the user with this email (in any letter case), or a
// NOT_FOUND error naming the field "email".
func (db *DB) UserByEmail(ctx context.Context, email string) (*alliance.User, error) {
	var row userRow
	err := db.gorm.WithContext(ctx).Where("email_key = ?", alliance.EmailKey(email)).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, alliance.FieldErrorf(alliance.ENOTFOUND, "email", "no user has the email %q", email)
	}
	if err != nil {
		return nil, err
	}
	return row.domain(), nil
}

// InviteUser makes an invited user and the link that lets them set their
// password, valid for alliance.InvitationValidFor.
func (db *DB) InviteUser(ctx context.Context, in alliance.UserInput) (*alliance.UserLink, error) {
	if err := scopeOf(ctx).forbid("manage users"); err != nil {
		return nil, err
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	var link *alliance.UserLink
	err := db.write(ctx, func(t *tx) error {
		var other userRow
		err := t.g.Where("email_key = ?", alliance.EmailKey(in.Email)).Take(&other).Error
		if err == nil {
			return alliance.FieldErrorf(alliance.ECONFLICT, "email", "a user with the email %q exists already (%s, %s)", other.Email, other.Name, other.State)
		}
		if !errors.Is(err, gorm.ErrRecordNotFound) {
			return err
		}
		if in.ClientID != nil {
			if err := first(t.g, &clientRow{}, *in.ClientID, "client", "clientId"); err != nil {
				return err
			}
		}
		row := &userRow{Email: in.Email, EmailKey: alliance.EmailKey(in.Email), Name: in.Name, Role: string(in.Role), ClientID: in.ClientID,
			State: string(alliance.UserInvited), CreatedAt: t.now, UpdatedAt: t.now}
		if err := t.g.Create(row).Error; err != nil {
			return err
		}
		if err := t.audit(alliance.ActionCreate, "User", row.ID, 0, nil, userView(row)); err != nil {
			return err
		}
		link, err = t.newLink(row, alliance.Invitation)
		return err
	})
	if err != nil {
		return nil, err
	}
	return link, nil
}

// UpdateUser changes a user's name, role or client. An admin may not change
// their own role (another admin does).
func (db *DB) UpdateUser(ctx context.Context, id int64, p alliance.UserPatch) (*alliance.User, error) {
	if err := scopeOf(ctx).forbid("manage users"); err != nil {
		return nil, err
	}
	var u *alliance.User
	err := db.write(ctx, func(t *tx) error {
		row, err := t.lockUser(id)
		if err != nil {
			return err
		}
		before := userView(row)
		cur := row.domain()
		if err := p.Apply(cur); err != nil {
			return err
		}
		if cur.Role != alliance.Role(row.Role) && isSelf(ctx, id) {
			return alliance.FieldErrorf(alliance.EFORBIDDEN, "role", "you cannot change your own role: another admin can")
		}
		if cur.ClientID != nil && (row.ClientID == nil || *row.ClientID != *cur.ClientID) {
			if err := first(t.g, &clientRow{}, *cur.ClientID, "client", "clientId"); err != nil {
				return err
			}
		}
		row.Name, row.Role, row.ClientID, row.UpdatedAt = cur.Name, string(cur.Role), cur.ClientID, t.now
		if err := t.g.Model(&userRow{ID: id}).Select("name", "role", "client_id", "updated_at").Updates(row).Error; err != nil {
			return err
		}
		u = row.domain()
		return t.audit(alliance.ActionUpdate, "User", id, 0, before, userView(row))
	})
	if err != nil {
		return nil, err
	}
	db.tokens.forget() // the user's tokens follow their role and client
	return u, nil
}

// DisableUser disables a user: every session of theirs ends at once (on
// every server: sessions are read from the database on each request), their
// unused links stop working, and so do their tokens (at once here, within
// TokenCacheTTL on other servers). Disabling a disabled user changes
// nothing. An admin may not disable themselves.
func (db *DB) DisableUser(ctx context.Context, id int64) (*alliance.User, error) {
	if err := scopeOf(ctx).forbid("manage users"); err != nil {
		return nil, err
	}
	if isSelf(ctx, id) {
		return nil, alliance.FieldErrorf(alliance.EFORBIDDEN, "id", "you cannot disable yourself: another admin can")
	}
	var u *alliance.User
	err := db.write(ctx, func(t *tx) error {
		row, err := t.lockUser(id)
		if err != nil {
			return err
		}
		if row.State == string(alliance.UserDisabled) {
			u = row.domain()
			return nil
		}
		before := userView(row)
		row.State, row.UpdatedAt = string(alliance.UserDisabled), t.now
		if err := t.g.Model(&userRow{ID: id}).Select("state", "updated_at").Updates(row).Error; err != nil {
			return err
		}
		ended, err := t.endSessions(id, "")
		if err != nil {
			return err
		}
		if err := t.g.Where("user_id = ? AND used_at IS NULL", id).Delete(&userLinkRow{}).Error; err != nil {
			return err
		}
		u = row.domain()
		after := userView(row)
		after["sessionsEnded"] = ended
		return t.audit(alliance.ActionUpdate, "User", id, 0, before, after)
	})
	if err != nil {
		return nil, err
	}
	db.tokens.forget()
	return u, nil
}

// EnableUser makes a disabled user active again, or invited when they never
// set a password. They sign in anew: their sessions ended when they were
// disabled.
func (db *DB) EnableUser(ctx context.Context, id int64) (*alliance.User, error) {
	if err := scopeOf(ctx).forbid("manage users"); err != nil {
		return nil, err
	}
	var u *alliance.User
	err := db.write(ctx, func(t *tx) error {
		row, err := t.lockUser(id)
		if err != nil {
			return err
		}
		if row.State != string(alliance.UserDisabled) {
			u = row.domain()
			return nil
		}
		before := userView(row)
		row.State, row.UpdatedAt = string(alliance.UserActive), t.now
		if row.PasswordHash == nil {
			row.State = string(alliance.UserInvited)
		}
		if err := t.g.Model(&userRow{ID: id}).Select("state", "updated_at").Updates(row).Error; err != nil {
			return err
		}
		u = row.domain()
		return t.audit(alliance.ActionUpdate, "User", id, 0, before, userView(row))
	})
	if err != nil {
		return nil, err
	}
	db.tokens.forget()
	return u, nil
}

// ResetPassword makes a password reset link for an active user, valid for
// alliance.ResetValidFor, or a new invitation link for a user who has not
// accepted theirs. A disabled user gets none: enable them first.
func (db *DB) ResetPassword(ctx context.Context, id int64) (*alliance.UserLink, error) {
	if err := scopeOf(ctx).forbid("manage users"); err != nil {
		return nil, err
	}
	var link *alliance.UserLink
	err := db.write(ctx, func(t *tx) error {
		row, err := t.lockUser(id)
		if err != nil {
			return err
		}
		switch alliance.UserState(row.State) {
		case alliance.UserDisabled:
			return alliance.FieldErrorf(alliance.ECONFLICT, "id", "%s is disabled: enable the user first", row.Email)
		case alliance.UserInvited:
			link, err = t.newLink(row, alliance.Invitation)
		default:
			link, err = t.newLink(row, alliance.PasswordReset)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return link, nil
}

// lockUser reads a user to change it, or returns NOT_FOUND naming "id".
func (t *tx) lockUser(id int64) (*userRow, error) {
	var row userRow
	if err := first(t.forUpdate(), &row, id, "user", "id"); err != nil {
		return nil, err
	}
	return &row, nil
}

// isSelf reports whether the request is made by the user id itself.
func isSelf(ctx context.Context, id int64) bool {
	p := alliance.PrincipalFrom(ctx)
	return p != nil && p.UserID == id
}
