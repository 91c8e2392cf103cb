package alliance

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

func TestClientInputValidation(t *testing.T) {
	money := func(s string) *decimal.Decimal { d := decimal.RequireFromString(s); return &d }
	status := func(s ClientStatus) *ClientStatus { return &s }
	blank := "   "
	for _, tc := range []struct {
		name  string
		in    ClientInput
		field string // "" when valid
	}{
		{"trimmed name", ClientInput{Name: "  Acme  "}, ""},
		{"empty name", ClientInput{Name: ""}, "name"},
		{"200 characters", ClientInput{Name: strings.Repeat("é", 200)}, ""},
		{"201 characters", ClientInput{Name: strings.Repeat("é", 201)}, "name"},
		{"tab in name", ClientInput{Name: "a\tb"}, "name"},
		{"blank industry becomes null", ClientInput{Name: "A", Industry: &blank}, ""},
		{"two decimals", ClientInput{Name: "A", AnnualContractValue: money("0.10")}, ""},
		{"trailing zero beyond two decimals", ClientInput{Name: "A", AnnualContractValue: money("0.100")}, ""},
		{"three decimals", ClientInput{Name: "A", AnnualContractValue: money("0.101")}, "annualContractValue"},
		{"largest amount", ClientInput{Name: "A", AnnualContractValue: money("9999999999999.99")}, ""},
		{"amount too large", ClientInput{Name: "A", AnnualContractValue: money("10000000000000")}, "annualContractValue"},
		{"negative amount", ClientInput{Name: "A", AnnualContractValue: money("-0.01")}, "annualContractValue"},
		{"unknown status", ClientInput{Name: "A", Status: status("LOST")}, "status"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := tc.in.Client()
			if tc.field == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				if c.Name != strings.TrimSpace(tc.in.Name) || c.Industry != nil && *c.Industry == "" {
					t.Fatalf("not cleaned: %+v", c)
				}
				return
			}
			if e, ok := err.(*Error); !ok || e.Code != EINVALID || e.Field != tc.field {
				t.Fatalf("err = %#v, want BAD_USER_INPUT on %s", err, tc.field)
			}
		})
	}
	c, _ := ClientInput{Name: "A"}.Client()
	if c.Status != Active || !c.AnnualContractValue.IsZero() {
		t.Fatalf("defaults: %+v", c)
	}
}

func TestLevelsValidation(t *testing.T) {
	for _, tc := range []struct {
		name   string
		levels []Level
		field  string
	}{
		{"none", nil, ""},
		{"two metrics", []Level{{"availability", 99.9}, {"support_hours", 168}}, ""},
		{"key with spaces trimmed", []Level{{" availability ", 99.9}}, ""},
		{"bad key", []Level{{"availability", 1}, {"9lives", 1}}, "targets.1.metric"},
		{"upper case key", []Level{{"Availability", 1}}, "targets.0.metric"},
		{"duplicate", []Level{{"availability", 1}, {"rpo_minutes", 1}, {"availability", 2}}, "targets.2.metric"},
		{"NaN", []Level{{"availability", math.NaN()}}, "targets.0.value"},
		{"infinity", []Level{{"availability", math.Inf(1)}}, "targets.0.value"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := RequirementInput{ObjectiveID: 1, Title: "R", Targets: tc.levels}.Requirement()
			if tc.field == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if e, ok := err.(*Error); !ok || e.Field != tc.field {
				t.Fatalf("err = %v, want one on %s", err, tc.field)
			}
		})
	}
}

func TestPatchSemantics(t *testing.T) {
	note := "kept"
	c := &Commitment{CoveragePercent: 100, CapacityUnits: 2, Note: &note}
	if err := (CommitmentPatch{CoveragePercent: Some(40)}).Apply(c); err != nil || c.CoveragePercent != 40 || c.CapacityUnits != 2 || *c.Note != "kept" {
		t.Fatalf("omitted fields must stay: %+v %v", c, err)
	}
	if err := (CommitmentPatch{Note: Null[string]()}).Apply(c); err != nil || c.Note != nil {
		t.Fatalf("null must clear an optional field: %+v %v", c, err)
	}
	err := (CommitmentPatch{CapacityUnits: Null[int]()}).Apply(c)
	if e, ok := err.(*Error); !ok || e.Field != "capacityUnits" || c.CapacityUnits != 2 {
		t.Fatalf("null for a required field: %v", err)
	}
	capacity := 5
	s := &Service{Name: "S", Lifecycle: Live, Capacity: &capacity}
	if err := (ServicePatch{Capacity: Null[int]()}).Apply(s); err != nil || s.Capacity != nil {
		t.Fatalf("null capacity means unbounded: %v", err)
	}
	if err := (ServicePatch{DesignedLevels: Null[[]Level]()}).Apply(s); err == nil {
		t.Fatal("null designed levels must be refused; [] clears them")
	}
	if err := (ServicePatch{DesignedLevels: Some([]Level{})}).Apply(s); err != nil || len(s.DesignedLevels) != 0 {
		t.Fatalf("[] clears: %v", err)
	}
}

func TestMeasurementValidation(t *testing.T) {
	in := MeasurementInput{ServiceID: 1, Metric: "availability", Value: 99.9}
	in.PeriodStart = mustTime("2026-01-01T00:00:00Z")
	in.PeriodEnd = mustTime("2026-01-01T00:00:00.000001Z")
	if _, err := in.Measurement(); err != nil {
		t.Fatalf("a period one microsecond long is a period: %v", err)
	}
	in.PeriodEnd = in.PeriodStart
	if _, err := in.Measurement(); err == nil || err.(*Error).Field != "periodEnd" {
		t.Fatalf("an empty period: %v", err)
	}
}

func TestPageLimit(t *testing.T) {
	n := func(i int) *int { return &i }
	for _, tc := range []struct {
		first *int
		want  int
		field string
		max   int
	}{{nil, 50, "", 0}, {n(0), 0, "", 0}, {n(100), 100, "", 0}, {n(101), 0, "first", 0}, {n(-1), 0, "first", 0},
		{n(1000), 1000, "", MaxStreamPageSize}, {n(1001), 0, "first", MaxStreamPageSize}, {nil, 50, "", MaxStreamPageSize}} {
		got, err := PageArgs{First: tc.first, Max: tc.max}.Limit()
		if tc.field != "" {
			if e, ok := err.(*Error); !ok || e.Field != "first" {
				t.Errorf("first=%v: err %v", *tc.first, err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("first=%v: %d %v", tc.first, got, err)
		}
	}
}

func TestMeets(t *testing.T) {
	up := Metric{Key: "availability", Direction: HigherIsBetter}
	down := Metric{Key: "response_minutes", Direction: LowerIsBetter}
	if !up.Meets(99.9, 99.9) || up.Meets(99.8, 99.9) || !up.Meets(100, 99.9) {
		t.Error("higher is better: value >= target")
	}
	if !down.Meets(15, 15) || down.Meets(16, 15) || !down.Meets(5, 15) {
		t.Error("lower is better: value <= target")
	}
}

func mustTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t
}
