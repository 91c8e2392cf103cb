package main

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/shopspring/decimal"

	"alliance/coverage"
	"alliance/db"
)

// The floor: the least a server can do to answer the measured queries over
// Alliance's tables. Each answer is read with as few hand-written
// statements as the stored figures allow, computed where needed by the same
// rules (package coverage), and written with encoding/json as the data of
// Alliance's GraphQL answer, with no GraphQL, no loaders, no ORM, no
// authentication and no logging. It is the yardstick of every figure the
// harness prints.

// floor is the floor's handler and its database.
type floor struct {
	db      *sql.DB
	dialect string
	stmts   atomic.Int64
}

// floorCommand runs `perf floor --db URL --addr HOST:PORT` until ctx ends.
func floorCommand(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("perf floor", flag.ContinueOnError)
	url := fs.String("db", "", "database URL, as Alliance's --db")
	addr := fs.String("addr", "127.0.0.1:0", "address to listen on")
	if err := fs.Parse(args); err != nil {
		return err
	}
	d, dialect, err := openSQL(*url)
	if err != nil {
		return fmt.Errorf("floor: open %s: %w", db.Redact(*url), err)
	}
	defer d.Close()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	f := &floor{db: d, dialect: dialect}
	srv := &http.Server{Handler: f.routes(), ReadHeaderTimeout: 10 * time.Second, ErrorLog: log.New(io.Discard, "", 0)}
	fmt.Fprintf(stdout, "floor listening at http://%s\n", ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return srv.Shutdown(sctx)
}

func (f *floor) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") })
	mux.HandleFunc("GET /debug/stats", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, map[string]int64{"statements": f.stmts.Load()})
	})
	mux.HandleFunc("GET /q1", f.answer(f.clientMap))
	mux.HandleFunc("GET /q3", f.answer(f.portfolioAndGaps))
	mux.HandleFunc("GET /q4", f.answer(f.clientsByScore))
	mux.HandleFunc("GET /q5", f.answer(f.impact))
	mux.HandleFunc("GET /q6", f.answer(f.matches))
	mux.HandleFunc("GET /q2.json", f.report(false))
	mux.HandleFunc("GET /q2.csv", f.report(true))
	return mux
}

// answer serves a computed answer as JSON; an error is a 500 with its text.
func (f *floor) answer(fn func(ctx context.Context, r *http.Request) (any, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		v, err := fn(r.Context(), r)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		writeJSON(w, v)
	}
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	bw := bufio.NewWriterSize(w, 32<<10)
	json.NewEncoder(bw).Encode(v)
	bw.Flush()
}

// querier runs the floor's statements, counting each.
type querier struct {
	f    *floor
	conn interface {
		QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
		QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	}
	end func()
}

func (q *querier) query(ctx context.Context, s string, args ...any) (*sql.Rows, error) {
	q.f.stmts.Add(1)
	return q.conn.QueryContext(ctx, s, args...)
}

func (q *querier) row(ctx context.Context, s string, args ...any) *sql.Row {
	q.f.stmts.Add(1)
	return q.conn.QueryRowContext(ctx, s, args...)
}

// pool reads without a transaction: for answers of one statement.
func (f *floor) pool() *querier { return &querier{f: f, conn: f.db, end: func() {}} }

// snapshot reads in a read-only transaction, as Alliance reads every
// operation, so that an answer of several statements sees one state of the
// data. Its BEGIN and ROLLBACK are not counted, as Alliance's are not.
func (f *floor) snapshot(ctx context.Context) (*querier, error) {
	conn, err := f.db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	begin := []string{"BEGIN"}
	if f.dialect == db.MySQL {
		begin = []string{"SET TRANSACTION ISOLATION LEVEL REPEATABLE READ", "START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY"}
	}
	for _, s := range begin {
		if _, err := conn.ExecContext(ctx, s); err != nil {
			conn.Close()
			return nil, err
		}
	}
	end := func() {
		if _, err := conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK"); err != nil {
			_ = conn.Raw(func(any) error { return errors.New("rollback failed: drop the connection") })
		}
		conn.Close()
	}
	return &querier{f: f, conn: conn, end: end}, nil
}

// sumMoney is a SELECT expression that sums a money column exactly: MySQL
// sums DECIMAL exactly; SQLite is given whole cents.
func (f *floor) sumMoney(column string) string {
	if f.dialect == db.MySQL {
		return "COALESCE(SUM(" + column + "), 0)"
	}
	return "COALESCE(SUM(CAST(ROUND(" + column + " * 100) AS INTEGER)), 0)"
}

// money reads what sumMoney summed.
func (f *floor) money(v decimal.Decimal) string {
	if f.dialect == db.MySQL {
		return v.Round(2).StringFixed(2)
	}
	return decimal.New(v.IntPart(), -2).StringFixed(2)
}

// amount writes a stored exact fraction ("n/d") as Money: cents, rounded
// half away from zero, as Alliance does.
func amount(s string) (string, error) {
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		return "", fmt.Errorf("stored amount %q is not a number", s)
	}
	return coverage.Cents(r).StringFixed(2), nil
}

type statusCount struct {
	Status string `json:"status"`
	Count  int    `json:"count"`
}

func statusCounts(c coverage.Counts) []statusCount {
	out := make([]statusCount, len(coverage.Statuses))
	for i, s := range coverage.Statuses {
		out[i] = statusCount{string(s), c[i]}
	}
	return out
}

func idString(id int64) string { return fmt.Sprint(id) }

// nullFloat is a nullable float as JSON.
func nullFloat(v sql.NullFloat64) *float64 {
	if !v.Valid {
		return nil
	}
	return &v.Float64
}
