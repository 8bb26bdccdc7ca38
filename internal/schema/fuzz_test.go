package schema_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/schemawatch/schemawatch/internal/schema"
)

// FuzzLoad feeds the loader arbitrary SDL and JSON. It must never panic,
// and whatever loads, with warnings or without, must print canonically:
// the canonical JSON reads back to the very same model, the canonical SDL
// reads back without warnings and prints the same bytes again, and
// printing is deterministic.
func FuzzLoad(f *testing.F) {
	for _, seed := range []string{
		"type Query { a: Int }",
		`"" type Query { "d" a(x: [In!] = [{p: 1}]): E @deprecated(reason: "r") } enum E { A B @deprecated } input In @oneOf { p: Int q: String }`,
		"schema { query: Q } type Q implements I { a: U } interface I { a: U } union U = Q scalar S @specifiedBy(url: \"u\") directive @d(a: Int = 1) repeatable on FIELD | QUERY",
		`{"data":{"__schema":{"queryType":{"name":"Q"},"types":[{"kind":"OBJECT","name":"Q","description":"","fields":[{"name":"a","args":[{"name":"x","type":{"kind":"NON_NULL","ofType":{"kind":"SCALAR","name":"Int"}},"defaultValue":"1"}],"type":{"kind":"SCALAR","name":"Int"},"isDeprecated":true,"deprecationReason":null}]}],"directives":[{"name":"d","locations":["FIELD"],"args":[],"isRepeatable":true}]}}}`,
		// Lenient SDL: legacy interface lists, a field defined twice.
		"type Query implements A, B { a: Int a: String } interface A { a: Int } interface B\n{ a: Int } input I { x: I x: Int }",
		"type Query { a(i: I): [[Int!]] } input I { j: J! } input J { i: I }",
	} {
		f.Add([]byte(seed))
	}
	if data, err := os.ReadFile(filepath.Join("testdata", "features.graphql")); err == nil {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		s, err := schema.Load("fuzz", doc)
		if err != nil {
			return
		}
		js := s.MarshalIntrospection()
		back, err := schema.ParseIntrospection(js)
		if err != nil {
			t.Fatalf("canonical JSON does not load: %v\n%s", err, js)
		}
		if !bytes.Equal(back.MarshalIntrospection(), js) {
			t.Fatalf("canonical JSON is not stable")
		}
		sdl := s.PrintSDL()
		if sdl != s.PrintSDL() {
			t.Fatal("printing SDL is not deterministic")
		}
		again, err := schema.ParseSDL("canonical", sdl)
		if err != nil {
			t.Fatalf("canonical SDL does not load: %v\n%s", err, sdl)
		}
		if len(again.Warnings) > 0 {
			t.Fatalf("canonical SDL loads only with warnings %q:\n%s", again.Warnings, sdl)
		}
		if again.PrintSDL() != sdl {
			t.Fatalf("canonical SDL is not stable:\n%s\n---\n%s", sdl, again.PrintSDL())
		}
	})
}
