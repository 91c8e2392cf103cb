package model

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/99designs/gqlgen/graphql"

	"alliance"
)

// The built-in scalars, read as the GraphQL specification coerces input: a
// String is a string, an Int a whole number within 32 bits, a Float a
// number, a Boolean true or false. gqlgen's own readers accept more (42 as
// the String "42", "5" as the Int 5), which would let a typo through as data.

// what names the JSON kind of a value, for error messages.
func what(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case int, int32, int64, float64, json.Number:
		return "a number"
	case []any:
		return "a list"
	case map[string]any:
		return "an object"
	}
	return "a value of another kind"
}

// MarshalString writes a string.
func MarshalString(s string) graphql.Marshaler { return graphql.MarshalString(s) }

// UnmarshalString reads a String: a string only.
func UnmarshalString(v any) (string, error) {
	if s, ok := v.(string); ok {
		return s, nil
	}
	return "", alliance.Errorf(alliance.EINVALID, "a String must be a string, not %s", what(v))
}

// MarshalInt writes an integer.
func MarshalInt(n int) graphql.Marshaler { return graphql.MarshalInt(n) }

// UnmarshalInt reads an Int: a whole number from -2^31 to 2^31-1.
func UnmarshalInt(v any) (int, error) {
	var f float64
	switch n := v.(type) {
	case int:
		f = float64(n)
	case int32:
		f = float64(n)
	case int64:
		f = float64(n)
	case float64:
		f = n
	case json.Number:
		parsed, err := strconv.ParseFloat(string(n), 64)
		if err != nil {
			return 0, alliance.Errorf(alliance.EINVALID, "%s is not a number", n)
		}
		f = parsed
	default:
		return 0, alliance.Errorf(alliance.EINVALID, "an Int must be a whole number, not %s", what(v))
	}
	if f != math.Trunc(f) {
		return 0, alliance.Errorf(alliance.EINVALID, "an Int must be a whole number, not %v", v)
	}
	if f < math.MinInt32 || f > math.MaxInt32 {
		return 0, alliance.Errorf(alliance.EINVALID, "%v is outside the range of an Int (32 bits)", v)
	}
	return int(f), nil
}

// MarshalFloat writes a number as gqlgen does (%g). Every stored number is
// finite (input is checked); were one not, it is written as null, since JSON
// has no infinities or NaN.
func MarshalFloat(f float64) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) {
		if math.IsInf(f, 0) || math.IsNaN(f) {
			io.WriteString(w, "null")
			return
		}
		fmt.Fprintf(w, "%g", f)
	})
}

// UnmarshalFloat reads a Float: a finite number.
func UnmarshalFloat(v any) (float64, error) {
	var f float64
	switch n := v.(type) {
	case int:
		f = float64(n)
	case int32:
		f = float64(n)
	case int64:
		f = float64(n)
	case float64:
		f = n
	case json.Number:
		parsed, err := strconv.ParseFloat(string(n), 64)
		if err != nil {
			return 0, alliance.Errorf(alliance.EINVALID, "%s is not a number", n)
		}
		f = parsed
	default:
		return 0, alliance.Errorf(alliance.EINVALID, "a Float must be a number, not %s", what(v))
	}
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, alliance.Errorf(alliance.EINVALID, "a Float must be a finite number")
	}
	return f, nil
}

// MarshalBoolean writes true or false.
func MarshalBoolean(b bool) graphql.Marshaler { return graphql.MarshalBoolean(b) }

// UnmarshalBoolean reads a Boolean: true or false only.
func UnmarshalBoolean(v any) (bool, error) {
	if b, ok := v.(bool); ok {
		return b, nil
	}
	return false, alliance.Errorf(alliance.EINVALID, "a Boolean must be true or false, not %s", what(v))
}
