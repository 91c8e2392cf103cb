package alliance

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// invalid fails t unless err is nil or a BAD_USER_INPUT error that names a
// field, and reports whether it is nil.
func invalid(t *testing.T, what string, err error) bool {
	t.Helper()
	if err == nil {
		return false
	}
	var e *Error
	if !errors.As(err, &e) || e.Code != EINVALID || e.Field == "" || e.Message == "" {
		t.Fatalf("%s: an error that is not BAD_USER_INPUT naming a field: %#v", what, err)
	}
	return true
}

// cleanOK fails t unless s is what a cleaned name may be.
func cleanOK(t *testing.T, what, s string) {
	t.Helper()
	if s == "" || s != strings.TrimSpace(s) || utf8.RuneCountInString(s) > MaxNameLength || hasControl(s, false) {
		t.Fatalf("%s accepted as %q", what, s)
	}
}

// moneyOK fails t unless d is an amount the DECIMAL(15,2) columns hold.
func moneyOK(t *testing.T, what string, d decimal.Decimal) {
	t.Helper()
	if d.IsNegative() || !d.Equal(d.Round(2)) || d.GreaterThanOrEqual(decimal.New(1, MaxMoneyIntDigits)) {
		t.Fatalf("%s accepted %s", what, d)
	}
}

