package codegen

import (
	"testing"

	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/schemagen"
	"github.com/schemawatch/schemawatch/internal/testsupport"
)

// BenchmarkGenerate generates the package of the newest Railway version
// (601 types), as every watch run does, and of the scale benchmarks'
// generated schema (schemagen.Large, about 1,600 types).
func BenchmarkGenerate(b *testing.B) {
	b.Run("railway", func(b *testing.B) {
		benchmarkGenerate(b, Config{Package: "railway"}, newestRailway(b))
	})
	b.Run("generated", func(b *testing.B) {
		benchmarkGenerate(b, Config{Package: "large"}, schemagen.Generate(schemagen.Large))
	})
}

func benchmarkGenerate(b *testing.B, cfg Config, s *schema.Schema) {
	b.Helper()
	b.ReportAllocs()
	defer testsupport.CPUTime(b)()
	for b.Loop() {
		if _, err := Generate(s, cfg); err != nil {
			b.Fatal(err)
		}
	}
}
