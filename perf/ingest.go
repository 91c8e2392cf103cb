package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// IngestResult is L1: measurements written at a steady rate while readers
// open client maps, against the same readers with no writes, measured first
// in the same run.
type IngestResult struct {
	// Readers is how many readers there are; ReadRate, when above 0, the
	// constant rate they share (requests a second); at 0 each reader asks
	// again as soon as it is answered (closed loop).
	Readers  int     `json:"readers"`
	ReadRate float64 `json:"readRatePerSecond,omitempty"`
	// MapClients are the clients whose maps the readers open, in turn.
	MapClients []int64 `json:"mapClients"`
	// Services are the services written to, with their commitments.
	Services    []int64 `json:"services"`
	Commitments []int64 `json:"servicesCommitments"`
	Duration    string  `json:"duration"`
	Unloaded    Readers `json:"unloaded"`
	Loaded      Readers `json:"loaded"`
	// Ratio is the loaded readers' p99 over the unloaded readers' p99 (the
	// issue's target: at most 2).
	Ratio  float64      `json:"p99Ratio"`
	Writes IngestWrites `json:"writes"`
	// Consistent is how many maps, read after the load, equal the floor's
	// read of the committed tables (the run fails on any that does not).
	Consistent int `json:"mapsConsistentAfter"`
}

// Readers are the figures of L1's readers over one phase.
type Readers struct {
	Requests   uint64  `json:"requests"`
	Errors     uint64  `json:"errors"`
	Throughput float64 `json:"throughputPerSecond"`
	P50        float64 `json:"p50Ms"`
	P99        float64 `json:"p99Ms"`
	Max        float64 `json:"maxMs"`
	// CPU is Alliance's CPU time over the phase, in seconds.
	CPU float64 `json:"allianceCpuSeconds"`
}

// IngestWrites are the figures of L1's writes.
type IngestWrites struct {
	// Rate is the rate asked for; Sent the requests sent, Succeeded those
	// answered with the measurement's id, Achieved the successful writes a
	// second (over the load and the wait for the last answers).
	Rate      float64 `json:"ratePerSecond"`
	Sent      uint64  `json:"sent"`
	Succeeded uint64  `json:"succeeded"`
	Errors    uint64  `json:"errors"`
	Achieved  float64 `json:"achievedPerSecond"`
	P50       float64 `json:"p50Ms"`
	P99       float64 `json:"p99Ms"`
	Max       float64 `json:"maxMs"`
	// FirstError is the first failed write's error, if any, and ServerError
	// the first error Alliance logged during the load (an internal error's
	// cause, which the answer does not tell).
	FirstError  string `json:"firstError,omitempty"`
	ServerError string `json:"serverError,omitempty"`
	// Landed is how many measurements the database holds more after the
	// load than before it: it must be Succeeded.
	Landed int64 `json:"landed"`
}

// ingestSubject is a (service, metric) pair L1 writes measurements of, with
// the two values it writes in turn: both meet the service's design, so that
// each measurement changes the value the rules read (and the stored figures
// of every client committed to the service are evaluated again) while what
// holds stays as it was, as steady monitoring would write.
type ingestSubject struct {
	service int64
	metric  string
	values  [2]float64
}

const measurementMutation = `mutation L1($in: MeasurementInput!) { recordMeasurement(input: $in) { id } }`

