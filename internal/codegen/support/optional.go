package support

import "encoding/json"

// Optional is an input field that the schema lets you leave out. GraphQL
// tells three states apart, and so does Optional: absent (the zero value),
// null, and a value. A struct field of type Optional carries the `omitzero`
// JSON option, so an absent field is left out of the encoded object, an
// explicit null encodes as null, and a value as the value.
//
// Absent and null mean different things to many servers: absent keeps what
// is stored, null clears it.
type Optional[T any] struct {
	// value is a pointer so that an input object can hold an Optional of
	// itself, as recursive filters do.
	value *T
	null  bool
}

// OptionalOf returns an Optional holding v.
func OptionalOf[T any](v T) Optional[T] { return Optional[T]{value: &v} }

// OptionalNull returns an Optional that is an explicit null.
func OptionalNull[T any]() Optional[T] { return Optional[T]{null: true} }

// Get returns the value and true, or the zero value and false when the
// field is absent or null.
func (o Optional[T]) Get() (T, bool) {
	if o.value == nil {
		var zero T
		return zero, false
	}
	return *o.value, true
}

// IsNull reports whether the field is an explicit null.
func (o Optional[T]) IsNull() bool { return o.null }

// IsZero reports whether the field is absent. encoding/json's omitzero
// option calls it to leave absent fields out.
func (o Optional[T]) IsZero() bool { return o.value == nil && !o.null }

// MarshalJSON encodes the value, or null. An absent Optional also encodes
// as null where omitzero cannot leave it out (outside a struct field).
func (o Optional[T]) MarshalJSON() ([]byte, error) {
	if o.value == nil {
		return []byte("null"), nil
	}
	return json.Marshal(*o.value)
}

// UnmarshalJSON decodes null or a value. A field missing from the JSON
// object is never decoded, so it stays absent.
func (o *Optional[T]) UnmarshalJSON(data []byte) error {
	if string(data) == "null" { // encoding/json hands over a null literal as is
		*o = OptionalNull[T]()
		return nil
	}
	var v T
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	*o = OptionalOf(v)
	return nil
}
