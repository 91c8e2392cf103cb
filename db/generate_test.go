package db_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"alliance"
	"alliance/coverage"
	"alliance/db"
	"alliance/db/dbtest"
)

// generateAt is the clock of the generated portfolios of these tests, so
// that two runs write the same dates.
var generateAt = time.Date(2026, 5, 20, 10, 0, 0, 0, time.UTC)

func generate(t *testing.T, d *db.DB, clients int, seed uint64) *db.GenerateSummary {
	t.Helper()
	sum, err := d.Generate(context.Background(), db.GenerateOptions{Clients: clients, Seed: seed, Now: generateAt}, nil)
	if err != nil {
		t.Fatalf("generate %d clients, seed %d: %v", clients, seed, err)
	}
	return sum
}

// generatedTables are the tables Generate writes, each with the order that
// makes its rows a list.
var generatedTables = []struct{ table, order string }{
	{"clients", "id"}, {"objectives", "id"}, {"requirements", "id"},
	{"requirement_targets", "requirement_id, metric_key"}, {"services", "id"},
	{"service_levels", "service_id, metric_key"}, {"commitments", "id"}, {"measurements", "id"},
}

// digest hashes every row of every generated table, and counts the rows.
func digest(t *testing.T, d *db.DB) (string, int) {
	t.Helper()
	h := sha256.New()
	total := 0
	for _, gt := range generatedTables {
		rows, err := d.SQL().Query("SELECT * FROM " + gt.table + " ORDER BY " + gt.order)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		values := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range values {
			ptrs[i] = &values[i]
		}
		fmt.Fprintf(h, "%s%q\n", gt.table, cols)
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for _, v := range values {
				if b, ok := v.([]byte); ok {
					v = string(b)
				}
				fmt.Fprintf(h, "%v\x1f", v)
			}
			h.Write([]byte{'\n'})
			total++
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
	}
	return hex.EncodeToString(h.Sum(nil)), total
}

// The same size and seed give the same rows, in a fresh database of the
// same kind; another seed gives others.
func TestGenerateIsDeterministic(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(dialect, func(t *testing.T) {
			first, second, other := dbtest.Open(t, dialect), dbtest.Open(t, dialect), dbtest.Open(t, dialect)
			generate(t, first, 20, 7)
			generate(t, second, 20, 7)
			generate(t, other, 20, 8)
			a, n := digest(t, first)
			b, _ := digest(t, second)
			c, _ := digest(t, other)
			if n < 20*350 {
				t.Fatalf("only %d rows were generated", n)
			}
			if a != b {
				t.Errorf("two portfolios of seed 7 differ: %s and %s", a, b)
			}
			if a == c {
				t.Errorf("seeds 7 and 8 gave the same portfolio")
			}
		})
	}
}

