package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/glebarez/sqlite"
	"github.com/go-sql-driver/mysql"
	gormmysql "gorm.io/driver/mysql"
	"gorm.io/gorm"

	"alliance"
)

// Dialects.
const (
	SQLite = "sqlite"
	MySQL  = "mysql"
)

// DB is an open database. Open creates it; the caller closes it.
type DB struct {
	gorm    *gorm.DB
	sql     *sql.DB
	dialect string
	path    string // the SQLite file; "" for MySQL
	// galera says the MySQL server is a node of a Galera cluster.
	galera bool
	log    *slog.Logger
	stmts  atomic.Int64
	logger *countingLogger
	tokens tokenCache
	keyMu  sync.Mutex
	key    []byte
	// clock tells the time of writes and of the sessions' expiry (see
	// SetClock).
	clock func() time.Time
	// gate lets write transactions in (see SetWrites); pool is how many
	// connections the pool holds at most.
	gate *writeGate
	pool int
	// conflicts counts the runs of write transactions lost to a conflict
	// (each run again or, the last, failed with CONFLICT_RETRY).
	conflicts atomic.Int64
	// observer is told what operators watch (see Observe).
	observer Observer
}

// SetClock makes the database tell time by now instead of the system clock:
// for tests of what expires. Call it before the database is used.
func (db *DB) SetClock(now func() time.Time) { db.clock = now }

// now is the time by the database's clock, as times are stored.
func (db *DB) now() time.Time {
	if db.clock != nil {
		return alliance.Timestamp(db.clock())
	}
	return alliance.Timestamp(time.Now())
}

// Target is a parsed database URL.
type Target struct {
	Dialect string
	// DSN is what the driver opens.
	DSN string
	// Path is the SQLite file; Database the MySQL schema name.
	Path     string
	Database string
	mysql    *mysql.Config
}

// ParseURL parses a database URL: "sqlite:PATH" or
// "mysql://USER:PASS@HOST:PORT/DB?param=value". The database name may be
// left out of a MySQL URL only where the caller says so (tests that create
// their own databases).
func ParseURL(raw string, needDatabase bool) (*Target, error) {
	switch {
	case strings.HasPrefix(raw, "sqlite:"):
		path := strings.TrimPrefix(raw, "sqlite:")
		path = strings.TrimPrefix(path, "//")
		if path == "" {
			return nil, fmt.Errorf("database URL %q: the SQLite file path is missing (sqlite:PATH)", raw)
		}
		if strings.Contains(path, "?") || strings.Contains(path, ":memory:") {
			return nil, fmt.Errorf("database URL %q: give a file path (sqlite:data/alliance.db); options and in-memory databases are not supported", raw)
		}
		return &Target{Dialect: SQLite, Path: path, DSN: sqliteDSN(path)}, nil
	case strings.HasPrefix(raw, "mysql://"):
		u, err := url.Parse(raw)
		if err != nil {
			return nil, fmt.Errorf("database URL: %w", err)
		}
		cfg := mysql.NewConfig()
		cfg.Net = "tcp"
		cfg.Addr = u.Host
		if u.Port() == "" {
			cfg.Addr = u.Host + ":3306"
		}
		if u.Hostname() == "" {
			return nil, fmt.Errorf("database URL %q: the host is missing (mysql://USER:PASS@HOST:PORT/DB)", redact(raw))
		}
		cfg.User = u.User.Username()
		cfg.Passwd, _ = u.User.Password()
		cfg.DBName = strings.TrimPrefix(u.Path, "/")
		if needDatabase && cfg.DBName == "" {
			return nil, fmt.Errorf("database URL %q: the database name is missing (mysql://USER:PASS@HOST:PORT/DB)", redact(raw))
		}
		if strings.Contains(cfg.DBName, "/") || strings.Contains(cfg.DBName, "`") {
			return nil, fmt.Errorf("database URL %q: %q is not a database name", redact(raw), cfg.DBName)
		}
		cfg.ParseTime = true
		cfg.Loc = time.UTC
		cfg.Collation = "utf8mb4_bin"
		cfg.Params = map[string]string{"time_zone": "'+00:00'"}
		// Parameters are interpolated into the statement text by the
		// driver (the text protocol) unless the URL says otherwise: with
		// server-side prepared statements a MariaDB Galera cluster lost
		// acknowledged writes under concurrent writers on two nodes, with
		// interpolation it lost none (see docs/SCALING.md). The driver
		// escapes the values itself, with the connection's character set
		// (utf8mb4; interpolation refuses the multibyte sets where that
		// would be unsafe).
		cfg.InterpolateParams = !u.Query().Has("interpolateParams")
		for k, vs := range u.Query() {
			if len(vs) > 0 {
				cfg.Params[k] = vs[0]
			}
		}
		// Params the driver knows (tls, timeout, ...) are parsed from the DSN
		// form, so round-trip through it.
		parsed, err := mysql.ParseDSN(cfg.FormatDSN())
		if err != nil {
			return nil, fmt.Errorf("database URL %q: %w", redact(raw), err)
		}
		return &Target{Dialect: MySQL, DSN: parsed.FormatDSN(), Database: parsed.DBName, mysql: parsed}, nil
	default:
		return nil, fmt.Errorf("database URL %q: expected sqlite:PATH or mysql://USER:PASS@HOST:PORT/DB", redact(raw))
	}
}

