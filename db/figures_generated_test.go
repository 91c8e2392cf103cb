package db_test

import (
	"context"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"alliance"
	"alliance/db"
	"alliance/db/dbtest"
)

// ingestSubject is a service's metric that requirements committed to the
// service target, with the service's designed level of it (nil for none).
type ingestSubject struct {
	service  int64
	metric   string
	designed *float64
}

// A generated portfolio (the shape of `alliance generate`) takes random
// measurements, commitments and cost changes, the writes monitoring and
// architects make all day; after every one the stored figures are exactly
// what a full evaluation computes. The measurements are on the metrics
// requirements target, with values that meet the design, miss it, or equal
// it, for periods that become the latest or stay behind it, and some are
// deleted again: so that some statuses move and some do not.
func TestFiguresOfAGeneratedPortfolioEqualAFullEvaluation(t *testing.T) {
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("ALLIANCE_FUZZ_SEED"); s != "" {
		seed, _ = strconv.ParseUint(s, 10, 64)
	}
	t.Logf("seed %d (ALLIANCE_FUZZ_SEED=%d reproduces this run)", seed, seed)
	steps := 80
	if s := os.Getenv("ALLIANCE_FUZZ_STEPS"); s != "" {
		steps, _ = strconv.Atoi(s)
		steps = max(steps/20, 1)
	}
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		now := time.Date(2026, 11, 15, 0, 0, 0, 0, time.UTC)
		if _, err := d.Generate(ctx, db.GenerateOptions{Clients: 10, Seed: seed, Now: now}, nil); err != nil {
			t.Fatal(err)
		}
		conn := d.SQL()
		var subjects []ingestSubject
		rows, err := conn.QueryContext(ctx, `SELECT DISTINCT c.service_id, rt.metric_key, sl.value
			FROM commitments c JOIN requirement_targets rt ON rt.requirement_id = c.requirement_id
			LEFT JOIN service_levels sl ON sl.service_id = c.service_id AND sl.metric_key = rt.metric_key
			ORDER BY c.service_id, rt.metric_key`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var s ingestSubject
			if err := rows.Scan(&s.service, &s.metric, &s.designed); err != nil {
				t.Fatal(err)
			}
			subjects = append(subjects, s)
		}
		rows.Close()
		ids := func(q string) []int64 {
			t.Helper()
			rows, err := conn.QueryContext(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			var out []int64
			for rows.Next() {
				var id int64
				rows.Scan(&id)
				out = append(out, id)
			}
			return out
		}
		reqs, services, commits := ids("SELECT id FROM requirements"), ids("SELECT id FROM services"), ids("SELECT id FROM commitments")
		if len(subjects) == 0 || len(reqs) == 0 {
			t.Fatal("the generated portfolio has no targeted commitments")
		}
		r := rand.New(rand.NewPCG(seed, 9))
		pick := func(ids []int64) int64 { return ids[r.IntN(len(ids))] }
		var measures []int64
		latest := now
		kinds := map[string]int{}
		// statuses is a fingerprint of every requirement's status and percent.
		statuses := func() int64 {
			var s int64
			if err := conn.QueryRowContext(ctx, "SELECT COALESCE(SUM(requirement_id * (LENGTH(status) + 7 * percent)), 0) FROM requirement_figures").Scan(&s); err != nil {
				t.Fatal(err)
			}
			return s
		}
		moved := 0
		for step := 1; step <= steps; step++ {
			before := statuses()
			var err error
			switch k := r.IntN(10); {
			case k < 6:
				s := subjects[r.IntN(len(subjects))]
				v := float64(r.IntN(100))
				if s.designed != nil {
					v = []float64{*s.designed, *s.designed / 2, *s.designed * 2, *s.designed + 1, *s.designed - 1}[r.IntN(5)]
				}
				end := latest.AddDate(0, 0, 7)
				if r.IntN(4) == 0 {
					end = now.AddDate(0, -r.IntN(6), 0) // behind the latest: moves nothing
				} else {
					latest = end
				}
				var m *alliance.Measurement
				m, err = d.RecordMeasurement(ctx, alliance.MeasurementInput{ServiceID: s.service, Metric: s.metric, Value: v, PeriodStart: end.AddDate(0, 0, -7), PeriodEnd: end})
				switch {
				case err == nil:
					measures = append(measures, m.ID)
					kinds["measurement"]++
				case alliance.ErrorCode(err) == alliance.EINVALID:
					err = nil // out of the metric's range (a percentage over 100): refused, nothing written
					kinds["measurement refused"]++
				}
			case k == 6 && len(measures) > 0:
				i := r.IntN(len(measures))
				err = d.DeleteMeasurement(ctx, measures[i])
				measures = append(measures[:i], measures[i+1:]...)
				kinds["measurement deleted"]++
			case k == 7:
				cov, units := []int{30, 50, 100}[r.IntN(3)], 1+r.IntN(3)
				var c *alliance.Commitment
				c, err = d.CreateCommitment(ctx, alliance.CommitmentInput{RequirementID: pick(reqs), ServiceID: pick(services), CoveragePercent: &cov, CapacityUnits: &units})
				if err == nil {
					commits = append(commits, c.ID)
				} else if alliance.ErrorCode(err) == alliance.ECONFLICT || alliance.ErrorCode(err) == alliance.EINVALID {
					err = nil // already committed, or a retired service: refused, nothing written
				}
				kinds["commitment"]++
			case k == 8:
				if r.IntN(2) == 0 {
					_, err = d.UpdateCommitment(ctx, pick(commits), alliance.CommitmentPatch{CoveragePercent: alliance.Some(1 + r.IntN(100))})
				} else {
					i := r.IntN(len(commits))
					err = d.DeleteCommitment(ctx, commits[i])
					commits = append(commits[:i], commits[i+1:]...)
				}
				kinds["commitment changed"]++
			default:
				_, err = d.UpdateService(ctx, pick(services), alliance.ServicePatch{MonthlyCost: alliance.Some(decimal.New(r.Int64N(1_000_000), -2))})
				kinds["cost"]++
			}
			if err != nil {
				t.Fatalf("step %d: %v", step, err)
			}
			if statuses() != before {
				moved++
			}
			diffs, err := d.Check(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for i, diff := range diffs {
				if i == 10 {
					t.Errorf("... and %d more", len(diffs)-10)
					break
				}
				t.Errorf("after step %d: %s", step, diff)
			}
			if len(diffs) > 0 {
				t.FailNow()
			}
		}
		t.Logf("%d writes %v; %d moved a status", steps, kinds, moved)
		if moved == 0 || moved == steps {
			t.Fatalf("%d of %d writes moved a status: the walk tests too little", moved, steps)
		}
	})
}
