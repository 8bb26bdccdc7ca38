package schema

import "strings"

// The SDL printer as it was before it wrote into one pre-sized buffer,
// kept as the reference the printer must agree with byte for byte
// (TestPrintSDLMatchesReference, FuzzWritersMatchReferences).

// ReferencePrintSDL is the reference printer, for the external tests.
var ReferencePrintSDL = (*Schema).referencePrintSDL

func (s *Schema) referencePrintSDL() string {
	var p referenceSDLPrinter
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
	return p.String()
}

type referenceSDLPrinter struct {
	strings.Builder
}

// block starts a top-level definition, separated from the previous one by a
// blank line.
func (p *referenceSDLPrinter) block() {
	if p.Len() > 0 {
		p.WriteByte('\n')
	}
}

func (p *referenceSDLPrinter) schemaDefinition(s *Schema) {
	if s.QueryType == "" && s.MutationType == "" && s.SubscriptionType == "" {
		return
	}
	p.block()
	p.WriteString("schema {\n")
	for _, r := range []struct{ op, name string }{{"query", s.QueryType}, {"mutation", s.MutationType}, {"subscription", s.SubscriptionType}} {
		if r.name != "" {
			p.WriteString("  " + r.op + ": " + r.name + "\n")
		}
	}
	p.WriteString("}\n")
}

func (p *referenceSDLPrinter) directive(d *Directive) {
	p.block()
	p.descriptionIndented(d.Description, "")
	p.WriteString("directive @" + d.Name)
	p.args(d.Args, "")
	if d.IsRepeatable {
		p.WriteString(" repeatable")
	}
	p.WriteString(" on " + strings.Join(d.Locations, " | ") + "\n")
}

func (p *referenceSDLPrinter) typeDefinition(t *Type) {
	p.block()
	p.descriptionIndented(t.Description, "")
	switch t.Kind {
	case KindScalar:
		p.WriteString("scalar " + t.Name)
		if t.SpecifiedByURL != nil {
			p.WriteString(" @specifiedBy(url: ")
			p.quoted(*t.SpecifiedByURL)
			p.WriteString(")")
		}
		p.WriteByte('\n')
	case KindObject, KindInterface:
		if t.Kind == KindObject {
			p.WriteString("type " + t.Name)
		} else {
			p.WriteString("interface " + t.Name)
		}
		if len(t.Interfaces) > 0 {
			p.WriteString(" implements " + strings.Join(t.Interfaces, " & "))
		}
		p.openBrace(len(t.Fields))
		for i, f := range t.Fields {
			p.memberDescription(f.Description, i == 0)
			p.WriteString("  " + f.Name)
			p.args(f.Args, "  ")
			p.WriteString(": " + f.Type.String())
			p.deprecated(f.IsDeprecated, f.DeprecationReason)
			p.WriteByte('\n')
		}
		p.closeBrace(len(t.Fields))
	case KindUnion:
		p.WriteString("union " + t.Name)
		if len(t.PossibleTypes) > 0 {
			p.WriteString(" = " + strings.Join(t.PossibleTypes, " | "))
		}
		p.WriteByte('\n')
	case KindEnum:
		p.WriteString("enum " + t.Name)
		p.openBrace(len(t.EnumValues))
		for i, v := range t.EnumValues {
			p.memberDescription(v.Description, i == 0)
			p.WriteString("  " + v.Name)
			p.deprecated(v.IsDeprecated, v.DeprecationReason)
			p.WriteByte('\n')
		}
		p.closeBrace(len(t.EnumValues))
	case KindInputObject:
		p.WriteString("input " + t.Name)
		if t.IsOneOf {
			p.WriteString(" @oneOf")
		}
		p.openBrace(len(t.InputFields))
		for i, f := range t.InputFields {
			p.memberDescription(f.Description, i == 0)
			p.WriteString("  ")
			p.inputValue(f, "  ")
			p.WriteByte('\n')
		}
		p.closeBrace(len(t.InputFields))
	}
}

