package schema_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/schemawatch/schemawatch/internal/golden"
	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/testcorpus"
)

func mustParseSDL(t *testing.T, sdl string) *schema.Schema {
	t.Helper()
	s, err := schema.ParseSDL("test.graphql", sdl)
	if err != nil {
		t.Fatalf("ParseSDL: %v", err)
	}
	return s
}

// reparseSDL prints s as canonical SDL and loads that back, with s's
// capabilities (SDL itself carries all of them).
func reparseSDL(t *testing.T, s *schema.Schema) *schema.Schema {
	t.Helper()
	back, err := schema.ParseSDL("canonical.graphql", s.PrintSDL())
	if err != nil {
		t.Fatalf("canonical SDL does not parse back: %v", err)
	}
	back.Capabilities = s.Capabilities
	return back
}

// TestRailwayCorpusRoundTrip loads every real Railway version and checks
// that canonical SDL and canonical JSON both read back to the same model,
// and that printing is deterministic.
func TestRailwayCorpusRoundTrip(t *testing.T) {
	versions := testcorpus.Railway(t)
	if len(versions) != 48 {
		t.Fatalf("the corpus has %d versions, want 48", len(versions))
	}
	formats := map[string]int{}
	for _, v := range versions {
		t.Run(v.File, func(t *testing.T) {
			t.Parallel()
			s, err := schema.LoadFile(v.Path)
			if err != nil {
				t.Fatal(err)
			}
			sdl := s.PrintSDL()
			if diff := cmp.Diff(s, reparseSDL(t, s)); diff != "" {
				t.Errorf("JSON/SDL → model → canonical SDL → model differs:\n%s", diff)
			}
			js := s.MarshalIntrospection()
			back, err := schema.ParseIntrospection(js)
			if err != nil {
				t.Fatalf("canonical JSON does not parse back: %v", err)
			}
			if diff := cmp.Diff(s, back); diff != "" {
				t.Errorf("model → canonical JSON → model differs:\n%s", diff)
			}
			again, err := schema.LoadFile(v.Path)
			if err != nil {
				t.Fatal(err)
			}
			if again.PrintSDL() != sdl || !bytes.Equal(again.MarshalIntrospection(), js) {
				t.Error("two loads of the same file print different bytes")
			}
		})
		formats[v.Format]++
	}
	if formats["graphql"] != 10 || formats["json"] != 38 {
		t.Errorf("formats = %v, want 10 graphql and 38 json", formats)
	}
}

// TestCorpusSnapshotCapabilities pins what the corpus carries: SDL carries
// everything, Railway's JSON only descriptions (its CLI's introspection
// query asks for nothing newer).
func TestCorpusSnapshotCapabilities(t *testing.T) {
	for _, v := range testcorpus.Railway(t) {
		s, err := schema.LoadFile(v.Path)
		if err != nil {
			t.Fatal(err)
		}
		want := schema.AllCapabilities
		if v.Format == "json" {
			want = schema.Capabilities{Descriptions: true}
		}
		if s.Capabilities != want {
			t.Errorf("%s: capabilities %v, want %v", v.File, s.Capabilities.Names(), want.Names())
		}
	}
	newest, err := schema.LoadFile(testcorpus.Newest(t).Path)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(newest.Types); got != 601 {
		t.Errorf("the newest version has %d types, want 601", got)
	}
}

// TestFixture renders our own fixture, which uses every feature of the
// model, as golden canonical SDL and JSON, and checks both read back.
func TestFixture(t *testing.T) {
	s, err := schema.LoadFile(filepath.Join("testdata", "features.graphql"))
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", "features.canonical.graphql"), []byte(s.PrintSDL()))
	golden.Check(t, filepath.Join("testdata", "features.canonical.json"), s.MarshalIntrospection())
	if diff := cmp.Diff(s, reparseSDL(t, s)); diff != "" {
		t.Errorf("SDL round trip:\n%s", diff)
	}
	back, err := schema.ParseIntrospection(s.MarshalIntrospection())
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(s, back); diff != "" {
		t.Errorf("JSON round trip:\n%s", diff)
	}
	if _, err := s.ValidationSchema(); err != nil {
		t.Errorf("ValidationSchema: %v", err)
	}
}

