package db

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"gorm.io/gorm"

	"alliance"
)

// BootstrapTokenName is the name of the admin token whose secret the operator
// sets with ALLIANCE_BOOTSTRAP_TOKEN.
const BootstrapTokenName = "bootstrap"

// FirstAdminName is the name of the admin token made on the first start of a
// server over a database without tokens.
const FirstAdminName = "first-admin"

// secretPrefix starts every secret Alliance makes, so that secret scanners
// and people can tell what a leaked string is.
const secretPrefix = "alz_"

// TokenCacheTTL is how long a process trusts what it read of a token: a
// revoked token stops working within this time on every server (at once on
// the server that revoked it).
const TokenCacheTTL = 5 * time.Second

// HashSecret returns how a token secret is stored: its SHA-256, in hex.
// Secrets are long random strings, so a fast hash is enough.
func HashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

func newSecret() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return secretPrefix + base64.RawURLEncoding.EncodeToString(b)
}

type tokenRow struct {
	ID         int64 `gorm:"primaryKey"`
	Name       string
	Role       string
	ClientID   *int64
	SecretHash string
	CreatedAt  time.Time
	ExpiresAt  *time.Time
	RevokedAt  *time.Time
	UserID     *int64
	// ServicesLimited: an INGEST token limited to the services of
	// token_services, read into ServiceIDs by withServices.
	ServicesLimited bool
	ServiceIDs      []int64 `gorm:"-"`
}

func (tokenRow) TableName() string { return "tokens" }

type tokenServiceRow struct {
	TokenID   int64 `gorm:"primaryKey"`
	ServiceID int64 `gorm:"primaryKey"`
}

func (tokenServiceRow) TableName() string { return "token_services" }

// withServices reads the services of the rows limited to some (one
// statement for all of them).
func withServices(g *gorm.DB, rows ...*tokenRow) error {
	var ids []int64
	for _, r := range rows {
		if r.ServicesLimited {
			ids = append(ids, r.ID)
			r.ServiceIDs = []int64{}
		}
	}
	if len(ids) == 0 {
		return nil
	}
	var links []*tokenServiceRow
	if err := g.Where("token_id IN ?", ids).Order("token_id, service_id").Find(&links).Error; err != nil {
		return err
	}
	by := keyed(rows, func(r *tokenRow) int64 { return r.ID })
	for _, l := range links {
		by[l.TokenID].ServiceIDs = append(by[l.TokenID].ServiceIDs, l.ServiceID)
	}
	return nil
}

func (r *tokenRow) domain() *alliance.Token {
	t := &alliance.Token{ID: r.ID, Name: r.Name, Role: alliance.Role(r.Role), ClientID: r.ClientID, UserID: r.UserID, CreatedAt: r.CreatedAt.UTC(),
		ServicesLimited: r.ServicesLimited, ServiceIDs: r.ServiceIDs}
	if r.ExpiresAt != nil {
		e := r.ExpiresAt.UTC()
		t.ExpiresAt = &e
	}
	if r.RevokedAt != nil {
		e := r.RevokedAt.UTC()
		t.RevokedAt = &e
	}
	return t
}

// tokenView is what the audit log keeps of a token: never its secret.
func tokenView(t *alliance.Token) map[string]any {
	v := map[string]any{"id": t.ID, "name": t.Name, "role": t.Role, "clientId": t.ClientID, "userId": t.UserID, "expiresAt": t.ExpiresAt, "revokedAt": t.RevokedAt}
	if t.ServicesLimited {
		v["serviceIds"] = t.ServiceIDs
	}
	return v
}

// CreateToken makes a token and returns its secret, which is not kept.
func (db *DB) CreateToken(ctx context.Context, in alliance.TokenInput) (*alliance.Token, string, error) {
	if err := scopeOf(ctx).forbid("manage tokens"); err != nil {
		return nil, "", err
	}
	return db.createToken(ctx, in)
}

