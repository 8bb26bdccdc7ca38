package collection

import (
	"testing"

	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/schemagen"
	"github.com/schemawatch/schemawatch/internal/testcorpus"
	"github.com/schemawatch/schemawatch/internal/testsupport"
)

// BenchmarkGenerateRailway generates both collections of the newest
// Railway schema (394 root fields), as every watch run does, and reports
// the files' sizes.
func BenchmarkGenerateRailway(b *testing.B) {
	benchmarkGenerate(b, loadSchema(b, testcorpus.Newest(b).Path))
}

// BenchmarkGenerateLarge generates both collections of schemagen.Large
// (1,630 types, the shape of a big public API), the size issue 10's
// whole-regeneration target is set for.
func BenchmarkGenerateLarge(b *testing.B) {
	benchmarkGenerate(b, schemagen.Generate(schemagen.Large))
}

// benchmarkGenerate reports, besides time and allocations, the CPU time
// per run (cpu-ns/op): on a machine shared with other work, wall time
// measures the queue as much as the code, and rendering the two files in
// parallel shortens the wall time only.
func benchmarkGenerate(b *testing.B, s *schema.Schema) {
	var files map[string][]byte
	b.ReportAllocs()
	done := testsupport.CPUTime(b)
	for b.Loop() {
		var err error
		if files, err = Generate(s, Config{}); err != nil {
			b.Fatal(err)
		}
	}
	done()
	postman, insomnia := FileNames(DefaultName)
	b.ReportMetric(float64(len(files[postman]))/1024, "postman-KiB")
	b.ReportMetric(float64(len(files[insomnia]))/1024, "insomnia-KiB")
}
