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

// number reads a JSON number of any Go form the decoders give; kind names
// the scalar for the error when v is not a number at all.
func number(v any, kind string) (float64, error) {
	switch n := v.(type) {
	case int:
		return float64(n), nil
	case int32:
		return float64(n), nil
	case int64:
		return float64(n), nil
	case float64:
		return n, nil
	case json.Number:
		f, err := strconv.ParseFloat(string(n), 64)
		if err != nil {
			return 0, alliance.Errorf(alliance.EINVALID, "%s is not a number", n)
		}
		return f, nil
	}
	return 0, alliance.Errorf(alliance.EINVALID, "%s, not %s", kind, what(v))
}

// UnmarshalInt reads an Int: a whole number from -2^31 to 2^31-1.
func UnmarshalInt(v any) (int, error) {
	f, err := number(v, "an Int must be a whole number")
	if err != nil {
		return 0, err
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
	f, err := number(v, "a Float must be a number")
	if err != nil {
		return 0, err
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
