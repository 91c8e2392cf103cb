package main

import (
	"context"
	"fmt"
	"testing"
	"time"

	"alliance/db"
	"alliance/db/dbtest"
)

// countingAttempts wraps attempts for a test: every error fails it.
type countingAttempts struct {
	t *testing.T
	a *attempts
}

func (c countingAttempts) wait(account, addr string) time.Duration {
	c.t.Helper()
	w, err := c.a.wait(context.Background(), account, addr)
	if err != nil {
		c.t.Fatal(err)
	}
	return w
}

func (c countingAttempts) failed(account, addr string) {
	c.t.Helper()
	if err := c.a.failed(context.Background(), account, addr); err != nil {
		c.t.Fatal(err)
	}
}

func (c countingAttempts) succeeded(account string) {
	c.t.Helper()
	if err := c.a.succeeded(context.Background(), account); err != nil {
		c.t.Fatal(err)
	}
}

// The counts are kept in the database: the same on SQLite and MariaDB.
func TestSignInAttemptsWaitLongerAfterEachFailure(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) { attemptsWaitLonger(t, d) })
}

func attemptsWaitLonger(t *testing.T, d *db.DB) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	d.SetClock(func() time.Time { return now })
	a := countingAttempts{t, newAttempts(d)}
	for i := 1; i < freeAccountFailures; i++ {
		a.failed("ada@example.com", "10.0.0.1")
		if w := a.wait("ada@example.com", "10.0.0.1"); w != 0 {
			t.Fatalf("after %d failures: wait %s", i, w)
		}
	}
	// Past the free ones, each failure locks for twice as long.
	for i, want := range []time.Duration{1, 2, 4, 8, 16} {
		a.failed("ada@example.com", "10.0.0.1")
		if w := a.wait("ada@example.com", "10.0.0.1"); w != want*time.Second {
			t.Fatalf("after failure %d: wait %s, want %ds", freeAccountFailures+i, w, want)
		}
		// The lock is the account's, from any address.
		if w := a.wait("ada@example.com", "10.9.9.9"); w != want*time.Second {
			t.Fatalf("another address: wait %s", w)
		}
		now = now.Add(want * time.Second)
	}
	if w := a.wait("bob@example.com", "10.9.9.9"); w != 0 {
		t.Fatalf("another account waits %s", w)
	}
	// At most a quarter of an hour.
	for range 30 {
		a.failed("ada@example.com", "10.0.0.2")
	}
	if w := a.wait("ada@example.com", ""); w != longestLock {
		t.Fatalf("after many failures: wait %s", w)
	}
	// A success clears the account; an hour without failures too.
	a.succeeded("ada@example.com")
	if w := a.wait("ada@example.com", "10.0.0.3"); w != 0 {
		t.Fatalf("after a success: wait %s", w)
	}
	a.failed("carol@example.com", "10.0.0.4")
	for range 10 {
		a.failed("carol@example.com", "10.0.0.4")
	}
	now = now.Add(forgetFailuresAfter + time.Second)
	if w := a.wait("carol@example.com", "10.0.0.4"); w != 0 {
		t.Fatalf("an hour later: wait %s", w)
	}

	// One address guessing many accounts is stopped too, and a success on
	// an account of its own does not clear it.
	for i := range freeAddressFailures {
		a.failed(fmt.Sprintf("user%d@example.com", i), "10.6.6.6")
	}
	a.succeeded("mallory@example.com")
	if w := a.wait("someone-else@example.com", "10.6.6.6"); w != time.Second {
		t.Fatalf("an address after %d failures over as many accounts: wait %s", freeAddressFailures, w)
	}
	if w := a.wait("someone-else@example.com", "10.7.7.7"); w != 0 {
		t.Fatalf("another address: wait %s", w)
	}
	// A one-time link names no account: the address only counts.
	if w := a.wait("", "10.7.7.7"); w != 0 {
		t.Fatalf("a link from a fresh address: wait %s", w)
	}
}
