package alliance

import (
	"strings"
	"time"
)

// Session is a signed-in browser: what its cookie stands for. The cookie
// carries a random secret; the session's id is that secret's SHA-256, so
// that what is stored (and listed) cannot sign anybody in.
type Session struct {
	ID     string
	UserID int64
	// CSRFSecret is what the browser must send as X-CSRF-Token with every
	// request that may change something.
	CSRFSecret   string
	KeepSignedIn bool
	CreatedAt    time.Time
	LastSeenAt   time.Time
	// IdleExpiresAt is when the session ends unless it is used before;
	// ExpiresAt when it ends whatever happens.
	IdleExpiresAt time.Time
	ExpiresAt     time.Time
	UserAgent     *string
	RemoteAddr    *string
}

// Live reports whether the session still signs its user in at now.
func (s *Session) Live(now time.Time) bool {
	return now.Before(s.ExpiresAt) && now.Before(s.IdleExpiresAt)
}

// SessionTimes are how long sessions last: the idle timeout and the absolute
// lifetime of a session, and the lifetime of one made with "keep me signed
// in", which has no idle timeout of its own.
type SessionTimes struct {
	Idle     time.Duration
	Lifetime time.Duration
	Keep     time.Duration
}

// Expiry returns when a session made or last used at now ends if unused
// (idle) and at the latest (absolute), created being when it was made.
func (st SessionTimes) Expiry(keep bool, created, now time.Time) (idle, absolute time.Time) {
	if keep {
		absolute = created.Add(st.Keep)
		return absolute, absolute
	}
	absolute = created.Add(st.Lifetime)
	idle = now.Add(st.Idle)
	if idle.After(absolute) {
		idle = absolute
	}
	return idle, absolute
}

// NewSession is a session about to be made at sign-in.
type NewSession struct {
	// ID is the SHA-256 of the cookie's secret; CSRFSecret its anti-CSRF
	// token.
	ID           string
	CSRFSecret   string
	KeepSignedIn bool
	UserAgent    string
	RemoteAddr   string
	Times        SessionTimes
}

// Browser describes a user agent in a few words for a list of sessions:
// "Firefox on Linux", "Chrome on Android", "curl". An agent it does not know
// is described by its first word.
func Browser(userAgent string) string {
	ua := strings.TrimSpace(userAgent)
	if ua == "" {
		return "unknown browser"
	}
	has := func(s string) bool { return strings.Contains(ua, s) }
	name := ""
	switch {
	case has("Edg/"):
		name = "Edge"
	case has("OPR/"):
		name = "Opera"
	case has("Firefox/"):
		name = "Firefox"
	case has("Chromium/"):
		name = "Chromium"
	case has("Chrome/") || has("CriOS/"):
		name = "Chrome"
	case has("Safari/"):
		name = "Safari"
	}
	system := ""
	switch {
	case has("Android"):
		system = "Android"
	case has("iPhone") || has("iPad"):
		system = "iOS"
	case has("Windows"):
		system = "Windows"
	case has("Mac OS X") || has("Macintosh"):
		system = "macOS"
	case has("CrOS"):
		system = "ChromeOS"
	case has("Linux"):
		system = "Linux"
	}
	switch {
	case name != "" && system != "":
		return name + " on " + system
	case name != "":
		return name
	}
	first, _, _ := strings.Cut(ua, " ")
	first, _, _ = strings.Cut(first, "/")
	if r := []rune(first); len(r) > 40 {
		first = string(r[:40])
	}
	return first
}
