package coverage

import (
	"testing"

	"alliance"
)

const (
	live     = alliance.Live
	retiring = alliance.Retiring
	planned_ = alliance.Planned
	retired  = alliance.Retired
	must     = alliance.Must
	should   = alliance.Should
	could    = alliance.Could
)

// Each case builds one requirement with its commitments and checks status and
// percent. The names say the rule.
func TestRequirementStatus(t *testing.T) {
	avail := func(v float64) alliance.Level { return lv("availability", v) }
	for _, tc := range []struct {
		name    string
		build   func(w *world, o *alliance.Objective) *alliance.Requirement
		status  Status
		percent int
	}{
		{"covered_by_one_holding_commitment_at_100", func(w *world, o *alliance.Objective) *alliance.Requirement {
			r := w.requirement(o, "R", must, avail(99.9))
			w.commit(r, w.service("S", live, "0", nil, avail(99.95)), 100, 1)
			return r
		}, Covered, 100},
		{"covered_when_holding_commitments_sum_to_100", func(w *world, o *alliance.Objective) *alliance.Requirement {
			r := w.requirement(o, "R", must, avail(99.9))
			w.commit(r, w.service("S1", live, "0", nil, avail(99.9)), 60, 1)
			w.commit(r, w.service("S2", live, "0", nil, avail(99.9)), 40, 1)
			return r
		}, Covered, 100},
		{"percent_capped_at_100", func(w *world, o *alliance.Objective) *alliance.Requirement {
			r := w.requirement(o, "R", must, avail(99.9))
			w.commit(r, w.service("S1", live, "0", nil, avail(99.9)), 70, 1)
			w.commit(r, w.service("S2", live, "0", nil, avail(99.9)), 70, 1)
			return r
		}, Covered, 100},
		{"partial_when_holding_commitments_sum_below_100", func(w *world, o *alliance.Objective) *alliance.Requirement {
			r := w.requirement(o, "R", must, avail(99.9))
			w.commit(r, w.service("S", live, "0", nil, avail(99.9)), 60, 1)
			return r
		}, Partial, 60},
		{"partial_takes_precedence_over_under_delivered", func(w *world, o *alliance.Objective) *alliance.Requirement {
			r := w.requirement(o, "R", must, avail(99.9))
			w.commit(r, w.service("Holds", live, "0", nil, avail(99.9)), 50, 1)
			bad := w.service("Misses", live, "0", nil, avail(99.9))
			w.measure(bad, "availability", 99.0, 1, 1)
			w.commit(r, bad, 50, 1)
			return r
		}, Partial, 50},
		{"under_delivered_when_latest_measurement_misses", func(w *world, o *alliance.Objective) *alliance.Requirement {
			r := w.requirement(o, "R", must, avail(99.9))
			s := w.service("S", live, "0", nil, avail(99.95))
			w.measure(s, "availability", 99.95, 1, 1)
			w.measure(s, "availability", 99.2, 2, 2)
			w.commit(r, s, 100, 1)
			return r
		}, UnderDelivered, 0},
		{"under_delivered_takes_precedence_over_overpromised", func(w *world, o *alliance.Objective) *alliance.Requirement {
			r := w.requirement(o, "R", must, avail(99.9))
			w.commit(r, w.service("Too weak", live, "0", nil, avail(99.0)), 100, 1)
			s := w.service("Misses", live, "0", nil, avail(99.9))
			w.measure(s, "availability", 98, 1, 1)
			w.commit(r, s, 100, 1)
			return r
		}, UnderDelivered, 0},
		{"overpromised_when_no_active_commitment_meets_design", func(w *world, o *alliance.Objective) *alliance.Requirement {
			r := w.requirement(o, "24/7 support", must, lv("support_hours", 168), lv("response_minutes", 15))
			w.commit(r, w.service("Office hours desk", live, "0", nil, lv("support_hours", 45), lv("response_minutes", 30)), 100, 1)
			return r
		}, Overpromised, 0},
		{"overpromised_when_the_service_has_no_designed_level_for_a_target", func(w *world, o *alliance.Objective) *alliance.Requirement {
			r := w.requirement(o, "R", must, avail(99.9), lv("rpo_minutes", 5))
			w.commit(r, w.service("S", live, "0", nil, avail(99.99)), 100, 1)
			return r
		}, Overpromised, 0},
		{"overpromised_takes_precedence_over_planned", func(w *world, o *alliance.Objective) *alliance.Requirement {
			r := w.requirement(o, "R", must, avail(99.9))
			w.commit(r, w.service("Weak", live, "0", nil, avail(99)), 100, 1)
			w.commit(r, w.service("Future", planned_, "0", nil, avail(99.99)), 100, 1)
			return r
		}, Overpromised, 0},
		{"planned_when_only_planned_commitments", func(w *world, o *alliance.Objective) *alliance.Requirement {
			r := w.requirement(o, "R", must, avail(99.9))
			w.commit(r, w.service("Future", planned_, "0", nil, avail(99.99)), 100, 1)
			return r
		}, PlannedOnly, 0},
		{"gap_without_commitments", func(w *world, o *alliance.Objective) *alliance.Requirement {
			return w.requirement(o, "R", must, avail(99.9))
		}, Gap, 0},
		{"retired_commitments_are_ignored", func(w *world, o *alliance.Objective) *alliance.Requirement {
			r := w.requirement(o, "R", must, avail(99.9))
			w.commit(r, w.service("Old", retired, "0", nil, avail(99.99)), 100, 1)
			return r
		}, Gap, 0},
		{"retiring_services_count_as_active", func(w *world, o *alliance.Objective) *alliance.Requirement {
			r := w.requirement(o, "R", must, avail(99.9))
			w.commit(r, w.service("Leaving", retiring, "0", nil, avail(99.99)), 100, 1)
			return r
		}, Covered, 100},
		{"functional_requirement_is_met_by_any_active_commitment", func(w *world, o *alliance.Objective) *alliance.Requirement {
			r := w.requirement(o, "Single sign-on", should)
			w.commit(r, w.service("Identity", live, "0", nil), 100, 1)
			return r
		}, Covered, 100},
		{"a_metric_never_measured_does_not_fail_delivery", func(w *world, o *alliance.Objective) *alliance.Requirement {
			r := w.requirement(o, "R", must, avail(99.9), lv("response_minutes", 15))
			s := w.service("S", live, "0", nil, avail(99.9), lv("response_minutes", 10))
			w.measure(s, "availability", 99.95, 1, 1)
			w.commit(r, s, 100, 1)
			return r
		}, Covered, 100},
		{"latest_is_by_period_end_not_insertion_order", func(w *world, o *alliance.Objective) *alliance.Requirement {
			r := w.requirement(o, "R", must, avail(99.9))
			s := w.service("S", live, "0", nil, avail(99.9))
			w.measure(s, "availability", 99.95, 3, 1) // March, recorded first
			w.measure(s, "availability", 90.00, 2, 9) // February, recorded last: older period
			w.commit(r, s, 100, 1)
			return r
		}, Covered, 100},
		{"same_period_end_the_one_recorded_last_wins", func(w *world, o *alliance.Objective) *alliance.Requirement {
			r := w.requirement(o, "R", must, avail(99.9))
			s := w.service("S", live, "0", nil, avail(99.9))
			w.measure(s, "availability", 99.95, 3, 1)
			w.measure(s, "availability", 99.10, 3, 2) // a correction of March
			w.commit(r, s, 100, 1)
			return r
		}, UnderDelivered, 0},
		{"equal_values_meet_either_direction", func(w *world, o *alliance.Objective) *alliance.Requirement {
			r := w.requirement(o, "R", must, avail(99.9), lv("response_minutes", 15))
			s := w.service("S", live, "0", nil, avail(99.9), lv("response_minutes", 15))
			w.measure(s, "availability", 99.9, 1, 1)
			w.measure(s, "response_minutes", 15, 1, 1)
			w.commit(r, s, 100, 1)
			return r
		}, Covered, 100},
		{"lower_is_better_fails_above_target", func(w *world, o *alliance.Objective) *alliance.Requirement {
			r := w.requirement(o, "R", must, lv("response_minutes", 15))
			w.commit(r, w.service("S", live, "0", nil, lv("response_minutes", 16)), 100, 1)
			return r
		}, Overpromised, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w, o := stage(t)
			r := tc.build(w, o)
			got := w.eval().Requirements[r.ID]
			if got.Status != tc.status || got.Percent != tc.percent {
				t.Fatalf("status %s %d%%, want %s %d%%", got.Status, got.Percent, tc.status, tc.percent)
			}
		})
	}
}

