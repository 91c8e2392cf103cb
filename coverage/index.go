package coverage

import (
	"cmp"
	"slices"

	"alliance"
)

// index is a snapshot arranged for the rules: everything by id, children by
// parent, designed levels and latest measurements by service and metric.
type index struct {
	metrics        map[string]*alliance.Metric
	clients        map[int64]*alliance.Client
	objectives     map[int64]*alliance.Objective
	requirements   map[int64]*alliance.Requirement
	services       map[int64]*alliance.Service
	designed       map[int64]map[string]float64
	latest         map[ServiceMetric]float64
	objectivesOf   map[int64][]*alliance.Objective   // by client
	requirementsOf map[int64][]*alliance.Requirement // by objective
	commitmentsOf  map[int64][]*alliance.Commitment  // by requirement, in service name order
	clientOf       map[int64]*alliance.Client        // by requirement
	snap           *Snapshot
}

func newIndex(s *Snapshot) *index {
	in := &index{
		metrics:        make(map[string]*alliance.Metric, len(s.Metrics)),
		clients:        make(map[int64]*alliance.Client, len(s.Clients)),
		objectives:     make(map[int64]*alliance.Objective, len(s.Objectives)),
		requirements:   make(map[int64]*alliance.Requirement, len(s.Requirements)),
		services:       make(map[int64]*alliance.Service, len(s.Services)),
		designed:       make(map[int64]map[string]float64, len(s.Services)),
		latest:         Latest(s.Measurements),
		objectivesOf:   map[int64][]*alliance.Objective{},
		requirementsOf: map[int64][]*alliance.Requirement{},
		commitmentsOf:  map[int64][]*alliance.Commitment{},
		clientOf:       make(map[int64]*alliance.Client, len(s.Requirements)),
		snap:           s,
	}
	for _, m := range s.Metrics {
		in.metrics[m.Key] = m
	}
	for _, c := range s.Clients {
		in.clients[c.ID] = c
	}
	for _, sv := range s.Services {
		in.services[sv.ID] = sv
		levels := make(map[string]float64, len(sv.DesignedLevels))
		for _, l := range sv.DesignedLevels {
			levels[l.Metric] = l.Value
		}
		in.designed[sv.ID] = levels
	}
	for _, o := range s.Objectives {
		if _, ok := in.clients[o.ClientID]; ok {
			in.objectives[o.ID] = o
			in.objectivesOf[o.ClientID] = append(in.objectivesOf[o.ClientID], o)
		}
	}
	for _, r := range s.Requirements {
		if o, ok := in.objectives[r.ObjectiveID]; ok {
			in.requirements[r.ID] = r
			in.requirementsOf[r.ObjectiveID] = append(in.requirementsOf[r.ObjectiveID], r)
			in.clientOf[r.ID] = in.clients[o.ClientID]
		}
	}
	for _, c := range s.Commitments {
		_, okR := in.requirements[c.RequirementID]
		_, okS := in.services[c.ServiceID]
		if okR && okS {
			in.commitmentsOf[c.RequirementID] = append(in.commitmentsOf[c.RequirementID], c)
		}
	}
	for _, cs := range in.commitmentsOf {
		slices.SortFunc(cs, func(a, b *alliance.Commitment) int {
			sa, sb := in.services[a.ServiceID], in.services[b.ServiceID]
			return cmp.Or(cmp.Compare(alliance.NameKey(sa.Name), alliance.NameKey(sb.Name)), cmp.Compare(a.ID, b.ID))
		})
	}
	return in
}

// counts reports whether a requirement, objective or client counts across the
// portfolio: churned clients count for nothing.
func (in *index) counts(c *alliance.Client) bool { return c != nil && c.Status != alliance.Churned }
