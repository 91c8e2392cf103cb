package demo_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"alliance"
	"alliance/db"
	"alliance/db/dbtest"
	"alliance/demo"
)

// now is the fixed clock of the tests: measurements cover May to October 2026.
var now = time.Date(2026, 11, 15, 10, 0, 0, 0, time.UTC)

// load loads the demo portfolio into d in one transaction, as the server does.
func load(t *testing.T, d *db.DB) (*demo.Summary, error) {
	t.Helper()
	var sum *demo.Summary
	err := d.Atomically(alliance.WithActor(context.Background(), "demo"), func(ctx context.Context) error {
		var err error
		sum, err = demo.Load(ctx, d, now)
		return err
	})
	return sum, err
}

// counts is what the store holds, counted through its read methods.
type counts struct {
	demo.Summary
	statuses           map[alliance.ClientStatus]int
	lifecycles         map[alliance.Lifecycle]int
	emptyObjectives    int
	objectivesPer      []int
	requirementsPer    []int
	measurementsOf     map[string]int // by service name
	months             map[time.Time]bool
	badMeasurements    []string
	measuredLifecycles map[alliance.Lifecycle]bool
}

func count(t *testing.T, d *db.DB) counts {
	t.Helper()
	ctx := context.Background()
	c := counts{
		statuses: map[alliance.ClientStatus]int{}, lifecycles: map[alliance.Lifecycle]int{},
		measurementsOf: map[string]int{}, months: map[time.Time]bool{}, measuredLifecycles: map[alliance.Lifecycle]bool{},
	}
	clients := allClients(t, d)
	c.Clients = len(clients)
	ids := make([]int64, len(clients))
	for i, cl := range clients {
		ids[i] = cl.ID
		c.statuses[cl.Status]++
	}
	objs, err := d.ObjectivesByClientIDs(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	var objIDs []int64
	for _, group := range objs {
		c.objectivesPer = append(c.objectivesPer, len(group))
		for _, o := range group {
			objIDs = append(objIDs, o.ID)
		}
	}
	c.Objectives = len(objIDs)
	reqs, err := d.RequirementsByObjectiveIDs(ctx, objIDs)
	if err != nil {
		t.Fatal(err)
	}
	var reqIDs []int64
	for _, rs := range reqs {
		c.requirementsPer = append(c.requirementsPer, len(rs))
		if len(rs) == 0 {
			c.emptyObjectives++
		}
		for _, r := range rs {
			reqIDs = append(reqIDs, r.ID)
		}
	}
	c.Requirements = len(reqIDs)
	cms, err := d.CommitmentsByRequirementIDs(ctx, reqIDs)
	if err != nil {
		t.Fatal(err)
	}
	for _, cs := range cms {
		c.Commitments += len(cs)
	}
	services := allServices(t, d)
	c.Services = len(services)
	for _, s := range services {
		c.lifecycles[s.Lifecycle]++
		designed := map[string]bool{}
		for _, l := range s.DesignedLevels {
			designed[l.Metric] = true
		}
		ms, err := d.Measurements(ctx, []alliance.MeasurementQuery{{ServiceID: s.ID, Last: alliance.MaxMeasurements}})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms[0] {
			c.Measurements++
			c.measurementsOf[s.Name]++
			c.measuredLifecycles[s.Lifecycle] = true
			c.months[m.PeriodStart] = true
			ok := designed[m.Metric] && m.PeriodEnd.Before(now) && m.PeriodStart.Day() == 1 &&
				m.PeriodStart.Hour() == 0 && m.PeriodEnd.Equal(m.PeriodStart.AddDate(0, 1, 0))
			if !ok {
				c.badMeasurements = append(c.badMeasurements, fmt.Sprintf("%s %s %s–%s", s.Name, m.Metric, m.PeriodStart, m.PeriodEnd))
			}
		}
	}
	return c
}

func allClients(t *testing.T, d *db.DB) []*alliance.Client {
	t.Helper()
	first := alliance.MaxPageSize
	p, err := d.FindClients(context.Background(), alliance.ClientFilter{}, alliance.PageArgs{First: &first})
	if err != nil || p.HasNext {
		t.Fatalf("find clients: %v (more than one page: %v)", err, p != nil && p.HasNext)
	}
	return p.Items
}

func allServices(t *testing.T, d *db.DB) []*alliance.Service {
	t.Helper()
	first := alliance.MaxPageSize
	p, err := d.FindServices(context.Background(), alliance.ServiceFilter{}, alliance.PageArgs{First: &first})
	if err != nil || p.HasNext {
		t.Fatalf("find services: %v (more than one page: %v)", err, p != nil && p.HasNext)
	}
	ids := make([]int64, len(p.Items))
	for i, s := range p.Items {
		ids[i] = s.ID
	}
	full, err := d.ServicesByIDs(context.Background(), ids) // with designed levels
	if err != nil {
		t.Fatal(err)
	}
	return full
}

func TestLoad(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		sum, err := load(t, d)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("summary: %+v", *sum)
		c := count(t, d)
		if c.Summary != *sum {
			t.Errorf("store holds %+v, Load says %+v", c.Summary, *sum)
		}
		ctx := context.Background()
		if n, err := d.CountClients(ctx, alliance.ClientFilter{}); err != nil || n != sum.Clients {
			t.Errorf("CountClients = %d, %v; want %d", n, err, sum.Clients)
		}
		if n, err := d.CountServices(ctx, alliance.ServiceFilter{}); err != nil || n != sum.Services {
			t.Errorf("CountServices = %d, %v; want %d", n, err, sum.Services)
		}
		if sum.Clients < 6 || sum.Services < 12 || sum.Commitments < sum.Requirements/2 {
			t.Errorf("the portfolio is too small: %+v", *sum)
		}
		for _, s := range []alliance.ClientStatus{alliance.Prospect, alliance.Active, alliance.Churned} {
			if c.statuses[s] == 0 {
				t.Errorf("no %s client (statuses %v)", s, c.statuses)
			}
		}
		for _, l := range []alliance.Lifecycle{alliance.Planned, alliance.Live, alliance.Retiring, alliance.Retired} {
			if c.lifecycles[l] == 0 {
				t.Errorf("no %s service (lifecycles %v)", l, c.lifecycles)
			}
		}
		for i, n := range c.objectivesPer {
			if n < 3 || n > 5 {
				t.Errorf("client %d has %d objectives, want 3–5", i, n)
			}
		}
		for i, n := range c.requirementsPer {
			if n != 0 && (n < 3 || n > 6) {
				t.Errorf("objective %d has %d requirements, want 0 or 3–6", i, n)
			}
		}
		if c.emptyObjectives != 1 {
			t.Errorf("%d objectives without requirements, want exactly 1", c.emptyObjectives)
		}
		if len(c.badMeasurements) > 0 {
			t.Errorf("measurements off their service's design or not whole months before now: %v", c.badMeasurements)
		}
		if len(c.months) != 6 {
			t.Errorf("measurements span %d months, want 6: %v", len(c.months), c.months)
		}
		for m := range c.months {
			if m.Before(time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)) || m.After(time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)) {
				t.Errorf("a measurement period starts %s, outside May–October 2026", m)
			}
		}
		if c.measuredLifecycles[alliance.Planned] || c.measuredLifecycles[alliance.Retired] {
			t.Errorf("planned or retired services carry measurements: %v", c.measuredLifecycles)
		}
		for _, s := range allServices(t, d) {
			want := 0
			if s.Lifecycle == alliance.Live || s.Lifecycle == alliance.Retiring {
				want = 6 * len(s.DesignedLevels)
			}
			if got := c.measurementsOf[s.Name]; got != want {
				t.Errorf("%s (%s) has %d measurements, want %d", s.Name, s.Lifecycle, got, want)
			}
		}
		actor := "demo"
		created := sum.Clients + sum.Objectives + sum.Requirements + sum.Services + sum.Commitments + sum.Measurements
		if n, err := d.CountAudit(ctx, alliance.AuditFilter{Actor: &actor}); err != nil || n != created {
			t.Errorf("%d audit entries by demo (%v), want %d", n, err, created)
		}
	})
}

