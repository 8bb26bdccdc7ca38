package fsatomic_test

import (
	"bytes"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/schemawatch/schemawatch/internal/fsatomic"
	"github.com/schemawatch/schemawatch/internal/testsupport"
)

// pullRequestTree is shaped like what a watch cycle of a 1,600-type schema
// writes into one directory: a Go package of nine files, two collections,
// a report and a snapshot, about 12 MB in 16 files.
func pullRequestTree() map[string][]byte {
	sizes := map[string]int{
		"gen/abstract.go": 2 << 10, "gen/doc.go": 2 << 10, "gen/enums.go": 400 << 10, "gen/inputs.go": 380 << 10,
		"gen/interfaces.go": 30 << 10, "gen/objects.go": 740 << 10, "gen/optional.go": 2 << 10, "gen/scalars.go": 1 << 10,
		"gen/unions.go": 5 << 10, "collection/api.insomnia.json": 1300 << 10, "collection/api.postman_collection.json": 1100 << 10,
		"report/report.json": 370 << 10, "report/report.md": 70 << 10, "snapshot/meta.json": 1 << 9,
		"snapshot/schema.graphql": 920 << 10, "snapshot/schema.json": 6 << 20,
	}
	files := map[string][]byte{}
	for name, n := range sizes {
		files[name] = bytes.Repeat([]byte(name+"\n"), n/(len(name)+1)+1)[:n]
	}
	return files
}

// BenchmarkReplaceDir replaces a directory with a pull request's worth of
// files: the write, the fsyncs and the swap. Wall time is what it measures
// (the fsyncs wait on the disk, not the CPU); cpu-ns/op is the process's
// CPU time, the system calls' included.
func BenchmarkReplaceDir(b *testing.B) {
	benchmarkReplaceDir(b, fsatomic.ReplaceDir)
}

// BenchmarkReplaceDirUnsynced is BenchmarkReplaceDir as a dry run writes
// its preview, without the fsyncs: what is left is the system calls that
// create, write, rename and remove, which CPU time measures.
func BenchmarkReplaceDirUnsynced(b *testing.B) {
	benchmarkReplaceDir(b, fsatomic.ReplaceDirUnsynced)
}

func benchmarkReplaceDir(b *testing.B, replace func(string, map[string][]byte) error) {
	files := pullRequestTree()
	root := b.TempDir()
	b.ReportAllocs()
	done := testsupport.CPUTime(b)
	for i := 0; b.Loop(); i++ {
		if err := replace(filepath.Join(root, fmt.Sprint(i%4)), files); err != nil {
			b.Fatal(err)
		}
	}
	done()
}
