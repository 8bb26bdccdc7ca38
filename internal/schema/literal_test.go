package schema

import "testing"

var literalSeeds = []string{
	"0", "-0", "00", "-", "12", "-12", "012", "1.5", "1e3", "1_000",
	"true", "false", "null", "RED", "_x9", "9x", "a-b", "$v",
	`""`, `"a b"`, `"a\"b"`, `"a\\b"`, `"é"`, "\"\t\"", `"""block"""`, `"`, `"unterminated`,
	"[1, 2]", "[]", "{a: 1}", "{}", " 1", "1 ", "",
}

// The shortcut for literals that are already canonical gives what parsing
// and printing gives, and takes it only for literals that parse.
func TestSimpleCanonicalLiteral(t *testing.T) {
	simple := 0
	for _, l := range literalSeeds {
		if checkSimpleLiteral(t, l) {
			simple++
		}
	}
	if simple < 8 {
		t.Fatalf("only %d literals took the shortcut", simple)
	}
}

func FuzzCanonicalLiteral(f *testing.F) {
	for _, l := range literalSeeds {
		f.Add(l)
	}
	f.Fuzz(func(t *testing.T, literal string) { checkSimpleLiteral(t, literal) })
}

func checkSimpleLiteral(t *testing.T, literal string) bool {
	t.Helper()
	if !simpleCanonicalLiteral(literal) {
		return false
	}
	v, err := ParseValue(literal)
	if err != nil {
		t.Fatalf("%q takes the shortcut but does not parse: %v", literal, err)
	}
	if printed := PrintValue(v); printed != literal {
		t.Fatalf("%q takes the shortcut but prints as %q", literal, printed)
	}
	return true
}
