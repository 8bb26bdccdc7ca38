package codegen

import (
	"bytes"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/internal/demo"
	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/schemagen"
	"github.com/schemawatch/schemawatch/internal/testcorpus"
)

// The agreement tests hold the declarations written directly (emit.go) to
// the reference: jennifer and go/format for every declaration, as the
// package generated before it wrote any directly. The two must give the
// same bytes, file for file.

// checkAgreement fails unless generating s both ways gives the same files.
func checkAgreement(t *testing.T, s *schema.Schema, cfg Config) {
	t.Helper()
	want, wantErr := generateWith(s, cfg, emitJennifer)
	got, gotErr := generateWith(s, cfg, emitDirect)
	if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
		t.Fatalf("direct: error %v; reference: error %v", gotErr, wantErr)
	}
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for name := range want {
			yield(name)
		}
		for name := range got {
			if _, ok := want[name]; !ok {
				yield(name)
			}
		}
	}) {
		if !bytes.Equal(got[name], want[name]) {
			t.Errorf("%s differs from the reference: %s", name, firstDifference(got[name], want[name]))
		}
	}
}

// firstDifference describes the first line where got and want differ.
func firstDifference(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := range max(len(g), len(w)) {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl || i >= len(g) || i >= len(w) {
			from := max(0, i-3)
			return fmt.Sprintf("line %d:\n got: %q\nwant: %q\nwant lines %d-%d:\n%s", i+1, gl, wl, from+1, i+1,
				strings.Join(w[from:min(len(w), i+1)], "\n"))
		}
	}
	return "same lines"
}

func TestDirectEmitAgreesOnFixtures(t *testing.T) {
	schemas, err := filepath.Glob(filepath.Join("testdata", "*.graphql"))
	if err != nil || len(schemas) == 0 {
		t.Fatalf("no testdata/*.graphql: %v", err)
	}
	for _, file := range schemas {
		name := strings.TrimSuffix(filepath.Base(file), ".graphql")
		cfg := Config{Package: name}
		if i := slices.IndexFunc(fixtures, func(fx fixture) bool { return fx.name == name }); i >= 0 {
			cfg = fixtures[i].cfg
		}
		t.Run(name, func(t *testing.T) {
			checkAgreement(t, loadFixture(t, name), cfg)
		})
	}
	t.Run("operations", func(t *testing.T) {
		checkAgreement(t, loadOpsFixture(t), Config{Package: "ops", Operations: fixtureOperations(t)})
	})
	t.Run("hostile", func(t *testing.T) {
		checkAgreement(t, hostileSchema(t), Config{Package: "hostile"})
	})
	t.Run("packages of one name", func(t *testing.T) {
		// jennifer names the second package money1: the direct
		// declarations must call it what the import block does.
		checkAgreement(t, loadFixture(t, "scalars"), Config{Package: "scalars", Bindings: map[string]GoType{
			"Money":  {ImportPath: "example.com/a/money", Name: "Amount"},
			"BigInt": {ImportPath: "example.com/b/money", Name: "Big"},
		}})
	})
	t.Run("placeholder in a document", func(t *testing.T) {
		s, cfg := placeholderDocumentSchema(t)
		checkAgreement(t, s, cfg)
	})
	t.Run("long names", func(t *testing.T) {
		checkAgreement(t, longNamesSchema(t), Config{Package: "long"})
	})
}

// placeholderDocumentSchema has an operation whose document, which its
// file holds as a raw string, has lines that read like the placeholders of
// direct declarations, in a block string (which the document's printer
// writes as a string on one line).
func placeholderDocumentSchema(t *testing.T) (*schema.Schema, Config) {
	t.Helper()
	s, err := schema.ParseSDL("doc.graphql", "type Query { f(arg: String): Obj }\ntype Obj { id: ID name: String }\n")
	if err != nil {
		t.Fatal(err)
	}
	ops, err := ParseOperations(map[string][]byte{"q.graphql": []byte("query Q {\n  f(arg: \"\"\"\n" +
		"type _ struct{}\n\ntype _ struct {\n\tjson.RawMessage\n}\n\"\"\") { id name }\n}\n")})
	if err != nil {
		t.Fatal(err)
	}
	return s, Config{Package: "doc", Operations: ops}
}

