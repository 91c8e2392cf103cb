package main

import (
	"context"
	"crypto/x509"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"alliance"
	"alliance/graph"
	"alliance/mail"
)

// newMailer returns the sender of --smtp-url, or nil without one.
func newMailer(c *config) *mail.Sender {
	if c.SMTPURL == "" {
		return nil
	}
	// checkSignInConfig has refused a URL that does not parse.
	mc, err := parseSMTPURL(c.SMTPURL)
	if err != nil {
		return nil
	}
	mc.RootCAs = mailRootCAs
	return mail.New(*mc)
}

// mailRootCAs, when set, are the authorities the mail server's certificate
// must chain to: tests set it for the server they start.
var mailRootCAs *x509.CertPool

// linkMailer is the sender as graph takes it: nil (no interface holding a
// nil pointer) without --smtp-url.
func linkMailer(m *mail.Sender) graph.LinkMailer {
	if m == nil {
		return nil
	}
	return m
}

// resetRequested is the one answer of POST /api/password-reset/request,
// whether or not the email is an active user's.
const resetRequested = "If an active account has this email, a link to reset its password is on its way to it: the link works once, for 24 hours."

// requestReset answers POST /api/password-reset/request {"email"}, "forgot
// password": the active user with this email is mailed a password reset
// link. The answer is the same (202) whatever the email, and comes before
// the mail is sent, so that its time tells nothing either; requests are
// limited per email and per address as sign-ins are.
func (s *sessions) requestReset(m *mail.Sender) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if m == nil {
			writeError(w, r, s.log, alliance.Errorf(alliance.ENOTFOUND, "this server mails no links (no --smtp-url): ask an admin for a password reset link"))
			return
		}
		var in struct {
			Email *string `json:"email"`
		}
		if err := readJSON(r, &in); err != nil {
			writeError(w, r, s.log, err)
			return
		}
		if in.Email == nil || strings.TrimSpace(*in.Email) == "" {
			writeError(w, r, s.log, alliance.Invalidf("email", "email is required"))
			return
		}
		account, addr := alliance.EmailKey(*in.Email), s.remoteAddr(r)
		if wait, err := s.attempts.resetWait(r.Context(), account, addr); err != nil || wait > 0 {
			s.tooManyAttempts(w, r, wait, err)
			return
		}
		if err := s.attempts.resetRequested(r.Context(), account, addr); err != nil {
			writeError(w, r, s.log, err)
			return
		}
		ctx := context.WithoutCancel(r.Context())
		base := baseURL(s.c, r)
		go s.mailReset(ctx, m, *in.Email, base)
		writeJSON(w, http.StatusAccepted, map[string]string{"message": resetRequested})
	}
}

// mailReset makes and mails the reset link of the active user with email,
// if there is one, logging what fails.
func (s *sessions) mailReset(ctx context.Context, m *mail.Sender, email, base string) {
	ctx, cancel := context.WithTimeout(ctx, 2*mail.Timeout)
	defer cancel()
	logErr := func(what string, err error) {
		s.log.ErrorContext(ctx, what, "err", err, "request_id", alliance.RequestIDFrom(ctx))
	}
	link, err := s.d.RequestPasswordReset(ctx, email)
	if err != nil {
		logErr("make a requested reset link", err)
		return
	}
	if link == nil {
		s.log.InfoContext(ctx, "password reset requested for no active user", "request_id", alliance.RequestIDFrom(ctx))
		return
	}
	if err := graph.MailLink(ctx, m, link, graph.UserLinkURL(base, link)); err != nil {
		logErr("mail a requested reset link", err)
		return
	}
	s.log.LogAttrs(ctx, slog.LevelInfo, "requested reset link mailed", slog.Int64("user", link.User.ID),
		slog.String("request_id", alliance.RequestIDFrom(ctx)), slog.Time("expires", link.ExpiresAt.Truncate(time.Second)))
}