// redact hides the password of a URL for messages and logs.
func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		return raw
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

// Redact hides the password of a database URL.
func Redact(raw string) string { return redact(raw) }

func sqliteDSN(path string) string {
	q := url.Values{}
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "synchronous(NORMAL)")
	// Write transactions take the write lock when they begin, so that two
	// never deadlock upgrading a read lock (which the busy timeout cannot
	// resolve). No _time_format: the driver stops reading parameters after
	// that one, and its default already writes "2006-01-02 15:04:05.999999999-07:00".
	q.Set("_txlock", "immediate")
	return path + "?" + q.Encode()
}

// Open opens the database at url. A missing SQLite file is created with its
// folder; a missing MySQL database is created when the user may. The schema is
// not touched: call Migrate.
func Open(ctx context.Context, rawURL string, log *slog.Logger) (*DB, error) {
	t, err := ParseURL(rawURL, true)
	if err != nil {
		return nil, err
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	db := &DB{dialect: t.Dialect, path: t.Path, log: log}
	db.logger = newCountingLogger(db)
	var dialector gorm.Dialector
	switch t.Dialect {
	case SQLite:
		if dir := filepath.Dir(t.Path); dir != "." {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return nil, fmt.Errorf("create the database folder: %w", err)
			}
		}
		dialector = sqlite.Open(t.DSN)
	case MySQL:
		if err := ensureMySQLDatabase(ctx, t); err != nil {
			return nil, err
		}
		if db.galera, err = causalOnGalera(ctx, t); err != nil {
			return nil, err
		}
		if db.galera {
			log.Info("the database is a node of a Galera cluster: every session waits for the node to apply the writes committed before it reads (wsrep_sync_wait)",
				"wsrep_sync_wait", t.mysql.Params["wsrep_sync_wait"])
		}
		dialector = gormmysql.New(gormmysql.Config{DSN: t.DSN})
	}
	g, err := gorm.Open(dialector, &gorm.Config{
		Logger:                 db.logger,
		NowFunc:                func() time.Time { return alliance.Timestamp(time.Now()) },
		SkipDefaultTransaction: true,
		TranslateError:         true,
	})
	if err != nil {
		return nil, fmt.Errorf("open %s database: %w", t.Dialect, err)
	}
	db.gorm = g
	if db.sql, err = g.DB(); err != nil {
		return nil, err
	}
	if t.Dialect == SQLite {
		db.pool = 8
	} else {
		db.pool = 32
		db.sql.SetMaxIdleConns(8)
		db.sql.SetConnMaxLifetime(5 * time.Minute)
	}
	db.sql.SetMaxOpenConns(db.pool)
	db.SetWrites(Writes{})
	if err := db.Ping(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("connect to the %s database: %w", t.Dialect, err)
	}
	return db, nil
}

