package diff

import (
	"slices"
	"strings"

	"github.com/schemawatch/schemawatch/internal/schema"
)

// sameCoercion decides, without coercing anything, that one literal coerces
// alike against a type of the old schema and the type of that name in the
// new one. Most defaults of a large API are identical literals of identical
// types ("10", "ASC", "{field: NAME, direction: ASC}"); when the types they
// coerce against did not change either, their coerced values are equal and
// neither side needs parsing or coercing. The answer "no" only means "not
// known": the literal is then coerced on both sides, as it always was.
type sameCoercion struct {
	old, new *schema.Schema
	// state holds what is known of each type asked about, by name; nil
	// until the first question. (A binary search of old.Types for every
	// default took a tenth of a large diff.)
	state map[string]coercionState
	// shift is where the last type was found in new.Types less where it
	// is, or would be, in old.Types.
	shift int
}

type coercionState uint8

const (
	unknown  coercionState = iota
	visiting               // being compared: met again, it is a cycle
	same
	notSame
)

// of reports whether every literal coerces against the type named name in
// the old schema exactly as against the one in the new schema.
func (s *sameCoercion) of(name string) bool {
	if schema.IsStandardScalar(name) {
		return true // a schema that references one holds it as a scalar
	}
	switch s.state[name] {
	case same:
		return true
	case notSame, visiting:
		// A cycle: the defaults of its input fields are computed in the
		// order they are asked for, which may differ from side to side;
		// coerce, as graphql-js would.
		return false
	}
	if s.state == nil {
		s.state = make(map[string]coercionState, len(s.old.Types))
	}
	s.state[name] = visiting
	result := notSame
	if s.types(s.lookup(name)) {
		result = same
	}
	s.state[name] = result
	return result == same
}

// lookup finds the type of that name in each schema. Both lists are
// sorted by name and mostly the same, so a type of the new schema is
// looked for first where the last one was found, relative to the old.
func (s *sameCoercion) lookup(name string) (old, new *schema.Type) {
	i, found := slices.BinarySearchFunc(s.old.Types, name, byName)
	if found {
		old = s.old.Types[i]
	}
	if j := i + s.shift; j >= 0 && j < len(s.new.Types) && s.new.Types[j].Name == name {
		return old, s.new.Types[j]
	}
	j, found := slices.BinarySearchFunc(s.new.Types, name, byName)
	s.shift = j - i
	if found {
		new = s.new.Types[j]
	}
	return old, new
}

func byName(t *schema.Type, name string) int { return strings.Compare(t.Name, name) }

// types compares what coercion reads of a type: its kind, an enum's values,
// an input object's fields (names, types, defaults, and the same of the
// types they hold) and @oneOf. A scalar parses every literal as any other
// scalar of its name does; the other kinds take no literal at all.
func (s *sameCoercion) types(old, new *schema.Type) bool {
	if old == nil || new == nil {
		return old == new // no such type: invalid on both sides
	}
	if old.Kind != new.Kind {
		return false
	}
	switch old.Kind {
	case schema.KindEnum:
		return slices.EqualFunc(old.EnumValues, new.EnumValues, func(a, b *schema.EnumValue) bool { return a.Name == b.Name })
	case schema.KindInputObject:
		return old.IsOneOf == new.IsOneOf && slices.EqualFunc(old.InputFields, new.InputFields, s.inputFields)
	}
	return true
}

// inputFields compares two input fields as coercion reads them.
func (s *sameCoercion) inputFields(a, b *schema.InputValue) bool {
	return a.Name == b.Name && a.Type.Equal(b.Type) && sameText(a.DefaultValue, b.DefaultValue) && s.of(a.Type.NamedType())
}

// sameText reports whether two optional texts are both absent or equal.
func sameText(a, b *string) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}
