package schema

import (
	"fmt"
	"strings"

	"github.com/go-json-experiment/json/jsontext"
)

// MarshalIntrospection returns the canonical introspection result of s:
// {"data":{"__schema":…}}, two-space indented, keys in graphql-js order,
// types and members sorted, optional properties present exactly when the
// schema carries them. The specified directives are written with their
// standard definitions, so that tools which build a schema from the file
// (graphql-js buildClientSchema) still know @skip and @include.
//
// It writes the bytes straight from the model: marshalling through the
// wire structs cost a quarter of a whole watch cycle on a large schema
// (every snapshot is rendered once and compared once). The output is
// byte for byte what json.Marshal of those structs with two-space indent
// writes; TestMarshalIntrospectionMatchesWireEncoding holds it to that.
func (s *Schema) MarshalIntrospection() []byte {
	w := introspectionWriter{
		caps:    s.Capabilities,
		types:   make(map[string]typeIndex, len(s.Types)),
		impls:   map[string][]string{},
		written: map[uint64]span{},
	}
	for i, t := range s.Types {
		w.types[t.Name] = typeIndex{kind: t.Kind, index: uint32(i)}
		if t.Kind == KindObject {
			for _, iface := range t.Interfaces {
				if impls := w.impls[iface]; len(impls) == 0 || impls[len(impls)-1] != t.Name {
					w.impls[iface] = append(impls, t.Name)
				}
			}
		}
	}
	w.buf = make([]byte, 0, w.sizeHint(s))
	w.schema(s)
	return append(w.buf, '\n')
}

// introspectionWriter appends indented JSON to buf. It needs to know of
// its open containers only how deep they nest and whether the innermost
// has a member yet: a container that closes is a member of the one around
// it, which so has one. Keys are constants of this file, written without
// escaping.
type introspectionWriter struct {
	buf   []byte
	depth int  // open containers
	empty bool // the innermost has no member yet
	caps  Capabilities
	types map[string]typeIndex
	impls map[string][]string // interface → implementing objects, in type order
	// written holds where each type reference was first written, by
	// refKey: the same reference at the same depth is the same text.
	written map[uint64]span
}

// sizeHint guesses the output size from the number of fields and values,
// so that the buffer grows once or twice rather than twenty times.
func (w *introspectionWriter) sizeHint(s *Schema) int {
	n := 4096
	for _, t := range s.Types {
		n += 288 + 576*(len(t.Fields)+len(t.InputFields)) + 180*len(t.EnumValues)
		for _, f := range t.Fields {
			n += 432 * len(f.Args)
		}
	}
	return min(n, MaxSourceBytes)
}

// commaNewlineIndent holds what goes between two members: a comma, a
// newline and the next line's indentation, appended as one slice of it (an
// answer nests about 20 levels deep; deeper lines take more appends).
var commaNewlineIndent = ",\n" + strings.Repeat(" ", 64)

// newline starts a line, after a comma when comma is set.
func (w *introspectionWriter) newline(comma bool) {
	from := 1
	if comma {
		from = 0
	}
	n := 2 * w.depth
	if n <= len(commaNewlineIndent)-2 {
		w.buf = append(w.buf, commaNewlineIndent[from:2+n]...)
		return
	}
	w.buf = append(w.buf, commaNewlineIndent[from:2]...)
	for n > 0 {
		k := min(n, len(commaNewlineIndent)-2)
		w.buf = append(w.buf, commaNewlineIndent[2:2+k]...)
		n -= k
	}
}

// next starts a member of the innermost container.
func (w *introspectionWriter) next() {
	w.newline(!w.empty)
	w.empty = false
}

func (w *introspectionWriter) begin(c byte) {
	w.buf = append(w.buf, c)
	w.depth++
	w.empty = true
}

func (w *introspectionWriter) end(c byte) {
	w.depth--
	if !w.empty {
		w.newline(false)
	}
	w.buf = append(w.buf, c)
	w.empty = false
}

