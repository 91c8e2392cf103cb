package db

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"

	"alliance"
)

// OIDCLogin is a single sign-on in progress: what the browser that started
// it must bring back from the provider (state), what the ID token must
// carry (nonce), the PKCE verifier of the code, and where to land after.
type OIDCLogin struct {
	State, Nonce, Verifier string
	Next                   string
	// RedirectURL is the callback the authorization request named.
	RedirectURL  string
	KeepSignedIn bool
	ExpiresAt    time.Time
}

type oidcLoginRow struct {
	ID           string `gorm:"primaryKey"`
	State        string
	Nonce        string
	Verifier     string
	NextPath     string
	RedirectURL  string
	KeepSignedIn bool
	ExpiresAt    time.Time
}

func (oidcLoginRow) TableName() string { return "oidc_logins" }

// StartOIDCLogin keeps a login in progress under secret (the browser's
// cookie; only its hash is stored), valid for validFor, and removes the
// expired ones.
func (db *DB) StartOIDCLogin(ctx context.Context, secret string, l OIDCLogin, validFor time.Duration) (*OIDCLogin, error) {
	now := db.now()
	row := &oidcLoginRow{ID: HashSecret(secret), State: l.State, Nonce: l.Nonce, Verifier: l.Verifier, NextPath: l.Next,
		RedirectURL: l.RedirectURL, KeepSignedIn: l.KeepSignedIn, ExpiresAt: now.Add(validFor)}
	err := db.gorm.WithContext(ctx).Transaction(func(g *gorm.DB) error {
		if err := g.Where("expires_at <= ?", now).Delete(&oidcLoginRow{}).Error; err != nil {
			return err
		}
		return g.Create(row).Error
	})
	if err != nil {
		return nil, err
	}
	l.ExpiresAt = row.ExpiresAt
	return &l, nil
}

// TakeOIDCLogin returns the login in progress under secret and removes it:
// it is used once. It is nil when there is none (unknown, used, expired).
func (db *DB) TakeOIDCLogin(ctx context.Context, secret string) (*OIDCLogin, error) {
	if secret == "" || len(secret) > 200 {
		return nil, nil
	}
	id := HashSecret(secret)
	var row oidcLoginRow
	err := db.gorm.WithContext(ctx).Where("id = ?", id).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	res := db.gorm.WithContext(ctx).Where("id = ?", id).Delete(&oidcLoginRow{})
	if res.Error != nil {
		return nil, res.Error
	}
	if res.RowsAffected == 0 || !db.now().Before(row.ExpiresAt) {
		return nil, nil // taken meanwhile by another request, or too old
	}
	return &OIDCLogin{State: row.State, Nonce: row.Nonce, Verifier: row.Verifier, Next: row.NextPath,
		RedirectURL: row.RedirectURL, KeepSignedIn: row.KeepSignedIn, ExpiresAt: row.ExpiresAt.UTC()}, nil
}

// SSOUser is the person an OpenID provider signed in: their email (checked
// by the caller), their name, and the role and client the claim mapping or
// --oidc-auto-create gives them for an account to be made (Role empty:
// none, so only an existing account signs in).
type SSOUser struct {
	Email    string
	Name     string
	Role     alliance.Role
	ClientID *int64
}

// ErrSSONoAccount is the refusal of a single sign-on of an email that no
// user has, when the provider's claims give no role.
func errSSONoAccount(email string) error {
	return alliance.Errorf(alliance.EFORBIDDEN,
		"%s has no Alliance account, and the sign-in provider gives it no role here: ask an admin to invite you", email)
}

// SignInSSO signs in the user with the email an OpenID provider vouched for,
// through a new session: an active user as they are in Alliance (their
// role and client are managed here), an invited one becoming active with
// the role and client of the invitation (whose link then stops working), and
// an unknown email making a new active user when in.Role is set. A disabled
// user is refused. Changes are audited under the user's name and email, as
// a password sign-in is.
func (db *DB) SignInSSO(ctx context.Context, in SSOUser, ns alliance.NewSession) (*alliance.User, *alliance.Session, error) {
	email, err := alliance.CleanEmail(in.Email, "email")
	if err != nil {
		return nil, nil, err
	}
	var u *alliance.User
	var s *alliance.Session
	err = db.write(ctx, func(t *tx) error {
		var row userRow
		err := t.forUpdate().Where("email_key = ?", alliance.EmailKey(email)).Take(&row).Error
		switch {
		case errors.Is(err, gorm.ErrRecordNotFound):
			if in.Role == "" {
				return errSSONoAccount(email)
			}
			t.actor = alliance.ActorOf(in.Name, email)
			if err := (&alliance.UserInput{Email: email, Name: in.Name, Role: in.Role, ClientID: in.ClientID}).Validate(); err != nil {
				return err
			}
			if in.ClientID != nil {
				if err := first(t.g, &clientRow{}, *in.ClientID, "client", "clientId"); err != nil {
					return alliance.Errorf(alliance.EFORBIDDEN, "the sign-in provider limits %s to client %d, which Alliance does not have: ask an admin", email, *in.ClientID)
				}
			}
			row = userRow{Email: email, EmailKey: alliance.EmailKey(email), Name: in.Name, Role: string(in.Role), ClientID: in.ClientID,
				State: string(alliance.UserActive), CreatedAt: t.now, UpdatedAt: t.now}
			if err := t.g.Create(&row).Error; err != nil {
				return err
			}
			after := userView(&row)
			after["madeBy"] = "single sign-on"
			if err := t.audit(alliance.ActionCreate, "User", row.ID, 0, nil, after); err != nil {
				return err
			}
		case err != nil:
			return err
		default:
			t.actor = alliance.ActorOf(row.Name, row.Email)
			switch alliance.UserState(row.State) {
			case alliance.UserDisabled:
				return alliance.Errorf(alliance.EFORBIDDEN, "the Alliance account of %s is disabled: ask an admin", row.Email)
			case alliance.UserInvited:
				before := userView(&row)
				row.State, row.UpdatedAt = string(alliance.UserActive), t.now
				if err := t.g.Model(&userRow{ID: row.ID}).Select("state", "updated_at").Updates(&row).Error; err != nil {
					return err
				}
				if err := t.g.Where("user_id = ? AND used_at IS NULL", row.ID).Delete(&userLinkRow{}).Error; err != nil {
					return err
				}
				after := userView(&row)
				after["invitationAccepted"] = "single sign-on"
				if err := t.audit(alliance.ActionUpdate, "User", row.ID, 0, before, after); err != nil {
					return err
				}
			}
		}
		s, err = t.startSession(&row, ns)
		u = row.domain()
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	return u, s, nil
}
