package history

import (
	"slices"
	"strings"

	"github.com/schemawatch/schemawatch/internal/schema"
)

// element is one thing of a schema that can be removed, named by its schema
// coordinate (https://spec.graphql.org/draft/#sec-Schema-Coordinates): a
// type `T`, a field or input field `T.f`, an enum value `E.V`, an argument
// `T.f(a:)`, a directive `@d` or a directive argument `@d(a:)`.
type element struct {
	coord string
	// parent is the coordinate of the element holding this one ("" for
	// types and directives): a removal inside a removal made in the same
	// version is not listed twice.
	parent string
	// inputValue marks arguments and input fields, whose deprecation an
	// introspection result may not carry (schema.Capabilities).
	inputValue bool
	deprecated bool
	reason     *string
}

// elements lists every element of s sorted by coordinate. Built-in types
// and directives are left out: the model holds no introspection types and
// no specified directives, and the standard scalars are skipped here.
func elements(s *schema.Schema) []element {
	out := make([]element, 0, 4*len(s.Types))
	for _, t := range s.Types {
		if schema.IsStandardScalar(t.Name) {
			continue
		}
		out = append(out, element{coord: t.Name})
		for _, f := range t.Fields {
			fc := t.Name + "." + f.Name
			out = append(out, element{coord: fc, parent: t.Name, deprecated: f.IsDeprecated, reason: f.DeprecationReason})
			out = appendArgs(out, fc, f.Args)
		}
		for _, f := range t.InputFields {
			out = append(out, element{coord: t.Name + "." + f.Name, parent: t.Name, inputValue: true, deprecated: f.IsDeprecated, reason: f.DeprecationReason})
		}
		for _, v := range t.EnumValues {
			out = append(out, element{coord: t.Name + "." + v.Name, parent: t.Name, deprecated: v.IsDeprecated, reason: v.DeprecationReason})
		}
	}
	for _, d := range s.Directives {
		dc := "@" + d.Name
		out = append(out, element{coord: dc})
		out = appendArgs(out, dc, d.Args)
	}
	// Schema order is nearly coordinate order; "(" and ":" sort differently
	// from names, so sort to be sure. A type's members share its name, so
	// coordinates are unique.
	slices.SortFunc(out, func(a, b element) int { return strings.Compare(a.coord, b.coord) })
	return out
}

func appendArgs(out []element, parent string, args []*schema.InputValue) []element {
	for _, a := range args {
		out = append(out, element{coord: parent + "(" + a.Name + ":)", parent: parent, inputValue: true, deprecated: a.IsDeprecated, reason: a.DeprecationReason})
	}
	return out
}

// size is what the timeline draws of a version: its named types (standard
// scalars left out) and the fields of its object and interface types.
func size(s *schema.Schema) (types, fields int) {
	for _, t := range s.Types {
		if schema.IsStandardScalar(t.Name) {
			continue
		}
		types++
		fields += len(t.Fields)
	}
	return types, fields
}
