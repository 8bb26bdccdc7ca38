package codegen

import (
	"go/format"
	"strings"
	"testing"
)

func TestIsCanonicalDoc(t *testing.T) {
	tests := []struct {
		name string
		d    doc
		want bool
	}{
		{"one line", doc{"Project is the GraphQL object type Project."}, true},
		{"paragraphs", doc{"Project is a project.", "It has services.\nAnd volumes."}, true},
		{"lower case", doc{"the id of the project"}, true},
		{"code block", doc{"Example:\n  query { me }"}, false},
		{"bullet list", doc{"Kinds:\n- a\n- b"}, false},
		{"numbered list", doc{"1. first"}, false},
		{"heading", doc{"# Usage"}, false},
		{"old-style heading", doc{"Intro.", "Usage", "Text."}, false},
		{"old-style heading ending in a digit", doc{"Intro.", "Version 2", "Text."}, false},
		{"old-style heading ending in a letter not ASCII", doc{"Intro.", "Café", "Text."}, false},
		{"line alone ending in a space not ASCII", doc{"Intro.", "Usage\u00a0", "Text."}, false},
		{"sentence alone between paragraphs", doc{"Intro.", "A sentence.", "See the reference."}, true},
		{"line alone ending in a parenthesis", doc{"Intro.", "Arguments: (id: ID!)", "Text."}, true},
		{"link definition", doc{"[spec]: https://spec.graphql.org"}, false},
		{"double blank", doc{"a\n\n\nb"}, false},
		{"starts with a digit", doc{"5 seconds at most."}, false},
		{"non-ASCII start", doc{"Ébauche."}, false},
		{"quotes of two backquotes or apostrophes", doc{"Say ``hi''."}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := isCanonicalDoc(commentText(tt.d)); got != tt.want {
				t.Errorf("isCanonicalDoc(%q) = %v, want %v", commentText(tt.d), got, tt.want)
			}
			checkCanonicalDoc(t, tt.d)
		})
	}
}

// FuzzCanonicalDoc checks isCanonicalDoc against go/format itself: a
// comment it calls canonical comes out of go/format unchanged, whether it
// starts in column 1 (as a doc comment, reformatted) or one column in (as
// comment writes it, left alone).
func FuzzCanonicalDoc(f *testing.F) {
	for _, seed := range []string{
		"Project is a project.", "a\n\nb", "Intro.\n\nUsage\n\nText.", "x  y\t z", "A\u00a0", "see https://x.y/z.",
		"[Project] and [Service].", "Deprecated: use x", "a\n- b", "a\r\nb", "It's Alice's", "A.B c",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		d := description(&text)
		if d == nil {
			return
		}
		checkCanonicalDoc(t, d)
	})
}

// checkCanonicalDoc fails if isCanonicalDoc calls d's comment canonical
// but go/format changes it.
func checkCanonicalDoc(t *testing.T, d doc) {
	t.Helper()
	text := commentText(d)
	if !isCanonicalDoc(text) {
		return
	}
	want := "package p\n\n" + text + "\ntype T struct {\n\t" + strings.ReplaceAll(text, "\n", "\n\t") + "\n\tF int\n}\n"
	for _, indent := range []string{"", " "} {
		src := "package p\n\n" + indent + text + "\ntype T struct {\n" + indent + text + "\nF int\n}\n"
		got, err := format.Source([]byte(src))
		if err != nil {
			t.Fatalf("%q does not format: %v", src, err)
		}
		if string(got) != want {
			t.Errorf("isCanonicalDoc(%q) = true, but go/format (indent %q) gives\n%s\nwant\n%s", text, indent, got, want)
		}
	}
}
