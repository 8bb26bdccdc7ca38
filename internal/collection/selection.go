package collection

import (
	"bytes"
	"maps"
	"slices"
	"strings"

	"github.com/schemawatch/schemawatch/internal/schema"
)

// selector builds selection sets that are useful and always valid:
//
//   - every scalar and enum field of the returned type, and its object
//     fields down to depth levels (a Relay connection's edges and node are
//     not levels of their own);
//   - __typename and an inline fragment per possible type for interfaces
//     and unions, with aliases where two possible types have a field of the
//     same name and different types (they could not be merged otherwise);
//     an abstract type with more than maxFragments possible types (the
//     node(id:) pattern: hundreds of types implement Node) gets __typename
//     and the interface's own fields only, which a user extends by hand;
//   - no deprecated field, no field with a required argument (a nested
//     field has no variables to give it), and no object already on the path
//     from the root, which cuts cycles.
type selector struct {
	s     *schema.Schema
	depth int
	// connections and edges name the Relay connection and edge types.
	connections, edges map[string]bool
	// aliases caches aliasesOf by abstract type.
	aliases map[string]map[fieldOf]string
	// implementations are the objects that implement each interface,
	// sorted: looking them up in the schema scans every type.
	implementations map[string][]string
	// texts caches rootSelectionText by type; scratch is where it writes
	// them.
	texts   map[string]string
	scratch []byte
	// path names the object types from the root field's type to the one
	// being selected from, which are not selected again: that cuts cycles.
	path []string
	// candidates caches candidatesOf.
	candidates map[candidatesKey]*candidates
	// types are the schema's types by name: a map finds one faster than
	// the schema's binary search, and selecting looks up every field's.
	types map[string]*schema.Type
}

// fieldOf names a field of a type.
type fieldOf struct{ typ, field string }

func newSelector(s *schema.Schema, depth int) *selector {
	b := &selector{
		s: s, depth: depth, connections: map[string]bool{}, edges: map[string]bool{},
		aliases: map[string]map[fieldOf]string{}, implementations: map[string][]string{}, texts: map[string]string{},
		types: make(map[string]*schema.Type, len(s.Types)), candidates: map[candidatesKey]*candidates{},
	}
	for _, t := range s.Types {
		b.types[t.Name] = t
		if edge := relayEdge(s, t); edge != "" {
			b.connections[t.Name] = true
			b.edges[edge] = true
		}
		if t.Kind == schema.KindObject {
			for _, iface := range t.Interfaces {
				if impl := b.implementations[iface]; len(impl) == 0 || impl[len(impl)-1] != t.Name {
					b.implementations[iface] = append(impl, t.Name)
				}
			}
		}
	}
	return b
}

// relayEdge returns the edge type of a Relay connection type, or "" when t
// is not one: an object named …Connection whose edges field lists objects
// with a node field.
func relayEdge(s *schema.Schema, t *schema.Type) string {
	if t.Kind != schema.KindObject || !strings.HasSuffix(t.Name, "Connection") {
		return ""
	}
	edges := t.Field("edges")
	if edges == nil || edges.Type.NamedType() == t.Name {
		return ""
	}
	edge := s.Type(edges.Type.NamedType())
	if edge == nil || edge.Kind != schema.KindObject || edge.Field("node") == nil {
		return ""
	}
	return edge.Name
}

// maxFragments is how many possible types of an interface or union a
// selection spells out in inline fragments. Past it a request grows by
// thousands of lines, past what graphql-js's validation accepts, and past
// what anyone reads.
const maxFragments = 12

// maxSelectionLines bounds the selection set of one request: a root field
// whose selection at the configured depth is longer is selected one level
// shallower, down to its own fields, so that every request stays readable.
const maxSelectionLines = 250

// rootSelectionText is the selection set of a root field as
// operationText writes it, "" for a scalar or enum; computed once per
// type, since many root fields return the same type.
func (b *selector) rootSelectionText(f *schema.Field) string {
	name := f.Type.NamedType()
	text, ok := b.texts[name]
	if !ok {
		b.scratch = b.rootSelection(b.scratch[:0], b.types[name])
		text = string(b.scratch)
		b.texts[name] = text
	}
	return text
}

