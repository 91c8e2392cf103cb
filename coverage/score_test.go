package coverage

import (
	"math/big"
	"testing"

	"alliance"
)

// coverWith gives r a holding commitment of the given percent (none for 0).
func coverWith(w *world, r *alliance.Requirement, percent int) {
	if percent > 0 {
		w.commit(r, w.service("S"+r.Title, live, "0", nil), percent, 1)
	}
}

func TestScores(t *testing.T) {
	t.Run("weighted_3_2_1", func(t *testing.T) {
		w, o := stage(t)
		coverWith(w, w.requirement(o, "m", must), 100)
		coverWith(w, w.requirement(o, "s", should), 50)
		coverWith(w, w.requirement(o, "c", could), 0)
		// (3×100 + 2×50 + 1×0) / 6 = 66.666… → 66.7
		if got := w.eval().Objectives[o.ID]; fmtScore(got) != "66.7" {
			t.Fatalf("score %s", fmtScore(got))
		}
	})
	t.Run("rounded_half_away_from_zero_exactly", func(t *testing.T) {
		w, o := stage(t)
		// 20 COULD requirements, one 23% covered: 23 / 20 = 1.15, which is
		// 1.1499… as a float: formatting it to one decimal gives 1.1.
		coverWith(w, w.requirement(o, "r00", could), 23)
		for i := 1; i < 20; i++ {
			w.requirement(o, "r"+string(rune('a'+i)), could)
		}
		if got := w.eval().Objectives[o.ID]; fmtScore(got) != "1.2" {
			t.Fatalf("score %s, want 1.2", fmtScore(got))
		}
	})
	t.Run("half_rounds_up_at_one_decimal", func(t *testing.T) {
		w, o := stage(t)
		coverWith(w, w.requirement(o, "m", must), 33) // (3×33 + 1×34) / 4 = 33.25: not to even (33.2)
		coverWith(w, w.requirement(o, "c", could), 34)
		if got := w.eval().Objectives[o.ID]; fmtScore(got) != "33.3" {
			t.Fatalf("score %s, want 33.3", fmtScore(got))
		}
	})
	t.Run("empty_sets_have_no_score", func(t *testing.T) {
		w := newWorld()
		c := w.client("New", alliance.Prospect, "0")
		o := w.objective(c, "Empty")
		e := w.eval()
		if e.Objectives[o.ID] != nil || e.Clients[c.ID].Score != nil || e.Portfolio.Score != nil {
			t.Fatal("no requirements must give null scores")
		}
	})
	t.Run("client_score_spans_its_objectives", func(t *testing.T) {
		w := newWorld()
		c := w.client("Acme", alliance.Active, "0")
		o1, o2 := w.objective(c, "One"), w.objective(c, "Two")
		coverWith(w, w.requirement(o1, "a", must), 100)
		w.requirement(o2, "b", must)
		e := w.eval()
		if fmtScore(e.Objectives[o1.ID]) != "100" || fmtScore(e.Objectives[o2.ID]) != "0" || fmtScore(e.Clients[c.ID].Score) != "50" {
			t.Fatalf("objectives %s %s, client %s", fmtScore(e.Objectives[o1.ID]), fmtScore(e.Objectives[o2.ID]), fmtScore(e.Clients[c.ID].Score))
		}
	})
	t.Run("churned_clients_keep_their_own_score_but_leave_the_portfolio", func(t *testing.T) {
		w := newWorld()
		active := w.objective(w.client("Stays", alliance.Active, "0"), "o")
		gone := w.client("Gone", alliance.Churned, "0")
		w.requirement(active, "uncovered", must)
		coverWith(w, w.requirement(w.objective(gone, "o"), "covered", must), 100)
		e := w.eval()
		if fmtScore(e.Clients[gone.ID].Score) != "100" {
			t.Fatalf("churned client's own score %s", fmtScore(e.Clients[gone.ID].Score))
		}
		if fmtScore(e.Portfolio.Score) != "0" || e.Portfolio.StatusCounts.Of(Covered) != 0 || e.Portfolio.StatusCounts.Of(Gap) != 1 {
			t.Fatalf("portfolio %s %v", fmtScore(e.Portfolio.Score), e.Portfolio.StatusCounts)
		}
	})
	t.Run("status_counts_list_all_six_in_order", func(t *testing.T) {
		w, o := stage(t)
		coverWith(w, w.requirement(o, "a", must), 100)
		coverWith(w, w.requirement(o, "b", must), 100)
		w.requirement(o, "c", must)
		c := w.s.Clients[0]
		got := w.eval().Clients[c.ID].StatusCounts
		if got != (Counts{2, 0, 0, 0, 0, 1}) || Statuses[5] != Gap || Statuses[0] != Covered {
			t.Fatalf("counts %v", got)
		}
	})
}

