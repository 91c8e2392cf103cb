package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"alliance/db"
)

// errDifferences makes `alliance check` exit 1 when stored figures differ.
type errDifferences int

func (e errDifferences) Error() string {
	return fmt.Sprintf("check: %d stored figures differ from what the rules compute", int(e))
}

// checkCommand recomputes every coverage figure from scratch and compares it
// with what the database stores, printing each difference.
func checkCommand(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	c, _, err := parseConfig("check", []string{"db", "log-format", "log-level"}, args, getenv)
	if err != nil {
		return err
	}
	d, err := openForCommand(ctx, c, stderr)
	if err != nil {
		return err
	}
	defer d.Close()
	start := time.Now()
	diffs, err := d.Check(ctx)
	if err != nil {
		return fmt.Errorf("check: %w", err)
	}
	for _, df := range diffs {
		fmt.Fprintf(stdout, "%s\n  stored:   %s\n  computed: %s\n", df.What, df.Stored, df.Computed)
	}
	if len(diffs) > 0 {
		return errDifferences(len(diffs))
	}
	fmt.Fprintf(stdout, "database %s: every stored figure is what the rules compute (checked in %s)\n",
		db.Redact(c.DB), time.Since(start).Round(time.Millisecond))
	return nil
}
