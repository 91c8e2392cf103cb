package db_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"alliance"
	"alliance/coverage"
	"alliance/db"
	"alliance/db/dbtest"
)

// fuzzWorld applies random writes of every kind to a small portfolio, as a
// user would through the API, remembering the ids it made.
type fuzzWorld struct {
	t        *testing.T
	d        *db.DB
	r        *rand.Rand
	clients  []int64
	objs     []int64
	reqs     []int64
	services []int64
	commits  []int64
	measures []int64
	n        int
	applied  int
}

var fuzzMetrics = []string{"availability", "support_hours", "response_minutes", "fuzz_metric"}

func (w *fuzzWorld) pick(ids []int64) int64 {
	if len(ids) == 0 {
		return 0
	}
	return ids[w.r.IntN(len(ids))]
}

func (w *fuzzWorld) name(prefix string) string {
	w.n++
	return fmt.Sprintf("%s %d", prefix, w.n)
}

func (w *fuzzWorld) money() *decimal.Decimal {
	d := decimal.New(w.r.Int64N(500000), -2)
	return &d
}

func (w *fuzzWorld) levels() []alliance.Level {
	var out []alliance.Level
	for _, m := range fuzzMetrics {
		if w.r.IntN(2) == 0 {
			out = append(out, alliance.Level{Metric: m, Value: float64(w.r.IntN(10)) * 10})
		}
	}
	return out
}

var (
	clientStatuses = []alliance.ClientStatus{alliance.Prospect, alliance.Active, alliance.Active, alliance.Churned}
	lifecycles     = []alliance.Lifecycle{alliance.Planned, alliance.Live, alliance.Live, alliance.Retiring, alliance.Retired}
	priorities     = []alliance.Priority{alliance.Must, alliance.Should, alliance.Could}
)

