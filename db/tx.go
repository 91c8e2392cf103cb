package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/go-sql-driver/mysql"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"alliance"
)

// tx is one write transaction. Every change made through it is recorded in the
// audit log by the same transaction.
type tx struct {
	g     *gorm.DB
	ctx   context.Context
	now   time.Time
	actor string
	// scope is what the principal may reach (see scope.go).
	scope scope
	// What the transaction may have moved, brought up to date before it
	// commits (see figures.go): clients whose coverage figures to
	// re-evaluate, services whose sums to recompute, services whose cost is
	// shared out anew whatever their units do, and clients whose cost shares
	// alone moved; and requirements whose coverage alone to re-evaluate
	// (by id, with their client's id), without the rest of their client.
	touched      map[int64]bool
	services     map[int64]bool
	costs        map[int64]bool
	costClients  map[int64]bool
	requirements map[int64]int64
	// observer is the database's (see Observe).
	observer Observer
}

func (db *DB) newTx(ctx context.Context, g *gorm.DB) *tx {
	return &tx{
		g: g, ctx: ctx, now: db.now(), actor: alliance.ActorFrom(ctx), scope: scopeOf(ctx),
		touched: map[int64]bool{}, services: map[int64]bool{}, costs: map[int64]bool{}, costClients: map[int64]bool{},
		requirements: map[int64]int64{}, observer: db.observer,
	}
}

// txOptions are the options of write transactions. On MySQL they read
// committed data, so that a transaction that waited for another's lock on a
// client sees what that one wrote when it scores the client.
func (db *DB) txOptions() []*sql.TxOptions {
	if db.dialect == MySQL {
		return []*sql.TxOptions{{Isolation: sql.LevelReadCommitted}}
	}
	return nil
}

// write runs fn in a transaction: all of it happens, or none. Inside
// Atomically it joins the transaction already open; otherwise it waits for
// its turn among the writers first (see Writes), holding no connection. A
// transaction that loses a deadlock, a lock wait or (on Galera) a
// certification conflict is run again after a jittered, exponentially
// growing pause, up to Writes.Attempts times in all; after the last it fails
// with CONFLICT_RETRY (see conflictRetry).
func (db *DB) write(ctx context.Context, fn func(t *tx) error) error {
	if outer, ok := ctx.Value(txKey{}).(*tx); ok {
		return translate(fn(outer))
	}
	leave, err := db.gate.enter(ctx)
	if err != nil {
		return err
	}
	defer leave()
	return translate(db.retry(ctx, func() error {
		return db.gorm.WithContext(ctx).Transaction(func(g *gorm.DB) error {
			t := db.newTx(ctx, g)
			if err := fn(t); err != nil {
				return err
			}
			return t.finish()
		}, db.txOptions()...)
	}))
}

type txKey struct{}

// Atomically runs fn so that every change it makes through this DB (with the
// context it is given) is one transaction: all of them happen, or none. A
// transaction that loses a conflict is rolled back and fn is run again, as
// write does, so fn must do nothing but through the context's transaction.
func (db *DB) Atomically(ctx context.Context, fn func(ctx context.Context) error) error {
	leave, err := db.gate.enter(ctx)
	if err != nil {
		return err
	}
	defer leave()
	return translate(db.retry(ctx, func() error {
		return db.gorm.WithContext(ctx).Transaction(func(g *gorm.DB) error {
			t := db.newTx(ctx, g)
			t.ctx = context.WithValue(ctx, txKey{}, t)
			if err := fn(t.ctx); err != nil {
				return err
			}
			return t.finish()
		}, db.txOptions()...)
	}))
}

// retry runs attempt, a whole transaction, until it ends otherwise than by a
// conflict, at most db.gate.attempts times, pausing before each new run (see
// RetryPause). A conflict on the last run is CONFLICT_RETRY.
func (db *DB) retry(ctx context.Context, attempt func() error) error {
	var err error
	for n := 0; n < db.gate.attempts; n++ {
		if n > 0 {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(RetryPause(db.gate.retryDelay, n)):
			}
		}
		if err = attempt(); !retryable(err) {
			return err
		}
		db.conflicts.Add(1)
	}
	return conflictRetry(db.gate.attempts, err)
}

