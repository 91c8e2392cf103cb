package coverage

import (
	"fmt"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"alliance"
)

// world builds snapshots for the tests, one entity at a time.
type world struct {
	s    Snapshot
	next int64
}

func newWorld() *world {
	w := &world{}
	for _, m := range []alliance.Metric{
		{Key: "availability", Name: "Availability", Unit: "percent", Direction: alliance.HigherIsBetter},
		{Key: "support_hours", Name: "Staffed support hours", Unit: "hours/week", Direction: alliance.HigherIsBetter},
		{Key: "response_minutes", Name: "Response time", Unit: "minutes", Direction: alliance.LowerIsBetter},
		{Key: "rpo_minutes", Name: "Recovery point objective", Unit: "minutes", Direction: alliance.LowerIsBetter},
	} {
		w.s.Metrics = append(w.s.Metrics, &m)
	}
	return w
}

func (w *world) id() int64 { w.next++; return w.next }

func money(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func lv(metric string, v float64) alliance.Level { return alliance.Level{Metric: metric, Value: v} }

func (w *world) client(name string, status alliance.ClientStatus, acv string) *alliance.Client {
	c := &alliance.Client{ID: w.id(), Name: name, Status: status, AnnualContractValue: money(acv)}
	w.s.Clients = append(w.s.Clients, c)
	return c
}

func (w *world) objective(c *alliance.Client, title string) *alliance.Objective {
	o := &alliance.Objective{ID: w.id(), ClientID: c.ID, Title: title, Priority: alliance.Should}
	w.s.Objectives = append(w.s.Objectives, o)
	return o
}

func (w *world) requirement(o *alliance.Objective, title string, p alliance.Priority, targets ...alliance.Level) *alliance.Requirement {
	r := &alliance.Requirement{ID: w.id(), ObjectiveID: o.ID, Title: title, Priority: p, Targets: targets}
	w.s.Requirements = append(w.s.Requirements, r)
	return r
}

func (w *world) service(name string, l alliance.Lifecycle, cost string, capacity *int, designed ...alliance.Level) *alliance.Service {
	s := &alliance.Service{ID: w.id(), Name: name, Lifecycle: l, MonthlyCost: money(cost), Capacity: capacity, DesignedLevels: designed}
	w.s.Services = append(w.s.Services, s)
	return s
}

func (w *world) commit(r *alliance.Requirement, s *alliance.Service, percent, units int) *alliance.Commitment {
	c := &alliance.Commitment{ID: w.id(), RequirementID: r.ID, ServiceID: s.ID, CoveragePercent: percent, CapacityUnits: units}
	w.s.Commitments = append(w.s.Commitments, c)
	return c
}

var epoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// measure records a value for the month that ends monthEnd months after
// January 2026, recorded at the given second.
func (w *world) measure(s *alliance.Service, metric string, v float64, monthEnd, recordedSecond int) *alliance.Measurement {
	end := epoch.AddDate(0, monthEnd, 0)
	m := &alliance.Measurement{ID: w.id(), ServiceID: s.ID, Metric: metric, Value: v,
		PeriodStart: end.AddDate(0, -1, 0), PeriodEnd: end, RecordedAt: epoch.Add(time.Duration(recordedSecond) * time.Second)}
	w.s.Measurements = append(w.s.Measurements, m)
	return m
}

func (w *world) eval() *Evaluation { return Evaluate(&w.s) }

func capacity(n int) *int { return &n }

func score(v float64) *float64 { return &v }

func fmtScore(s *float64) string {
	if s == nil {
		return "null"
	}
	return fmt.Sprint(*s)
}

// stage is a client with one objective, for tests about requirements.
func stage(t *testing.T) (*world, *alliance.Objective) {
	t.Helper()
	w := newWorld()
	return w, w.objective(w.client("Acme", alliance.Active, "120000"), "Run the shop")
}