// step applies one random write. Writes the rules refuse (a duplicate, a
// removed id) are fine: they must change nothing.
func (w *fuzzWorld) step(ctx context.Context) {
	d, r := w.d, w.r
	ok := func(err error) bool {
		if err == nil {
			w.applied++
		}
		return err == nil
	}
	switch r.IntN(27) {
	case 0:
		st := clientStatuses[r.IntN(len(clientStatuses))]
		if c, err := d.CreateClient(ctx, alliance.ClientInput{Name: w.name("Client"), Status: &st, AnnualContractValue: w.money()}); ok(err) {
			w.clients = append(w.clients, c.ID)
		}
	case 1, 2:
		p := alliance.ClientPatch{}
		switch r.IntN(3) {
		case 0:
			p.Status = alliance.Some(clientStatuses[r.IntN(len(clientStatuses))])
		case 1:
			p.AnnualContractValue = alliance.Some(*w.money())
		default:
			p.Name = alliance.Some(w.name("Renamed client"))
		}
		_, err := d.UpdateClient(ctx, w.pick(w.clients), p)
		ok(err)
	case 3:
		if r.IntN(4) == 0 {
			ok(d.DeleteClient(ctx, w.pick(w.clients)))
		}
	case 4:
		if o, err := d.CreateObjective(ctx, alliance.ObjectiveInput{ClientID: w.pick(w.clients), Title: w.name("Objective")}); ok(err) {
			w.objs = append(w.objs, o.ID)
		}
	case 5:
		if r.IntN(2) == 0 {
			_, err := d.UpdateObjective(ctx, w.pick(w.objs), alliance.ObjectivePatch{Title: alliance.Some(w.name("Renamed objective"))})
			ok(err)
		} else if r.IntN(3) == 0 {
			ok(d.DeleteObjective(ctx, w.pick(w.objs)))
		}
	case 6, 7:
		p := priorities[r.IntN(3)]
		if q, err := d.CreateRequirement(ctx, alliance.RequirementInput{ObjectiveID: w.pick(w.objs), Title: w.name("Requirement"), Priority: &p, Targets: w.levels()}); ok(err) {
			w.reqs = append(w.reqs, q.ID)
		}
	case 8:
		p := alliance.RequirementPatch{}
		switch r.IntN(4) {
		case 0:
			p.Priority = alliance.Some(priorities[r.IntN(3)])
		case 1:
			p.Title = alliance.Some(w.name("Renamed requirement"))
		default:
			p.Targets = alliance.Some(w.levels())
		}
		_, err := d.UpdateRequirement(ctx, w.pick(w.reqs), p)
		ok(err)
	case 9:
		if r.IntN(3) == 0 {
			ok(d.DeleteRequirement(ctx, w.pick(w.reqs)))
		}
	case 10:
		l := lifecycles[r.IntN(len(lifecycles))]
		in := alliance.ServiceInput{Name: w.name("Service"), Lifecycle: &l, MonthlyCost: w.money(), DesignedLevels: w.levels()}
		if r.IntN(2) == 0 {
			c := r.IntN(8)
			in.Capacity = &c
		}
		if s, err := d.CreateService(ctx, in); ok(err) {
			w.services = append(w.services, s.ID)
		}
	case 11, 12:
		p := alliance.ServicePatch{}
		switch r.IntN(6) {
		case 0:
			p.MonthlyCost = alliance.Some(*w.money())
		case 1:
			p.Capacity = alliance.Some(r.IntN(8))
		case 2:
			p.Lifecycle = alliance.Some(lifecycles[r.IntN(len(lifecycles))])
		case 3:
			p.DesignedLevels = alliance.Some(w.levels())
		case 4:
			p.Name = alliance.Some(w.name("Renamed service"))
		default:
			p.Capacity = alliance.Null[int]()
		}
		_, err := d.UpdateService(ctx, w.pick(w.services), p)
		ok(err)
	case 13:
		if r.IntN(4) == 0 {
			ok(d.DeleteService(ctx, w.pick(w.services)))
		}
	case 14, 15, 16, 22, 23, 24, 25, 26:
		cov, units := 1+r.IntN(100), 1+r.IntN(4)
		if r.IntN(2) == 0 {
			cov = 100
		}
		if c, err := d.CreateCommitment(ctx, alliance.CommitmentInput{RequirementID: w.pick(w.reqs), ServiceID: w.pick(w.services), CoveragePercent: &cov, CapacityUnits: &units}); ok(err) {
			w.commits = append(w.commits, c.ID)
		}
	case 17:
		p := alliance.CommitmentPatch{}
		if r.IntN(2) == 0 {
			p.CoveragePercent = alliance.Some(1 + r.IntN(100))
		} else {
			p.CapacityUnits = alliance.Some(1 + r.IntN(4))
		}
		_, err := d.UpdateCommitment(ctx, w.pick(w.commits), p)
		ok(err)
	case 18:
		ok(d.DeleteCommitment(ctx, w.pick(w.commits)))
	case 19, 20:
		start := time.Date(2026, time.Month(1+r.IntN(6)), 1, 0, 0, 0, 0, time.UTC)
		m, err := d.RecordMeasurement(ctx, alliance.MeasurementInput{ServiceID: w.pick(w.services), Metric: fuzzMetrics[r.IntN(len(fuzzMetrics))],
			Value: float64(r.IntN(10)) * 10, PeriodStart: start, PeriodEnd: start.AddDate(0, 1, 0)})
		if ok(err) {
			w.measures = append(w.measures, m.ID)
		}
		if r.IntN(3) == 0 {
			ok(d.DeleteMeasurement(ctx, w.pick(w.measures)))
		}
	case 21:
		dir := alliance.HigherIsBetter
		if r.IntN(2) == 0 {
			dir = alliance.LowerIsBetter
		}
		_, err := d.UpdateMetric(ctx, "fuzz_metric", alliance.MetricPatch{Direction: alliance.Some(dir), Unit: alliance.Some(w.name("unit"))})
		ok(err)
	}
}

