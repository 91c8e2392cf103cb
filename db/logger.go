package db

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// slowStatement is how long a statement may run before it is logged.
const slowStatement = 500 * time.Millisecond

// countingLogger is gorm's logger: it counts every statement and sends slow
// and failed ones to the structured log (at debug level: failures reach the
// user as errors and are logged where they are handled).
type countingLogger struct{ db *DB }

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

func (l *countingLogger) Trace(ctx context.Context, begin time.Time, fc func() (string, int64), err error) {
	l.db.stmts.Add(1)
	elapsed := time.Since(begin)
	switch {
	case err != nil && !errors.Is(err, gorm.ErrRecordNotFound):
		sql, rows := fc()
		l.db.log.DebugContext(ctx, "sql failed", "err", err, "sql", sql, "rows", rows, "ms", elapsed.Milliseconds())
	case elapsed > slowStatement:
		sql, rows := fc()
		l.db.log.WarnContext(ctx, "slow sql", "sql", sql, "rows", rows, "ms", elapsed.Milliseconds())
	}
}

var _ logger.Interface = (*countingLogger)(nil)
