package coverage

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/shopspring/decimal"

	"alliance"
)

// Impact is what retiring a service would change.
type Impact struct {
	ServiceID     int64
	Requirements  []RequirementChange
	Clients       []ClientChange
	RevenueAtRisk decimal.Decimal
}

// RequirementChange is a requirement whose status would change.
type RequirementChange struct {
	RequirementID int64
	// ClientID is the requirement's client.
	ClientID      int64
	Before, After Status
	// LosesMust says the requirement is a MUST that is COVERED before and
	// not after: it puts its client's contract value at risk.
	LosesMust bool
}

// ClientChange is a client whose score (as returned, rounded) would change.
type ClientChange struct {
	ClientID      int64
	Before, After *float64
}

// Impact recomputes coverage as if the service were RETIRED and returns what
// changes, for clients that have not churned. Revenue at risk is the sum of
// the contract values of the clients that would lose the COVERED status of at
// least one MUST requirement. It reports false for an unknown service.
func (e *Evaluation) Impact(serviceID int64) (*Impact, bool) {
	in := e.in
	sv, ok := in.services[serviceID]
	if !ok {
		return nil, false
	}
	retired := *sv
	retired.Lifecycle = alliance.Retired
	after := *in
	after.services = make(map[int64]*alliance.Service, len(in.services))
	for id, s := range in.services {
		after.services[id] = s
	}
	after.services[serviceID] = &retired

	// Only the requirements committed to the service can change.
	changed := map[int64]Coverage{}
	for _, r := range in.snap.Requirements {
		if !in.counts(in.clientOf[r.ID]) || !committedTo(in.commitmentsOf[r.ID], serviceID) {
			continue
		}
		changed[r.ID] = after.coverage(r, nil)
	}

	imp := &Impact{ServiceID: serviceID}
	atRisk := map[int64]bool{}
	for rid, cov := range changed {
		before := e.Requirements[rid]
		r := in.requirements[rid]
		loses := r.Priority == alliance.Must && before.Status == Covered && cov.Status != Covered
		if before.Status != cov.Status {
			imp.Requirements = append(imp.Requirements, RequirementChange{
				RequirementID: rid, ClientID: in.clientOf[rid].ID, Before: before.Status, After: cov.Status, LosesMust: loses,
			})
		}
		if loses {
			atRisk[in.clientOf[rid].ID] = true
		}
	}
	for _, c := range in.snap.Clients {
		if !in.counts(c) {
			continue
		}
		before, now, touched := e.scoresAfter(c, changed)
		if !touched {
			continue
		}
		if !SameScore(before, now) {
			imp.Clients = append(imp.Clients, ClientChange{ClientID: c.ID, Before: before, After: now})
		}
		if atRisk[c.ID] {
			imp.RevenueAtRisk = imp.RevenueAtRisk.Add(c.AnnualContractValue)
		}
	}
	in.sortRequirements(imp.Requirements)
	slices.SortFunc(imp.Clients, func(a, b ClientChange) int {
		return in.compareClients(in.clients[a.ClientID], in.clients[b.ClientID])
	})
	return imp, true
}

// scoresAfter returns the client's score before and after its requirements
// take the changed coverage, and whether any of them changed. With the
// client's score sums in the snapshot (which then holds only the requirements
// that can change), the sums move by what the changed requirements move.
func (e *Evaluation) scoresAfter(c *alliance.Client, changed map[int64]Coverage) (before, after *float64, touched bool) {
	in := e.in
	sums, partial := in.snap.Scores[c.ID]
	var t tally
	if partial {
		t = tally{sums.Num, sums.Den}
	}
	for _, o := range in.objectivesOf[c.ID] {
		for _, r := range in.requirementsOf[o.ID] {
			cov, ok := changed[r.ID]
			touched = touched || ok
			switch {
			case partial && ok:
				t.num += Weight(r.Priority) * int64(cov.Percent-e.Requirements[r.ID].Percent)
			case !partial && ok:
				t.add(r.Priority, cov.Percent)
			case !partial:
				t.add(r.Priority, e.Requirements[r.ID].Percent)
			}
		}
	}
	if partial {
		return ScoreOf(sums.Num, sums.Den), t.score(), touched
	}
	return e.Clients[c.ID].Score, t.score(), touched
}

func committedTo(cs []*alliance.Commitment, serviceID int64) bool {
	for _, c := range cs {
		if c.ServiceID == serviceID {
			return true
		}
	}
	return false
}

