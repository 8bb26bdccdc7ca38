package schema_test

import (
	"os"
	"testing"

	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/schemagen"
	"github.com/schemawatch/schemawatch/internal/testcorpus"
	"github.com/schemawatch/schemawatch/internal/testsupport"
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
		defer testsupport.CPUThroughput(b, len(plain))()
		for b.Loop() {
			if _, err := schema.Load(path, data); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("plain", func(b *testing.B) {
		b.SetBytes(int64(len(plain)))
		defer testsupport.CPUThroughput(b, len(plain))()
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
	defer testsupport.CPUThroughput(b, len(data))()
	for b.Loop() {
		if _, err := schema.Load("schema.json", data); err != nil {
			b.Fatal(err)
		}
	}
}
