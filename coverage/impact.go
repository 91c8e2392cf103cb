package coverage

import (
	"cmp"
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
