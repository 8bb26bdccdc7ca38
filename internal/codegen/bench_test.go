package codegen

import "testing"

// BenchmarkGenerate generates the package of the newest Railway version
// (601 types), as every watch run does.
func BenchmarkGenerate(b *testing.B) {
	s := newestRailway(b)
	cfg := Config{Package: "railway"}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Generate(s, cfg); err != nil {
			b.Fatal(err)
		}
	}
}
