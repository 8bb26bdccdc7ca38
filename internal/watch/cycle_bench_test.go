package watch

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/schemawatch/schemawatch/internal/diff"
	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/schemagen"
	"github.com/schemawatch/schemawatch/internal/snapshot"
	"github.com/schemawatch/schemawatch/internal/testcorpus"
	"github.com/schemawatch/schemawatch/internal/testsupport"
)

// BenchmarkCycle is one whole dry-run watch cycle as scripts/bench runs it
// (`watch run --once --dry-run`): a work directory holding the old
// snapshot, a loopback server answering the introspection with the new
// schema's JSON, and a cycle that fetches, diffs and writes the snapshot,
// the Go package, both collections and the report. Each iteration gets a
// fresh copy of the work directory, made outside the timer; cpu-ns/op
// counts only the cycle.
//
//	go test ./internal/watch -run '^$' -bench Cycle -benchmem -cpuprofile cpu.out
func BenchmarkCycle(b *testing.B) {
	b.Run("generated", func(b *testing.B) {
		old, new := schemagen.Pair(schemagen.Large)
		benchCycle(b, old, new.MarshalIntrospection())
	})
	b.Run("railway", func(b *testing.B) {
		pairs := testcorpus.Pairs(b)
		newest := pairs[len(pairs)-1]
		old, err := schema.LoadFile(newest.Old.Path)
		if err != nil {
			b.Fatal(err)
		}
		benchCycle(b, old, readPlain(b, newest.New.Path))
	})
}

// benchCycle measures cycles from a committed snapshot of old to a live
// API answering with liveJSON.
func benchCycle(b *testing.B, old *schema.Schema, liveJSON []byte) {
	b.Helper()
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(liveJSON)
	}))
	b.Cleanup(api.Close)
	cfg, err := NewConfig(GitHub{}, API{
		Name: "bench", Endpoint: api.URL + "/graphql", TokenKind: "bearer", TokenEnv: "BENCH_TOKEN",
		GoPackage: &GoPackage{Dir: "gen/benchapi"}, CollectionDir: "collection", FailOn: diff.FailOnNone,
	})
	if err != nil {
		b.Fatal(err)
	}
	base := b.TempDir()
	if err := snapshot.Write(filepath.Join(base, "snapshots", "bench"), old, snapshot.Meta{Source: "old.json"}); err != nil {
		b.Fatal(err)
	}
	env := Env{Getenv: func(k string) string { return map[string]string{"BENCH_TOKEN": "bench"}[k] }}
	work := b.TempDir()
	var cpu time.Duration
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		root := filepath.Join(work, strconv.Itoa(i))
		if err := os.CopyFS(root, os.DirFS(base)); err != nil {
			b.Fatal(err)
		}
		cycle, err := NewCycle(cfg, Options{Workdir: root, DryRun: true}, env)
		if err != nil {
			b.Fatal(err)
		}
		start := testsupport.ProcessCPU(b)
		b.StartTimer()
		out, err := cycle.Run(context.Background(), cfg.APIs[0])
		b.StopTimer()
		cpu += testsupport.ProcessCPU(b) - start
		if err != nil {
			b.Fatal(err)
		}
		if !out.Changed || out.Report == nil {
			b.Fatalf("the cycle found no change: %+v", out)
		}
		if err := os.RemoveAll(root); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	if b.N > 0 {
		b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}

// readPlain reads a corpus file, gunzipped when it ends in .gz: what a
// server sends.
func readPlain(b *testing.B, path string) []byte {
	b.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	if !strings.HasSuffix(path, ".gz") {
		return data
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		b.Fatal(err)
	}
	plain, err := io.ReadAll(zr)
	if err != nil {
		b.Fatal(err)
	}
	return plain
}
