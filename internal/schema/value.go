package schema

import (
	"errors"
	"fmt"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"
)

// ParseValue parses a constant GraphQL value literal, such as an
// introspection defaultValue ("{a: 1, b: [\"x\"]}").
func ParseValue(literal string) (*ast.Value, error) {
	// gqlparser does not export its value parser, so the literal is parsed as
	// the argument of a one-field query and taken back out. The newline keeps
	// a trailing comment in the literal from swallowing the closing brackets;
	// the shape checks below reject literals that break out of the argument.
	doc, err := parser.ParseQuery(&ast.Source{Input: "{f(v: " + literal + "\n)}"})
	if err != nil {
		var gerr *gqlerror.Error
		if errors.As(err, &gerr) {
			return nil, fmt.Errorf("invalid value literal %q: %s", literal, gerr.Message)
		}
		return nil, fmt.Errorf("invalid value literal %q: %w", literal, err)
	}
	if len(doc.Operations) != 1 || len(doc.Fragments) != 0 || len(doc.Operations[0].SelectionSet) != 1 {
		return nil, fmt.Errorf("invalid value literal %q", literal)
	}
	field, ok := doc.Operations[0].SelectionSet[0].(*ast.Field)
	if !ok || field.Alias != "f" || len(field.Arguments) != 1 || len(field.Directives) != 0 || len(field.SelectionSet) != 0 {
		return nil, fmt.Errorf("invalid value literal %q", literal)
	}
	v := field.Arguments[0].Value
	if name, found := findVariable(v); found {
		return nil, fmt.Errorf("invalid value literal %q: variable $%s in a constant value", literal, name)
	}
	return v, nil
}

func findVariable(v *ast.Value) (string, bool) {
	if v.Kind == ast.Variable {
		return v.Raw, true
	}
	for _, c := range v.Children {
		if name, ok := findVariable(c.Value); ok {
			return name, true
		}
	}
	return "", false
}

// PrintValue prints a value literal in canonical form, as graphql-js prints
// values: `[1, 2]`, `{a: "x", b: ENUM}`, strings quoted with escapes (never
// as block strings). Object fields keep their order.
func PrintValue(v *ast.Value) string {
	var b strings.Builder
	writeValue(&b, v)
	return b.String()
}

func writeValue(b *strings.Builder, v *ast.Value) {
	switch v.Kind {
	case ast.Variable:
		b.WriteByte('$')
		b.WriteString(v.Raw)
	case ast.StringValue, ast.BlockValue:
		writeQuoted(b, v.Raw)
	case ast.NullValue:
		b.WriteString("null")
	case ast.ListValue:
		b.WriteByte('[')
		for i, c := range v.Children {
			if i > 0 {
				b.WriteString(", ")
			}
			writeValue(b, c.Value)
		}
		b.WriteByte(']')
	case ast.ObjectValue:
		b.WriteByte('{')
		for i, c := range v.Children {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(c.Name)
			b.WriteString(": ")
			writeValue(b, c.Value)
		}
		b.WriteByte('}')
	default: // Int, Float, Boolean, Enum: the raw token is canonical
		b.WriteString(v.Raw)
	}
}

// writeQuoted writes s as a GraphQL string literal, escaping what
// graphql-js's printString escapes: quotes, backslashes and C0/C1 controls.
func writeQuoted(b *strings.Builder, s string) {
	const hex = "0123456789ABCDEF"
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\b':
			b.WriteString(`\b`)
		case r == '\f':
			b.WriteString(`\f`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || (r >= 0x7f && r <= 0x9f):
			b.WriteString(`\u00`)
			b.WriteByte(hex[r>>4])
			b.WriteByte(hex[r&0xf])
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
}

// canonicalLiteral parses a default-value literal and prints it back in
// canonical form, so that equal defaults are equal strings whichever server
// or printer produced them.
func canonicalLiteral(literal string) (string, error) {
	if simpleCanonicalLiteral(literal) {
		return literal, nil
	}
	v, err := ParseValue(literal)
	if err != nil {
		return "", err
	}
	return PrintValue(v), nil
}

// simpleCanonicalLiteral reports whether literal is one token that prints
// back as itself: a name (an enum value, true, false, null), an integer
// without leading zeros, or a string of printable ASCII with nothing to
// escape. Most default values are; parsing each through gqlparser was a
// twentieth of loading a large schema. FuzzCanonicalLiteral holds the
// shortcut to what parsing and printing give.
func simpleCanonicalLiteral(literal string) bool {
	if literal == "" {
		return false
	}
	switch c := literal[0]; {
	case c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z':
		return simpleNameLiteral(literal)
	case c == '-' || c >= '0' && c <= '9':
		return simpleIntLiteral(literal)
	case c == '"':
		return simpleStringLiteral(literal)
	}
	return false
}

// simpleNameLiteral reports whether literal, which starts with a letter or
// underscore, is a name.
func simpleNameLiteral(literal string) bool {
	for i := 1; i < len(literal); i++ {
		if c := literal[i]; !(c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// simpleIntLiteral reports whether literal is an integer without leading zeros.
func simpleIntLiteral(literal string) bool {
	digits := strings.TrimPrefix(literal, "-")
	if digits == "" || digits[0] == '0' && len(digits) > 1 {
		return false
	}
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return false
		}
	}
	return true
}

// simpleStringLiteral reports whether literal, which starts with a quote, is
// a string of printable ASCII with nothing to escape.
func simpleStringLiteral(literal string) bool {
	if len(literal) < 2 || literal[len(literal)-1] != '"' {
		return false
	}
	for i := 1; i < len(literal)-1; i++ {
		if c := literal[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}
