package schema_test

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/schemagen"
	"github.com/schemawatch/schemawatch/internal/testcorpus"
)

// hostileSDL carries the text a server may send in descriptions, reasons
// and default values: quotes, backslashes, controls, line and paragraph
// separators, HTML, non-ASCII letters and emoji.
const hostileSDL = `
"""
Quote " backslash \ tab	end; <script>&amp;</script> ünïcödé 😀 ` + "\u2028\u2029\u007f\u0080" + `
"""
type Query {
  "a \"quoted\" \\ \u0001 \b \f \n \r \t \u001f"
  f(
    "arg"
    a: String = "x\"y\\z\u0000\u2028" @deprecated(reason: "</ok> \u00e9")
    b: [Int!] = [1, 2]
    c: In = {s: "\u00ff", l: [[1]]}
  ): [[String!]!] @deprecated(reason: "\u2029 gone")
  i: I
  u: U
  e: E
}
interface I { id: ID }
type A implements I { id: ID }
type B implements I { id: ID }
union U = A | B
enum E { ONE @deprecated(reason: "é") TWO }
input In @oneOf { s: String, l: [[Int]] }
scalar Url @specifiedBy(url: "https://example.com/\"url\"")
directive @tag(name: String! = "\u0007") repeatable on FIELD_DEFINITION | OBJECT
`

// The hand-written canonical JSON must be, byte for byte, what marshalling
// the wire structs wrote before: every snapshot already committed keeps its
// hash. Checked for every capability subset that matters, on the demo API,
// hostile text, a generated large schema and every Railway version.
func TestMarshalIntrospectionMatchesWireEncoding(t *testing.T) {
	sources := map[string]*schema.Schema{}
	load := func(name, path string) {
		t.Helper()
		s, err := schema.LoadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		sources[name] = s
	}
	load("demo", filepath.Join(testcorpus.ModuleRoot(t), "snapshots", "demo", "schema.json"))
	hostile, err := schema.Load("hostile.graphql", []byte(hostileSDL))
	if err != nil {
		t.Fatal(err)
	}
	sources["hostile"] = hostile
	old, new := schemagen.Pair(schemagen.Config{Seed: 3, Entities: 40, Changes: 60})
	sources["generated old"], sources["generated new"] = old, new
	for name, s := range sources {
		checkMatchesWireEncoding(t, name, s)
	}
	t.Run("railway", func(t *testing.T) {
		for _, v := range testcorpus.Railway(t) {
			s, err := schema.LoadFile(v.Path)
			if err != nil {
				t.Fatal(err)
			}
			got, want := s.MarshalIntrospection(), schema.WireMarshalIntrospection(s)
			if !bytes.Equal(got, want) {
				t.Errorf("%s: output differs from the wire encoding", v.File)
			}
		}
	})
}

func checkMatchesWireEncoding(t *testing.T, name string, s *schema.Schema) {
	t.Helper()
	subsets := []schema.Capabilities{
		schema.AllCapabilities,
		{},
		{Descriptions: true},
		{DirectiveIsRepeatable: true},
		{SpecifiedByURL: true},
		{InputObjectIsOneOf: true},
		{InputValueDeprecation: true},
	}
	for _, caps := range subsets {
		r := s.WithCapabilities(caps)
		got, want := r.MarshalIntrospection(), schema.WireMarshalIntrospection(r)
		if !bytes.Equal(got, want) {
			i := 0
			for i < len(got) && i < len(want) && got[i] == want[i] {
				i++
			}
			t.Fatalf("%s with %+v: output differs from the wire encoding at byte %d:\ngot  …%s…\nwant …%s…", name, caps, i, excerpt(got, i), excerpt(want, i))
		}
	}
}

func excerpt(b []byte, i int) []byte {
	return b[max(0, i-80):min(len(b), i+80)]
}
