package alliance

import (
	"context"
	"slices"
	"strings"
	"time"
)

// Role is what a token may do. Each of VIEWER, EDITOR and ADMIN may do what
// the ones before it may. INGEST stands apart: it may record measurements and
// do nothing else (EDITOR and ADMIN may record them too); only tokens have it.
type Role string

// Roles.
const (
	Viewer Role = "VIEWER" // reads
	Editor Role = "EDITOR" // also writes the map
	Admin  Role = "ADMIN"  // also manages tokens and reports
	Ingest Role = "INGEST" // records measurements, nothing else (tokens only)
)

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return r == Viewer || r == Editor || r == Admin || r == Ingest }

func (r Role) rank() int {
	switch r {
	case Viewer:
		return 1
	case Editor:
		return 2
	case Admin:
		return 3
	}
	return 0
}

// Allows reports whether a holder of r may do what needs role need. What
// needs INGEST (recording measurements) an INGEST, EDITOR or ADMIN holder
// may do; an INGEST holder may do nothing else.
func (r Role) Allows(need Role) bool {
	switch {
	case need == Ingest:
		return r == Ingest || r.rank() >= Editor.rank()
	case r == Ingest:
		return false
	}
	return r.rank() > 0 && r.rank() >= need.rank()
}

// ParseRole reads a role name in any case ("viewer", "EDITOR", "ingest").
func ParseRole(s string) (Role, error) {
	r := Role(strings.ToUpper(strings.TrimSpace(s)))
	if !r.Valid() {
		return "", Invalidf("role", "unknown role %q: use viewer, editor, admin or ingest", s)
	}
	return r, nil
}

// Principal is who makes a request: a token (its name), or a user signed in
// through a session (their name and email), with a role and the client it is
// limited to, if any.
type Principal struct {
	TokenID int64
	// UserID and SessionID are set for a user signed in through a session.
	UserID    int64
	SessionID string
	Name      string
	// Email is a user's; empty for a token.
	Email    string
	Role     Role
	ClientID *int64
	// Share is set when the request comes through a share link: it may run
	// that one report and nothing else.
	Share *ShareLink
	// ServicesLimited is set for an INGEST token limited to the services
	// ServiceIDs: it may record measurements of those alone.
	ServicesLimited bool
	ServiceIDs      []int64
}

// MayRecord reports whether p may record measurements of service id as far
// as its list of services goes (a nil p, the server itself, may).
func (p *Principal) MayRecord(service int64) bool {
	return p == nil || !p.ServicesLimited || slices.Contains(p.ServiceIDs, service)
}

// Scoped reports whether p sees one client only.
func (p *Principal) Scoped() bool { return p != nil && p.ClientID != nil }

// Actor is how p's changes are recorded in the audit log: a token's name, or
// a user's name and email ("Ada Lovelace <ada@example.com>").
func (p *Principal) Actor() string {
	if p.Email != "" {
		return ActorOf(p.Name, p.Email)
	}
	return p.Name
}

// Kind names what p is, for messages: "user" or "token".
func (p *Principal) Kind() string {
	if p.UserID != 0 {
		return "user"
	}
	return "token"
}

type principalKey struct{}

// WithPrincipal returns a context acting for p; changes are recorded with
// p's actor (see Principal.Actor).
func WithPrincipal(ctx context.Context, p *Principal) context.Context {
	return WithActor(context.WithValue(ctx, principalKey{}, p), p.Actor())
}

// PrincipalFrom returns the principal of ctx, or nil.
func PrincipalFrom(ctx context.Context) *Principal {
	p, _ := ctx.Value(principalKey{}).(*Principal)
	return p
}

// Token is an API token. Its secret is shown once, at creation, and kept
// only as a hash.
type Token struct {
	ID       int64
	Name     string
	Role     Role
	ClientID *int64
	// UserID is the user who made the token, if a user did; the token
	// stops working while that user is disabled.
	UserID    *int64
	CreatedAt time.Time
	ExpiresAt *time.Time
	RevokedAt *time.Time
	// ServicesLimited is set for an INGEST token limited to the services
	// ServiceIDs (which may be empty when they were all deleted: it then
	// records none).
	ServicesLimited bool
	ServiceIDs      []int64
}

// Active reports whether the token is usable at now.
func (t *Token) Active(now time.Time) bool {
	return t.RevokedAt == nil && (t.ExpiresAt == nil || now.Before(*t.ExpiresAt))
}

// TokenInput asks for a new token. ExpiresIn is a Go duration ("720h"); nil
// means the token does not expire.
type TokenInput struct {
	Name      string
	Role      Role
	ClientID  *int64
	ExpiresIn *string
	// ServiceIDs limits an INGEST token to these services; nil: every one.
	ServiceIDs []int64
}

// Validate checks the input and returns when the token expires (nil: never).
func (in *TokenInput) Validate(now time.Time) (*time.Time, error) {
	var err error
	if in.Name, err = cleanName(in.Name, "name"); err != nil {
		return nil, err
	}
	if !in.Role.Valid() {
		return nil, Invalidf("role", "unknown role %q", in.Role)
	}
	if in.Role == Admin && in.ClientID != nil {
		return nil, Invalidf("clientId", "an admin token cannot be limited to a client (it could make tokens that are not)")
	}
	if in.Role == Ingest && in.ClientID != nil {
		return nil, Invalidf("clientId", "an INGEST token is limited to services (serviceIds), not to a client")
	}
	if in.ServiceIDs != nil {
		switch {
		case in.Role != Ingest:
			return nil, Invalidf("serviceIds", "only an INGEST token can be limited to services (this one is %s)", in.Role)
		case len(in.ServiceIDs) == 0:
			return nil, Invalidf("serviceIds", "give at least one service, or leave serviceIds out for every service")
		}
		seen := map[int64]bool{}
		ids := in.ServiceIDs[:0:0]
		for _, id := range in.ServiceIDs {
			if !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
		slices.Sort(ids)
		in.ServiceIDs = ids
	}
	return expiry(in.ExpiresIn, "expiresIn", now)
}

// expiry turns an optional Go duration into a moment after now.
func expiry(d *string, field string, now time.Time) (*time.Time, error) {
	if d == nil || strings.TrimSpace(*d) == "" {
		return nil, nil
	}
	dur, err := time.ParseDuration(strings.TrimSpace(*d))
	if err != nil || dur <= 0 {
		return nil, Invalidf(field, "%s must be a positive Go duration such as \"24h\" or \"90m\" (got %q)", field, *d)
	}
	if dur > 100*365*24*time.Hour {
		return nil, Invalidf(field, "%s must be under 100 years", field)
	}
	at := Timestamp(now.Add(dur))
	return &at, nil
}

// TokenService manages API tokens.
type TokenService interface {
	// CreateToken makes a token and returns it with its secret, which is
	// not kept.
	CreateToken(ctx context.Context, in TokenInput) (*Token, string, error)
	RevokeToken(ctx context.Context, id int64) (*Token, error)
	Tokens(ctx context.Context) ([]*Token, error)
	// MyTokens lists the signed-in user's own tokens.
	MyTokens(ctx context.Context) ([]*Token, error)
	// CreateMyToken makes a personal token of the signed-in user, up to
	// their own role and client.
	CreateMyToken(ctx context.Context, in TokenInput) (*Token, string, error)
	// RevokeMyToken revokes one of the signed-in user's tokens.
	RevokeMyToken(ctx context.Context, id int64) (*Token, error)
	// Authenticate returns the principal of a secret, or an UNAUTHENTICATED
	// error for a secret that names no usable token.
	Authenticate(ctx context.Context, secret string) (*Principal, error)
}
