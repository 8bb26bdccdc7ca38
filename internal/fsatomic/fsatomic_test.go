package fsatomic_test

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/internal/fsatomic"
)

// tree returns the files under dir, relative, with their contents.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "out.txt")
	for _, content := range []string{"first", "second"} {
		if err := fsatomic.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		if got, _ := os.ReadFile(path); string(got) != content {
			t.Errorf("content %q, want %q", got, content)
		}
	}
	if names := entries(t, filepath.Join(dir, "sub")); !slices.Equal(names, []string{"out.txt"}) {
		t.Errorf("leftovers beside the file: %v", names)
	}
	// A target that cannot be replaced (a directory) fails and leaves it be.
	if err := os.Mkdir(filepath.Join(dir, "taken"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := fsatomic.WriteFile(filepath.Join(dir, "taken"), []byte("x"), 0o644); err == nil {
		t.Error("writing over a directory succeeded")
	}
	if names := entries(t, dir); !slices.Equal(names, []string{"sub", "taken"}) {
		t.Errorf("a failed write left %v", names)
	}
}

func TestReplaceDir(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "snap")
	first := map[string][]byte{"a.txt": []byte("A1"), "nested/b.txt": []byte("B1"), "stale.txt": []byte("S")}
	if err := fsatomic.ReplaceDir(dir, first); err != nil {
		t.Fatal(err)
	}
	second := map[string][]byte{"a.txt": []byte("A2"), "nested/b.txt": []byte("B2")}
	if err := fsatomic.ReplaceDir(dir, second); err != nil {
		t.Fatal(err)
	}
	if got := tree(t, dir); len(got) != 2 || got["a.txt"] != "A2" || got["nested/b.txt"] != "B2" {
		t.Errorf("after replace: %v (stale files must go)", got)
	}
	if names := entries(t, parent); !slices.Equal(names, []string{"snap"}) {
		t.Errorf("leftovers beside the directory: %v", names)
	}
}

// TestReplaceDirRelativePaths: a directory named relative to the working
// directory, as `watch generate --go-out demoapi` names it, is written like
// an absolute one, nested files included, and nothing is left beside it.
func TestReplaceDirRelativePaths(t *testing.T) {
	parent := t.TempDir()
	t.Chdir(parent)
	files := map[string][]byte{"a.txt": []byte("A"), "nested/deeper/b.txt": []byte("B"), "nested/c.txt": []byte("C")}
	for _, tc := range []struct {
		dir, base string
		replace   func(string, map[string][]byte) error
	}{
		{"snap", ".", fsatomic.ReplaceDir},
		{"./dot", ".", fsatomic.ReplaceDir},
		{"out/inner", "out", fsatomic.ReplaceDir},
		{"unsynced", ".", fsatomic.ReplaceDirUnsynced},
	} {
		t.Run(tc.dir, func(t *testing.T) {
			for range 2 { // a first write, then a replacement
				if err := tc.replace(tc.dir, files); err != nil {
					t.Fatal(err)
				}
			}
			if got := tree(t, filepath.Join(parent, tc.dir)); len(got) != 3 || got["nested/deeper/b.txt"] != "B" {
				t.Errorf("wrote %v", got)
			}
			for _, name := range entries(t, filepath.Join(parent, tc.base)) {
				if strings.HasPrefix(name, ".") {
					t.Errorf("left %s beside it", name)
				}
			}
		})
	}
}

// TestReplaceDirFailureKeepsPrevious: a write that fails half-way leaves
// the previous directory exactly as it was, and nothing else behind.
func TestReplaceDirFailureKeepsPrevious(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "snap")
	if err := fsatomic.ReplaceDir(dir, map[string][]byte{"keep.txt": []byte("good")}); err != nil {
		t.Fatal(err)
	}
	bad := map[string][]byte{"a.txt": []byte("new"), "../escape.txt": []byte("x")}
	if err := fsatomic.ReplaceDir(dir, bad); err == nil {
		t.Fatal("a file outside the directory was accepted")
	}
	if got := tree(t, dir); len(got) != 1 || got["keep.txt"] != "good" {
		t.Errorf("the previous directory changed: %v", got)
	}
	if names := entries(t, parent); !slices.Equal(names, []string{"snap"}) {
		t.Errorf("a failed write left %v", names)
	}
}

// TestRecover: a process that died between the two renames of ReplaceDir
// left the directory missing and the old tree aside; the next reader or
// writer puts it back. Half-written staging trees are removed.
func TestRecover(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "snap")
	if err := fsatomic.ReplaceDir(dir, map[string][]byte{"keep.txt": []byte("good")}); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(dir, filepath.Join(parent, ".snap.previous")); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(parent, ".snap.staging-123", "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := fsatomic.Recover(dir); err != nil {
		t.Fatal(err)
	}
	if got := tree(t, dir); got["keep.txt"] != "good" {
		t.Errorf("not restored: %v", got)
	}
	if names := entries(t, parent); !slices.Equal(names, []string{"snap"}) {
		t.Errorf("after Recover: %v", names)
	}
	// With the new tree already in place, a leftover previous tree is
	// simply removed.
	if err := os.MkdirAll(filepath.Join(parent, ".snap.previous"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := fsatomic.Recover(dir); err != nil {
		t.Fatal(err)
	}
	if names := entries(t, parent); !slices.Equal(names, []string{"snap"}) {
		t.Errorf("after Recover: %v", names)
	}
}

// TestReplaceDirManyFiles: trees larger than the writers working at once,
// nested, are written whole; one file that cannot be written (its name is
// also a directory of the tree) fails the replacement, half-way through
// the writes, and leaves the previous directory and nothing else.
func TestReplaceDirManyFiles(t *testing.T) {
	many := func(n int) map[string][]byte {
		files := map[string][]byte{}
		for i := range n {
			files[fmt.Sprintf("d%d/f%03d.txt", i%3, i)] = []byte(strings.Repeat("x", i))
		}
		return files
	}
	withClash := many(40)
	withClash["d1"] = []byte("a file where the tree has a directory")
	tests := []struct {
		name    string
		files   map[string][]byte
		wantErr bool
	}{
		{"one", many(1), false},
		{"forty", many(40), false},
		{"clash", withClash, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parent := t.TempDir()
			dir := filepath.Join(parent, "out")
			if err := fsatomic.ReplaceDir(dir, map[string][]byte{"keep.txt": []byte("good")}); err != nil {
				t.Fatal(err)
			}
			err := fsatomic.ReplaceDir(dir, tt.files)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want an error: %v", err, tt.wantErr)
			}
			want := map[string]string{"keep.txt": "good"}
			if !tt.wantErr {
				want = map[string]string{}
				for name, data := range tt.files {
					want[name] = string(data)
				}
			}
			if got := tree(t, dir); !maps.Equal(got, want) {
				t.Errorf("the directory holds %d files, want %d", len(got), len(want))
			}
			if names := entries(t, parent); !slices.Equal(names, []string{"out"}) {
				t.Errorf("left beside the directory: %v", names)
			}
		})
	}
}
