package collection

import (
	"testing"

	"github.com/schemawatch/schemawatch/internal/testcorpus"
)

// BenchmarkGenerateRailway generates both collections of the newest
// Railway schema (394 root fields), as every watch run does, and reports
// the files' sizes.
func BenchmarkGenerateRailway(b *testing.B) {
	s := loadSchema(b, testcorpus.Newest(b).Path)
	var files map[string][]byte
	b.ReportAllocs()
	for b.Loop() {
		var err error
		if files, err = Generate(s, Config{}); err != nil {
			b.Fatal(err)
		}
	}
	postman, insomnia := FileNames(DefaultName)
	b.ReportMetric(float64(len(files[postman]))/1024, "postman-KiB")
	b.ReportMetric(float64(len(files[insomnia]))/1024, "insomnia-KiB")
}
