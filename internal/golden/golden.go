// Package golden compares what a test produces with golden files kept in
// the repository, and rewrites them when the test binary runs with -update.
// Every package's golden tests share this one -update flag.
package golden

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files instead of comparing with them")

// Updating reports whether the test binary runs with -update, for tests
// whose golden data is more than one file.
func Updating() bool { return *update }

// Check compares got with the golden file at path; under -update it writes
// got there instead. A difference is reported at its first line, with how
// to update the file: regenerate when given (a command, e.g. "make
// generate"), else rerunning the test with -update.
func Check(t testing.TB, path string, got []byte, regenerate ...string) {
	t.Helper()
	how := fmt.Sprintf("go test -run '^%s$' -update in the package", strings.SplitN(t.Name(), "/", 2)[0])
	if len(regenerate) > 0 {
		how = regenerate[0]
	}
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v: run `%s` to write it", err, how)
		return
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is not what the test produces, from %s\nif the change is meant, run `%s` and review the diff", path, FirstDifference(want, got), how)
	}
}

// FirstDifference describes the first line where two texts differ.
func FirstDifference(want, got []byte) string {
	w, g := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := 0; i < max(len(w), len(g)); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl || i >= len(w) || i >= len(g) {
			return fmt.Sprintf("line %d:\n  file:     %.200q\n  produced: %.200q", i+1, wl, gl)
		}
	}
	return "line 1 (the texts differ only in their end)"
}