// measureIngest runs L1 on Alliance.
func measureIngest(ctx context.Context, al, fl *process, d *sql.DB, o *Options) (*IngestResult, error) {
	subjects, services, counts, err := ingestSubjects(ctx, d, o.L1Commitments, o.L1Services)
	if err != nil {
		return nil, err
	}
	maps, err := ingestMapClients(ctx, d, services, 16, o.Seed)
	if err != nil {
		return nil, err
	}
	editor, err := createToken(al, "perf-l1-editor-"+randomHex(4), "EDITOR")
	if err != nil {
		return nil, err
	}
	viewer, err := createToken(al, "perf-l1-viewer-"+randomHex(4), "VIEWER")
	if err != nil {
		return nil, err
	}
	r := &IngestResult{Readers: o.L1Readers, ReadRate: o.L1ReadRate, MapClients: maps, Services: services, Commitments: counts, Duration: o.L1Duration.String()}
	var reads []vegeta.Target
	for _, id := range maps {
		t, err := allianceTarget(&process{url: al.url, token: viewer}, q1Query, map[string]any{"id": strconv.FormatInt(id, 10)})
		if err != nil {
			return nil, err
		}
		reads = append(reads, t)
	}
	// Warm up: each map once.
	for _, t := range reads {
		if _, _, err := do(t); err != nil {
			return nil, err
		}
	}
	if r.Unloaded, err = readLoad(al, reads, o); err != nil {
		return nil, fmt.Errorf("readers alone: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return r, err
	}
	var before int64
	if err := d.QueryRowContext(ctx, "SELECT COUNT(*) FROM measurements").Scan(&before); err != nil {
		return nil, err
	}
	logBefore := len(al.log.String())
	var wg sync.WaitGroup
	var writeErr error
	wg.Add(1)
	go func() {
		defer wg.Done()
		r.Writes, writeErr = writeLoad(al.url, editor, subjects, o.L1Rate, o.L1Duration)
	}()
	r.Loaded, err = readLoad(al, reads, o)
	wg.Wait()
	if err != nil {
		return r, fmt.Errorf("readers with the writes: %w", err)
	}
	if writeErr != nil {
		return r, fmt.Errorf("writes: %w", writeErr)
	}
	var after int64
	if err := d.QueryRowContext(ctx, "SELECT COUNT(*) FROM measurements").Scan(&after); err != nil {
		return nil, err
	}
	r.Writes.Landed = after - before
	if r.Writes.Errors > 0 {
		r.Writes.ServerError = firstLoggedError(al.log.String()[logBefore:])
	}
	if r.Unloaded.P99 > 0 {
		r.Ratio = r.Loaded.P99 / r.Unloaded.P99
	}
	if r.Writes.Landed != int64(r.Writes.Succeeded) {
		return r, fmt.Errorf("%d writes succeeded, but the database holds %d measurements more", r.Writes.Succeeded, r.Writes.Landed)
	}
	// Every map read now must show the measurements written: equal to the
	// floor's read of the committed tables.
	for _, id := range maps {
		data, _, err := ask(al, q1Query, map[string]any{"id": strconv.FormatInt(id, 10)})
		if err != nil {
			return r, err
		}
		truth, _, err := do(floorTarget(fl, "/q1?id="+strconv.FormatInt(id, 10)))
		if err != nil {
			return r, err
		}
		same, where, err := sameJSON(data, truth)
		if err != nil {
			return r, err
		}
		if !same {
			return r, fmt.Errorf("%w: the map of client %d after the load differs from the committed data (Alliance first): %s", errStale, id, where)
		}
		r.Consistent++
	}
	return r, al.alive()
}

// readLoad runs L1's readers for the duration: closed loop, or at a
// constant rate when o.L1ReadRate is set. A failed read fails it.
func readLoad(p *process, reads []vegeta.Target, o *Options) (Readers, error) {
	var out Readers
	n := uint64(o.L1Readers)
	var atk *vegeta.Attacker
	rate := vegeta.Rate{}
	if o.L1ReadRate > 0 {
		atk = vegeta.NewAttacker(vegeta.Workers(n), vegeta.Connections(4*int(n)), vegeta.KeepAlive(true), vegeta.Timeout(2*time.Minute))
		rate = vegeta.Rate{Freq: int(math.Round(o.L1ReadRate * 1000)), Per: 1000 * time.Second}
	} else {
		atk = vegeta.NewAttacker(vegeta.Workers(n), vegeta.MaxWorkers(n), vegeta.Connections(int(n)), vegeta.KeepAlive(true), vegeta.Timeout(2*time.Minute))
	}
	before := p.usage()
	var m vegeta.Metrics
	first := ""
	for res := range atk.Attack(vegeta.NewStaticTargeter(reads...), rate, o.L1Duration, "l1-read") {
		if msg := failure(res, func(body []byte) error { _, err := graphqlData(body); return err }); msg != "" {
			out.Errors++
			if first == "" {
				first = msg
			}
		}
		m.Add(res)
	}
	m.Close()
	out.CPU = (p.usage().CPU - before.CPU).Seconds()
	out.Requests = m.Requests
	out.Throughput = perSecond(m.Requests-out.Errors, m.Duration+m.Wait)
	out.P50, out.P99, out.Max = ms(m.Latencies.P50), ms(m.Latencies.P99), ms(m.Latencies.Max)
	if out.Errors > 0 || m.Requests == 0 {
		return out, fmt.Errorf("%d of %d reads failed, the first: %s", out.Errors, m.Requests, first)
	}
	return out, p.alive()
}

// writeLoad sends recordMeasurement at a constant rate for d, each a new
// measurement: the (service, metric) pairs in turn, each write's period the
// hour after the one before for its pair, its value the other of the pair's
// two. A write that fails is counted, not fatal: what the writes achieve is
// the figure.
func writeLoad(url, token string, subjects []ingestSubject, rate float64, d time.Duration) (IngestWrites, error) {
	out := IngestWrites{Rate: rate}
	// The periods begin after every measurement the generator wrote, so
	// that each write is the latest of its pair.
	start := time.Now().UTC().Truncate(time.Hour).Add(24 * time.Hour)
	var seq atomic.Int64
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	h.Set("Authorization", "Bearer "+token)
	targeter := func(t *vegeta.Target) error {
		i := seq.Add(1) - 1
		s := subjects[int(i)%len(subjects)]
		round := i / int64(len(subjects))
		from := start.Add(time.Duration(round) * time.Hour)
		body, err := json.Marshal(map[string]any{"query": measurementMutation, "variables": map[string]any{"in": map[string]any{
			"serviceId": strconv.FormatInt(s.service, 10), "metric": s.metric, "value": s.values[round%2],
			"periodStart": from.Format(time.RFC3339), "periodEnd": from.Add(time.Hour).Format(time.RFC3339), "source": "perf L1",
		}}})
		if err != nil {
			return err
		}
		*t = vegeta.Target{Method: http.MethodPost, URL: url + "/graphql", Body: body, Header: h}
		return nil
	}
	// As many writes in flight as it takes to keep the rate, up to 64: past
	// that the server is far behind, and more would only queue.
	atk := vegeta.NewAttacker(vegeta.Workers(4), vegeta.MaxWorkers(64), vegeta.Connections(64), vegeta.KeepAlive(true), vegeta.Timeout(time.Minute))
	var m vegeta.Metrics
	for res := range atk.Attack(targeter, vegeta.Rate{Freq: int(math.Round(rate * 1000)), Per: 1000 * time.Second}, d, "l1-write") {
		if msg := failure(res, recordedID); msg != "" {
			out.Errors++
			if out.FirstError == "" {
				out.FirstError = msg
			}
		}
		m.Add(res)
	}
	m.Close()
	out.Sent = m.Requests
	out.Succeeded = out.Sent - out.Errors
	out.Achieved = perSecond(out.Succeeded, m.Duration+m.Wait)
	out.P50, out.P99, out.Max = ms(m.Latencies.P50), ms(m.Latencies.P99), ms(m.Latencies.Max)
	if out.Sent == 0 {
		return out, fmt.Errorf("no write was sent")
	}
	return out, nil
}

// firstLoggedError is the first line of a server's log at level ERROR, or
// "".
func firstLoggedError(log string) string {
	for _, line := range strings.Split(log, "\n") {
		if strings.Contains(line, "level=ERROR") {
			return clip([]byte(line))
		}
	}
	return ""
}

// failure says why a result failed ("" when it did not): a transport error,
// a status other than 200, or what check finds wrong with the body.
func failure(res *vegeta.Result, check func([]byte) error) string {
	switch {
	case res.Error != "":
		return res.Error
	case res.Code != http.StatusOK:
		return fmt.Sprintf("status %d: %s", res.Code, clip(res.Body))
	}
	if err := check(res.Body); err != nil {
		return err.Error()
	}
	return ""
}

// recordedID checks that an answer to recordMeasurement holds the new
// measurement's id.
func recordedID(body []byte) error {
	data, err := graphqlData(body)
	if err != nil {
		return err
	}
	var out struct{ RecordMeasurement *struct{ ID string } }
	if err := json.Unmarshal(data, &out); err != nil || out.RecordMeasurement == nil || out.RecordMeasurement.ID == "" {
		return fmt.Errorf("no measurement id in %s", clip(body))
	}
	return nil
}

func perSecond(n uint64, d time.Duration) float64 {
	if d <= 0 {
		return 0
	}
	return float64(n) / d.Seconds()
}

// ingestSubjects picks the services L1 writes to: the n live services whose
// numbers of commitments are nearest near, each with every metric it is
// designed for.
func ingestSubjects(ctx context.Context, d *sql.DB, near, n int) ([]ingestSubject, []int64, []int64, error) {
	rows, err := d.QueryContext(ctx, `SELECT c.service_id, COUNT(*) FROM commitments c JOIN services s ON s.id = c.service_id
		WHERE s.lifecycle = 'LIVE' GROUP BY c.service_id`)
	if err != nil {
		return nil, nil, nil, err
	}
	type counted struct{ id, n int64 }
	var all []counted
	for rows.Next() {
		var c counted
		if err := rows.Scan(&c.id, &c.n); err != nil {
			rows.Close()
			return nil, nil, nil, err
		}
		all = append(all, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, nil, err
	}
	sort.Slice(all, func(i, j int) bool {
		di, dj := abs(all[i].n-int64(near)), abs(all[j].n-int64(near))
		if di != dj {
			return di < dj
		}
		return all[i].id < all[j].id
	})
	var out []ingestSubject
	var services, counts []int64
	for _, c := range all {
		if len(services) == n {
			break
		}
		levels, err := d.QueryContext(ctx, `SELECT l.metric_key, l.value, m.direction, m.unit FROM service_levels l
			JOIN metrics m ON m.metric_key = l.metric_key WHERE l.service_id = ? ORDER BY l.metric_key`, c.id)
		if err != nil {
			return nil, nil, nil, err
		}
		found := false
		for levels.Next() {
			var metric, direction, unit string
			var designed float64
			if err := levels.Scan(&metric, &designed, &direction, &unit); err != nil {
				levels.Close()
				return nil, nil, nil, err
			}
			out = append(out, ingestSubject{c.id, metric, [2]float64{designed, meetingValue(designed, direction, unit)}})
			found = true
		}
		levels.Close()
		if found {
			services, counts = append(services, c.id), append(counts, c.n)
		}
	}
	if len(out) == 0 {
		return nil, nil, nil, fmt.Errorf("no live service with designed levels to write measurements of")
	}
	return out, services, counts, nil
}

// meetingValue is a value other than designed that meets it: better by half
// the way to the bound of the unit (100% availability, 168 hours a week), or
// half the time for a metric where lower is better.
func meetingValue(designed float64, direction, unit string) float64 {
	if direction == "LOWER_IS_BETTER" {
		if designed > 0 {
			return designed / 2
		}
		return designed + 1 // misses a design of 0: there is no better
	}
	bound := designed * 2
	switch unit {
	case "percent":
		bound = 100
	case "hours/week":
		bound = 168
	}
	if bound <= designed {
		return designed * 0.999 // at the bound already: a hair below
	}
	return designed + (bound-designed)/2
}

// ingestMapClients picks the clients whose maps L1's readers open: n of the
// clients committed to the services written to (their maps show the
// measurements), picked by the seed, so that small and large maps are read
// as often as the portfolio has them.
func ingestMapClients(ctx context.Context, d *sql.DB, services []int64, n int, seed uint64) ([]int64, error) {
	seen := map[int64]bool{}
	var all []int64
	for _, s := range services {
		rows, err := d.QueryContext(ctx, `SELECT DISTINCT o.client_id FROM commitments c JOIN requirements r ON r.id = c.requirement_id
			JOIN objectives o ON o.id = r.objective_id WHERE c.service_id = ? ORDER BY o.client_id`, s)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, err
			}
			if !seen[id] {
				seen[id] = true
				all = append(all, id)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	if len(all) == 0 {
		return nil, fmt.Errorf("no client is committed to the services L1 writes to")
	}
	sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
	r := rand.New(rand.NewPCG(seed, 0x5851f42d4c957f2d))
	r.Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })
	if len(all) > n {
		all = all[:n]
	}
	return all, nil
}

// createToken makes an API token of a role through the API (as the
// harness's admin) and returns its secret.
func createToken(al *process, name, role string) (string, error) {
	data, _, err := ask(al, `mutation($in: CreateTokenInput!) { createToken(input: $in) { secret } }`,
		map[string]any{"in": map[string]any{"name": name, "role": role}})
	if err != nil {
		return "", fmt.Errorf("create a %s token: %w", role, err)
	}
	var out struct{ CreateToken struct{ Secret string } }
	if err := json.Unmarshal(data, &out); err != nil || out.CreateToken.Secret == "" {
		return "", fmt.Errorf("create a %s token: no secret in %s", role, clip(data))
	}
	return out.CreateToken.Secret, nil
}
