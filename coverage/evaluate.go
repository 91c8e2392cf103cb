package coverage

import (
	"math/big"

	"github.com/shopspring/decimal"

	"alliance"
)

// Evaluation is everything the rules say about a snapshot.
type Evaluation struct {
	// Requirements holds the coverage of every requirement, by id.
	Requirements map[int64]Coverage
	// Holds says, by commitment id, whether the commitment holds.
	Holds map[int64]bool
	// Objectives holds the score of every objective (nil without
	// requirements), by id.
	Objectives map[int64]*float64
	Clients    map[int64]*ClientFigures
	Services   map[int64]*ServiceFigures
	Portfolio  PortfolioFigures
	// Gaps is the gap list, in its order.
	Gaps []GapEntry

	in *index
}

// ClientFigures are the computed fields of a client.
type ClientFigures struct {
	Score *float64
	// ScoreNum and ScoreDen are the score's Σ weight × percent and
	// Σ weight, so that scores of sets of clients can be summed exactly.
	ScoreNum, ScoreDen int64
	StatusCounts       Counts
	// MonthlyCostToServe and MonthlyMargin are exact; Round gives cents.
	MonthlyCostToServe *big.Rat
	MonthlyMargin      *big.Rat
	// GapCount is how many gap list entries are about the client (none for
	// a churned client).
	GapCount int
}

// ObjectiveFigures are the computed fields of an objective.
type ObjectiveFigures struct {
	// Score is nil for an objective without requirements.
	Score *float64
}

// ServiceFigures are the computed fields of a service.
type ServiceFigures struct {
	CommittedUnits int
	ActiveUnits    int64
	Oversubscribed bool
	Orphan         bool
}

// PortfolioFigures are the figures of the whole portfolio: clients that have
// not churned.
type PortfolioFigures struct {
	Score               *float64
	StatusCounts        Counts
	AnnualContractValue decimal.Decimal
	MonthlyServiceCost  decimal.Decimal
	OrphanMonthlyCost   decimal.Decimal
}

// Evaluate applies every rule to the snapshot.
func Evaluate(s *Snapshot) *Evaluation {
	in := newIndex(s)
	e := &Evaluation{
		Requirements: make(map[int64]Coverage, len(in.requirements)),
		Holds:        make(map[int64]bool, len(s.Commitments)),
		Objectives:   make(map[int64]*float64, len(in.objectives)),
		Clients:      make(map[int64]*ClientFigures, len(in.clients)),
		Services:     make(map[int64]*ServiceFigures, len(in.services)),
		in:           in,
	}
	for _, r := range s.Requirements {
		if _, ok := in.requirements[r.ID]; ok {
			e.Requirements[r.ID] = in.coverage(r, e.Holds)
		}
	}
	e.scores()
	e.services()
	e.economics()
	e.Gaps = e.gaps()
	for _, g := range e.Gaps {
		if f := e.Clients[g.ClientID]; f != nil {
			f.GapCount++
		}
	}
	return e
}

// coverage judges every commitment of r, recording in holds whether each
// holds, and returns r's coverage.
func (in *index) coverage(r *alliance.Requirement, holds map[int64]bool) Coverage {
	cs := in.commitmentsOf[r.ID]
	js := make([]judged, len(cs))
	for i, c := range cs {
		js[i] = in.judge(r, c, in.services[c.ServiceID])
		if holds != nil {
			holds[c.ID] = js[i].holds()
		}
	}
	return cover(js)
}

// scores computes objective, client and portfolio scores and status counts.
func (e *Evaluation) scores() {
	in := e.in
	var portfolio tally
	for _, c := range in.snap.Clients {
		var client tally
		f := &ClientFigures{}
		for _, o := range in.objectivesOf[c.ID] {
			var objective tally
			for _, r := range in.requirementsOf[o.ID] {
				cov := e.Requirements[r.ID]
				objective.add(r.Priority, cov.Percent)
				client.add(r.Priority, cov.Percent)
				f.StatusCounts.add(cov.Status)
				if in.counts(c) {
					portfolio.add(r.Priority, cov.Percent)
					e.Portfolio.StatusCounts.add(cov.Status)
				}
			}
			e.Objectives[o.ID] = objective.score()
		}
		f.Score, f.ScoreNum, f.ScoreDen = client.score(), client.num, client.den
		e.Clients[c.ID] = f
	}
	e.Portfolio.Score = portfolio.score()
}