func str(s string) *string { return &s }

// TestFixtureModel checks the model holds what the fixture says.
func TestFixtureModel(t *testing.T) {
	s, err := schema.LoadFile(filepath.Join("testdata", "features.graphql"))
	if err != nil {
		t.Fatal(err)
	}
	if s.QueryType != "Root" || s.MutationType != "Mutation" || s.SubscriptionType != "" {
		t.Errorf("roots = %q %q %q", s.QueryType, s.MutationType, s.SubscriptionType)
	}
	thing := s.Type("Thing")
	tests := []struct {
		name string
		got  any
		want any
	}{
		{"interfaces sorted", thing.Interfaces, []string{"Node", "Resource"}},
		{"empty description kept", thing.Field("emptyDescribed").Description, str("")},
		{"no description is nil", thing.Field("id").Description, (*string)(nil)},
		{"empty scalar description", s.Type("Empty").Description, str("")},
		{"empty input field description after an empty-string default", s.Type("Filter").InputField("tags").Description, str("")},
		{"empty-string default", s.Type("Filter").InputField("q").DefaultValue, str(`""`)},
		{"block description", *thing.Description, "A thing.\n\nWith a second paragraph, and \"quotes\", and a \"\"\"triple quote\"\"\"."},
		{"escaped description", *s.Type("Root").Field("escaped").Description, "\ttab and é and \\backslash"},
		{"object default canonical", *thing.Field("list").Arg("filter").DefaultValue, `{q: "x", tags: ["a", "b"], nested: {on: true}}`},
		{"list default kept as written", *thing.Field("list").Arg("ids").DefaultValue, "1"},
		{"float default raw", *s.Type("Nested").InputField("n").DefaultValue, "1.5e3"},
		{"null default", *s.Type("Root").Field("things").Arg("limit").DefaultValue, "null"},
		{"type ref", thing.Field("list").Type.String(), "[[Thing!]]!"},
		{"deprecation reason", *thing.Field("old").DeprecationReason, "Use `url`.\nSecond line."},
		{"bare @deprecated has no reason", s.Type("CacheScope").EnumValues[0].Name + fmtReason(enumValue(s, "CacheScope", "OLD")), "OLD:deprecated:<nil>"},
		{"default text reason kept", fmtReason(enumValue(s, "CacheScope", "OLDEST")), ":deprecated:No longer supported"},
		{"argument deprecation", s.Type("Root").Field("things").Arg("after").IsDeprecated, true},
		{"input field deprecation", *s.Type("Filter").InputField("gone").DeprecationReason, "Unused."},
		{"specifiedBy", *s.Type("URL").SpecifiedByURL, "https://url.spec.whatwg.org/"},
		{"oneOf", s.Type("Choice").IsOneOf, true},
		{"not oneOf", s.Type("Filter").IsOneOf, false},
		{"union members", s.Type("Anything").PossibleTypes, []string{"Other", "Thing"}},
		{"interface implementations", s.Implementations("Node"), []string{"Other", "Thing"}},
		{"extension merged", s.Type("Root").Field("extended").Type.String(), "Int"},
		{"repeatable", s.Directive("cache").IsRepeatable, true},
		{"locations in spec order", s.Directive("cache").Locations, []string{"QUERY", "OBJECT", "FIELD_DEFINITION"}},
		{"directive arg default", *s.Directive("cache").Arg("scope").DefaultValue, "PRIVATE"},
		{"standard scalars: String, Boolean and those referenced", scalarNames(s), []string{"Boolean", "Empty", "Float", "ID", "Int", "String", "URL", "Upload"}},
		{"specified directives left out", s.Directive("deprecated") == nil && s.Directive("tag") != nil, true},
	}
	for _, tt := range tests {
		if !reflect.DeepEqual(tt.got, tt.want) {
			t.Errorf("%s: got %#v, want %#v", tt.name, deref(tt.got), deref(tt.want))
		}
	}
}

