package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"alliance"
	"alliance/db"
)

// generateCommand runs `alliance generate --clients N [--seed S]`: a
// synthetic portfolio of N clients into an empty database, with progress on
// stderr and what it made on stdout.
func generateCommand(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var clients int
	var seed uint64
	extra := func(fs *flag.FlagSet) {
		fs.IntVar(&clients, "clients", 0, "how many clients, N: the portfolio has 5N objectives, 50N requirements, 2N services, about 200N commitments and 100N measurements")
		fs.Uint64Var(&seed, "seed", 1, "picks the portfolio: the same --clients and --seed give the same rows")
	}
	c, _, err := parseConfigWith("generate", []string{"db", "log-format", "log-level"}, args, getenv, extra)
	if err != nil {
		return err
	}
	if clients < 1 || clients > db.MaxGenerateClients {
		return fmt.Errorf("generate: say how many clients, from 1 to %d: alliance generate --clients N", db.MaxGenerateClients)
	}
	d, err := openForCommand(ctx, c, stderr)
	if err != nil {
		return err
	}
	defer d.Close()
	ctx = alliance.WithActor(ctx, "alliance generate (command line)")
	start := time.Now()
	sum, err := d.Generate(ctx, db.GenerateOptions{Clients: clients, Seed: seed, Now: nowFunc()}, func(line string) {
		fmt.Fprintln(stderr, line)
	})
	if err != nil {
		return fmt.Errorf("generate: %w", cliError(err))
	}
	printGenerateSummary(stdout, db.Redact(c.DB), seed, sum, time.Since(start))
	return nil
}

// printGenerateSummary says what generate made and how long it took.
func printGenerateSummary(w io.Writer, url string, seed uint64, sum *db.GenerateSummary, elapsed time.Duration) {
	fmt.Fprintf(w, "generated a synthetic portfolio (seed %d) into %s:\n", seed, url)
	fmt.Fprintf(w, "  %8d clients\n", sum.Clients)
	fmt.Fprintf(w, "  %8d objectives\n", sum.Objectives)
	fmt.Fprintf(w, "  %8d requirements (%d targets)\n", sum.Requirements, sum.Targets)
	fmt.Fprintf(w, "  %8d services (%d designed levels)\n", sum.Services, sum.DesignedLevels)
	fmt.Fprintf(w, "  %8d commitments\n", sum.Commitments)
	fmt.Fprintf(w, "  %8d measurements\n", sum.Measurements)
	fmt.Fprintf(w, "written in %s, figures computed in %s; %s in all\n",
		sum.Write.Round(10*time.Millisecond), sum.Figures.Round(10*time.Millisecond), elapsed.Round(10*time.Millisecond))
}