// openBrace and closeBrace print a member block; a type without members
// prints none (`type Empty`), as graphql-js does.
func (p *referenceSDLPrinter) openBrace(n int) {
	if n > 0 {
		p.WriteString(" {\n")
	} else {
		p.WriteByte('\n')
	}
}

func (p *referenceSDLPrinter) closeBrace(n int) {
	if n > 0 {
		p.WriteString("}\n")
	}
}

// args prints an argument list: on one line when no argument has a
// description, else one argument per line.
func (p *referenceSDLPrinter) args(args []*InputValue, indent string) {
	if len(args) == 0 {
		return
	}
	multiline := false
	for _, a := range args {
		if a.Description != nil {
			multiline = true
		}
	}
	p.WriteByte('(')
	if !multiline {
		for i, a := range args {
			if i > 0 {
				p.WriteString(", ")
			}
			p.inputValue(a, indent)
		}
		p.WriteByte(')')
		return
	}
	p.WriteByte('\n')
	inner := indent + "  "
	for i, a := range args {
		if i > 0 {
			p.WriteByte('\n')
		}
		p.descriptionIndented(a.Description, inner)
		p.WriteString(inner)
		p.inputValue(a, inner)
	}
	p.WriteString("\n" + indent + ")")
}

func (p *referenceSDLPrinter) inputValue(v *InputValue, indent string) {
	p.WriteString(v.Name + ": " + v.Type.String())
	if v.DefaultValue != nil {
		p.WriteString(" = " + *v.DefaultValue)
	}
	p.deprecated(v.IsDeprecated, v.DeprecationReason)
}

func (p *referenceSDLPrinter) deprecated(is bool, reason *string) {
	if !is {
		return
	}
	p.WriteString(" @deprecated")
	if reason != nil {
		p.WriteString("(reason: ")
		p.quoted(*reason)
		p.WriteString(")")
	}
}

func (p *referenceSDLPrinter) quoted(s string) {
	var b strings.Builder
	writeQuoted(&b, s)
	p.WriteString(b.String())
}

// memberDescription prints a field's, input field's or enum value's
// description; members after the first get a blank line before a
// description, as graphql-js prints them.
func (p *referenceSDLPrinter) memberDescription(d *string, first bool) {
	if d == nil {
		return
	}
	if !first {
		p.WriteByte('\n')
	}
	p.descriptionIndented(d, "  ")
}

func (p *referenceSDLPrinter) descriptionIndented(d *string, indent string) {
	if d == nil {
		return
	}
	p.WriteString(indent + referenceDescriptionLiteral(*d, indent) + "\n")
}

// descriptionLiteral renders a description as a block string when that
// reads back to exactly the same text, and as a quoted string otherwise
// (block strings cannot hold every text: common indentation and leading or
// trailing blank lines are stripped when read). The check reads the block
// string back with gqlparser's lexer, the same code that will parse it.
func referenceDescriptionLiteral(text, indent string) string {
	if text == "" {
		return `""`
	}
	if block := referenceBlockLiteral(text, indent); plainBlockText(text) || readsBackAs(block, text) {
		return block
	}
	var b strings.Builder
	writeQuoted(&b, text)
	return b.String()
}

// blockLiteral writes text as a block string, on one line when it is short
// and has none, else on lines of their own indented by indent.
func referenceBlockLiteral(text, indent string) string {
	escaped := strings.ReplaceAll(text, `"""`, `\"""`)
	if !strings.Contains(text, "\n") && len(text) <= 70 && !strings.HasSuffix(text, `"`) && !strings.HasSuffix(text, `\`) {
		return `"""` + escaped + `"""`
	}
	lines := strings.Split(escaped, "\n")
	var b strings.Builder
	b.WriteString(`"""` + "\n")
	for _, l := range lines {
		if l != "" {
			b.WriteString(indent + l)
		}
		b.WriteByte('\n')
	}
	b.WriteString(indent + `"""`)
	return b.String()
}
