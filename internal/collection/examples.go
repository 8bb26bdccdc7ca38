package collection

import (
	"strings"

	"github.com/schemawatch/schemawatch/internal/schema"
)

// exampler makes placeholder values that a server accepts for a type: the
// request can be sent as it is, and shows what to fill in.
type exampler struct {
	s *schema.Schema
	// building holds the input objects being built, to stop recursion.
	building map[string]bool
	// scalars caches the examples of custom scalars (see scalarExample).
	scalars map[string]any
}

func newExampler(s *schema.Schema) *exampler {
	return &exampler{s: s, building: map[string]bool{}, scalars: map[string]any{}}
}

// variables returns example values of a field's required arguments.
// Optional ones are left out: a placeholder would override their default.
func (e *exampler) variables(f *schema.Field) map[string]any {
	vars := map[string]any{}
	for _, a := range f.Args {
		if required(a) {
			vars[a.Name] = e.value(a.Type, a.Name)
		}
	}
	return vars
}

// value returns an example of a value of type ref, for an argument or
// input field called name.
func (e *exampler) value(ref *schema.TypeRef, name string) any {
	switch ref.Kind {
	case schema.RefNonNull:
		return e.value(ref.OfType, name)
	case schema.RefList:
		// One element shows the shape; none, where the element would have
		// to contain the list again.
		if e.building[ref.NamedType()] {
			return []any{}
		}
		return []any{e.value(ref.OfType, name)}
	}
	t := e.s.Type(ref.Name)
	switch t.Kind {
	case schema.KindEnum:
		return firstEnumValue(t)
	case schema.KindInputObject:
		return e.inputObject(t)
	}
	return e.scalarExample(t.Name, name)
}

// scalarExample is scalarExample, with what a custom scalar's name says
// worked out once per scalar: the words of its name, for every argument
// of its type.
func (e *exampler) scalarExample(scalar, name string) any {
	switch scalar {
	case "Int", "Float", "Boolean", "String", "ID":
		return scalarExample(scalar, name)
	}
	v, ok := e.scalars[scalar]
	if !ok {
		// The placeholder names no argument only where it is a string.
		v = scalarExample(scalar, "")
		e.scalars[scalar] = v
	}
	if s, isString := v.(string); isString && s == "<>" {
		return "<" + name + ">"
	}
	if m, isMap := v.(map[string]any); isMap && len(m) == 0 {
		return map[string]any{} // each its own, as scalarExample's
	}
	return v
}

// inputObject returns an input object with its required fields; a @oneOf
// input gets exactly one field, its first that is not deprecated.
func (e *exampler) inputObject(t *schema.Type) map[string]any {
	obj := map[string]any{}
	if e.building[t.Name] {
		// Only an invalid schema has an input object that requires itself
		// without a list between; there is no value to give.
		return obj
	}
	e.building[t.Name] = true
	defer delete(e.building, t.Name)
	if t.IsOneOf {
		if f, ok := preferCurrent(t.InputFields, func(f *schema.InputValue) bool { return f.IsDeprecated }); ok {
			obj[f.Name] = e.value(f.Type, f.Name)
		}
		return obj
	}
	for _, f := range t.InputFields {
		if required(f) {
			obj[f.Name] = e.value(f.Type, f.Name)
		}
	}
	return obj
}

// firstEnumValue returns the first value that is not deprecated, or the
// first value when all are; nil (JSON null) for an enum without values,
// which only an invalid schema has.
func firstEnumValue(t *schema.Type) any {
	if v, ok := preferCurrent(t.EnumValues, func(v *schema.EnumValue) bool { return v.IsDeprecated }); ok {
		return v.Name
	}
	return nil
}

// preferCurrent returns the first element of list that is not deprecated,
// or the first element when all are; false when list is empty.
func preferCurrent[T any](list []T, deprecated func(T) bool) (T, bool) {
	for _, x := range list {
		if !deprecated(x) {
			return x, true
		}
	}
	if len(list) == 0 {
		var zero T
		return zero, false
	}
	return list[0], true
}

// scalarExample returns a placeholder of a scalar type. A string names
// what belongs there ("<projectId>"). A custom scalar's wire format is the
// server's own, which a schema does not say, so it is guessed from the
// words people name such scalars with: BigInt a number, DateTime a
// timestamp, JSON and configuration maps an object, anything else a string.
func scalarExample(scalar, name string) any {
	switch scalar {
	case "Int", "Float":
		return 0
	case "Boolean":
		return false
	case "String", "ID":
		return "<" + name + ">"
	}
	has := map[string]bool{}
	for _, w := range words(scalar) {
		has[strings.ToLower(w)] = true
	}
	switch {
	case has["int"] || has["long"] || has["float"] || has["decimal"] || has["number"]:
		return 0
	case has["timestamp"] || (has["date"] && has["time"]):
		return "2006-01-02T15:04:05Z"
	case has["date"]:
		return "2006-01-02"
	case has["json"] || has["config"] || has["variables"] || has["map"] || has["object"] || has["metadata"]:
		return map[string]any{}
	}
	return "<" + name + ">"
}
