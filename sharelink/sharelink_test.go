package sharelink_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"alliance/sharelink"
)

var (
	key     = []byte("0123456789abcdef0123456789abcdef")
	expires = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	before  = expires.Add(-time.Hour)
)

func client(id int64) *int64 { return &id }

func TestSignAndVerify(t *testing.T) {
	for _, l := range []sharelink.Link{
		{ID: 17, ReportID: 3, Expires: expires},
		{ID: 18, ReportID: 3, ClientID: client(2), Expires: expires},
	} {
		secret := sharelink.Sign(key, l)
		if err := sharelink.Verify(key, secret, l, before); err != nil {
			t.Fatalf("%+v: its own secret %q: %v", l, secret, err)
		}
		c, err := sharelink.Parse(secret)
		if err != nil || c.ID != l.ID || !c.Expires.Equal(l.Expires) || c.Expired(before) {
			t.Fatalf("Parse(%q) = %+v, %v", secret, c, err)
		}
	}
}

// The secrets links have always had: a link given out before this package
// existed still verifies.
func TestSecretFormatIsStable(t *testing.T) {
	l := sharelink.Link{ID: 17, ReportID: 3, ClientID: client(2), Expires: expires}
	m := hmac.New(sha256.New, key)
	fmt.Fprintf(m, "alliance share link:17:3:2:%d", expires.Unix())
	want := fmt.Sprintf("17.%d.%s", expires.Unix(), base64.RawURLEncoding.EncodeToString(m.Sum(nil)))
	if got := sharelink.Sign(key, l); got != want {
		t.Fatalf("Sign = %q, want %q", got, want)
	}
}

func TestOnlyWholeSecondsAreSigned(t *testing.T) {
	l := sharelink.Link{ID: 1, ReportID: 1, Expires: expires}
	later := l
	later.Expires = expires.Add(999 * time.Millisecond)
	if sharelink.Sign(key, l) != sharelink.Sign(key, later) {
		t.Fatal("a fraction of a second changed the secret")
	}
}

func TestExpiry(t *testing.T) {
	l := sharelink.Link{ID: 5, ReportID: 9, Expires: expires}
	secret := sharelink.Sign(key, l)
	for _, tc := range []struct {
		name string
		now  time.Time
		want error
	}{
		{"an hour before", before, nil},
		{"the last moment", expires.Add(-time.Second), nil},
		{"at the expiry", expires, sharelink.ErrExpired},
		{"after it", expires.Add(time.Hour), sharelink.ErrExpired},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := sharelink.Verify(key, secret, l, tc.now); !errors.Is(err, tc.want) {
				t.Fatalf("Verify at %s: %v, want %v", tc.now, err, tc.want)
			}
			c, _ := sharelink.Parse(secret)
			if c.Expired(tc.now) != (tc.want != nil) {
				t.Fatalf("Expired at %s: %t", tc.now, c.Expired(tc.now))
			}
		})
	}
}

func TestTamperingIsRefused(t *testing.T) {
	l := sharelink.Link{ID: 17, ReportID: 3, ClientID: client(2), Expires: expires}
	secret := sharelink.Sign(key, l)
	parts := strings.Split(secret, ".")
	flip := func(s string, i int) string {
		c := byte('A')
		if s[i] == 'A' {
			c = 'B'
		}
		return s[:i] + string(c) + s[i+1:]
	}
	otherReport, allClients, otherClient, longer, otherID := l, l, l, l, l
	otherReport.ReportID = 4
	allClients.ClientID = nil
	otherClient.ClientID = client(3)
	longer.Expires = expires.Add(time.Hour)
	otherID.ID = 18
	for _, tc := range []struct {
		name   string
		secret string
		link   sharelink.Link
	}{
		{"on another report", secret, otherReport},
		{"widened to every client", secret, allClients},
		{"moved to another client", secret, otherClient},
		{"on another link", secret, otherID},
		{"with the stored expiry moved", secret, longer},
		{"with a later expiry written in", fmt.Sprintf("%s.%d.%s", parts[0], expires.Add(time.Hour).Unix(), parts[2]), longer},
		{"with another id written in", "18." + parts[1] + "." + parts[2], otherID},
		{"with the first character of the signature changed", parts[0] + "." + parts[1] + "." + flip(parts[2], 0), l},
		{"with a middle character of the signature changed", parts[0] + "." + parts[1] + "." + flip(parts[2], len(parts[2])/2), l},
		{"signed with another key", sharelink.Sign([]byte("another key, as long as the first"), l), l},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := sharelink.Verify(key, tc.secret, tc.link, before); !errors.Is(err, sharelink.ErrForged) {
				t.Fatalf("Verify(%q, %+v): %v, want ErrForged", tc.secret, tc.link, err)
			}
		})
	}
	// A forged secret is not told that it expired.
	if err := sharelink.Verify(key, "18."+parts[1]+"."+parts[2], otherID, expires.Add(time.Hour)); !errors.Is(err, sharelink.ErrForged) {
		t.Fatalf("a forged, expired secret: %v, want ErrForged", err)
	}
}

func TestWrongKeyIsRefused(t *testing.T) {
	l := sharelink.Link{ID: 1, ReportID: 1, Expires: expires}
	secret := sharelink.Sign(key, l)
	for _, other := range [][]byte{sharelink.NewKey(), nil, key[:31]} {
		if err := sharelink.Verify(other, secret, l, before); !errors.Is(err, sharelink.ErrForged) {
			t.Fatalf("key %x: %v, want ErrForged", other, err)
		}
	}
}

func TestMalformedSecrets(t *testing.T) {
	l := sharelink.Link{ID: 1, ReportID: 1, Expires: expires}
	good := strings.Split(sharelink.Sign(key, l), ".")
	for _, s := range []string{
		"",
		"1",
		good[0] + "." + good[1],
		good[0] + "." + good[1] + "." + good[2] + ".x",
		"one." + good[1] + "." + good[2],
		good[0] + ".soon." + good[2],
		good[0] + "." + good[1] + ".not*base64",
		good[0] + "." + good[1] + "." + good[2][:20],
	} {
		if _, err := sharelink.Parse(s); !errors.Is(err, sharelink.ErrMalformed) {
			t.Errorf("Parse(%q): %v, want ErrMalformed", s, err)
		}
		if err := sharelink.Verify(key, s, l, before); !errors.Is(err, sharelink.ErrMalformed) {
			t.Errorf("Verify(%q): %v, want ErrMalformed", s, err)
		}
	}
}

func TestNewKey(t *testing.T) {
	a, b := sharelink.NewKey(), sharelink.NewKey()
	if len(a) != sharelink.KeySize || string(a) == string(b) {
		t.Fatalf("keys %x and %x", a, b)
	}
}

// A parsed claim verifies as its secret does: the link it was read for, and
// no other, until it expires.
func TestClaimVerify(t *testing.T) {
	l := sharelink.Link{ID: 17, ReportID: 3, ClientID: client(2), Expires: expires}
	c, err := sharelink.Parse(sharelink.Sign(key, l))
	if err != nil {
		t.Fatal(err)
	}
	otherReport := l
	otherReport.ReportID = 4
	for _, tc := range []struct {
		name string
		key  []byte
		link sharelink.Link
		now  time.Time
		want error
	}{
		{"its link", key, l, before, nil},
		{"another report", key, otherReport, before, sharelink.ErrForged},
		{"another key", sharelink.NewKey(), l, before, sharelink.ErrForged},
		{"expired", key, l, expires, sharelink.ErrExpired},
	} {
		if err := c.Verify(tc.key, tc.link, tc.now); !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
	}
}
