package mail

import (
	"strings"
	"testing"
	"time"

	"alliance"
)

func TestParseURL(t *testing.T) {
	for _, c := range []struct {
		url  string
		want Config
	}{
		{"smtp://mail.example.com?from=alliance@example.com", Config{Host: "mail.example.com", Port: 587, From: "alliance@example.com"}},
		{"smtp://u%40x:p%3Ass@mail.example.com:2525?from=a@example.com", Config{Host: "mail.example.com", Port: 2525, Username: "u@x", Password: "p:ss", From: "a@example.com"}},
		{"smtps://u:p@mail.example.com?from=a@example.com", Config{Host: "mail.example.com", Port: 465, ImplicitTLS: true, Username: "u", Password: "p", From: "a@example.com"}},
	} {
		got, err := ParseURL(c.url)
		if err != nil || *got != c.want {
			t.Errorf("%s: %+v %v, want %+v", c.url, got, err, c.want)
		}
	}
	for _, c := range []struct{ url, want string }{
		{"http://mail.example.com?from=a@example.com", "is not an SMTP URL"},
		{"smtp://mail.example.com", "say who the mail is from"},
		{"smtp://mail.example.com?from=Alliance%20%3Ca@example.com%3E", "say who the mail is from"},
		{"smtp://mail.example.com:99999?from=a@example.com", "the port"},
		{"smtp://mail.example.com?from=a@example.com&tls=no", `unknown parameter "tls"`},
		{"smtp://u:secret@mail.example.com", "say who"},
	} {
		_, err := ParseURL(c.url)
		if err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "secret") {
			t.Errorf("%s: %v, want an error saying %q (and never the password)", c.url, err, c.want)
		}
	}
}

func TestLinkMessage(t *testing.T) {
	u := &alliance.User{Name: "Ada Lovelace", Email: "ada@example.com", Role: alliance.Editor}
	at := time.Date(2026, 12, 8, 9, 30, 0, 0, time.UTC)
	inv := LinkMessage(&alliance.UserLink{User: u, Purpose: alliance.Invitation, ExpiresAt: at}, "https://a.example/invitation#code=alzi_x")
	if inv.To != "ada@example.com" || inv.Subject != "You are invited to Alliance" ||
		!strings.Contains(inv.Text, "as editor") || !strings.Contains(inv.Text, "\nhttps://a.example/invitation#code=alzi_x\n") ||
		!strings.Contains(inv.Text, "until Tuesday 8 December 2026, 09:30 UTC") {
		t.Errorf("invitation: %+v", inv)
	}
	reset := LinkMessage(&alliance.UserLink{User: u, Purpose: alliance.PasswordReset, ExpiresAt: at}, "https://a.example/password-reset#code=alzr_x")
	if reset.Subject != "Reset your Alliance password" || !strings.Contains(reset.Text, "https://a.example/password-reset#code=alzr_x") {
		t.Errorf("reset: %+v", reset)
	}
}
