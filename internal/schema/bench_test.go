package schema_test

import (
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/schemagen"
	"github.com/schemawatch/schemawatch/internal/testcorpus"
)

// Loading the newest Railway version (1.86 MB of JSON) is on every run's
// path: the watch cycle loads the fetched schema and the previous snapshot.

func BenchmarkLoadNewestRailway(b *testing.B) {
	path := testcorpus.Newest(b).Path
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	plain := gunzip(b, data)
	b.Run("gzip", func(b *testing.B) {
		b.SetBytes(int64(len(plain)))
		defer cpuTime(b, len(plain))()
		for b.Loop() {
			if _, err := schema.Load(path, data); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("plain", func(b *testing.B) {
		b.SetBytes(int64(len(plain)))
		defer cpuTime(b, len(plain))()
		for b.Loop() {
			if _, err := schema.Load("schema.json", plain); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkCanonicalOutputNewestRailway(b *testing.B) {
	s, err := schema.LoadFile(testcorpus.Newest(b).Path)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("SDL", func(b *testing.B) {
		for b.Loop() {
			_ = s.PrintSDL()
		}
	})
	b.Run("JSON", func(b *testing.B) {
		for b.Loop() {
			_ = s.MarshalIntrospection()
		}
	})
	b.Run("ValidationSchema", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.ValidationSchema(); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// The generated large schema (schemagen.Large, about 6 MB of canonical
// JSON): a watch cycle renders it once for the snapshot and twice more to
// compare the fetched schema with the previous one.
func BenchmarkCanonicalOutputGenerated(b *testing.B) {
	s := schemagen.Generate(schemagen.Large)
	b.Run("JSON", func(b *testing.B) {
		for b.Loop() {
			_ = s.MarshalIntrospection()
		}
	})
	b.Run("SDL", func(b *testing.B) {
		for b.Loop() {
			_ = s.PrintSDL()
		}
	})
}

func BenchmarkLoadGenerated(b *testing.B) {
	data := schemagen.Generate(schemagen.Large).MarshalIntrospection()
	b.SetBytes(int64(len(data)))
	defer cpuTime(b, len(data))()
	for b.Loop() {
		if _, err := schema.Load("schema.json", data); err != nil {
			b.Fatal(err)
		}
	}
}

// cpuTime reports the CPU time the loop used per iteration (cpu-ns/op) and
// the throughput it stands for (cpu-MB/s) beside the wall-time figures: on
// a machine shared with other work, wall time measures the queue as much
// as the code. Call it before the loop and call what it returns after.
func cpuTime(b *testing.B, bytes int) (done func()) {
	b.Helper()
	start := rusage(b)
	return func() {
		if b.N > 0 {
			perOp := float64((rusage(b) - start).Nanoseconds()) / float64(b.N)
			b.ReportMetric(perOp, "cpu-ns/op")
			if bytes > 0 && perOp > 0 {
				b.ReportMetric(float64(bytes)/perOp*1e3, "cpu-MB/s")
			}
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
