package db

import (
	"context"
	"errors"
	"sync/atomic"
	"time"

	"golang.org/x/time/rate"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// slowStatement is how long a statement may run before it is logged.
const slowStatement = 500 * time.Millisecond

// countingLogger is gorm's logger: it counts every statement and sends slow
// and failed ones to the structured log (at debug level: failures reach the
// user as errors and are logged where they are handled). Statements are
// logged without their values, which hold the data itself and token hashes,
// unless LogSQLValues says otherwise; slow ones at most a few a second.
type countingLogger struct {
	db         *DB
	values     atomic.Bool
	slow       *rate.Limiter
	suppressed atomic.Int64
}

func newCountingLogger(db *DB) *countingLogger {
	return &countingLogger{db: db, slow: rate.NewLimiter(rate.Limit(2), 10)}
}

// LogSQLValues sets whether the statements logged (slow or failed) carry
// the values bound to them: data, including token hashes. Off by default;
// for debugging only.
func (db *DB) LogSQLValues(on bool) { db.logger.values.Store(on) }

func (l *countingLogger) LogMode(logger.LogLevel) logger.Interface { return l }

func (l *countingLogger) Info(ctx context.Context, msg string, args ...any) {
	l.db.log.InfoContext(ctx, msg, "args", args)
}

func (l *countingLogger) Warn(ctx context.Context, msg string, args ...any) {
	l.db.log.WarnContext(ctx, msg, "args", args)
}

func (l *countingLogger) Error(ctx context.Context, msg string, args ...any) {
	l.db.log.ErrorContext(ctx, msg, "args", args)
}

// ParamsFilter is how gorm asks which values to write into a statement it
// logs: none, unless they were asked for (the statement keeps its ?).
func (l *countingLogger) ParamsFilter(_ context.Context, sql string, params ...any) (string, []any) {
	if l.values.Load() {
		return sql, params
	}
	return sql, nil
}

func (l *countingLogger) Trace(ctx context.Context, begin time.Time, fc func() (string, int64), err error) {
	l.db.stmts.Add(1)
	elapsed := time.Since(begin)
	switch {
	case err != nil && !errors.Is(err, gorm.ErrRecordNotFound):
		sql, rows := fc()
		l.db.log.DebugContext(ctx, "sql failed", "err", err, "sql", sql, "rows", rows, "ms", elapsed.Milliseconds())
	case elapsed > slowStatement:
		if !l.slow.Allow() {
			l.suppressed.Add(1)
			return
		}
		sql, rows := fc()
		l.db.log.WarnContext(ctx, "slow sql", "sql", sql, "rows", rows, "ms", elapsed.Milliseconds(), "not_logged_before", l.suppressed.Swap(0))
	}
}

var (
	_ logger.Interface  = (*countingLogger)(nil)
	_ gorm.ParamsFilter = (*countingLogger)(nil)
)
