package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Results are everything one run measured.
type Results struct {
	Started     time.Time        `json:"started"`
	Machine     string           `json:"machine"`
	DB          string           `json:"db"`
	Clients     int              `json:"clients"`
	Seed        uint64           `json:"seed"`
	Duration    string           `json:"loadDuration"`
	Subjects    *subjects        `json:"subjects"`
	Queries     []*QueryResult   `json:"queries"`
	Report      *ReportResult    `json:"q2,omitempty"`
	Writes      []*WriteResult   `json:"w1,omitempty"`
	Ingest      *IngestResult    `json:"l1,omitempty"`
	Waits       []*WaitResult    `json:"loaderWaits,omitempty"`
	Profiles    []*ProfileResult `json:"profiles,omitempty"`
	AllianceHWM int64            `json:"allianceMaxRssBytes"`
	FloorHWM    int64            `json:"floorMaxRssBytes"`
	AllianceRSS int64            `json:"allianceRssBytesAtEnd"`
}

// QueryResult is one read, measured on Alliance and on the floor.
type QueryResult struct {
	Name     string  `json:"name"`
	Title    string  `json:"title"`
	Alliance Figures `json:"alliance"`
	Floor    Figures `json:"floor"`
}

// Figures are one target's figures for one read.
type Figures struct {
	// Bytes is the size of the answer (Alliance's whole GraphQL answer).
	Bytes int `json:"bytes"`
	// Statements is the SQL statements per request.
	Statements float64 `json:"statementsPerRequest"`
	Loads      []Load  `json:"loads,omitempty"`
}

// statementSamples is how many requests the statement count is taken
// from.
const statementSamples = 3

// Run makes the database, starts Alliance and the floor, checks that they
// answer alike, and measures. Progress goes to log.
func Run(ctx context.Context, o *Options, log io.Writer) (res *Results, err error) {
	dir, err := os.MkdirTemp("", "alliance-perf-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	if o.Profile != "" {
		if err := os.MkdirAll(o.Profile, 0o755); err != nil {
			return nil, err
		}
	}
	bin := o.Alliance
	if bin == "" {
		fmt.Fprintln(log, "perf: building ./server")
		if bin, err = buildAlliance(ctx, dir); err != nil {
			return nil, err
		}
	}
	url, drop, err := freshDatabase(ctx, o, dir)
	if err != nil {
		return nil, err
	}
	defer func() {
		if derr := drop(); derr != nil && err == nil {
			err = fmt.Errorf("drop the run's database: %w", derr)
		}
	}()
	fmt.Fprintf(log, "perf: alliance generate --clients %d --seed %d on %s\n", o.Clients, o.Seed, o.DB)
	if err := generate(ctx, bin, url, o.Clients, o.Seed, log); err != nil {
		return nil, err
	}
	d, _, err := openSQL(url)
	if err != nil {
		return nil, err
	}
	defer d.Close()
	s, err := pickSubjects(ctx, d, o)
	if err != nil {
		return nil, fmt.Errorf("pick the queries' subjects: %w", err)
	}
	secret := randomHex(24)
	al, err := startAlliance(ctx, bin, url, secret)
	if err != nil {
		return nil, err
	}
	defer al.stop()
	fl, err := startFloor(ctx, url)
	if err != nil {
		return nil, err
	}
	defer fl.stop()
	dbPID := 0
	if o.DB == "mysql" {
		dbPID = findDBServer()
	}
	res = &Results{Started: time.Now().UTC(), Machine: machine(), DB: o.DB, Clients: o.Clients, Seed: o.Seed, Duration: o.Duration.String(), Subjects: s}
	defer func() {
		res.AllianceHWM, res.FloorHWM, res.AllianceRSS = al.usage().HWM, fl.usage().HWM, al.usage().RSS
	}()
	// Q2 first: its peak memory is then its own, not left over from
	// others.
	if o.wants("q2") {
		fmt.Fprintln(log, "perf: Q2, the whole-portfolio report")
		if res.Report, err = measureReport(al, fl); err != nil {
			return res, fmt.Errorf("Q2: %w", err)
		}
	}
	for _, q := range readQueries(s) {
		if !o.wants(q.Name) {
			continue
		}
		if err := ctx.Err(); err != nil {
			return res, err
		}
		fmt.Fprintf(log, "perf: %s\n", q.Title)
		r, profiles, err := measureQuery(ctx, al, fl, q, o, dbPID)
		res.Profiles = append(res.Profiles, profiles...)
		if err != nil {
			return res, fmt.Errorf("%s: %w", q.Title, err)
		}
		res.Queries = append(res.Queries, r)
	}
	if o.wants("waits") {
		fmt.Fprintln(log, "perf: the loaders' wait")
		if res.Waits, err = measureWaits(ctx, bin, url, secret, fl, s, o, dbPID, log); err != nil {
			return res, fmt.Errorf("loader waits: %w", err)
		}
	}
	if o.wants("w1") {
		fmt.Fprintln(log, "perf: W1, writes and the reads right after them")
		// On MySQL a second server reads too: no server may answer from
		// what it alone remembers.
		var other *process
		if o.DB == "mysql" {
			if other, err = startAlliance(ctx, bin, url, secret); err != nil {
				return res, err
			}
			defer other.stop()
		}
		if res.Writes, err = measureWrites(ctx, al, other, fl, d, s, o); err != nil {
			return res, fmt.Errorf("W1: %w", err)
		}
	}
	// L1 last: it writes the most.
	if o.wants("l1") {
		fmt.Fprintf(log, "perf: L1, %g measurements a second for %s while %d readers open client maps (after %s of the readers alone)\n",
			o.L1Rate, o.L1Duration, o.L1Readers, o.L1Duration)
		if res.Ingest, err = measureIngest(ctx, al, fl, d, o); err != nil {
			return res, fmt.Errorf("L1: %w", err)
		}
	}
	return res, nil
}

