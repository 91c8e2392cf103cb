package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"alliance"
	"alliance/importer"
)

// importCommand runs `alliance import [--dry-run] [--prune] FILE...` and
// `alliance import --template FILE.xlsx`: the report on stdout, progress on
// stderr, and an error (exit status 1) when the files have problems.
func importCommand(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var dryRun, prune, all bool
	var template string
	extra := func(fs *flag.FlagSet) {
		fs.BoolVar(&dryRun, "dry-run", false, "report what the import would do and write nothing")
		fs.BoolVar(&prune, "prune", false, "remove the stored rows the files leave out (listed in the report)")
		fs.BoolVar(&all, "all", false, "list every change (by default the first 200)")
		fs.StringVar(&template, "template", "", "write an empty workbook with the sheets, columns, notes and drop-downs to this .xlsx file")
	}
	flags, paths := splitFiles(args, map[string]bool{"db": true, "log-format": true, "log-level": true, "template": true})
	c, _, err := parseConfigWith("import", []string{"db", "log-format", "log-level"}, flags, getenv, extra)
	if err != nil {
		return err
	}
	if template == "" && len(paths) == 0 {
		return fmt.Errorf("import: name the files: alliance import [--dry-run] [--prune] FILE.xlsx | clients.csv ..., or alliance import --template FILE.xlsx")
	}
	d, err := openForCommand(ctx, c, stderr)
	if err != nil {
		return err
	}
	defer d.Close()
	if template != "" {
		return writeTemplate(ctx, d, template, stdout)
	}
	var files []importer.File
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return fmt.Errorf("import: %w", err)
		}
		if info.Size() > importer.MaxFileBytes {
			return fmt.Errorf("import: %s is %d bytes, over the limit of %d MiB", p, info.Size(), importer.MaxFileBytes>>20)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return fmt.Errorf("import: %w", err)
		}
		files = append(files, importer.File{Name: p, Data: data})
	}
	ctx = alliance.WithActor(ctx, "alliance import (command line)")
	var last time.Time
	start := time.Now()
	report, err := importer.Import(ctx, d, files, importer.Options{DryRun: dryRun, Prune: prune, Progress: func(done, total int) {
		if done == total || time.Since(last) >= time.Second {
			last = time.Now()
			fmt.Fprintf(stderr, "import: %d/%d rows written\n", done, total)
		}
	}})
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	limit := 200
	if all {
		limit = -1
	}
	report.Write(stdout, limit)
	if len(report.Problems) > 0 {
		return fmt.Errorf("import: %d problems in the files; nothing was written", len(report.Problems))
	}
	t := report.Totals()
	elapsed := time.Since(start)
	fmt.Fprintf(stdout, "%d rows read in %s (%.0f rows/s)\n", t.Rows, elapsed.Round(10*time.Millisecond), float64(t.Rows)/elapsed.Seconds())
	return nil
}

// splitFiles separates the flags of args (with the values of those that
// take one) from the files, wherever they are.
func splitFiles(args []string, valued map[string]bool) (flags, files []string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return flags, append(files, args[i+1:]...)
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			files = append(files, a)
			continue
		}
		flags = append(flags, a)
		name := strings.TrimLeft(a, "-")
		if valued[name] && i+1 < len(args) {
			i++
			flags = append(flags, args[i])
		}
	}
	return flags, files
}

func writeTemplate(ctx context.Context, store alliance.MetricService, path string, stdout io.Writer) error {
	metrics, err := store.Metrics(ctx)
	if err != nil {
		return err
	}
	keys := make([]string, len(metrics))
	for i, m := range metrics {
		keys[i] = m.Key
	}
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	if err := importer.Template(f, keys); err != nil {
		f.Close()
		return fmt.Errorf("import: the template: %w", err)
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote the import template to %s: sheets %s\n", path, "Clients, Services, Objectives, Requirements, Commitments, Measurements")
	return nil
}
