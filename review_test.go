package alliance

import (
	"testing"
	"time"
)

func TestReviewReasons(t *testing.T) {
	at := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	v := func(f float64) *float64 { return &f }
	for _, tc := range []struct{ name, got, want string }{
		{"target_changed", TargetReason("Response time", "minutes", v(30), v(15), at, "Service Desk — Office Hours", v(30)),
			"The target for response time changed from 30 to 15 minutes on 2 Dec; Service Desk — Office Hours is designed for 30."},
		{"target_added_without_design", TargetReason("Availability", "percent", nil, v(99.9), at, "ERP Hosting", nil),
			"A target for availability of 99.9% was set on 2 Dec; ERP Hosting has no designed level for it."},
		{"target_removed", TargetReason("Response time", "minutes", v(30), nil, at, "Desk", v(30)),
			"The target for response time (30 minutes) was removed on 2 Dec."},
		{"level_changed", LevelReason("Response time", "minutes", v(30), v(45), at, "Desk", 15),
			"Desk's designed level for response time changed from 30 to 45 minutes on 2 Dec; the target is 15."},
		{"level_removed", LevelReason("Response time", "minutes", v(30), nil, at, "Desk", 15),
			"Desk's designed level for response time (30 minutes) was removed on 2 Dec; the target is 15."},
		{"coverage", CoverageReason(100, 60, at), "Its coverage changed from 100% to 60% on 2 Dec."},
		{"capacity_without_figures", CapacityReason(at), "The capacity units it takes changed on 2 Dec."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Fatalf("got  %q\nwant %q", tc.got, tc.want)
			}
		})
	}
}

func TestReviewForPortalHidesCapacity(t *testing.T) {
	b, a := 1.0, 3.0
	r := &Review{Changes: []ReviewChange{{What: ReviewCoverage, Before: &b, After: &a}, {What: ReviewCapacity, Before: &b, After: &a}}}
	p := r.ForPortal()
	if p.Changes[0].Before == nil || p.Changes[1].Before != nil || p.Changes[1].After != nil || r.Changes[1].After == nil {
		t.Fatalf("portal %+v, provider %+v", p.Changes, r.Changes)
	}
	if !r.Needed() || (&Review{}).Needed() || (&Review{}).Reason() != nil {
		t.Fatal("needed and reason follow the pending changes")
	}
}
