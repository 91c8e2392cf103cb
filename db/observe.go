package db

import (
	"context"
	"time"

	"alliance"
)

// Observer is told what the database layer does that operators watch: the
// server's metrics (see the server's /metrics) implement it. Its methods
// must be quick and safe for concurrent use.
type Observer interface {
	// FiguresRefreshed is told how long a write transaction spent bringing
	// the stored figures up to date (kind "write"), or rebuilding all of
	// them (kind "full").
	FiguresRefreshed(kind string, d time.Duration)
	// MeasurementsRecorded is told of measurements written and committed,
	// by the way they came in: "api" (recordMeasurement), "import", or the
	// name an ingester gives (see CountRecorded).
	MeasurementsRecorded(via string, n int)
}

// Observe sets who is told what the database does (nil: nobody). Call it
// before the database is used.
func (db *DB) Observe(o Observer) { db.observer = o }

// CountRecorded tells the observer that n measurements that came in by via
// (a short fixed name such as "prometheus") were committed: for code that
// records measurements through other paths than RecordMeasurement and
// Import, which count theirs.
func (db *DB) CountRecorded(via string, n int) {
	if db.observer != nil && n > 0 {
		db.observer.MeasurementsRecorded(via, n)
	}
}

// timeFigures starts timing a refresh of the figures; the function it
// returns tells o, if any.
func timeFigures(o Observer, kind string) func() {
	if o == nil {
		return func() {}
	}
	start := time.Now()
	return func() { o.FiguresRefreshed(kind, time.Since(start)) }
}

// refused notes in the request's note that a limit of the database layer
// refused it.
func refused(ctx context.Context, limit string) {
	alliance.NoteFrom(ctx).Refused(limit)
}

// inTransaction reports whether ctx is inside Atomically, whose writes are
// not committed when a write returns.
func inTransaction(ctx context.Context) bool {
	_, ok := ctx.Value(txKey{}).(*tx)
	return ok
}
