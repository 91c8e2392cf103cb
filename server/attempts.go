package main

import (
	"sync"
	"time"
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
	// maxTracked bounds the memory the counts take: past it, counts
	// forgotten by now are dropped, and if that is not enough, all of them.
	maxTracked = 100_000
)

// attempts counts failed sign-ins per account and per address, in this
// process's memory: with several servers, each keeps its own counts (an
// attacker spreading guesses over n servers gets n times the attempts; the
// growing locks still bound them).
type attempts struct {
	mu        sync.Mutex
	now       func() time.Time
	accounts  map[string]*failures
	addresses map[string]*failures
}

type failures struct {
	count int
	last  time.Time
	until time.Time // locked until then
}

func newAttempts(now func() time.Time) *attempts {
	return &attempts{now: now, accounts: map[string]*failures{}, addresses: map[string]*failures{}}
}

// wait returns how long a sign-in for account from addr must wait before it
// may be tried: 0 when it may be tried now. An empty account counts the
// address only (for one-time links, which name no account).
func (a *attempts) wait(account, addr string) time.Duration {
	a.mu.Lock()
	defer a.mu.Unlock()
	now := a.now()
	lock := a.lockOf(a.addresses, addr, now)
	if account != "" {
		lock = max(lock, a.lockOf(a.accounts, account, now))
	}
	return lock
}

func (a *attempts) lockOf(m map[string]*failures, key string, now time.Time) time.Duration {
	f := m[key]
	if f == nil {
		return 0
	}
	if now.Sub(f.last) > forgetFailuresAfter {
		delete(m, key)
		return 0
	}
	return max(f.until.Sub(now), 0)
}

// failed counts a failed sign-in for account from addr.
func (a *attempts) failed(account, addr string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	now := a.now()
	if account != "" {
		a.count(a.accounts, account, freeAccountFailures, now)
	}
	a.count(a.addresses, addr, freeAddressFailures, now)
}

func (a *attempts) count(m map[string]*failures, key string, free int, now time.Time) {
	f := m[key]
	if f == nil || now.Sub(f.last) > forgetFailuresAfter {
		if len(m) >= maxTracked {
			prune(m, now)
		}
		f = &failures{}
		m[key] = f
	}
	f.count++
	f.last = now
	if over := f.count - free; over >= 0 {
		lock := longestLock
		if over < 20 && firstLock<<over < longestLock {
			lock = firstLock << over
		}
		f.until = now.Add(lock)
	}
}

// prune drops the counts forgotten by now, or all of them when too many are
// still fresh.
func prune(m map[string]*failures, now time.Time) {
	for k, f := range m {
		if now.Sub(f.last) > forgetFailuresAfter {
			delete(m, k)
		}
	}
	if len(m) >= maxTracked {
		clear(m)
	}
}

// succeeded clears the count of account.
func (a *attempts) succeeded(account string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	delete(a.accounts, account)
}
