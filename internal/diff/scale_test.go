package diff_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/internal/diff"
	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/schemagen"
)

// TestGeneratedPairAtScale diffs a generated pair of the benchmarks' size
// (about 1,600 types): the result is the same on every run, has changes of
// every level, and every change's path names an element of the schema it
// speaks of — removals in the old schema only, additions in the new only.
func TestGeneratedPairAtScale(t *testing.T) {
	if testing.Short() {
		t.Skip("a 1,600-type pair in -short mode")
	}
	old, new := schemagen.Pair(schemagen.Large)
	changes := diff.Changes(old, new)
	again := diff.Changes(old, new)
	if !slices.EqualFunc(changes, again, func(a, b diff.Change) bool {
		return a.Type == b.Type && a.Path == b.Path && a.Message == b.Message && a.Criticality == b.Criticality
	}) {
		t.Fatal("two comparisons of one pair differ")
	}
	s := diff.Summarize(changes)
	if s.Breaking == 0 || s.Dangerous == 0 || s.NonBreaking == 0 {
		t.Errorf("summary %+v: want changes of every level", s)
	}
	for _, c := range changes {
		if c.Path == "" {
			continue
		}
		path := c.Path
		for _, suffix := range []string{".@deprecated", ".@oneOf", ".@specifiedBy"} {
			path = strings.TrimSuffix(path, suffix)
		}
		inOld, inNew := lookup(old, path).exists, lookup(new, path).exists
		name := string(c.Type)
		switch {
		case strings.HasSuffix(name, "_REMOVED") && !strings.Contains(name, "DESCRIPTION") && !strings.Contains(name, "DEPRECATION") &&
			c.Type != diff.UnionMemberRemoved && c.Type != diff.ObjectTypeInterfaceRemoved && c.Type != diff.DirectiveLocationRemoved:
			if !inOld || inNew {
				t.Errorf("%s %s: in old %v, in new %v", c.Type, c.Path, inOld, inNew)
			}
		case c.Type == diff.TypeAdded || c.Type == diff.FieldAdded || c.Type == diff.InputFieldAdded || c.Type == diff.EnumValueAdded || c.Type == diff.FieldArgumentAdded:
			if inOld || !inNew {
				t.Errorf("%s %s: in old %v, in new %v", c.Type, c.Path, inOld, inNew)
			}
		default:
			if !inNew {
				t.Errorf("%s %s: not in the new schema", c.Type, c.Path)
			}
		}
	}
	t.Logf("%d types → %d types: %d changes (%+v)", len(old.Types), len(new.Types), len(changes), s)
}

// TestTensOfThousandsOfChanges diffs an empty API against a 1,600-type one
// (about 14,000 changes, every element added) and back (every type
// removed): the changes come out in report order.
func TestTensOfThousandsOfChanges(t *testing.T) {
	if testing.Short() {
		t.Skip("a 1,600-type schema in -short mode")
	}
	empty, err := schema.ParseSDL("empty.graphql", "type Query { a: Int }")
	if err != nil {
		t.Fatal(err)
	}
	large := schemagen.Generate(schemagen.Large)
	for _, pair := range [][2]*schema.Schema{{empty, large}, {large, empty}} {
		changes := diff.Changes(pair[0], pair[1])
		if len(changes) < len(large.Types) {
			t.Fatalf("%d changes; want one for every type of the large schema at least", len(changes))
		}
		sorted := slices.Clone(changes)
		diff.Sort(sorted)
		if !slices.EqualFunc(changes, sorted, func(a, b diff.Change) bool { return a.Type == b.Type && a.Path == b.Path && a.Message == b.Message }) {
			t.Error("changes out of report order")
		}
	}
}
