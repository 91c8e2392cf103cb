package db

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"

	"golang.org/x/sync/semaphore"

	"alliance"
)

// Writes bounds the write transactions of one process: at most AtOnce run at
// once, up to Queue more wait their turn, in the order they came, for at most
// Wait each; any other is refused at once with OVERLOADED and a Retry-After.
// A write waits for its turn before it takes a database connection, so that
// writes piling up never hold the connections reads need (on SQLite a
// transaction waiting for the write lock holds one, on MySQL one waiting for
// a row lock does). Zero fields take the defaults.
type Writes struct {
	// AtOnce is how many write transactions run at once: 0 is one on
	// SQLite (which has one writer at a time anyway) and
	// DefaultWritesAtOnceMySQL on MySQL; it stays below the pool's size.
	AtOnce int
	// Queue is how many writes may wait for a turn (0: DefaultWriteQueue;
	// negative: none may, a write finding every turn taken is refused).
	Queue int
	// Wait is how long a write waits for its turn before it is refused
	// (0: DefaultWriteWait).
	Wait time.Duration
	// Attempts is how many times in all a transaction that loses a
	// conflict with concurrent writes (a deadlock, a lock wait timeout, a
	// Galera certification conflict) is run before the write fails with
	// CONFLICT_RETRY (0: DefaultWriteAttempts; 1: never run again).
	Attempts int
	// RetryDelay is the base of the pauses between runs: the n-th pause is
	// a random time between half and all of RetryDelay·2^(n-1)
	// (0: DefaultRetryDelay).
	RetryDelay time.Duration
}

// Defaults of Writes.
const (
	// DefaultWritesAtOnceMySQL is how many write transactions run at once
	// on MySQL: a few, so that writes to different clients overlap, and far
	// fewer than the 32 connections of the pool.
	DefaultWritesAtOnceMySQL = 4
	// DefaultWriteQueue is how many writes may wait for a turn.
	DefaultWriteQueue = 64
	// DefaultWriteWait is how long a write may wait for its turn.
	DefaultWriteWait = 5 * time.Second
	// DefaultWriteAttempts is how many times a write that loses conflicts
	// is run at most.
	DefaultWriteAttempts = 6
	// DefaultRetryDelay is the base of the pauses between those runs: they
	// last up to 10, 20, 40, 80 and 160 ms.
	DefaultRetryDelay = 10 * time.Millisecond
	// writeRetryAfter is the Retry-After, in seconds, of a refused write.
	writeRetryAfter = 1
)

// writeGate lets write transactions in (see Writes).
type writeGate struct {
	turns   *semaphore.Weighted
	atOnce  int
	queue   int64
	wait    time.Duration
	waiting atomic.Int64
	// attempts and retryDelay are Writes.Attempts and Writes.RetryDelay.
	attempts   int
	retryDelay time.Duration
}

func newWriteGate(dialect string, w Writes, pool int) *writeGate {
	if w.AtOnce <= 0 {
		w.AtOnce = 1
		if dialect == MySQL {
			w.AtOnce = DefaultWritesAtOnceMySQL
		}
	}
	w.AtOnce = min(w.AtOnce, max(pool-1, 1))
	if w.Queue == 0 {
		w.Queue = DefaultWriteQueue
	}
	if w.Wait <= 0 {
		w.Wait = DefaultWriteWait
	}
	if w.Attempts <= 0 {
		w.Attempts = DefaultWriteAttempts
	}
	if w.RetryDelay <= 0 {
		w.RetryDelay = DefaultRetryDelay
	}
	return &writeGate{turns: semaphore.NewWeighted(int64(w.AtOnce)), atOnce: w.AtOnce, queue: int64(max(w.Queue, 0)), wait: w.Wait,
		attempts: w.Attempts, retryDelay: w.RetryDelay}
}

// SetWrites sets the bounds of write transactions. Call it before the
// database is written to.
func (db *DB) SetWrites(w Writes) { db.gate = newWriteGate(db.dialect, w, db.pool) }

// enter waits for a write's turn and returns the function that ends it, or
// the reason the write is refused: OVERLOADED when the queue is full or the
// wait too long, ctx's error when the request ends first.
func (g *writeGate) enter(ctx context.Context) (func(), error) {
	leave := func() { g.turns.Release(1) }
	if g.turns.TryAcquire(1) {
		return leave, nil
	}
	if g.waiting.Add(1) > g.queue {
		g.waiting.Add(-1)
		return nil, g.refuse(ctx, fmt.Sprintf("%d writes are waiting for a turn already", g.queue))
	}
	defer g.waiting.Add(-1)
	wctx, cancel := context.WithTimeout(ctx, g.wait)
	defer cancel()
	if err := g.turns.Acquire(wctx, 1); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, g.refuse(ctx, fmt.Sprintf("this write waited %s for its turn", g.wait))
	}
	return leave, nil
}

func (g *writeGate) refuse(ctx context.Context, why string) error {
	refused(ctx, "write_admission")
	return &alliance.Error{
		Code: alliance.EOVERLOADED, RetryAfter: writeRetryAfter,
		Message: fmt.Sprintf("the server is running as many writes as it may (%d at once) and %s: nothing was written; retry in %d s",
			g.atOnce, why, writeRetryAfter),
	}
}
