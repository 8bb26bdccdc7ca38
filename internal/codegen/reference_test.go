package codegen

import (
	"go/token"
	"strings"
	"testing"
)

// The fast ways of this package (one line of prose as it is, words found
// in place, identifiers and capitals checked byte by byte) must agree with
// the first, plain ways, kept here as references.

// referenceWrapAt is wrapAt as it was written first, on strings.Fields:
// the fast ways (one line as it is, words found in place) must agree.
func referenceWrapAt(text string, width int) string {
	var b strings.Builder
	n := 0
	for i, w := range strings.Fields(text) {
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

// referenceCommentLine is commentLine as it was written first.
func referenceCommentLine(line string) string {
	return defuseDirective(strings.TrimRight(strings.Map(dropControl, line), " \t"))
}

var proseSeeds = []string{
	"", " ", "a", "Node is the GraphQL interface Node.", "two  spaces", " lead", "trail ", "tab\there",
	"line\nbreak", "\u00a0nbsp start", "go:generate x", " +build linux", "#cgo LDFLAGS", "\x7fdel", "é accent",
	"gone\x00nul", "word\u2028sep", strings.Repeat("word ", 30), "a\u0085b", "\ufeffbom",
}

func FuzzWrapAt(f *testing.F) {
	for _, s := range proseSeeds {
		f.Add(s, 76)
		f.Add(s, 10)
	}
	f.Fuzz(func(t *testing.T, text string, width int) {
		if got, want := wrapAt(text, width), referenceWrapAt(text, width); got != want {
			t.Errorf("wrapAt(%q, %d) = %q, want %q", text, width, got, want)
		}
	})
}

func FuzzCommentLine(f *testing.F) {
	for _, s := range proseSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		if got, want := commentLine(line), referenceCommentLine(line); got != want {
			t.Errorf("commentLine(%q) = %q, want %q", line, got, want)
		}
	})
}

func TestProseAgreesWithReference(t *testing.T) {
	for _, s := range proseSeeds {
		for _, width := range []int{0, 5, 10, 72, 76} {
			if got, want := wrapAt(s, width), referenceWrapAt(s, width); got != want {
				t.Errorf("wrapAt(%q, %d) = %q, want %q", s, width, got, want)
			}
		}
		if got, want := commentLine(s), referenceCommentLine(s); got != want {
			t.Errorf("commentLine(%q) = %q, want %q", s, got, want)
		}
	}
}

var identifierSeeds = []string{
	"", "A", "ID", "Node", "node", "_x", "X_1", "1X", "type", "Type", "Ünicode", "AÜ", "A-B", "A B", "Go\u00e9", "Func",
}

func FuzzIsIdentifier(f *testing.F) {
	for _, s := range identifierSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		if got, want := isIdentifier(name), token.IsIdentifier(name); got != want {
			t.Errorf("isIdentifier(%q) = %v, want %v", name, got, want)
		}
		if got, want := isUpperCase(name), strings.ToUpper(name) == name; got != want {
			t.Errorf("isUpperCase(%q) = %v, want %v", name, got, want)
		}
	})
}

func TestIdentifiersAgreeWithReference(t *testing.T) {
	for _, s := range append(identifierSeeds, proseSeeds...) {
		if got, want := isIdentifier(s), token.IsIdentifier(s); got != want {
			t.Errorf("isIdentifier(%q) = %v, want %v", s, got, want)
		}
		if got, want := isUpperCase(s), strings.ToUpper(s) == s; got != want {
			t.Errorf("isUpperCase(%q) = %v, want %v", s, got, want)
		}
	}
}
