package golden

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// recorder is a testing.TB that keeps the failure instead of failing.
type recorder struct {
	testing.TB
	msg string
}

func (r *recorder) Helper()                           {}
func (r *recorder) Name() string                      { return "TestThing/sub" }
func (r *recorder) Errorf(format string, args ...any) { r.msg = fmt.Sprintf(format, args...) }
func (r *recorder) Fatalf(format string, args ...any) { r.msg = fmt.Sprintf(format, args...) }

func TestCheck(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.golden")
	if err := os.WriteFile(path, []byte("a\nb\nc\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := &recorder{TB: t}
	Check(r, path, []byte("a\nb\nc\n"))
	if r.msg != "" {
		t.Errorf("equal files: %s", r.msg)
	}
	Check(r, path, []byte("a\nB\nc\n"))
	if !strings.Contains(r.msg, "line 2") || !strings.Contains(r.msg, `"b"`) || !strings.Contains(r.msg, "go test -run '^TestThing$' -update") {
		t.Errorf("a difference: %s", r.msg)
	}
	r.msg = ""
	Check(r, path, []byte("a\nb\nc\nd\n"), "make generate")
	if !strings.Contains(r.msg, "line 4") || !strings.Contains(r.msg, "run `make generate`") {
		t.Errorf("a longer text: %s", r.msg)
	}
	r.msg = ""
	Check(r, filepath.Join(t.TempDir(), "missing"), nil)
	if !strings.Contains(r.msg, "to write it") {
		t.Errorf("a missing file: %s", r.msg)
	}
}
