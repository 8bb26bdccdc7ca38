package snapshot_test

import (
	"testing"

	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/schemagen"
	"github.com/schemawatch/schemawatch/internal/snapshot"
	"github.com/schemawatch/schemawatch/internal/testcorpus"
	"github.com/schemawatch/schemawatch/internal/testsupport"
)

// BenchmarkRender is the snapshot stage of a watch cycle: the canonical
// JSON, its hash, the SDL and meta.json of a generated 1,600-type schema
// (schemagen.Large) and of Railway's newest version.
//
//	go test ./internal/snapshot -run '^$' -bench Render -benchmem
func BenchmarkRender(b *testing.B) {
	b.Run("generated", func(b *testing.B) {
		benchRender(b, schemagen.Generate(schemagen.Large))
	})
	b.Run("railway", func(b *testing.B) {
		s, err := schema.LoadFile(testcorpus.Newest(b).Path)
		if err != nil {
			b.Fatal(err)
		}
		benchRender(b, s)
	})
}

func benchRender(b *testing.B, s *schema.Schema) {
	b.Helper()
	defer testsupport.CPUTime(b)()
	for b.Loop() {
		snapshot.Render(s, snapshot.Meta{Source: "schema.json"})
	}
}
