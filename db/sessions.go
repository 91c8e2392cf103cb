package db

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"alliance"
	"alliance/password"
)

type sessionRow struct {
	ID            string `gorm:"primaryKey"`
	UserID        int64
	CSRFSecret    string `gorm:"column:csrf_secret"`
	KeepSignedIn  bool
	CreatedAt     time.Time
	LastSeenAt    time.Time
	IdleExpiresAt time.Time
	ExpiresAt     time.Time
	UserAgent     *string
	RemoteAddr    *string
}

func (sessionRow) TableName() string { return "sessions" }

func (r *sessionRow) domain() *alliance.Session {
	return &alliance.Session{ID: r.ID, UserID: r.UserID, CSRFSecret: r.CSRFSecret, KeepSignedIn: r.KeepSignedIn,
		CreatedAt: r.CreatedAt.UTC(), LastSeenAt: r.LastSeenAt.UTC(), IdleExpiresAt: r.IdleExpiresAt.UTC(), ExpiresAt: r.ExpiresAt.UTC(),
		UserAgent: r.UserAgent, RemoteAddr: r.RemoteAddr}
}

// NewSessionSecrets returns the secret of a new session's cookie, the
// session's id (the secret's hash) and its anti-CSRF token.
func NewSessionSecrets() (secret, id, csrf string) {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	secret = base64.RawURLEncoding.EncodeToString(b)
	c := make([]byte, 32)
	_, _ = rand.Read(c)
	return secret, HashSecret(secret), base64.RawURLEncoding.EncodeToString(c)
}

// SessionID is the id of the session a cookie's secret stands for.
func SessionID(secret string) string { return HashSecret(secret) }

// ErrBadCredentials is the one answer to a sign-in that fails, whatever the
// reason: no user has the email, the password is wrong, or the account is
// not active. It tells nothing of which.
var ErrBadCredentials = alliance.Errorf(alliance.EUNAUTHORIZED,
	"the email or password is not right, or the account is not active: try again, or ask an admin for a reset link")

// SignIn checks an email and password and, when they are a user's who may
// sign in, makes a session for them. It spends the same time whether or not
// the email names a user. A hash made with older parameters is replaced.
func (db *DB) SignIn(ctx context.Context, email, pw string, ns alliance.NewSession) (*alliance.User, *alliance.Session, error) {
	if len(email) > alliance.MaxEmailLength+10 {
		password.VerifyNothing(ctx, pw)
		return nil, nil, ErrBadCredentials
	}
	var row userRow
	err := db.gorm.WithContext(ctx).Where("email_key = ?", alliance.EmailKey(email)).Take(&row).Error
	switch {
	case errors.Is(err, gorm.ErrRecordNotFound) || err == nil && row.PasswordHash == nil:
		password.VerifyNothing(ctx, pw)
		return nil, nil, ErrBadCredentials
	case err != nil:
		return nil, nil, err
	}
	ok, rehash, err := password.Verify(ctx, pw, *row.PasswordHash)
	if err != nil {
		return nil, nil, err
	}
	if !ok || row.State != string(alliance.UserActive) {
		return nil, nil, ErrBadCredentials
	}
	var newHash string
	if rehash {
		if newHash, err = password.Hash(ctx, pw); err != nil {
			return nil, nil, err
		}
	}
	var u *alliance.User
	var s *alliance.Session
	err = db.write(alliance.WithActor(ctx, alliance.ActorOf(row.Name, row.Email)), func(t *tx) error {
		cur, err := t.lockUser(row.ID)
		if err != nil || cur.State != string(alliance.UserActive) || cur.PasswordHash == nil || *cur.PasswordHash != *row.PasswordHash {
			// Disabled, or its password changed, since it was read.
			return ErrBadCredentials
		}
		if newHash != "" {
			if err := t.g.Model(&userRow{ID: cur.ID}).Update("password_hash", newHash).Error; err != nil {
				return err
			}
		}
		s, err = t.startSession(cur, ns)
		u = cur.domain()
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	return u, s, nil
}

// startSession records a new session of the user, notes their sign-in, and
// drops the sessions of anybody that have expired.
func (t *tx) startSession(u *userRow, ns alliance.NewSession) (*alliance.Session, error) {
	if len(ns.ID) != 64 || ns.CSRFSecret == "" {
		return nil, errors.New("start a session: the session needs an id and an anti-CSRF token (see NewSessionSecrets)")
	}
	if err := t.g.Where("expires_at <= ? OR idle_expires_at <= ?", t.now, t.now).Delete(&sessionRow{}).Error; err != nil {
		return nil, err
	}
	idle, absolute := ns.Times.Expiry(ns.KeepSignedIn, t.now, t.now)
	row := &sessionRow{ID: ns.ID, UserID: u.ID, CSRFSecret: ns.CSRFSecret, KeepSignedIn: ns.KeepSignedIn,
		CreatedAt: t.now, LastSeenAt: t.now, IdleExpiresAt: idle, ExpiresAt: absolute,
		UserAgent: clip(ns.UserAgent, 500), RemoteAddr: clip(ns.RemoteAddr, 64)}
	if err := t.g.Create(row).Error; err != nil {
		return nil, err
	}
	u.LastSignInAt = &t.now
	if err := t.g.Model(&userRow{ID: u.ID}).Update("last_sign_in_at", t.now).Error; err != nil {
		return nil, err
	}
	// The session's id is its secret's hash, no secret itself; its browser
	// and address stay out of the audit log, which every viewer reads.
	if err := t.audit(alliance.ActionCreate, "Session", row.ID, 0, nil,
		map[string]any{"userId": u.ID, "keepSignedIn": ns.KeepSignedIn, "expiresAt": absolute}); err != nil {
		return nil, err
	}
	return row.domain(), nil
}

// endSessions ends every session of a user but keep (the id of one to keep,
// or "") and returns how many ended.
func (t *tx) endSessions(user int64, keep string) (int64, error) {
	res := t.g.Where("user_id = ? AND id <> ?", user, keep).Delete(&sessionRow{})
	return res.RowsAffected, res.Error
}

// clip returns s cut to at most n bytes (on a character boundary), or nil
// for an empty s.
func clip(s string, n int) *string {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	for len(s) > n {
		_, size := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-size]
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "?")
	}
	return &s
}

