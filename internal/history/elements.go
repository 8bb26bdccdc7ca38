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
	var w coordWriter
	w.grow(s)
	for _, t := range s.Types {
		if schema.IsStandardScalar(t.Name) {
			continue
		}
		tc := w.add(noSpan, "", t.Name, "", element{})
		for _, f := range t.Fields {
			fc := w.add(tc, ".", f.Name, "", element{deprecated: f.IsDeprecated, reason: f.DeprecationReason})
			w.args(fc, f.Args)
		}
		for _, f := range t.InputFields {
			w.add(tc, ".", f.Name, "", element{inputValue: true, deprecated: f.IsDeprecated, reason: f.DeprecationReason})
		}
		for _, v := range t.EnumValues {
			w.add(tc, ".", v.Name, "", element{deprecated: v.IsDeprecated, reason: v.DeprecationReason})
		}
	}
	for _, d := range s.Directives {
		dc := w.add(noSpan, "@", d.Name, "", element{})
		w.args(dc, d.Args)
	}
	out := w.elements()
	// Schema order is nearly coordinate order; "(" and ":" sort differently
	// from names, so sort to be sure. A type's members share its name, so
	// coordinates are unique.
	slices.SortFunc(out, func(a, b element) int { return strings.Compare(a.coord, b.coord) })
	return out
}

// span locates a coordinate in coordWriter's text.
type span struct{ from, to int }

var noSpan = span{-1, -1}

// coordWriter writes all the coordinates of a schema into one string, so
// that tens of thousands of them cost one allocation rather than one each.
type coordWriter struct {
	text            strings.Builder
	elems           []element
	coords, parents []span
}

// grow makes room for the elements of s at once.
func (w *coordWriter) grow(s *schema.Schema) {
	n := len(s.Types) + len(s.Directives)
	for _, t := range s.Types {
		n += len(t.Fields) + len(t.InputFields) + len(t.EnumValues)
		for _, f := range t.Fields {
			n += len(f.Args)
		}
	}
	for _, d := range s.Directives {
		n += len(d.Args)
	}
	const bytesPerCoordinate = 40 // an estimate: a shortfall only costs a regrowth
	w.text.Grow(n * bytesPerCoordinate)
	w.elems = make([]element, 0, n)
	w.coords = make([]span, 0, n)
	w.parents = make([]span, 0, n)
}

// add writes the coordinate parent+sep+name+suffix and records e under it.
func (w *coordWriter) add(parent span, sep, name, suffix string, e element) span {
	from := w.text.Len()
	if parent != noSpan {
		// The parent's coordinate is already in the text: copy it.
		w.text.WriteString(w.text.String()[parent.from:parent.to])
	}
	w.text.WriteString(sep)
	w.text.WriteString(name)
	w.text.WriteString(suffix)
	sp := span{from, w.text.Len()}
	w.elems = append(w.elems, e)
	w.coords = append(w.coords, sp)
	w.parents = append(w.parents, parent)
	return sp
}

func (w *coordWriter) args(parent span, args []*schema.InputValue) {
	for _, a := range args {
		w.add(parent, "(", a.Name, ":)", element{inputValue: true, deprecated: a.IsDeprecated, reason: a.DeprecationReason})
	}
}

// elements returns the elements with their coordinates filled in.
func (w *coordWriter) elements() []element {
	text := w.text.String()
	for i := range w.elems {
		w.elems[i].coord = text[w.coords[i].from:w.coords[i].to]
		if p := w.parents[i]; p != noSpan {
			w.elems[i].parent = text[p.from:p.to]
		}
	}
	return w.elems
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
