package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// WriteResult is one kind of W1 write: how long it took, and how long the
// read that must show it took right after it and again warm.
type WriteResult struct {
	Name       string  `json:"name"`
	Read       string  `json:"read"`
	Rounds     int     `json:"rounds"`
	WriteMs    float64 `json:"writeMedianMs"`
	Statements float64 `json:"writeStatements"`
	AfterMs    float64 `json:"readAfterWriteMedianMs"`
	WarmMs     float64 `json:"readWarmMedianMs"`
	Ratio      float64 `json:"ratio"`
	// OtherMs is the median read right after the write from a second
	// Alliance process over the same database (MySQL only; 0 without).
	OtherMs float64 `json:"readAfterWriteOnOtherServerMedianMs,omitempty"`
	// Stale counts reads right after a write that did not equal the floor's
	// read of the committed data; the run fails on any.
	Stale int `json:"stale"`
}

// write is one W1 write and the read that must show it.
type write struct {
	name, read string
	mutation   string
	vars       func(i int) map[string]any
	readQuery  query
	// shows, when set, checks that the read holds what the write made
	// (its answer's data).
	shows func(i int, created json.RawMessage, read json.RawMessage) error
}

// measureWrites makes each write o.Rounds times through the GraphQL API,
// reads right after each, checks the read against the floor's (which reads
// the committed tables), and reads again warm.
//
// other, when not nil, is a second Alliance process over the same database:
// the read right after each write is also sent to it, and checked the same
// way.
func measureWrites(ctx context.Context, al, other, fl *process, d *sql.DB, s *subjects, o *Options) ([]*WriteResult, error) {
	var free []int64
	rows, err := d.QueryContext(ctx, `SELECT id FROM services WHERE lifecycle = 'LIVE'
		AND id NOT IN (SELECT service_id FROM commitments WHERE requirement_id = ?) ORDER BY id`, s.WriteRequirement)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		free = append(free, id)
	}
	rows.Close()
	if len(free) < o.Rounds {
		return nil, fmt.Errorf("only %d live services are free to commit to requirement %d", len(free), s.WriteRequirement)
	}
	var designed float64
	var direction string
	if err := d.QueryRowContext(ctx, `SELECT l.value, m.direction FROM service_levels l JOIN metrics m ON m.metric_key = l.metric_key
		WHERE l.service_id = ? AND l.metric_key = ?`, s.Near100, s.NearMetric).Scan(&designed, &direction); err != nil {
		return nil, err
	}
	// Alternately meeting and missing the design, so that what holds moves.
	missing := designed * 2
	if direction == "HIGHER_IS_BETTER" {
		missing = designed / 2
	}
	qs := readQueries(s)
	clientMap := func(id int64) query {
		q := qs[0]
		q.Variables = map[string]any{"id": strconv.FormatInt(id, 10)}
		q.FloorPath = "/q1?id=" + strconv.FormatInt(id, 10)
		return q
	}
	start := time.Now().UTC().Truncate(time.Second)
	writes := []write{
		{
			name: "new commitment", read: fmt.Sprintf("Q1 of client %d", s.RandomClient),
			mutation: `mutation($in: CommitmentInput!) { createCommitment(input: $in) { id } }`,
			vars: func(i int) map[string]any {
				return map[string]any{"in": map[string]any{"requirementId": strconv.FormatInt(s.WriteRequirement, 10), "serviceId": strconv.FormatInt(free[i], 10)}}
			},
			readQuery: clientMap(s.RandomClient),
			shows: func(i int, created, read json.RawMessage) error {
				var c struct{ CreateCommitment struct{ ID string } }
				json.Unmarshal(created, &c)
				if !strings.Contains(string(read), `"id":"`+c.CreateCommitment.ID+`"`) {
					return fmt.Errorf("commitment %s is not in the map read right after it was made", c.CreateCommitment.ID)
				}
				return nil
			},
		},
		{
			name: fmt.Sprintf("measurement on service %d (%d commitments)", s.Near100, s.Near100N), read: fmt.Sprintf("Q1 of client %d", s.NearClient),
			mutation: `mutation($in: MeasurementInput!) { recordMeasurement(input: $in) { id } }`,
			vars: func(i int) map[string]any {
				value := designed
				if i%2 == 0 {
					value = missing
				}
				from := start.Add(time.Duration(i) * time.Hour)
				return map[string]any{"in": map[string]any{"serviceId": strconv.FormatInt(s.Near100, 10), "metric": s.NearMetric, "value": value,
					"periodStart": from.Format(time.RFC3339), "periodEnd": from.Add(time.Hour).Format(time.RFC3339)}}
			},
			readQuery: clientMap(s.NearClient),
		},
		{
			name: fmt.Sprintf("monthly cost of service %d (%d commitments)", s.MostCommitted, s.MostCommittedN), read: "Q4",
			mutation: `mutation($id: ID!, $in: ServicePatch!) { updateService(id: $id, input: $in) { id } }`,
			vars: func(i int) map[string]any {
				return map[string]any{"id": strconv.FormatInt(s.MostCommitted, 10), "in": map[string]any{"monthlyCost": fmt.Sprintf("%d.00", 15000+97*i)}}
			},
			readQuery: qs[3],
		},
	}
	var out []*WriteResult
	for _, w := range writes {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		r, err := measureWrite(al, other, fl, w, o.Rounds)
		if r != nil {
			out = append(out, r)
		}
		if err != nil {
			return out, fmt.Errorf("%s: %w", w.name, err)
		}
	}
	return out, nil
}

