package main

import (
	"flag"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"alliance/db"
	"alliance/graph"
)

// config is every setting of the program. Each has a flag and an environment
// variable; a flag wins over the variable, the variable over the default.
type config struct {
	Addr             string
	DB               string
	Demo             bool
	BootstrapToken   string
	CORSOrigins      []string
	LogFormat        string
	LogLevel         string
	MaxBodyBytes     int64
	ParserTokenLimit int
	ShutdownTimeout  time.Duration
	Auth             bool
	LogSQLValues     bool
	PublicURL        string
	MaxQueryCost     int
	MaxQueryDepth    int
	MaxQueryFields   int
	MaxConcurrent    int
	MaxExpensive     int
	ExpensiveCost    int
	MaxWrites        int
	WriteQueue       int
	WriteWait        time.Duration
	WriteAttempts    int
	WriteRetryDelay  time.Duration
	RateLimit        float64
	DebugStats       bool
	LoaderWait       time.Duration
	SessionIdle      time.Duration
	SessionLifetime  time.Duration
	SessionKeep      time.Duration
	MetricsToken     string
	PullInterval     time.Duration
	// Single sign-on, mail and trusted proxies (config_signin.go).
	signInConfig
}

// Defaults.
const (
	defaultAddr = "127.0.0.1:8080"
	defaultDB   = "sqlite:data/alliance.db"
)

// setting describes one setting for the flag set of a command, for its
// environment variable and for the docs.
type setting struct {
	flag, env, usage string
	// bind registers the flag on fs with the value from the environment (or
	// the default) and returns an error for an environment value that does not
	// parse.
	bind func(fs *flag.FlagSet, c *config, fromEnv string, set bool) error
}

func stringSetting(flagName, env, def, usage string, field func(*config) *string) setting {
	return setting{flagName, env, usage, func(fs *flag.FlagSet, c *config, v string, set bool) error {
		if !set {
			v = def
		}
		fs.StringVar(field(c), flagName, v, usage)
		return nil
	}}
}

// settings lists every setting. Commands pick the ones they take by flag name.
var settings = []setting{
	stringSetting("addr", "ALLIANCE_ADDR", defaultAddr, "address to listen on (host:port)", func(c *config) *string { return &c.Addr }),
	stringSetting("db", "ALLIANCE_DB", defaultDB, "database: sqlite:PATH or mysql://USER:PASS@HOST:PORT/DB", func(c *config) *string { return &c.DB }),
	{"demo", "ALLIANCE_DEMO", "load the demo portfolio when the database is empty", func(fs *flag.FlagSet, c *config, v string, set bool) error {
		def := false
		if set {
			b, err := strconv.ParseBool(v)
			if err != nil {
				return fmt.Errorf("ALLIANCE_DEMO=%q: want true or false", v)
			}
			def = b
		}
		fs.BoolVar(&c.Demo, "demo", def, "load the demo portfolio when the database is empty")
		return nil
	}},
	{"cors-origins", "ALLIANCE_CORS_ORIGINS", "comma-separated origins allowed to call the API from a browser (default: none)", func(fs *flag.FlagSet, c *config, v string, _ bool) error {
		c.CORSOrigins = splitList(v)
		fs.Func("cors-origins", "comma-separated origins allowed to call the API from a browser (default: none)", func(s string) error {
			c.CORSOrigins = splitList(s)
			return nil
		})
		return nil
	}},
	stringSetting("log-format", "ALLIANCE_LOG_FORMAT", "text", "log format: text or json", func(c *config) *string { return &c.LogFormat }),
	stringSetting("log-level", "ALLIANCE_LOG_LEVEL", "info", "log level: debug, info, warn or error", func(c *config) *string { return &c.LogLevel }),
	{"max-body-bytes", "ALLIANCE_MAX_BODY_BYTES", "largest request body accepted, in bytes", func(fs *flag.FlagSet, c *config, v string, set bool) error {
		def := int64(1 << 20)
		if set {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n < 1024 {
				return fmt.Errorf("ALLIANCE_MAX_BODY_BYTES=%q: want a number of bytes, at least 1024", v)
			}
			def = n
		}
		fs.Int64Var(&c.MaxBodyBytes, "max-body-bytes", def, "largest request body accepted, in bytes")
		return nil
	}},
	{"parser-token-limit", "ALLIANCE_PARSER_TOKEN_LIMIT", "most tokens a GraphQL document may have", func(fs *flag.FlagSet, c *config, v string, set bool) error {
		def := 15000
		if set {
			n, err := strconv.Atoi(v)
			if err != nil || n < 100 {
				return fmt.Errorf("ALLIANCE_PARSER_TOKEN_LIMIT=%q: want a number, at least 100", v)
			}
			def = n
		}
		fs.IntVar(&c.ParserTokenLimit, "parser-token-limit", def, "most tokens a GraphQL document may have")
		return nil
	}},
	{"shutdown-timeout", "ALLIANCE_SHUTDOWN_TIMEOUT", "how long to let requests in flight finish on SIGTERM or SIGINT", func(fs *flag.FlagSet, c *config, v string, set bool) error {
		def := 15 * time.Second
		if set {
			d, err := time.ParseDuration(v)
			if err != nil || d < 0 {
				return fmt.Errorf("ALLIANCE_SHUTDOWN_TIMEOUT=%q: want a duration such as 15s", v)
			}
			def = d
		}
		fs.DurationVar(&c.ShutdownTimeout, "shutdown-timeout", def, "how long to let requests in flight finish on SIGTERM or SIGINT")
		return nil
	}},
}

