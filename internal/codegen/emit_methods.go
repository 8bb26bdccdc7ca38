package codegen

import (
	"bytes"
	"unicode/utf8"
)

// directMethods are the interface marker methods and getters of an object
// or unknown member, as renderMethods renders them, written as go/format
// prints them. A marker's empty body stays on the line of its header,
// since the header is short (see maxOneLineHeader), a
// tab cell away: the bodies of a run of markers line up in a column.
type directMethods struct {
	typeName string
	markers  []string
	getters  []directGetter
}

type directGetter struct {
	name    string
	goField string
	typ     *goType
	doc     string
}

// maxOneLineHeader is the longest function header go/printer keeps an
// empty body on the line of: its funcBody allows 100 bytes, and counts the
// header from the column before "func" (where the blank after "func" is
// not yet written when it notes the column).
const maxOneLineHeader = 99

// directMethodsOf describes d's markers and getters for writing directly,
// or returns false if there are none or they cannot be written exactly
// (see directStructOf): a marker's header too long to keep its body on
// its line is left to go/printer.
func directMethodsOf(d *structDecl, docs *docArena) (*directMethods, bool) {
	if len(d.markers)+len(d.getters) == 0 || !isIdentifier(d.name) {
		return nil, false
	}
	m := &directMethods{typeName: d.name, markers: d.markers, getters: make([]directGetter, len(d.getters))}
	for _, marker := range d.markers {
		if !isIdentifier(marker) || len(markerHeaderStart)+len(d.name)+len(") ()")+len(marker) > maxOneLineHeader {
			return nil, false
		}
	}
	for i, g := range d.getters {
		lines, ok := docs.docLines(getterDoc(g))
		if !ok || !isIdentifier(g.name) || !isIdentifier(g.goField) || !directType(g.typ) {
			return nil, false
		}
		m.getters[i] = directGetter{name: g.name, goField: g.goField, typ: g.typ, doc: lines}
	}
	return m, true
}

// markerHeaderStart starts a marker method's header.
const markerHeaderStart = "func (*"

func (m *directMethods) qualified(add func(path, name string)) {
	for i := range m.getters {
		if path := typeImportPath(m.getters[i].typ); path != "" {
			add(path, namedType(m.getters[i].typ).name)
		}
	}
}

func (m *directMethods) size() int {
	n := 0
	for _, marker := range m.markers {
		n += len(markerHeaderStart) + len(m.typeName) + 2*len(marker) + len(") () {}\n")
	}
	for i := range m.getters {
		g := &m.getters[i]
		n += len(g.doc) + len(m.typeName) + len(g.name) + typeLen(g.typ, nil) + qualifiedSize + len(g.goField) +
			len("\n\nfunc (v *) ()  {\n\treturn v.\n}\n")
	}
	return n
}

func (m *directMethods) write(b *bytes.Buffer, packages map[string]string) {
	width := 0
	for _, marker := range m.markers {
		width = max(width, utf8.RuneCountInString(marker))
	}
	for _, marker := range m.markers {
		writeAll(b, markerHeaderStart, m.typeName, ") ", marker, "()")
		pad(b, width+1-utf8.RuneCountInString(marker))
		b.WriteString("{}\n")
	}
	for i := range m.getters {
		g := &m.getters[i]
		if i > 0 || len(m.markers) > 0 {
			b.WriteByte('\n')
		}
		writeDoc(b, g.doc, "")
		writeAll(b, "func (v *", m.typeName, ") ", g.name, "() ")
		writeType(b, g.typ, packages)
		writeAll(b, " {\n\treturn v.", g.goField, "\n}\n")
	}
}