// FuzzInputs gives every validator of the root package texts, amounts,
// numbers and times: whatever it is given, it returns a BAD_USER_INPUT
// error that names the field, or a value that keeps the rules (names
// trimmed, present, short and without control characters; amounts
// non-negative with two decimal places at most; finite values; periods in
// order). Never a panic.
func FuzzInputs(f *testing.F) {
	f.Add("Acme", "Retail", "ada@example.com", "1250.00", "availability", 99.9, 3, int64(1767225600), int64(1769904000), "24h")
	f.Add("  ", "\x00", "Ada <ada@example.com>", "-1", "Availability", math.NaN(), -5, int64(0), int64(-1), "-1h")
	f.Add(strings.Repeat("é", 201), "a\nb", "a@b", "1e40", "a_b_c", math.Inf(1), 101, int64(253402300800), int64(253402300801), "876001h")
	f.Add("x\u200by", "\t", "@example.com", "0.001", "x", -0.0, 0, int64(-62135596800), int64(1), "")
	f.Add("Name", "", "ada@exa mple.com", "9999999999999.99", "z9", 1e308, 1_000_000_001, int64(1), int64(2), "1ns")
	f.Fuzz(func(t *testing.T, name, text, email, money, key string, value float64, n int, start, end int64, dur string) {
		amount, amountErr := decimal.NewFromString(money)
		var amountP *decimal.Decimal
		if amountErr == nil && amount.Exponent() > -40 && amount.Exponent() < 40 {
			amountP = &amount
		}
		status := ClientStatus(strings.ToUpper(text))
		levels := []Level{{Metric: key, Value: value}, {Metric: strings.TrimSpace(key) + "_x", Value: float64(n)}}
		id := int64(n)

		if c, err := (ClientInput{Name: name, Industry: &text, AccountOwner: &email, Status: &status, AnnualContractValue: amountP}).Client(); !invalid(t, "client", err) {
			cleanOK(t, "client name", c.Name)
			moneyOK(t, "annualContractValue", c.AnnualContractValue)
			if !c.Status.Valid() {
				t.Fatalf("status %q", c.Status)
			}
		}
		c := &Client{Name: "Before", Status: Active}
		patch := ClientPatch{Name: Some(name), Industry: Some(text), Status: Some(status)}
		if amountP != nil {
			patch.AnnualContractValue = Some(*amountP)
		}
		if !invalid(t, "client patch", patch.Apply(c)) {
			cleanOK(t, "patched client name", c.Name)
			moneyOK(t, "patched annualContractValue", c.AnnualContractValue)
		}
		lc := Lifecycle(strings.ToUpper(text))
		if s, err := (ServiceInput{Name: name, Description: &text, OwnerTeam: &email, Lifecycle: &lc, MonthlyCost: amountP, Capacity: &n, DesignedLevels: levels}).Service(); !invalid(t, "service", err) {
			cleanOK(t, "service name", s.Name)
			moneyOK(t, "monthlyCost", s.MonthlyCost)
		}
		svc := &Service{Name: "Before", Lifecycle: Live}
		if !invalid(t, "service patch", (ServicePatch{Name: Some(name), Capacity: Some(n), DesignedLevels: Some(levels)}).Apply(svc)) {
			cleanOK(t, "patched service name", svc.Name)
		}
		pr := Priority(strings.ToUpper(text))
		if o, err := (ObjectiveInput{ClientID: id, Title: name, Description: &text, Owner: &email, Priority: &pr}).Objective(); !invalid(t, "objective", err) {
			cleanOK(t, "objective title", o.Title)
		}
		if r, err := (RequirementInput{ObjectiveID: id, Title: name, Description: &text, Priority: &pr, Targets: levels}).Requirement(); !invalid(t, "requirement", err) {
			cleanOK(t, "requirement title", r.Title)
			for _, l := range r.Targets {
				if math.IsNaN(l.Value) || math.IsInf(l.Value, 0) || CheckMetricKey(l.Metric, "metric") != nil {
					t.Fatalf("target accepted: %+v", l)
				}
			}
		}
		if cm, err := (CommitmentInput{RequirementID: id, ServiceID: id, CoveragePercent: &n, CapacityUnits: &n, Note: &text}).Commitment(); !invalid(t, "commitment", err) {
			if cm.CoveragePercent < MinCoveragePct || cm.CoveragePercent > MaxCoveragePct {
				t.Fatalf("coverage accepted: %d", cm.CoveragePercent)
			}
		}
		cm := &Commitment{CoveragePercent: 100, CapacityUnits: 1}
		invalid(t, "commitment patch", (CommitmentPatch{CoveragePercent: Some(n), CapacityUnits: Some(n), Note: Some(text)}).Apply(cm))
		mi := MetricInput{Key: key, Name: name, Unit: text, Direction: Direction(strings.ToUpper(email))}
		if !invalid(t, "metric", mi.Validate()) {
			cleanOK(t, "metric name", mi.Name)
			if CheckMetricKey(mi.Key, "key") != nil {
				t.Fatalf("metric key accepted: %q", mi.Key)
			}
		}
		ps, pe := time.Unix(start, 0), time.Unix(end, 0)
		if m, err := (MeasurementInput{ServiceID: id, Metric: key, Value: value, PeriodStart: ps, PeriodEnd: pe, Source: &text}).Measurement(); !invalid(t, "measurement", err) {
			if math.IsNaN(m.Value) || math.IsInf(m.Value, 0) || !m.PeriodEnd.After(m.PeriodStart) {
				t.Fatalf("measurement accepted: %+v", m)
			}
		}
		ui := UserInput{Email: email, Name: name, Role: Role(strings.ToUpper(text))}
		if !invalid(t, "user", ui.Validate()) {
			cleanOK(t, "user name", ui.Name)
		}
		if e, err := CleanEmail(email, "email"); !invalid(t, "email", err) && (e == "" || !strings.Contains(e, "@") || hasControl(e, false)) {
			t.Fatalf("email accepted: %q", e)
		}
		ti := TokenInput{Name: name, Role: Role(strings.ToUpper(text)), ExpiresIn: &dur}
		now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		if at, err := ti.Validate(now); !invalid(t, "token", err) && at != nil && !at.After(now) {
			t.Fatalf("token expiry %v accepted", at)
		}
		ri := ReportInput{Slug: key, Title: name, Description: &text, Query: email}
		invalid(t, "report", ri.Validate())
		si := ShareLinkInput{Slug: key, ExpiresIn: &dur}
		invalid(t, "share link", func() error { _, err := si.Validate(now); return err }())
		if _, err := ValidateLevels(levels, "targets"); err != nil {
			invalid(t, "levels", err)
		}
		if _, err := ParseRole(text); err != nil {
			invalid(t, "role", err)
		}
	})
}