// sessionUserRow is a session read with its user, in one statement; the
// user's columns are selected with the prefix u_.
type sessionUserRow struct {
	Session sessionRow `gorm:"embedded"`
	User    userRow    `gorm:"embedded;embeddedPrefix:u_"`
}

// Session returns the live session of a cookie's secret and its user, or an
// UNAUTHENTICATED error when the secret names no session that still signs an
// active user in: unknown, ended, expired (which removes it), or of a user
// disabled since. A session whose last use is touchEvery or more ago is
// marked used now, which moves its idle expiry: so a session used without
// pause writes at most once in touchEvery.
func (db *DB) Session(ctx context.Context, secret string, times alliance.SessionTimes, touchEvery time.Duration) (*alliance.Session, *alliance.User, error) {
	ended := alliance.Errorf(alliance.EUNAUTHORIZED, "your session has ended: sign in again")
	if secret == "" || len(secret) > 200 {
		return nil, nil, ended
	}
	id := SessionID(secret)
	var rows []sessionUserRow
	err := db.gorm.WithContext(ctx).Raw(`SELECT s.*, u.id AS u_id, u.email AS u_email, u.name AS u_name, u.role AS u_role,
		u.client_id AS u_client_id, u.state AS u_state, u.created_at AS u_created_at, u.updated_at AS u_updated_at,
		u.last_sign_in_at AS u_last_sign_in_at
		FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?`, id).Scan(&rows).Error
	if err != nil {
		return nil, nil, err
	}
	if len(rows) == 0 {
		return nil, nil, ended
	}
	r := rows[0]
	s := r.Session.domain()
	now := db.now()
	if !s.Live(now) || r.User.State != string(alliance.UserActive) {
		if err := db.gorm.WithContext(ctx).Where("id = ?", id).Delete(&sessionRow{}).Error; err != nil {
			return nil, nil, err
		}
		return nil, nil, ended
	}
	if now.Sub(s.LastSeenAt) >= touchEvery {
		idle, _ := times.Expiry(s.KeepSignedIn, s.CreatedAt, now)
		if idle.After(s.ExpiresAt) {
			idle = s.ExpiresAt
		}
		// Bookkeeping, not a change anybody made: not audited.
		if err := db.gorm.WithContext(ctx).Model(&sessionRow{}).Where("id = ?", id).
			Updates(map[string]any{"last_seen_at": now, "idle_expires_at": idle}).Error; err != nil {
			return nil, nil, err
		}
		s.LastSeenAt, s.IdleExpiresAt = now, idle
	}
	return s, r.User.domain(), nil
}

// MySessions lists the live sessions of the signed-in user, the most
// recently used first; a token has none.
func (db *DB) MySessions(ctx context.Context) ([]*alliance.Session, error) {
	p := alliance.PrincipalFrom(ctx)
	if p == nil || p.UserID == 0 {
		return []*alliance.Session{}, nil
	}
	g, done := db.reader(ctx)
	defer done()
	now := db.now()
	var rows []*sessionRow
	if err := g.Where("user_id = ? AND expires_at > ? AND idle_expires_at > ?", p.UserID, now, now).
		Order("last_seen_at DESC, id").Find(&rows).Error; err != nil {
		return nil, err
	}
	return mapSlice(rows, (*sessionRow).domain), nil
}

// EndSession ends one session of the signed-in user (signing out, when it is
// the current one). A session that is not theirs is NOT_FOUND.
func (db *DB) EndSession(ctx context.Context, id string) error {
	p := alliance.PrincipalFrom(ctx)
	missing := alliance.FieldErrorf(alliance.ENOTFOUND, "id", "you have no session %q", id)
	if p == nil || p.UserID == 0 {
		return missing
	}
	return db.write(ctx, func(t *tx) error {
		res := t.g.Where("id = ? AND user_id = ?", id, p.UserID).Delete(&sessionRow{})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return missing
		}
		return t.audit(alliance.ActionDelete, "Session", id, 0, map[string]any{"userId": p.UserID, "current": id == p.SessionID}, nil)
	})
}
