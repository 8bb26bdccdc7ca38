package codegen

import (
	"bytes"
	"fmt"
	"go/format"
	"go/parser"
	"go/token"
	"maps"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/internal/golden"

	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/testcorpus"
)

// fixtures are our own small schemas in testdata/, one per feature of the
// generated package, with the configuration each is generated with.
var fixtures = []fixture{
	{"enums", Config{Package: "enums"}},
	{"inputs", Config{Package: "inputs"}},
	{"oneof", Config{Package: "oneof"}},
	{"objects", Config{Package: "objects"}},
	{"interfaces", Config{Package: "interfaces"}},
	{"unions", Config{Package: "unions"}},
	{"scalars", Config{Package: "scalars", Bindings: map[string]GoType{
		"BigInt": {Name: "int64"},
		"Money":  {ImportPath: moneyModule, Name: "Amount"},
	}}},
	{"docs", Config{Package: "docs"}},
	{"names", Config{Package: "names"}},
}

type fixture struct {
	name string
	cfg  Config
}

// moneyModule stands for a user's own module that a scalar is bound to;
// the build test provides it.
const moneyModule = "example.com/money"

func loadFixture(t testing.TB, name string) *schema.Schema {
	t.Helper()
	s, err := schema.LoadFile(filepath.Join("testdata", name+".graphql"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func generate(t testing.TB, s *schema.Schema, cfg Config) map[string][]byte {
	t.Helper()
	files, err := Generate(s, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestGolden compares the package generated for each fixture with
// testdata/<fixture>.golden. After a deliberate change, rewrite the golden
// files with `go test ./internal/codegen -run TestGolden -update` and review
// their diff.
func TestGolden(t *testing.T) {
	for _, fx := range fixtures {
		t.Run(fx.name, func(t *testing.T) {
			got := archive(generate(t, loadFixture(t, fx.name), fx.cfg))
			golden.Check(t, filepath.Join("testdata", fx.name+".golden"), got)
		})
	}
}

// archive puts generated files into one text, in name order, each under a
// "-- name --" line. A support file is named only: it is the same for every
// package, and package support tests it.
func archive(files map[string][]byte) []byte {
	var b bytes.Buffer
	for _, name := range slices.Sorted(maps.Keys(files)) {
		fmt.Fprintf(&b, "-- %s --\n", name)
		if _, ok := supportFiles()[name]; ok {
			fmt.Fprintf(&b, "(support/%s)\n", name)
			continue
		}
		b.Write(files[name])
	}
	return b.Bytes()
}

// TestGeneratedFiles checks what every generated file must be, for the
// fixtures and the newest Railway version: marked generated, gofmt'd, in
// the package asked for, and importing only the standard library and the
// packages of bound types.
func TestGeneratedFiles(t *testing.T) {
	for _, fx := range fixtures {
		t.Run(fx.name, func(t *testing.T) {
			checkGeneratedFiles(t, fx.cfg, generate(t, loadFixture(t, fx.name), fx.cfg))
		})
	}
	t.Run("railway", func(t *testing.T) {
		cfg := Config{Package: "railway"}
		checkGeneratedFiles(t, cfg, generate(t, newestRailway(t), cfg))
	})
}

var generatedHeader = regexp.MustCompile(`(?m)^// Code generated .* DO NOT EDIT\.$`)

func checkGeneratedFiles(t *testing.T, cfg Config, files map[string][]byte) {
	t.Helper()
	for name, src := range files {
		if !generatedHeader.Match(src) {
			t.Errorf("%s has no // Code generated … DO NOT EDIT. line", name)
		}
		formatted, err := format.Source(src)
		if err != nil {
			t.Errorf("%s does not parse: %v", name, err)
			continue
		}
		if !bytes.Equal(formatted, src) {
			t.Errorf("%s is not gofmt'd", name)
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, src, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		if f.Name.Name != cfg.Package {
			t.Errorf("%s is in package %s, want %s", name, f.Name.Name, cfg.Package)
		}
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			first, _, _ := strings.Cut(path, "/")
			bound := slices.ContainsFunc(slices.Collect(maps.Values(cfg.Bindings)), func(b GoType) bool { return b.ImportPath == path })
			if strings.Contains(first, ".") && !bound {
				t.Errorf("%s imports %s, which is neither in the standard library nor bound", name, path)
			}
		}
	}
}

func TestGenerateIsDeterministic(t *testing.T) {
	s := newestRailway(t)
	first := generate(t, s, Config{Package: "railway"})
	for range 2 {
		again := generate(t, s, Config{Package: "railway"})
		if !maps.EqualFunc(first, again, bytes.Equal) {
			t.Fatal("two generations from the same schema differ")
		}
	}
}

func newestRailway(t testing.TB) *schema.Schema {
	t.Helper()
	s, err := schema.LoadFile(testcorpus.Newest(t).Path)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
