package alliance

import (
	"math"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// Limits on what the API accepts.
const (
	MaxNameLength     = 200  // names and titles
	MaxLabelLength    = 200  // short optional texts: industry, owners, teams, sources
	MaxTextLength     = 4000 // descriptions and notes
	MaxUnitLength     = 50
	MaxLevels         = 50 // targets of a requirement, designed levels of a service
	MaxCapacity       = 1_000_000_000
	MaxCapacityUnits  = 1_000_000
	MaxCoveragePct    = 100
	MinCoveragePct    = 1
	MaxMoneyIntDigits = 13 // DECIMAL(15,2)
)

var metricKeyPattern = regexp.MustCompile(`^[a-z][a-z0-9_]{0,62}$`)

// cleanName trims a name or title and checks it is present, not too long and
// free of control characters.
func cleanName(s, field string) (string, error) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return "", Invalidf(field, "%s must not be empty", field)
	case utf8.RuneCountInString(s) > MaxNameLength:
		return "", Invalidf(field, "%s must be at most %d characters", field, MaxNameLength)
	case hasControl(s, false):
		return "", Invalidf(field, "%s must not contain control characters or line breaks", field)
	}
	return s, nil
}

// cleanText trims an optional free text; an empty text becomes nil. Line
// breaks are allowed when multiline is set.
func cleanText(p *string, field string, max int, multiline bool) (*string, error) {
	if p == nil {
		return nil, nil
	}
	s := strings.TrimSpace(*p)
	switch {
	case s == "":
		return nil, nil
	case utf8.RuneCountInString(s) > max:
		return nil, Invalidf(field, "%s must be at most %d characters", field, max)
	case hasControl(s, multiline):
		return nil, Invalidf(field, "%s must not contain control characters", field)
	}
	return &s, nil
}

func hasControl(s string, allowNewlines bool) bool {
	for _, r := range s {
		if allowNewlines && (r == '\n' || r == '\r' || r == '\t') {
			continue
		}
		if unicode.IsControl(r) {
			return true
		}
	}
	return false
}

// checkMoney checks an amount: not negative, at most two decimal places and
// small enough for the DECIMAL(15,2) columns that hold it.
func checkMoney(d decimal.Decimal, field string) error {
	switch {
	case d.IsNegative():
		return Invalidf(field, "%s must not be negative", field)
	case d.Exponent() < -2 && !d.Equal(d.Round(2)):
		return Invalidf(field, "%s must have at most two decimal places", field)
	case d.Abs().Truncate(0).NumDigits() > MaxMoneyIntDigits:
		return Invalidf(field, "%s must be less than 10^%d", field, MaxMoneyIntDigits)
	}
	return nil
}

// checkFinite refuses NaN and infinities.
func checkFinite(v float64, field string) error {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return Invalidf(field, "%s must be a finite number", field)
	}
	return nil
}

// CheckMetricKey checks the format of a metric key: a lower-case letter, then
// up to 62 lower-case letters, digits or underscores.
func CheckMetricKey(key, field string) error {
	if !metricKeyPattern.MatchString(key) {
		return Invalidf(field, "metric key %q must be a lower-case letter followed by up to 62 lower-case letters, digits or underscores", key)
	}
	return nil
}

// NameKey is the form of a name used to order names and to find duplicates:
// names that differ only in letter case are the same name.
func NameKey(name string) string { return strings.ToLower(name) }

// Timestamp is how times are kept: in UTC, to the microsecond (both supported
// databases keep microseconds).
func Timestamp(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }
