package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"alliance"
	"alliance/db"
	"alliance/demo"
)

// run is the whole program: main only adds the process's arguments,
// environment, output and signals.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	command := "serve"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		command, args = args[0], args[1:]
	}
	var err error
	switch command {
	case "serve":
		err = serveCommand(ctx, args, getenv, stdout, stderr)
	case "migrate":
		err = migrateCommand(ctx, args, getenv, stdout, stderr)
	case "seed":
		err = seedCommand(ctx, args, getenv, stdout, stderr)
	case "generate":
		err = generateCommand(ctx, args, getenv, stdout, stderr)
	case "token":
		err = tokenCommand(ctx, args, getenv, stdout, stderr)
	case "user":
		err = userCommand(ctx, args, getenv, stdout, stderr)
	case "check":
		err = checkCommand(ctx, args, getenv, stdout, stderr)
	case "export":
		err = exportCommand(ctx, args, getenv, stdout, stderr)
	case "backup":
		err = backupCommand(ctx, args, getenv, stdout, stderr)
	case "restore":
		err = restoreCommand(ctx, args, getenv, stdout, stderr)
	case "import":
		err = importCommand(ctx, args, getenv, stdout, stderr)
	case "help", "-h", "--help":
		usage(stdout)
		return nil
	default:
		usage(stderr)
		return fmt.Errorf("unknown command %q", command)
	}
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	return err
}

func usage(w io.Writer) {
	fmt.Fprint(w, `Usage:
  alliance [serve] [flags]     run the server (the default command)
  alliance migrate [--db URL]  bring the database schema to the latest version
  alliance seed --demo [--db URL]
                               load the demo portfolio into an empty database
  alliance check [--db URL]    recompute every coverage figure and compare it with the
                               stored one; prints each difference and exits 1 on any
  alliance generate --clients N [--seed S] [--db URL]
                               fill an empty database with a synthetic portfolio of N clients
  alliance export --format csv|xlsx --what gaps|matrix|clients|services|map [--client ID] [--out FILE] [--db URL]
                               a list of the web app as a file (standard output without --out)
  alliance export --format json [--client ID] [--out FILE] [--db URL]
                               the whole map, or one client's part, as JSON (docs/export.schema.json)
  alliance export --format archimate [--client ID] [--out FILE] [--db URL]
                               the map as an ArchiMate 3.1 Model Exchange File, a diagram per client
  alliance backup --out FILE [--force] [--db URL]
                               a consistent copy taken while servers run: SQLite, the database file
                               (VACUUM INTO, integrity-checked); MySQL, the JSON export
  alliance restore FILE [--db URL]
                               load a JSON export into an empty database, ids and history kept
  alliance import [--dry-run] [--prune] [--all] [--db URL] FILE...
                               import an .xlsx workbook or CSV files (clients.csv, ...); exits 1 on problems
  alliance import --template FILE.xlsx [--db URL]
                               write an empty import workbook: sheets, columns, notes, drop-downs
  alliance token create --name NAME --role viewer|editor|admin [--client ID] [--expires DURATION] [--db URL]
                               make an API token; its secret is the last line printed
  alliance token list [--db URL]
  alliance token revoke --name NAME | --id ID [--db URL]
  alliance user invite --email EMAIL --name NAME --role viewer|editor|admin [--client ID] [--public-url URL] [--db URL]
                               invite a person; their one-time invitation link is the last line printed
                               (and mailed to them, with --smtp-url or ALLIANCE_SMTP_URL)
  alliance user list [--db URL]
  alliance user disable EMAIL [--db URL]
                               end their sessions; their tokens stop working
  alliance user enable EMAIL [--db URL]
  alliance user reset EMAIL [--public-url URL] [--db URL]
                               a one-time password reset link (a new invitation for an invited user)

Flags of serve (each can also be set by its environment variable):
`)
	for _, s := range settings {
		fmt.Fprintf(w, "  --%-20s %-28s %s\n", s.flag, s.env, s.usage)
	}
	fmt.Fprintln(w, "\nEnvironment only:")
	for _, e := range envOnly {
		fmt.Fprintf(w, "  %-49s %s\n", e.env, e.usage)
	}
}