// services computes each service's committed units and flags, from the
// commitments of clients that have not churned.
func (e *Evaluation) services() {
	in := e.in
	activeUnits := map[int64]int64{}
	for _, sv := range in.snap.Services {
		e.Services[sv.ID] = &ServiceFigures{}
	}
	for rid, cs := range in.commitmentsOf {
		if !in.counts(in.clientOf[rid]) {
			continue
		}
		for _, c := range cs {
			switch stateOf(in.services[c.ServiceID]) {
			case active:
				activeUnits[c.ServiceID] += int64(c.CapacityUnits)
				e.Services[c.ServiceID].CommittedUnits += c.CapacityUnits
			case planned:
				e.Services[c.ServiceID].CommittedUnits += c.CapacityUnits
			}
		}
	}
	for _, sv := range in.snap.Services {
		f := e.Services[sv.ID]
		if t, ok := in.snap.Totals[sv.ID]; ok {
			f.CommittedUnits, f.ActiveUnits = t.CommittedUnits, t.ActiveUnits
		} else {
			f.ActiveUnits = activeUnits[sv.ID]
		}
		*f = StateOf(sv, ServiceTotals{ActiveUnits: f.ActiveUnits, CommittedUnits: f.CommittedUnits})
		if sv.Lifecycle == alliance.Live || sv.Lifecycle == alliance.Retiring {
			e.Portfolio.MonthlyServiceCost = e.Portfolio.MonthlyServiceCost.Add(sv.MonthlyCost)
		}
		if f.Orphan {
			e.Portfolio.OrphanMonthlyCost = e.Portfolio.OrphanMonthlyCost.Add(sv.MonthlyCost)
		}
	}
}

// economics shares each service's monthly cost over its active commitments
// (of clients that have not churned) in proportion to their capacity units,
// and sums the shares per client. All in exact rational arithmetic.
func (e *Evaluation) economics() {
	in := e.in
	cost := map[int64]*big.Rat{}
	for rid, cs := range in.commitmentsOf {
		client := in.clientOf[rid]
		if !in.counts(client) {
			continue
		}
		for _, c := range cs {
			sv := in.services[c.ServiceID]
			if stateOf(sv) != active {
				continue
			}
			share := CostShare(sv.MonthlyCost, int64(c.CapacityUnits), e.Services[sv.ID].ActiveUnits)
			if cost[client.ID] == nil {
				cost[client.ID] = new(big.Rat)
			}
			cost[client.ID].Add(cost[client.ID], share)
		}
	}
	for _, c := range in.snap.Clients {
		f := e.Clients[c.ID]
		f.MonthlyCostToServe = new(big.Rat)
		if cost[c.ID] != nil {
			f.MonthlyCostToServe = cost[c.ID]
		}
		f.MonthlyMargin = Margin(c.AnnualContractValue, f.MonthlyCostToServe)
		if in.counts(c) {
			e.Portfolio.AnnualContractValue = e.Portfolio.AnnualContractValue.Add(c.AnnualContractValue)
		}
	}
}

// StateOf returns the figures of a service from the sums of its commitments:
// oversubscribed when it has a capacity and more units are committed; orphan
// when it is LIVE, costs something and has no active commitment.
func StateOf(sv *alliance.Service, t ServiceTotals) ServiceFigures {
	return ServiceFigures{
		CommittedUnits: t.CommittedUnits,
		ActiveUnits:    t.ActiveUnits,
		Oversubscribed: sv.Capacity != nil && t.CommittedUnits > *sv.Capacity,
		Orphan:         sv.Lifecycle == alliance.Live && sv.MonthlyCost.IsPositive() && t.ActiveUnits == 0,
	}
}

// Active reports whether commitments to a service in this lifecycle are
// active: LIVE or RETIRING (they count for coverage and share its cost).
func Active(l alliance.Lifecycle) bool { return l == alliance.Live || l == alliance.Retiring }

// CostShare is the exact part of a service's monthly cost borne by a
// commitment of units out of the service's active units.
func CostShare(cost decimal.Decimal, units, activeUnits int64) *big.Rat {
	if activeUnits <= 0 {
		return new(big.Rat)
	}
	return new(big.Rat).Mul(cost.Rat(), big.NewRat(units, activeUnits))
}

// Margin is a client's exact monthly margin: its annual contract value over
// twelve, less its monthly cost to serve.
func Margin(annual decimal.Decimal, costToServe *big.Rat) *big.Rat {
	return new(big.Rat).Sub(new(big.Rat).Quo(annual.Rat(), big.NewRat(12, 1)), costToServe)
}

// ScoreOf returns the score Σ weight × percent / Σ weight, rounded half away
// from zero to one decimal, from its two sums; nil when den is 0.
func ScoreOf(num, den int64) *float64 { return tally{num, den}.score() }

// Snapshot returns what the evaluation was made from.
func (e *Evaluation) Snapshot() *Snapshot { return e.in.snap }

// ClientOf returns the client of a requirement, or nil.
func (e *Evaluation) ClientOf(requirementID int64) *alliance.Client {
	return e.in.clientOf[requirementID]
}

// Cents rounds an exact amount half away from zero to cents.
func Cents(r *big.Rat) decimal.Decimal {
	x := new(big.Rat).Mul(r, big.NewRat(100, 1))
	q, m := new(big.Int).QuoRem(x.Num(), x.Denom(), new(big.Int))
	if twice := new(big.Int).Mul(new(big.Int).Abs(m), big.NewInt(2)); twice.Cmp(x.Denom()) >= 0 {
		if x.Sign() < 0 {
			q.Sub(q, big.NewInt(1))
		} else {
			q.Add(q, big.NewInt(1))
		}
	}
	return decimal.NewFromBigInt(q, -2)
}
