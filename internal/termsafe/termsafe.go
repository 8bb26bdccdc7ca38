// Package termsafe makes text from outside (descriptions, deprecation
// reasons and error messages that an API sends) safe to print on a terminal
// or into a log: a control character could move the cursor, clear the
// screen, retitle the window or ring the bell, and a bidirectional override
// could make a line read differently from what it holds.
package termsafe

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// String returns s with every character a terminal would act on written as
// a visible escape: C0 and C1 control characters and DEL as \xNN (tab and
// newline too: one message stays one line), the bidirectional formatting
// characters as \uNNNN, and bytes that are not UTF-8 as \xNN. Any other text
// is returned as it is.
func String(s string) string {
	i := strings.IndexFunc(s, unsafe)
	if i < 0 && utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[0])
		case r < 0x80 && unsafe(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case unsafe(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[:size])
		}
		s = s[size:]
	}
	return b.String()
}

// unsafe reports whether a terminal acts on r rather than showing it.
func unsafe(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, 0x80 <= r && r <= 0x9f:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f, 0x202a <= r && r <= 0x202e, 0x2066 <= r && r <= 0x2069:
		return true // ALM, LRM, RLM, LRE…RLO, LRI…PDI
	}
	return false
}
