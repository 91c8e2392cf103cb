package db

import (
	"context"
	"crypto/sha256"
	"encoding/hex"

	"alliance"
)

// BootstrapTokenName is the name of the admin token whose secret the operator
// sets with ALLIANCE_BOOTSTRAP_TOKEN.
const BootstrapTokenName = "bootstrap"

// HashSecret returns how a token secret is stored: its SHA-256, in hex.
// Secrets are long random strings, so a fast hash is enough.
func HashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// EnsureBootstrapToken makes sure an admin token named "bootstrap" exists
// with exactly this secret (and is not revoked or expired).
func (db *DB) EnsureBootstrapToken(ctx context.Context, secret string) error {
	if len(secret) < 16 {
		return alliance.Errorf(alliance.EINVALID, "the bootstrap token must be at least 16 characters long")
	}
	hash := HashSecret(secret)
	return db.write(ctx, func(t *tx) error {
		var n int64
		if err := t.g.Table("tokens").Where("name = ? AND secret_hash = ? AND role = 'ADMIN' AND revoked_at IS NULL AND expires_at IS NULL",
			BootstrapTokenName, hash).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return nil
		}
		if err := t.g.Exec("DELETE FROM tokens WHERE name = ?", BootstrapTokenName).Error; err != nil {
			return err
		}
		if err := t.g.Exec("INSERT INTO tokens (name, role, secret_hash, created_at) VALUES (?, 'ADMIN', ?, ?)",
			BootstrapTokenName, hash, t.now).Error; err != nil {
			return err
		}
		return t.audit(alliance.ActionCreate, "Token", BootstrapTokenName, nil, map[string]any{"name": BootstrapTokenName, "role": "ADMIN"})
	})
}
