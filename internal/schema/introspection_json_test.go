package schema

import (
	"strings"
	"testing"
)

// plainJSONByByte is the byte-at-a-time test plainJSON must agree with.
func plainJSONByByte(v string) bool {
	for i := 0; i < len(v); i++ {
		if c := v[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}

// TestPlainJSON puts every byte value at every position of a word and of
// the tail after it.
func TestPlainJSON(t *testing.T) {
	for _, n := range []int{1, 7, 8, 9, 16, 19} {
		for pos := range n {
			for c := range 256 {
				b := []byte(strings.Repeat("a", n))
				b[pos] = byte(c)
				if got, want := plainJSON(string(b)), plainJSONByByte(string(b)); got != want {
					t.Fatalf("plainJSON(%q) = %v, want %v", b, got, want)
				}
			}
		}
	}
}

func FuzzPlainJSON(f *testing.F) {
	for _, s := range []string{"", "plain text of a description", "a\"b", "\x7f\x80", "tab\there", "é", "back\\slash!~ "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := plainJSON(s), plainJSONByByte(s); got != want {
			t.Fatalf("plainJSON(%q) = %v, want %v", s, got, want)
		}
	})
}

// TestNewlineDeep: lines nested deeper than one copy of the indentation
// reaches (no schema nests so deep) are indented all the same.
func TestNewlineDeep(t *testing.T) {
	for _, depth := range []int{0, 1, 31, 32, 33, 64, 65, 100} {
		for _, comma := range []bool{false, true} {
			w := introspectionWriter{depth: depth}
			w.newline(comma)
			want := "\n" + strings.Repeat("  ", depth)
			if comma {
				want = "," + want
			}
			if string(w.buf) != want {
				t.Errorf("depth %d, comma %v: %q, want %q", depth, comma, w.buf, want)
			}
		}
	}
}