func TestEconomics(t *testing.T) {
	t.Run("cost_shared_by_capacity_units", func(t *testing.T) {
		w := newWorld()
		a, b := w.client("A", alliance.Active, "120000"), w.client("B", alliance.Active, "0")
		s := w.service("Hosting", live, "1000.00", nil)
		w.commit(w.requirement(w.objective(a, "o"), "r", must), s, 100, 1)
		w.commit(w.requirement(w.objective(b, "o"), "r", must), s, 100, 3)
		e := w.eval()
		if got := Cents(e.Clients[a.ID].MonthlyCostToServe).String(); got != "250" {
			t.Fatalf("A pays %s", got)
		}
		if got := Cents(e.Clients[b.ID].MonthlyCostToServe).String(); got != "750" {
			t.Fatalf("B pays %s", got)
		}
		// 120000 / 12 − 250 = 9750
		if got := Cents(e.Clients[a.ID].MonthlyMargin).StringFixed(2); got != "9750.00" {
			t.Fatalf("A's margin %s", got)
		}
	})
	t.Run("exact_sums_without_drift", func(t *testing.T) {
		w := newWorld()
		c := w.client("Dimes", alliance.Active, "3.60")
		o := w.objective(c, "o")
		for i := 0; i < 3; i++ {
			r := w.requirement(o, "r"+string(rune('a'+i)), must)
			w.commit(r, w.service("Dime "+string(rune('a'+i)), live, "0.10", nil), 100, 1)
		}
		e := w.eval()
		if got := Cents(e.Clients[c.ID].MonthlyCostToServe).StringFixed(2); got != "0.30" {
			t.Fatalf("0.10 × 3 = %s", got)
		}
		// 3.60 / 12 − 0.30 = 0.00
		if got := Cents(e.Clients[c.ID].MonthlyMargin).StringFixed(2); got != "0.00" {
			t.Fatalf("margin %s", got)
		}
	})
	t.Run("shares_stay_exact_until_returned", func(t *testing.T) {
		w := newWorld()
		mine, other := w.client("Mine", alliance.Active, "0"), w.client("Other", alliance.Active, "0")
		s := w.service("Shared", live, "100.00", nil)
		om, oo := w.objective(mine, "o"), w.objective(other, "o")
		w.commit(w.requirement(om, "a", must), s, 100, 1)
		w.commit(w.requirement(om, "b", must), s, 100, 1)
		w.commit(w.requirement(oo, "c", must), s, 100, 1)
		// Two thirds of 100: 66.666…, not 33.33 + 33.33.
		if got := Cents(w.eval().Clients[mine.ID].MonthlyCostToServe).StringFixed(2); got != "66.67" {
			t.Fatalf("cost %s, want 66.67", got)
		}
	})
	t.Run("only_active_commitments_of_clients_that_count_share_cost", func(t *testing.T) {
		w := newWorld()
		a := w.client("A", alliance.Active, "0")
		gone := w.client("Gone", alliance.Churned, "24000")
		s := w.service("Hosting", live, "900.00", nil)
		w.commit(w.requirement(w.objective(a, "o"), "r", must), s, 100, 1)
		w.commit(w.requirement(w.objective(gone, "o"), "r", must), s, 100, 2)
		p := w.requirement(w.objective(a, "p"), "r", must)
		w.commit(p, w.service("Future", planned_, "500.00", nil), 100, 1)
		w.commit(p, w.service("Old", retired, "700.00", nil), 100, 1)
		e := w.eval()
		if got := Cents(e.Clients[a.ID].MonthlyCostToServe).StringFixed(2); got != "900.00" {
			t.Fatalf("A pays %s: the churned client's units must not share, planned and retired must not cost", got)
		}
		if got := Cents(e.Clients[gone.ID].MonthlyCostToServe).StringFixed(2); got != "0.00" {
			t.Fatalf("a churned client's cost to serve is %s", got)
		}
	})
	t.Run("cents_round_half_away_from_zero", func(t *testing.T) {
		for _, tc := range []struct {
			num, den int64
			want     string
		}{{1, 200, "0.01"}, {-1, 200, "-0.01"}, {1, 300, "0"}, {2, 3, "0.67"}, {-2, 3, "-0.67"}, {12345, 1000, "12.35"}} {
			if got := Cents(big.NewRat(tc.num, tc.den)).String(); got != tc.want {
				t.Errorf("%d/%d → %s, want %s", tc.num, tc.den, got, tc.want)
			}
		}
	})
}