// durationSetting is a setting of a length of time, at least min.
func durationSetting(flagName, env string, def, min time.Duration, usage string, field func(*config) *time.Duration) setting {
	return setting{flagName, env, usage, func(fs *flag.FlagSet, c *config, v string, set bool) error {
		d := def
		if set {
			var err error
			if d, err = time.ParseDuration(v); err != nil || d < min {
				return fmt.Errorf("%s=%q: want a duration of at least %s, such as %s", env, v, min, def)
			}
		}
		fs.Func(flagName, fmt.Sprintf("%s (default %s)", usage, def), func(s string) error {
			parsed, err := time.ParseDuration(s)
			if err != nil || parsed < min {
				return fmt.Errorf("want a duration of at least %s, such as %s", min, def)
			}
			*field(c) = parsed
			return nil
		})
		*field(c) = d
		return nil
	}}
}

func intSetting(flagName, env string, def, min int, usage string, field func(*config) *int) setting {
	return setting{flagName, env, usage, func(fs *flag.FlagSet, c *config, v string, set bool) error {
		n := def
		if set {
			var err error
			if n, err = strconv.Atoi(v); err != nil || n < min {
				return fmt.Errorf("%s=%q: want a whole number, at least %d", env, v, min)
			}
		}
		fs.IntVar(field(c), flagName, n, usage)
		return nil
	}}
}

// boolSetting is a true-or-false setting.
func boolSetting(flagName, env string, def bool, usage string, field func(*config) *bool) setting {
	return setting{flagName, env, usage, func(fs *flag.FlagSet, c *config, v string, set bool) error {
		b := def
		if set {
			parsed, err := strconv.ParseBool(v)
			if err != nil {
				return fmt.Errorf("%s=%q: want true or false", env, v)
			}
			b = parsed
		}
		fs.BoolVar(field(c), flagName, b, usage)
		return nil
	}}
}

