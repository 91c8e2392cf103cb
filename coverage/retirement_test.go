package coverage

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"alliance"
)

// randomWorld is a small random portfolio: clients of every status (with
// names that tie ignoring case), services of every lifecycle with designed
// levels and measurements that meet or miss, requirements with and without
// targets committed to zero to four services.
func randomWorld(rng *rand.Rand) *world {
	w := newWorld()
	metrics := []string{"availability", "support_hours", "response_minutes"}
	level := func(metric string) alliance.Level {
		switch metric {
		case "availability":
			return lv(metric, []float64{99, 99.5, 99.9}[rng.IntN(3)])
		case "support_hours":
			return lv(metric, []float64{45, 100, 168}[rng.IntN(3)])
		}
		return lv(metric, []float64{5, 15, 30}[rng.IntN(3)])
	}
	levels := func() []alliance.Level {
		var out []alliance.Level
		for _, m := range metrics {
			if rng.IntN(2) == 0 {
				out = append(out, level(m))
			}
		}
		return out
	}
	lifecycles := []alliance.Lifecycle{alliance.Live, alliance.Live, alliance.Retiring, alliance.Planned, alliance.Retired}
	var services []*alliance.Service
	for i := range 2 + rng.IntN(6) {
		s := w.service(fmt.Sprintf("Service %d", rng.IntN(4)+i*10), lifecycles[rng.IntN(len(lifecycles))], "100", nil, levels()...)
		services = append(services, s)
		for m := range rng.IntN(3) {
			l := level(metrics[rng.IntN(len(metrics))])
			w.measure(s, l.Metric, l.Value, m, rng.IntN(3))
		}
	}
	statuses := []alliance.ClientStatus{alliance.Active, alliance.Active, alliance.Prospect, alliance.Churned}
	priorities := []alliance.Priority{alliance.Must, alliance.Should, alliance.Could}
	for range 1 + rng.IntN(5) {
		name := []string{"Acme", "acme", "Bank", "Zed"}[rng.IntN(4)]
		c := w.client(name, statuses[rng.IntN(len(statuses))], fmt.Sprintf("%d.%02d", rng.IntN(100000), rng.IntN(100)))
		for range rng.IntN(3) {
			o := w.objective(c, []string{"Run", "run", "Grow"}[rng.IntN(3)])
			for range rng.IntN(4) {
				r := w.requirement(o, []string{"Up", "up", "Fast"}[rng.IntN(3)], priorities[rng.IntN(3)], levels()...)
				for _, i := range rng.Perm(len(services))[:rng.IntN(min(5, len(services)+1))] {
					w.commit(r, services[i], []int{20, 50, 60, 100}[rng.IntN(4)], 1)
				}
			}
		}
	}
	return w
}

func impactText(imp *Impact) string {
	var b strings.Builder
	fmt.Fprintf(&b, "revenue at risk %s", imp.RevenueAtRisk)
	for _, r := range imp.Requirements {
		fmt.Fprintf(&b, "\n  requirement %d of client %d: %s -> %s (loses a MUST: %t)", r.RequirementID, r.ClientID, r.Before, r.After, r.LosesMust)
	}
	for _, c := range imp.Clients {
		fmt.Fprintf(&b, "\n  client %d: %s -> %s", c.ClientID, fmtScore(c.Before), fmtScore(c.After))
	}
	return b.String()
}

// The impact assembled from the retirements and the clients' score sums is
// the impact a full evaluation computes, on random portfolios, for every
// service.
func TestImpactOfRetirementsIsTheEvaluatedImpact(t *testing.T) {
	changes, clientChanges, atRisk := 0, 0, 0
	for seed := range uint64(3000) {
		rng := rand.New(rand.NewPCG(seed, 7))
		w := randomWorld(rng)
		e := w.eval()
		rs := e.Retirements()
		var clients []ImpactClient
		for _, c := range w.s.Clients {
			f := e.Clients[c.ID]
			clients = append(clients, ImpactClient{ID: c.ID, Name: c.Name, AnnualContractValue: c.AnnualContractValue,
				Scores: ScoreSums{Num: f.ScoreNum, Den: f.ScoreDen}})
		}
		for _, s := range w.s.Services {
			want, _ := e.Impact(s.ID)
			var own []Retirement
			for _, r := range rs {
				if r.ServiceID == s.ID {
					own = append(own, r)
				}
			}
			// In reverse: the order they come in does not matter.
			for i, j := 0, len(own)-1; i < j; i, j = i+1, j-1 {
				own[i], own[j] = own[j], own[i]
			}
			got := ImpactOf(s.ID, own, clients)
			changes += len(want.Requirements)
			clientChanges += len(want.Clients)
			if want.RevenueAtRisk.IsPositive() {
				atRisk++
			}
			if impactText(got) != impactText(want) {
				t.Fatalf("seed %d, service %d: from retirements\n%s\nevaluated\n%s", seed, s.ID, impactText(got), impactText(want))
			}
		}
		for _, r := range rs {
			if r.Before == r.After && r.Loss == 0 {
				t.Fatalf("seed %d: a retirement that changes nothing: %+v", seed, r)
			}
			if cl := e.ClientOf(r.RequirementID); cl == nil || cl.ID != r.ClientID || cl.Status == alliance.Churned {
				t.Fatalf("seed %d: retirement %+v of client %v", seed, r, cl)
			}
		}
	}
	t.Logf("%d requirement changes, %d client changes, %d impacts with revenue at risk compared", changes, clientChanges, atRisk)
	if changes < 1000 || clientChanges < 1000 || atRisk < 100 {
		t.Fatal("the random portfolios change too little to test anything")
	}
}
