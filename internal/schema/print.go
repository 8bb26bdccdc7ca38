package schema

import (
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/lexer"
)

// PrintSDL returns the canonical SDL of s: the schema definition, then the
// directive definitions, then the types, each sorted by name and separated
// by a blank line, in graphql-js's printSchema layout. Standard scalars and
// specified directives are not printed. The schema definition is always
// printed, so that the roots never depend on type names.
//
// The format is our own rather than a library's printer on purpose: it is
// what snapshot diffs are made of, so it must not change when a dependency
// changes its layout, and it must keep what the model keeps (an empty
// description is printed as "").
func (s *Schema) PrintSDL() string { return string(s.MarshalSDL()) }

// MarshalSDL is PrintSDL as bytes, for writers of files. It appends to one
// buffer sized from the schema: building it from strings and a growing
// builder was a third of rendering a snapshot, most of it copying.
// TestPrintSDLMatchesReference holds it to the printer it replaced.
func (s *Schema) MarshalSDL() []byte {
	p := sdlPrinter{buf: make([]byte, 0, sdlSizeHint(s))}
	p.schemaDefinition(s)
	for _, d := range s.Directives {
		p.directive(d)
	}
	for _, t := range s.Types {
		if t.Kind == KindScalar && IsStandardScalar(t.Name) {
			continue
		}
		p.typeDefinition(t)
	}
	return p.buf
}

// sdlSizeHint is about what the SDL of s takes, a little more, so that the
// buffer is allocated once (and not much more than filled: it is cleared
// when made): the text the schema holds and the layout around it.
func sdlSizeHint(s *Schema) int {
	optLen := func(p *string) int {
		if p == nil {
			return 0
		}
		return len(*p) + 16
	}
	value := func(v *InputValue) int {
		return 16 + len(v.Name) + optLen(v.Description) + optLen(v.DefaultValue) + optLen(v.DeprecationReason)
	}
	n := 1024
	for _, d := range s.Directives {
		n += 32 + len(d.Name) + optLen(d.Description) + 16*len(d.Locations)
		for _, a := range d.Args {
			n += value(a)
		}
	}
	for _, t := range s.Types {
		n += 32 + len(t.Name) + optLen(t.Description) + optLen(t.SpecifiedByURL)
		for _, f := range t.Fields {
			n += 24 + len(f.Name) + optLen(f.Description) + optLen(f.DeprecationReason)
			for _, a := range f.Args {
				n += value(a)
			}
		}
		for _, f := range t.InputFields {
			n += value(f)
		}
		for _, v := range t.EnumValues {
			n += 8 + len(v.Name) + optLen(v.Description) + optLen(v.DeprecationReason)
		}
		for _, name := range t.Interfaces {
			n += 3 + len(name)
		}
		for _, name := range t.PossibleTypes {
			n += 3 + len(name)
		}
	}
	return min(n+n/8, 2*MaxSourceBytes)
}

// sdlPrinter appends SDL to buf.
type sdlPrinter struct {
	buf []byte
}

func (p *sdlPrinter) str(s string) { p.buf = append(p.buf, s...) }
func (p *sdlPrinter) byte(c byte)  { p.buf = append(p.buf, c) }

// block starts a top-level definition, separated from the previous one by a
// blank line.
func (p *sdlPrinter) block() {
	if len(p.buf) > 0 {
		p.byte('\n')
	}
}

func (p *sdlPrinter) schemaDefinition(s *Schema) {
	if s.QueryType == "" && s.MutationType == "" && s.SubscriptionType == "" {
		return
	}
	p.block()
	p.str("schema {\n")
	for _, r := range [...]struct{ op, name string }{{"query", s.QueryType}, {"mutation", s.MutationType}, {"subscription", s.SubscriptionType}} {
		if r.name != "" {
			p.str("  ")
			p.str(r.op)
			p.str(": ")
			p.str(r.name)
			p.byte('\n')
		}
	}
	p.str("}\n")
}

func (p *sdlPrinter) directive(d *Directive) {
	p.block()
	p.description(d.Description, "")
	p.str("directive @")
	p.str(d.Name)
	p.args(d.Args, "")
	if d.IsRepeatable {
		p.str(" repeatable")
	}
	p.str(" on ")
	p.list(d.Locations, " | ")
	p.byte('\n')
}

