package schema_test

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/internal/schema"
)

// TestRejectsWhatGraphQLJSRejects: schemas that graphql-js refuses to build
// and that our later stages cannot turn into valid output (Go that does not
// compile, duplicate JSON tags, a canonical SDL that reloads differently,
// an empty answer that would erase a snapshot). Each must fail to load
// with a one-line error that says what is wrong.
func TestRejectsWhatGraphQLJSRejects(t *testing.T) {
	tests := []struct {
		name, file, data string
		want             string // substring of the error
	}{
		{"input requiring itself", "s.graphql", "type Query { a(d: D): Int } input D { d: D! }",
			`input object "D" requires itself through non-null fields: D.d`},
		{"non-null cycle through several inputs", "s.graphql", "type Query { a(d: A): Int } input A { b: B! x: Int } input B { c: C! } input C { a: A! }",
			"requires itself through non-null fields: A.b → B.c → C.a"},
		{"input cycle in JSON", "s.json", `{"__schema": {"queryType": {"name": "Q"}, "types": [{"kind": "OBJECT", "name": "Q", "fields": [{"name": "a", "args": [], "type": {"kind": "SCALAR", "name": "Int"}}]}, {"kind": "INPUT_OBJECT", "name": "D", "inputFields": [{"name": "d", "type": {"kind": "NON_NULL", "ofType": {"kind": "INPUT_OBJECT", "name": "D"}}}]}]}}`,
			`input object "D" requires itself`},
		{"__typename field", "s.graphql", "type Query { __typename: String a: Int }", `field "__typename" starts with "__"`},
		{"__ type", "s.graphql", "type Query { a: __Evil } type __Evil { a: Int }", `type "__Evil" starts with "__"`},
		{"__ type in JSON", "s.json", `{"__schema": {"queryType": {"name": "Q"}, "types": [{"kind": "OBJECT", "name": "Q", "fields": [{"name": "a", "args": [], "type": {"kind": "SCALAR", "name": "__Evil"}}]}, {"kind": "SCALAR", "name": "__Evil"}]}}`,
			`type "__Evil" starts with "__"`},
		{"__ argument", "s.graphql", "type Query { a(__x: Int): Int }", `argument "__x" starts with "__"`},
		{"__ enum value", "s.graphql", "type Query { a: E } enum E { __A B }", `enum value "__A" starts with "__"`},
		{"__ directive", "s.graphql", "type Query { a: Int } directive @__d on FIELD", `directive "__d" starts with "__"`},
		{"schema without operation types", "s.graphql", "schema type Mutation { a: Int }", "the schema definition names no root operation types"},
		{"schema with a directive and no operation types", "s.graphql", "schema @a type Query { a: Int } directive @a on SCHEMA", "the schema definition names no root operation types"},
		{"no query type in JSON", "s.json", `{"data":{"__schema":{"queryType":null,"types":[],"directives":[]}}}`, "the schema has no query root type"},
		{"no query type in SDL", "s.graphql", "type Mutation { a: Int }", "the schema has no query root type"},
		{"type ref deeper than introspection asks", "s.graphql", "type Query { a: " + strings.Repeat("[", 10) + "Int" + strings.Repeat("]", 10) + " }",
			"nests type wrappers 11 levels deep"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := schema.Load(tt.file, []byte(tt.data))
			if err == nil {
				t.Fatalf("Load succeeded, want an error containing %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %q, want it to contain %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error spans several lines: %q", err)
			}
		})
	}
}