// ensureMySQLDatabase creates the database named by t when it does not exist.
func ensureMySQLDatabase(ctx context.Context, t *Target) error {
	cfg := *t.mysql
	cfg.DBName = ""
	conn, err := sql.Open("mysql", cfg.FormatDSN())
	if err != nil {
		return err
	}
	defer conn.Close()
	pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	var one int
	err = conn.QueryRowContext(pctx, "SELECT 1 FROM information_schema.schemata WHERE schema_name = ?", t.Database).Scan(&one)
	switch {
	case err == nil:
		return nil
	case !errors.Is(err, sql.ErrNoRows):
		return fmt.Errorf("connect to MySQL at %s: %w", cfg.Addr, err)
	}
	if _, err := conn.ExecContext(pctx, "CREATE DATABASE IF NOT EXISTS `"+t.Database+"` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"); err != nil {
		return fmt.Errorf("database %q does not exist and could not be created (create it with: CREATE DATABASE %s CHARACTER SET utf8mb4): %w", t.Database, t.Database, err)
	}
	return nil
}

// causalOnGalera finds whether the server of t is a node of a Galera
// cluster (wsrep_on), and if so makes every session of t wait, before it
// reads, for the node to have applied every write the cluster committed
// before (wsrep_sync_wait=1), unless the URL sets wsrep_sync_wait itself.
// Without it a node answers from what it has applied so far: a client that
// wrote through one server and reads through another, on another node, may
// not see its own write (8% of such reads were stale or torn in a probe;
// none with it). MySQL, which has no wsrep_on, is not Galera.
func causalOnGalera(ctx context.Context, t *Target) (bool, error) {
	conn, err := sql.Open("mysql", t.DSN)
	if err != nil {
		return false, err
	}
	defer conn.Close()
	pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	var on sql.NullInt64
	err = conn.QueryRowContext(pctx, "SELECT @@wsrep_on").Scan(&on)
	var me *mysql.MySQLError
	switch {
	case errors.As(err, &me) && me.Number == 1193: // unknown system variable
		return false, nil
	case err != nil:
		return false, fmt.Errorf("connect to MySQL at %s: %w", t.mysql.Addr, err)
	case on.Int64 != 1:
		return false, nil
	}
	if _, set := t.mysql.Params["wsrep_sync_wait"]; !set {
		t.mysql.Params["wsrep_sync_wait"] = "1"
		t.DSN = t.mysql.FormatDSN()
	}
	return true, nil
}

// Galera says whether the database is a node of a Galera cluster (see
// causalOnGalera).
func (db *DB) Galera() bool { return db.galera }

// ClusterState returns, on a Galera node, its local state as the node tells
// it ("Synced", "Joined", "Donor/Desynced", ...) and whether it may serve
// (wsrep_ready and Synced): a node catching up after it rejoined answers,
// but may still lack writes the cluster acknowledged, so /readyz sends no
// traffic to it until it is synced. Elsewhere it returns "", true.
func (db *DB) ClusterState(ctx context.Context) (state string, synced bool, err error) {
	if !db.galera {
		return "", true, nil
	}
	rows, err := db.sql.QueryContext(ctx, "SHOW STATUS WHERE Variable_name IN ('wsrep_ready', 'wsrep_local_state_comment')")
	if err != nil {
		return "", false, err
	}
	defer rows.Close()
	ready := false
	for rows.Next() {
		var name, value string
		if err := rows.Scan(&name, &value); err != nil {
			return "", false, err
		}
		switch strings.ToLower(name) {
		case "wsrep_ready":
			ready = strings.EqualFold(value, "ON")
		case "wsrep_local_state_comment":
			state = value
		}
	}
	if err := rows.Err(); err != nil {
		return "", false, err
	}
	return state, ready && state == "Synced", nil
}

// Dialect returns SQLite or MySQL.
func (db *DB) Dialect() string { return db.dialect }

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error { return db.sql.PingContext(ctx) }

// Close closes the database.
func (db *DB) Close() error { return db.sql.Close() }

// Conflicts returns how many runs of write transactions lost a conflict
// with concurrent writes (a deadlock, a lock wait timeout, a Galera
// certification conflict) since the database was opened.
func (db *DB) Conflicts() int64 { return db.conflicts.Load() }

// Statements returns how many SQL statements this DB has run through gorm
// since it was opened. Tests use it to show that the statements of a request
// do not grow with the size of its answer.
func (db *DB) Statements() int64 { return db.stmts.Load() }

var _ alliance.Store = (*DB)(nil)

// SQL returns the database handle underneath, for tests that check what was
// written without going through the store.
func (db *DB) SQL() *sql.DB { return db.sql }