// check fails the test when a stored figure is not what a full evaluation
// computes, or the portfolio's sums are not the full evaluation's.
func (w *fuzzWorld) check(ctx context.Context, step int) {
	w.t.Helper()
	diffs, err := w.d.Check(ctx)
	if err != nil {
		w.t.Fatal(err)
	}
	for i, d := range diffs {
		if i == 10 {
			w.t.Errorf("... and %d more", len(diffs)-10)
			break
		}
		w.t.Errorf("after step %d: %s", step, d)
	}
	if len(diffs) > 0 {
		w.t.FailNow()
	}
	e, err := w.d.Evaluation(ctx)
	if err != nil {
		w.t.Fatal(err)
	}
	// Impact reads only the requirements committed to the service: it must
	// answer what a full evaluation answers (three services a check).
	for range 3 {
		s := w.pick(w.services)
		if s == 0 {
			break
		}
		got, err := w.d.Impact(ctx, s)
		if err != nil {
			w.t.Fatal(err)
		}
		want, _ := e.Impact(s)
		if impactText(got) != impactText(want) {
			w.t.Fatalf("after step %d: impact of service %d\n%s\na full evaluation says\n%s", step, s, impactText(got), impactText(want))
		}
	}
	p, err := w.d.Portfolio(ctx)
	if err != nil {
		w.t.Fatal(err)
	}
	want := e.Portfolio
	if !coverage.SameScore(p.Score, want.Score) || p.StatusCounts != want.StatusCounts ||
		!p.AnnualContractValue.Equal(want.AnnualContractValue) || !p.MonthlyServiceCost.Equal(want.MonthlyServiceCost) ||
		!p.OrphanMonthlyCost.Equal(want.OrphanMonthlyCost) {
		w.t.Fatalf("after step %d: portfolio %+v, a full evaluation says %+v", step, *p, want)
	}
}

// fuzzSteps is how many writes one run applies; ALLIANCE_FUZZ_STEPS changes it.
func fuzzSteps(t *testing.T) int {
	if s := os.Getenv("ALLIANCE_FUZZ_STEPS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			t.Fatalf("ALLIANCE_FUZZ_STEPS=%q: %v", s, err)
		}
		return n
	}
	return 2000
}

// After any sequence of writes, every stored figure is what a full
// evaluation of the portfolio computes: a seeded random walk over every kind
// of write, cross-client ones included, checked every few steps with the
// operator's check.
func TestFiguresEqualAFullEvaluation(t *testing.T) {
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("ALLIANCE_FUZZ_SEED"); s != "" {
		seed, _ = strconv.ParseUint(s, 10, 64)
	}
	t.Logf("seed %d (ALLIANCE_FUZZ_SEED=%d reproduces this run)", seed, seed)
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		if _, err := d.CreateMetric(ctx, alliance.MetricInput{Key: "fuzz_metric", Name: "Fuzz", Unit: "u", Direction: alliance.HigherIsBetter}); err != nil {
			t.Fatal(err)
		}
		w := &fuzzWorld{t: t, d: d, r: rand.New(rand.NewPCG(seed, 7))}
		steps := fuzzSteps(t)
		for i := 1; i <= steps; i++ {
			w.step(ctx)
			if i%25 == 0 || i == steps {
				w.check(ctx, i)
			}
		}
		t.Logf("%d writes tried, %d applied; %d clients, %d requirements, %d services, %d commitments made", steps, w.applied,
			len(w.clients), len(w.reqs), len(w.services), len(w.commits))
		if w.applied < steps/3 {
			t.Fatalf("only %d of %d writes applied: the walk tests too little", w.applied, steps)
		}
	})
}

func impactText(imp *coverage.Impact) string {
	if imp == nil {
		return "none"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "revenue at risk %s", imp.RevenueAtRisk)
	for _, r := range imp.Requirements {
		fmt.Fprintf(&b, "\n  requirement %d of client %d: %s -> %s (loses a MUST: %t)", r.RequirementID, r.ClientID, r.Before, r.After, r.LosesMust)
	}
	for _, c := range imp.Clients {
		fmt.Fprintf(&b, "\n  client %d: %s -> %s", c.ClientID, scoreOf(c.Before), scoreOf(c.After))
	}
	return b.String()
}

func scoreOf(s *float64) string {
	if s == nil {
		return "none"
	}
	return strconv.FormatFloat(*s, 'f', 1, 64)
}

