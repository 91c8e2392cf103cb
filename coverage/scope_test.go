package coverage

import (
	"testing"

	"alliance"
)

// A viewer limited to one client sees the portfolio-wide answers restricted
// to its client: nothing in them depends on another client's map.
func TestWhatAClientLimitedViewerSees(t *testing.T) {
	w := newWorld()
	bank := w.client("Bank", alliance.Active, "1200000")
	shop := w.client("Shop", alliance.Active, "60000")
	hosting := w.service("Hosting", live, "1000", capacity(4), lv("availability", 99.95))
	idle := w.service("Idle", live, "300", nil) // no commitments: an orphan
	bankMust := w.requirement(w.objective(bank, "o"), "Core banking up", must, lv("availability", 99.9))
	w.commit(bankMust, hosting, 100, 1)
	shopObjective := w.objective(shop, "o")
	w.commit(w.requirement(shopObjective, "Web shop up", must, lv("availability", 99.9)), hosting, 100, 2)
	w.commit(w.requirement(shopObjective, "Checkout up", should, lv("availability", 99.9)), hosting, 100, 3) // 6 of 4: oversubscribed
	e := w.eval()
	if !e.Services[hosting.ID].Oversubscribed || !e.Services[idle.ID].Orphan {
		t.Fatalf("the world should have an oversubscribed and an orphan service: %+v %+v", e.Services[hosting.ID], e.Services[idle.ID])
	}

	t.Run("portfolio is the client", func(t *testing.T) {
		p := ClientPortfolio(bank, e.Clients[bank.ID])
		if fmtScore(p.Score) != fmtScore(e.Clients[bank.ID].Score) || p.AnnualContractValue.String() != "1200000" ||
			p.StatusCounts != e.Clients[bank.ID].StatusCounts || !p.OrphanMonthlyCost.IsZero() {
			t.Fatalf("bank's portfolio %+v, its figures %+v", p, e.Clients[bank.ID])
		}
		// Bank commits 1 of hosting's 6 units: a sixth of 1000.
		if got := p.MonthlyServiceCost.String(); got != "166.67" {
			t.Fatalf("service cost %s: the bank's cost to serve", got)
		}
		if whole := e.Portfolio.AnnualContractValue.String(); whole != "1260000" {
			t.Fatalf("the whole portfolio's contract value %s", whole)
		}
		churned := *bank
		churned.Status = alliance.Churned
		if p := ClientPortfolio(&churned, e.Clients[bank.ID]); p.AnnualContractValue.String() != "1200000" {
			t.Fatalf("a churned client still sees its own figures: %+v", p)
		}
		if p := ClientPortfolio(nil, nil); p.Score != nil || !p.AnnualContractValue.IsZero() {
			t.Fatalf("a client that is gone: %+v", p)
		}
	})

	t.Run("a service carries the client's units only", func(t *testing.T) {
		f := ClientService(1)
		if f.CommittedUnits != 1 || f.Oversubscribed || f.Orphan || f.ActiveUnits != 0 {
			t.Fatalf("%+v", f)
		}
	})

	t.Run("impact is the client's changes", func(t *testing.T) {
		whole, _ := e.Impact(hosting.ID)
		if len(whole.Requirements) != 3 || whole.RevenueAtRisk.String() != "1260000" {
			t.Fatalf("whole impact %+v", whole)
		}
		mine := whole.ForClient(shop)
		if len(mine.Requirements) != 2 || len(mine.Clients) != 1 || mine.Clients[0].ClientID != shop.ID || mine.RevenueAtRisk.String() != "60000" {
			t.Fatalf("shop's impact %+v", mine)
		}
		for _, ch := range mine.Requirements {
			if ch.ClientID != shop.ID {
				t.Fatalf("another client's requirement: %+v", ch)
			}
		}
		if theirs := whole.ForClient(&alliance.Client{ID: 9999}); len(theirs.Requirements) != 0 || !theirs.RevenueAtRisk.IsZero() {
			t.Fatalf("a client without commitments on the service: %+v", theirs)
		}
		if gone := whole.ForClient(nil); gone.ServiceID != hosting.ID || len(gone.Clients) != 0 {
			t.Fatalf("a client that is gone: %+v", gone)
		}
	})

	t.Run("the promise check shows no spare capacity", func(t *testing.T) {
		ms, err := e.Matches([]alliance.Level{lv("availability", 99.9)})
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) != 1 || ms[0].SpareCapacity == nil || *ms[0].SpareCapacity != -2 {
			t.Fatalf("whole matches %+v", ms)
		}
		mine := ClientMatches(ms)
		if len(mine) != 1 || mine[0].ServiceID != hosting.ID || mine[0].SpareCapacity != nil || mine[0].Delivers != ms[0].Delivers {
			t.Fatalf("limited matches %+v", mine)
		}
		if ms[0].SpareCapacity == nil {
			t.Fatal("ClientMatches changed its argument")
		}
	})
}