func TestLoadTwiceConflicts(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		sum, err := load(t, d)
		if err != nil {
			t.Fatal(err)
		}
		before := count(t, d)
		again, err := load(t, d)
		if alliance.ErrorCode(err) != alliance.ECONFLICT {
			t.Fatalf("second load: summary %v, error %v (code %q), want CONFLICT", again, err, alliance.ErrorCode(err))
		}
		t.Logf("second load: %v", err)
		after := count(t, d)
		if after.Summary != *sum || after.Summary != before.Summary {
			t.Errorf("after the failed load the store holds %+v, want %+v", after.Summary, *sum)
		}
	})
}

// TestLoadRollsBack shows that a load failing halfway, after every client was
// written, leaves nothing behind when run in Atomically.
func TestLoadRollsBack(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		if _, err := d.CreateService(ctx, alliance.ServiceInput{Name: "Managed Backup"}); err != nil {
			t.Fatal(err)
		}
		if _, err := load(t, d); alliance.ErrorCode(err) != alliance.ECONFLICT {
			t.Fatalf("load over an existing service: %v, want CONFLICT", err)
		}
		c := count(t, d)
		if want := (demo.Summary{Services: 1}); c.Summary != want {
			t.Errorf("after the failed load the store holds %+v, want %+v", c.Summary, want)
		}
	})
}