func enumValue(s *schema.Schema, typ, name string) *schema.EnumValue {
	for _, v := range s.Type(typ).EnumValues {
		if v.Name == name {
			return v
		}
	}
	return nil
}

func fmtReason(v *schema.EnumValue) string {
	if v == nil {
		return "missing"
	}
	out := ":"
	if v.IsDeprecated {
		out += "deprecated:"
	}
	if v.DeprecationReason == nil {
		return out + "<nil>"
	}
	return out + *v.DeprecationReason
}

func scalarNames(s *schema.Schema) []string {
	var names []string
	for _, t := range s.Types {
		if t.Kind == schema.KindScalar {
			names = append(names, t.Name)
		}
	}
	return names
}

func deref(v any) any {
	if p, ok := v.(*string); ok && p != nil {
		return *p
	}
	return v
}

func TestEmptyDescriptionRecovery(t *testing.T) {
	tests := []struct {
		name, sdl string
		path      func(*schema.Schema) *string
		want      *string
	}{
		{"type", `"" type Query { a: Int }`, func(s *schema.Schema) *string { return s.Type("Query").Description }, str("")},
		{"type without", `type Query { a: Int }`, func(s *schema.Schema) *string { return s.Type("Query").Description }, nil},
		{"block string", `"""""" type Query { a: Int }`, func(s *schema.Schema) *string { return s.Type("Query").Description }, str("")},
		{"field", `type Query { "" a: Int }`, func(s *schema.Schema) *string { return s.Type("Query").Field("a").Description }, str("")},
		{"argument", `type Query { a("" x: Int): Int }`, func(s *schema.Schema) *string { return s.Type("Query").Field("a").Arg("x").Description }, str("")},
		{"default value is not a description", `type Query { a: Int } input I { x: String = "" y: Int }`,
			func(s *schema.Schema) *string { return s.Type("I").InputField("y").Description }, nil},
		{"description after an empty default", `type Query { a: Int } input I { x: String = "" "" y: Int }`,
			func(s *schema.Schema) *string { return s.Type("I").InputField("y").Description }, str("")},
		{"directive argument value is not a description", `type Query { a: Int @deprecated(reason: "") b: Int }`,
			func(s *schema.Schema) *string { return s.Type("Query").Field("b").Description }, nil},
		{"enum value", `type Query { a: E } enum E { "" A B }`, func(s *schema.Schema) *string { return enumValue(s, "E", "A").Description }, str("")},
		{"comment between", "type Query { \"\" # note\n a: Int }", func(s *schema.Schema) *string { return s.Type("Query").Field("a").Description }, str("")},
		{"directive", `"" directive @d on FIELD type Query { a: Int }`, func(s *schema.Schema) *string { return s.Directive("d").Description }, str("")},
		{"list default ending in an empty string", `type Query { a: Int } input I { x: [String] = ["a", ""] y: Int }`,
			func(s *schema.Schema) *string { return s.Type("I").InputField("y").Description }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := mustParseSDL(t, tt.sdl)
			if got := tt.path(s); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("description = %v, want %v", deref(got), deref(tt.want))
			}
		})
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name, file, data string
		want             string // substring of the error
	}{
		{"invalid SDL names line and column", "bad.graphql", "type Query {\n  a: Int\n  b(: Int\n}", "bad.graphql:3:"},
		{"undefined type", "u.graphql", "type Query { a: Missing }", `u.graphql: invalid schema: Query.a references undefined type "Missing"`},
		{"undefined interface", "u.graphql", "type Query implements Nope { a: Int }", `implements undefined interface "Nope"`},
		{"union member not an object", "u.graphql", "type Query { a: U } union U = E enum E { X }", `has member "E", which is ENUM, not an object`},
		{"duplicate type", "d.graphql", "type Query { a: Int } type Query { b: Int }", "defined more than once"},
		{"extension of an undefined type", "x.graphql", "type Query { a: Int } extend type Nope { b: Int }", "type Nope is not defined"},
		{"missing root", "r.graphql", "schema { query: Q } type Query { a: Int }", `the query root type "Q" is not defined`},
		{"truncated JSON", "t.json", `{"data": {"__schema": {"types": [`, "t.json:1:34: invalid JSON: unexpected end of input (is the file truncated?)"},
		{"JSON syntax error position", "s.json", "{\n  \"data\": nope\n}", "s.json:2:12: invalid JSON: invalid character 'o'"},
		{"not an introspection result", "n.json", `{"hello": "world"}`, `n.json: not an introspection result: no "data.__schema"`},
		{"errors and no data", "e.json", `{"errors": [{"message": "boom"}]}`, "carries errors and no data: boom"},
		{"wrong JSON type", "w.json", `{"__schema": {"types": "nope"}}`, "w.json:1:24: not an introspection result: __schema.types holds a string, want an array"},
		{"type ref cut short", "c.json", `{"__schema": {"queryType": {"name": "Q"}, "types": [{"kind": "OBJECT", "name": "Q", "fields": [{"name": "a", "args": [], "type": {"kind": "NON_NULL", "name": null, "ofType": null}}]}]}}`,
			"the type of Q.a is cut short"},
		{"undefined type in JSON", "u.json", `{"__schema": {"queryType": {"name": "Q"}, "types": [{"kind": "OBJECT", "name": "Q", "fields": [{"name": "a", "args": [], "type": {"kind": "OBJECT", "name": "Gone"}}]}]}}`,
			`Q.a references undefined type "Gone"`},
		{"invalid default literal", "d.json", `{"__schema": {"queryType": {"name": "Q"}, "types": [{"kind": "OBJECT", "name": "Q", "fields": [{"name": "a", "type": {"kind": "SCALAR", "name": "Int"}, "args": [{"name": "x", "type": {"kind": "SCALAR", "name": "Int"}, "defaultValue": "{"}]}]}]}}`,
			"default value of Q.a.x: invalid value literal"},
		{"variable in a default", "v.graphql", "type Query { a(x: Int = $v): Int }", "v.graphql:1:"},
		{"truncated gzip", "g.json.gz", string(gzipped(t, `{"__schema": {}}`)[:20]), "gzip"},
		{"a name GraphQL cannot spell", "n.json", `{"__schema": {"queryType": {"name": "Q"}, "types": [{"kind": "OBJECT", "name": "Q", "fields": [{"name": "a-b", "args": [], "type": {"kind": "SCALAR", "name": "Int"}}]}]}}`,
			`invalid schema: field "a-b" is not a GraphQL name`},
		{"a reserved enum value", "e.json", `{"__schema": {"queryType": {"name": "Q"}, "types": [{"kind": "OBJECT", "name": "Q", "fields": [{"name": "a", "args": [], "type": {"kind": "ENUM", "name": "E"}}]}, {"kind": "ENUM", "name": "E", "enumValues": [{"name": "null"}]}]}}`,
			`enum value "null" is reserved`},
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

func gzipped(t *testing.T, s string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if _, err := zw.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func gunzip(t testing.TB, data []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestIntrospectionForms(t *testing.T) {
	inner := `{"queryType": {"name": "Q"}, "types": [{"kind": "OBJECT", "name": "Q", "description": null, "fields": [{"name": "a", "args": [], "type": {"kind": "SCALAR", "name": "String", "ofType": null}, "isDeprecated": false, "deprecationReason": null}]}], "directives": []}`
	want := mustParseSDL(t, "schema { query: Q } type Q { a: String }")
	want.Capabilities = schema.Capabilities{Descriptions: true}
	for name, doc := range map[string]string{
		"response":      `{"data": {"__schema": ` + inner + `}}`,
		"data":          `{"__schema": ` + inner + `}`,
		"bare __schema": inner,
		"gzip":          string(gzipped(t, `{"data": {"__schema": `+inner+`}}`)),
	} {
		t.Run(name, func(t *testing.T) {
			got, err := schema.Load("x", []byte(doc))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Error(diff)
			}
		})
	}
}

// TestCapabilityDetection: a property counts as carried when its key is
// present, and what is not carried stays zero.
func TestCapabilityDetection(t *testing.T) {
	typ := func(extra string) string {
		return `{"kind": "INPUT_OBJECT", "name": "I"` + extra + `, "inputFields": [{"name": "f", "type": {"kind": "SCALAR", "name": "Int"}, "defaultValue": null}]}`
	}
	doc := func(types, dirs string) string {
		return `{"__schema": {"queryType": {"name": "Q"}, "types": [{"kind": "OBJECT", "name": "Q", "fields": [{"name": "i", "args": [], "type": {"kind": "SCALAR", "name": "Int"}}]}, ` + types + `], "directives": [` + dirs + `]}}`
	}
	tests := []struct {
		name string
		json string
		want schema.Capabilities
	}{
		{"nothing optional", doc(typ(""), `{"name": "d", "locations": ["FIELD"], "args": []}`), schema.Capabilities{}},
		{"descriptions", doc(typ(`, "description": null`), ``), schema.Capabilities{Descriptions: true}},
		{"isOneOf", doc(typ(`, "isOneOf": true`), ``), schema.Capabilities{InputObjectIsOneOf: true}},
		{"specifiedByURL", doc(typ(`, "specifiedByURL": null`), ``), schema.Capabilities{SpecifiedByURL: true}},
		{"isRepeatable", doc(typ(""), `{"name": "d", "isRepeatable": false, "locations": ["FIELD"], "args": []}`), schema.Capabilities{DirectiveIsRepeatable: true}},
		{"input value deprecation", doc(`{"kind": "INPUT_OBJECT", "name": "I", "inputFields": [{"name": "f", "type": {"kind": "SCALAR", "name": "Int"}, "defaultValue": null, "isDeprecated": true, "deprecationReason": "x"}]}`, ``),
			schema.Capabilities{InputValueDeprecation: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := schema.ParseIntrospection([]byte(tt.json))
			if err != nil {
				t.Fatal(err)
			}
			if s.Capabilities != tt.want {
				t.Errorf("capabilities = %v, want %v", s.Capabilities.Names(), tt.want.Names())
			}
			// The canonical JSON writes exactly the carried keys.
			back, err := schema.ParseIntrospection(s.MarshalIntrospection())
			if err != nil {
				t.Fatal(err)
			}
			if back.Capabilities != tt.want {
				t.Errorf("after canonical JSON: capabilities = %v, want %v", back.Capabilities.Names(), tt.want.Names())
			}
		})
	}
}

// TestDeprecationState follows docs/breaking-changes.md §1.4/D5: the isDeprecated flag decides,
// the reason only when the flag is absent.
func TestDeprecationState(t *testing.T) {
	load := func(field string) *schema.Field {
		t.Helper()
		s, err := schema.ParseIntrospection([]byte(`{"__schema": {"queryType": {"name": "Q"}, "types": [{"kind": "OBJECT", "name": "Q", "fields": [` + field + `]}]}}`))
		if err != nil {
			t.Fatal(err)
		}
		return s.Type("Q").Field("a")
	}
	base := `{"name": "a", "args": [], "type": {"kind": "SCALAR", "name": "Int"}`
	tests := []struct {
		name       string
		field      string
		deprecated bool
		reason     *string
	}{
		{"flag true, no reason", base + `, "isDeprecated": true, "deprecationReason": null}`, true, nil},
		{"flag false, reason", base + `, "isDeprecated": false, "deprecationReason": "x"}`, false, str("x")},
		{"no flag, reason", base + `, "deprecationReason": "x"}`, true, str("x")},
		{"no flag, no reason", base + `}`, false, nil},
	}
	for _, tt := range tests {
		f := load(tt.field)
		if f.IsDeprecated != tt.deprecated || !reflect.DeepEqual(f.DeprecationReason, tt.reason) {
			t.Errorf("%s: deprecated=%v reason=%v, want %v %v", tt.name, f.IsDeprecated, deref(f.DeprecationReason), tt.deprecated, deref(tt.reason))
		}
	}
}

// TestDefaultValuesCanonical: the same default written differently by two
// servers is the same string in the model.
func TestDefaultValuesCanonical(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{a:1,b:"x"}`, `{a: 1, b: "x"}`},
		{`[ 1 , 2 ]`, `[1, 2]`},
		{`"""block"""`, `"block"`},
		{`"\u00e9\n"`, `"é\n"`},
		{`"tab\there"`, `"tab\there"`},
		{`ENUM_VALUE`, `ENUM_VALUE`},
		{`null`, `null`},
		{`-0.5e10`, `-0.5e10`},
		{`{nested: {list: [{a: null}]}}`, `{nested: {list: [{a: null}]}}`},
	}
	for _, tt := range tests {
		v, err := schema.ParseValue(tt.in)
		if err != nil {
			t.Errorf("ParseValue(%q): %v", tt.in, err)
			continue
		}
		if got := schema.PrintValue(v); got != tt.want {
			t.Errorf("PrintValue(ParseValue(%q)) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, bad := range []string{``, `{`, `1) f2(v: 2`, `1, w: 2`, `$var`, `[$v]`, `1 # comment`} {
		if v, err := schema.ParseValue(bad); err == nil && bad != `1 # comment` {
			t.Errorf("ParseValue(%q) = %v, want an error", bad, schema.PrintValue(v))
		} else if bad == `1 # comment` && (err != nil || schema.PrintValue(v) != "1") {
			t.Errorf("ParseValue(%q) = %v, %v; want 1", bad, v, err)
		}
	}
}

// TestDescriptionPrinting: every description prints as something that reads
// back to exactly the same text.
func TestDescriptionPrinting(t *testing.T) {
	for _, d := range []string{
		"", "short", "ends with a quote\"", `ends with a backslash\`, "  leading spaces", "trailing spaces  ",
		"\nleading newline", "trailing newline\n", "a\n  indented\nb", "  all\n  indented", "has \"\"\" inside",
		"tab\tand\r\ncarriage return", "control \x01 char", strings.Repeat("long line ", 20), "unicode é ✓",
	} {
		s := mustParseSDL(t, "type Query { a: Int }")
		s.Type("Query").Description = str(d)
		s.Type("Query").Field("a").Description = str(d)
		back := reparseSDL(t, s)
		if got := back.Type("Query").Description; got == nil || *got != d {
			t.Errorf("type description %q read back as %v:\n%s", d, deref(got), s.PrintSDL())
		}
		if got := back.Type("Query").Field("a").Description; got == nil || *got != d {
			t.Errorf("field description %q read back as %v:\n%s", d, deref(got), s.PrintSDL())
		}
	}
}

// TestCanonicalOrderIgnoresSourceOrder: reordering anything in the source
// does not change a byte of the output.
func TestCanonicalOrderIgnoresSourceOrder(t *testing.T) {
	a := mustParseSDL(t, `type Query { b(y: Int, x: Int): E a: U } enum E { Z A } union U = T2 | T1 type T1 { f: Int } type T2 { g: Int } directive @d on FIELD | QUERY`)
	b := mustParseSDL(t, `directive @d on QUERY | FIELD type T2 { g: Int } type T1 { f: Int } union U = T1 | T2 enum E { A Z } type Query { a: U b(x: Int, y: Int): E }`)
	if a.PrintSDL() != b.PrintSDL() {
		t.Errorf("different source order, different SDL:\n%s\n---\n%s", a.PrintSDL(), b.PrintSDL())
	}
	if !bytes.Equal(a.MarshalIntrospection(), b.MarshalIntrospection()) {
		t.Error("different source order, different JSON")
	}
}

// TestCanonicalJSONIsAnIntrospectionResult: the canonical JSON has the
// shape graphql-js expects, standard scalars and specified directives
// included.
func TestCanonicalJSONIsAnIntrospectionResult(t *testing.T) {
	s, err := schema.LoadFile(filepath.Join("testdata", "features.graphql"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Data struct {
			Schema struct {
				QueryType  struct{ Name string } `json:"queryType"`
				Types      []struct{ Name, Kind string }
				Directives []struct{ Name string }
			} `json:"__schema"`
		} `json:"data"`
	}
	if err := json.Unmarshal(s.MarshalIntrospection(), &doc); err != nil {
		t.Fatal(err)
	}
	var dirs []string
	for _, d := range doc.Data.Schema.Directives {
		dirs = append(dirs, d.Name)
	}
	if want := []string{"cache", "deprecated", "include", "oneOf", "skip", "specifiedBy", "tag"}; !reflect.DeepEqual(dirs, want) {
		t.Errorf("directives = %v, want %v", dirs, want)
	}
	if doc.Data.Schema.QueryType.Name != "Root" {
		t.Errorf("queryType = %q", doc.Data.Schema.QueryType.Name)
	}
}

// TestNullEntriesAreErrors: null where an introspection result has objects
// is an error, never a crash.
func TestNullEntriesAreErrors(t *testing.T) {
	for _, doc := range []string{
		`{"__schema": {"queryType": {"name": "Q"}, "types": [null]}}`,
		`{"__schema": {"queryType": {"name": "Q"}, "types": [], "directives": [null]}}`,
		`{"__schema": {"queryType": {"name": "Q"}, "types": [{"kind": "OBJECT", "name": "Q", "fields": [null]}]}}`,
		`{"__schema": {"queryType": {"name": "Q"}, "types": [{"kind": "OBJECT", "name": "Q", "fields": [{"name": "a", "type": {"kind": "SCALAR", "name": "Int"}, "args": [null]}]}]}}`,
		`{"__schema": {"queryType": {"name": "Q"}, "types": [{"kind": "INPUT_OBJECT", "name": "I", "inputFields": [null]}]}}`,
		`{"__schema": {"queryType": {"name": "Q"}, "types": [], "directives": [{"name": "d", "locations": [], "args": [null]}]}}`,
		`{"__schema": {"queryType": {"name": "Q"}, "types": [{"kind": "ENUM", "name": "E", "enumValues": [null]}]}}`,
		`{"__schema": {"queryType": {"name": "Q"}, "types": [{"kind": "OBJECT", "name": "Q", "fields": [{"name": "a", "args": [], "type": null}]}]}}`,
	} {
		if _, err := schema.Load("x.json", []byte(doc)); err == nil || !strings.Contains(err.Error(), "not an introspection result") {
			t.Errorf("%s: err = %v", doc, err)
		}
	}
}

// TestGzip: the gzip trailer's size only sizes the buffer: a file of
// several members, whose trailer gives the last member's size alone, still
// loads whole, and a truncated one is an error that says so.
func TestGzip(t *testing.T) {
	first := "type Query { a: Int }\n" + strings.Repeat("# padding to make the first member large\n", 1000)
	multi := append(gzipped(t, first), gzipped(t, "scalar S\n")...)
	s, err := schema.Load("multi.graphql.gz", multi)
	if err != nil || s.Type("Query") == nil || s.Type("S") == nil {
		t.Fatalf("multi-member gzip: %v", err)
	}
	whole := gzipped(t, first)
	if _, err := schema.Load("half.graphql.gz", whole[:len(whole)/2]); err == nil || !strings.Contains(err.Error(), "truncated") {
		t.Errorf("truncated gzip: %v, want an error that says so", err)
	}
}
