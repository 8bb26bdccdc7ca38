package codegen

import (
	"syscall"
	"testing"
	"time"

	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/schemagen"
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
	defer cpuTime(b)()
	for b.Loop() {
		if _, err := Generate(s, cfg); err != nil {
			b.Fatal(err)
		}
	}
}

// cpuTime reports the CPU time the loop used per iteration (cpu-ns/op)
// beside the wall time: generating renders files on every core, and on a
// machine shared with other work wall time measures the queue as much as
// the code. Call it before the loop and call what it returns after.
func cpuTime(b *testing.B) (done func()) {
	b.Helper()
	start := rusage(b)
	return func() {
		if b.N > 0 {
			b.ReportMetric(float64((rusage(b)-start).Nanoseconds())/float64(b.N), "cpu-ns/op")
		}
	}
}

func rusage(b *testing.B) time.Duration {
	b.Helper()
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
