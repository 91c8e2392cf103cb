package coverage

import (
	"testing"

	"alliance"
)

func TestImpact(t *testing.T) {
	w := newWorld()
	bank := w.client("Bank", alliance.Active, "1200000")
	shop := w.client("Shop", alliance.Active, "60000")
	clinic := w.client("Clinic", alliance.Active, "300000")
	gone := w.client("Gone", alliance.Churned, "900000")
	hosting := w.service("Hosting", live, "1000", nil, lv("availability", 99.95))
	backup := w.service("Backup hosting", live, "500", nil, lv("availability", 99.95))
	other := w.service("Other", live, "10", nil)

	bo, so, co, gop := w.objective(bank, "o"), w.objective(shop, "o"), w.objective(clinic, "o"), w.objective(gone, "o")
	// Bank: a MUST requirement loses its only service: revenue at risk.
	bankMust := w.requirement(bo, "Core banking up", must, lv("availability", 99.9))
	w.commit(bankMust, hosting, 100, 1)
	w.commit(w.requirement(bo, "Unrelated", must), other, 100, 1)
	// Shop: a SHOULD requirement loses it: its score drops, no revenue at risk.
	shopShould := w.requirement(so, "Web shop up", should, lv("availability", 99.9))
	w.commit(shopShould, hosting, 100, 1)
	// Clinic: covered twice over: nothing changes.
	clinicMust := w.requirement(co, "Records up", must, lv("availability", 99.9))
	w.commit(clinicMust, hosting, 100, 1)
	w.commit(clinicMust, backup, 100, 1)
	// Gone: churned, counts for nothing.
	w.commit(w.requirement(gop, "Whatever", must, lv("availability", 99.9)), hosting, 100, 1)

	e := w.eval()
	imp, ok := e.Impact(hosting.ID)
	if !ok {
		t.Fatal("known service")
	}
	if len(imp.Requirements) != 2 ||
		imp.Requirements[0].RequirementID != bankMust.ID || imp.Requirements[0].Before != Covered || imp.Requirements[0].After != Gap ||
		imp.Requirements[1].RequirementID != shopShould.ID || imp.Requirements[1].After != Gap {
		t.Fatalf("requirement changes %+v", imp.Requirements)
	}
	if len(imp.Clients) != 2 || imp.Clients[0].ClientID != bank.ID || fmtScore(imp.Clients[0].Before) != "100" || fmtScore(imp.Clients[0].After) != "50" ||
		imp.Clients[1].ClientID != shop.ID || fmtScore(imp.Clients[1].After) != "0" {
		t.Fatalf("client changes %+v", imp.Clients)
	}
	if imp.RevenueAtRisk.String() != "1200000" {
		t.Fatalf("revenue at risk %s: only clients losing a COVERED MUST requirement", imp.RevenueAtRisk)
	}
	// The evaluation itself is untouched.
	if e.Requirements[bankMust.ID].Status != Covered {
		t.Fatal("impact changed the evaluation")
	}
	if _, ok := e.Impact(424242); ok {
		t.Fatal("an unknown service has no impact")
	}
	none, _ := e.Impact(other.ID)
	if len(none.Requirements) != 1 || none.RevenueAtRisk.String() != "1200000" {
		t.Fatalf("retiring Other: %+v", none)
	}
}

func TestMatches(t *testing.T) {
	w := newWorld()
	a := w.objective(w.client("A", alliance.Active, "0"), "o")
	desk := func(name string, l alliance.Lifecycle, cost string, capa *int, hours, minutes float64) *alliance.Service {
		return w.service(name, l, cost, capa, lv("support_hours", hours), lv("response_minutes", minutes))
	}
	cheapLive := desk("Cheap live desk", live, "100", capacity(10), 168, 15)
	desk("Dear live desk", live, "900", nil, 168, 10)
	desk("Leaving desk", retiring, "50", capacity(2), 168, 15)
	desk("Soon desk", planned_, "10", nil, 168, 5)
	desk("Slow desk", live, "10", capacity(1), 168, 30)             // designed too slow
	broken := desk("Broken desk", live, "20", capacity(1), 168, 15) // measured too slow
	desk("Old desk", retired, "1", nil, 168, 1)                     // retired: never
	desk("Office desk", live, "5", nil, 45, 5)                      // office hours only
	w.measure(broken, "response_minutes", 25, 1, 1)
	w.measure(cheapLive, "response_minutes", 14, 1, 1)
	w.commit(w.requirement(a, "r1", must), broken, 100, 3) // oversubscribed: spare -2
	w.commit(w.requirement(a, "r2", must), cheapLive, 100, 4)

	got, err := w.eval().Matches([]alliance.Level{lv("support_hours", 168), lv("response_minutes", 15)})
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		name     string
		delivers bool
		spare    string
	}
	names := map[int64]string{}
	for _, s := range w.s.Services {
		names[s.ID] = s.Name
	}
	var rows []row
	for _, m := range got {
		spare := "null"
		if m.SpareCapacity != nil {
			spare = Number(float64(*m.SpareCapacity))
		}
		rows = append(rows, row{names[m.ServiceID], m.Delivers, spare})
	}
	want := []row{
		{"Cheap live desk", true, "6"},
		{"Dear live desk", true, "null"},
		{"Leaving desk", true, "2"},
		{"Soon desk", true, "null"},
		{"Broken desk", false, "-2"},
	}
	if len(rows) != len(want) {
		t.Fatalf("matches %+v", rows)
	}
	for i := range want {
		if rows[i] != want[i] {
			t.Fatalf("match %d: %+v, want %+v (all: %+v)", i, rows[i], want[i], rows)
		}
	}

	for _, tc := range []struct {
		name    string
		targets []alliance.Level
		field   string
	}{
		{"no targets", nil, "targets"},
		{"unknown metric", []alliance.Level{lv("support_hours", 1), lv("happiness", 1)}, "targets.1.metric"},
		{"same metric twice", []alliance.Level{lv("support_hours", 1), lv("support_hours", 2)}, "targets.1.metric"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := w.eval().Matches(tc.targets)
			if e, ok := err.(*alliance.Error); !ok || e.Code != alliance.EINVALID || e.Field != tc.field {
				t.Fatalf("err %v, want BAD_USER_INPUT on %s", err, tc.field)
			}
		})
	}
}