// SameScore reports whether two scores, as returned, are equal (both null,
// or the same number).
func SameScore(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

// sortRequirements orders changes by client name, objective title,
// requirement title.
func (in *index) sortRequirements(cs []RequirementChange) {
	slices.SortFunc(cs, func(a, b RequirementChange) int {
		ra, rb := in.requirements[a.RequirementID], in.requirements[b.RequirementID]
		oa, ob := in.objectives[ra.ObjectiveID], in.objectives[rb.ObjectiveID]
		return cmp.Or(
			in.compareClients(in.clientOf[ra.ID], in.clientOf[rb.ID]),
			cmp.Compare(alliance.NameKey(oa.Title), alliance.NameKey(ob.Title)),
			cmp.Compare(alliance.NameKey(ra.Title), alliance.NameKey(rb.Title)),
			cmp.Compare(ra.ID, rb.ID),
		)
	})
}

func (in *index) compareClients(a, b *alliance.Client) int {
	return cmp.Or(cmp.Compare(alliance.NameKey(a.Name), alliance.NameKey(b.Name)), cmp.Compare(a.ID, b.ID))
}

// Retirement is what retiring one service would do to one requirement
// committed to it, of a client that has not churned: one that would change
// the requirement's status or percent. The stored figures keep the
// retirements of the whole portfolio, so that a service's impact is read from
// its own (ImpactOf) instead of evaluated.
type Retirement struct {
	// CommitmentID is the requirement's commitment to the service.
	CommitmentID  int64
	ServiceID     int64
	RequirementID int64
	ClientID      int64
	Before, After Status
	// Loss is what the client's score sum Σ weight × percent would lose.
	Loss int64
	// LosesMust says the requirement is a MUST that is COVERED before and
	// not after.
	LosesMust bool
	// Key places the requirement among an impact's requirement changes:
	// its byte order is their order (see ImpactKey).
	Key string
}

// Retirements returns, for every requirement of the evaluated clients that
// have not churned and every service its commitments reach, what retiring
// that service would change, when it changes anything: in the order of the
// snapshot's clients, their objectives and requirements, and the services by
// name.
func (e *Evaluation) Retirements() []Retirement {
	in := e.in
	var out []Retirement
	for _, c := range in.snap.Clients {
		if !in.counts(c) {
			continue
		}
		for _, o := range in.objectivesOf[c.ID] {
			for _, r := range in.requirementsOf[o.ID] {
				cs := in.commitmentsOf[r.ID]
				if len(cs) == 0 {
					continue
				}
				js := make([]judged, len(cs))
				for i, k := range cs {
					js[i] = in.judge(r, k, in.services[k.ServiceID])
				}
				before := e.Requirements[r.ID]
				key := ""
				for i, k := range cs {
					if js[i].state == ignored || slices.ContainsFunc(cs[:i], func(p *alliance.Commitment) bool { return p.ServiceID == k.ServiceID }) {
						continue // retiring a RETIRED service changes nothing; a service once
					}
					var rest []judged
					for j, kj := range cs {
						if kj.ServiceID != k.ServiceID {
							rest = append(rest, js[j])
						}
					}
					after := cover(rest)
					if after.Status == before.Status && after.Percent == before.Percent {
						continue
					}
					if key == "" {
						key = ImpactKey(c, o, r)
					}
					out = append(out, Retirement{
						CommitmentID: k.ID, ServiceID: k.ServiceID, RequirementID: r.ID, ClientID: c.ID,
						Before: before.Status, After: after.Status,
						Loss:      Weight(r.Priority) * int64(before.Percent-after.Percent),
						LosesMust: r.Priority == alliance.Must && before.Status == Covered && after.Status != Covered,
						Key:       key,
					})
				}
			}
		}
	}
	return out
}

// ImpactKey writes the place of a requirement among an impact's requirement
// changes (client name, client id, objective title, requirement title,
// requirement id, names ignoring case) as a string whose byte order is that
// order: each name ended by a byte that sorts before any character (names
// hold no control characters), each id in fixed-width digits.
func ImpactKey(c *alliance.Client, o *alliance.Objective, r *alliance.Requirement) string {
	return fmt.Sprintf("%s\x01%020d%s\x01%s\x01%020d", alliance.NameKey(c.Name), c.ID, alliance.NameKey(o.Title), alliance.NameKey(r.Title), r.ID)
}

// ImpactClient is what an impact reads of a client with retirements: its
// name (for the order), contract value and score sums over all its
// requirements.
type ImpactClient struct {
	ID                  int64
	Name                string
	AnnualContractValue decimal.Decimal
	Scores              ScoreSums
}

// ImpactOf is the impact of retiring a service, from the service's
// retirements (in any order) and their clients (any others are ignored): what
// Evaluation.Impact answers for the whole portfolio.
func ImpactOf(serviceID int64, rs []Retirement, clients []ImpactClient) *Impact {
	imp := &Impact{ServiceID: serviceID}
	loss := map[int64]int64{}
	atRisk := map[int64]bool{}
	var changes []*Retirement
	for i := range rs {
		r := &rs[i]
		loss[r.ClientID] += r.Loss
		atRisk[r.ClientID] = atRisk[r.ClientID] || r.LosesMust
		if r.Before != r.After {
			changes = append(changes, r)
		}
	}
	slices.SortFunc(changes, func(a, b *Retirement) int { return cmp.Compare(a.Key, b.Key) })
	if len(changes) > 0 {
		imp.Requirements = make([]RequirementChange, len(changes))
	}
	for i, r := range changes {
		imp.Requirements[i] = RequirementChange{
			RequirementID: r.RequirementID, ClientID: r.ClientID, Before: r.Before, After: r.After, LosesMust: r.LosesMust,
		}
	}
	type named struct {
		key string
		c   *ImpactClient
	}
	var touched []named
	for i := range clients {
		if _, ok := loss[clients[i].ID]; ok {
			touched = append(touched, named{alliance.NameKey(clients[i].Name), &clients[i]})
		}
	}
	slices.SortFunc(touched, func(a, b named) int { return cmp.Or(cmp.Compare(a.key, b.key), cmp.Compare(a.c.ID, b.c.ID)) })
	for _, t := range touched {
		c := t.c
		before, after := ScoreOf(c.Scores.Num, c.Scores.Den), ScoreOf(c.Scores.Num-loss[c.ID], c.Scores.Den)
		if !SameScore(before, after) {
			imp.Clients = append(imp.Clients, ClientChange{ClientID: c.ID, Before: before, After: after})
		}
		if atRisk[c.ID] {
			imp.RevenueAtRisk = imp.RevenueAtRisk.Add(c.AnnualContractValue)
		}
	}
	return imp
}
