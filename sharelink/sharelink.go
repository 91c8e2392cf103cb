package sharelink

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Errors of Parse and Verify.
var (
	// ErrMalformed is a secret that is not of the form id.expiry.signature.
	ErrMalformed = errors.New("sharelink: the secret is not a share link's")
	// ErrForged is a well-formed secret that does not sign the link: another
	// link's, another key's, or one changed by hand.
	ErrForged = errors.New("sharelink: the secret does not sign this link")
	// ErrExpired is the secret of a link whose expiry has passed.
	ErrExpired = errors.New("sharelink: the link has expired")
)

// KeySize is the size in bytes of the keys NewKey makes.
const KeySize = 32

// NewKey returns a new random signing key.
func NewKey() []byte {
	b := make([]byte, KeySize)
	_, _ = rand.Read(b) // crypto/rand never fails on the platforms Go supports
	return b
}

// Link is what a secret signs.
type Link struct {
	ID       int64
	ReportID int64
	// ClientID is the one client the link shows; nil for every client.
	ClientID *int64
	// Expires is when the link stops working; only whole seconds are signed.
	Expires time.Time
}

// Sign returns the secret of l under key.
func Sign(key []byte, l Link) string {
	return fmt.Sprintf("%d.%d.%s", l.ID, l.Expires.Unix(), base64.RawURLEncoding.EncodeToString(mac(key, l)))
}

// Claim is what a secret says of itself before it is verified: which link
// it is for and until when. Package db reads the link by its ID, then
// verifies the claim against it (Claim.Verify), without parsing the secret
// again.
type Claim struct {
	ID      int64
	Expires time.Time
	mac     []byte
}

// Parse reads the claim of a secret without checking its signature. It
// fails with ErrMalformed.
func Parse(secret string) (Claim, error) {
	parts := strings.Split(secret, ".")
	if len(parts) != 3 {
		return Claim{}, ErrMalformed
	}
	id, err1 := strconv.ParseInt(parts[0], 10, 64)
	exp, err2 := strconv.ParseInt(parts[1], 10, 64)
	sig, err3 := base64.RawURLEncoding.DecodeString(parts[2])
	if err1 != nil || err2 != nil || err3 != nil || len(sig) != sha256.Size {
		return Claim{}, ErrMalformed
	}
	return Claim{ID: id, Expires: time.Unix(exp, 0).UTC(), mac: sig}, nil
}

// Expired reports whether the claimed expiry has passed at now: a link
// works until the second before it.
func (c Claim) Expired(now time.Time) bool { return now.Unix() >= c.Expires.Unix() }

// Verify checks that secret is l's under key and that l works at now. It
// fails with ErrMalformed, ErrForged or ErrExpired, in that order: only a
// genuine secret is told that it expired.
func Verify(key []byte, secret string, l Link, now time.Time) error {
	c, err := Parse(secret)
	if err != nil {
		return err
	}
	return c.Verify(key, l, now)
}

// Verify checks that the secret c was parsed from is l's under key and that
// l works at now: Verify for a secret already parsed, such as one whose link
// was looked up by its claim. It fails with ErrForged or ErrExpired, in that
// order.
func (c Claim) Verify(key []byte, l Link, now time.Time) error {
	if c.ID != l.ID || c.Expires.Unix() != l.Expires.Unix() || !hmac.Equal(c.mac, mac(key, l)) {
		return ErrForged
	}
	if c.Expired(now) {
		return ErrExpired
	}
	return nil
}

// mac signs a link. The message is the one links have always been signed
// with, so that the links already given out keep working.
func mac(key []byte, l Link) []byte {
	scope := int64(0)
	if l.ClientID != nil {
		scope = *l.ClientID
	}
	m := hmac.New(sha256.New, key)
	fmt.Fprintf(m, "alliance share link:%d:%d:%d:%d", l.ID, l.ReportID, scope, l.Expires.Unix())
	return m.Sum(nil)
}
