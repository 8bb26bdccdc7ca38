package diff_test

import (
	"testing"

	"github.com/schemawatch/schemawatch/internal/diff"
	"github.com/schemawatch/schemawatch/internal/schemagen"
)

// TestNoChangeAllocatesNothingPerElement diffs two separately built copies
// of one 1,600-type schema, full of descriptions, deprecations and default
// values of every kind (scalars, enums, input objects): with nothing to
// report, the comparison allocates a few bookkeeping objects and nothing
// per type, field, argument or default.
func TestNoChangeAllocatesNothingPerElement(t *testing.T) {
	if testing.Short() {
		t.Skip("a 1,600-type schema in -short mode")
	}
	old, new := schemagen.Generate(schemagen.Large), schemagen.Generate(schemagen.Large)
	if changes := diff.Changes(old, new); len(changes) != 0 {
		t.Fatalf("two copies of one schema differ: %d changes, the first %+v", len(changes), changes[0])
	}
	const most = 8
	if n := testing.AllocsPerRun(5, func() { diff.Changes(old, new) }); n > most {
		t.Errorf("a diff without changes allocated %.0f times; want at most %d", n, most)
	}
}

// TestChangesAllocatePerChange holds the allocations of a diff with changes
// to a few per emitted change: its path and message are all that is
// formatted, and nothing is allocated for the elements that did not change.
func TestChangesAllocatePerChange(t *testing.T) {
	if testing.Short() {
		t.Skip("a 1,600-type pair in -short mode")
	}
	old, new := schemagen.Pair(schemagen.Large)
	changes := diff.Changes(old, new)
	const most = 4.0
	if perChange := testing.AllocsPerRun(3, func() { diff.Changes(old, new) }) / float64(len(changes)); perChange > most {
		t.Errorf("%d changes: %.1f allocations per change; want at most %.0f", len(changes), perChange, most)
	}
}
