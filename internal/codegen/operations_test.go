package codegen

import (
	"path/filepath"
	"testing"

	"github.com/schemawatch/schemawatch/internal/schema"
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
