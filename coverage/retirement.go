package coverage

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/shopspring/decimal"

	"alliance"
)

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