func count(t *testing.T, d *db.DB, table string) int {
	t.Helper()
	var n int
	if err := d.SQL().QueryRow("SELECT COUNT(*) FROM " + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// A database that holds any part of a portfolio is refused, with what it
// holds, and nothing is written.
func TestGenerateRefusesANonEmptyDatabase(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		if _, err := d.Generate(ctx, db.GenerateOptions{Clients: 0}, nil); alliance.ErrorCode(err) != alliance.EINVALID {
			t.Fatalf("0 clients: %v", err)
		}
		if _, err := d.CreateService(ctx, alliance.ServiceInput{Name: "Already here"}); err != nil {
			t.Fatal(err)
		}
		rev, err := d.CountAudit(ctx, alliance.AuditFilter{})
		if err != nil {
			t.Fatal(err)
		}
		_, err = d.Generate(ctx, db.GenerateOptions{Clients: 10, Seed: 1}, nil)
		if alliance.ErrorCode(err) != alliance.ECONFLICT || !strings.Contains(err.Error(), "it holds 1 service)") {
			t.Fatalf("over one service: %v", err)
		}
		c, err := d.CreateClient(ctx, alliance.ClientInput{Name: "Existing"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := d.CreateObjective(ctx, alliance.ObjectiveInput{ClientID: c.ID, Title: "Grow"}); err != nil {
			t.Fatal(err)
		}
		_, err = d.Generate(ctx, db.GenerateOptions{Clients: 10, Seed: 1}, nil)
		if alliance.ErrorCode(err) != alliance.ECONFLICT || !strings.Contains(err.Error(), "it holds 1 client, 1 service, 1 objective)") {
			t.Fatalf("over a client: %v", err)
		}
		for table, want := range map[string]int{"clients": 1, "services": 1, "objectives": 1, "requirements": 0, "commitments": 0, "measurements": 0, "requirement_targets": 0, "service_levels": 0} {
			if got := count(t, d, table); got != want {
				t.Errorf("%s: %d rows, want %d", table, got, want)
			}
		}
		var generated int
		if err := d.SQL().QueryRow("SELECT COUNT(*) FROM audit_log WHERE entity = 'Portfolio'").Scan(&generated); err != nil || generated != 0 {
			t.Errorf("audit entries of a generated portfolio: %d %v", generated, err)
		}
		if now, err := d.CountAudit(ctx, alliance.AuditFilter{}); err != nil || now != rev+2 { // the client and the objective only
			t.Errorf("%d audit entries, want %d (%v): a refused generate wrote something", now, rev+2, err)
		}
	})
}

// metricRange is where a metric's generated targets, designs and
// measurements lie.
var metricRange = map[string][2]float64{
	"availability":     {95, 100},
	"support_hours":    {20, 168},
	"response_minutes": {1, 480},
	"resolution_hours": {1, 144},
	"rpo_minutes":      {1, 2880},
	"rto_minutes":      {1, 5760},
}

// Every status and every kind of gap occurs, at N = 10 and 20, and the
// counts scale with N: objectives, requirements, services and measurements
// exactly (5N, 50N, 2N, 100N), commitments within 2% of 200N (a requirement
// may run out of services that keep its status; the shortfall is carried
// to others).
func TestGeneratePortfolioShape(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		for _, n := range []int{10, 20} {
			t.Run(fmt.Sprintf("%s N=%d", dialect, n), func(t *testing.T) {
				d := dbtest.Open(t, dialect)
				sum := generate(t, d, n, 1)
				e, err := d.Evaluation(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				snap := e.Snapshot()
				checkCounts(t, n, sum, snap)
				checkCoverage(t, e)
				checkClients(t, snap)
				checkCatalog(t, snap)
				checkLevels(t, snap)
				checkAudit(t, d, n)
			})
		}
	}
}

func checkCounts(t *testing.T, n int, sum *db.GenerateSummary, s *coverage.Snapshot) {
	t.Helper()
	for _, c := range []struct {
		what          string
		summary, read int
		want          int
	}{
		{"clients", sum.Clients, len(s.Clients), n},
		{"objectives", sum.Objectives, len(s.Objectives), 5 * n},
		{"requirements", sum.Requirements, len(s.Requirements), 50 * n},
		{"services", sum.Services, len(s.Services), 2 * n},
	} {
		if c.summary != c.want || c.read != c.want {
			t.Errorf("%s: summary %d, database %d, want %d", c.what, c.summary, c.read, c.want)
		}
	}
	if sum.Commitments != len(s.Commitments) || math.Abs(float64(sum.Commitments-200*n)) > 0.02*float64(200*n) {
		t.Errorf("commitments: summary %d, database %d, want 200N = %d within 2%%", sum.Commitments, len(s.Commitments), 200*n)
	}
	if sum.Measurements != 100*n {
		t.Errorf("measurements: %d, want %d", sum.Measurements, 100*n)
	}
}

func checkCoverage(t *testing.T, e *coverage.Evaluation) {
	t.Helper()
	statuses := map[coverage.Status]int{}
	for _, c := range e.Requirements {
		statuses[c.Status]++
	}
	for _, s := range coverage.Statuses {
		if statuses[s] == 0 {
			t.Errorf("no requirement is %s: %v", s, statuses)
		}
	}
	if statuses[coverage.Covered] < len(e.Requirements)/3 {
		t.Errorf("only %d of %d requirements are covered", statuses[coverage.Covered], len(e.Requirements))
	}
	kinds := map[coverage.GapKind]int{}
	for _, g := range e.Gaps {
		kinds[g.Kind]++
	}
	for _, k := range []coverage.GapKind{
		coverage.KindGap, coverage.KindPlannedOnly, coverage.KindOverpromised, coverage.KindUnderDelivered,
		coverage.KindPartial, coverage.KindEmptyObjective, coverage.KindOrphanService, coverage.KindOversubscribed,
	} {
		if kinds[k] == 0 {
			t.Errorf("no gap is %s: %v", k, kinds)
		}
	}
}

// checkClients: every status, contract values with cents, and about one
// client in a hundred (at least one) ten times the median in requirements.
func checkClients(t *testing.T, s *coverage.Snapshot) {
	t.Helper()
	statuses := map[alliance.ClientStatus]int{}
	cents := 0
	for _, c := range s.Clients {
		statuses[c.Status]++
		if !c.AnnualContractValue.Equal(c.AnnualContractValue.Truncate(0)) {
			cents++
		}
	}
	if statuses[alliance.Active] == 0 || statuses[alliance.Prospect] == 0 || statuses[alliance.Churned] == 0 || statuses[alliance.Active] < len(s.Clients)/2 {
		t.Errorf("client statuses %v", statuses)
	}
	if cents == 0 {
		t.Errorf("no contract value has cents")
	}
	clientOf := map[int64]int64{}
	for _, o := range s.Objectives {
		clientOf[o.ID] = o.ClientID
	}
	size := map[int64]int{}
	for _, r := range s.Requirements {
		size[clientOf[r.ObjectiveID]]++
	}
	var sizes []int
	for _, c := range s.Clients {
		sizes = append(sizes, size[c.ID])
	}
	slices.Sort(sizes)
	median := float64(sizes[(len(sizes)-1)/2]+sizes[len(sizes)/2]) / 2
	big := 0
	for _, n := range sizes {
		if float64(n) >= 10*median {
			big++
		}
	}
	if big < 1 || big > 1+len(sizes)/50 {
		t.Errorf("%d clients are ten times the median (%v requirements); want about one in a hundred, at least one: %v", big, median, sizes)
	}
}

// checkCatalog: every lifecycle, costs with cents, some capacities, and
// commitments within bounds. (How many clients use each service is checked
// on a larger plan: TestGeneratePlanServicePopularity.)
func checkCatalog(t *testing.T, s *coverage.Snapshot) {
	t.Helper()
	lifecycles := map[alliance.Lifecycle]int{}
	cents, capacities := 0, 0
	for _, sv := range s.Services {
		lifecycles[sv.Lifecycle]++
		if !sv.MonthlyCost.Equal(sv.MonthlyCost.Truncate(0)) {
			cents++
		}
		if sv.Capacity != nil {
			capacities++
		}
	}
	for _, l := range []alliance.Lifecycle{alliance.Planned, alliance.Live, alliance.Retiring, alliance.Retired} {
		if lifecycles[l] == 0 {
			t.Errorf("no service is %s: %v", l, lifecycles)
		}
	}
	if cents == 0 || capacities == 0 || capacities == len(s.Services) {
		t.Errorf("%d of %d services cost cents, %d have a capacity", cents, len(s.Services), capacities)
	}
	for _, c := range s.Commitments {
		if c.CoveragePercent < 1 || c.CoveragePercent > 100 || c.CapacityUnits < 1 {
			t.Fatalf("commitment %d: %d%%, %d units", c.ID, c.CoveragePercent, c.CapacityUnits)
		}
	}
}

// checkLevels: one to three targets per requirement, every target, design
// and measurement on a metric of the catalog and in its realistic range,
// and every measurement on a designed metric of its service, with its
// period in order; some latest measurements miss the design.
func checkLevels(t *testing.T, s *coverage.Snapshot) {
	t.Helper()
	inRange := func(what, metric string, v float64) {
		r, ok := metricRange[metric]
		if !ok || v < r[0] || v > r[1] {
			t.Errorf("%s: %s = %v, want it in %v", what, metric, v, r)
		}
	}
	for _, r := range s.Requirements {
		if len(r.Targets) < 1 || len(r.Targets) > 3 {
			t.Errorf("requirement %d has %d targets", r.ID, len(r.Targets))
		}
		for _, l := range r.Targets {
			inRange(fmt.Sprintf("requirement %d", r.ID), l.Metric, l.Value)
		}
	}
	designed := map[coverage.ServiceMetric]float64{}
	for _, sv := range s.Services {
		for _, l := range sv.DesignedLevels {
			inRange(fmt.Sprintf("service %d", sv.ID), l.Metric, l.Value)
			designed[coverage.ServiceMetric{ServiceID: sv.ID, Metric: l.Metric}] = l.Value
		}
	}
	higher := map[string]bool{}
	for _, m := range s.Metrics {
		higher[m.Key] = m.Direction == alliance.HigherIsBetter
	}
	missed := 0
	for _, m := range s.Measurements { // the latest of each service and metric
		d, ok := designed[coverage.ServiceMetric{ServiceID: m.ServiceID, Metric: m.Metric}]
		if !ok {
			t.Errorf("measurement %d: service %d has no design for %s", m.ID, m.ServiceID, m.Metric)
		}
		inRange(fmt.Sprintf("measurement %d", m.ID), m.Metric, m.Value)
		if !m.PeriodStart.Before(m.PeriodEnd) || m.PeriodEnd.After(generateAt) || m.RecordedAt.After(generateAt) {
			t.Errorf("measurement %d: %v to %v, recorded %v", m.ID, m.PeriodStart, m.PeriodEnd, m.RecordedAt)
		}
		if (higher[m.Metric] && m.Value < d) || (!higher[m.Metric] && m.Value > d) {
			missed++
		}
	}
	if missed == 0 || missed > len(s.Measurements)/3 {
		t.Errorf("%d of %d latest measurements miss their design", missed, len(s.Measurements))
	}
}

// checkAudit: one audit entry says the portfolio was generated.
func checkAudit(t *testing.T, d *db.DB, n int) {
	t.Helper()
	var entries int
	var after string
	if err := d.SQL().QueryRow("SELECT COUNT(*), MAX(after_json) FROM audit_log").Scan(&entries, &after); err != nil {
		t.Fatal(err)
	}
	if entries != 1 || !strings.Contains(after, fmt.Sprintf(`"clients":%d`, n)) || !strings.Contains(after, `"seed":1`) {
		t.Errorf("%d audit entries, the last %s", entries, after)
	}
}
