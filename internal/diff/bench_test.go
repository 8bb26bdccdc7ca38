package diff_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/schemawatch/schemawatch/internal/clientops"
	"github.com/schemawatch/schemawatch/internal/diff"
	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/schemagen"
	"github.com/schemawatch/schemawatch/internal/testcorpus"
	"github.com/schemawatch/schemawatch/internal/testsupport"
)

// benchPairs are the pairs the speed goal is measured on: the newest, what
// every watch run diffs, and the one with the most changes (005→006, 696
// by Inspector's count).
func benchPairs(b *testing.B) map[string]testcorpus.Pair {
	pairs := testcorpus.Pairs(b)
	return map[string]testcorpus.Pair{"newest": pairs[len(pairs)-1], "largest": pairs[4]}
}

// BenchmarkLoadAndDiff is a whole diff as `watch diff` runs it: load both
// files (gzip'd introspection JSON or SDL) and compare them.
func BenchmarkLoadAndDiff(b *testing.B) {
	b.Run("generated", func(b *testing.B) {
		old, new := schemagen.Pair(schemagen.Large)
		dir := b.TempDir()
		oldPath, newPath := filepath.Join(dir, "old.json"), filepath.Join(dir, "new.json")
		for path, s := range map[string]*schema.Schema{oldPath: old, newPath: new} {
			if err := os.WriteFile(path, s.MarshalIntrospection(), 0o644); err != nil {
				b.Fatal(err)
			}
		}
		defer testsupport.CPUTime(b)()
		for b.Loop() {
			old, new := loadPair(b, oldPath, newPath)
			diff.Changes(old, new)
		}
	})
	for name, p := range benchPairs(b) {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				old, err := schema.LoadFile(p.Old.Path)
				if err != nil {
					b.Fatal(err)
				}
				new, err := schema.LoadFile(p.New.Path)
				if err != nil {
					b.Fatal(err)
				}
				diff.Changes(old, new)
			}
		})
	}
}

// BenchmarkDiff is the comparison alone, on loaded schemas: Railway's
// pairs, and a generated pair of 1,600 types (schemagen.Large).
func BenchmarkDiff(b *testing.B) {
	b.Run("generated", func(b *testing.B) {
		old, new := schemagen.Pair(schemagen.Large)
		defer testsupport.CPUTime(b)()
		for b.Loop() {
			diff.Changes(old, new)
		}
	})
	for name, p := range benchPairs(b) {
		b.Run(name, func(b *testing.B) {
			old, new := loadPair(b, p.Old.Path, p.New.Path)
			defer testsupport.CPUTime(b)()
			for b.Loop() {
				diff.Changes(old, new)
			}
		})
	}
}

// BenchmarkAnalyze checks the real client's operations against the newest
// pair: both validation schemas built, every operation validated twice.
func BenchmarkAnalyze(b *testing.B) {
	p := benchPairs(b)["newest"]
	old, new := loadPair(b, p.Old.Path, p.New.Path)
	ops, err := clientops.Read(testcorpus.Path(b, "corpus", "railway", "operations"))
	if err != nil {
		b.Fatal(err)
	}
	changes := diff.Changes(old, new)
	for b.Loop() {
		if _, err := diff.Analyze(old, new, changes, ops); err != nil {
			b.Fatal(err)
		}
	}
}
