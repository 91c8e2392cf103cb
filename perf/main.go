package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "perf:", err)
		os.Exit(1)
	}
}

// run is the whole program: `perf [flags]` runs the harness, `perf floor`
// serves the floor (the harness starts it so), `perf compare BASE NOW`
// checks a run against a baseline, `perf chart --out SVG RESULTS...` draws
// latency against scale from runs' results, `perf flood` measures a cheap
// probe while several tokens flood the costliest query (see Flood).
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "floor" {
		return floorCommand(ctx, args[1:], stdout)
	}
	if len(args) > 0 && args[0] == "compare" {
		return compareCommand(args[1:], stdout)
	}
	if len(args) > 0 && args[0] == "chart" {
		return chartCommand(args[1:], stdout)
	}
	if len(args) > 0 && args[0] == "flood" {
		return floodCommand(ctx, args[1:], stdout, stderr)
	}
	o, err := parseOptions(args)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	res, err := Run(ctx, o, stderr)
	if res != nil {
		printResults(stdout, res)
		if o.Out != "" {
			if werr := writeResults(o.Out, res); werr != nil && err == nil {
				err = werr
			}
		}
	}
	return err
}

// Options are the settings of one run of the harness.
type Options struct {
	// DB is sqlite or mysql.
	DB string
	// MySQL is the server a fresh database is made on (the --db URL form
	// without a database name).
	MySQL   string
	Clients int
	Seed    uint64
	// Concurrency lists the numbers of requests in flight to measure at.
	Concurrency []int
	// Duration is how long each load lasts; 0 checks answers and counts
	// statements only.
	Duration time.Duration
	// Out is where the JSON results go ("" for nowhere).
	Out string
	// Alliance is the server binary; "" builds ./server into the run's
	// temporary folder.
	Alliance string
	// Only, when not empty, names the measurements to run (q1, q1l, q3,
	// q4, q5, q6, q2, w1).
	Only []string
	// Rounds is how many times each write of W1 is made.
	Rounds int

	// L1: L1Rate measurements a second for L1Duration on the L1Services
	// live services whose commitments are nearest L1Commitments, while
	// L1Readers open client maps (closed loop, or L1ReadRate requests a
	// second between them when above 0).
	L1Duration    time.Duration
	L1Rate        float64
	L1Readers     int
	L1ReadRate    float64
	L1Commitments int
	L1Services    int

	// Profile, when set, is a folder where a CPU profile of Alliance is
	// written for each query of ProfileQueries at each concurrency (its
	// closed loop), and summarised.
	Profile        string
	ProfileQueries []string

	// LoaderWaits are the loader waits (serve --loader-wait) the
	// measurement "waits" compares, on WaitQueries, WaitRounds times each.
	LoaderWaits []time.Duration
	WaitQueries []string
	WaitRounds  int
}

// optIn are the measurements a run makes only when --only names them: they
// last long (L1 a minute and more) or start servers of their own (waits).
var optIn = []string{"l1", "waits"}

// wants reports whether the run includes measurement name.
func (o *Options) wants(name string) bool {
	if len(o.Only) == 0 {
		return !slices.Contains(optIn, name)
	}
	return slices.Contains(o.Only, name)
}

