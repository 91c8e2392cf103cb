package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"strconv"
	"time"

	"alliance"
	"alliance/db"
	"alliance/export"
)

// exportJSON writes the whole map, or one client's part of it, as the JSON
// export (docs/export.schema.json).
func exportJSON(ctx context.Context, d *db.DB, w io.Writer, clientID *int64) error {
	x, err := d.Export(ctx, clientID, time.Now())
	if err != nil {
		return err
	}
	return encodeExchange(w, x)
}

// encodeExchange writes a JSON export made by db.Export.
func encodeExchange(w io.Writer, x *db.Exchange) error {
	bw := bufio.NewWriter(w)
	if err := json.NewEncoder(bw).Encode(x); err != nil {
		return err
	}
	return bw.Flush()
}

// exportTurn lets one JSON export be made at a time by this server: an
// export is built whole in memory (some 430 MB at 1,000 clients), so a
// second one at once is refused rather than doubling that.
var exportTurn = make(chan struct{}, 1)

// exportRetryAfter is the Retry-After, in seconds, of a JSON export refused
// while another is being made.
const exportRetryAfter = 30

// backups answers GET /api/export/all.json[?client=ID], the JSON export,
// for admins only: it holds every client's map and the audit log.
func backups(d *db.DB, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		if p := alliance.PrincipalFrom(ctx); p == nil || p.Role != alliance.Admin || p.Scoped() {
			writeError(w, r, log, alliance.Errorf(alliance.EFORBIDDEN, "only admins may download the JSON export"))
			return
		}
		var clientID *int64
		name := "alliance-export"
		for key, vals := range r.URL.Query() {
			if key != "client" {
				writeError(w, r, log, alliance.Invalidf(key, "the JSON export takes client, not %q", key))
				return
			}
			id, err := strconv.ParseInt(vals[0], 10, 64)
			if err != nil || id < 1 {
				writeError(w, r, log, alliance.Invalidf("client", "client must be a client's id, not %q", vals[0]))
				return
			}
			clientID, name = &id, fmt.Sprintf("alliance-export-client-%d", id)
		}
		select {
		case exportTurn <- struct{}{}:
			defer func() { <-exportTurn }()
		default:
			alliance.NoteFrom(r.Context()).Refused("export")
			writeError(w, r, log, &alliance.Error{Code: alliance.EOVERLOADED, RetryAfter: exportRetryAfter,
				Message: fmt.Sprintf("another JSON export is being made on this server: try again in %d seconds", exportRetryAfter)})
			return
		}
		var b bytes.Buffer
		if err := exportJSON(ctx, d, &b, clientID); err != nil {
			writeError(w, r, log, err)
			return
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s.json"`, name))
		w.Header().Set("Cache-Control", "private, no-store")
		w.Header().Set("Content-Length", strconv.Itoa(b.Len()))
		w.WriteHeader(http.StatusOK)
		w.Write(b.Bytes())
	})
}

// restoreCommand runs `alliance restore FILE`: a JSON export loaded into an
// empty database, ids, times, score history and audit log kept, and every
// stored figure computed.
func restoreCommand(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var file string
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		file, args = args[0], args[1:]
	}
	c, _, err := parseConfig("restore", []string{"db", "log-format", "log-level"}, args, getenv)
	if err != nil {
		return err
	}
	if file == "" {
		return fmt.Errorf("restore: say which file: alliance restore FILE [--db URL]")
	}
	raw, err := os.ReadFile(file)
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	x, err := readExchange(raw)
	if err != nil {
		return fmt.Errorf("restore %s: %w", file, err)
	}
	d, err := openForCommand(ctx, c, stderr)
	if err != nil {
		return err
	}
	defer d.Close()
	start := time.Now()
	sum, err := d.Restore(alliance.WithActor(ctx, "alliance restore (command line)"), x)
	if err != nil {
		return fmt.Errorf("restore %s: %w", file, err)
	}
	fmt.Fprintf(stdout, "restored %s into %s: %d clients, %d objectives, %d requirements, %d services, %d commitments, %d measurements, %d score points, %d audit entries (figures computed in %s; %s in all)\n",
		file, db.Redact(c.DB), len(x.Clients), len(x.Objectives), len(x.Requirements), len(x.Services), len(x.Commitments),
		len(x.Measurements), len(x.ScoreHistory), len(x.AuditLog), sum.Figures.Round(10*time.Millisecond), time.Since(start).Round(10*time.Millisecond))
	return nil
}

// readExchange reads a JSON export: its format and version first, so that
// a newer file is refused as newer rather than as unreadable.
func readExchange(raw []byte) (*db.Exchange, error) {
	var head struct {
		Format  string `json:"format"`
		Version int    `json:"version"`
	}
	if err := json.Unmarshal(raw, &head); err != nil {
		return nil, fmt.Errorf("not a JSON export: %w", err)
	}
	if head.Format != db.ExchangeFormat {
		return nil, fmt.Errorf("not an Alliance JSON export (its format is %q, want %q)", head.Format, db.ExchangeFormat)
	}
	if head.Version > db.ExchangeVersion {
		return nil, fmt.Errorf("the export is of format version %d, newer than this program reads (up to %d): restore it with a newer Alliance", head.Version, db.ExchangeVersion)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var x db.Exchange
	if err := dec.Decode(&x); err != nil {
		return nil, fmt.Errorf("the export does not read as version %d: %w", head.Version, err)
	}
	return &x, nil
}

// exportArchiMate writes the map, or one client's part of it, as an
// ArchiMate Model Exchange File.
func exportArchiMate(ctx context.Context, d *db.DB, w io.Writer, clientID *int64) error {
	x, err := d.Export(ctx, clientID, time.Now())
	if err != nil {
		return err
	}
	ids := make([]int64, len(x.Commitments))
	for i, c := range x.Commitments {
		ids[i] = c.ID
	}
	holds := map[int64]bool{}
	for start := 0; start < len(ids); start += 10_000 {
		chunk := ids[start:min(start+10_000, len(ids))]
		got, err := d.CommitmentHolds(ctx, chunk)
		if err != nil {
			return err
		}
		for i, h := range got {
			holds[chunk[i]] = h != nil && *h
		}
	}
	bw := bufio.NewWriter(w)
	if err := export.ArchiMate(bw, x, holds); err != nil {
		return err
	}
	return bw.Flush()
}