// longNamesSchema has marker methods whose headers are 99 to 102 bytes
// long: go/printer keeps the empty body of one of at most 100 bytes on its
// line.
func longNamesSchema(t *testing.T) *schema.Schema {
	t.Helper()
	iface := "I" + strings.Repeat("n", 39) // marker "is" + iface
	sdl := "type Query { n: " + iface + " }\ninterface " + iface + " { id: ID }\n"
	for n := 46; n <= 49; n++ {
		// The header is "func (*" + type + ") is" + iface + "()": 13 bytes and the names.
		name := "T" + strings.Repeat("y", n-1)
		sdl += "type " + name + " implements " + iface + " { id: ID }\nunion U" + name + " = " + name + "\n"
	}
	s, err := schema.ParseSDL("long.graphql", sdl)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestDirectEmitAgreesOnDemo(t *testing.T) {
	for _, v := range []demo.Version{demo.V1, demo.V2} {
		t.Run(fmt.Sprint(v), func(t *testing.T) {
			checkAgreement(t, demo.Schema(v), Config{Package: "demoapi"})
		})
	}
}

func TestDirectEmitAgreesOnGeneratedSchemas(t *testing.T) {
	for _, cfg := range []schemagen.Config{
		{Seed: 1, Entities: 12},
		{Seed: 2, Entities: 17},
		{Seed: 3, Entities: 60},
		{Seed: 7, Entities: 120},
		schemagen.Large,
	} {
		t.Run(fmt.Sprintf("seed %d, %d entities", cfg.Seed, cfg.Entities), func(t *testing.T) {
			checkAgreement(t, schemagen.Generate(cfg), Config{Package: "large"})
		})
	}
}

func TestDirectEmitAgreesOnRailway(t *testing.T) {
	for _, v := range testcorpus.Railway(t) {
		t.Run(v.File, func(t *testing.T) {
			s, err := schema.LoadFile(v.Path)
			if err != nil {
				t.Fatal(err)
			}
			checkAgreement(t, s, Config{Package: "railway"})
		})
	}
	t.Run("operations", func(t *testing.T) {
		checkAgreement(t, newestRailway(t), Config{Package: "railway", Operations: railwayOperations(t),
			SkipInvalidOperations: true})
	})
}

// FuzzDirectEmitAgreesWithGoFormat generates a package from a schema whose
// names and descriptions come from the fuzzer, both ways, and fails unless
// they agree. Descriptions reach every kind of doc comment written
// directly: of a struct and its fields, of an enum and its values, and
// deprecation reasons; the names (made GraphQL names) those of an object,
// a field, an input field and an enum value.
func FuzzDirectEmitAgreesWithGoFormat(f *testing.F) {
	for _, seed := range []struct{ name, d1, d2, d3 string }{
		{"Project", "A project.", "Its name.", "No longer used."},
		{"x", "*/ /* */", "//go:generate rm -rf /", "+build ignore"},
		{"A_b", "Example:\n\n    query { me }\n\tcode", "- a\n- b\n  - c", "1. one\n2. two"},
		{"Z9", "# Heading\n\nText", "Usage\n\nText\n\nMore", "[Link]: https://example.com\n\nSee [Link]."},
		{"tab", "a\tb  \t", "trailing spaces   \nnext", "line\r\nCRLF\r\n"},
		{"long", strings.Repeat("word ", 60), strings.Repeat("x", 300), "``quoted''"},
		{"u", "\u00a0+build x", "ends in NBSP\u00a0", "\u2028line separator\u2029"},
		{"ctl", "\x00\x01\x7f\ufeff", "\v\f", "\u0085next"},
		{"h", "Intro.\n\n## Sub\n\n> quote", "* star\n+ plus", "http://x.y/z?a=1 and <b>"},
		{"empty", " ", "\n\n\n", "\t"},
	} {
		f.Add(seed.name, seed.d1, seed.d2, seed.d3)
	}
	f.Fuzz(func(t *testing.T, name, d1, d2, d3 string) {
		s := fuzzSchema(t, graphQLName(name), d1, d2, d3)
		if s == nil {
			return
		}
		checkAgreement(t, s, Config{Package: "fuzz"})
	})
}

// fuzzSchema is a schema with the fuzzer's name and descriptions, or nil
// if the name makes it invalid.
func fuzzSchema(t *testing.T, name, d1, d2, d3 string) *schema.Schema {
	t.Helper()
	q1, q2, q3 := graphQLString(d1), graphQLString(d2), graphQLString(d3)
	upper := strings.ToUpper(name[:1]) + name[1:]
	sdl := q1 + " type Query { " + q2 + " " + name + "(a: Int = 1): " + upper + "Obj  e: En " + q3 +
		" in(x: " + upper + "In): Int  i: Iface  u: Uni }\n" +
		q3 + " type " + upper + "Obj implements Iface { " + q1 + " id: ID " + q2 + " " + name +
		": [String!] @deprecated(reason: " + q3 + ") n: Int! " + q3 + " en: En }\n" +
		q2 + " interface Iface { " + q3 + " id: ID }\n" +
		"union Uni = " + upper + "Obj\n" +
		q1 + " enum En { " + q2 + " " + strings.ToUpper(name) + " B " + q3 + " C @deprecated(reason: " + q1 + ") D }\n" +
		q2 + " enum One { " + q3 + " ONLY }\n" +
		q3 + " input " + upper + "In { " + q1 + " x: String " + q2 + " " + name + ": Int! y: [En!] = [B] " + q3 +
		" z: Boolean }\n" +
		"input Single { " + q1 + " only: ID }\n"
	s, err := schema.ParseSDL("fuzz.graphql", sdl)
	if err != nil {
		return nil
	}
	return s
}

// graphQLName makes s a GraphQL name: letters, digits and underscores, not
// starting with a digit or "__".
func graphQLName(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r == '_' || r < 128 && (isLower(byte(r)) || isUpper(byte(r)) || b.Len() > 0 && '0' <= r && r <= '9') {
			b.WriteRune(r)
		}
	}
	name := strings.TrimLeft(b.String(), "_")
	if name == "" || name == "true" || name == "false" || name == "null" {
		return "f"
	}
	return name
}

