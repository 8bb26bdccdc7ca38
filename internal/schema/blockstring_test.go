package schema

import (
	"strings"
	"testing"
)

// blockTexts are descriptions near every edge plainBlockText draws.
var blockTexts = []string{
	"Plain text.",
	"Two\nlines",
	"Para one.\n\nPara two.",
	strings.Repeat("long words ", 12),
	"trailing spaces  ",
	"trailing spaces  \nand a line",
	"a\n  indented second line",
	"  leading spaces",
	"\nleading newline",
	"trailing newline\n",
	"   ",
	"tab\there",
	`a "quote"`,
	`ends with "`,
	`back\slash`,
	`three """ quotes`,
	"ünïcödé",
	"a\r\nb",
	"x\n \ny",
	"x\n\n",
	"#not a comment",
	"}{)(",
}

// plainBlockText is a shortcut for readsBackAs: whenever it says yes, the
// lexer must read the block string back as the very text, at every indent.
func TestPlainBlockTextAgreesWithTheLexer(t *testing.T) {
	plain := 0
	for _, text := range blockTexts {
		if checkPlainBlockText(t, text) {
			plain++
		}
	}
	if plain < 6 {
		t.Fatalf("only %d of the texts took the shortcut: it no longer saves the lexing", plain)
	}
}

func FuzzPlainBlockText(f *testing.F) {
	for _, text := range blockTexts {
		f.Add(text)
	}
	f.Fuzz(func(t *testing.T, text string) { checkPlainBlockText(t, text) })
}

// plainBlockTextByByte is plainBlockText as it was, a byte at a time: the
// reference it must agree with.
func plainBlockTextByByte(text string) bool {
	start := true // at the start of a line
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c == '\n':
			if i == 0 || i == len(text)-1 {
				return false
			}
			start = true
			continue
		case c == ' ' && start, c < 0x20, c >= 0x7f, c == '"', c == '\\':
			return false
		}
		start = false
	}
	return text != ""
}

func checkPlainBlockText(t *testing.T, text string) bool {
	t.Helper()
	if got, want := plainBlockText(text), plainBlockTextByByte(text); got != want {
		t.Fatalf("plainBlockText(%q) = %v, the byte-at-a-time test says %v", text, got, want)
	}
	if !plainBlockText(text) {
		return false
	}
	for _, indent := range []string{"", "  ", "    "} {
		if block := blockLiteral(text, indent); !readsBackAs(block, text) {
			t.Fatalf("plainBlockText(%q) is true, but the lexer does not read %q back as it", text, block)
		}
	}
	return true
}
