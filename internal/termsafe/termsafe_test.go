package termsafe

import (
	"strings"
	"testing"
)

func TestString(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text, with ünïcode and emoji ✅", "plain text, with ünïcode and emoji ✅"},
		{"clear \x1b[2J screen", `clear \x1b[2J screen`},
		{"title \x1b]0;pwned\a", `title \x1b]0;pwned\x07`},
		{"bell \a", `bell \x07`},
		{"new\nline\ttab\rcr", `new\x0aline\x09tab\x0dcr`},
		{"del \x7f", `del \x7f`},
		{"C1 CSI \u009b2J", `C1 CSI \u009b2J`},
		{"RLO \u202egnp.exe", `RLO \u202egnp.exe`},
		{"isolates \u2066x\u2069 marks \u200e\u200f\u061c", `isolates \u2066x\u2069 marks \u200e\u200f\u061c`},
		{"bad UTF-8 \xff\xfe", `bad UTF-8 \xff\xfe`},
		{"", ""},
	}
	for _, tt := range tests {
		if got := String(tt.in); got != tt.want {
			t.Errorf("String(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzString(f *testing.F) {
	f.Add("text \x1b[31m\u202e\xff")
	f.Fuzz(func(t *testing.T, s string) {
		out := String(s)
		if strings.IndexFunc(out, unsafe) >= 0 || strings.ContainsRune(out, '\uFFFD') && !strings.ContainsRune(s, '\uFFFD') {
			t.Errorf("String(%q) = %q still holds a character a terminal acts on", s, out)
		}
		if String(out) != out {
			t.Errorf("String is not idempotent on %q", out)
		}
	})
}