func init() {
	settings = append(settings,
		boolSetting("auth", "ALLIANCE_AUTH", true, "require an API token on every request; false is allowed only when listening on loopback", func(c *config) *bool { return &c.Auth }),
		boolSetting("log-sql-values", "ALLIANCE_LOG_SQL_VALUES", false, "write the values bound to the SQL statements the log shows (slow or failed ones): this exposes data, token hashes included; for debugging only", func(c *config) *bool { return &c.LogSQLValues }),
		stringSetting("public-url", "ALLIANCE_PUBLIC_URL", "", "the server's address as users reach it, for links (default: the address of each request)", func(c *config) *string { return &c.PublicURL }),
		intSetting("max-query-cost", "ALLIANCE_MAX_QUERY_COST", 200_000, 100, "largest cost of one GraphQL operation (a list costs its page size times each element)", func(c *config) *int { return &c.MaxQueryCost }),
		intSetting("max-query-depth", "ALLIANCE_MAX_QUERY_DEPTH", 12, 2, "deepest nesting of fields in one GraphQL operation", func(c *config) *int { return &c.MaxQueryDepth }),
		intSetting("max-query-fields", "ALLIANCE_MAX_QUERY_FIELDS", 5_000, 10, "most fields one GraphQL operation may expand to, a fragment counted each time it is spread", func(c *config) *int { return &c.MaxQueryFields }),
		intSetting("max-concurrent", "ALLIANCE_MAX_CONCURRENT", 8, 1, "GraphQL operations one token may have running at once (429 beyond)", func(c *config) *int { return &c.MaxConcurrent }),
		intSetting("max-expensive", "ALLIANCE_MAX_EXPENSIVE", 0, 0, "expensive GraphQL operations (costing expensive-cost or more) running at once across every token; others wait their turn (0: half the cores)", func(c *config) *int { return &c.MaxExpensive }),
		intSetting("expensive-cost", "ALLIANCE_EXPENSIVE_COST", graph.DefaultExpensiveCost, 1, "the cost from which a GraphQL operation is expensive and takes turns (see max-expensive)", func(c *config) *int { return &c.ExpensiveCost }),
		setting{"rate-limit", "ALLIANCE_RATE_LIMIT", "query cost each token may spend per second, per server process (bursts up to twice max-query-cost)", func(fs *flag.FlagSet, c *config, v string, set bool) error {
			def := float64(graph.DefaultCostPerSecond)
			if set {
				f, err := strconv.ParseFloat(v, 64)
				if err != nil || f <= 0 {
					return fmt.Errorf("ALLIANCE_RATE_LIMIT=%q: want a positive number", v)
				}
				def = f
			}
			fs.Float64Var(&c.RateLimit, "rate-limit", def, "query cost each token may spend per second, per server process (bursts up to twice max-query-cost)")
			return nil
		}},
		durationSetting("session-idle", "ALLIANCE_SESSION_IDLE", 12*time.Hour, time.Second,
			"a signed-in session not used for this long ends (not one made with keep me signed in)", func(c *config) *time.Duration { return &c.SessionIdle }),
		durationSetting("session-lifetime", "ALLIANCE_SESSION_LIFETIME", 7*24*time.Hour, time.Second,
			"a signed-in session ends this long after sign-in, however much it is used", func(c *config) *time.Duration { return &c.SessionLifetime }),
		durationSetting("session-keep", "ALLIANCE_SESSION_KEEP", 30*24*time.Hour, time.Second,
			"how long a session made with keep me signed in lasts (it survives closing the browser)", func(c *config) *time.Duration { return &c.SessionKeep }),
		setting{"debug-stats", "ALLIANCE_DEBUG_STATS", "serve GET /debug/stats: the SQL statements run since start, for benchmarks; and /debug/pprof/ profiles, to admin tokens from loopback (off by default)", func(fs *flag.FlagSet, c *config, v string, set bool) error {
			def := false
			if set {
				b, err := strconv.ParseBool(v)
				if err != nil {
					return fmt.Errorf("ALLIANCE_DEBUG_STATS=%q: want true or false", v)
				}
				def = b
			}
			fs.BoolVar(&c.DebugStats, "debug-stats", def, "serve GET /debug/stats: the SQL statements run since start, for benchmarks; and /debug/pprof/ profiles, to admin tokens from loopback (off by default)")
			return nil
		}},
		intSetting("max-writes", "ALLIANCE_MAX_WRITES", 0, 0, "write transactions running at once in this process (0: 1 on SQLite, 4 on MySQL); the others wait their turn holding no database connection", func(c *config) *int { return &c.MaxWrites }),
		intSetting("write-queue", "ALLIANCE_WRITE_QUEUE", db.DefaultWriteQueue, 1, "writes that may wait for a turn (see max-writes); one more is refused at once with 503 OVERLOADED and Retry-After", func(c *config) *int { return &c.WriteQueue }),
		durationSetting("write-wait", "ALLIANCE_WRITE_WAIT", db.DefaultWriteWait, time.Millisecond, "how long a write waits for its turn before it is refused with 503 OVERLOADED and Retry-After", func(c *config) *time.Duration { return &c.WriteWait }),
		intSetting("write-attempts", "ALLIANCE_WRITE_ATTEMPTS", db.DefaultWriteAttempts, 1, "how many times in all a write transaction that loses a conflict with concurrent writes (deadlock, lock wait timeout, Galera certification) is run before it fails with 503 CONFLICT_RETRY and Retry-After", func(c *config) *int { return &c.WriteAttempts }),
		durationSetting("write-retry-delay", "ALLIANCE_WRITE_RETRY_DELAY", db.DefaultRetryDelay, time.Millisecond, "base of the jittered pauses between those runs: the n-th lasts between half and all of the base times 2^(n-1)", func(c *config) *time.Duration { return &c.WriteRetryDelay }),
		stringSetting("metrics-token", "ALLIANCE_METRICS_TOKEN", "", "serve GET /metrics (Prometheus) to requests with Authorization: Bearer <this token>, at least 16 characters; off (404) when unset. Prefer the variable: a flag shows in the process list", func(c *config) *string { return &c.MetricsToken }),
		durationSetting("pull-interval", "ALLIANCE_PULL_INTERVAL", 5*time.Minute, 0,
			"how often this server pulls the measurement sources from Prometheus, when it holds the puller's lease (one server of a database does); 0: never", func(c *config) *time.Duration { return &c.PullInterval }),
		durationSetting("loader-wait", "ALLIANCE_LOADER_WAIT", graph.DefaultLoaderWait, 0, "how long each data loader waits for more keys before it reads them in one statement (0: read at once)", func(c *config) *time.Duration { return &c.LoaderWait }),
	)
}

