package main

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"alliance"
	"alliance/db"
)

// completeSetup answers POST /api/setup ({"code", "email", "name",
// "password", "keepSignedIn"}): the setup link of a fresh database makes
// the first admin, who is signed in as by POST /api/session.
func (s *sessions) completeSetup(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Code         *string `json:"code"`
		Email        *string `json:"email"`
		Name         *string `json:"name"`
		Password     *string `json:"password"`
		KeepSignedIn bool    `json:"keepSignedIn"`
	}
	if err := readJSON(r, &in); err != nil {
		writeError(w, r, s.log, err)
		return
	}
	for _, f := range []struct {
		v    *string
		name string
	}{{in.Code, "code"}, {in.Email, "email"}, {in.Name, "name"}, {in.Password, "password"}} {
		if f.v == nil || *f.v == "" {
			writeError(w, r, s.log, alliance.Invalidf(f.name, "%s is required", f.name))
			return
		}
	}
	addr := s.remoteAddr(r)
	if wait, err := s.attempts.wait(r.Context(), "", addr); err != nil || wait > 0 {
		s.tooManyAttempts(w, r, wait, err)
		return
	}
	secret, ns := s.newSession(r, in.KeepSignedIn)
	u, sess, err := s.d.CompleteSetup(r.Context(), *in.Code, alliance.UserInput{Email: *in.Email, Name: *in.Name}, *in.Password, ns)
	if err != nil {
		var e *alliance.Error
		if errors.As(err, &e) && e.Field == "code" {
			if err := s.attempts.failed(r.Context(), "", addr); err != nil {
				s.log.ErrorContext(r.Context(), "count a failed setup link", "err", err, "request_id", alliance.RequestIDFrom(r.Context()))
			}
		}
		writeError(w, r, s.log, err)
		return
	}
	s.setCookie(w, r, secret, sess)
	writeJSON(w, http.StatusOK, answerOf(u, sess))
}

// printSetupLink makes the setup link of a fresh database and prints it,
// last, as the one link to open.
func printSetupLink(ctx context.Context, d *db.DB, base string, stdout io.Writer) error {
	secret, expires, err := d.MakeSetupLink(ctx)
	if err != nil {
		return fmt.Errorf("setup link: %w", err)
	}
	fmt.Fprintf(stdout, "Make your admin account with this link (it works once, until %s; shown once): %s/setup#code=%s\n",
		expires.Format("2006-01-02 15:04 MST"), base, secret)
	return nil
}

// demoUser is one of the people the demo portfolio comes with.
type demoUser struct {
	email, name string
	role        alliance.Role
	// client, when set, is the name of the client a client-portal user sees.
	client string
}

var demoUsers = []demoUser{
	{"admin@demo.example", "Dana Admin", alliance.Admin, ""},
	{"manager@demo.example", "Milo Account-Manager", alliance.Editor, ""},
	{"viewer@demo.example", "Vera Viewer", alliance.Viewer, ""},
	{"portal@demo.example", "Kai Kestrel", alliance.Viewer, "Kestrel Freight & Logistics"},
}

// addDemoUsers gives the demo portfolio its users, each with a random
// password, and prints them once.
func addDemoUsers(ctx context.Context, d *db.DB, stdout io.Writer) error {
	ctx = alliance.WithActor(ctx, "demo")
	var lines []string
	for _, du := range demoUsers {
		in := alliance.UserInput{Email: du.email, Name: du.name, Role: du.role}
		scope := "every client"
		if du.client != "" {
			search := du.client
			page, err := d.FindClients(ctx, alliance.ClientFilter{Search: &search}, alliance.PageArgs{NoTotal: true})
			if err != nil {
				return err
			}
			if len(page.Items) == 0 {
				continue // a demo without that client
			}
			in.ClientID, scope = &page.Items[0].ID, "only "+page.Items[0].Name
		}
		pw := demoPassword()
		if _, err := d.AddActiveUser(ctx, in, pw); err != nil {
			return fmt.Errorf("demo user %s: %w", du.email, err)
		}
		lines = append(lines, fmt.Sprintf("  %-22s %-24s %-8s %-34s %s", du.email, pw, strings.ToLower(string(du.role)), scope, du.name))
	}
	fmt.Fprintf(stdout, "The demo portfolio's users, to sign in as (passwords shown once):\n%s\n", strings.Join(lines, "\n"))
	return nil
}

// demoPassword is a random password of 4 groups of 4 letters and digits.
func demoPassword() string {
	const alphabet = "abcdefghijkmnpqrstuvwxyz23456789"
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	var sb strings.Builder
	for i, c := range b {
		if i > 0 && i%4 == 0 {
			sb.WriteByte('-')
		}
		sb.WriteByte(alphabet[int(c)%len(alphabet)])
	}
	return sb.String()
}
