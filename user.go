package alliance

import (
	"context"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"
)

// UserState is where a user's account stands.
type UserState string

// User states.
const (
	// UserInvited: an admin invited the person, who has not set a password
	// yet and cannot sign in.
	UserInvited UserState = "INVITED"
	// UserActive: the person signs in with a password.
	UserActive UserState = "ACTIVE"
	// UserDisabled: the person cannot sign in, their sessions have ended and
	// their tokens no longer work.
	UserDisabled UserState = "DISABLED"
)

// MaxEmailLength is the longest email address accepted (RFC 5321's limit on a
// path).
const MaxEmailLength = 254

// User is a person who signs in: by email and password now, by single sign-on
// later. A user limited to a client (a client-portal user) acts exactly as a
// token limited to that client does.
type User struct {
	ID           int64      `json:"id"`
	Email        string     `json:"email"`
	Name         string     `json:"name"`
	Role         Role       `json:"role"`
	ClientID     *int64     `json:"clientId"`
	State        UserState  `json:"state"`
	CreatedAt    time.Time  `json:"createdAt"`
	UpdatedAt    time.Time  `json:"updatedAt"`
	LastSignInAt *time.Time `json:"lastSignInAt"`
}

// Actor is how the user's changes are recorded in the audit log: their name
// and email, "Ada Lovelace <ada@example.com>".
func (u *User) Actor() string { return ActorOf(u.Name, u.Email) }

// ActorOf is the actor of a user with this name and email.
func ActorOf(name, email string) string { return name + " <" + email + ">" }

// CleanName trims a name and checks it is present, at most MaxNameLength
// characters and on one line, naming field when not.
func CleanName(s, field string) (string, error) { return cleanName(s, field) }

// Principal is the user as the maker of a request through a session.
func (u *User) Principal(sessionID string) *Principal {
	return &Principal{UserID: u.ID, SessionID: sessionID, Name: u.Name, Email: u.Email, Role: u.Role, ClientID: u.ClientID}
}

// EmailKey is the form of an email address that finds a user: addresses that
// differ only in letter case are the same address.
func EmailKey(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// CleanEmail trims an email address and checks it is one plain address
// ("ada@example.com", not "Ada <ada@example.com>"), naming field when not.
func CleanEmail(s, field string) (string, error) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return "", Invalidf(field, "%s must not be empty", field)
	case len(s) > MaxEmailLength:
		return "", Invalidf(field, "%s must be at most %d characters", field, MaxEmailLength)
	case !utf8.ValidString(s) || hasControl(s, false):
		return "", Invalidf(field, "%s must not contain control characters", field)
	}
	a, err := mail.ParseAddress(s)
	local, domain, _ := strings.Cut(s, "@")
	if err != nil || a.Name != "" || a.Address != s || local == "" || domain == "" || strings.ContainsAny(s, " <>,;") {
		return "", Invalidf(field, "%q is not an email address such as ada@example.com", s)
	}
	return s, nil
}

// UserInput invites a person: their email, display name, role and, for a
// client-portal user, the client.
type UserInput struct {
	Email    string
	Name     string
	Role     Role
	ClientID *int64
}

// Validate checks the input and cleans its texts.
func (in *UserInput) Validate() error {
	var err error
	if in.Email, err = CleanEmail(in.Email, "email"); err != nil {
		return err
	}
	if in.Name, err = cleanName(in.Name, "name"); err != nil {
		return err
	}
	return checkUserRole(in.Role, in.ClientID)
}

func checkUserRole(role Role, client *int64) error {
	if role == Ingest {
		return Invalidf("role", "INGEST is a role for tokens (a monitoring job's), not for people: use VIEWER, EDITOR or ADMIN")
	}
	if !role.Valid() {
		return Invalidf("role", "unknown role %q: use VIEWER, EDITOR or ADMIN", role)
	}
	if role == Admin && client != nil {
		return Invalidf("clientId", "an admin cannot be limited to a client (they could make users and tokens that are not)")
	}
	return nil
}

