package db

import (
	"fmt"
	"testing"
	"time"

	"alliance"
	"alliance/coverage"
)

// snapshotOf is the portfolio of a plan as the coverage rules see it.
func snapshotOf(p *plan) *coverage.Snapshot {
	s := &coverage.Snapshot{}
	for _, m := range genMetrics {
		s.Metrics = append(s.Metrics, &alliance.Metric{Key: m.key, Direction: m.direction})
	}
	for i := range p.clients {
		s.Clients = append(s.Clients, p.clients[i].domain())
	}
	for i := range p.objectives {
		s.Objectives = append(s.Objectives, p.objectives[i].domain())
	}
	for i := range p.requirements {
		s.Requirements = append(s.Requirements, p.requirements[i].domain())
	}
	for _, t := range p.targets {
		r := s.Requirements[t.RequirementID-1]
		r.Targets = append(r.Targets, alliance.Level{Metric: t.MetricKey, Value: t.Value})
	}
	for i := range p.services {
		s.Services = append(s.Services, p.services[i].domain())
	}
	for _, l := range p.levels {
		sv := s.Services[l.ServiceID-1]
		sv.DesignedLevels = append(sv.DesignedLevels, alliance.Level{Metric: l.MetricKey, Value: l.Value})
	}
	for i := range p.commitments {
		s.Commitments = append(s.Commitments, p.commitments[i].domain())
	}
	for i := range p.measurements {
		s.Measurements = append(s.Measurements, p.measurements[i].domain())
	}
	return s
}

// The planner builds each requirement to have a status; the rules must
// agree, requirement by requirement. Its model of the rules (classOf) is
// what this checks.
func TestGeneratePlanStatusesAreWhatTheRulesSay(t *testing.T) {
	anchor := anchorOf(time.Date(2026, 3, 15, 12, 0, 0, 0, time.UTC))
	for _, n := range []int{1, 3, 10, 200} {
		for seed := uint64(1); seed <= 3; seed++ {
			t.Run(fmt.Sprintf("N=%d seed=%d", n, seed), func(t *testing.T) {
				p := newPlan(n, seed, anchor)
				e := coverage.Evaluate(snapshotOf(p))
				wrong := 0
				for i, want := range p.statuses {
					if got := e.Requirements[int64(i+1)].Status; got != want {
						if wrong++; wrong <= 5 {
							t.Errorf("requirement %d %q: planned %s, the rules say %s", i+1, p.requirements[i].Title, want, got)
						}
					}
				}
				if wrong > 0 {
					t.Errorf("%d of %d requirements do not have their planned status", wrong, len(p.statuses))
				}
			})
		}
	}
}

// A few services are used by most clients, a long tail by few: at N = 500,
// at least ten services serve more than half the clients, no more than one
// in twenty does, and at least half serve fewer than one client in ten.
func TestGeneratePlanServicePopularity(t *testing.T) {
	const n = 500
	p := newPlan(n, 1, anchorOf(time.Date(2026, 3, 15, 12, 0, 0, 0, time.UTC)))
	clientOf := map[int64]int64{}
	for _, o := range p.objectives {
		clientOf[o.ID] = o.ClientID
	}
	requirementClient := map[int64]int64{}
	for _, r := range p.requirements {
		requirementClient[r.ID] = clientOf[r.ObjectiveID]
	}
	users := map[int64]map[int64]bool{}
	for _, c := range p.commitments {
		if users[c.ServiceID] == nil {
			users[c.ServiceID] = map[int64]bool{}
		}
		users[c.ServiceID][requirementClient[c.RequirementID]] = true
	}
	most, few := 0, 0
	for _, s := range p.services {
		switch u := len(users[s.ID]); {
		case u > n/2:
			most++
		case u < n/10:
			few++
		}
	}
	if most < 10 || most > len(p.services)/20 || few < len(p.services)/2 {
		t.Errorf("of %d services, %d serve more than half the clients and %d fewer than a tenth", len(p.services), most, few)
	}
}

// From ten clients on, whatever the seed, a plan has every requirement
// status, every kind of gap, every client status and every lifecycle.
func TestGeneratePlanHasEverythingFromTenClients(t *testing.T) {
	anchor := anchorOf(time.Date(2026, 3, 15, 12, 0, 0, 0, time.UTC))
	kinds := []coverage.GapKind{
		coverage.KindGap, coverage.KindPlannedOnly, coverage.KindOverpromised, coverage.KindUnderDelivered,
		coverage.KindPartial, coverage.KindEmptyObjective, coverage.KindOrphanService, coverage.KindOversubscribed,
	}
	for _, n := range []int{10, 11, 13, 20} {
		for seed := uint64(1); seed <= 25; seed++ {
			p := newPlan(n, seed, anchor)
			e := coverage.Evaluate(snapshotOf(p))
			var missing []string
			statuses := map[coverage.Status]bool{}
			for _, c := range e.Requirements {
				statuses[c.Status] = true
			}
			for _, s := range coverage.Statuses {
				if !statuses[s] {
					missing = append(missing, string(s))
				}
			}
			gaps := map[coverage.GapKind]bool{}
			for _, g := range e.Gaps {
				gaps[g.Kind] = true
			}
			for _, k := range kinds {
				if !gaps[k] {
					missing = append(missing, "gap "+string(k))
				}
			}
			clients := map[string]bool{}
			for _, c := range p.clients {
				clients[c.Status] = true
			}
			for _, s := range []alliance.ClientStatus{alliance.Prospect, alliance.Active, alliance.Churned} {
				if !clients[string(s)] {
					missing = append(missing, "client "+string(s))
				}
			}
			lifecycles := map[string]bool{}
			for _, s := range p.services {
				lifecycles[s.Lifecycle] = true
			}
			for _, l := range []alliance.Lifecycle{alliance.Planned, alliance.Live, alliance.Retiring, alliance.Retired} {
				if !lifecycles[string(l)] {
					missing = append(missing, "service "+string(l))
				}
			}
			if len(missing) > 0 {
				t.Errorf("N=%d seed=%d lacks %v", n, seed, missing)
			}
		}
	}
}
