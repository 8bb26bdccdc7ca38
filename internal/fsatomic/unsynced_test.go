package fsatomic_test

import (
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/schemawatch/schemawatch/internal/fsatomic"
)

// TestReplaceDirUnsyncedSkipsOnlyTheSyncs: the unsynced variant leaves
// the same tree as ReplaceDir, replacing what was there, and syncs
// nothing, where ReplaceDir syncs every file and directory.
func TestReplaceDirUnsyncedSkipsOnlyTheSyncs(t *testing.T) {
	files := map[string][]byte{"a.txt": []byte("a\n"), "sub/b.txt": []byte("b\n"), "sub/deeper/c.txt": nil}
	tests := []struct {
		name      string
		replace   func(string, map[string][]byte) error
		wantSyncs bool
	}{
		{"ReplaceDir", fsatomic.ReplaceDir, true},
		{"ReplaceDirUnsynced", fsatomic.ReplaceDirUnsynced, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "out")
			if err := tt.replace(dir, map[string][]byte{"stale.txt": []byte("old")}); err != nil {
				t.Fatal(err)
			}
			var n atomic.Int64
			fsatomic.SetSyncs(func() { n.Add(1) })
			defer fsatomic.SetSyncs(nil)
			if err := tt.replace(dir, files); err != nil {
				t.Fatal(err)
			}
			got := readTree(t, dir)
			if len(got) != len(files) {
				t.Errorf("tree holds %v, want exactly %d files", keys(got), len(files))
			}
			for name, want := range files {
				if string(got[name]) != string(want) {
					t.Errorf("%s = %q, want %q", name, got[name], want)
				}
			}
			// 3 files, 3 directories (sub, sub/deeper, the tree) and the parent.
			if syncs := n.Load(); tt.wantSyncs && syncs < 7 || !tt.wantSyncs && syncs != 0 {
				t.Errorf("%d syncs; want %v", syncs, map[bool]string{true: "at least 7", false: "none"}[tt.wantSyncs])
			}
		})
	}
}

func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		data, err := os.ReadFile(path)
		out[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func keys(m map[string][]byte) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