// UserPatch changes a user: their display name, role or client (null: every
// client).
type UserPatch struct {
	Name     Optional[string]
	Role     Optional[Role]
	ClientID Optional[int64]
}

// Apply validates the patch and applies it to u.
func (p UserPatch) Apply(u *User) error {
	if v, ok, err := required(p.Name, "name"); err != nil {
		return err
	} else if ok {
		if u.Name, err = cleanName(v, "name"); err != nil {
			return err
		}
	}
	if v, ok, err := required(p.Role, "role"); err != nil {
		return err
	} else if ok {
		u.Role = v
	}
	if p.ClientID.Set {
		u.ClientID = p.ClientID.Value
	}
	return checkUserRole(u.Role, u.ClientID)
}

// LinkPurpose is what a one-time link lets its holder do.
type LinkPurpose string

// Link purposes.
const (
	// Invitation: an invited person sets their password (and may correct
	// their name), which makes their account active.
	Invitation LinkPurpose = "INVITATION"
	// PasswordReset: an active user sets a new password; every session of
	// theirs ends.
	PasswordReset LinkPurpose = "RESET"
)

// How long one-time links are valid.
const (
	InvitationValidFor = 7 * 24 * time.Hour
	ResetValidFor      = 24 * time.Hour
)

// UserLink is a one-time link made for a user: an invitation or a password
// reset. Its secret is shown once, when it is made, and kept only as a hash;
// it works once, until it expires, and a newer link for the same user
// replaces it.
type UserLink struct {
	User      *User
	Purpose   LinkPurpose
	Secret    string
	ExpiresAt time.Time
	// Mail is what became of mailing the link, nil when none was mailed.
	Mail *LinkMail
}

// UserService manages users and their sessions. Admins manage users; every
// user manages their own sessions.
type UserService interface {
	// Users lists every user by name.
	Users(ctx context.Context) ([]*User, error)
	// User returns one user, or a NOT_FOUND error.
	User(ctx context.Context, id int64) (*User, error)
	// InviteUser makes an invited user and their invitation link.
	InviteUser(ctx context.Context, in UserInput) (*UserLink, error)
	UpdateUser(ctx context.Context, id int64, p UserPatch) (*User, error)
	// DisableUser disables a user: their sessions end at once, their
	// tokens and unused links stop working.
	DisableUser(ctx context.Context, id int64) (*User, error)
	// EnableUser undoes DisableUser: the user is active again (invited, if
	// they never set a password) but has to sign in anew.
	EnableUser(ctx context.Context, id int64) (*User, error)
	// ResetPassword makes a password reset link for an active user, or a
	// new invitation link for a user who is still invited.
	ResetPassword(ctx context.Context, id int64) (*UserLink, error)
	// MySessions lists the live sessions of the signed-in user, the most
	// recently used first.
	MySessions(ctx context.Context) ([]*Session, error)
	// EndSession ends one session of the signed-in user.
	EndSession(ctx context.Context, id string) error
	// ChangePassword changes the signed-in user's password, checking the
	// current one, and ends their other sessions.
	ChangePassword(ctx context.Context, current, pw string) (*User, error)
	// UsersByIDs returns the users with these ids, in their order (nil for
	// an id that names nobody the caller may see).
	UsersByIDs(ctx context.Context, ids []int64) ([]*User, error)
}

// LinkMail is what became of mailing a one-time link to its user (with
// --smtp-url): the link works whether or not the mail went.
type LinkMail struct {
	To   string
	Sent bool
	// Error says why it was not sent.
	Error *string
}

// ParseUserRole reads the role of a person, in any case: viewer, editor or
// admin (INGEST is for tokens only).
func ParseUserRole(s string) (Role, error) {
	r, err := ParseRole(s)
	if err != nil || r == Ingest {
		return "", Invalidf("role", "unknown role %q for a person: use viewer, editor or admin", s)
	}
	return r, nil
}
