package codegen

import (
	"bytes"
	"errors"
	"go/parser"
	"go/token"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/internal/clientops"
	"github.com/schemawatch/schemawatch/internal/diff"
	"github.com/schemawatch/schemawatch/internal/golden"
	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/testcorpus"
)

// opsFixture is the operations fixture: testdata/operations/schema.graphql
// and the operations in testdata/operations/ops.
const opsFixture = "testdata/operations"

func loadOpsFixture(t testing.TB) *schema.Schema {
	t.Helper()
	s, err := schema.LoadFile(filepath.Join(opsFixture, "schema.graphql"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// opsFixtureConfig is the configuration the fixture's package is
// generated with.
var opsFixtureConfig = Config{Package: "ops"}

// fixtureOperations reads the fixture's operations.
func fixtureOperations(t testing.TB) *Operations {
	t.Helper()
	ops, err := readOperations(filepath.Join(opsFixture, "ops"))
	if err != nil {
		t.Fatal(err)
	}
	return ops
}

// railwayOperations reads Railway's 140 operations.
func railwayOperations(t testing.TB) *Operations {
	t.Helper()
	ops, err := readOperations(testcorpus.Path(t, "corpus", "railway", "operations"))
	if err != nil {
		t.Fatal(err)
	}
	return ops
}

// generateOperations generates the package of s with ops.
func generateOperations(t testing.TB, s *schema.Schema, cfg Config, ops *Operations) map[string][]byte {
	t.Helper()
	cfg.Operations = ops
	return generate(t, s, cfg)
}

// TestOperationsGolden compares the package generated for the operations
// fixture (fragments, inline fragments on interfaces and unions, aliases,
// lists, optional variables, a name the schema also has) with
// testdata/operations.golden. Rewrite it with -update after a deliberate
// change, and review the diff.
func TestOperationsGolden(t *testing.T) {
	files := generateOperations(t, loadOpsFixture(t), opsFixtureConfig, fixtureOperations(t))
	checkGeneratedFiles(t, opsFixtureConfig, files)
	golden.Check(t, filepath.Join("testdata", "operations.golden"), archive(files))
}

func TestOperationsGenerateDeterministically(t *testing.T) {
	s := newestRailway(t)
	cfg := Config{Package: "railway", SkipInvalidOperations: true}
	first := generateOperations(t, s, cfg, railwayOperations(t))
	again := generateOperations(t, s, cfg, railwayOperations(t))
	if !maps.EqualFunc(first, again, bytes.Equal) {
		t.Fatal("two generations from the same schema and operations differ")
	}
}

// TestRailwayOperationsGenerateExactlyWhenValid checks, for each of the 48
// Railway versions, that an operation generates exactly when the diff
// engine finds it valid, and for each of the 47 pairs, that the operations
// that generate against the older version and not the newer are exactly
// those the diff engine reports as broken.
func TestRailwayOperationsGenerateExactlyWhenValid(t *testing.T) {
	dir := testcorpus.Path(t, "corpus", "railway", "operations")
	ops := railwayOperations(t)
	diffOps, err := clientops.Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	versions := testcorpus.Railway(t)
	schemas := make([]*schema.Schema, len(versions))
	generated := make([]map[string]bool, len(versions))
	for i, v := range versions {
		if schemas[i], err = schema.LoadFile(v.Path); err != nil {
			t.Fatal(err)
		}
		generated[i] = generatedOperations(t, schemas[i], ops)
		// The diff engine's view of validity against this version alone.
		im, err := diff.Analyze(schemas[i], schemas[i], nil, diffOps)
		if err != nil {
			t.Fatal(err)
		}
		valid := map[string]bool{}
		for _, r := range im.Operations {
			if r.Status != diff.StatusInvalid {
				valid[r.Operation.ID] = true
			}
		}
		if !maps.Equal(generated[i], valid) {
			t.Errorf("%s: generated %d operations, the diff engine finds %d valid; differing: %v",
				v.File, len(generated[i]), len(valid), symmetricDifference(generated[i], valid))
		}
	}
	brokenTotal := 0
	for i := 1; i < len(versions); i++ {
		r, err := diff.Compare(schemas[i-1], schemas[i], diff.Options{Operations: diffOps})
		if err != nil {
			t.Fatal(err)
		}
		broken := map[string]bool{}
		for _, res := range r.Impact.Operations {
			if res.Status == diff.StatusBroken {
				broken[res.Operation.ID] = true
			}
		}
		lost := map[string]bool{}
		for id := range generated[i-1] {
			if !generated[i][id] {
				lost[id] = true
			}
		}
		if !maps.Equal(lost, broken) {
			t.Errorf("%s → %s: generation lost %v, the diff engine reports broken %v",
				versions[i-1].File, versions[i].File, slices.Sorted(maps.Keys(lost)), slices.Sorted(maps.Keys(broken)))
		}
		brokenTotal += len(broken)
	}
	t.Logf("%d versions, %d pairs, %d operations broken across them; newest: %d of %d operations generate",
		len(versions), len(versions)-1, brokenTotal, len(generated[len(generated)-1]), ops.Len())
}

// generatedOperations generates the package of s with ops, invalid ones
// skipped, and returns the IDs of the operations it has a function or
// types for: those whose document constant it declares.
func generatedOperations(t *testing.T, s *schema.Schema, ops *Operations) map[string]bool {
	t.Helper()
	files := generateOperations(t, s, Config{Package: "railway", SkipInvalidOperations: true}, ops)
	valid, _, err := checkOperations(s, ops)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, d := range convertAll(s, &Config{Package: "railway"}, valid).operations {
		if !bytes.Contains(files[d.file], []byte("const "+d.document+" = ")) {
			t.Fatalf("the package has no %s for %s", d.document, d.id)
		}
		out[d.id] = true
	}
	n := 0
	for name := range files {
		if strings.HasPrefix(name, "op_") {
			n++
		}
	}
	if n != len(out) {
		t.Fatalf("the package has %d operation files for %d valid operations", n, len(out))
	}
	return out
}

func symmetricDifference(a, b map[string]bool) []string {
	var out []string
	for k := range a {
		if !b[k] {
			out = append(out, "+"+k)
		}
	}
	for k := range b {
		if !a[k] {
			out = append(out, "-"+k)
		}
	}
	slices.Sort(out)
	return out
}

// TestInvalidOperationsAreNamed checks that an operation that does not
// validate fails generation with its file, line, column, name and the
// validation error; and that, skipping it, the others generate and the
// package documentation lists it.
func TestInvalidOperationsAreNamed(t *testing.T) {
	s := loadOpsFixture(t)
	tests := []struct {
		name, doc string
		want      string
	}{
		{"unknown field", "query Broken {\n  me {\n    nickname\n  }\n}\n",
			`bad.graphql:3:5: operation Broken does not validate against the schema: Cannot query field "nickname" on type "User". Did you mean "name"?`},
		{"wrong variable type", "query Broken($id: Int!) {\n  project(id: $id) {\n    id\n  }\n}\n",
			`bad.graphql:2:15: operation Broken does not validate against the schema: Variable "$id" of type "Int!" used in position expecting type "ID!".`},
		{"anonymous, missing argument", "{\n  project {\n    id\n  }\n}\n",
			`bad.graphql:2:3: the anonymous operation does not validate against the schema: Field "project" argument "id" of type "ID!" is required, but it was not provided.`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ops, err := ParseOperations(map[string][]byte{
				"bad.graphql": []byte(tt.doc),
				"ok.graphql":  []byte("query Me { me { id } }"),
			})
			if err != nil {
				t.Fatal(err)
			}
			_, err = Generate(s, Config{Package: "ops", Operations: ops})
			var invalid *InvalidOperationsError
			if !errors.As(err, &invalid) || len(invalid.Operations) != 1 {
				t.Fatalf("error %v, want an InvalidOperationsError for one operation", err)
			}
			if got := invalid.Operations[0].String(); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
			files := generate(t, s, Config{Package: "ops", Operations: ops, SkipInvalidOperations: true})
			if _, ok := files["op_me.go"]; !ok || len(files["op_broken.go"]) > 0 {
				t.Errorf("files %v: want op_me.go and nothing for the invalid operation", slices.Sorted(maps.Keys(files)))
			}
			loc, _, _ := strings.Cut(tt.want, " ")
			if !bytes.Contains(files["doc.go"], []byte(loc)) {
				t.Errorf("doc.go does not list the invalid operation:\n%s", files["doc.go"])
			}
		})
	}
}

func TestParseOperationsErrors(t *testing.T) {
	_, err := ParseOperations(map[string][]byte{"a.graphql": []byte("query {\n  me {\n}")})
	if err == nil || !strings.HasPrefix(err.Error(), "a.graphql:3:1: ") {
		t.Errorf("error %v, want one starting a.graphql:3:1", err)
	}
	if _, err := readOperations(t.TempDir()); err == nil || !strings.Contains(err.Error(), "holds no .graphql") {
		t.Errorf("empty directory: error %v", err)
	}
}

// TestOperationNameCollisions checks how names collide: the schema's types
// keep their names; an operation named like one takes the operation type
// as a suffix, and of two operations with one Go name, the first in file
// order keeps it. The same inputs always give the same names.
func TestOperationNameCollisions(t *testing.T) {
	s, err := schema.Load("names.graphql", []byte(`type Query { user: User, userResponse: UserResponse, me: User }
type User { id: ID! }
type UserResponse { ok: Boolean }`))
	if err != nil {
		t.Fatal(err)
	}
	ops, err := ParseOperations(map[string][]byte{
		"a.graphql": []byte("query User { user { id } }"),
		"b.graphql": []byte("query user { userResponse { ok } }"),
		"c.graphql": []byte("query Me { me { id } }"),
		"d.graphql": []byte("query me { me { id } }"),
	})
	if err != nil {
		t.Fatal(err)
	}
	valid, _, err := checkOperations(s, ops)
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{Package: "p"}
	p := convertAll(s, &cfg, valid)
	var got []string
	for _, d := range p.operations {
		got = append(got, d.fn, d.response.name, d.document, d.file)
	}
	for _, o := range p.objects {
		got = append(got, o.graphQLName+"="+o.name)
	}
	want := []string{
		"UserQuery", "UserQueryResponse", "UserQueryDocument", "op_userquery.go",
		"UserQuery_2", "UserQuery_2Response", "UserQuery_2Document", "op_userquery_2.go",
		"Me", "MeResponse", "MeDocument", "op_me.go",
		"MeQuery", "MeQueryResponse", "MeQueryDocument", "op_mequery.go",
		"Query=Query", "User=User", "UserResponse=UserResponse",
	}
	if !slices.Equal(got, want) {
		t.Errorf("names\n got %q\nwant %q", got, want)
	}
	files := generate(t, s, Config{Package: "p", Operations: ops})
	checkGeneratedFiles(t, cfg, files)
}

// FuzzOperations generates the fixture's package with any operation
// document: generation must fail cleanly or give files that parse.
func FuzzOperations(f *testing.F) {
	s := loadOpsFixture(f)
	entries, err := os.ReadDir(filepath.Join(opsFixture, "ops"))
	if err != nil {
		f.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(opsFixture, "ops", e.Name()))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(data))
	}
	f.Fuzz(func(t *testing.T, document string) {
		ops, err := ParseOperations(map[string][]byte{"fuzz.graphql": []byte(document)})
		if err != nil {
			return
		}
		files, err := Generate(s, Config{Package: "ops", Operations: ops, SkipInvalidOperations: true})
		if err != nil {
			t.Fatalf("generation failed: %v", err)
		}
		for name, src := range files {
			if _, err := parser.ParseFile(token.NewFileSet(), name, src, parser.SkipObjectResolution); err != nil {
				t.Fatalf("%s does not parse: %v", name, err)
			}
		}
	})
}

// BenchmarkGenerateOperations generates the package of the newest Railway
// version with its 140 operations.
func BenchmarkGenerateOperations(b *testing.B) {
	s := newestRailway(b)
	ops := railwayOperations(b)
	benchmarkGenerate(b, Config{Package: "railway", Operations: ops, SkipInvalidOperations: true}, s)
}

// readOperations reads a directory of operations as the callers of
// ParseOperations do.
func readOperations(dir string) (*Operations, error) {
	files, err := clientops.Files(dir)
	if err != nil {
		return nil, err
	}
	return ParseOperations(files)
}
