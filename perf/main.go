package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
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
// checks a run against a baseline, `perf flood` measures a cheap probe
// while several tokens flood the costliest query (see Flood).
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "floor" {
		return floorCommand(ctx, args[1:], stdout)
	}
	if len(args) > 0 && args[0] == "compare" {
		return compareCommand(args[1:], stdout)
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
}

// wants reports whether the run includes measurement name.
func (o *Options) wants(name string) bool {
	if len(o.Only) == 0 {
		return true
	}
	for _, n := range o.Only {
		if n == name {
			return true
		}
	}
	return false
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
	only := fs.String("only", "", "comma-separated measurements to run: q1,q1l,q3,q4,q5,q6,q2,w1 (default: all)")
	fs.IntVar(&o.Rounds, "rounds", 5, "how many times W1 makes each write")
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
	if *only != "" {
		for _, p := range strings.Split(*only, ",") {
			o.Only = append(o.Only, strings.TrimSpace(p))
		}
	}
	if o.Rounds < 1 {
		return nil, errors.New("--rounds: want at least 1")
	}
	return o, nil
}