// RetryPause is the pause before the retry-th new run (1 for the first) of a
// transaction that lost a conflict: a random time between half and all of
// base·2^(retry-1), at most maxRetryPause. The randomness keeps two
// transactions that conflicted from meeting again at the same moment.
func RetryPause(base time.Duration, retry int) time.Duration {
	ceiling := base << min(retry-1, 20)
	if ceiling <= 0 || ceiling > maxRetryPause {
		ceiling = maxRetryPause
	}
	return ceiling/2 + time.Duration(rand.Int64N(int64(ceiling/2)+1))
}

// maxRetryPause bounds one pause between runs of a transaction.
const maxRetryPause = 2 * time.Second

// conflictRetryAfter is the Retry-After, in seconds, of a write that lost
// its conflicts every time.
const conflictRetryAfter = 1

// conflictRetry is the error of a write whose every run lost a conflict with
// concurrent writes: nothing of it was written, and it may simply be sent
// again. The driver's error stays in the chain, for the log.
func conflictRetry(attempts int, cause error) error {
	return fmt.Errorf("%w (%w)", &alliance.Error{
		Code: alliance.ECONFLICTRETRY, RetryAfter: conflictRetryAfter,
		Message: fmt.Sprintf("this write met concurrent changes to the same data %d times and was not made: nothing was written; retry in %d s",
			attempts, conflictRetryAfter),
	}, cause)
}

// retryable reports whether err is a deadlock (on Galera also a
// certification conflict, which MariaDB reports as one) or a lock wait
// timeout, after which the whole transaction may simply be run again.
func retryable(err error) bool {
	var me *mysql.MySQLError
	return errors.As(err, &me) && (me.Number == 1213 || me.Number == 1205)
}

// translate turns constraint violations that slipped past the checks (two
// writers racing) into errors with codes; other errors pass unchanged.
func translate(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, gorm.ErrDuplicatedKey):
		return alliance.Errorf(alliance.ECONFLICT, "this already exists (a concurrent change created it)")
	case errors.Is(err, gorm.ErrForeignKeyViolated):
		return alliance.Errorf(alliance.ECONFLICT, "something this refers to was removed by a concurrent change")
	}
	return err
}

// audit records a change. before and after are the entity's values (nil
// before a create, nil after a delete); client is the client the entity
// belongs to (0 for the catalog, tokens and reports), so that a token
// limited to a client can read its history.
func (t *tx) audit(action alliance.AuditAction, entity string, id any, client int64, before, after any) error {
	row := &auditRow{
		At: t.now, Actor: t.actor, Action: string(action), Entity: entity, EntityID: fmt.Sprint(id),
	}
	if client != 0 {
		row.ClientID = &client
	}
	var err error
	if row.BeforeJSON, err = jsonOf(before); err != nil {
		return err
	}
	if row.AfterJSON, err = jsonOf(after); err != nil {
		return err
	}
	if rid := alliance.RequestIDFrom(t.ctx); rid != "" {
		row.RequestID = &rid
	}
	return t.g.Create(row).Error
}

func jsonOf(v any) (*string, error) {
	if v == nil {
		return nil, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	s := string(b)
	return &s, nil
}

// notFound is the error for an id that names nothing. field, when set, names
// the input field that carried the id.
func notFound(entity string, id int64, field string) error {
	return alliance.FieldErrorf(alliance.ENOTFOUND, field, "%s %d not found", entity, id)
}

// first loads one row by id into dst, or returns a NOT_FOUND error.
func first(g *gorm.DB, dst any, id int64, entity, field string) error {
	err := g.Where("id = ?", id).Take(dst).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return notFound(entity, id, field)
	}
	return err
}

// forUpdate is for reads to reads inside a write transaction that are about
// to decide a write: on MySQL they take a row lock (SQLite's immediate
// transactions already hold the database's write lock).
func (t *tx) forUpdate() *gorm.DB {
	if t.g.Dialector.Name() == "mysql" {
		return t.g.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	return t.g
}