// A cost to serve is kept as an exact fraction, however long: a client that
// bears one unit of each of 60 services shared over a prime number of units
// has a denominator of 60 primes.
func TestLongExactAmountsAreKept(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		var small int64
		err := d.Atomically(ctx, func(ctx context.Context) error {
			a, err := d.CreateClient(ctx, alliance.ClientInput{Name: "Small"})
			if err != nil {
				return err
			}
			small = a.ID
			b, err := d.CreateClient(ctx, alliance.ClientInput{Name: "Large"})
			if err != nil {
				return err
			}
			reqOf := map[int64]int64{}
			for _, c := range []int64{a.ID, b.ID} {
				o, err := d.CreateObjective(ctx, alliance.ObjectiveInput{ClientID: c, Title: "Run"})
				if err != nil {
					return err
				}
				r, err := d.CreateRequirement(ctx, alliance.RequirementInput{ObjectiveID: o.ID, Title: "Everything"})
				if err != nil {
					return err
				}
				reqOf[c] = r.ID
			}
			var primes []int // 60 primes from 1,009 on
			for n := 1009; len(primes) < 60; n += 2 {
				if isPrime(n) {
					primes = append(primes, n)
				}
			}
			for i, p := range primes {
				cost := decimal.New(123457, -2)
				s, err := d.CreateService(ctx, alliance.ServiceInput{Name: fmt.Sprintf("Service %d", i), MonthlyCost: &cost})
				if err != nil {
					return err
				}
				one, rest := 1, p-1
				if _, err := d.CreateCommitment(ctx, alliance.CommitmentInput{RequirementID: reqOf[a.ID], ServiceID: s.ID, CapacityUnits: &one}); err != nil {
					return err
				}
				if _, err := d.CreateCommitment(ctx, alliance.CommitmentInput{RequirementID: reqOf[b.ID], ServiceID: s.ID, CapacityUnits: &rest}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		fs, err := d.ClientFigures(ctx, []int64{small})
		if err != nil {
			t.Fatal(err)
		}
		if n := len(fs[0].MonthlyCostToServe.RatString()); n <= 200 {
			t.Fatalf("the cost to serve is only %d characters long: the test proves nothing", n)
		}
		if diffs, err := d.Check(ctx); err != nil || len(diffs) > 0 {
			t.Fatalf("check: %v %v", diffs, err)
		}
	})
}

func isPrime(n int) bool {
	for d := 2; d*d <= n; d++ {
		if n%d == 0 {
			return false
		}
	}
	return n > 1
}

// A write that moves many clients' figures replaces thousands of stored rows
// at once: on SQLite the keys go to the database as one JSON array rather
// than one placeholder each. Every row must still be replaced.
func TestAWriteThatMovesManyFiguresReplacesThemAll(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		if _, err := d.Generate(ctx, db.GenerateOptions{Clients: 30, Seed: 7}, nil); err != nil {
			t.Fatal(err)
		}
		var service, n int64
		if err := d.SQL().QueryRow(`SELECT service_id, COUNT(*) FROM commitments GROUP BY service_id ORDER BY COUNT(*) DESC, service_id LIMIT 1`).Scan(&service, &n); err != nil {
			t.Fatal(err)
		}
		var rows int64
		if err := d.SQL().QueryRow(`SELECT COUNT(*) FROM commitment_figures f JOIN commitments c ON c.id = f.commitment_id
			JOIN requirements r ON r.id = c.requirement_id JOIN objectives o ON o.id = r.objective_id
			WHERE o.client_id IN (SELECT o2.client_id FROM commitments c2 JOIN requirements r2 ON r2.id = c2.requirement_id
				JOIN objectives o2 ON o2.id = r2.objective_id WHERE c2.service_id = ?)`, service).Scan(&rows); err != nil {
			t.Fatal(err)
		}
		if rows < 200 {
			t.Fatalf("the most committed service (%d commitments) reaches %d commitment figures: too few to test many at once", n, rows)
		}
		for i, v := range []float64{10, 99.99, 50} {
			start := time.Date(2031, 1, 1+i, 0, 0, 0, 0, time.UTC)
			if _, err := d.RecordMeasurement(ctx, alliance.MeasurementInput{ServiceID: service, Metric: "availability", Value: v,
				PeriodStart: start, PeriodEnd: start.AddDate(0, 0, 1)}); err != nil {
				t.Fatal(err)
			}
			if diffs, err := d.Check(ctx); err != nil || len(diffs) > 0 {
				t.Fatalf("after measurement %v: %v %+v", v, err, diffs)
			}
		}
		t.Logf("service %d: %d commitments, %d commitment figures of its clients", service, n, rows)
	})
}