// TestRegularDeclarationsAreWrittenDirectly checks that every struct and
// enum of real schemas takes the direct way: one that falls back to
// jennifer is still right, but slow, and this says so.
func TestRegularDeclarationsAreWrittenDirectly(t *testing.T) {
	schemas := map[string]func(t *testing.T) *schema.Schema{
		"demo":      func(*testing.T) *schema.Schema { return demo.Schema(demo.V2) },
		"generated": func(*testing.T) *schema.Schema { return schemagen.Generate(schemagen.Large) },
		"hostile":   hostileSchema,
		"railway":   func(t *testing.T) *schema.Schema { return newestRailway(t) },
	}
	for _, fx := range fixtures {
		schemas[fx.name] = func(t *testing.T) *schema.Schema { return loadFixture(t, fx.name) }
	}
	for name, load := range schemas {
		t.Run(name, func(t *testing.T) {
			p := convert(load(t), &Config{Package: "p"})
			structs := slices.Concat(p.objects, p.inputs)
			for _, a := range slices.Concat(p.interfaces, p.unions) {
				structs = append(structs, a.unknown)
			}
			for _, d := range structs {
				if _, ok := directStructOf(d, &docArena{}); !ok {
					t.Errorf("struct %s is not written directly", d.name)
				}
			}
			for _, e := range p.enums {
				if _, ok := directEnumOf(e, &docArena{}); !ok {
					t.Errorf("enum %s is not written directly", e.name)
				}
			}
			for _, a := range slices.Concat(p.interfaces, p.unions) {
				if _, ok := directDecoderOf(a, &docArena{}); !ok && len(a.members) > 0 {
					t.Errorf("decoder %s is not written directly", a.decoder)
				}
			}
		})
	}
}

// TestDirectSizeCoversWhatIsWritten checks that a direct declaration's size
// is enough for what it writes (so that the file's buffer is sized once)
// and not many times more.
func TestDirectSizeCoversWhatIsWritten(t *testing.T) {
	p := convert(schemagen.Generate(schemagen.Large), &Config{Package: "p"})
	var decls []directDecl
	for _, d := range slices.Concat(p.objects, p.inputs) {
		s, _ := directStructOf(d, &docArena{})
		decls = append(decls, s)
		if m, ok := directMethodsOf(d, &docArena{}); ok {
			decls = append(decls, m)
		}
	}
	for _, e := range p.enums {
		d, _ := directEnumOf(e, &docArena{})
		decls = append(decls, d)
	}
	for _, a := range slices.Concat(p.interfaces, p.unions) {
		if d, ok := directDecoderOf(a, &docArena{}); ok {
			decls = append(decls, d)
		}
	}
	var wrote, sized int
	for _, d := range decls {
		var b bytes.Buffer
		d.write(&b, nil)
		if d.size() < b.Len() {
			t.Errorf("size %d < %d bytes written:\n%s", d.size(), b.Len(), b.Bytes())
		}
		wrote += b.Len()
		sized += d.size()
	}
	if sized > 2*wrote {
		t.Errorf("sizes add up to %d bytes for %d written", sized, wrote)
	}
	t.Logf("sizes add up to %d bytes for %d written", sized, wrote)
}

// TestPlaceholdersMustMatchRuns checks that a file whose text has more or
// fewer placeholder lines than runs of direct declarations is an error,
// not a declaration written in the wrong place.
func TestPlaceholdersMustMatchRuns(t *testing.T) {
	enum := &directEnum{name: "E", all: "AllE", values: []directEnumValue{{name: "EA", literal: `"A"`}}}
	f := &fileWriter{runs: []*directRun{{decls: []directDecl{enum}}}}
	for _, src := range []string{
		"// h\n\npackage p\n\nconst x = 1\n",
		"// h\n\npackage p\n\ntype _ struct{}\n\nconst x = `\ntype _ struct{}\n`\n",
	} {
		if got, err := f.replacePlaceholders([]byte(src)); err == nil {
			t.Errorf("replacePlaceholders(%q) = %q, want an error", src, got)
		}
	}
	got, err := f.replacePlaceholders([]byte("// h\n\npackage p\n\ntype _ struct{}\n"))
	if err != nil || !strings.Contains(string(got), "type E string\n") || strings.Contains(string(got), "type _") {
		t.Errorf("replacePlaceholders = %q, %v; want the enum in the placeholder's place", got, err)
	}
}
