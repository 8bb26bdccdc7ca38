package codegen

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"
)

// directStruct is a struct declaration as renderStruct renders it,
// written as go/format prints that: go/printer aligns the fields' names
// and types in columns (text/tabwriter cells, one column of spaces past
// the widest), in sections that blank lines and comment lines end; and a
// struct of one field it does not align at all.
type directStruct struct {
	name   string
	doc    string
	fields []directField
	bytes  int // see size
}

// directField is a field of a directStruct.
type directField struct {
	name string
	typ  *goType
	// tag and tagOption are the field's json tag value, such as "id" and
	// ",omitzero".
	tag, tagOption string
	doc            string
	// blankBefore is set on a field with a doc comment but the first:
	// renderStruct sets it off with a blank line.
	blankBefore bool
}

// rawField is the Raw field of an unknown member, which renderStruct adds
// after the schema's.
var rawField = directField{
	name:        "Raw",
	typ:         &goType{name: "RawMessage", importPath: "encoding/json"},
	tag:         "-",
	doc:         "// Raw is the object as the server sent it.",
	blankBefore: true,
}

// directStructOf describes d for writing directly, or returns false if
// it cannot be written exactly: a doc comment go/printer would drop or
// move (see docLines), an identifier that is not one (jennifer's rendering
// would not format, and the error is the jennifer way's to report), or no
// fields at all (go/printer writes "struct{}").
func directStructOf(d *structDecl, docs *docArena) (*directStruct, bool) {
	doc, ok := docs.docLines(d.doc)
	if !ok || !isIdentifier(d.name) {
		return nil, false
	}
	s := &directStruct{name: d.name, doc: doc, fields: make([]directField, 0, len(d.fields)+2)}
	if d.typename != nil && !s.addField(d, d.typename, docs) {
		return nil, false
	}
	for _, fd := range d.fields {
		if !s.addField(d, fd, docs) {
			return nil, false
		}
	}
	if d.unknownOf != nil {
		s.fields = append(s.fields, rawField)
	}
	s.bytes = s.measure()
	return s, len(s.fields) > 0
}

// addField adds fd, a field of d, or returns false if it cannot be
// written exactly.
func (s *directStruct) addField(d *structDecl, fd *fieldDecl, docs *docArena) bool {
	lines, ok := docs.docLines(fd.doc)
	if !ok || !isIdentifier(fd.name) || !directType(fd.typ) {
		return false
	}
	s.fields = append(s.fields, directField{
		name: fd.name, typ: fd.typ, tag: fd.jsonName, tagOption: fd.jsonTagOption(d), doc: lines,
		blankBefore: len(s.fields) > 0 && len(fd.doc) > 0,
	})
	return true
}

func (s *directStruct) size() int { return s.bytes }

// measure is about what write writes: every field padded to the widest
// name and type of the struct, which is as wide as any section's.
func (s *directStruct) measure() int {
	nameWidth, typeWidth := 0, 0
	for i := range s.fields {
		nameWidth = max(nameWidth, len(s.fields[i].name))
		typeWidth = max(typeWidth, typeLen(s.fields[i].typ, nil))
	}
	n := len(s.doc) + len(s.name) + len("\ntype  struct {\n}\n")
	for i := range s.fields {
		f := &s.fields[i]
		n += len(f.doc) + 2*strings.Count(f.doc, "\n") + nameWidth + typeWidth + len(f.tag) + len(f.tagOption) + len("\n\t\t  `json:\"\"`\n")
		if typeImportPath(f.typ) != "" {
			n += qualifiedSize
		}
	}
	return n
}

// typeImportPath is the import path of t's named type, empty for the
// package's own types and predeclared ones.
func typeImportPath(t *goType) string { return namedType(t).importPath }

// directType reports whether every name in t is an identifier.
func directType(t *goType) bool { return isIdentifier(namedType(t).name) }

// namedType is the named type at the core of t.
func namedType(t *goType) *goType {
	for ; t.kind != goNamed; t = t.elem {
	}
	return t
}

func (s *directStruct) qualified(add func(path, name string)) {
	for i := range s.fields {
		if path := typeImportPath(s.fields[i].typ); path != "" {
			add(path, namedType(s.fields[i].typ).name)
		}
	}
}

