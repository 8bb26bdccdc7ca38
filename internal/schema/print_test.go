package schema_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/schemagen"
	"github.com/schemawatch/schemawatch/internal/testcorpus"
)

// TestPrintSDLMatchesReference holds the SDL printer to the printer it
// replaced (schema.ReferencePrintSDL), byte for byte, on every Railway
// version, a generated large pair, and the feature file.
func TestPrintSDLMatchesReference(t *testing.T) {
	schemas := map[string]*schema.Schema{}
	old, new := schemagen.Pair(schemagen.Config{Seed: 7, Entities: 40, Changes: 120})
	schemas["generated old"], schemas["generated new"] = old, new
	features, err := schema.LoadFile(filepath.Join("testdata", "features.graphql"))
	if err != nil {
		t.Fatal(err)
	}
	schemas["features"] = features
	for name, s := range schemas {
		checkSDLAgainstReference(t, name, s)
	}
	t.Run("railway", func(t *testing.T) {
		for _, v := range testcorpus.Railway(t) {
			s, err := schema.LoadFile(v.Path)
			if err != nil {
				t.Fatalf("%s: %v", v.File, err)
			}
			checkSDLAgainstReference(t, v.File, s)
		}
	})
}

func checkSDLAgainstReference(t *testing.T, name string, s *schema.Schema) {
	t.Helper()
	want := schema.ReferencePrintSDL(s)
	if got := s.MarshalSDL(); string(got) != want {
		i := 0
		for i < len(got) && i < len(want) && got[i] == want[i] {
			i++
		}
		t.Fatalf("%s: MarshalSDL differs from the reference at byte %d:\n got %q\nwant %q", name, i, clipAt(string(got), i), clipAt(want, i))
	}
	if got := s.PrintSDL(); got != want {
		t.Fatalf("%s: PrintSDL differs from the reference", name)
	}
}

func clipAt(s string, i int) string {
	return s[max(i-40, 0):min(i+40, len(s))]
}

// FuzzWritersMatchReferences: whatever loads prints the same SDL as the
// reference printer and the same JSON as the wire encoding, hostile
// descriptions, reasons and defaults included.
func FuzzWritersMatchReferences(f *testing.F) {
	for _, seed := range []string{
		"type Query { a: Int }",
		`"" type Query { "d" a(x: [In!] = [{p: 1}]): E @deprecated(reason: "r\u0085\"\\") } enum E { A B @deprecated } input In @oneOf { p: Int q: String }`,
		"schema { query: Q } type Q implements I { a: U } interface I { a: U } union U = Q scalar S @specifiedBy(url: \"u\\n\") directive @d(\"x\" a: Int = 1) repeatable on FIELD | QUERY",
		"\"\"\"\n  indented\n\n last \"\"\\\"\"\" \"\"\"\n\"\"\" type Query { \"\"\"a\n\nb\"\"\" a(\"\"\"  x\"\"\" x: Int): Int }",
		`{"data":{"__schema":{"queryType":{"name":"Q"},"types":[{"kind":"OBJECT","name":"Q","description":"\u0000\t\r\n \"\"\"","fields":[{"name":"a","description":"é\u2028\n","args":[],"type":{"kind":"SCALAR","name":"Int"},"isDeprecated":true,"deprecationReason":"\u007f"}]}],"directives":[]}}}`,
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
		checkSDLAgainstReference(t, "fuzz", s)
		if !bytes.Equal(s.MarshalIntrospection(), schema.WireMarshalIntrospection(s)) {
			t.Fatalf("MarshalIntrospection differs from the wire encoding:\n%s", s.MarshalIntrospection())
		}
		if !bytes.Equal(s.MarshalSDL(), s.MarshalSDL()) {
			t.Fatal("printing SDL is not deterministic")
		}
	})
}

// TestWritersDeepTypes: types wrapped as deep as a schema may wrap them.
func TestWritersDeepTypes(t *testing.T) {
	for _, depth := range []int{1, 2, 3, 4} { // 2*depth+1 <= schema.MaxTypeRefDepth
		typ := strings.Repeat("[", depth) + "Int!" + strings.Repeat("]", depth)
		s, err := schema.Load("deep.graphql", []byte("type Query { a(x: "+typ+"): "+typ+" }"))
		if err != nil {
			t.Fatalf("depth %d: %v", depth, err)
		}
		checkSDLAgainstReference(t, "deep", s)
		if got, want := s.MarshalIntrospection(), schema.WireMarshalIntrospection(s); !bytes.Equal(got, want) {
			t.Fatalf("depth %d: MarshalIntrospection differs from the wire encoding", depth)
		}
	}
}
