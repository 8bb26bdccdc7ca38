package diff

import (
	"iter"
	"testing"

	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/schemagen"
	"github.com/schemawatch/schemawatch/internal/testcorpus"
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

// An identical literal of an identical type changes when the type it
// coerces against did (sameCoercion must never vouch for it), and does not
// when the type changed in a way coercion cannot see.
func TestSameLiteralChangedType(t *testing.T) {
	for _, tc := range []struct {
		name, old, new, typ, literal string
		changed                      bool
	}{
		{"enum value removed", "enum E { A B }", "enum E { B }", "E", "A", true},
		{"enum value added", "enum E { A }", "enum E { A B }", "E", "A", false},
		{"enum value removed, in a list", "enum E { A B }", "enum E { B }", "[E]", "[A]", true},
		{"enum value removed, one literal a list", "enum E { A B }", "enum E { B }", "[E]", "A", true},
		{"enum values reordered", "enum E { A B }", "enum E { B A }", "E", "A", false},
		{"field default added", "input In { p: Int }", "input In { p: Int q: Int = 1 }", "In", "{p: 1}", true},
		{"field default changed", "input In { p: Int q: Int = 1 }", "input In { p: Int q: Int = 2 }", "In", "{p: 1}", true},
		{"field default changed, but given", "input In { p: Int q: Int = 1 }", "input In { p: Int q: Int = 2 }", "In", "{p: 1, q: 3}", false},
		{"field default equal after coercion", "input In { q: Float = 1 }", "input In { q: Float = 1.0 }", "In", "{}", false},
		{"nullable field added", "input In { p: Int }", "input In { p: Int q: Int }", "In", "{p: 1}", false},
		{"required field added", "input In { p: Int }", "input In { p: Int q: Int! }", "In", "{p: 1}", true},
		{"field type changed", "input In { p: Int }", "input In { p: String }", "In", "{p: 1}", true},
		{"field made non-null", "input In { p: Int }", "input In { p: Int! }", "In", "{p: 1}", false},
		{"nested enum value removed", "input In { c: C = RED } enum C { RED GREEN }", "input In { c: C = RED } enum C { GREEN }", "In", "{}", true},
		{"nested input changed", "input In { n: N = {} } input N { a: Int = 1 }", "input In { n: N = {} } input N { a: Int = 2 }", "In", "{}", true},
		{"became @oneOf, one field set", "input In { p: Int q: Int }", "input In @oneOf { p: Int q: Int }", "In", "{p: 1}", false},
		{"became @oneOf, two fields set", "input In { p: Int q: Int }", "input In @oneOf { p: Int q: Int }", "In", "{p: 1, q: 2}", true},
		{"scalar became an enum of the same name", "scalar J", "enum J { FOO }", "J", "FOO", false},
		{"enum became a scalar, value unknown", "enum J { FOO }", "scalar J", "J", "BAR", true},
		{"input object became a scalar", "input In { p: Int }", "scalar In", "In", "{p: 1}", false},
		{"input object became a scalar, default absorbed", "input In { p: Int q: Int = 1 }", "scalar In", "In", "{p: 1}", true},
		{"cycle, unchanged", "input In { p: Int next: In = {} }", "input In { p: Int next: In = {} }", "In", "{p: 1}", false},
		{"cycle, default changed", "input In { p: Int = 1 next: In = {} }", "input In { p: Int = 2 next: In = {} }", "In", "{}", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			old := inputValue(t, "type Query { a: Int }\n"+tc.old+"\n", tc.typ, tc.literal)
			new := inputValue(t, "type Query { a: Int }\n"+tc.new+"\n", tc.typ, tc.literal)
			changed, _ := defaultChange(newDefaults(old.s), newDefaults(new.s), old.v, new.v)
			if changed != tc.changed {
				t.Errorf("%s = %s, %q → %q: changed %v, want %v", tc.typ, tc.literal, tc.old, tc.new, changed, tc.changed)
			}
		})
	}
}

// TestSameCoercionOnRealSchemas holds sameCoercion to what coercion gives
// on every input value of every Railway pair and of generated pairs: where
// it vouches for a type, every identical literal of that type coerces to
// equal values on both sides.
func TestSameCoercionOnRealSchemas(t *testing.T) {
	type pair struct{ old, new *schema.Schema }
	var pairs []pair
	for _, seed := range []uint64{1, 2, 3} {
		cfg := schemagen.Large
		cfg.Seed, cfg.Entities = seed, 80
		old, new := schemagen.Pair(cfg)
		pairs = append(pairs, pair{old, new}, pair{new, old})
	}
	if !testing.Short() {
		all := testcorpus.Railway(t)
		var prev *schema.Schema
		for _, v := range all {
			s, err := schema.LoadFile(v.Path)
			if err != nil {
				t.Fatal(err)
			}
			if prev != nil {
				pairs = append(pairs, pair{prev, s}, pair{s, prev})
			}
			prev = s
		}
	}
	vouched := 0
	for _, p := range pairs {
		oldDefs, newDefs := newDefaults(p.old), newDefaults(p.new)
		for old, new := range sameInputValues(p.old, p.new) {
			if old.DefaultValue == nil || new.DefaultValue == nil || *old.DefaultValue != *new.DefaultValue || !old.Type.Equal(new.Type) ||
				!oldDefs.sameCoercion(p.new).of(old.Type.NamedType()) {
				continue
			}
			vouched++
			ov, oldOK := oldDefs.of(old)
			nv, newOK := newDefs.of(new)
			if oldOK != newOK || oldOK && !sameValue(ov, nv) {
				t.Errorf("%s = %s: sameCoercion vouched for %s, but it coerces to %v (%v) and %v (%v)",
					old.Name, *old.DefaultValue, old.Type.NamedType(), ov, oldOK, nv, newOK)
			}
		}
	}
	if vouched == 0 {
		t.Error("sameCoercion vouched for no default at all")
	}
}

// sameInputValues yields the arguments and input fields present in both
// schemas, each with its counterpart.
func sameInputValues(old, new *schema.Schema) iter.Seq2[*schema.InputValue, *schema.InputValue] {
	return func(yield func(*schema.InputValue, *schema.InputValue) bool) {
		for _, ot := range old.Types {
			nt := new.Type(ot.Name)
			if nt == nil {
				continue
			}
			for _, of := range ot.Fields {
				if nf := nt.Field(of.Name); nf != nil {
					for _, oa := range of.Args {
						if na := nf.Arg(oa.Name); na != nil && !yield(oa, na) {
							return
						}
					}
				}
			}
			for _, of := range ot.InputFields {
				if nf := nt.InputField(of.Name); nf != nil && !yield(of, nf) {
					return
				}
			}
		}
	}
}
