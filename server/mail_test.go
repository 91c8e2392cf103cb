package main

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"errors"
	"io"
	"math/big"
	"mime/quotedprintable"
	"net"
	netmail "net/mail"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"alliance/db/dbtest"
)

// smtpServer is a real SMTP server in the test process, on loopback, that
// keeps what it receives. It offers STARTTLS (with a certificate of its
// own, which the servers the test starts trust) and wants AUTH PLAIN, as
// alliance / mail-pw, over TLS only.
type smtpServer struct {
	addr     string
	messages chan received
}

type received struct {
	from string
	to   []string
	msg  *netmail.Message
	body string // decoded
}

func startSMTP(t *testing.T) *smtpServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &smtpServer{addr: ln.Addr().String(), messages: make(chan received, 20)}
	srv := smtp.NewServer(&smtpBackend{s})
	srv.Domain = "mail.test"
	cert, pool := selfSignedCert(t)
	srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}}
	old := mailRootCAs
	mailRootCAs = pool
	t.Cleanup(func() { mailRootCAs = old })
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return s
}

// url is the --smtp-url of the server.
func (s *smtpServer) url() string {
	return "smtp://alliance:mail-pw@" + s.addr + "?from=alliance@example.com"
}

// next returns the next message received, or fails after a while.
func (s *smtpServer) next(t *testing.T) received {
	t.Helper()
	select {
	case m := <-s.messages:
		return m
	case <-time.After(20 * time.Second):
		t.Fatal("no message arrived")
	}
	return received{}
}

// none checks that no message has arrived.
func (s *smtpServer) none(t *testing.T) {
	t.Helper()
	select {
	case m := <-s.messages:
		t.Fatalf("a message arrived: to %v, %s", m.to, m.msg.Header.Get("Subject"))
	default:
	}
}

type smtpBackend struct{ s *smtpServer }

func (b *smtpBackend) NewSession(*smtp.Conn) (smtp.Session, error) { return &smtpSession{s: b.s}, nil }

type smtpSession struct {
	s      *smtpServer
	authed bool
	from   string
	to     []string
}

func (s *smtpSession) AuthMechanisms() []string { return []string{sasl.Plain} }
func (s *smtpSession) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pw string) error {
		if user != "alliance" || pw != "mail-pw" {
			return errors.New("wrong user or password")
		}
		s.authed = true
		return nil
	}), nil
}

// selfSignedCert makes a certificate for 127.0.0.1 and the pool that
// trusts it.
func selfSignedCert(t *testing.T) (tls.Certificate, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "mail.test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	leaf, _ := x509.ParseCertificate(der)
	pool := x509.NewCertPool()
	pool.AddCert(leaf)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, pool
}

func (s *smtpSession) Mail(from string, _ *smtp.MailOptions) error {
	if !s.authed {
		return smtp.ErrAuthRequired
	}
	s.from = from
	return nil
}
func (s *smtpSession) Rcpt(to string, _ *smtp.RcptOptions) error { s.to = append(s.to, to); return nil }
func (s *smtpSession) Data(r io.Reader) error {
	msg, err := netmail.ReadMessage(r)
	if err != nil {
		return err
	}
	var body []byte
	if strings.EqualFold(msg.Header.Get("Content-Transfer-Encoding"), "quoted-printable") {
		body, err = io.ReadAll(quotedprintable.NewReader(msg.Body))
	} else {
		body, err = io.ReadAll(msg.Body)
	}
	if err != nil {
		return err
	}
	s.s.messages <- received{from: s.from, to: s.to, msg: msg, body: string(bytes.ReplaceAll(body, []byte("\r\n"), []byte("\n")))}
	return nil
}
func (s *smtpSession) Reset()        { s.from, s.to = "", nil }
func (s *smtpSession) Logout() error { return nil }

var mailedLink = regexp.MustCompile(`https?://\S+/(invitation|password-reset)#code=(\S+)`)