// measureQuery checks that Alliance and the floor answer q alike, counts
// their statements, and loads each at every concurrency in turn. With
// o.Profile, Alliance's closed loop of each query of o.ProfileQueries is
// profiled, and the summaries returned.
func measureQuery(ctx context.Context, al, fl *process, q query, o *Options, dbPID int) (*QueryResult, []*ProfileResult, error) {
	at, err := allianceTarget(al, q.GraphQL, q.Variables)
	if err != nil {
		return nil, nil, err
	}
	ft := floorTarget(fl, q.FloorPath)
	body, _, err := do(at)
	if err != nil {
		return nil, nil, fmt.Errorf("alliance: %w", err)
	}
	data, err := graphqlData(body)
	if err != nil {
		return nil, nil, fmt.Errorf("alliance: %w", err)
	}
	floorBody, _, err := do(ft)
	if err != nil {
		return nil, nil, fmt.Errorf("floor: %w", err)
	}
	same, where, err := sameJSON(data, floorBody)
	if err != nil {
		return nil, nil, err
	}
	if !same {
		return nil, nil, fmt.Errorf("THE FLOOR'S ANSWER DIFFERS FROM ALLIANCE'S (Alliance first, then the floor): %s", where)
	}
	r := &QueryResult{Name: q.Name, Title: q.Title, Alliance: Figures{Bytes: len(body)}, Floor: Figures{Bytes: len(floorBody)}}
	for _, t := range []struct {
		p   *process
		tg  func() error
		out *Figures
	}{
		{al, func() error { _, _, err := do(at); return err }, &r.Alliance},
		{fl, func() error { _, _, err := do(ft); return err }, &r.Floor},
	} {
		if t.out.Statements, err = statementsPer(t.p, t.tg); err != nil {
			return nil, nil, err
		}
	}
	if o.Duration <= 0 {
		return r, nil, nil
	}
	var profiles []*ProfileResult
	for _, c := range o.Concurrency {
		var la Load
		if o.Profile != "" && slices.Contains(o.ProfileQueries, q.Name) {
			name := fmt.Sprintf("%s-%d-%s-c%d", o.DB, o.Clients, q.Name, c)
			var prof *ProfileResult
			la, prof, err = profileWhile(ctx, al, o.Profile, name, o.Duration, func() (Load, error) { return load(al, at, c, o.Duration, dbPID) })
			if prof != nil {
				prof.Query, prof.Concurrency = q.Name, c
				profiles = append(profiles, prof)
			}
		} else {
			la, err = load(al, at, c, o.Duration, dbPID)
		}
		if err != nil {
			return nil, profiles, err
		}
		lf, err := load(fl, ft, c, o.Duration, dbPID)
		if err != nil {
			return nil, profiles, err
		}
		r.Alliance.Loads = append(r.Alliance.Loads, la)
		r.Floor.Loads = append(r.Floor.Loads, lf)
	}
	return r, profiles, nil
}

// statementsPer sends a request statementSamples times, one at a time, and
// returns the fewest statements the process ran for one: a request now and
// then also looks its token up again (the token cache lasts seconds), which
// is not the query's.
func statementsPer(p *process, send func() error) (float64, error) {
	fewest := int64(-1)
	for range statementSamples {
		before, err := p.statements()
		if err != nil {
			return 0, err
		}
		if err := send(); err != nil {
			return 0, err
		}
		after, err := p.statements()
		if err != nil {
			return 0, err
		}
		if n := after - before; fewest < 0 || n < fewest {
			fewest = n
		}
	}
	return float64(fewest), nil
}

// machine describes where the run ran.
func machine() string {
	model := "unknown CPU"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				model = strings.TrimSpace(v)
				break
			}
		}
	}
	return fmt.Sprintf("%d cores (%s), %s/%s, %s", runtime.NumCPU(), model, runtime.GOOS, runtime.GOARCH, runtime.Version())
}

// findDBServer returns the process id of the MariaDB or MySQL server on this
// machine, or 0: its CPU time is read, never touched.
func findDBServer() int {
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		comm, err := os.ReadFile(filepath.Join("/proc", e.Name(), "comm"))
		if err != nil {
			continue
		}
		if name := strings.TrimSpace(string(comm)); name == "mariadbd" || name == "mysqld" {
			return pid
		}
	}
	return 0
}

// pidCPU is the CPU time of a process, 0 for none.
func pidCPU(pid int) time.Duration {
	if pid == 0 {
		return 0
	}
	u, err := usageOf(pid)
	if err != nil {
		return 0
	}
	return u.CPU
}

var errStale = errors.New("stale")
