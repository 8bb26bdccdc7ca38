package mdsafe

import (
	"github.com/schemawatch/schemawatch/internal/testsupport"
	"strings"
	"testing"
)

func TestText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain words", "plain words"},
		{"*bold* _em_ ![a](b) <b>x</b> & y!", `\*bold\* \_em\_ !\[a\](b) &lt;b&gt;x&lt;/b&gt; &amp; y!`},
		{"ask @alice or @org/team", "ask `@alice` or `@org/team`"},
		{"see https://evil.test/x.", "see `https://evil.test/x`."},
		{"www.evil.test and a@b.test", "`www.evil.test` and `a@b.test`"},
		{"fixes #12 and owner/repo#3, GH-4", "fixes `#12` and `owner/repo#3`, `GH-4`"},
		{"#1www.x.test", "`#1``www.x.test`"},
		// Controls show as termsafe's escapes, their backslash escaped.
		{"bell\a esc\x1b[2J rlo\u202e", `bell\\x07 esc\\x1b\[2J rlo\\u202e`},
		{"two\nlines", `two\\x0alines`},
	}
	for _, tt := range tests {
		if got := Text(tt.in); got != tt.want {
			t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCode(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "(none)"},
		{"Query.me", "`Query.me`"},
		{"a`b", "``a`b``"},
		{"`edge`", "`` `edge` ``"},
	}
	for _, tt := range tests {
		if got := Code(tt.in); got != tt.want {
			t.Errorf("Code(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzText: text from the schema comes out inert: outside code spans, no
// HTML, no line break, nothing GitHub links or notifies.
func FuzzText(f *testing.F) {
	f.Add("<script>@alice https://x [a](b) `c` #12 owner/repo#3 a@b.test www.x.test")
	f.Fuzz(func(t *testing.T, s string) {
		out := testsupport.WithoutCodeSpans(Text(s))
		for _, bad := range []string{"<", ">", "\n", "\r"} {
			if strings.Contains(out, bad) {
				t.Fatalf("Text(%q) = %q holds %q", s, Text(s), bad)
			}
		}
		if m := linkable.FindString(unescape(out)); m != "" {
			t.Fatalf("Text(%q) = %q: %q outside a code span", s, Text(s), m)
		}
	})
}

func TestMayLink(t *testing.T) {
	for _, s := range []string{"https://x", "WWW.x", "a@b", "#1", "GH-1", "gH-2", "Www.", "x:/" + "/"} {
		if !mayLink(s) {
			t.Errorf("mayLink(%q) = false", s)
		}
	}
	for _, s := range []string{"Field 'Query.me' was removed", "www", "gh", "a:/b", "w.w.w."} {
		if mayLink(s) {
			t.Errorf("mayLink(%q) = true", s)
		}
	}
}

// FuzzMayLink: text mayLink passes over holds nothing linkable matches.
func FuzzMayLink(f *testing.F) {
	for _, s := range []string{"plain words", "wWw.x", "gH-1", "a@b", "x#1", "s://", "\u212a www"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if m := linkable.FindString(s); m != "" && !mayLink(s) {
			t.Fatalf("mayLink(%q) = false, but linkable matches %q", s, m)
		}
	})
}

// unescape is the text a reader sees of escaped Markdown: a backslash
// before ASCII punctuation is dropped.
func unescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", s[i+1]) >= 0 {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