func parseOptions(args []string) (*Options, error) {
	o := &Options{}
	fs := flag.NewFlagSet("perf", flag.ContinueOnError)
	fs.StringVar(&o.DB, "db", "sqlite", "database: sqlite (a fresh file in a temporary folder) or mysql (a fresh database on --mysql)")
	fs.StringVar(&o.MySQL, "mysql", "mysql://root@127.0.0.1:3306/", "MySQL/MariaDB server to make a fresh database on, dropped at the end")
	fs.IntVar(&o.Clients, "clients", 100, "portfolio size for alliance generate: N clients, about 50N requirements and 200N commitments")
	fs.Uint64Var(&o.Seed, "seed", 1, "alliance generate's seed; also picks the random client")
	conc := fs.String("concurrency", "1,16", "comma-separated numbers of requests in flight")
	fs.DurationVar(&o.Duration, "duration", 3*time.Second, "how long each load lasts (0: check the answers and count statements only)")
	fs.StringVar(&o.Out, "out", "", "write the results as JSON to this file")
	fs.StringVar(&o.Alliance, "alliance", "", "the alliance server binary (default: go build ./server into the run's temporary folder)")
	only := fs.String("only", "", "comma-separated measurements to run: q1,q1l,q3,q4,q5,q6,q2,w1,l1,waits (default: all but l1 and waits)")
	fs.IntVar(&o.Rounds, "rounds", 5, "how many times W1 makes each write")
	fs.DurationVar(&o.L1Duration, "l1-duration", time.Minute, "L1: how long the readers read alone, and then with the writes")
	fs.Float64Var(&o.L1Rate, "l1-rate", 50, "L1: measurements written a second")
	fs.IntVar(&o.L1Readers, "l1-readers", 8, "L1: readers opening client maps")
	fs.Float64Var(&o.L1ReadRate, "l1-read-rate", 0, "L1: client maps the readers open a second between them (0: each asks again when answered)")
	fs.IntVar(&o.L1Commitments, "l1-commitments", 100, "L1: write to the services whose numbers of commitments are nearest this")
	fs.IntVar(&o.L1Services, "l1-services", 10, "L1: how many services to write to")
	fs.StringVar(&o.Profile, "profile", "", "write a CPU profile of Alliance (from /debug/pprof/profile) during each closed-loop load of --profile-queries to this folder, and summarise it")
	profileQueries := fs.String("profile-queries", "q1", "the queries --profile profiles")
	waits := fs.String("loader-waits", "0,100us,500us,1ms,2ms", "waits: the serve --loader-wait values to compare")
	waitQueries := fs.String("wait-queries", "q1,q3,q4", "waits: the queries to compare them on")
	fs.IntVar(&o.WaitRounds, "wait-rounds", 2, "waits: how many times each wait is loaded at each concurrency (the figures are the mean)")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if o.DB != "sqlite" && o.DB != "mysql" {
		return nil, fmt.Errorf("--db: want sqlite or mysql, not %q", o.DB)
	}
	if o.Clients < 1 {
		return nil, errors.New("--clients: want at least 1")
	}
	for _, p := range strings.Split(*conc, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("--concurrency: %q is not a number of requests, at least 1", p)
		}
		o.Concurrency = append(o.Concurrency, n)
	}
	o.Only = splitNames(*only)
	if o.Rounds < 1 {
		return nil, errors.New("--rounds: want at least 1")
	}
	known := []string{"q1", "q1l", "q3", "q4", "q5", "q6", "q2", "w1", "l1", "waits"}
	for _, n := range o.Only {
		if !slices.Contains(known, n) {
			return nil, fmt.Errorf("--only: unknown measurement %q (want some of %s)", n, strings.Join(known, ","))
		}
	}
	if o.L1Duration <= 0 || o.L1Rate <= 0 || o.L1Readers < 1 || o.L1ReadRate < 0 || o.L1Services < 1 {
		return nil, errors.New("--l1-duration, --l1-rate, --l1-readers and --l1-services: want more than 0 (and --l1-read-rate 0 or more)")
	}
	o.ProfileQueries = splitNames(*profileQueries)
	o.WaitQueries = splitNames(*waitQueries)
	for _, p := range splitNames(*waits) {
		d, err := time.ParseDuration(p)
		if err != nil || d < 0 {
			return nil, fmt.Errorf("--loader-waits: %q is not a duration of 0 or more", p)
		}
		o.LoaderWaits = append(o.LoaderWaits, d)
	}
	if o.wants("waits") && (len(o.LoaderWaits) == 0 || len(o.WaitQueries) == 0 || o.WaitRounds < 1) {
		return nil, errors.New("waits: want --loader-waits, --wait-queries and --wait-rounds")
	}
	return o, nil
}

// splitNames reads a comma-separated list.
func splitNames(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
