package codegen

import (
	"bytes"
	"strconv"
)

// directDecoder is the decoder of an interface or union, as renderAbstract
// renders it, written as go/format prints it: a switch on __typename with
// a case for each member, hundreds in a large schema's interfaces.
type directDecoder struct {
	doc     string
	decoder string
	name    string
	// literal is the GraphQL name as a Go string literal.
	literal string
	members []directMember
	unknown string
}

// directMember is a case of a directDecoder's switch.
type directMember struct {
	literal string // the GraphQL name as a Go string literal
	name    string // the Go type
}

// decoderDoc documents the decoder of an interface or union.
func decoderDoc(a *abstractDecl) doc {
	return doc{wrapText(a.decoder + " decodes the member of " + a.name + " that the JSON's __typename names.")}
}

// directDecoderOf describes a's decoder for writing directly, or returns
// false if it cannot be written exactly (see directStructOf), or has no
// members (go/printer's layout of an empty switch is left to it).
func directDecoderOf(a *abstractDecl, docs *docArena) (*directDecoder, bool) {
	doc, ok := docs.docLines(decoderDoc(a))
	if !ok || len(a.members) == 0 || !isIdentifier(a.decoder) || !isIdentifier(a.name) ||
		!isIdentifier(a.unknown.name) {
		return nil, false
	}
	d := &directDecoder{
		doc: doc, decoder: a.decoder, name: a.name, literal: strconv.Quote(a.graphQLName),
		members: make([]directMember, len(a.members)), unknown: a.unknown.name,
	}
	for i, m := range a.members {
		if !isIdentifier(m.name) {
			return nil, false
		}
		// jennifer's Lit writes a string with %#v: strconv.Quote.
		d.members[i] = directMember{literal: strconv.Quote(m.graphQLName), name: m.name}
	}
	return d, true
}

func (*directDecoder) qualified(func(path, name string)) {}

func (d *directDecoder) size() int {
	n := len(d.doc) + len(d.decoder) + 3*len(d.name) + len(d.literal) + len(d.unknown) + 160
	for i := range d.members {
		n += len(d.members[i].literal) + len(d.members[i].name) + len("\t\tcase :\n\t\t\treturn new()\n")
	}
	return n
}

func (d *directDecoder) write(b *bytes.Buffer, _ map[string]string) {
	writeDoc(b, d.doc, "")
	writeAll(b, "func ", d.decoder, "(data []byte) (", d.name, ", error) {\n",
		"\treturn decodeAbstract(data, ", d.literal, ", func(typename string) ", d.name, " {\n",
		"\t\tswitch typename {\n")
	for i := range d.members {
		writeAll(b, "\t\tcase ", d.members[i].literal, ":\n\t\t\treturn new(", d.members[i].name, ")\n")
	}
	writeAll(b, "\t\t}\n\t\treturn new(", d.unknown, ")\n\t})\n}\n")
}