// rootSelection appends the selection set of a root field that returns t,
// as text: " {", a line per selection indented below the field, and "}";
// nothing for a scalar or enum. It is never empty for an object: with nothing
// else to select, it selects __typename.
//
// It is written as it is selected, rather than built as a tree and then
// printed: a selection that turns out to select nothing is taken back.
func (b *selector) rootSelection(out []byte, t *schema.Type) []byte {
	if isLeaf(t) {
		return out
	}
	const indent = "  "
	start := len(out)
	for depth := b.depth; depth >= 0; depth-- {
		shallower := *b
		shallower.depth = depth
		shallower.path = append(b.path[:0], t.Name)
		if out = shallower.selectionSet(out[:start], t, 0, indent); lines(out[start:]) <= maxSelectionLines {
			break
		}
	}
	if len(out) == start {
		out = append(out, " {\n"+indent+"  __typename\n"+indent+"}"...)
	}
	return out
}

// lines counts the lines a selection set prints as, its braces included
// but the first, which ends the line of the field.
func lines(text []byte) int { return max(0, bytes.Count(text, []byte{'\n'})-1) }

func isLeaf(t *schema.Type) bool { return t.Kind == schema.KindScalar || t.Kind == schema.KindEnum }

// selectionSet appends to out the selection set of t, whose fields are
// level levels below the root field's type, indented below indent; nothing
// when it selects nothing. b.path names the object types from the root
// field's type to t.
func (b *selector) selectionSet(out []byte, t *schema.Type, level int, indent string) []byte {
	start := len(out)
	out = append(out, " {"...)
	inner := deeper(indent)
	if t.Kind == schema.KindObject {
		if out = b.fields(out, t, b.candidatesOf("", t), level, inner, nil); len(out) == start+len(" {") {
			return out[:start]
		}
		return append(append(append(out, '\n'), indent...), '}')
	}
	// An interface or a union: the concrete type, the interface's own
	// fields, and each possible type's other fields in a fragment.
	out = append(append(append(out, '\n'), inner...), "__typename"...)
	out = b.fields(out, t, b.candidatesOf("", t), level, inner, nil)
	if possible := b.possibleTypes(t); len(possible) <= maxFragments {
		aliases := b.aliasesOf(t)
		for _, name := range possible {
			fragment := len(out)
			out = append(append(append(append(out, '\n'), inner...), "... on "...), name...)
			b.path = append(b.path, name)
			set := len(out)
			out = append(out, " {"...)
			if out = b.fields(out, b.types[name], b.candidatesOf(t.Name, b.types[name]), level, deeper(inner), aliases); len(out) == set+len(" {") {
				out = out[:fragment]
			} else {
				out = append(append(append(out, '\n'), inner...), '}')
			}
			b.path = b.path[:len(b.path)-1]
		}
	}
	return append(append(append(out, '\n'), indent...), '}')
}

// candidates are the fields a selection from a type may hold, as fields
// writes them: scalars and enums, then objects with their types.
type candidates struct {
	leaves  []*schema.Field
	objects []objectField
}

// candidatesKey names a type, or a fragment on a type within an abstract
// one.
type candidatesKey struct{ within, typ string }

type objectField struct {
	*schema.Field
	typ *schema.Type
}

// candidatesOf returns, once per type, the candidates among t's fields:
// all of them, or in a fragment on t within the abstract type named
// within, those that are not within's own.
func (b *selector) candidatesOf(within string, t *schema.Type) *candidates {
	key := candidatesKey{within, t.Name}
	if c, ok := b.candidates[key]; ok {
		return c
	}
	var abstract *schema.Type
	if within != "" {
		abstract = b.types[within]
	}
	c := &candidates{}
	for _, f := range t.Fields {
		if !selectable(f) || (abstract != nil && abstract.Field(f.Name) != nil) {
			continue
		}
		if ft := b.types[f.Type.NamedType()]; isLeaf(ft) {
			c.leaves = append(c.leaves, f)
		} else {
			c.objects = append(c.objects, objectField{f, ft})
		}
	}
	b.candidates[key] = c
	return c
}