func measureWrite(al, other, fl *process, w write, rounds int) (*WriteResult, error) {
	r := &WriteResult{Name: w.name, Read: w.read, Rounds: rounds}
	if _, _, err := ask(al, w.readQuery.GraphQL, w.readQuery.Variables); err != nil { // warm up
		return nil, err
	}
	var writes, afters, warms, others []time.Duration
	var stmts int64
	for i := range rounds {
		before, err := al.statements()
		if err != nil {
			return nil, err
		}
		created, took, err := ask(al, w.mutation, w.vars(i))
		if err != nil {
			return nil, err
		}
		after, err := al.statements()
		if err != nil {
			return nil, err
		}
		stmts += after - before
		writes = append(writes, took)
		read, took, err := ask(al, w.readQuery.GraphQL, w.readQuery.Variables)
		if err != nil {
			return nil, err
		}
		afters = append(afters, took)
		var otherRead json.RawMessage
		if other != nil {
			if otherRead, took, err = ask(other, w.readQuery.GraphQL, w.readQuery.Variables); err != nil {
				return nil, err
			}
			others = append(others, took)
		}
		if _, took, err = ask(al, w.readQuery.GraphQL, w.readQuery.Variables); err != nil {
			return nil, err
		}
		warms = append(warms, took)
		truth, _, err := do(floorTarget(fl, w.readQuery.FloorPath))
		if err != nil {
			return nil, err
		}
		if same, where, err := sameJSON(read, truth); err != nil {
			return nil, err
		} else if !same {
			r.Stale++
			return r, fmt.Errorf("%w: the read right after write %d differs from the committed data (Alliance first): %s", errStale, i+1, where)
		}
		if other != nil {
			if same, where, err := sameJSON(otherRead, truth); err != nil {
				return nil, err
			} else if !same {
				r.Stale++
				return r, fmt.Errorf("%w: the other server's read right after write %d differs from the committed data (Alliance first): %s", errStale, i+1, where)
			}
		}
		if w.shows != nil {
			if err := w.shows(i, created, read); err != nil {
				r.Stale++
				return r, fmt.Errorf("%w: %v", errStale, err)
			}
		}
	}
	r.WriteMs, r.AfterMs, r.WarmMs, r.OtherMs = ms(median(writes)), ms(median(afters)), ms(median(warms)), ms(median(others))
	r.Statements = float64(stmts) / float64(rounds)
	if r.WarmMs > 0 {
		r.Ratio = r.AfterMs / r.WarmMs
	}
	return r, nil
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	return s[len(s)/2]
}