func TestCommitmentHolds(t *testing.T) {
	for _, tc := range []struct {
		name      string
		lifecycle alliance.Lifecycle
		designed  float64
		measured  float64 // 0: never measured
		holds     bool
	}{
		{"live_designed_and_delivering", live, 99.95, 99.97, true},
		{"live_never_measured", live, 99.95, 0, true},
		{"retiring_designed_and_delivering", retiring, 99.95, 99.97, true},
		{"planned_never_holds", planned_, 99.95, 99.97, false},
		{"retired_never_holds", retired, 99.95, 99.97, false},
		{"design_below_target", live, 99.5, 99.97, false},
		{"delivery_below_target", live, 99.95, 99.5, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w, o := stage(t)
			r := w.requirement(o, "R", must, lv("availability", 99.9))
			s := w.service("S", tc.lifecycle, "0", nil, lv("availability", tc.designed))
			if tc.measured != 0 {
				w.measure(s, "availability", tc.measured, 1, 1)
			}
			c := w.commit(r, s, 100, 1)
			if got := w.eval().Holds[c.ID]; got != tc.holds {
				t.Fatalf("holds = %v", got)
			}
		})
	}
}

func TestShortfalls(t *testing.T) {
	w, o := stage(t)
	r := w.requirement(o, "24/7 support, 15 minutes, 99.9%", must,
		lv("availability", 99.9), lv("response_minutes", 15), lv("support_hours", 168))
	desk := w.service("Office desk", live, "0", nil, lv("response_minutes", 30), lv("support_hours", 45), lv("availability", 99.95))
	w.measure(desk, "availability", 99.5, 1, 1)   // designed fine, delivered badly
	w.measure(desk, "response_minutes", 12, 1, 1) // designed badly, delivered fine
	good := w.service("Follow-the-sun desk", live, "0", nil, lv("response_minutes", 10), lv("support_hours", 168), lv("availability", 99.99))
	w.commit(r, good, 50, 1) // holds: no shortfall
	w.commit(r, desk, 50, 1)
	w.commit(r, w.service("Future desk", planned_, "0", nil), 100, 1) // planned: no shortfall
	none := w.service("No design", live, "0", nil)
	w.commit(r, none, 10, 1)

	cov := w.eval().Requirements[r.ID]
	if cov.Status != Partial || cov.Percent != 50 {
		t.Fatalf("coverage %s %d", cov.Status, cov.Percent)
	}
	type sf struct {
		service            string
		metric             string
		required           float64
		designed, measured string
	}
	got := []sf{}
	names := map[int64]string{desk.ID: desk.Name, none.ID: none.Name}
	for _, s := range cov.Shortfalls {
		got = append(got, sf{names[s.ServiceID], s.Metric, s.Required, fmtScore(s.Designed), fmtScore(s.Measured)})
	}
	want := []sf{
		// Services by name, targets by metric key.
		{"No design", "availability", 99.9, "null", "null"},
		{"No design", "response_minutes", 15, "null", "null"},
		{"No design", "support_hours", 168, "null", "null"},
		{"Office desk", "availability", 99.9, "99.95", "99.5"},
		{"Office desk", "response_minutes", 15, "30", "12"},
		{"Office desk", "support_hours", 168, "45", "null"},
	}
	if len(got) != len(want) {
		t.Fatalf("shortfalls\n got %+v\nwant %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("shortfall %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestLatest(t *testing.T) {
	w := newWorld()
	s := w.service("S", live, "0", nil)
	w.measure(s, "availability", 1, 5, 10)
	w.measure(s, "availability", 2, 6, 1)  // greatest period end
	w.measure(s, "availability", 3, 4, 99) // recorded last, older period
	w.measure(s, "response_minutes", 7, 6, 5)
	w.measure(s, "response_minutes", 8, 6, 5) // same end, same time: the later id
	got := Latest(w.s.Measurements)
	if got[ServiceMetric{s.ID, "availability"}] != 2 || got[ServiceMetric{s.ID, "response_minutes"}] != 8 || len(got) != 2 {
		t.Fatalf("latest %v", got)
	}
}
