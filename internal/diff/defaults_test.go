package diff

import (
	"testing"

	"github.com/schemawatch/schemawatch/internal/schema"
)

// Default values compare by their coerced values (docs/breaking-changes.md §1.4).
func TestDefaultChange(t *testing.T) {
	const types = `
		type Query { a: Int }
		scalar JSON
		enum Color { RED GREEN }
		input Pair { a: Int b: Int }
		input Req { a: Int! b: Int }
		input One @oneOf { a: Int b: String }
	`
	for _, tc := range []struct {
		typ, old, new     string // "" for no default
		changed, required bool
	}{
		{"[Int]", "1", "[1]", false, false},
		{"ID", "1", `"1"`, false, false},
		{"Float", "1.0", "1", false, false},
		{"Float", "1e2", "100", false, false},
		{"Float", "0", "-0.0", true, false}, // Object.is(0, -0) is false
		{"String", `"""a"""`, `"a"`, false, false},
		{"String", `"a"`, `"a "`, true, false},
		{"Pair", "{a: 1, b: 2}", "{b: 2, a: 1}", false, false},
		{"Pair", "{a: 1}", "{a: 1, b: null}", true, false},
		{"Pair", "{a: 1, c: 3}", "{a: 1}", false, false}, // unknown fields are ignored
		{"JSON", "FOO", `"FOO"`, false, false},
		{"JSON", "{x: 1.0, y: [A]}", `{y: ["A"], x: 1}`, false, false},
		{"JSON", "[1, 2]", "[2, 1]", true, false},
		{"[Int]", "[1]", "[1, 2]", true, false},
		{"Boolean", "false", "", true, false},
		{"Int", "0", "", true, false},
		{"String", `""`, "", true, false},
		{"Int", "null", "", true, false},
		{"Int", "null", "null", false, false},
		{"Color", "RED", "GREEN", true, false},
		{"Color", "BLUE", "", false, false},           // not a value: invalid, so absent
		{"Int", `"x"`, "", false, false},              // invalid ≡ absent
		{"Int", "2147483648", "", false, false},       // out of 32-bit range
		{"Int", "1.5", "", false, false},              // a float is no Int
		{"Req", "{b: 1}", "", false, false},           // missing non-null field: invalid
		{"One", "{a: 1, b: \"x\"}", "", false, false}, // oneOf needs exactly one key
		{"One", "{a: null}", "", false, false},        // … with a non-null value
		{"One", "{a: 1}", "{a: 1}", false, false},
		{"Int!", "1", "", true, true}, // D2
		{"Int!", "1", "2", true, false},
		{"Int!", "null", "", false, false}, // null under non-null is invalid
	} {
		old := inputValue(t, types, tc.typ, tc.old)
		new := inputValue(t, types, tc.typ, tc.new)
		changed, required := defaultChange(newDefaults(old.s), newDefaults(new.s), old.v, new.v)
		if changed != tc.changed || required != tc.required {
			t.Errorf("%s = %q → %q: changed %v, required %v; want %v, %v", tc.typ, tc.old, tc.new, changed, required, tc.changed, tc.required)
		}
	}
}

// An input-object default absorbs the defaults of the fields it omits, so
// it changes when one of them does (docs/breaking-changes.md §1.4, pitfall 13).
func TestDefaultAbsorbsFieldDefaults(t *testing.T) {
	load := func(q string) *schema.Schema {
		s, err := schema.ParseSDL("t.graphql", "type Query { f(a: In = {p: 1}): Int } input In { p: Int q: Int = "+q+" }")
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	old, new := load("5"), load("6")
	arg := func(s *schema.Schema) *schema.InputValue { return s.Type("Query").Field("f").Arg("a") }
	if changed, _ := defaultChange(newDefaults(old), newDefaults(new), arg(old), arg(new)); !changed {
		t.Error("the argument's default did not change with In.q's")
	}
}

// A default whose coercion needs itself (graphql-js overflows its stack on
// one) must not recurse for ever: the inner use counts as no default.
func TestDefaultCycle(t *testing.T) {
	s, err := schema.ParseSDL("t.graphql", "type Query { f(a: In): Int } input In { p: Int next: In = {} }")
	if err != nil {
		t.Fatal(err)
	}
	v, ok := newDefaults(s).of(s.Type("In").InputField("next"))
	if obj, isObj := v.(map[string]any); !ok || !isObj || len(obj) != 0 {
		t.Errorf("default = %v, %v; want {}", v, ok)
	}
}

type located struct {
	s *schema.Schema
	v *schema.InputValue
}

// inputValue builds a schema with one argument of type typ and default def.
func inputValue(t *testing.T, types, typ, def string) located {
	t.Helper()
	arg := "x: " + typ
	if def != "" {
		arg += " = " + def
	}
	s, err := schema.ParseSDL("t.graphql", types+"type T { f("+arg+"): Int }")
	if err != nil {
		t.Fatal(err)
	}
	return located{s, s.Type("T").Field("f").Arg("x")}
}
