package diff_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/schemawatch/schemawatch/internal/diff"
	"github.com/schemawatch/schemawatch/internal/report"
	"github.com/schemawatch/schemawatch/internal/schema"
)

// FuzzLoadAndDiff feeds the loader two arbitrary documents (SDL or
// introspection JSON, told apart by content) and, when both load, diffs
// them both ways. Nothing may panic; a schema compared with itself yields
// no change; every change is of a known kind and level; the output is the
// same for the same input.
//
//	go test ./internal/diff -run '^$' -fuzz FuzzLoadAndDiff -fuzztime 5m
func FuzzLoadAndDiff(f *testing.F) {
	for _, pair := range [][2]string{
		{"type Query { a: Int }", "type Query { a: Int! b(x: [In!] = [{p: 1}]): E }\nenum E { A @deprecated B }\ninput In { p: Int = 2 q: String! = \"x\" }"},
		{"schema { query: Q } type Q { a: U } union U = X | Y type X { x: Int } type Y { y: Int }", "type Query { a: I } interface I { x: Int } type X implements I { x: Int }"},
		{"directive @d(a: Int! = 1) repeatable on FIELD | QUERY\ntype Query { a: Int }", "directive @d(b: [Int] = 1) on FIELD\ntype Query { a: Int }"},
		{"type Query { a(x: ID = 1, y: Float = 1e2, z: JSON = {a: [B]}): Int } scalar JSON @specifiedBy(url: \"u\")", "type Query { a(x: ID = \"1\", y: Float = 100, z: JSON = {a: [\"B\"]}): Int } scalar JSON"},
		{`{"data":{"__schema":{"queryType":{"name":"Query"},"types":[{"kind":"OBJECT","name":"Query","fields":[{"name":"a","args":[],"type":{"kind":"SCALAR","name":"Int"},"isDeprecated":true,"deprecationReason":null}],"interfaces":[]}],"directives":[]}}}`,
			`{"__schema":{"queryType":{"name":"Query"},"types":[{"kind":"OBJECT","name":"Query","description":"","fields":[{"name":"a","args":[{"name":"x","type":{"kind":"NON_NULL","ofType":{"kind":"SCALAR","name":"Int"}},"defaultValue":"1"}],"type":{"kind":"SCALAR","name":"Int"}}],"interfaces":[]}],"directives":[{"name":"d","locations":["FIELD"],"args":[],"isRepeatable":true}]}}`},
	} {
		f.Add([]byte(pair[0]), []byte(pair[1]))
	}
	// Our own fixture pairs (small files of this package's testdata).
	dirs, _ := filepath.Glob(filepath.Join("testdata", "conformance", "*"))
	for _, dir := range dirs {
		old, errOld := readFixture(dir, "old")
		new, errNew := readFixture(dir, "new")
		if errOld == nil && errNew == nil {
			f.Add(old, new)
		}
	}
	f.Fuzz(func(t *testing.T, oldDoc, newDoc []byte) {
		old, err := schema.Load("old", oldDoc)
		if err != nil {
			return
		}
		new, err := schema.Load("new", newDoc)
		if err != nil {
			return
		}
		if same := diff.Changes(old, old); len(same) != 0 {
			t.Fatalf("a schema differs from itself: %+v", same[0])
		}
		for _, pair := range [][2]*schema.Schema{{old, new}, {new, old}} {
			changes := diff.Changes(pair[0], pair[1])
			for _, c := range changes {
				if c.Message == "" || (c.Criticality.Level != diff.Breaking && c.Criticality.Level != diff.Dangerous && c.Criticality.Level != diff.NonBreaking) {
					t.Fatalf("malformed change %+v", c)
				}
				if c.Criticality.Level != diff.NonBreaking && c.Criticality.Reason == "" {
					t.Fatalf("%s %s without a reason", c.Criticality.Level, c.Type)
				}
			}
			again := diff.Changes(pair[0], pair[1])
			r1 := report.JSON(&diff.Report{Changes: changes})
			r2 := report.JSON(&diff.Report{Changes: again})
			if string(r1) != string(r2) {
				t.Fatal("the same input gave two reports")
			}
			report.Markdown(&diff.Report{Changes: changes}, report.MarkdownOptions{MaxLength: 2000})
		}
	})
}

func readFixture(dir, base string) ([]byte, error) {
	data, err := os.ReadFile(filepath.Join(dir, base+".graphql"))
	if err != nil {
		data, err = os.ReadFile(filepath.Join(dir, base+".json"))
	}
	return data, err
}
