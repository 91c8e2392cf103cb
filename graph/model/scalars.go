package model

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/shopspring/decimal"

	"alliance"
)

// MarshalID writes an id as the decimal string clients see.
func MarshalID(id int64) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) {
		io.WriteString(w, strconv.Quote(strconv.FormatInt(id, 10)))
	})
}

// UnmarshalID reads an id given as a string (or, leniently, an integer).
func UnmarshalID(v any) (int64, error) {
	var s string
	switch v := v.(type) {
	case string:
		s = v
	case json.Number:
		s = v.String()
	case int64:
		return v, nil
	case int:
		return int64(v), nil
	default:
		return 0, alliance.Errorf(alliance.EINVALID, "an id must be a string such as \"42\"")
	}
	id, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || id < 1 {
		return 0, alliance.Errorf(alliance.EINVALID, "%q is not an id", s)
	}
	return id, nil
}

// MarshalTime writes a time in RFC 3339, in UTC.
func MarshalTime(t time.Time) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) {
		io.WriteString(w, strconv.Quote(t.UTC().Format(time.RFC3339Nano)))
	})
}

// UnmarshalTime reads an RFC 3339 time.
func UnmarshalTime(v any) (time.Time, error) {
	s, ok := v.(string)
	if !ok {
		return time.Time{}, alliance.Errorf(alliance.EINVALID, "a time must be an RFC 3339 string such as \"2026-01-31T00:00:00Z\"")
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, alliance.Errorf(alliance.EINVALID, "%q is not an RFC 3339 time such as \"2026-01-31T00:00:00Z\"", s)
	}
	// In UTC, as times are kept and written, the year must still have four
	// digits: "0000-01-01T00:00:00+00:01" is in the year -1, which RFC 3339
	// cannot write (found by FuzzTime).
	if y := t.UTC().Year(); y < 0 || y > 9999 {
		return time.Time{}, alliance.Errorf(alliance.EINVALID, "%q is outside the years 0000 to 9999 in UTC", s)
	}
	return alliance.Timestamp(t), nil
}

// MarshalMoney writes an amount as a string with two decimal places, rounded
// half away from zero.
func MarshalMoney(d decimal.Decimal) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) {
		io.WriteString(w, strconv.Quote(d.StringFixed(2)))
	})
}

const maxMoneyExponent = 30

// UnmarshalMoney reads an amount given as a string or a number. Range and
// decimal places are checked by the domain, which names the field.
func UnmarshalMoney(v any) (decimal.Decimal, error) {
	var s string
	switch v := v.(type) {
	case string:
		s = strings.TrimSpace(v)
	case json.Number:
		s = v.String()
	case int64:
		return decimal.NewFromInt(v), nil
	case int:
		return decimal.NewFromInt(int64(v)), nil
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return decimal.Decimal{}, alliance.Errorf(alliance.EINVALID, "an amount must be a finite number")
		}
		return UnmarshalMoney(json.Number(strconv.FormatFloat(v, 'g', -1, 64)))
	default:
		return decimal.Decimal{}, alliance.Errorf(alliance.EINVALID, "an amount must be a string such as \"1250.00\" or a number")
	}
	d, err := decimal.NewFromString(s)
	// A bounded exponent keeps "1e999999999" from becoming a huge number
	// when its range is checked.
	if err != nil || d.Exponent() < -maxMoneyExponent || d.Exponent() > maxMoneyExponent {
		return decimal.Decimal{}, alliance.Errorf(alliance.EINVALID, "%q is not an amount such as \"1250.00\"", s)
	}
	return d, nil
}

// JSON is a JSON value passed through as it is.
type JSON = json.RawMessage

// MarshalJSON writes the value as it is, or null.
func MarshalJSON(v json.RawMessage) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) {
		if len(v) == 0 {
			io.WriteString(w, "null")
			return
		}
		w.Write(v)
	})
}

// UnmarshalJSON accepts any JSON value.
func UnmarshalJSON(v any) (json.RawMessage, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("not a JSON value: %w", err)
	}
	return b, nil
}
