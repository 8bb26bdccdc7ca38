// Package testcorpus gives tests and benchmarks the shared material that
// sits beside a checkout in ../shared: the Railway schema corpus, the
// answer keys, the real operations, the specs, and the reference GraphQL
// server. It is read in place, never copied into the project.
//
// A user's clone has no ../shared: tests that need it skip, saying so. CI
// sets SCHEMAWATCH_REQUIRE_SHARED=1 (.ci/run does), and then a missing piece
// fails the test instead, so that CI can never pass by skipping.
package testcorpus

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Env variables that steer this package.
const (
	// EnvShared overrides where the shared directory is (default: ../shared
	// from the module root).
	EnvShared = "SCHEMAWATCH_SHARED"
	// EnvRequire makes a missing shared directory or server a failure.
	EnvRequire = "SCHEMAWATCH_REQUIRE_SHARED"
	// EnvGraphQLServer is the path to serve.mjs of the reference server with
	// its node_modules installed (see .ci/run and the Makefile).
	EnvGraphQLServer = "SCHEMAWATCH_GRAPHQL_SERVER"
)

// TB is what this package needs of a test or benchmark.
type TB interface {
	Helper()
	Skipf(format string, args ...any)
	Fatalf(format string, args ...any)
	Cleanup(func())
	Logf(format string, args ...any)
}

var rootOnce = sync.OnceValue(func() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
})

// ModuleRoot returns the directory holding go.mod.
func ModuleRoot(t TB) string {
	t.Helper()
	root := rootOnce()
	if root == "" {
		t.Fatalf("testcorpus: no go.mod above the working directory")
	}
	return root
}

// Required reports whether missing shared material must fail tests.
func Required() bool { return os.Getenv(EnvRequire) == "1" }

// missing skips the test, or fails it under SCHEMAWATCH_REQUIRE_SHARED=1.
func missing(t TB, format string, args ...any) {
	t.Helper()
	if Required() {
		t.Fatalf("testcorpus: "+format+" (required: "+EnvRequire+"=1)", args...)
	}
	t.Skipf("testcorpus: "+format+"; skipping (CI has it)", args...)
}

// SharedDir returns the shared directory, or skips the test when there is
// none.
func SharedDir(t TB) string {
	t.Helper()
	dir := os.Getenv(EnvShared)
	if dir == "" {
		dir = filepath.Join(filepath.Dir(ModuleRoot(t)), "shared")
	}
	if info, err := os.Stat(filepath.Join(dir, "corpus", "railway")); err != nil || !info.IsDir() {
		missing(t, "no shared corpus at %s (set %s to point at it)", dir, EnvShared)
	}
	return dir
}

// Path returns a path inside the shared directory, skipping the test when
// it does not exist.
func Path(t TB, elem ...string) string {
	t.Helper()
	p := filepath.Join(append([]string{SharedDir(t)}, elem...)...)
	if _, err := os.Stat(p); err != nil {
		missing(t, "%s is missing", p)
	}
	return p
}

// Version is one entry of the Railway corpus, in INDEX.tsv order.
type Version struct {
	Index  int    // 1-based position in the corpus
	File   string // file name, e.g. 048-2026-08-08-fc0331d1.json.gz
	Path   string // absolute path
	Date   string
	Format string // "graphql" or "json"
}

// Railway returns the 48 schema versions of the Railway corpus in order.
func Railway(t TB) []Version {
	t.Helper()
	dir := Path(t, "corpus", "railway", "schemas")
	f, err := os.Open(filepath.Join(dir, "INDEX.tsv"))
	if err != nil {
		t.Fatalf("testcorpus: %v", err)
	}
	defer f.Close()
	var out []Version
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 4 || cols[0] == "file" {
			continue
		}
		out = append(out, Version{Index: len(out) + 1, File: cols[0], Path: filepath.Join(dir, cols[0]), Date: cols[1], Format: cols[3]})
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("testcorpus: %v", err)
	}
	if len(out) == 0 {
		t.Fatalf("testcorpus: %s lists no schemas", f.Name())
	}
	return out
}

// Newest returns the newest Railway version.
func Newest(t TB) Version {
	t.Helper()
	all := Railway(t)
	return all[len(all)-1]
}

// Pair is two consecutive Railway versions.
type Pair struct {
	Old, New Version
	// Name is "NNN-MMM", the name of the pair's answer-key files.
	Name string
}

// Pairs returns the 47 consecutive pairs of the Railway corpus.
func Pairs(t TB) []Pair {
	t.Helper()
	all := Railway(t)
	pairs := make([]Pair, 0, len(all)-1)
	for i := 1; i < len(all); i++ {
		pairs = append(pairs, Pair{Old: all[i-1], New: all[i], Name: all[i-1].File[:3] + "-" + all[i].File[:3]})
	}
	return pairs
}

// Operations returns the paths of the real client operations
// (corpus/railway/operations/**/*.graphql), sorted.
func Operations(t TB) []string {
	t.Helper()
	dir := Path(t, "corpus", "railway", "operations")
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".graphql") {
			out = append(out, p)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("testcorpus: %v", err)
	}
	return out
}
