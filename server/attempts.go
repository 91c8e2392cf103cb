package main

import (
	"context"
	"time"

	"alliance/db"
)

// Sign-in limits. Each account (an email, whether or not a user has it) and
// each remote address may fail a few times freely; after that, every
// failure locks it for twice as long as the one before, from a second up to
// a quarter of an hour. A success clears the account's count, never the
// address's (else one account of one's own would clear the way for guessing
// others'); counts are forgotten an hour after their last failure.
const (
	freeAccountFailures = 5
	freeAddressFailures = 20
	firstLock           = time.Second
	longestLock         = 15 * time.Minute
	forgetFailuresAfter = time.Hour
)

// attempts counts failed sign-ins per account and per address in the
// database, so that every server over it applies the same limits (and a
// restart forgets nothing).
type attempts struct{ d *db.DB }

func newAttempts(d *db.DB) *attempts { return &attempts{d: d} }

func accountKey(account string) string { return "account:" + account }
func addressKey(addr string) string    { return "address:" + addr }

// wait returns how long a sign-in for account from addr must wait before it
// may be tried: 0 when it may be tried now. An empty account counts the
// address only (for one-time links and reset requests, which name no
// account, or whose account must not be told apart).
func (a *attempts) wait(ctx context.Context, account, addr string) (time.Duration, error) {
	keys := []string{addressKey(addr)}
	if account != "" {
		keys = append(keys, accountKey(account))
	}
	return a.d.SignInLock(ctx, keys...)
}

// failed counts a failed sign-in for account from addr.
func (a *attempts) failed(ctx context.Context, account, addr string) error {
	if account != "" {
		if err := a.d.CountSignInFailure(ctx, accountKey(account), forgetFailuresAfter, lockAfter(freeAccountFailures)); err != nil {
			return err
		}
	}
	return a.d.CountSignInFailure(ctx, addressKey(addr), forgetFailuresAfter, lockAfter(freeAddressFailures))
}

// lockAfter is how long a key is locked after its count-th failure, when
// free failures are allowed.
func lockAfter(free int) func(count int) time.Duration {
	return func(count int) time.Duration {
		over := count - free
		switch {
		case over < 0:
			return 0
		case over < 20 && firstLock<<over < longestLock:
			return firstLock << over
		}
		return longestLock
	}
}

// succeeded clears the count of account.
func (a *attempts) succeeded(ctx context.Context, account string) error {
	return a.d.ClearSignInFailures(ctx, accountKey(account))
}

// Requests for a password reset mail are limited as sign-ins are, with
// counts of their own (asking for mail does not lock the sign-in).
func resetAccountKey(account string) string { return "reset:account:" + account }
func resetAddressKey(addr string) string    { return "reset:address:" + addr }

// resetWait is wait for a request of a reset mail.
func (a *attempts) resetWait(ctx context.Context, account, addr string) (time.Duration, error) {
	return a.d.SignInLock(ctx, resetAccountKey(account), resetAddressKey(addr))
}

// resetRequested counts a request of a reset mail, whether or not the
// email is a user's (else the limit would tell).
func (a *attempts) resetRequested(ctx context.Context, account, addr string) error {
	if err := a.d.CountSignInFailure(ctx, resetAccountKey(account), forgetFailuresAfter, lockAfter(freeAccountFailures)); err != nil {
		return err
	}
	return a.d.CountSignInFailure(ctx, resetAddressKey(addr), forgetFailuresAfter, lockAfter(freeAddressFailures))
}