// list writes names separated by sep.
func (p *sdlPrinter) list(names []string, sep string) {
	for i, n := range names {
		if i > 0 {
			p.str(sep)
		}
		p.str(n)
	}
}

func (p *sdlPrinter) typeDefinition(t *Type) {
	p.block()
	p.description(t.Description, "")
	switch t.Kind {
	case KindScalar:
		p.str("scalar ")
		p.str(t.Name)
		if t.SpecifiedByURL != nil {
			p.str(" @specifiedBy(url: ")
			p.quoted(*t.SpecifiedByURL)
			p.byte(')')
		}
		p.byte('\n')
	case KindObject, KindInterface:
		if t.Kind == KindObject {
			p.str("type ")
		} else {
			p.str("interface ")
		}
		p.str(t.Name)
		if len(t.Interfaces) > 0 {
			p.str(" implements ")
			p.list(t.Interfaces, " & ")
		}
		p.openBrace(len(t.Fields))
		for i, f := range t.Fields {
			p.memberDescription(f.Description, i == 0)
			p.str("  ")
			p.str(f.Name)
			p.args(f.Args, "  ")
			p.str(": ")
			p.typeRef(f.Type)
			p.deprecated(f.IsDeprecated, f.DeprecationReason)
			p.byte('\n')
		}
		p.closeBrace(len(t.Fields))
	case KindUnion:
		p.str("union ")
		p.str(t.Name)
		if len(t.PossibleTypes) > 0 {
			p.str(" = ")
			p.list(t.PossibleTypes, " | ")
		}
		p.byte('\n')
	case KindEnum:
		p.str("enum ")
		p.str(t.Name)
		p.openBrace(len(t.EnumValues))
		for i, v := range t.EnumValues {
			p.memberDescription(v.Description, i == 0)
			p.str("  ")
			p.str(v.Name)
			p.deprecated(v.IsDeprecated, v.DeprecationReason)
			p.byte('\n')
		}
		p.closeBrace(len(t.EnumValues))
	case KindInputObject:
		p.str("input ")
		p.str(t.Name)
		if t.IsOneOf {
			p.str(" @oneOf")
		}
		p.openBrace(len(t.InputFields))
		for i, f := range t.InputFields {
			p.memberDescription(f.Description, i == 0)
			p.str("  ")
			p.inputValue(f)
			p.byte('\n')
		}
		p.closeBrace(len(t.InputFields))
	}
}

// openBrace and closeBrace print a member block; a type without members
// prints none (`type Empty`), as graphql-js does.
func (p *sdlPrinter) openBrace(n int) {
	if n > 0 {
		p.str(" {\n")
	} else {
		p.byte('\n')
	}
}

func (p *sdlPrinter) closeBrace(n int) {
	if n > 0 {
		p.str("}\n")
	}
}

// args prints an argument list: on one line when no argument has a
// description, else one argument per line.
func (p *sdlPrinter) args(args []*InputValue, indent string) {
	if len(args) == 0 {
		return
	}
	multiline := false
	for _, a := range args {
		if a.Description != nil {
			multiline = true
		}
	}
	p.byte('(')
	if !multiline {
		for i, a := range args {
			if i > 0 {
				p.str(", ")
			}
			p.inputValue(a)
		}
		p.byte(')')
		return
	}
	p.byte('\n')
	inner := indent + "  "
	for i, a := range args {
		if i > 0 {
			p.byte('\n')
		}
		p.description(a.Description, inner)
		p.str(inner)
		p.inputValue(a)
	}
	p.byte('\n')
	p.str(indent)
	p.byte(')')
}

func (p *sdlPrinter) inputValue(v *InputValue) {
	p.str(v.Name)
	p.str(": ")
	p.typeRef(v.Type)
	if v.DefaultValue != nil {
		p.str(" = ")
		p.str(*v.DefaultValue)
	}
	p.deprecated(v.IsDeprecated, v.DeprecationReason)
}

// typeRef writes what TypeRef.String returns.
func (p *sdlPrinter) typeRef(t *TypeRef) {
	switch t.Kind {
	case RefList:
		p.byte('[')
		p.typeRef(t.OfType)
		p.byte(']')
	case RefNonNull:
		p.typeRef(t.OfType)
		p.byte('!')
	default:
		p.str(t.Name)
	}
}

