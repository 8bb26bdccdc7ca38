package diff

import (
	"testing"

	"github.com/schemawatch/schemawatch/internal/schema"
)

// The examples of docs/breaking-changes.md §4.3, all checked against Inspector 8.
func TestWrappingRules(t *testing.T) {
	for _, tc := range []struct {
		old, new       string
		output, input  bool // safe?
		outputOnlyCase bool
	}{
		{"T", "T!", true, false, false},
		{"T!", "T", false, true, false},
		{"[T]", "[T]!", true, false, false},
		{"[T]", "[T!]", true, false, false},
		{"[T]", "[T!]!", true, false, false},
		{"[T!]!", "[T]", false, true, false},
		{"[T!]!", "[T!]", false, true, false},
		{"[T!]!", "[T]!", false, true, false},
		{"[T!]", "[T]!", false, false, false},
		{"[[T]]", "[[T!]!]!", true, false, false},
		{"T", "[T]", false, false, false},
		{"[T]", "T", false, false, false},
		{"T!", "[T!]!", false, false, false},
		{"String!", "DateTime!", false, false, false},
		{"User", "Node", false, false, true},
		{"Int", "Float", false, false, false},
		{"T", "T", true, true, false},
	} {
		old, new := typeRef(t, tc.old), typeRef(t, tc.new)
		if got := safeOutputChange(old, new); got != tc.output {
			t.Errorf("output %s → %s: safe = %v, want %v", tc.old, tc.new, got, tc.output)
		}
		if tc.outputOnlyCase {
			continue
		}
		if got := safeInputChange(old, new); got != tc.input {
			t.Errorf("input %s → %s: safe = %v, want %v", tc.old, tc.new, got, tc.input)
		}
	}
}

// typeRef parses a type reference in SDL notation.
func typeRef(t *testing.T, s string) *schema.TypeRef {
	t.Helper()
	var parse func(s string) (*schema.TypeRef, string)
	parse = func(s string) (*schema.TypeRef, string) {
		var ref *schema.TypeRef
		if s[0] == '[' {
			var rest string
			ref, rest = parse(s[1:])
			if rest == "" || rest[0] != ']' {
				t.Fatalf("bad type %q", s)
			}
			ref, s = schema.ListOf(ref), rest[1:]
		} else {
			i := 0
			for i < len(s) && s[i] != '!' && s[i] != ']' {
				i++
			}
			ref, s = schema.Named(s[:i]), s[i:]
		}
		if s != "" && s[0] == '!' {
			ref, s = schema.NonNullOf(ref), s[1:]
		}
		return ref, s
	}
	ref, rest := parse(s)
	if rest != "" || ref.String() != s {
		t.Fatalf("bad type %q", s)
	}
	return ref
}