// TestAcceptsWhatGraphQLJSAccepts: the near misses of the rules above still
// load.
func TestAcceptsWhatGraphQLJSAccepts(t *testing.T) {
	for _, sdl := range []string{
		"type Query { a(d: D): Int } input D { d: D }",
		"type Query { a(d: D): Int } input D { d: [D!]! }",
		"type Query { a(d: A): Int } input A { b: B! } input B { a: A }",
		"type Query { a(d: D): Int } input D @oneOf { d: D e: Int }",
		"type Query { a_b: Int _a: Int a__b: Int }",
		"type Query { a: " + strings.Repeat("[", 4) + "Int!" + strings.Repeat("]!", 4) + " }",
		"schema { query: Q } type Q { a: Int } type Mutation { a: Int }",
	} {
		if _, err := schema.Load("ok.graphql", []byte(sdl)); err != nil {
			t.Errorf("%s: %v", sdl, err)
		}
	}
}

// deepAnswer is an introspection answer whose one field's type nests
// levels NON_NULL/LIST wrappers: what a hostile server can send in a few
// hundred kilobytes.
func deepAnswer(levels int) []byte {
	var b strings.Builder
	b.WriteString(`{"data":{"__schema":{"queryType":{"name":"Q"},"directives":[],"types":[{"kind":"OBJECT","name":"Q","fields":[{"name":"a","args":[],"type":`)
	for i := range levels {
		if i%2 == 0 {
			b.WriteString(`{"kind":"LIST","name":null,"ofType":`)
		} else {
			b.WriteString(`{"kind":"NON_NULL","name":null,"ofType":`)
		}
	}
	b.WriteString(`{"kind":"SCALAR","name":"Int","ofType":null}`)
	b.WriteString(strings.Repeat("}", levels))
	b.WriteString(`}]}]}}}`)
	return []byte(b.String())
}

// TestDeepAnswerIsRejectedCheaply: an answer nesting type references far
// deeper than the introspection query asks is refused, and refusing it
// costs memory of the order of the input, not of its depth squared.
func TestDeepAnswerIsRejectedCheaply(t *testing.T) {
	for _, tt := range []struct {
		name string
		data []byte
		want string
	}{
		{"type wrappers", deepAnswer(9000), "nests deeper than"},
		{"just deeper than asked", deepAnswer(10), "Q.a nests type wrappers 11 levels deep"},
		{"arrays in an unknown key", []byte(`{"extensions":` + strings.Repeat("[", 9000) + strings.Repeat("]", 9000) + `,"data":{"__schema":{"queryType":{"name":"Q"},"types":[]}}}`), "nests deeper than"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			s, err := schema.Load("deep.json", tt.data)
			runtime.ReadMemStats(&after)
			if err == nil {
				t.Fatalf("a %d-byte answer nesting thousands of levels loaded (its canonical JSON is %d bytes)", len(tt.data), len(s.MarshalIntrospection()))
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %q, want it to contain %q", err, tt.want)
			}
			allocated := after.TotalAlloc - before.TotalAlloc
			t.Logf("%d-byte answer: %v; %d bytes allocated", len(tt.data), err, allocated)
			if limit := uint64(8*len(tt.data) + 1<<20); allocated > limit {
				t.Errorf("rejecting a %d-byte answer allocated %d bytes, want at most %d", len(tt.data), allocated, limit)
			}
		})
	}
	// Within the query's depth, an answer loads and its canonical JSON
	// stays proportionate.
	data := deepAnswer(9)
	s, err := schema.Load("ok.json", data)
	if err != nil {
		t.Fatalf("a type nested as deep as the query asks: %v", err)
	}
	if got := len(s.MarshalIntrospection()); got > 4*len(data)+4096 {
		t.Errorf("canonical JSON of a %d-byte answer is %d bytes", len(data), got)
	}
}

