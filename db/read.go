package db

import (
	"context"
	"database/sql/driver"
	"sync"
	"time"

	"gorm.io/gorm"
)

// readTx is a read-only transaction that serves every read of one operation,
// so that all of its answers come from one state of the database. Its reads
// may come from several goroutines at once (loaders); they take turns, since
// one connection reads one result at a time.
type readTx struct {
	mu sync.Mutex
	g  *gorm.DB
}

type readKey struct{}

// ReadOnly returns a context whose reads through db all see one state of the
// database, and the function that ends it (call it once the reads are done).
// On SQLite the snapshot is taken by the first read; on MySQL at once (a
// consistent snapshot, at repeatable read).
func (db *DB) ReadOnly(ctx context.Context) (context.Context, func(), error) {
	if _, ok := ctx.Value(readKey{}).(*readTx); ok {
		return ctx, func() {}, nil
	}
	if _, ok := ctx.Value(txKey{}).(*tx); ok {
		return ctx, func() {}, nil // inside Atomically: its reads see its writes
	}
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return nil, nil, err
	}
	begin := []string{"BEGIN"}
	if db.dialect == MySQL {
		begin = []string{"SET TRANSACTION ISOLATION LEVEL REPEATABLE READ", "START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY"}
	}
	for _, stmt := range begin {
		if _, err := conn.ExecContext(ctx, stmt); err != nil {
			conn.Close()
			return nil, nil, err
		}
	}
	g := db.gorm.Session(&gorm.Session{NewDB: true, Context: ctx})
	g.Statement.ConnPool = conn
	rt := &readTx{g: g}
	end := func() {
		rt.mu.Lock()
		defer rt.mu.Unlock()
		// The request may be gone: end the transaction all the same, and
		// drop the connection if that fails, so that no connection goes
		// back to the pool inside a transaction.
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		if _, err := conn.ExecContext(cctx, "ROLLBACK"); err != nil {
			_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		}
		conn.Close()
	}
	return context.WithValue(ctx, readKey{}, rt), end, nil
}

// reader returns the connection for the reads of one method and the function
// to call when they are done: the operation's read-only transaction (taken in
// turn), the open write transaction inside Atomically, or the pool.
func (db *DB) reader(ctx context.Context) (*gorm.DB, func()) {
	if rt, ok := ctx.Value(readKey{}).(*readTx); ok {
		rt.mu.Lock()
		return rt.g.WithContext(ctx), rt.mu.Unlock
	}
	return db.conn(ctx).WithContext(ctx), func() {}
}