func (s *directStruct) write(b *bytes.Buffer, packages map[string]string) {
	writeDoc(b, s.doc, "")
	b.WriteString("type ")
	b.WriteString(s.name)
	b.WriteString(" struct {\n")
	if len(s.fields) == 1 {
		f := &s.fields[0]
		writeDoc(b, f.doc, "\t")
		b.WriteByte('\t')
		b.WriteString(f.name)
		b.WriteByte(' ')
		writeType(b, f.typ, packages)
		b.WriteByte(' ')
		writeTag(b, f.tag, f.tagOption)
		b.WriteByte('\n')
	}
	for start := 0; start < len(s.fields) && len(s.fields) > 1; {
		end := start + 1
		for end < len(s.fields) && !s.fields[end].startsSection() {
			end++
		}
		s.writeSection(b, s.fields[start:end], packages)
		start = end
	}
	b.WriteString("}\n")
}

// startsSection reports whether the field ends the tabwriter section
// before it: a blank line or a comment line does.
func (f *directField) startsSection() bool { return f.blankBefore || f.doc != "" }

// writeSection writes fields whose names and types go/printer aligns.
func (s *directStruct) writeSection(b *bytes.Buffer, fields []directField, packages map[string]string) {
	nameWidth, typeWidth := 0, 0
	for i := range fields {
		nameWidth = max(nameWidth, utf8.RuneCountInString(fields[i].name))
		typeWidth = max(typeWidth, typeLen(fields[i].typ, packages))
	}
	for i := range fields {
		f := &fields[i]
		if f.blankBefore {
			b.WriteByte('\n')
		}
		writeDoc(b, f.doc, "\t")
		b.WriteByte('\t')
		b.WriteString(f.name)
		pad(b, nameWidth+1-utf8.RuneCountInString(f.name))
		writeType(b, f.typ, packages)
		pad(b, typeWidth+1-typeLen(f.typ, packages))
		writeTag(b, f.tag, f.tagOption)
		b.WriteByte('\n')
	}
}

func pad(b *bytes.Buffer, n int) {
	for ; n > 0; n-- {
		b.WriteByte(' ')
	}
}

// writeType writes t as jennifer's addType renders it.
func writeType(b *bytes.Buffer, t *goType, packages map[string]string) {
	for ; ; t = t.elem {
		switch t.kind {
		case goPointer:
			b.WriteByte('*')
		case goSlice:
			b.WriteString("[]")
		case goOptional:
			b.WriteString("Optional[")
			writeType(b, t.elem, packages)
			b.WriteByte(']')
			return
		default:
			if t.importPath != "" {
				b.WriteString(packages[t.importPath])
				b.WriteByte('.')
			}
			b.WriteString(t.name)
			return
		}
	}
}

// typeLen is the width of t as writeType writes it, in runes, as
// text/tabwriter counts.
func typeLen(t *goType, packages map[string]string) int {
	n := 0
	for ; ; t = t.elem {
		switch t.kind {
		case goPointer:
			n++
		case goSlice:
			n += 2
		case goOptional:
			return n + len("Optional[]") + typeLen(t.elem, packages)
		default:
			if t.importPath != "" {
				n += utf8.RuneCountInString(packages[t.importPath]) + 1
			}
			return n + utf8.RuneCountInString(t.name)
		}
	}
}

// writeTag writes the struct tag json:"value", the value being name and
// option, as jennifer's Tag renders it: in backquotes, or quoted when it
// cannot be.
func writeTag(b *bytes.Buffer, name, option string) {
	if plainTag(name) && plainTag(option) {
		b.WriteString("`json:\"")
		b.WriteString(name)
		b.WriteString(option)
		b.WriteString("\"`")
		return
	}
	tag := "json:" + strconv.Quote(name+option)
	if strconv.CanBackquote(tag) {
		tag = "`" + tag + "`"
	} else {
		tag = strconv.Quote(tag)
	}
	b.WriteString(tag)
}

// plainTag reports whether value is quoted as it is: the common case of
// a GraphQL name and an option.
func plainTag(value string) bool {
	for i := 0; i < len(value); i++ {
		c := value[i]
		if !(isLower(c) || isUpper(c) || '0' <= c && c <= '9' || c == '_' || c == ',' || c == '-') {
			return false
		}
	}
	return true
}