// linkOf returns the page and code of the link a message carries.
func linkOf(t *testing.T, m received) (url, page, code string) {
	t.Helper()
	got := mailedLink.FindStringSubmatch(m.body)
	if got == nil {
		t.Fatalf("no link in the message:\n%s", m.body)
	}
	return got[0], got[1], got[2]
}

type linkAnswer struct {
	URL, Code string
	Mail      *struct {
		To    string
		Sent  bool
		Error *string
	}
}

// With --smtp-url, invitations and resets are mailed (through a real SMTP
// server, with authentication), the mailed link works, "forgot password"
// mails an active user and answers the same for an unknown email (mailing
// nothing), and a mail server that cannot be reached loses no invitation.
func TestLinksAreMailed(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			mail := startSMTP(t)
			dbURL := dbtest.URL(t, dialect)
			env := map[string]string{"ALLIANCE_SMTP_URL": mail.url()}
			s := start(t, []string{"--db", dbURL}, env)
			if r := request(t, "GET", s.url+"/api/sign-in-options", "", "", nil); strings.TrimSpace(r.body) != `{"sso":null,"passwordResetByMail":true}` {
				t.Fatalf("sign-in options: %s", r.body)
			}

			// An invitation: answered with its link and the mail's fate,
			// and mailed; the mailed link lets the person in.
			r := postQuery(t, s.url, `mutation { inviteUser(input: {email: "ada@example.com", name: "Ada Lovelace", role: EDITOR}) { url code mail { to sent error } } }`, nil)
			var inv struct{ InviteUser linkAnswer }
			if len(r.Errors) > 0 || json.Unmarshal(mustJSON(r.Data), &inv) != nil || inv.InviteUser.Mail == nil ||
				!inv.InviteUser.Mail.Sent || inv.InviteUser.Mail.To != "ada@example.com" || inv.InviteUser.Mail.Error != nil {
				t.Fatalf("inviteUser: %+v %s", r.Errors, r.Data["inviteUser"])
			}
			m := mail.next(t)
			if m.from != "alliance@example.com" || len(m.to) != 1 || m.to[0] != "ada@example.com" ||
				m.msg.Header.Get("Subject") != "You are invited to Alliance" || !strings.Contains(m.body, "Hello Ada Lovelace,") {
				t.Fatalf("the invitation mail: from %s to %v, %q\n%s", m.from, m.to, m.msg.Header.Get("Subject"), m.body)
			}
			link, page, code := linkOf(t, m)
			if link != inv.InviteUser.URL || page != "invitation" {
				t.Fatalf("the mailed link %s is not the answered %s", link, inv.InviteUser.URL)
			}
			if res := postJSON(t, s.url, "/api/invitation", map[string]any{"code": code, "password": adaPassword}, nil); res.status != 200 {
				t.Fatalf("the mailed invitation: %d %s", res.status, res.body)
			}

			// Forgot password: the same answer for an active user's email
			// (in any case) and for an unknown one; only the first mails.
			ask := func(email string) httpResult {
				return postJSON(t, s.url, "/api/password-reset/request", map[string]any{"email": email}, nil)
			}
			unknown := ask("nobody@example.com")
			for !strings.Contains(s.stderr.String(), "password reset requested for no active user") {
				time.Sleep(20 * time.Millisecond) // the request is handled after the answer
			}
			mail.none(t)
			known := ask("ADA@example.com")
			if unknown.status != 202 || known.status != 202 || unknown.body != known.body || !strings.Contains(known.body, "If an active account has this email") {
				t.Fatalf("the answers differ: %d %s / %d %s", unknown.status, unknown.body, known.status, known.body)
			}
			m = mail.next(t)
			_, page, code = linkOf(t, m)
			if m.to[0] != "ada@example.com" || page != "password-reset" || m.msg.Header.Get("Subject") != "Reset your Alliance password" {
				t.Fatalf("the reset mail: to %v, %s, %s", m.to, page, m.msg.Header.Get("Subject"))
			}
			if res := postJSON(t, s.url, "/api/password-reset", map[string]any{"code": code, "password": "a brand new password"}, nil); res.status != 200 {
				t.Fatalf("the mailed reset link: %d %s", res.status, res.body)
			}
			if res := ask(""); res.status != 400 {
				t.Fatalf("no email: %d", res.status)
			}
			// Limited as sign-ins are, whatever the email.
			for i := 1; i < freeAccountFailures; i++ {
				if res := ask("nobody@example.com"); res.status != 202 {
					t.Fatalf("request %d: %d", i+1, res.status)
				}
			}
			if res := ask("nobody@example.com"); res.status != 429 || res.header.Get("Retry-After") == "" || !strings.Contains(res.body, "too many requests of a reset link") {
				t.Fatalf("too many requests: %d %s", res.status, res.body)
			}

			// The command line mails too (and says so).
			var stdout, stderr bytes.Buffer
			getenv := func(k string) string { return env[k] }
			if err := run(t.Context(), []string{"user", "reset", "ada@example.com", "--db", dbURL, "--public-url", "https://alliance.example.com"}, getenv, &stdout, &stderr); err != nil {
				t.Fatal(err)
			}
			m = mail.next(t)
			link, _, _ = linkOf(t, m)
			lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
			if !strings.Contains(stderr.String(), "The link was also mailed to ada@example.com.") || lines[len(lines)-1] != link || !strings.HasPrefix(link, "https://alliance.example.com/password-reset#code=alzr_") {
				t.Fatalf("user reset: %s / %s; mailed %s", stdout.String(), stderr.String(), link)
			}

			// A mail server that does not answer: the invitation is made
			// and answered all the same, the failure said and logged.
			dead, _ := net.Listen("tcp", "127.0.0.1:0")
			deadAddr := dead.Addr().String()
			dead.Close()
			broken := start(t, []string{"--db", dbURL}, map[string]string{"ALLIANCE_SMTP_URL": "smtp://" + deadAddr + "?from=alliance@example.com"})
			r = postQuery(t, broken.url, `mutation { inviteUser(input: {email: "bob@example.com", name: "Bob", role: VIEWER}) { url code mail { to sent error } } }`, nil)
			var failed struct{ InviteUser linkAnswer }
			json.Unmarshal(mustJSON(r.Data), &failed)
			if len(r.Errors) > 0 || failed.InviteUser.Code == "" || failed.InviteUser.Mail == nil || failed.InviteUser.Mail.Sent ||
				failed.InviteUser.Mail.Error == nil || !strings.Contains(*failed.InviteUser.Mail.Error, "hand the link over yourself") {
				t.Fatalf("inviteUser with a dead mail server: %+v %s", r.Errors, r.Data["inviteUser"])
			}
			if !strings.Contains(broken.stderr.String(), "mail a link") {
				t.Fatal("the mail failure is not logged")
			}
			if res := postJSON(t, broken.url, "/api/invitation", map[string]any{"code": failed.InviteUser.Code, "password": "violet staple gravity"}, nil); res.status != 200 {
				t.Fatalf("the unmailed invitation: %d %s", res.status, res.body)
			}
		})
	}
}

// Without --smtp-url nothing is mailed: the answer says so, and a reset
// request is refused with a clear message.
func TestNoMailWithoutSMTP(t *testing.T) {
	s := start(t, []string{"--db", dbtest.URL(t, "sqlite")}, nil)
	r := postQuery(t, s.url, `mutation { inviteUser(input: {email: "ada@example.com", name: "Ada", role: VIEWER}) { code mail { sent } } }`, nil)
	if len(r.Errors) > 0 || !strings.Contains(string(r.Data["inviteUser"]), `"mail":null`) {
		t.Fatalf("inviteUser without mail: %+v %s", r.Errors, r.Data["inviteUser"])
	}
	res := postJSON(t, s.url, "/api/password-reset/request", map[string]any{"email": "ada@example.com"}, nil)
	if res.status != 404 || !strings.Contains(res.body, "ask an admin") {
		t.Fatalf("a reset request without mail: %d %s", res.status, res.body)
	}
}
