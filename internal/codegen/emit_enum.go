package codegen

import (
	"bytes"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// directEnum is an enum's declarations as renderEnums renders them — the
// string type, the const block, All<Enum> and IsValid — written as
// go/format prints them. In the const block go/printer aligns the
// constants' names and types in columns, in sections that comment lines
// end (every type is the enum's, so the type column is the type and a
// space); a block of one constant it does not align.
type directEnum struct {
	name     string
	doc      string
	all      string
	allDoc   string
	values   []directEnumValue
	validDoc string
}

type directEnumValue struct {
	name string
	// literal is the value as a Go string literal.
	literal string
	doc     string
}

// isValidDoc is the doc comment of every IsValid method.
var isValidDoc = sync.OnceValues(func() (string, bool) {
	return new(docArena).docLines(doc{wrapText(isValidText)})
})

// directEnumOf describes e for writing directly, or returns false if it
// cannot be written exactly (see directStructOf), or has no values
// (jennifer would write "case :", which does not format).
func directEnumOf(e *enumDecl, docs *docArena) (*directEnum, bool) {
	d := &directEnum{name: e.name, all: e.all, values: make([]directEnumValue, len(e.values))}
	var ok, allOK, validOK bool
	d.doc, ok = docs.docLines(e.doc)
	d.allDoc, allOK = docs.docLines(allValuesDoc(e))
	d.validDoc, validOK = isValidDoc()
	if !ok || !allOK || !validOK || len(e.values) == 0 || !isIdentifier(e.name) || !isIdentifier(e.all) {
		return nil, false
	}
	for i, v := range e.values {
		lines, ok := docs.docLines(v.doc)
		if !ok || !isIdentifier(v.name) {
			return nil, false
		}
		// jennifer's Lit writes a string with %#v: strconv.Quote.
		d.values[i] = directEnumValue{name: v.name, literal: strconv.Quote(v.value), doc: lines}
	}
	return d, true
}

func (d *directEnum) size() int {
	n := len(d.doc) + len(d.allDoc) + len(d.validDoc) + 3*len(d.name) + len(d.all) + 200
	width := 0
	for i := range d.values {
		width = max(width, len(d.values[i].name))
	}
	for i := range d.values {
		v := &d.values[i]
		n += len(v.doc) + 2*strings.Count(v.doc, "\n") + width + len(d.name) + len(v.literal) + 2*len(v.name) + 16
	}
	return n
}

func (*directEnum) qualified(func(path, name string)) {}

func (d *directEnum) write(b *bytes.Buffer, _ map[string]string) {
	writeDoc(b, d.doc, "")
	writeAll(b, "type ", d.name, " string\n\nconst (\n")
	if len(d.values) == 1 {
		v := &d.values[0]
		writeDoc(b, v.doc, "\t")
		writeAll(b, "\t", v.name, " ", d.name, " = ", v.literal, "\n")
	} else {
		for start := 0; start < len(d.values); {
			end := start + 1
			for end < len(d.values) && d.values[end].doc == "" {
				end++
			}
			d.writeConsts(b, d.values[start:end])
			start = end
		}
	}
	b.WriteString(")\n\n")
	writeDoc(b, d.allDoc, "")
	writeAll(b, "var ", d.all, " = []", d.name, "{\n")
	for i := range d.values {
		writeAll(b, "\t", d.values[i].name, ",\n")
	}
	b.WriteString("}\n\n")
	writeDoc(b, d.validDoc, "")
	writeAll(b, "func (e ", d.name, ") IsValid() bool {\n\tswitch e {\n\tcase ")
	for i := range d.values {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(d.values[i].name)
	}
	b.WriteString(":\n\t\treturn true\n\t}\n\treturn false\n}\n")
}

// writeConsts writes constants whose names go/printer aligns.
func (d *directEnum) writeConsts(b *bytes.Buffer, values []directEnumValue) {
	width := 0
	for i := range values {
		width = max(width, utf8.RuneCountInString(values[i].name))
	}
	for i := range values {
		v := &values[i]
		writeDoc(b, v.doc, "\t")
		b.WriteByte('\t')
		b.WriteString(v.name)
		pad(b, width+1-utf8.RuneCountInString(v.name))
		b.WriteString(d.name)
		b.WriteString(" = ")
		b.WriteString(v.literal)
		b.WriteByte('\n')
	}
}

// writeAll appends the strings to b.
func writeAll(b *bytes.Buffer, parts ...string) {
	for _, s := range parts {
		b.WriteString(s)
	}
}
