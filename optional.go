package alliance

// Optional is one field of a patch. Set says whether the caller gave the
// field at all; Value is what they gave, nil for an explicit null. A field
// that is not set stays unchanged.
type Optional[T any] struct {
	Set   bool
	Value *T
}

// Some returns a set Optional holding v.
func Some[T any](v T) Optional[T] { return Optional[T]{Set: true, Value: &v} }

// Null returns a set Optional holding an explicit null.
func Null[T any]() Optional[T] { return Optional[T]{Set: true} }

// required returns the value of a patch field that may be left out but not
// cleared, or an error naming the field when the caller sent null.
func required[T any](o Optional[T], field string) (T, bool, error) {
	var zero T
	if !o.Set {
		return zero, false, nil
	}
	if o.Value == nil {
		return zero, false, Invalidf(field, "%s cannot be null", field)
	}
	return *o.Value, true, nil
}