// fields appends a line, at indent, for each of the candidate fields of
// parent that it selects: scalars and enums first, then objects, each in
// field order.
func (b *selector) fields(out []byte, parent *schema.Type, c *candidates, level int, indent string, aliases map[fieldOf]string) []byte {
	for _, f := range c.leaves {
		out = b.field(out, parent, f, indent, aliases)
	}
	for _, f := range c.objects {
		next := level
		if !b.plumbing(parent, f.Field) {
			next++
		}
		if next > b.depth || slices.Contains(b.path, f.typ.Name) {
			continue
		}
		line := len(out)
		out = b.field(out, parent, f.Field, indent, aliases)
		b.path = append(b.path, f.typ.Name)
		children := len(out)
		if out = b.selectionSet(out, f.typ, next, indent); len(out) == children {
			out = out[:line]
		}
		b.path = b.path[:len(b.path)-1]
	}
	return out
}

// deeper is indent and two spaces more.
func deeper(indent string) string {
	if len(indent)+2 <= len(spaces) {
		return spaces[:len(indent)+2]
	}
	return indent + "  "
}

// spaces are the indentation of selections, as deep as they go.
const spaces = "                                                                "

// field appends the line of a field: its name, or alias: name.
func (b *selector) field(out []byte, parent *schema.Type, f *schema.Field, indent string, aliases map[fieldOf]string) []byte {
	out = append(append(out, '\n'), indent...)
	if alias := aliases[fieldOf{parent.Name, f.Name}]; alias != "" {
		out = append(append(out, alias...), ": "...)
	}
	return append(out, f.Name...)
}

// selectable reports whether a nested selection may hold the field: it is
// not deprecated and needs no argument.
func selectable(f *schema.Field) bool {
	return !f.IsDeprecated && !slices.ContainsFunc(f.Args, required)
}

// plumbing reports whether f is a connection's edges or an edge's node,
// which do not count as levels: they are the way to the objects listed.
func (b *selector) plumbing(parent *schema.Type, f *schema.Field) bool {
	return (f.Name == "edges" && b.connections[parent.Name]) || (f.Name == "node" && b.edges[parent.Name])
}

// possibleTypes returns the object types an abstract type may be, sorted.
func (b *selector) possibleTypes(t *schema.Type) []string {
	if t.Kind == schema.KindUnion {
		return t.PossibleTypes
	}
	return b.implementations[t.Name]
}

// aliasesOf decides, once per interface or union, which fields its
// fragments alias. Fragments on different types may select fields of the
// same name only when they have the same type (GraphQL's "fields can be
// merged" rule): where they do not, the type most of them share keeps the
// name and the others are aliased as <type><Field>, such as
// customDomainStatus. The choice depends on the schema only, never on the
// path, so that every selection of the type aliases alike and selections
// reached by different paths still merge.
func (b *selector) aliasesOf(t *schema.Type) map[fieldOf]string {
	if a, ok := b.aliases[t.Name]; ok {
		return a
	}
	type use struct{ typ, ref string }
	uses := map[string][]use{} // by field name
	taken := map[string]bool{}
	for _, f := range t.Fields {
		taken[f.Name] = true
	}
	for _, name := range b.possibleTypes(t) {
		for _, f := range b.types[name].Fields {
			taken[f.Name] = true
			if t.Field(f.Name) == nil && selectable(f) {
				uses[f.Name] = append(uses[f.Name], use{name, f.Type.String()})
			}
		}
	}
	aliases := map[fieldOf]string{}
	for _, field := range slices.Sorted(maps.Keys(uses)) {
		count := map[string]int{}
		for _, u := range uses[field] {
			count[u.ref]++
		}
		if len(count) < 2 {
			continue
		}
		// The most common type keeps the name; on a tie, the first type's.
		keep := uses[field][0].ref
		for _, u := range uses[field] {
			if count[u.ref] > count[keep] {
				keep = u.ref
			}
		}
		for _, u := range uses[field] {
			if u.ref == keep {
				continue
			}
			alias := lowerFirst(u.typ) + upperFirst(field)
			for taken[alias] {
				alias += "_"
			}
			taken[alias] = true
			aliases[fieldOf{u.typ, field}] = alias
		}
	}
	b.aliases[t.Name] = aliases
	return aliases
}