// envOnly are settings that have no flag, because a flag would show a secret
// in the process list.
var envOnly = []struct{ env, usage string }{
	{"ALLIANCE_BOOTSTRAP_TOKEN", "on start, an admin API token with exactly this secret exists (at least 16 characters)"},
}

// parseConfig parses the flags of a command (those in flags) over the
// environment.
func parseConfig(command string, flags []string, args []string, getenv func(string) string) (*config, *flag.FlagSet, error) {
	return parseConfigWith(command, flags, args, getenv, nil)
}

// parseConfigWith is parseConfig for a command with flags of its own,
// which extra adds.
func parseConfigWith(command string, flags []string, args []string, getenv func(string) string, extra func(*flag.FlagSet)) (*config, *flag.FlagSet, error) {
	c := &config{BootstrapToken: getenv("ALLIANCE_BOOTSTRAP_TOKEN")}
	fs := flag.NewFlagSet("alliance "+command, flag.ContinueOnError)
	if extra != nil {
		extra(fs)
	}
	for _, s := range settings {
		if !slices.Contains(flags, s.flag) {
			continue
		}
		v := getenv(s.env)
		if err := s.bind(fs, c, v, v != ""); err != nil {
			return nil, fs, err
		}
	}
	if err := fs.Parse(args); err != nil {
		return nil, fs, err
	}
	if fs.NArg() > 0 {
		return nil, fs, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	return c, fs, nil
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
