package coverage

import (
	"cmp"
	"fmt"
	"slices"

	"alliance"
)

// Match is a service that meets a set of targets by design.
type Match struct {
	ServiceID int64
	// Delivers: no latest measurement of a targeted metric misses its
	// target (a service never measured delivers).
	Delivers bool
	// SpareCapacity is capacity minus committed units, negative when
	// oversubscribed; nil for a service without a capacity.
	SpareCapacity *int
}

// Matches returns every service that is not RETIRED and whose designed levels
// meet every target: delivering ones first, then LIVE before RETIRING before
// PLANNED, then cheapest first, then by name. Targets must be non-empty, name
// catalog metrics and name each metric once.
func (e *Evaluation) Matches(targets []alliance.Level) ([]Match, error) {
	in := e.in
	if len(targets) == 0 {
		return nil, alliance.Invalidf("targets", "give at least one target to check")
	}
	targets, err := alliance.ValidateLevels(targets, "targets")
	if err != nil {
		return nil, err
	}
	for i, t := range targets {
		if in.metrics[t.Metric] == nil {
			return nil, alliance.Invalidf(fmt.Sprintf("targets.%d.metric", i), "unknown metric %q", t.Metric)
		}
	}
	var out []Match
	for _, sv := range in.snap.Services {
		if sv.Lifecycle == alliance.Retired || !in.designedFor(sv, targets) {
			continue
		}
		m := Match{ServiceID: sv.ID, Delivers: true}
		for _, t := range targets {
			if v, ok := in.latest[ServiceMetric{sv.ID, t.Metric}]; ok && !in.metrics[t.Metric].Meets(v, t.Value) {
				m.Delivers = false
			}
		}
		if sv.Capacity != nil {
			spare := *sv.Capacity - e.Services[sv.ID].CommittedUnits
			m.SpareCapacity = &spare
		}
		out = append(out, m)
	}
	rank := map[alliance.Lifecycle]int{alliance.Live: 0, alliance.Retiring: 1, alliance.Planned: 2}
	slices.SortFunc(out, func(a, b Match) int {
		sa, sb := in.services[a.ServiceID], in.services[b.ServiceID]
		return cmp.Or(
			-cmp.Compare(boolRank(a.Delivers), boolRank(b.Delivers)),
			cmp.Compare(rank[sa.Lifecycle], rank[sb.Lifecycle]),
			sa.MonthlyCost.Cmp(sb.MonthlyCost),
			cmp.Compare(alliance.NameKey(sa.Name), alliance.NameKey(sb.Name)),
			cmp.Compare(sa.ID, sb.ID),
		)
	})
	return out, nil
}

func (in *index) designedFor(sv *alliance.Service, targets []alliance.Level) bool {
	designed := in.designed[sv.ID]
	for _, t := range targets {
		d, ok := designed[t.Metric]
		if !ok || !in.metrics[t.Metric].Meets(d, t.Value) {
			return false
		}
	}
	return true
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}