// newLogger returns the program's structured logger.
func newLogger(c *config, w io.Writer) (*slog.Logger, error) {
	var level slog.Level
	if err := level.UnmarshalText([]byte(c.LogLevel)); err != nil {
		return nil, fmt.Errorf("log level %q: want debug, info, warn or error", c.LogLevel)
	}
	opts := &slog.HandlerOptions{Level: level}
	switch c.LogFormat {
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("log format %q: want text or json", c.LogFormat)
}

// openDB opens and migrates the database of c.
func openDB(ctx context.Context, c *config, log *slog.Logger) (*db.DB, error) {
	db.LogDriverTo(log)
	d, err := db.Open(ctx, c.DB, log)
	if err != nil {
		return nil, err
	}
	d.LogSQLValues(c.LogSQLValues)
	d.SetClock(clock)
	d.SetWrites(writesOf(c))
	applied, err := d.Migrate(ctx)
	if err != nil {
		d.Close()
		return nil, err
	}
	for _, m := range applied {
		log.Info("migration applied", "migration", m)
	}
	return d, nil
}

// writesOf is the bound of write transactions c sets (a command that does
// not take the settings has the defaults).
func writesOf(c *config) db.Writes {
	return db.Writes{AtOnce: c.MaxWrites, Queue: c.WriteQueue, Wait: c.WriteWait, Attempts: c.WriteAttempts, RetryDelay: c.WriteRetryDelay}
}

// openForCommand opens and migrates the database of a one-shot command,
// logging to stderr. The caller closes it.
func openForCommand(ctx context.Context, c *config, stderr io.Writer) (*db.DB, error) {
	log, err := newLogger(c, stderr)
	if err != nil {
		return nil, err
	}
	return openDB(ctx, c, log)
}

func migrateCommand(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	c, _, err := parseConfig("migrate", []string{"db", "log-format", "log-level"}, args, getenv)
	if err != nil {
		return err
	}
	d, err := openForCommand(ctx, c, stderr)
	if err != nil {
		return err
	}
	defer d.Close()
	cur, _, err := d.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "database %s is at schema version %d\n", db.Redact(c.DB), cur)
	return nil
}

func seedCommand(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	c, _, err := parseConfig("seed", []string{"db", "demo", "log-format", "log-level"}, args, getenv)
	if err != nil {
		return err
	}
	if !c.Demo {
		return errors.New("seed: say what to seed: alliance seed --demo")
	}
	d, err := openForCommand(ctx, c, stderr)
	if err != nil {
		return err
	}
	defer d.Close()
	sum, err := seedDemo(ctx, d)
	if err != nil {
		return err
	}
	if sum == nil {
		return errors.New("seed: the database already holds data; the demo portfolio loads into an empty database only")
	}
	fmt.Fprintf(stdout, "demo portfolio loaded: %d clients, %d objectives, %d requirements, %d services, %d commitments, %d measurements\n",
		sum.Clients, sum.Objectives, sum.Requirements, sum.Services, sum.Commitments, sum.Measurements)
	return nil
}

// seedDemo loads the demo portfolio, in one transaction, when the database
// holds no client and no service. It returns nil when the database is not
// empty.
func seedDemo(ctx context.Context, d *db.DB) (*demo.Summary, error) {
	var sum *demo.Summary
	ctx = alliance.WithActor(ctx, "demo")
	err := d.Atomically(ctx, func(ctx context.Context) error {
		clients, err := d.CountClients(ctx, alliance.ClientFilter{})
		if err != nil {
			return err
		}
		services, err := d.CountServices(ctx, alliance.ServiceFilter{})
		if err != nil || clients+services > 0 {
			return err
		}
		sum, err = demo.Load(ctx, d, nowFunc())
		return err
	})
	if err != nil {
		// Another server started with --demo at the same moment may have
		// seeded first: then the database is simply no longer empty.
		if n, cerr := d.CountClients(ctx, alliance.ClientFilter{}); cerr == nil && n > 0 && alliance.ErrorCode(err) == alliance.ECONFLICT {
			return nil, nil
		}
		return nil, fmt.Errorf("load the demo portfolio: %w", err)
	}
	return sum, nil
}

// nowFunc is the clock of the demo portfolio's measurements.
var nowFunc = time.Now

// clock is the server's clock for what expires: sessions, sign-in locks,
// tokens. Tests set it before they start a server, which reads it then.
var clock = time.Now