// key starts an object member. k is a constant key written as it goes
// out, quoted and followed by the colon and space (`"name": `), so that it
// is one copy.
func (w *introspectionWriter) key(k string) {
	w.next()
	w.buf = append(w.buf, k...)
}

func (w *introspectionWriter) str(v string) {
	if plainJSON(v) {
		w.buf = append(w.buf, '"')
		w.buf = append(w.buf, v...)
		w.buf = append(w.buf, '"')
		return
	}
	var err error
	if w.buf, err = jsontext.AppendQuote(w.buf, v); err != nil {
		// json.Marshal failed the same way on invalid UTF-8, which no
		// loader lets into the model.
		panic(fmt.Sprintf("schema: marshal introspection: %v", err))
	}
}

// plainJSON reports whether v is its own JSON string body: printable ASCII
// without a quote or a backslash (names always are; most descriptions). It
// looks at eight bytes at a time: descriptions are most of the text of a
// schema, and a byte at a time this was a tenth of writing its JSON.
// FuzzPlainJSON holds it to the byte-at-a-time test.
func plainJSON(v string) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	// hasZero is non-zero when a byte of x is zero (in the high bit of the
	// first such byte at least; the bytes above it may be wrong).
	hasZero := func(x uint64) uint64 { return (x - ones) & ^x & highs }
	for ; len(v) >= 8; v = v[8:] {
		x := uint64(v[0]) | uint64(v[1])<<8 | uint64(v[2])<<16 | uint64(v[3])<<24 |
			uint64(v[4])<<32 | uint64(v[5])<<40 | uint64(v[6])<<48 | uint64(v[7])<<56
		// A byte of 0x80 or above, below 0x20, or 0x7f, '"' or '\\'.
		if x&highs|(x-0x20*ones)&^x&highs|hasZero(x^0x7f*ones)|hasZero(x^'"'*ones)|hasZero(x^'\\'*ones) != 0 {
			return false
		}
	}
	for i := 0; i < len(v); i++ {
		if c := v[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}

func (w *introspectionWriter) optStr(v *string) {
	if v == nil {
		w.buf = append(w.buf, "null"...)
		return
	}
	w.str(*v)
}

func (w *introspectionWriter) boolean(v bool) {
	if v {
		w.buf = append(w.buf, "true"...)
	} else {
		w.buf = append(w.buf, "false"...)
	}
}

// strField writes a member, "k": "v" (k as key takes it).
func (w *introspectionWriter) strField(k, v string) {
	w.key(k)
	w.str(v)
}

func (w *introspectionWriter) rootName(k, name string) {
	w.key(k)
	if name == "" {
		w.buf = append(w.buf, "null"...)
		return
	}
	w.begin('{')
	w.strField(`"name": `, name)
	w.end('}')
}

func (w *introspectionWriter) schema(s *Schema) {
	w.begin('{')
	w.key(`"data": `)
	w.begin('{')
	w.key(`"__schema": `)
	w.begin('{')
	w.rootName(`"queryType": `, s.QueryType)
	w.rootName(`"mutationType": `, s.MutationType)
	w.rootName(`"subscriptionType": `, s.SubscriptionType)
	w.key(`"types": `)
	w.begin('[')
	for _, t := range s.Types {
		w.next()
		w.namedType(t)
	}
	w.end(']')
	w.key(`"directives": `)
	all := append(specifiedDirectives(w.caps), s.Directives...)
	sortByName(all, func(d *Directive) string { return d.Name })
	w.begin('[')
	for _, d := range all {
		w.next()
		w.directive(d)
	}
	w.end(']')
	w.end('}')
	w.end('}')
	w.end('}')
}

func (w *introspectionWriter) directive(d *Directive) {
	w.begin('{')
	w.strField(`"name": `, d.Name)
	w.description(d.Description)
	if w.caps.DirectiveIsRepeatable {
		w.key(`"isRepeatable": `)
		w.boolean(d.IsRepeatable)
	}
	w.key(`"locations": `)
	w.begin('[')
	for _, l := range d.Locations {
		w.next()
		w.str(l)
	}
	w.end(']')
	w.key(`"args": `)
	w.inputValues(d.Args)
	w.end('}')
}

func (w *introspectionWriter) description(d *string) {
	if w.caps.Descriptions {
		w.key(`"description": `)
		w.optStr(d)
	}
}

func (w *introspectionWriter) namedType(t *Type) {
	w.begin('{')
	w.strField(`"kind": `, string(t.Kind))
	w.strField(`"name": `, t.Name)
	w.description(t.Description)
	if w.caps.SpecifiedByURL {
		w.key(`"specifiedByURL": `)
		w.optStr(t.SpecifiedByURL)
	}
	if w.caps.InputObjectIsOneOf {
		// graphql-js answers isOneOf with null for every kind but input objects.
		w.key(`"isOneOf": `)
		if t.Kind == KindInputObject {
			w.boolean(t.IsOneOf)
		} else {
			w.buf = append(w.buf, "null"...)
		}
	}
	object := t.Kind == KindObject || t.Kind == KindInterface
	w.key(`"fields": `)
	if object {
		w.begin('[')
		for _, f := range t.Fields {
			w.next()
			w.field(f)
		}
		w.end(']')
	} else {
		w.buf = append(w.buf, "null"...)
	}
	w.key(`"inputFields": `)
	if t.Kind == KindInputObject {
		w.inputValues(t.InputFields)
	} else {
		w.buf = append(w.buf, "null"...)
	}
	w.key(`"interfaces": `)
	if object {
		w.refs(t.Interfaces)
	} else {
		w.buf = append(w.buf, "null"...)
	}
	w.key(`"enumValues": `)
	if t.Kind == KindEnum {
		w.begin('[')
		for _, v := range t.EnumValues {
			w.next()
			w.begin('{')
			w.strField(`"name": `, v.Name)
			w.description(v.Description)
			w.deprecation(v.IsDeprecated, v.DeprecationReason)
			w.end('}')
		}
		w.end(']')
	} else {
		w.buf = append(w.buf, "null"...)
	}
	w.key(`"possibleTypes": `)
	switch t.Kind {
	case KindInterface:
		w.refs(w.impls[t.Name])
	case KindUnion:
		w.refs(t.PossibleTypes)
	default:
		w.buf = append(w.buf, "null"...)
	}
	w.end('}')
}

func (w *introspectionWriter) deprecation(is bool, reason *string) {
	w.key(`"isDeprecated": `)
	w.boolean(is)
	w.key(`"deprecationReason": `)
	w.optStr(reason)
}

func (w *introspectionWriter) field(f *Field) {
	w.begin('{')
	w.strField(`"name": `, f.Name)
	w.description(f.Description)
	w.key(`"args": `)
	w.inputValues(f.Args)
	w.key(`"type": `)
	w.typeRef(f.Type)
	w.deprecation(f.IsDeprecated, f.DeprecationReason)
	w.end('}')
}

func (w *introspectionWriter) inputValues(list []*InputValue) {
	w.begin('[')
	for _, v := range list {
		w.next()
		w.begin('{')
		w.strField(`"name": `, v.Name)
		w.description(v.Description)
		w.key(`"type": `)
		w.typeRef(v.Type)
		w.key(`"defaultValue": `)
		w.optStr(v.DefaultValue)
		if w.caps.InputValueDeprecation {
			w.deprecation(v.IsDeprecated, v.DeprecationReason)
		}
		w.end('}')
	}
	w.end(']')
}

func (w *introspectionWriter) refs(names []string) {
	w.begin('[')
	for _, n := range names {
		w.next()
		w.namedRef(n)
	}
	w.end(']')
}
