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
		d := alliance.LowerIsBetter
		if m.higher {
			d = alliance.HigherIsBetter
		}
		s.Metrics = append(s.Metrics, &alliance.Metric{Key: m.key, Direction: d})
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
