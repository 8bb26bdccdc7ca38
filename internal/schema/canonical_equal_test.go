package schema_test

import (
	"bytes"
	"testing"

	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/schemagen"
	"github.com/schemawatch/schemawatch/internal/testcorpus"
)

// checkCanonicalEqual fails unless CanonicalEqual says what comparing the
// canonical JSON says, and returns that.
func checkCanonicalEqual(t *testing.T, name string, a, b *schema.Schema) bool {
	t.Helper()
	want := bytes.Equal(a.MarshalIntrospection(), b.MarshalIntrospection())
	if got := schema.CanonicalEqual(a, b); got != want {
		t.Fatalf("%s: CanonicalEqual = %v, but the canonical JSON is equal: %v", name, got, want)
	}
	return want
}

// CanonicalEqual must tell apart exactly the schemas whose canonical JSON
// differs: one small change of every kind the JSON carries, each under
// every capability subset, and schemas against fresh copies of themselves.
func TestCanonicalEqualAgreesWithJSON(t *testing.T) {
	base, err := schema.Load("hostile.graphql", []byte(hostileSDL))
	if err != nil {
		t.Fatal(err)
	}
	str := func(s string) *string { return &s }
	mutations := []struct {
		name   string
		mutate func(s *schema.Schema)
	}{
		{"nothing", func(*schema.Schema) {}},
		{"type description", func(s *schema.Schema) { s.Type("A").Description = str("new") }},
		{"field description", func(s *schema.Schema) { s.Type("Query").Field("f").Description = str("other") }},
		{"field description removed", func(s *schema.Schema) { s.Type("Query").Field("f").Description = nil }},
		{"field description emptied", func(s *schema.Schema) { s.Type("A").Field("id").Description = str("") }},
		{"argument default", func(s *schema.Schema) { s.Type("Query").Field("f").Args[1].DefaultValue = str("[1]") }},
		{"argument default removed", func(s *schema.Schema) { s.Type("Query").Field("f").Args[0].DefaultValue = nil }},
		{"argument deprecation", func(s *schema.Schema) { s.Type("Query").Field("f").Args[0].IsDeprecated = false }},
		{"argument type", func(s *schema.Schema) { s.Type("Query").Field("f").Args[1].Type = schema.ListOf(schema.Named("Int")) }},
		{"field type wrapper", func(s *schema.Schema) {
			s.Type("Query").Field("i").Type = schema.NonNullOf(schema.Named("I"))
		}},
		{"field type name", func(s *schema.Schema) { s.Type("Query").Field("i").Type = schema.Named("A") }},
		{"field deprecation reason", func(s *schema.Schema) { s.Type("Query").Field("f").DeprecationReason = str("why") }},
		{"field undeprecated", func(s *schema.Schema) { s.Type("Query").Field("f").IsDeprecated = false }},
		{"enum value deprecation", func(s *schema.Schema) { s.Type("E").EnumValues[1].IsDeprecated = true }},
		{"enum value description", func(s *schema.Schema) { s.Type("E").EnumValues[0].Description = str("one") }},
		{"interface dropped", func(s *schema.Schema) { s.Type("B").Interfaces = nil }},
		{"union member dropped", func(s *schema.Schema) { s.Type("U").PossibleTypes = []string{"A"} }},
		{"input field default", func(s *schema.Schema) { s.Type("In").InputFields[0].DefaultValue = str(`"x"`) }},
		{"oneOf", func(s *schema.Schema) { s.Type("In").IsOneOf = false }},
		{"oneOf on an object", func(s *schema.Schema) { s.Type("A").IsOneOf = true }},
		{"specifiedBy", func(s *schema.Schema) { s.Type("Url").SpecifiedByURL = nil }},
		{"kind", func(s *schema.Schema) { s.Type("Url").Kind = schema.KindEnum }},
		{"directive repeatable", func(s *schema.Schema) { s.Directives[0].IsRepeatable = false }},
		{"directive location", func(s *schema.Schema) { s.Directives[0].Locations = s.Directives[0].Locations[:1] }},
		{"directive argument default", func(s *schema.Schema) { s.Directives[0].Args[0].DefaultValue = nil }},
		{"directive description", func(s *schema.Schema) { s.Directives[0].Description = str("d") }},
		{"mutation root", func(s *schema.Schema) { s.MutationType = "A" }},
		{"query root", func(s *schema.Schema) { s.QueryType = "A" }},
	}
	subsets := []schema.Capabilities{
		schema.AllCapabilities, {},
		{Descriptions: true}, {DirectiveIsRepeatable: true}, {SpecifiedByURL: true},
		{InputObjectIsOneOf: true}, {InputValueDeprecation: true},
	}
	equal, differ := 0, 0
	for _, m := range mutations {
		for _, caps := range subsets {
			a, b := base.WithCapabilities(caps), base.WithCapabilities(caps)
			m.mutate(b)
			if checkCanonicalEqual(t, m.name, a, b) {
				equal++
			} else {
				differ++
			}
		}
	}
	if equal < len(subsets) || differ < len(mutations) {
		t.Fatalf("%d equal and %d different pairs: the mutations no longer change what they should", equal, differ)
	}
	if !schema.CanonicalEqual(base, base.WithCapabilities(schema.AllCapabilities)) {
		t.Fatal("a schema is not equal to a copy of itself")
	}
	if schema.CanonicalEqual(base, base.WithCapabilities(schema.Capabilities{Descriptions: true})) {
		t.Fatal("schemas carrying different capabilities are equal")
	}
	pairs := 0
	for seed := uint64(1); seed <= 40; seed++ {
		old, new, ok := smallPair(seed)
		if !ok {
			continue
		}
		pairs++
		checkCanonicalEqual(t, "generated pair", old, new)
		checkCanonicalEqual(t, "generated schema and its copy", old, old.WithCapabilities(schema.AllCapabilities))
	}
	if pairs < 20 {
		t.Fatalf("only %d generated pairs", pairs)
	}
	t.Run("railway", func(t *testing.T) {
		for _, p := range testcorpus.Pairs(t) {
			a, err := schema.LoadFile(p.Old.Path)
			if err != nil {
				t.Fatal(err)
			}
			b, err := schema.LoadFile(p.New.Path)
			if err != nil {
				t.Fatal(err)
			}
			checkCanonicalEqual(t, p.Name, a, b.WithCapabilities(a.Capabilities))
		}
	})
}

// smallPair is a generated pair a couple of edits apart.
func smallPair(seed uint64) (old, new *schema.Schema, ok bool) {
	old, new = schemagen.Pair(schemagen.Config{Seed: seed, Entities: 30, Changes: 2})
	return old, new, true
}
