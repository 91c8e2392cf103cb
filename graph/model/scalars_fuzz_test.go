package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"

	"alliance"
)

// marshalled is what a marshaller writes.
func marshalled(m graphql.Marshaler) string {
	var b bytes.Buffer
	m.MarshalGQL(&b)
	return b.String()
}

// badInput fails t unless err is a BAD_USER_INPUT error.
func badInput(t *testing.T, what string, err error) {
	t.Helper()
	var e *alliance.Error
	if !errors.As(err, &e) || e.Code != alliance.EINVALID || e.Message == "" {
		t.Fatalf("%s: %#v", what, err)
	}
}

// FuzzID reads ids from any text: an id read is positive and writes back
// as the same number; anything else is BAD_USER_INPUT; never a panic.
func FuzzID(f *testing.F) {
	for _, s := range []string{"1", "42", " 7 ", "0", "-1", "+3", "9223372036854775807", "9223372036854775808", "1e3", "", "٣", "0x10"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, v := range []any{s, json.Number(s)} {
			id, err := UnmarshalID(v)
			if err != nil {
				badInput(t, s, err)
				continue
			}
			if id < 1 {
				t.Fatalf("%q read as %d", s, id)
			}
			back, err := UnmarshalID(strings.Trim(marshalled(MarshalID(id)), `"`))
			if err != nil || back != id {
				t.Fatalf("%q: %d written and read back as %d, %v", s, id, back, err)
			}
		}
	})
}

// FuzzMoney reads amounts from any text or number: an amount read that the
// domain accepts (two decimal places at most) writes as a string that reads
// back to the same amount; anything unreadable is BAD_USER_INPUT; never a
// panic, and never a huge number made from a small text.
func FuzzMoney(f *testing.F) {
	for _, s := range []string{"1250.00", "0", "-1", "0.005", "1e999999999", "1e-999999999", "NaN", "Inf", "12,5", " 3.10 ", "9999999999999.99", ".5", "1_000"} {
		f.Add(s, 1.5)
	}
	f.Fuzz(func(t *testing.T, s string, x float64) {
		for _, v := range []any{s, json.Number(s), x} {
			d, err := UnmarshalMoney(v)
			if err != nil {
				badInput(t, s, err)
				continue
			}
			if d.Exponent() < -maxMoneyExponent || d.Exponent() > maxMoneyExponent {
				t.Fatalf("%v read with exponent %d", v, d.Exponent())
			}
			if !d.Equal(d.Round(2)) {
				continue // the domain refuses it (checkMoney)
			}
			out := marshalled(MarshalMoney(d))
			q, err := strconv.Unquote(out)
			if err != nil {
				t.Fatalf("%v written as %s", v, out)
			}
			back, err := UnmarshalMoney(q)
			if err != nil || !back.Equal(d) {
				t.Fatalf("%v: %s written as %s, read back as %s, %v", v, d, out, back, err)
			}
		}
	})
}

// FuzzTime reads times from any text: a time read writes back as RFC 3339
// that reads back to the same instant.
func FuzzTime(f *testing.F) {
	for _, s := range []string{"2026-01-31T00:00:00Z", "2026-01-31T00:00:00.123456789+02:00", "2026-02-30T00:00:00Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "yesterday", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tm, err := UnmarshalTime(s)
		if err != nil {
			badInput(t, s, err)
			return
		}
		q, err := strconv.Unquote(marshalled(MarshalTime(tm)))
		if err != nil {
			t.Fatal(err)
		}
		back, err := UnmarshalTime(q)
		if err != nil || !back.Equal(tm) {
			t.Fatalf("%q: %v written as %q, read back as %v, %v", s, tm, q, back, err)
		}
	})
}
