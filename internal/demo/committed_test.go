package demo_test

import (
	"path/filepath"
	"testing"

	"github.com/vektah/gqlparser/v2"

	"github.com/schemawatch/schemawatch/internal/demo"
	"github.com/schemawatch/schemawatch/internal/snapshot"
	"github.com/schemawatch/schemawatch/internal/testcorpus"
)

// TestCommittedDemoSnapshotIsCurrent: the committed demo snapshot is
// version 2 of the demo schema as the demo endpoint serves it, so that the
// committed outputs made from it (demoapi, collection/demo.*) follow the
// schema.
func TestCommittedDemoSnapshotIsCurrent(t *testing.T) {
	got, err := snapshot.Load(filepath.Join(testcorpus.ModuleRoot(t), "snapshots", "demo"))
	if err != nil {
		t.Fatal(err)
	}
	if !snapshot.Equal(got, demo.Schema(demo.V2).WithCapabilities(demo.DefaultIntrospection)) {
		t.Error("snapshots/demo is not the demo schema's version 2: run `make refresh-demo` to run the watch cycle on this checkout")
	}
}

// TestOperationsValidateAgainstVersion1: the demo client was written
// against version 1, so that version 2 can break some of it.
func TestOperationsValidateAgainstVersion1(t *testing.T) {
	gs, err := demo.Schema(demo.V1).ValidationSchema()
	if err != nil {
		t.Fatal(err)
	}
	ops := demo.Operations()
	if len(ops) < 4 {
		t.Fatalf("%d operations", len(ops))
	}
	for name, doc := range ops {
		if _, errs := gqlparser.LoadQueryWithRules(gs, string(doc), nil); len(errs) > 0 {
			t.Errorf("%s: %v", name, errs)
		}
	}
}
