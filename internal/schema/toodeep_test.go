package schema

import (
	"strings"
	"testing"
)

// tooDeepReference is tooDeep as it was, one byte at a time: what the
// faster scan must agree with. It returns the byte offset of the first '[' or '{' that nests more
// than limit levels deep, or -1. jsontext has no option to lower its own
// bound, and this scan costs a fraction of decoding; it leaves syntax
// errors to the decoder.
func tooDeepReference(data []byte, limit int) int {
	depth := 0
	inString := false
	for i := 0; i < len(data); i++ {
		c := data[i]
		if inString {
			switch c {
			case '\\':
				i++ // the escaped byte cannot end the string
			case '"':
				inString = false
			}
			continue
		}
		switch c {
		case '"':
			inString = true
		case '[', '{':
			depth++
			if depth > limit {
				return i
			}
		case ']', '}':
			depth--
		}
	}
	return -1
}

var tooDeepSeeds = []string{
	`{"a":[1,{"b":"c"}]}`,
	`{"a":"[[[[\\"[[[["}`,
	`{"a":"\\\\"}[[[[`,
	`{"a":"\\\\\\"[[[["}`,
	`"unterminated [[[[`,
	`"\\`,
	`[[[[[[`,
	`]]]][[[[`,
	strings.Repeat("[", 40),
	`{"a":"x\\\\\\\\"}` + strings.Repeat("{", 33),
	"",
}

// The scan that skips strings finds the same offset as the byte-by-byte
// one, at every limit: on seeds around escapes and ends of input, and fuzzed.
func TestTooDeepAgreesWithReference(t *testing.T) {
	for _, s := range tooDeepSeeds {
		checkTooDeep(t, []byte(s))
	}
}

func FuzzTooDeep(f *testing.F) {
	for _, s := range tooDeepSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkTooDeep(t, data) })
}

func checkTooDeep(t *testing.T, data []byte) {
	t.Helper()
	for _, limit := range []int{0, 1, 2, 3, 32} {
		if got, want := tooDeep(data, limit), tooDeepReference(data, limit); got != want {
			t.Fatalf("tooDeep(%q, %d) = %d, want %d", data, limit, got, want)
		}
	}
}
