package alliance

import (
	"testing"
	"time"
)

func TestSourcePeriods(t *testing.T) {
	at := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, c := range []struct {
		period SourcePeriod
		now    string
		n      int
		want   []string // starts; each ends where the next starts, the last at end
		end    string
	}{
		// Midnight UTC, whatever the zone the time is given in.
		{Daily, "2026-03-04T10:00:00+05:00", 2, []string{"2026-03-02T00:00:00Z", "2026-03-03T00:00:00Z"}, "2026-03-04T00:00:00Z"},
		{Daily, "2026-03-04T00:00:00Z", 1, []string{"2026-03-03T00:00:00Z"}, "2026-03-04T00:00:00Z"},
		// Weeks start on Monday: 2026-03-04 is a Wednesday, 2026-03-02 a Monday.
		{Weekly, "2026-03-04T12:00:00Z", 2, []string{"2026-02-16T00:00:00Z", "2026-02-23T00:00:00Z"}, "2026-03-02T00:00:00Z"},
		// A Sunday is the week's last day.
		{Weekly, "2026-03-08T23:59:59Z", 1, []string{"2026-02-23T00:00:00Z"}, "2026-03-02T00:00:00Z"},
		{Weekly, "2026-03-09T00:00:00Z", 1, []string{"2026-03-02T00:00:00Z"}, "2026-03-09T00:00:00Z"},
		// Months of every length, across a year's end.
		{Monthly, "2026-03-01T00:00:01Z", 3, []string{"2025-12-01T00:00:00Z", "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z"}, "2026-03-01T00:00:00Z"},
		{Monthly, "2024-03-15T00:00:00Z", 1, []string{"2024-02-01T00:00:00Z"}, "2024-03-01T00:00:00Z"},
	} {
		got := c.period.Closed(at(c.now), c.n)
		if len(got) != len(c.want) {
			t.Fatalf("%s at %s: %d periods, want %d", c.period, c.now, len(got), len(c.want))
		}
		for i, s := range got {
			end := c.end
			if i+1 < len(c.want) {
				end = c.want[i+1]
			}
			if !s.Start.Equal(at(c.want[i])) || !s.End.Equal(at(end)) || s.Start.Location() != time.UTC {
				t.Errorf("%s at %s, period %d: %s – %s, want %s – %s", c.period, c.now, i, s.Start, s.End, c.want[i], end)
			}
		}
	}
}

func TestMeasurementSourceInput(t *testing.T) {
	ok := MeasurementSourceInput{ServiceID: 1, Metric: "availability", Expression: "up", Period: Daily, URL: "http://prometheus:9090/"}
	s, err := ok.Source()
	if err != nil || s.URL != "http://prometheus:9090" || s.Horizon != DefaultSourceHorizon || s.AuthKind != AuthNone {
		t.Fatalf("%+v %v", s, err)
	}
	str := func(s string) *string { return &s }
	n := func(v int) *int { return &v }
	for _, c := range []struct {
		change func(in *MeasurementSourceInput)
		field  string
	}{
		{func(in *MeasurementSourceInput) { in.URL = "ftp://prometheus" }, "url"},
		{func(in *MeasurementSourceInput) { in.URL = "prometheus:9090" }, "url"},
		{func(in *MeasurementSourceInput) { in.URL = "http://user:pw@prometheus" }, "url"},
		{func(in *MeasurementSourceInput) { in.URL = "http://prometheus/?x=1" }, "url"},
		{func(in *MeasurementSourceInput) { in.Expression = "  " }, "expression"},
		{func(in *MeasurementSourceInput) { in.Expression = string(make([]byte, MaxExpressionLength+1)) }, "expression"},
		{func(in *MeasurementSourceInput) { in.Period = "HOURLY" }, "period"},
		{func(in *MeasurementSourceInput) { in.Metric = "Availability!" }, "metric"},
		{func(in *MeasurementSourceInput) { in.Horizon = n(0) }, "horizon"},
		{func(in *MeasurementSourceInput) { in.Horizon = n(MaxSourceHorizon + 1) }, "horizon"},
		{func(in *MeasurementSourceInput) {
			in.Auth = &SourceAuthInput{BearerToken: str("t"), Username: str("u")}
		}, "auth.bearerToken"},
		{func(in *MeasurementSourceInput) { in.Auth = &SourceAuthInput{Password: str("p")} }, "auth.username"},
	} {
		in := ok
		c.change(&in)
		_, err := in.Source()
		if e, isErr := err.(*Error); !isErr || e.Code != EINVALID || e.Field != c.field {
			t.Errorf("%+v: %v, want BAD_USER_INPUT on %s", in, err, c.field)
		}
	}
	in := ok
	in.Auth = &SourceAuthInput{Username: str("grafana"), Password: str("secret")}
	if s, err := in.Source(); err != nil || s.AuthKind != AuthBasic || s.Auth.Password != "secret" {
		t.Fatalf("basic: %+v %v", s, err)
	}
}
