package diff_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/internal/diff"
	"github.com/schemawatch/schemawatch/internal/schema"
)

// changeCase is one minimal schema pair and every change it must yield, in
// report order, written "LEVEL TYPE path [subject]" with B, D, N for the
// levels and "+" marking the contents of an added element.
type changeCase struct {
	name     string
	old, new string
	want     []string
}

// q is a query root to put next to the types under test.
const q = "type Query { a: String }\n"

var changeCases = []changeCase{
	// Schema roots and named types (docs/breaking-changes.md §3.1).
	{"query root renamed", "type Query { a: Int }", "schema { query: Root } type Root { a: Int }",
		[]string{"B SCHEMA_QUERY_TYPE_CHANGED", "B TYPE_REMOVED Query", "N TYPE_ADDED Root", "N+ FIELD_ADDED Root.a"}},
	{"mutation root introduced", q, q + "type Mutation { m: Int }",
		[]string{"N SCHEMA_MUTATION_TYPE_CHANGED", "N TYPE_ADDED Mutation", "N+ FIELD_ADDED Mutation.m"}},
	{"mutation root demoted", q + "type Mutation { m: Int }", "schema { query: Query } " + q + "type Mutation { m: Int }",
		[]string{"B SCHEMA_MUTATION_TYPE_CHANGED"}},
	{"subscription root removed", q + "type Subscription { s: Int }", q,
		[]string{"B SCHEMA_SUBSCRIPTION_TYPE_CHANGED", "B TYPE_REMOVED Subscription"}},
	{"type added", q, q + "type T { a: Int }", []string{"N TYPE_ADDED T", "N+ FIELD_ADDED T.a"}},
	{"type removed", q + "type T { a: Int }", q, []string{"B TYPE_REMOVED T"}},
	{"type kind changed, members not compared", q + `"d" type T { a: Int }`, q + `"e" interface T { b: Int }`,
		[]string{"B TYPE_KIND_CHANGED T", "N TYPE_DESCRIPTION_CHANGED T"}},
	{"type description added", q + "scalar S", q + `"d" scalar S`, []string{"N TYPE_DESCRIPTION_ADDED S"}},
	{"type description removed", q + `"d" scalar S`, q + "scalar S", []string{"N TYPE_DESCRIPTION_REMOVED S"}},
	{"type description changed", q + `"d" scalar S`, q + `"e" scalar S`, []string{"N TYPE_DESCRIPTION_CHANGED S"}},
	{"empty description to text is a change", q + `"" scalar S`, q + `"e" scalar S`, []string{"N TYPE_DESCRIPTION_CHANGED S"}},
	{"empty description to none is no change", q + `"" scalar S`, q + "scalar S", nil},
	{"trailing space counts", q + `"d" scalar S`, q + `"d " scalar S`, []string{"N TYPE_DESCRIPTION_CHANGED S"}},
	{"standard scalars never reported", "type Query { a: String }", "type Query { a: String b: Int c: ID }",
		[]string{"N FIELD_ADDED Query.b", "N FIELD_ADDED Query.c"}},
	{"order never matters",
		"type Query { a(x: Int, y: Int): E b: U } enum E { A B } union U = X | Y type X { a: Int } type Y { a: Int } directive @d(a: Int, b: Int) on FIELD | QUERY",
		"directive @d(b: Int, a: Int) on QUERY | FIELD type Y { a: Int } type X { a: Int } union U = Y | X enum E { B A } type Query { b: U a(y: Int, x: Int): E }",
		nil},

	// Fields (docs/breaking-changes.md §3.2).
	{"field added with contents", q + "type T { a: Int }", q + `type T { a: Int "d" b(x: Int): Int @deprecated(reason: "r") }`,
		[]string{"N FIELD_ADDED T.b", "N+ FIELD_DESCRIPTION_ADDED T.b", "N+ FIELD_DEPRECATION_ADDED T.b.@deprecated", "N+ FIELD_ARGUMENT_ADDED T.b.x"}},
	{"field removed", q + "type T { a: Int b: Int }", q + "type T { a: Int }", []string{"B FIELD_REMOVED T.b"}},
	{"deprecated field removed is still breaking", q + "type T { a: Int b: Int @deprecated }", q + "type T { a: Int }", []string{"B FIELD_REMOVED T.b"}},
	{"field type tightened", q + "type T { a: Int }", q + "type T { a: Int! }", []string{"N FIELD_TYPE_CHANGED T.a"}},
	{"field type loosened", q + "type T { a: Int! }", q + "type T { a: Int }", []string{"B FIELD_TYPE_CHANGED T.a"}},
	{"field description added", q + "type T { a: Int }", q + `type T { "d" a: Int }`, []string{"N FIELD_DESCRIPTION_ADDED T.a"}},
	{"field description removed", q + `type T { "d" a: Int }`, q + "type T { a: Int }", []string{"N FIELD_DESCRIPTION_REMOVED T.a"}},
	{"field description changed", q + `type T { "d" a: Int }`, q + `type T { "e" a: Int }`, []string{"N FIELD_DESCRIPTION_CHANGED T.a"}},
	{"field deprecated", q + "type T { a: Int }", q + "type T { a: Int @deprecated }", []string{"N FIELD_DEPRECATION_ADDED T.a.@deprecated"}},
	{"field undeprecated", q + `type T { a: Int @deprecated(reason: "r") }`, q + "type T { a: Int }", []string{"N FIELD_DEPRECATION_REMOVED T.a.@deprecated"}},
	{"field deprecation reason added", q + "type T { a: Int @deprecated }", q + `type T { a: Int @deprecated(reason: "r") }`,
		[]string{"N FIELD_DEPRECATION_REASON_ADDED T.a.@deprecated"}},
	{"field deprecation reason removed keeps the field path", q + `type T { a: Int @deprecated(reason: "r") }`, q + "type T { a: Int @deprecated }",
		[]string{"N FIELD_DEPRECATION_REASON_REMOVED T.a"}},
	{"field deprecation reason changed", q + `type T { a: Int @deprecated(reason: "r") }`, q + `type T { a: Int @deprecated(reason: "s") }`,
		[]string{"N FIELD_DEPRECATION_REASON_CHANGED T.a.@deprecated"}},
	{"the default reason is no reason", q + `type T { a: Int @deprecated }`, q + `type T { a: Int @deprecated(reason: "No longer supported") }`, nil},
	{"one deprecation change per field", q + `type T { a: Int @deprecated(reason: "r") }`, q + `type T { a: Int }`,
		[]string{"N FIELD_DEPRECATION_REMOVED T.a.@deprecated"}},
	{"interface fields reported separately", q + "interface I { a: Int } type T implements I { a: Int }",
		q + "interface I { a: Int b: Int } type T implements I { a: Int b: Int }",
		[]string{"N FIELD_ADDED I.b", "N FIELD_ADDED T.b"}},

	// Field arguments (docs/breaking-changes.md §3.3).
	{"required argument added", q + "type T { f: Int }", q + "type T { f(a: Int!): Int }", []string{"B FIELD_ARGUMENT_ADDED T.f.a"}},
	{"optional argument added", q + "type T { f: Int }", q + "type T { f(a: Int): Int }", []string{"D FIELD_ARGUMENT_ADDED T.f.a"}},
	{"non-null argument with default added", q + "type T { f: Int }", q + "type T { f(a: Int! = 1): Int }", []string{"D FIELD_ARGUMENT_ADDED T.f.a"}},
	{"non-null argument with invalid default is required", q + "type T { f: Int }", q + `type T { f(a: Int! = "x"): Int }`, []string{"B FIELD_ARGUMENT_ADDED T.f.a"}},
	{"argument removed", q + "type T { f(a: Int): Int }", q + "type T { f: Int }", []string{"B FIELD_ARGUMENT_REMOVED T.f.a"}},
	{"argument type loosened", q + "type T { f(a: Int!): Int }", q + "type T { f(a: Int): Int }", []string{"N FIELD_ARGUMENT_TYPE_CHANGED T.f.a"}},
	{"argument type tightened despite default", q + "type T { f(a: Int = 1): Int }", q + "type T { f(a: Int! = 1): Int }", []string{"B FIELD_ARGUMENT_TYPE_CHANGED T.f.a"}},
	{"argument default changed", q + "type T { f(a: Int = 1): Int }", q + "type T { f(a: Int = 2): Int }", []string{"D FIELD_ARGUMENT_DEFAULT_CHANGED T.f.a"}},
	{"argument default added", q + "type T { f(a: Int): Int }", q + "type T { f(a: Int = 2): Int }", []string{"D FIELD_ARGUMENT_DEFAULT_CHANGED T.f.a"}},
	{"nullable argument loses default", q + "type T { f(a: Int = 1): Int }", q + "type T { f(a: Int): Int }", []string{"D FIELD_ARGUMENT_DEFAULT_CHANGED T.f.a"}},
	{"D2 non-null argument loses default", q + "type T { f(a: Int! = 1): Int }", q + "type T { f(a: Int!): Int }", []string{"B FIELD_ARGUMENT_DEFAULT_CHANGED T.f.a"}},
	{"argument type and default both change", q + "type T { f(a: Int = 1): Int }", q + "type T { f(a: Float = 2): Int }",
		[]string{"B FIELD_ARGUMENT_TYPE_CHANGED T.f.a", "D FIELD_ARGUMENT_DEFAULT_CHANGED T.f.a"}},
	{"argument description added is a change", q + "type T { f(a: Int): Int }", q + `type T { f("d" a: Int): Int }`,
		[]string{"N FIELD_ARGUMENT_DESCRIPTION_CHANGED T.f.a"}},

	// Input object fields (docs/breaking-changes.md §3.4).
	{"optional input field added", q + "input I { a: Int }", q + "input I { a: Int b: Int }", []string{"N INPUT_FIELD_ADDED I.b"}},
	{"required input field added", q + "input I { a: Int }", q + "input I { a: Int b: Int! }", []string{"B INPUT_FIELD_ADDED I.b"}},
	{"input field with default added", q + "input I { a: Int }", q + "input I { a: Int b: Int = null }", []string{"D INPUT_FIELD_ADDED I.b"}},
	{"described input field added", q + "input I { a: Int }", q + `input I { a: Int "d" b: Int }`,
		[]string{"N INPUT_FIELD_ADDED I.b", "N+ INPUT_FIELD_DESCRIPTION_ADDED I.b"}},
	{"input type added with contents", q, q + `input I { a: Int! "d" b: Int = 1 }`,
		[]string{"N TYPE_ADDED I", "N+ INPUT_FIELD_ADDED I.a", "N+ INPUT_FIELD_ADDED I.b", "N+ INPUT_FIELD_DESCRIPTION_ADDED I.b"}},
	{"input field removed", q + "input I { a: Int b: Int }", q + "input I { a: Int }", []string{"B INPUT_FIELD_REMOVED I.b"}},
	{"input field type tightened", q + "input I { a: [Int] }", q + "input I { a: [Int!] }", []string{"B INPUT_FIELD_TYPE_CHANGED I.a"}},
	{"input field type loosened", q + "input I { a: [Int!]! }", q + "input I { a: [Int] }", []string{"N INPUT_FIELD_TYPE_CHANGED I.a"}},
	{"input field default changed", q + `input I { a: String = "x" }`, q + `input I { a: String = "y" }`, []string{"D INPUT_FIELD_DEFAULT_VALUE_CHANGED I.a"}},
	{"D2 non-null input field loses default", q + "input I { a: Int! = 1 }", q + "input I { a: Int! }", []string{"B INPUT_FIELD_DEFAULT_VALUE_CHANGED I.a"}},
	{"input field description added", q + "input I { a: Int }", q + `input I { "d" a: Int }`, []string{"N INPUT_FIELD_DESCRIPTION_ADDED I.a"}},
	{"input field description removed", q + `input I { "d" a: Int }`, q + "input I { a: Int }", []string{"N INPUT_FIELD_DESCRIPTION_REMOVED I.a"}},
	{"input field description changed", q + `input I { "d" a: Int }`, q + `input I { "e" a: Int }`, []string{"N INPUT_FIELD_DESCRIPTION_CHANGED I.a"}},

	// Enums (docs/breaking-changes.md §3.5).
	{"enum value added", q + "enum E { A }", q + "enum E { A B }", []string{"D ENUM_VALUE_ADDED E.B"}},
	{"enum value added with contents", q + "enum E { A }", q + `enum E { A "d" B @deprecated(reason: "r") }`,
		[]string{"D ENUM_VALUE_ADDED E.B", "N+ ENUM_VALUE_DESCRIPTION_CHANGED E.B", "N+ ENUM_VALUE_DEPRECATION_REASON_ADDED E.B.@deprecated"}},
	{"enum added", q, q + "enum E { A B }", []string{"N TYPE_ADDED E", "N+ ENUM_VALUE_ADDED E.A", "N+ ENUM_VALUE_ADDED E.B"}},
	{"enum value removed", q + "enum E { A B }", q + "enum E { A }", []string{"B ENUM_VALUE_REMOVED E.B"}},
	{"enum value description changed", q + `enum E { "d" A }`, q + "enum E { A }", []string{"N ENUM_VALUE_DESCRIPTION_CHANGED E.A"}},
	{"enum value deprecated", q + "enum E { A }", q + "enum E { A @deprecated }", []string{"N ENUM_VALUE_DEPRECATION_REASON_ADDED E.A.@deprecated"}},
	{"enum value reason added", q + "enum E { A @deprecated }", q + `enum E { A @deprecated(reason: "r") }`,
		[]string{"N ENUM_VALUE_DEPRECATION_REASON_ADDED E.A.@deprecated"}},
	{"enum value undeprecated", q + "enum E { A @deprecated }", q + "enum E { A }", []string{"N ENUM_VALUE_DEPRECATION_REASON_REMOVED E.A"}},
	{"enum value reason removed", q + `enum E { A @deprecated(reason: "r") }`, q + "enum E { A @deprecated }",
		[]string{"N ENUM_VALUE_DEPRECATION_REASON_REMOVED E.A"}},
	{"enum value reason changed", q + `enum E { A @deprecated(reason: "r") }`, q + `enum E { A @deprecated(reason: "s") }`,
		[]string{"N ENUM_VALUE_DEPRECATION_REASON_CHANGED E.A.@deprecated"}},

	// Unions and interfaces (docs/breaking-changes.md §3.6).
	{"union member added", q + "union U = X type X { a: Int } type Y { a: Int }", q + "union U = X | Y type X { a: Int } type Y { a: Int }",
		[]string{"D UNION_MEMBER_ADDED U [Y]"}},
	{"union member removed", q + "union U = X | Y type X { a: Int } type Y { a: Int }", q + "union U = X type X { a: Int } type Y { a: Int }",
		[]string{"B UNION_MEMBER_REMOVED U [Y]"}},
	{"union added", q + "type X { a: Int } type Y { a: Int }", q + "union U = X | Y type X { a: Int } type Y { a: Int }",
		[]string{"N TYPE_ADDED U", "N+ UNION_MEMBER_ADDED U [X]", "N+ UNION_MEMBER_ADDED U [Y]"}},
	{"interface implemented", q + "interface I { a: Int } type T { a: Int }", q + "interface I { a: Int } type T implements I { a: Int }",
		[]string{"D OBJECT_TYPE_INTERFACE_ADDED T [I]"}},
	{"interface no longer implemented", q + "interface I { a: Int } type T implements I { a: Int }", q + "interface I { a: Int } type T { a: Int }",
		[]string{"B OBJECT_TYPE_INTERFACE_REMOVED T [I]"}},
	{"interface implementing an interface", q + "interface I { a: Int } interface J { a: Int }", q + "interface I { a: Int } interface J implements I { a: Int }",
		[]string{"D OBJECT_TYPE_INTERFACE_ADDED J [I]"}},

	// Directives (docs/breaking-changes.md §3.7).
	{"directive added with contents", q, q + `"d" directive @d(a: Int) repeatable on FIELD | QUERY`,
		[]string{"N DIRECTIVE_ADDED @d", "N+ DIRECTIVE_ARGUMENT_ADDED @d [a]", "N+ DIRECTIVE_DESCRIPTION_CHANGED @d",
			"N+ DIRECTIVE_LOCATION_ADDED @d [FIELD]", "N+ DIRECTIVE_LOCATION_ADDED @d [QUERY]", "N+ DIRECTIVE_REPEATABLE_ADDED @d"}},
	{"directive removed", q + "directive @d on FIELD", q, []string{"B DIRECTIVE_REMOVED @d"}},
	{"directive description changed", q + "directive @d on FIELD", q + `"d" directive @d on FIELD`, []string{"N DIRECTIVE_DESCRIPTION_CHANGED @d"}},
	{"directive location added", q + "directive @d on FIELD", q + "directive @d on FIELD | QUERY", []string{"N DIRECTIVE_LOCATION_ADDED @d [QUERY]"}},
	{"directive location removed", q + "directive @d on FIELD | QUERY", q + "directive @d on FIELD", []string{"B DIRECTIVE_LOCATION_REMOVED @d [QUERY]"}},
	{"required directive argument added", q + "directive @d on FIELD", q + "directive @d(a: Int!) on FIELD", []string{"B DIRECTIVE_ARGUMENT_ADDED @d [a]"}},
	{"optional directive argument added", q + "directive @d on FIELD", q + "directive @d(a: Int) on FIELD", []string{"N DIRECTIVE_ARGUMENT_ADDED @d [a]"}},
	{"D3 non-null directive argument with default added", q + "directive @d on FIELD", q + "directive @d(a: Int! = 1) on FIELD",
		[]string{"N DIRECTIVE_ARGUMENT_ADDED @d [a]"}},
	{"directive argument removed", q + "directive @d(a: Int) on FIELD", q + "directive @d on FIELD", []string{"B DIRECTIVE_ARGUMENT_REMOVED @d.a"}},
	{"directive argument type changed", q + "directive @d(a: Int) on FIELD", q + "directive @d(a: Int!) on FIELD", []string{"B DIRECTIVE_ARGUMENT_TYPE_CHANGED @d.a"}},
	{"directive argument default changed", q + "directive @d(a: Int = 1) on FIELD", q + "directive @d(a: Int = 2) on FIELD",
		[]string{"D DIRECTIVE_ARGUMENT_DEFAULT_VALUE_CHANGED @d.a"}},
	{"D2 directive argument loses default", q + "directive @d(a: Int! = 1) on FIELD", q + "directive @d(a: Int!) on FIELD",
		[]string{"B DIRECTIVE_ARGUMENT_DEFAULT_VALUE_CHANGED @d.a"}},
	{"directive argument description changed", q + "directive @d(a: Int) on FIELD", q + `directive @d("d" a: Int) on FIELD`,
		[]string{"N DIRECTIVE_ARGUMENT_DESCRIPTION_CHANGED @d.a"}},
	{"directive made repeatable", q + "directive @d on FIELD", q + "directive @d repeatable on FIELD", []string{"N DIRECTIVE_REPEATABLE_ADDED @d"}},
	{"D4 directive no longer repeatable", q + "directive @d repeatable on FIELD", q + "directive @d on FIELD", []string{"B DIRECTIVE_REPEATABLE_REMOVED @d"}},
	{"specified directives are ignored", q, q + "directive @skip(if: Boolean!) on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT | QUERY", nil},

	// Extensions (docs/breaking-changes.md §3.9).
	{"oneOf added", q + "input I { a: Int b: Int }", q + "input I @oneOf { a: Int b: Int }", []string{"B INPUT_OBJECT_ONE_OF_ADDED I.@oneOf"}},
	{"oneOf removed", q + "input I @oneOf { a: Int b: Int }", q + "input I { a: Int b: Int }", []string{"N INPUT_OBJECT_ONE_OF_REMOVED I.@oneOf"}},
	{"specifiedBy added", q + "scalar S", q + `scalar S @specifiedBy(url: "u")`, []string{"N SCALAR_SPECIFIED_BY_URL_ADDED S.@specifiedBy"}},
	{"specifiedBy removed", q + `scalar S @specifiedBy(url: "u")`, q + "scalar S", []string{"D SCALAR_SPECIFIED_BY_URL_REMOVED S.@specifiedBy"}},
	{"specifiedBy changed", q + `scalar S @specifiedBy(url: "u")`, q + `scalar S @specifiedBy(url: "v")`, []string{"D SCALAR_SPECIFIED_BY_URL_CHANGED S.@specifiedBy"}},
	{"argument deprecated", q + "type T { f(a: Int): Int }", q + "type T { f(a: Int @deprecated): Int }",
		[]string{"N FIELD_ARGUMENT_DEPRECATION_ADDED T.f.a.@deprecated"}},
	{"argument undeprecated", q + "type T { f(a: Int @deprecated): Int }", q + "type T { f(a: Int): Int }",
		[]string{"N FIELD_ARGUMENT_DEPRECATION_REMOVED T.f.a.@deprecated"}},
	{"argument deprecation reason changed", q + `type T { f(a: Int @deprecated(reason: "r")): Int }`, q + `type T { f(a: Int @deprecated(reason: "s")): Int }`,
		[]string{"N FIELD_ARGUMENT_DEPRECATION_REASON_CHANGED T.f.a.@deprecated"}},
	{"input field deprecated", q + "input I { a: Int }", q + "input I { a: Int @deprecated }", []string{"N INPUT_FIELD_DEPRECATION_ADDED I.a.@deprecated"}},
	{"input field undeprecated", q + "input I { a: Int @deprecated }", q + "input I { a: Int }", []string{"N INPUT_FIELD_DEPRECATION_REMOVED I.a.@deprecated"}},
	{"input field deprecation reason changed", q + `input I { a: Int @deprecated(reason: "r") }`, q + `input I { a: Int @deprecated(reason: "s") }`,
		[]string{"N INPUT_FIELD_DEPRECATION_REASON_CHANGED I.a.@deprecated"}},
	{"extensions are not contents of added elements", q, q + `input I @oneOf { a: Int @deprecated b: Int } scalar S @specifiedBy(url: "u")`,
		[]string{"N TYPE_ADDED I", "N+ INPUT_FIELD_ADDED I.a", "N+ INPUT_FIELD_ADDED I.b", "N TYPE_ADDED S"}},
}