func TestServiceFigures(t *testing.T) {
	w := newWorld()
	a := w.client("A", alliance.Active, "0")
	gone := w.client("Gone", alliance.Churned, "0")
	oa, og := w.objective(a, "o"), w.objective(gone, "o")
	req := func(o *alliance.Objective) *alliance.Requirement {
		return w.requirement(o, "r"+string(rune('a'+w.next%26)), must)
	}

	atCapacity := w.service("At capacity", live, "10", capacity(3))
	w.commit(req(oa), atCapacity, 100, 2)
	w.commit(req(oa), atCapacity, 100, 1)
	w.commit(req(og), atCapacity, 100, 5) // churned: not counted

	over := w.service("Over", planned_, "10", capacity(2))
	w.commit(req(oa), over, 100, 3) // planned units count

	unbounded := w.service("Unbounded", live, "10", nil)
	w.commit(req(oa), unbounded, 100, 1000)

	orphan := w.service("Orphan", live, "9800.00", nil)
	w.commit(req(og), orphan, 100, 1) // only a churned client
	free := w.service("Free", live, "0", nil)
	leaving := w.service("Leaving", retiring, "500", nil)
	plannedOnly := w.service("Planned only", live, "100", nil)
	future := w.service("Future", planned_, "100", nil)
	w.commit(req(oa), future, 100, 1)
	oldie := w.service("Old", retired, "100", capacity(0))
	w.commit(req(oa), oldie, 100, 4)
	_ = plannedOnly

	e := w.eval()
	check := func(s *alliance.Service, units int, oversub, orph bool) {
		t.Helper()
		f := e.Services[s.ID]
		if f.CommittedUnits != units || f.Oversubscribed != oversub || f.Orphan != orph {
			t.Errorf("%s: units %d oversubscribed %v orphan %v; want %d %v %v", s.Name, f.CommittedUnits, f.Oversubscribed, f.Orphan, units, oversub, orph)
		}
	}
	check(atCapacity, 3, false, false) // at exactly the capacity: not over
	check(over, 3, true, false)        // above it, with planned units; PLANNED is never orphan
	check(unbounded, 1000, false, false)
	check(orphan, 0, false, true)
	check(free, 0, false, false)       // costs nothing
	check(leaving, 0, false, false)    // RETIRING is never orphan
	check(plannedOnly, 0, false, true) // LIVE, costs, no active commitment
	check(oldie, 0, false, false)      // RETIRED commitments are ignored
	check(future, 1, false, false)

	p := e.Portfolio
	// LIVE and RETIRING: 10 + 10 + 9800 + 0 + 500 + 100 = 10420
	if p.MonthlyServiceCost.StringFixed(2) != "10420.00" || p.OrphanMonthlyCost.StringFixed(2) != "9900.00" {
		t.Fatalf("portfolio service cost %s, orphan cost %s", p.MonthlyServiceCost, p.OrphanMonthlyCost)
	}
}

func TestPortfolioContractValue(t *testing.T) {
	w := newWorld()
	w.client("A", alliance.Active, "100000.10")
	w.client("P", alliance.Prospect, "50000.20")
	w.client("Gone", alliance.Churned, "999999")
	if got := w.eval().Portfolio.AnnualContractValue.StringFixed(2); got != "150000.30" {
		t.Fatalf("contract value %s", got)
	}
}
