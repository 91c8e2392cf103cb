package alliance

import (
	"testing"
	"time"
)

func TestStaleEvidence(t *testing.T) {
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	ago := func(d time.Duration) *time.Time { at := now.Add(-d); return &at }
	day := 24 * time.Hour
	for _, tc := range []struct {
		name      string
		lifecycle Lifecycle
		metrics   []MetricEvidence
		stale     bool
		since     []*time.Time // of each metric
	}{
		{"ended_exactly_at_the_edge_is_fresh", Live, []MetricEvidence{{Metric: "availability", FreshnessDays: 45, LatestAt: ago(45 * day)}}, false, []*time.Time{nil}},
		{"a_second_past_the_edge_is_stale", Live, []MetricEvidence{{Metric: "availability", FreshnessDays: 45, LatestAt: ago(45*day + time.Second)}},
			true, []*time.Time{ago(time.Second)}},
		{"never_measured_is_stale_with_no_date", Retiring, []MetricEvidence{{Metric: "availability", FreshnessDays: 45}}, true, []*time.Time{nil}},
		{"each_metric_its_own_window", Live, []MetricEvidence{
			{Metric: "availability", FreshnessDays: 45, LatestAt: ago(20 * day)},
			{Metric: "response_minutes", FreshnessDays: 10, LatestAt: ago(20 * day)},
		}, true, []*time.Time{nil, ago(10 * day)}},
		{"planned_is_not_judged", Planned, []MetricEvidence{{Metric: "availability", FreshnessDays: 45}}, false, []*time.Time{nil}},
		{"retired_is_not_judged", Retired, []MetricEvidence{{Metric: "availability", FreshnessDays: 1, LatestAt: ago(400 * day)}}, false, []*time.Time{nil}},
		{"no_target_is_never_stale", Live, nil, false, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := EvidenceOf(7, tc.lifecycle, tc.metrics, now)
			if e.Stale != tc.stale || e.Judged != tc.lifecycle.Judged() || len(e.Metrics) != len(tc.metrics) {
				t.Fatalf("%+v", e)
			}
			for i, m := range e.Metrics {
				if (m.StaleSince == nil) != (tc.since[i] == nil) || m.StaleSince != nil && !m.StaleSince.Equal(*tc.since[i]) {
					t.Errorf("metric %s: staleSince %v, want %v", m.Metric, m.StaleSince, tc.since[i])
				}
				if m.Stale != (tc.lifecycle.Judged() && !Fresh(m.LatestAt, m.FreshnessDays, now)) {
					t.Errorf("metric %s: stale %v", m.Metric, m.Stale)
				}
			}
		})
	}
	e := EvidenceOf(7, Live, []MetricEvidence{
		{Metric: "availability", FreshnessDays: 45, LatestAt: ago(60 * day)},
		{Metric: "response_minutes", FreshnessDays: 1},
		{Metric: "rpo_minutes", FreshnessDays: 45, LatestAt: ago(day)},
	}, now)
	want := "No measurement of availability since 2 Oct; the window is 45 days. No measurement of response time yet; the window is 1 day."
	if got := e.Reason(map[string]string{"availability": "Availability", "response_minutes": "Response time"}); got == nil || *got != want {
		t.Fatalf("reason %q, want %q", deref(got), want)
	}
	if e.StaleSince == nil || !e.StaleSince.Equal(*ago(15 * day)) {
		t.Errorf("staleSince %v: the earliest of the metrics'", e.StaleSince)
	}
	if !e.LatestAt.Equal(*ago(day)) {
		t.Errorf("latestAt %v: the newest of the metrics'", e.LatestAt)
	}
	if EvidenceOf(7, Planned, nil, now).Reason(nil) != nil {
		t.Error("a reason without stale evidence")
	}
}

func TestFreshnessDaysBounds(t *testing.T) {
	for days, ok := range map[int]bool{0: false, 1: true, 45: true, 3650: true, 3651: false, -3: false} {
		if err := CheckFreshnessDays(days, "freshnessDays"); (err == nil) != ok || err != nil && err.(*Error).Field != "freshnessDays" {
			t.Errorf("%d days: %v", days, err)
		}
	}
	in := MetricInput{Key: "backups", Name: "Backups", Unit: "percent", Direction: HigherIsBetter}
	if err := in.Validate(); err != nil || *in.FreshnessDays != DefaultFreshnessDays {
		t.Fatalf("default: %v %v", err, in.FreshnessDays)
	}
	m := Metric{FreshnessDays: 45}
	if err := (MetricPatch{FreshnessDays: Null[int]()}).Apply(&m); err == nil || m.FreshnessDays != 45 {
		t.Fatalf("null freshnessDays: %v, %d", err, m.FreshnessDays)
	}
}

func deref(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}
