package importer

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"alliance"
)

// number reads a number as a spreadsheet gives it: a workbook keeps 17
// digits of a double (99.950000000000003), of which 15 are what was typed.
func number(s string) (float64, error) {
	f, err := strconv.ParseFloat(strings.ReplaceAll(s, " ", ""), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, fmt.Errorf("%q is not a number", s)
	}
	return strconv.ParseFloat(strconv.FormatFloat(f, 'g', 15, 64), 64)
}

func whole(s string) (int, error) {
	f, err := number(s)
	if err != nil || f != math.Trunc(f) || math.Abs(f) > 1e15 {
		return 0, fmt.Errorf("%q is not a whole number", s)
	}
	return int(f), nil
}

func amount(s string) (decimal.Decimal, error) {
	f, err := number(s)
	if err != nil {
		return decimal.Decimal{}, fmt.Errorf("%q is not an amount", s)
	}
	d, err := decimal.NewFromString(strconv.FormatFloat(f, 'f', -1, 64))
	if err != nil {
		return decimal.Decimal{}, fmt.Errorf("%q is not an amount", s)
	}
	return d, nil
}

var timeLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02"}

// moment reads a time: a date or a date and time (UTC unless it says), or
// the serial number a workbook keeps a date cell as.
func moment(s string) (time.Time, error) {
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return alliance.Timestamp(t), nil
		}
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && f > 0 && f < 2958466 {
		if t, err := excelize.ExcelDateToTime(f, false); err == nil {
			return alliance.Timestamp(t.Round(time.Second)), nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date: write it as 2026-11-01 or 2026-11-01T00:00:00Z", s)
}

// levels reads metric=value pairs separated by semicolons or line breaks.
func levels(s string) ([]alliance.Level, error) {
	var out []alliance.Level
	for part := range strings.FieldsFuncSeq(s, func(r rune) bool { return r == ';' || r == '\n' || r == '\r' }) {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		k, v, ok := strings.Cut(part, "=")
		if !ok {
			return nil, fmt.Errorf("%q is not a metric=value pair (such as availability=99.9)", part)
		}
		f, err := number(strings.TrimSpace(v))
		if err != nil {
			return nil, fmt.Errorf("the value of %s: %v", strings.TrimSpace(k), err)
		}
		out = append(out, alliance.Level{Metric: strings.TrimSpace(k), Value: f})
	}
	return out, nil
}

// Words for the report.

func text(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func ptr(s string) *string { return &s }

func figure(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func levelText(ls []alliance.Level) string {
	cp := slices.Clone(ls)
	slices.SortFunc(cp, func(a, b alliance.Level) int { return strings.Compare(a.Metric, b.Metric) })
	parts := make([]string, len(cp))
	for i, l := range cp {
		parts[i] = l.Metric + "=" + figure(l.Value)
	}
	return strings.Join(parts, "; ")
}

func timeText(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// fields are a row's fields as the report words them, in column order.
type fields [][2]string

// diff lists the fields whose words differ.
func diff(before, after fields) []*FieldChange {
	var out []*FieldChange
	for i, a := range after {
		b := ""
		if before != nil {
			b = before[i][1]
		}
		if a[1] != b {
			out = append(out, &FieldChange{Field: a[0], Before: b, After: a[1]})
		}
	}
	return out
}

// suggest returns the name among names closest to name, when one is close
// enough to be a slip ("Service Desk 24x7" for "Service Desk — 24/7").
func suggest(name string, names []string) string {
	want := fold(name)
	best, bestD := "", math.MaxInt
	for _, n := range names {
		if d := distance(want, fold(n)); d < bestD {
			best, bestD = n, d
		}
	}
	if best == "" || bestD > max(2, len([]rune(want))/3) {
		return ""
	}
	return best
}

// fold keeps the letters and digits of a name, in lower case, with single
// spaces between words.
func fold(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		case unicode.IsSpace(r):
			space = true
		}
	}
	return b.String()
}

// distance is the Levenshtein distance between a and b, in runes.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