// createToken makes a token; a token made by a signed-in user is theirs.
func (db *DB) createToken(ctx context.Context, in alliance.TokenInput) (*alliance.Token, string, error) {
	expires, err := in.Validate(time.Now())
	if err != nil {
		return nil, "", err
	}
	secret := newSecret()
	var tok *alliance.Token
	err = db.write(ctx, func(t *tx) error {
		var n int64
		if err := t.g.Model(&tokenRow{}).Where("name = ?", in.Name).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return alliance.FieldErrorf(alliance.ECONFLICT, "name", "a token named %q already exists", in.Name)
		}
		if in.ClientID != nil {
			if err := first(t.g, &clientRow{}, *in.ClientID, "client", "clientId"); err != nil {
				return err
			}
		}
		if err := t.checkServices(in.ServiceIDs, "serviceIds"); err != nil {
			return err
		}
		row := &tokenRow{Name: in.Name, Role: string(in.Role), ClientID: in.ClientID, SecretHash: HashSecret(secret), CreatedAt: t.now, ExpiresAt: expires,
			ServicesLimited: in.ServiceIDs != nil, ServiceIDs: in.ServiceIDs}
		if p := alliance.PrincipalFrom(ctx); p != nil && p.UserID != 0 {
			row.UserID = &p.UserID // made by a signed-in user: theirs
		}
		if err := t.g.Create(row).Error; err != nil {
			return err
		}
		links := mapSlice(in.ServiceIDs, func(s int64) *tokenServiceRow { return &tokenServiceRow{TokenID: row.ID, ServiceID: s} })
		if err := insert(t.g, links); err != nil {
			return err
		}
		tok = row.domain()
		var client int64
		if in.ClientID != nil {
			client = *in.ClientID
		}
		return t.audit(alliance.ActionCreate, "Token", tok.ID, client, nil, tokenView(tok))
	})
	if err != nil {
		return nil, "", err
	}
	return tok, secret, nil
}

// checkServices refuses ids that name no service, naming the element of
// field at fault ("serviceIds.2").
func (t *tx) checkServices(ids []int64, field string) error {
	if len(ids) == 0 {
		return nil
	}
	var known []int64
	if err := t.g.Model(&serviceRow{}).Where("id IN ?", idSet(t.g, ids)).Pluck("id", &known).Error; err != nil {
		return err
	}
	for i, id := range ids {
		if !slices.Contains(known, id) {
			return notFound("service", id, fmt.Sprintf("%s.%d", field, i))
		}
	}
	return nil
}

// RevokeToken revokes a token; revoking it again changes nothing.
func (db *DB) RevokeToken(ctx context.Context, id int64) (*alliance.Token, error) {
	if err := scopeOf(ctx).forbid("manage tokens"); err != nil {
		return nil, err
	}
	return db.revokeToken(ctx, id)
}

func (db *DB) revokeToken(ctx context.Context, id int64) (*alliance.Token, error) {
	var tok *alliance.Token
	err := db.write(ctx, func(t *tx) error {
		var row tokenRow
		if err := first(t.forUpdate(), &row, id, "token", "id"); err != nil {
			return err
		}
		if err := withServices(t.g, &row); err != nil {
			return err
		}
		before := row.domain()
		if row.RevokedAt == nil {
			now := t.now
			row.RevokedAt = &now
			if err := t.g.Model(&tokenRow{ID: id}).Update("revoked_at", now).Error; err != nil {
				return err
			}
		}
		tok = row.domain()
		var client int64
		if row.ClientID != nil {
			client = *row.ClientID
		}
		return t.audit(alliance.ActionUpdate, "Token", id, client, tokenView(before), tokenView(tok))
	})
	if err != nil {
		return nil, err
	}
	db.tokens.forget()
	return tok, nil
}

// Tokens lists the tokens by name.
func (db *DB) Tokens(ctx context.Context) ([]*alliance.Token, error) {
	if err := scopeOf(ctx).forbid("list tokens"); err != nil {
		return nil, err
	}
	var rows []*tokenRow
	if err := db.gorm.WithContext(ctx).Order("name").Find(&rows).Error; err != nil {
		return nil, err
	}
	if err := withServices(db.gorm.WithContext(ctx), rows...); err != nil {
		return nil, err
	}
	return mapSlice(rows, (*tokenRow).domain), nil
}

// TokenByName returns the token with this name, or nil.
func (db *DB) TokenByName(ctx context.Context, name string) (*alliance.Token, error) {
	var row tokenRow
	err := db.gorm.WithContext(ctx).Where("name = ?", name).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if err := withServices(db.gorm.WithContext(ctx), &row); err != nil {
		return nil, err
	}
	return row.domain(), nil
}

// Authenticate returns the principal of a secret.
func (db *DB) Authenticate(ctx context.Context, secret string) (*alliance.Principal, error) {
	denied := alliance.Errorf(alliance.EUNAUTHORIZED, "the token is unknown, revoked or expired")
	secret = strings.TrimSpace(secret)
	if secret == "" || len(secret) > 512 {
		return nil, denied
	}
	hash := HashSecret(secret)
	row, ok := db.tokens.get(hash)
	if !ok {
		var r tokenRow
		err := db.gorm.WithContext(ctx).Where("secret_hash = ?", hash).Take(&r).Error
		switch {
		case errors.Is(err, gorm.ErrRecordNotFound):
			row = nil
		case err != nil:
			return nil, err
		default:
			row = &r
			if err := withServices(db.gorm.WithContext(ctx), row); err != nil {
				return nil, err
			}
		}
		if row != nil && row.UserID != nil {
			// A token of a user who is disabled (or gone) does not work:
			// remembered as no token. Nor does it do more than its owner
			// may now: their role and client bound it.
			var owner userRow
			err := db.gorm.WithContext(ctx).Where("id = ?", *row.UserID).Take(&owner).Error
			switch {
			case errors.Is(err, gorm.ErrRecordNotFound):
				row = nil
			case err != nil:
				return nil, err
			case owner.State == string(alliance.UserDisabled):
				row = nil
			default:
				row = boundByOwner(row, &owner)
			}
		}
		db.tokens.put(hash, row)
	}
	if row == nil {
		return nil, denied
	}
	tok := row.domain()
	if !tok.Active(db.now()) {
		return nil, denied
	}
	return &alliance.Principal{TokenID: tok.ID, Name: tok.Name, Role: tok.Role, ClientID: tok.ClientID,
		ServicesLimited: tok.ServicesLimited, ServiceIDs: tok.ServiceIDs}, nil
}

// boundByOwner returns the token as its owner may use it now: at most the
// owner's role, and limited to the owner's client when they are. An INGEST
// token of an owner who may no longer record measurements does nothing (nil):
// it does not become a reader.
func boundByOwner(row *tokenRow, owner *userRow) *tokenRow {
	r := *row
	if !alliance.Role(owner.Role).Allows(alliance.Role(r.Role)) {
		if r.Role == string(alliance.Ingest) {
			return nil
		}
		r.Role = owner.Role
	}
	if owner.ClientID != nil && (r.ClientID == nil || *r.ClientID != *owner.ClientID) {
		r.ClientID = owner.ClientID
	}
	return &r
}

// EnsureBootstrapToken makes sure an admin token named "bootstrap" exists
// with exactly this secret (and is not revoked or expired).
func (db *DB) EnsureBootstrapToken(ctx context.Context, secret string) error {
	if len(secret) < 16 {
		return alliance.Errorf(alliance.EINVALID, "the bootstrap token must be at least 16 characters long")
	}
	hash := HashSecret(secret)
	err := db.write(ctx, func(t *tx) error {
		var n int64
		if err := t.g.Model(&tokenRow{}).Where("name = ? AND secret_hash = ? AND role = 'ADMIN' AND revoked_at IS NULL AND expires_at IS NULL",
			BootstrapTokenName, hash).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return nil
		}
		if err := t.g.Where("name = ?", BootstrapTokenName).Delete(&tokenRow{}).Error; err != nil {
			return err
		}
		row := &tokenRow{Name: BootstrapTokenName, Role: string(alliance.Admin), SecretHash: hash, CreatedAt: t.now}
		if err := t.g.Create(row).Error; err != nil {
			return err
		}
		return t.audit(alliance.ActionCreate, "Token", row.ID, 0, nil, tokenView(row.domain()))
	})
	db.tokens.forget()
	return err
}

// EnsureFirstAdmin makes an admin token when the database has no token at
// all, and returns its secret ("" when tokens exist already).
func (db *DB) EnsureFirstAdmin(ctx context.Context) (string, error) {
	secret := ""
	err := db.write(ctx, func(t *tx) error {
		var n int64
		if err := t.forUpdate().Model(&tokenRow{}).Count(&n).Error; err != nil || n > 0 {
			return err
		}
		secret = newSecret()
		row := &tokenRow{Name: FirstAdminName, Role: string(alliance.Admin), SecretHash: HashSecret(secret), CreatedAt: t.now}
		if err := t.g.Create(row).Error; err != nil {
			return err
		}
		return t.audit(alliance.ActionCreate, "Token", row.ID, 0, nil, tokenView(row.domain()))
	})
	if err != nil {
		return "", err
	}
	return secret, nil
}

// tokenCache remembers, for TokenCacheTTL, the token row of each secret
// hash seen (or that there is none).
type tokenCache struct {
	mu      sync.Mutex
	entries map[string]tokenEntry
}

type tokenEntry struct {
	row *tokenRow
	at  time.Time
}

func (c *tokenCache) get(hash string) (*tokenRow, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[hash]
	if !ok || time.Since(e.at) > TokenCacheTTL {
		return nil, false
	}
	return e.row, true
}

func (c *tokenCache) put(hash string, row *tokenRow) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil || len(c.entries) > 10000 {
		c.entries = map[string]tokenEntry{}
	}
	c.entries[hash] = tokenEntry{row, time.Now()}
}

// forget drops everything, after a change to the tokens made here.
func (c *tokenCache) forget() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries = nil
}
