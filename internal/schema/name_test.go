package schema

import (
	"regexp"
	"testing"
)

// TestIsName checks the byte table against the spec's grammar,
// /[_A-Za-z][_0-9A-Za-z]*/, on every one- and two-byte string and on
// longer ones.
func TestIsName(t *testing.T) {
	grammar := regexp.MustCompile(`^[_A-Za-z][_0-9A-Za-z]*$`)
	check := func(s string) {
		t.Helper()
		if got, want := isName(s), grammar.MatchString(s); got != want {
			t.Errorf("isName(%q) = %v, want %v", s, got, want)
		}
	}
	check("")
	for a := range 256 {
		check(string([]byte{byte(a)}))
		for b := range 256 {
			check(string([]byte{byte(a), byte(b)}))
		}
	}
	for _, s := range []string{"createdAt", "__typename", "_9", "a-b", "ünïcode", "a b", "x\x00", "ABC_def_123"} {
		check(s)
	}
}