func TestChanges(t *testing.T) {
	for _, tc := range changeCases {
		t.Run(tc.name, func(t *testing.T) {
			got := describe(diff.Changes(parseSDL(t, tc.old), parseSDL(t, tc.new)))
			if !slices.Equal(got, tc.want) {
				t.Errorf("changes:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(tc.want, "\n     "))
			}
		})
	}
}

// TestChangeKindsCovered makes sure the table above has a case for every
// change kind.
func TestChangeKindsCovered(t *testing.T) {
	covered := map[string]bool{}
	for _, tc := range changeCases {
		for _, w := range tc.want {
			covered[strings.Fields(w)[1]] = true
		}
	}
	for _, k := range diff.ChangeTypes() {
		if !covered[string(k)] {
			t.Errorf("no case yields %s", k)
		}
	}
	if n := len(diff.ChangeTypes()); n != 65 {
		t.Errorf("%d change kinds, want 65 (docs/breaking-changes.md §3.10)", n)
	}
}

// TestCapabilityGating is D1: a property one snapshot did not carry is not
// compared, and absent is not read as false.
func TestCapabilityGating(t *testing.T) {
	old := `"T" type Query { "a" a(x: Int @deprecated): String i(in: I): Int s: S } "d" directive @d repeatable on FIELD
		input I @oneOf { a: Int b: Int } scalar S @specifiedBy(url: "u")`
	new := `"T2" type Query { "a2" a(x: Int): String i(in: I): Int s: S } "d2" directive @d on FIELD
		input I { a: Int b: Int } scalar S @specifiedBy(url: "v")`
	all := describe(diff.Changes(parseSDL(t, old), parseSDL(t, new)))
	if len(all) != 7 {
		t.Fatalf("with every property carried: %d changes, want 7: %v", len(all), all)
	}
	for _, strip := range []struct {
		name string
		cut  func(*schema.Capabilities)
		kind string
	}{
		{"descriptions", func(c *schema.Capabilities) { c.Descriptions = false }, "DESCRIPTION"},
		{"isRepeatable", func(c *schema.Capabilities) { c.DirectiveIsRepeatable = false }, "REPEATABLE"},
		{"isOneOf", func(c *schema.Capabilities) { c.InputObjectIsOneOf = false }, "ONE_OF"},
		{"specifiedByURL", func(c *schema.Capabilities) { c.SpecifiedByURL = false }, "SPECIFIED_BY"},
		{"input value deprecation", func(c *schema.Capabilities) { c.InputValueDeprecation = false }, "ARGUMENT_DEPRECATION"},
	} {
		for _, side := range []string{"old", "new"} {
			t.Run(strip.name+" missing from "+side, func(t *testing.T) {
				o, n := parseSDL(t, old), parseSDL(t, new)
				if side == "old" {
					o = withCapabilities(t, o, strip.cut)
				} else {
					n = withCapabilities(t, n, strip.cut)
				}
				got := describe(diff.Changes(o, n))
				var want []string
				for _, c := range all {
					if !strings.Contains(c, strip.kind) {
						want = append(want, c)
					}
				}
				if !slices.Equal(got, want) {
					t.Errorf("changes:\n got %v\nwant %v", got, want)
				}
			})
		}
	}
}

// TestDeprecationFlag is D5: the isDeprecated flag decides, not the reason.
func TestDeprecationFlag(t *testing.T) {
	old := parseSDL(t, "type Query { a: String e: E } enum E { A B }")
	new := parseSDL(t, "type Query { a: String @deprecated e: E } enum E { A @deprecated B @deprecated(reason: \"\") }")
	got := describe(diff.Changes(old, new))
	want := []string{"N ENUM_VALUE_DEPRECATION_REASON_ADDED E.A.@deprecated", "N ENUM_VALUE_DEPRECATION_REASON_ADDED E.B.@deprecated",
		"N FIELD_DEPRECATION_ADDED Query.a.@deprecated"}
	if !slices.Equal(got, want) {
		t.Errorf("changes:\n got %v\nwant %v", got, want)
	}
}

// TestChangesMeta checks what reports read besides identifier and level.
func TestChangesMeta(t *testing.T) {
	changes := diff.Changes(
		parseSDL(t, q+"type T { f(a: Int! = 1): Int g: Int @deprecated }"),
		parseSDL(t, q+"type T { f(a: Int!): [Int] }"))
	byType := map[diff.ChangeType]diff.Change{}
	for _, c := range changes {
		byType[c.Type] = c
	}
	def := byType[diff.FieldArgumentDefaultChanged]
	if def.Meta.Deviation != "D2" || *def.Meta.OldDefault != "1" || def.Meta.NewDefault != nil || def.Criticality.Reason == "" {
		t.Errorf("default change: %+v", def)
	}
	if def.Message != "Default value for argument 'a' on field 'T.f' changed from '1' to 'none'" {
		t.Errorf("message = %q", def.Message)
	}
	removed := byType[diff.FieldRemoved]
	if removed.Meta.IsDeprecated == nil || !*removed.Meta.IsDeprecated || !strings.Contains(removed.Message, "(deprecated)") {
		t.Errorf("deprecated field removal: %+v", removed)
	}
	typ := byType[diff.FieldTypeChanged]
	if typ.Meta.OldType != "Int" || typ.Meta.NewType != "[Int]" || *typ.Meta.IsSafeChange || typ.Meta.ContainerKind != "object type" {
		t.Errorf("type change: %+v", typ)
	}
	for _, c := range changes {
		if c.Criticality.Level != diff.NonBreaking && c.Criticality.Reason == "" {
			t.Errorf("%s %s has no reason", c.Criticality.Level, c.Type)
		}
	}
}

func TestSuggestBump(t *testing.T) {
	for _, tc := range []struct {
		old, new string
		want     diff.Bump
	}{
		{q, q, diff.BumpNone},
		{q + `"d" scalar S`, q + `"e" scalar S`, diff.BumpPatch},
		{q, q + "scalar S", diff.BumpMinor},
		{q + "type T { a: Int }", q + "type T { a: Int @deprecated }", diff.BumpMinor},
		{q + "enum E { A }", q + "enum E { A B }", diff.BumpMinor},
		{q + "scalar S", q, diff.BumpMajor},
	} {
		if got := diff.SuggestBump(diff.Changes(parseSDL(t, tc.old), parseSDL(t, tc.new))); got != tc.want {
			t.Errorf("%q → %q: bump %s, want %s", tc.old, tc.new, got, tc.want)
		}
	}
}

// describe prints changes as the tables above write them.
func describe(changes []diff.Change) []string {
	var out []string
	for _, c := range changes {
		level := string(c.Criticality.Level[0])
		if c.Meta.InAddedParent {
			level += "+"
		}
		s := strings.TrimSpace(fmt.Sprintf("%s %s %s", level, c.Type, c.Path))
		if sub := c.Subject(); sub != "" {
			s += " [" + sub + "]"
		}
		out = append(out, s)
	}
	return out
}

func parseSDL(t testing.TB, sdl string) *schema.Schema {
	t.Helper()
	s, err := schema.ParseSDL("test.graphql", sdl)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// withCapabilities returns s as an introspection result that lacks some
// properties would load.
func withCapabilities(t testing.TB, s *schema.Schema, cut func(*schema.Capabilities)) *schema.Schema {
	t.Helper()
	cut(&s.Capabilities)
	out, err := schema.ParseIntrospection(s.MarshalIntrospection())
	if err != nil {
		t.Fatal(err)
	}
	return out
}
