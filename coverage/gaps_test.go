package coverage

import (
	"fmt"
	"strings"
	"testing"

	"alliance"
)

func TestGapList(t *testing.T) {
	w := newWorld()
	big := w.client("Big Bank", alliance.Active, "900000")
	small := w.client("Small Shop", alliance.Active, "10000")
	alsoSmall := w.client("Another Small", alliance.Prospect, "10000")
	gone := w.client("Gone Corp", alliance.Churned, "5000000")

	bigOps, bigRisk := w.objective(big, "Operations"), w.objective(big, "Risk")
	smallOps := w.objective(small, "Operations")
	w.objective(small, "Expand abroad") // empty
	w.objective(big, "Zero waste")      // empty
	alsoOps := w.objective(alsoSmall, "Operations")
	w.requirement(w.objective(gone, "Anything"), "Ignored", must)

	desk := w.service("Office desk", live, "100", nil, lv("support_hours", 45))
	hosting := w.service("Hosting", live, "5000", nil, lv("availability", 99.95))
	w.measure(hosting, "availability", 99.0, 1, 1)
	future := w.service("Future", planned_, "100", nil, lv("availability", 99.99))
	generic := w.service("Generic", live, "10", nil)

	// MUST requirements of the big client: by percent, then objective and
	// requirement title.
	w.requirement(bigRisk, "Backups", must)                                                       // GAP 0%
	w.commit(w.requirement(bigOps, "24/7 support", must, lv("support_hours", 168)), desk, 100, 1) // OVERPROMISED 0%
	w.commit(w.requirement(bigOps, "Uptime", must, lv("availability", 99.9)), hosting, 100, 1)    // UNDER_DELIVERED 0%
	w.commit(w.requirement(bigOps, "Half", must), generic, 50, 1)                                 // PARTIAL 50%
	// Same priority and percent, smaller clients after; the two small ones tie
	// on value and percent, so their names decide.
	w.requirement(smallOps, "Firewall", must)
	w.requirement(alsoOps, "Firewall", must)
	// SHOULD after every MUST, COULD after every SHOULD.
	w.commit(w.requirement(bigOps, "Zero trust", should, lv("availability", 99.9)), future, 100, 1) // PLANNED_ONLY
	w.commit(w.requirement(smallOps, "Later", could), w.service("Z later", planned_, "0", nil), 100, 1)
	w.commit(w.requirement(bigOps, "Covered", must), generic, 100, 1) // no entry

	// Services by cost; at the same cost an orphan comes before an
	// oversubscribed service whatever their names.
	w.service("Legacy mail", live, "9800", nil)
	w.service("Fax gateway", live, "50", nil)
	w.service("Archive", live, "50", nil) // same cost and kind: before "Fax gateway" by name
	w.objective(small, "Certify")         // same client: before "Expand abroad" by title
	erp := w.service("ERP", live, "50", capacity(1))
	w.commit(w.requirement(smallOps, "ERP access", should), erp, 100, 2)

	e := w.eval()
	var got []string
	for _, g := range e.Gaps {
		got = append(got, string(g.Kind)+" "+describe(w, g))
	}
	want := []string{
		"OVERPROMISED Big Bank/Operations/24/7 support",
		"UNDER_DELIVERED Big Bank/Operations/Uptime",
		"GAP Big Bank/Risk/Backups",
		"PARTIAL Big Bank/Operations/Half",
		"GAP Another Small/Operations/Firewall",
		"GAP Small Shop/Operations/Firewall",
		"PLANNED_ONLY Big Bank/Operations/Zero trust",
		"PLANNED_ONLY Small Shop/Operations/Later",
		"EMPTY_OBJECTIVE Big Bank/Zero waste",
		"EMPTY_OBJECTIVE Small Shop/Certify",
		"EMPTY_OBJECTIVE Small Shop/Expand abroad",
		"ORPHAN_SERVICE Legacy mail",
		"ORPHAN_SERVICE Archive",
		"ORPHAN_SERVICE Fax gateway",
		"OVERSUBSCRIBED ERP",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("gap list\n got:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}

	t.Run("gap_counts_per_client", func(t *testing.T) {
		if e.Clients[big.ID].GapCount != 6 || e.Clients[small.ID].GapCount != 4 || e.Clients[gone.ID].GapCount != 0 {
			t.Fatalf("gap counts %d %d %d", e.Clients[big.ID].GapCount, e.Clients[small.ID].GapCount, e.Clients[gone.ID].GapCount)
		}
	})
	t.Run("client_filter_keeps_that_client_and_drops_services", func(t *testing.T) {
		for _, g := range FilterGaps(e.Gaps, nil, small.ID) {
			if g.ClientID != small.ID || g.ServiceID != 0 {
				t.Fatalf("%+v", g)
			}
		}
		if n := len(FilterGaps(e.Gaps, nil, small.ID)); n != 4 {
			t.Fatalf("%d entries for Small Shop, want 4", n)
		}
		if n := len(FilterGaps(e.Gaps, nil, gone.ID)); n != 0 {
			t.Fatal("a churned client has no gaps in the list")
		}
	})
	t.Run("kind_filter", func(t *testing.T) {
		got := FilterGaps(e.Gaps, []GapKind{KindOrphanService, KindGap}, 0)
		if len(got) != 6 {
			t.Fatalf("%d entries", len(got))
		}
	})
	t.Run("keys_are_strictly_increasing", func(t *testing.T) {
		for i := 1; i < len(e.Gaps); i++ {
			if e.Gaps[i-1].Key.Compare(e.Gaps[i].Key) >= 0 {
				t.Fatalf("keys %d and %d are not in strict order", i-1, i)
			}
		}
	})
	t.Run("messages_say_what_is_wrong", func(t *testing.T) {
		msgs := map[GapKind]string{}
		for _, g := range e.Gaps {
			if _, ok := msgs[g.Kind]; !ok {
				msgs[g.Kind] = g.Message()
			}
		}
		for kind, sub := range map[GapKind]string{
			KindGap:            `No service is committed to the MUST requirement "Backups" of Big Bank.`,
			KindOverpromised:   "promises 168 hours/week of staffed support hours, but Office desk is designed for 45 hours/week.",
			KindUnderDelivered: "promises 99.9 percent of availability; Hosting is designed for it but its latest measurement is 99 percent.",
			KindPartial:        "is only 50% covered",
			KindPlannedOnly:    "covered only by services not live yet: Future",
			KindEmptyObjective: `Objective "Zero waste" of Big Bank has no requirements yet.`,
			KindOrphanService:  "Legacy mail costs 9,800.00 a month",
			KindOversubscribed: "ERP is committed 2 capacity units but can carry 1.",
		} {
			if !strings.Contains(msgs[kind], sub) {
				t.Errorf("%s message %q lacks %q", kind, msgs[kind], sub)
			}
		}
	})
}

func describe(w *world, g GapEntry) string {
	name := func(id int64) string {
		for _, c := range w.s.Clients {
			if c.ID == id {
				return c.Name
			}
		}
		for _, o := range w.s.Objectives {
			if o.ID == id {
				return o.Title
			}
		}
		for _, r := range w.s.Requirements {
			if r.ID == id {
				return r.Title
			}
		}
		for _, s := range w.s.Services {
			if s.ID == id {
				return s.Name
			}
		}
		return fmt.Sprint(id)
	}
	switch {
	case g.ServiceID != 0:
		return name(g.ServiceID)
	case g.RequirementID != 0:
		return name(g.ClientID) + "/" + name(g.ObjectiveID) + "/" + name(g.RequirementID)
	}
	return name(g.ClientID) + "/" + name(g.ObjectiveID)
}

func TestOverpromiseMessageNamesEveryFailingTarget(t *testing.T) {
	w, o := stage(t)
	r := w.requirement(o, "24/7 support", must, lv("support_hours", 168), lv("response_minutes", 15), lv("availability", 99))
	w.commit(r, w.service("Office desk", live, "0", nil, lv("support_hours", 45), lv("response_minutes", 30), lv("availability", 99.5)), 100, 1)
	e := w.eval()
	want := `The MUST requirement "24/7 support" of Acme promises 168 hours/week of staffed support hours and 15 minutes of response time, but Office desk is designed for 45 hours/week and 30 minutes.`
	if e.Gaps[0].Message() != want {
		t.Fatalf("message\n got %s\nwant %s", e.Gaps[0].Message(), want)
	}
}

// Under-delivered, the sentence names a service that is designed for the
// promise and measured short of it, never one that is not designed for it.
func TestUnderDeliveryMessageNamesAServiceDesignedForThePromise(t *testing.T) {
	w, o := stage(t)
	r := w.requirement(o, "ERP up", must, lv("availability", 99.9))
	// "A backup" sorts first: designed too low and measured low too.
	weak := w.service("A backup", live, "0", nil, lv("availability", 99))
	main := w.service("Main hosting", live, "0", nil, lv("availability", 99.95))
	w.commit(r, weak, 100, 1)
	w.commit(r, main, 100, 1)
	w.measure(weak, "availability", 98, 1, 1)
	w.measure(main, "availability", 99.5, 1, 1)
	e := w.eval()
	if e.Requirements[r.ID].Status != UnderDelivered {
		t.Fatalf("status %s", e.Requirements[r.ID].Status)
	}
	want := `The MUST requirement "ERP up" of Acme promises 99.9 percent of availability; Main hosting is designed for it but its latest measurement is 99.5 percent.`
	for _, g := range e.Gaps {
		if g.RequirementID == r.ID {
			if g.Message() != want {
				t.Fatalf("message\n got %s\nwant %s", g.Message(), want)
			}
			return
		}
	}
	t.Fatal("no gap entry for the requirement")
}
