package codegen

import (
	"iter"
	"strings"
	"unicode/utf8"

	"github.com/schemawatch/schemawatch/internal/schema"
)

// The prose of doc comments (see convert.go).

// typeDoc is the doc comment of a named type: what it is, then its
// description.
func (c *converter) typeDoc(t *schema.Type) doc {
	first := c.names[t.Name] + " is the GraphQL " + kindNoun(t.Kind) + " " + t.Name + "."
	if t.IsOneOf {
		first += " It is a @oneOf input object: set exactly one of its fields, to a value; encoding fails otherwise."
	}
	return append(doc{wrapText(first)}, description(t.Description)...)
}

// description turns a GraphQL description into a doc paragraph.
func description(d *string) doc {
	if d == nil {
		return nil
	}
	text := *d
	if strings.IndexByte(text, '\r') >= 0 {
		text = strings.ReplaceAll(text, "\r\n", "\n")
	}
	text = strings.TrimSpace(text)
	if text == "" {
		return nil
	}
	// Room for the paragraphs a member's doc adds: arguments or a
	// default, and a deprecation.
	return append(make(doc, 0, 3), text)
}

// deprecation is the "Deprecated:" paragraph linters and editors look for.
func deprecation(deprecated bool, reason *string) doc {
	if !deprecated {
		return nil
	}
	r := description(reason)
	if r == nil {
		r = doc{"No longer supported"} // GraphQL's default reason
	}
	return doc{"Deprecated: " + r[0]}
}

// appendDeprecation appends deprecation(deprecated, reason) to d.
func appendDeprecation(d doc, deprecated bool, reason *string) doc {
	if !deprecated {
		return d
	}
	return append(d, deprecation(deprecated, reason)...)
}

// argumentsParagraph is the paragraph of a field's doc that lists its
// arguments, built in one buffer: fields with arguments are many.
func argumentsParagraph(args []*schema.InputValue) string {
	n := len("Arguments: ().")
	for _, a := range args {
		n += len(a.Name) + 16
		if a.DefaultValue != nil {
			n += len(*a.DefaultValue) + 3
		}
	}
	var b strings.Builder
	b.Grow(n)
	b.WriteString("Arguments: (")
	for i, a := range args {
		if i > 0 {
			b.WriteString(", ")
		}
		a.WriteSignature(&b)
	}
	b.WriteString(").")
	return b.String()
}

func inputValueNames(vs []*schema.InputValue) []string {
	names := make([]string, len(vs))
	for i, v := range vs {
		names[i] = v.Name
	}
	return names
}

// listPhrase joins words as prose: "a", "a and b", "a, b and c".
func listPhrase(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// wordsOf yields the words of text as strings.Fields splits them, without
// making a slice of them.
func wordsOf(text string) iter.Seq2[int, string] {
	return func(yield func(int, string) bool) {
		if !isASCII(text) {
			for i, w := range strings.Fields(text) {
				if !yield(i, w) {
					return
				}
			}
			return
		}
		i, start := 0, -1
		for j := 0; j <= len(text); j++ {
			if j < len(text) && !asciiSpace(text[j]) {
				if start < 0 {
					start = j
				}
				continue
			}
			if start >= 0 {
				if !yield(i, text[start:j]) {
					return
				}
				i, start = i+1, -1
			}
		}
	}
}

// singleSpaced reports whether text is ASCII words each separated by one
// space: what wrapAt makes of it, on one line.
func singleSpaced(text string) bool {
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c >= utf8.RuneSelf || asciiSpace(c) && (c != ' ' || i == 0 || i == len(text)-1 || text[i-1] == ' ') {
			return false
		}
	}
	return true
}

// asciiSpace reports whether c is white space, as unicode.IsSpace says of
// ASCII.
func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// wrapText breaks generated prose into lines of at most 76 characters, for
// doc comments of the usual width.
func wrapText(text string) string { return wrapAt(text, 76) }

// wrapAt breaks text into lines of at most width characters, words
// allowing.
func wrapAt(text string, width int) string {
	if len(text) <= width && singleSpaced(text) {
		return text // one line, as it is
	}
	var b strings.Builder
	b.Grow(len(text))
	n := 0
	for i, w := range wordsOf(text) {
		if i > 0 {
			if n+1+len(w) > width {
				b.WriteByte('\n')
				n = 0
			} else {
				b.WriteByte(' ')
				n++
			}
		}
		b.WriteString(w)
		n += len(w)
	}
	return b.String()
}