func (p *sdlPrinter) deprecated(is bool, reason *string) {
	if !is {
		return
	}
	p.str(" @deprecated")
	if reason != nil {
		p.str("(reason: ")
		p.quoted(*reason)
		p.byte(')')
	}
}

func (p *sdlPrinter) quoted(s string) { p.buf = appendQuoted(p.buf, s) }

// appendQuoted appends s as a GraphQL string, as writeQuoted writes it:
// text that needs no escape (most reasons and URLs) is copied as it is.
func appendQuoted(buf []byte, s string) []byte {
	if plainJSON(s) {
		buf = append(buf, '"')
		buf = append(buf, s...)
		return append(buf, '"')
	}
	var b strings.Builder
	writeQuoted(&b, s)
	return append(buf, b.String()...)
}

// memberDescription prints a field's, input field's or enum value's
// description; members after the first get a blank line before a
// description, as graphql-js prints them.
func (p *sdlPrinter) memberDescription(d *string, first bool) {
	if d == nil {
		return
	}
	if !first {
		p.byte('\n')
	}
	p.description(d, "  ")
}

// description prints a description on lines of its own, indented.
func (p *sdlPrinter) description(d *string, indent string) {
	if d == nil {
		return
	}
	p.str(indent)
	p.buf = appendDescription(p.buf, *d, indent)
	p.byte('\n')
}

// appendDescription renders a description as a block string when that
// reads back to exactly the same text, and as a quoted string otherwise
// (block strings cannot hold every text: common indentation and leading or
// trailing blank lines are stripped when read). The check reads the block
// string back with gqlparser's lexer, the same code that will parse it,
// unless plainBlockText already knows the answer.
func appendDescription(buf []byte, text, indent string) []byte {
	if text == "" {
		return append(buf, `""`...)
	}
	if plainBlockText(text) {
		return appendBlockLiteral(buf, text, indent)
	}
	if block := blockLiteral(text, indent); readsBackAs(block, text) {
		return append(buf, block...)
	}
	return appendQuoted(buf, text)
}

// blockLiteral writes text as a block string (appendBlockLiteral).
func blockLiteral(text, indent string) string {
	return string(appendBlockLiteral(nil, text, indent))
}

// appendBlockLiteral appends text as a block string, on one line when it
// is short and has none, else on lines of their own indented by indent.
func appendBlockLiteral(buf []byte, text, indent string) []byte {
	escaped := text
	if strings.Contains(text, `"""`) {
		escaped = strings.ReplaceAll(text, `"""`, `\"""`)
	}
	if !strings.Contains(text, "\n") && len(text) <= 70 && !strings.HasSuffix(text, `"`) && !strings.HasSuffix(text, `\`) {
		buf = append(buf, `"""`...)
		buf = append(buf, escaped...)
		return append(buf, `"""`...)
	}
	buf = append(buf, "\"\"\"\n"...)
	for {
		line, rest, more := strings.Cut(escaped, "\n")
		if line != "" {
			buf = append(buf, indent...)
			buf = append(buf, line...)
		}
		buf = append(buf, '\n')
		if !more {
			break
		}
		escaped = rest
	}
	buf = append(buf, indent...)
	return append(buf, `"""`...)
}

// plainBlockText reports whether text is sure to read back unchanged from
// the block string appendDescription writes, without lexing it (which was
// most of printing a large schema's SDL): printable ASCII lines without
// quotes or backslashes (plainJSON, eight bytes at a time), where no line
// starts with a space (so no common indentation is stripped) and the first
// and last are not empty (so no blank line is). Any other text is checked
// by readsBackAs; FuzzPlainBlockText holds this to what the lexer reads.
func plainBlockText(text string) bool {
	if text == "" || text[0] == '\n' || text[len(text)-1] == '\n' {
		return false
	}
	for {
		line, rest, more := strings.Cut(text, "\n")
		if line != "" && line[0] == ' ' || !plainJSON(line) {
			return false
		}
		if !more {
			return true
		}
		text = rest
	}
}

func readsBackAs(literal, text string) bool {
	lx := lexer.New(&ast.Source{Input: literal})
	tok, err := lx.ReadToken()
	if err != nil || tok.Kind != lexer.BlockString || tok.Value != text {
		return false
	}
	next, err := lx.ReadToken()
	return err == nil && next.Kind == lexer.EOF
}