// TestLenientSDL: SDL that real APIs publish and graphql-js's strict build
// rejects loads, with a warning each, as graphql-js's assumeValidSDL path
// would; what cannot be given a meaning stays an error.
func TestLenientSDL(t *testing.T) {
	tests := []struct {
		name, sdl string
		want      string   // the canonical SDL of the type Query
		warnings  []string // substrings, one per warning
	}{
		{"field defined twice keeps the first", "type Query { a: Int b: String a: String }",
			"type Query {\n  a: Int\n  b: String\n}\n",
			[]string{"1:31: field Query.a is defined more than once; keeping the first (1:14)"}},
		{"input field defined twice", "type Query { a(i: I): Int } input I { x: Int x: Int }",
			"type Query {\n  a(i: I): Int\n}\n",
			[]string{"input field I.x is defined more than once"}},
		{"duplicate through an extension", "type Query { a: Int } extend type Query { a: String b: Int }",
			"type Query {\n  a: Int\n  b: Int\n}\n",
			[]string{"field Query.a is defined more than once"}},
		{"implements with commas", "type Query implements A, B { a: Int } interface A { a: Int } interface B { a: Int }",
			"type Query implements A & B {\n  a: Int\n}\n",
			[]string{"1:12: type Query: `implements A, B` is the pre-2018 syntax; read as `implements A & B`"}},
		{"implements with spaces", "type Query implements A B { a: Int } interface A { a: Int } interface B { a: Int }",
			"type Query implements A & B {\n  a: Int\n}\n",
			[]string{"`implements A B` is the pre-2018 syntax"}},
		{"implements over lines", "type Query implements\n  A\n  B\n{ a: Int } interface A { a: Int } interface B { a: Int }",
			"type Query implements A & B {\n  a: Int\n}\n",
			[]string{"1:12: type Query: `implements A B` is the pre-2018 syntax"}},
		{"implements with ampersands is fine", "type Query implements A & B { a: Int } interface A { a: Int } interface B { a: Int }",
			"type Query implements A & B {\n  a: Int\n}\n", nil},
		{"interface implementing with commas", "type Query { a: C } interface C implements A, B { a: Int } interface A { a: Int } interface B { a: Int } type T implements C & A & B { a: Int }",
			"type Query {\n  a: C\n}\n",
			[]string{"interface C: `implements A, B` is the pre-2018 syntax"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := schema.Load("lenient.graphql", []byte(tt.sdl))
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			sdl := s.PrintSDL()
			if !strings.Contains(sdl, tt.want) {
				t.Errorf("canonical SDL:\n%s\nwant it to hold:\n%s", sdl, tt.want)
			}
			if len(s.Warnings) != len(tt.warnings) {
				t.Fatalf("warnings = %q, want %d", s.Warnings, len(tt.warnings))
			}
			for i, w := range tt.warnings {
				if !strings.Contains(s.Warnings[i], w) {
					t.Errorf("warning %d = %q, want it to contain %q", i, s.Warnings[i], w)
				}
				if strings.Contains(s.Warnings[i], "\n") {
					t.Errorf("warning spans lines: %q", s.Warnings[i])
				}
			}
			// The canonical SDL is strict SDL: it reloads without warnings.
			again, err := schema.ParseSDL("canonical.graphql", sdl)
			if err != nil || len(again.Warnings) > 0 || again.PrintSDL() != sdl {
				t.Errorf("canonical SDL does not reload as itself (err %v, warnings %q)", err, again.Warnings)
			}
		})
	}
	for _, sdl := range []string{
		"type Query implements A, Nope { a: Int } interface A { a: Int }",
		"type Query { a: Int a: Missing }",
	} {
		if _, err := schema.Load("bad.graphql", []byte(sdl)); err == nil {
			t.Errorf("%s loaded; an undefined type must stay an error", sdl)
		}
	}
}

func ExampleSchema_Warnings() {
	s, err := schema.Load("legacy.graphql", []byte("type Query implements Node, Named { id: ID name: String id: ID }\ninterface Node { id: ID }\ninterface Named { name: String }"))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, w := range s.Warnings {
		fmt.Println(w)
	}
	// Output:
	// legacy.graphql:1:12: type Query: `implements Node, Named` is the pre-2018 syntax; read as `implements Node & Named`
	// legacy.graphql:1:57: field Query.id is defined more than once; keeping the first (1:37)
}
