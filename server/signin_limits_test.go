package main

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"alliance/db/dbtest"
)

// The sign-in limits are kept in the database: two servers over one
// database count the failures of an account together, and behind a trusted
// proxy the address limit and the session's address are the client's (from
// X-Forwarded-For), never an address a client names itself.
func TestSignInLimitsSharedByEveryServer(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			clk := useClock(t)
			url := dbtest.URL(t, dialect)
			a := start(t, []string{"--db", url}, nil)
			b := start(t, []string{"--db", url, "--trusted-proxies", "127.0.0.0/8, ::1"}, nil)
			join(t, a.url, "ada@example.com", "Ada", "VIEWER", "", adaPassword)
			try := func(s *server, email, password, forwardedFor string) httpResult {
				h := map[string]string{}
				if forwardedFor != "" {
					h["X-Forwarded-For"] = forwardedFor
				}
				return postJSON(t, s.url, "/api/session", map[string]any{"email": email, "password": password}, h)
			}
			// Failures on A and on B add up.
			for i := 1; i <= freeAccountFailures; i++ {
				s := a
				if i%2 == 0 {
					s = b
				}
				if res := try(s, "ada@example.com", "guess "+itoa(i), ""); res.status != 401 {
					t.Fatalf("guess %d: %d %s", i, res.status, res.body)
				}
			}
			for _, s := range []*server{a, b} {
				if res := try(s, "ada@example.com", adaPassword, ""); res.status != 429 || res.header.Get("Retry-After") != "1" {
					t.Fatalf("after %d failures over two servers: %d %s", freeAccountFailures, res.status, res.body)
				}
			}

			// Behind the trusted proxy (B), the client's address counts: one
			// address guessing many accounts is stopped, another is not.
			for i := range freeAddressFailures {
				if res := try(b, "user"+itoa(i)+"@example.com", "guess", "192.0.2.1, 203.0.113.7"); res.status != 401 {
					t.Fatalf("address guess %d: %d %s", i, res.status, res.body)
				}
			}
			if res := try(b, "bob@example.com", "guess", "203.0.113.7"); res.status != 429 {
				t.Fatalf("the address after %d failures: %d", freeAddressFailures, res.status)
			}
			if res := try(b, "bob@example.com", "guess", "203.0.113.8"); res.status != 401 {
				t.Fatalf("another address behind the proxy: %d", res.status)
			}
			// A (trusting no proxy) ignores the header: its peer is the
			// address, whatever the client claims.
			for i := range freeAddressFailures {
				try(a, "other"+itoa(i)+"@example.com", "guess", "198.51.100."+itoa(i))
			}
			if res := try(a, "carol@example.com", "guess", "198.51.100.99"); res.status != 429 {
				t.Fatalf("X-Forwarded-For from an untrusted peer was believed: %d", res.status)
			}

			// The session records the client's address behind the proxy.
			signInFrom := func(s *server, forwardedFor string) string {
				res := try(s, "ada@example.com", adaPassword, forwardedFor)
				br, _ := browserOf(t, s.url, res)
				r := br.gql(`{ mySessions { address current } }`)
				var out struct {
					MySessions []struct {
						Address string
						Current bool
					}
				}
				json.Unmarshal(r.Data["mySessions"], &out.MySessions)
				for _, ss := range out.MySessions {
					if ss.Current {
						return ss.Address
					}
				}
				return ""
			}
			clk.advance(2 * longestLock) // past the account's lock
			if got := signInFrom(b, "203.0.113.50"); got != "203.0.113.50" {
				t.Fatalf("the session's address behind the proxy: %q", got)
			}
		})
	}
}

func TestClientAddressBehindTrustedProxies(t *testing.T) {
	tp, err := parseTrustedProxies([]string{"10.0.0.0/8", "192.168.1.1"})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		peer, xff, want string
	}{
		{"203.0.113.5:1234", "", "203.0.113.5"},
		{"203.0.113.5:1234", "198.51.100.1", "203.0.113.5"}, // an untrusted peer's header is ignored
		{"10.1.2.3:80", "", "10.1.2.3"},
		{"10.1.2.3:80", "198.51.100.1", "198.51.100.1"},
		{"10.1.2.3:80", "6.6.6.6, 198.51.100.1", "198.51.100.1"}, // what the client wrote first is not believed
		{"10.1.2.3:80", "198.51.100.1, 192.168.1.1", "198.51.100.1"},
		{"10.1.2.3:80", "198.51.100.1, 10.9.9.9, 192.168.1.1", "198.51.100.1"},
		{"10.1.2.3:80", "not-an-address, 10.9.9.9", "10.9.9.9"},
		{"10.1.2.3:80", "2001:db8::7", "2001:db8::7"},
	} {
		r := &http.Request{RemoteAddr: c.peer, Header: http.Header{}}
		if c.xff != "" {
			r.Header.Set("X-Forwarded-For", c.xff)
		}
		if got := tp.clientAddr(r); got != c.want {
			t.Errorf("peer %s, X-Forwarded-For %q: %s, want %s", c.peer, c.xff, got, c.want)
		}
	}
	if got := (trustedProxies(nil)).clientAddr(&http.Request{RemoteAddr: "10.1.2.3:80", Header: http.Header{"X-Forwarded-For": {"1.2.3.4"}}}); got != "10.1.2.3" {
		t.Errorf("no trusted proxies: %s", got)
	}
	if _, err := parseTrustedProxies([]string{"10.0.0.0/8", "proxy.internal"}); err == nil || !strings.Contains(err.Error(), "proxy.internal") {
		t.Errorf("a host name: %v", err)
	}
}
