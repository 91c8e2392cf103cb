package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"alliance"
	"alliance/db"
	"alliance/export"
	"alliance/graph"
)

// exportCommand runs `alliance export --format csv|xlsx --what LIST
// [--client ID] [--out FILE]`: a list of the web app as a file, made by the
// same code as the web app's downloads, run in process as an admin (the
// command line has the database itself); and `alliance export --format
// json|archimate [--client ID]`, the JSON export or the ArchiMate model of
// the whole map or a client's part.
func exportCommand(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var format, what, client, out string
	extra := func(fs *flag.FlagSet) {
		fs.StringVar(&format, "format", "", "csv or xlsx (a list), json or archimate (the whole map, or --client's part)")
		fs.StringVar(&what, "what", "", "the list: "+strings.Join(export.Whats(), ", "))
		fs.StringVar(&client, "client", "", "only this client's rows (gaps, matrix); the client of map")
		fs.StringVar(&out, "out", "", "write to this file (default: standard output)")
	}
	c, _, err := parseConfigWith("export", []string{"db", "log-format", "log-level"}, args, getenv, extra)
	if err != nil {
		return err
	}
	var write func(ctx context.Context, d *db.DB, w io.Writer) error
	switch format {
	case "json", "archimate":
		id, err := clientFlag(client)
		if err != nil {
			return fmt.Errorf("export: %w", cliError(err))
		}
		if what != "" {
			return fmt.Errorf("export: --what is for csv and xlsx: --format %s exports the whole map, or --client's part", format)
		}
		write = func(ctx context.Context, d *db.DB, w io.Writer) error { return exportJSON(ctx, d, w, id) }
		what = "the JSON export"
		if format == "archimate" {
			write = func(ctx context.Context, d *db.DB, w io.Writer) error { return exportArchiMate(ctx, d, w, id) }
			what = "the ArchiMate model"
		}
	default:
		params, err := exportParams(what, format, client)
		if err != nil {
			return fmt.Errorf("export: %w", cliError(err))
		}
		write = func(ctx context.Context, d *db.DB, w io.Writer) error {
			return exportList(ctx, d, w, what, format, params)
		}
	}
	d, err := openForCommand(ctx, c, stderr)
	if err != nil {
		return err
	}
	defer d.Close()
	start := time.Now()
	ctx = alliance.WithPrincipal(ctx, &alliance.Principal{Name: "alliance export (command line)", Role: alliance.Admin})
	n, err := writeOut(out, stdout, func(w io.Writer) error { return write(ctx, d, w) })
	if err != nil {
		return fmt.Errorf("export: %w", cliError(err))
	}
	if out != "" {
		fmt.Fprintf(stderr, "export: %s written to %s (%d bytes) in %s\n", what, out, n, time.Since(start).Round(time.Millisecond))
	}
	return nil
}

// clientFlag reads --client: nil when it is not given.
func clientFlag(client string) (*int64, error) {
	if client == "" {
		return nil, nil
	}
	id, err := strconv.ParseInt(client, 10, 64)
	if err != nil || id < 1 {
		return nil, alliance.Invalidf("client", "--client takes a client's id (a number), not %q", client)
	}
	return &id, nil
}

// exportParams are the view's variables that the command's flags give.
func exportParams(what, format, client string) (url.Values, error) {
	if format == "" || what == "" {
		return nil, alliance.Invalidf("format", "say what to export: alliance export --format csv|xlsx --what %s, or --format json", strings.Join(export.Whats(), "|"))
	}
	if _, ok := export.Views[what]; !ok {
		return nil, alliance.Invalidf("what", "no list %q: --what takes %s", what, strings.Join(export.Whats(), ", "))
	}
	params := url.Values{}
	if _, err := clientFlag(client); err != nil {
		return nil, err
	}
	switch {
	case what == "map" && client == "":
		return nil, alliance.Invalidf("client", "--what map needs --client ID")
	case what == "map":
		params.Set("id", client)
	case client != "" && (what == "gaps" || what == "matrix"):
		params.Set("filter", fmt.Sprintf(`{"clientId":%q}`, client))
	case client != "":
		return nil, alliance.Invalidf("client", "--client applies to gaps, matrix and map, not to %s", what)
	case what == "impact" || what == "promise":
		return nil, alliance.Invalidf("what", "%s is downloaded from its view in the web app (it needs a service or targets)", what)
	}
	return params, nil
}

// exportList writes one list to w through the GraphQL executor, with no
// rate limit (the command is the database's owner, not a token).
func exportList(ctx context.Context, d *db.DB, w io.Writer, what, format string, params url.Values) error {
	api := graph.New(d, graph.Options{Limits: graph.Limits{CostPerSecond: -1, MaxConcurrent: math.MaxInt32}})
	run, err := export.Prepare(api, what, format, params, true)
	if err != nil {
		return err
	}
	if !run.Streamed() {
		body, err := run.Render(ctx)
		if err != nil {
			return err
		}
		_, err = w.Write(body)
		return err
	}
	return run.Stream(ctx, w, func() {}, func() {})
}

// writeOut runs write into the file out, or into stdout when out is empty.
// A file is written beside its final name and renamed once whole, so that
// a failed export leaves no partial file. It returns the bytes written.
func writeOut(out string, stdout io.Writer, write func(io.Writer) error) (int64, error) {
	if out == "" {
		cw := &countingWriter{w: stdout}
		err := write(cw)
		return cw.n, err
	}
	tmp, err := os.CreateTemp(filepath.Dir(out), "."+filepath.Base(out)+".*")
	if err != nil {
		return 0, err
	}
	defer os.Remove(tmp.Name())
	cw := &countingWriter{w: tmp}
	if err := write(cw); err != nil {
		tmp.Close()
		return cw.n, err
	}
	if err := tmp.Close(); err != nil {
		return cw.n, err
	}
	return cw.n, os.Rename(tmp.Name(), out)
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
