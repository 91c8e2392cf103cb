package mail

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"

	"alliance"
)

// Timeout bounds the sending of one message: connecting, greeting, TLS,
// authentication and the data.
const Timeout = 20 * time.Second

// Config is an SMTP server and how to reach it.
type Config struct {
	Host string
	Port int
	// ImplicitTLS is smtps:// (TLS from the first byte); otherwise the
	// connection turns to TLS with STARTTLS whenever the server offers it.
	ImplicitTLS        bool
	Username, Password string
	// From is the sender's address.
	From string
	// RootCAs, when set, are the authorities the server's certificate must
	// chain to, instead of the system's.
	RootCAs *x509.CertPool
}

// ParseURL reads an SMTP URL: smtp://USER:PASS@HOST:PORT?from=ADDRESS (port
// 587 by default; STARTTLS when the server offers it) or smtps://… (port
// 465 by default; implicit TLS). The user and password are optional (no
// authentication without them); from is required.
func ParseURL(s string) (*Config, error) {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "smtp" && u.Scheme != "smtps") || u.Hostname() == "" {
		return nil, fmt.Errorf("%q is not an SMTP URL such as smtp://user:pass@mail.example.com:587?from=alliance@example.com", redact(s))
	}
	c := &Config{Host: u.Hostname(), ImplicitTLS: u.Scheme == "smtps", Port: 587}
	if c.ImplicitTLS {
		c.Port = 465
	}
	if p := u.Port(); p != "" {
		if c.Port, err = strconv.Atoi(p); err != nil || c.Port < 1 || c.Port > 65535 {
			return nil, fmt.Errorf("%q: the port must be a number from 1 to 65535", redact(s))
		}
	}
	if u.User != nil {
		c.Username = u.User.Username()
		c.Password, _ = u.User.Password()
	}
	for k := range u.Query() {
		if k != "from" {
			return nil, fmt.Errorf("%q: unknown parameter %q (only from=ADDRESS)", redact(s), k)
		}
	}
	from, err := alliance.CleanEmail(u.Query().Get("from"), "from")
	if err != nil {
		return nil, fmt.Errorf("%q: say who the mail is from, as ?from=alliance@example.com", redact(s))
	}
	c.From = from
	return c, nil
}

// redact hides the password of an SMTP URL, for messages.
func redact(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.User == nil {
		return s
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

// Message is a plain text message to one person.
type Message struct {
	To, Subject, Text string
}

// Sender sends messages through one SMTP server.
type Sender struct{ c Config }

// New returns a sender through the server of c.
func New(c Config) *Sender { return &Sender{c: c} }

// Send sends one message, connecting for it (links are rare: no connection
// is kept open between them).
func (s *Sender) Send(ctx context.Context, m Message) error {
	msg := gomail.NewMsg()
	if err := msg.From(s.c.From); err != nil {
		return fmt.Errorf("from %s: %w", s.c.From, err)
	}
	if err := msg.To(m.To); err != nil {
		return fmt.Errorf("to %s: %w", m.To, err)
	}
	msg.Subject(m.Subject)
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	opts := []gomail.Option{gomail.WithPort(s.c.Port), gomail.WithTimeout(Timeout)}
	if s.c.RootCAs != nil {
		opts = append(opts, gomail.WithTLSConfig(&tls.Config{ServerName: s.c.Host, RootCAs: s.c.RootCAs, MinVersion: tls.VersionTLS12}))
	}
	if s.c.ImplicitTLS {
		opts = append(opts, gomail.WithSSL())
	} else {
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSOpportunistic))
	}
	if s.c.Username != "" {
		// The strongest mechanism the server offers; over a connection
		// that is not encrypted, never one that sends the password
		// itself (PLAIN, LOGIN).
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover), gomail.WithUsername(s.c.Username), gomail.WithPassword(s.c.Password))
	}
	client, err := gomail.NewClient(s.c.Host, opts...)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, Timeout)
	defer cancel()
	if err := client.DialAndSendWithContext(ctx, msg); err != nil {
		return fmt.Errorf("mail to %s through %s: %w", m.To, net.JoinHostPort(s.c.Host, strconv.Itoa(s.c.Port)), err)
	}
	return nil
}

// MailLink mails a one-time link (at url) to the user it is for.
func (s *Sender) MailLink(ctx context.Context, l *alliance.UserLink, url string) error {
	return s.Send(ctx, LinkMessage(l, url))
}

// LinkMessage is the message that hands a one-time link to its user.
func LinkMessage(l *alliance.UserLink, url string) Message {
	until := l.ExpiresAt.UTC().Format("Monday 2 January 2006, 15:04 UTC")
	var b strings.Builder
	fmt.Fprintf(&b, "Hello %s,\n\n", l.User.Name)
	m := Message{To: l.User.Email}
	if l.Purpose == alliance.Invitation {
		m.Subject = "You are invited to Alliance"
		fmt.Fprintf(&b, "You are invited to Alliance, as %s. Open this link to choose your password and sign in:\n\n%s\n\n",
			strings.ToLower(string(l.User.Role)), url)
	} else {
		m.Subject = "Reset your Alliance password"
		fmt.Fprintf(&b, "Open this link to choose a new Alliance password (you will be signed out everywhere else):\n\n%s\n\n", url)
	}
	fmt.Fprintf(&b, "The link works once, until %s.\nIf you did not expect this message, ignore it: nothing changes.\n", until)
	m.Text = b.String()
	return m
}
