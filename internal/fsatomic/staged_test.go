package fsatomic_test

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sync/atomic"
	"testing"

	"github.com/schemawatch/schemawatch/internal/fsatomic"
)

// TestStagedDirectory: a staged tree is invisible in dir until Commit, and
// Abort leaves dir as it was; either way nothing is left beside dir, and
// dir's lock is free again.
func TestStagedDirectory(t *testing.T) {
	for _, commit := range []bool{true, false} {
		root := t.TempDir()
		dir := filepath.Join(root, "pkg")
		old := map[string][]byte{"a.go": []byte("old a"), "b.go": []byte("old b")}
		if err := fsatomic.ReplaceDir(dir, old); err != nil {
			t.Fatal(err)
		}
		st, err := fsatomic.StageDir(dir, map[string][]byte{"a.go": []byte("new a"), "sub/c.go": []byte("new c")})
		if err != nil {
			t.Fatal(err)
		}
		if got := tree(t, dir); !maps.Equal(got, map[string]string{"a.go": "old a", "b.go": "old b"}) {
			t.Errorf("before Commit or Abort, dir holds %v: want the old tree", got)
		}
		want := map[string]string{"a.go": "old a", "b.go": "old b"}
		if commit {
			if err := st.Commit(); err != nil {
				t.Fatal(err)
			}
			want = map[string]string{"a.go": "new a", "sub/c.go": "new c"}
		} else {
			st.Abort()
		}
		if got := tree(t, dir); !maps.Equal(got, want) {
			t.Errorf("commit=%v: dir holds %v, want %v", commit, got, want)
		}
		if names := entries(t, root); !slices.Equal(names, []string{"pkg"}) {
			t.Errorf("commit=%v: left beside dir: %v", commit, names)
		}
		// The lock is free: replacing dir again does not wait for it.
		if err := fsatomic.ReplaceDir(dir, old); err != nil {
			t.Fatal(err)
		}
	}
}

// TestStagedFile: a staged file leaves path as it was until Commit, and
// Abort removes the temporary file.
func TestStagedFile(t *testing.T) {
	for _, commit := range []bool{true, false} {
		dir := t.TempDir()
		path := filepath.Join(dir, "report.md")
		if err := fsatomic.WriteFile(path, []byte("old"), 0o644); err != nil {
			t.Fatal(err)
		}
		st, err := fsatomic.StageFile(path, []byte("new"), 0o600)
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := os.ReadFile(path); string(got) != "old" {
			t.Errorf("before Commit or Abort, the file holds %q", got)
		}
		want := "old"
		if commit {
			if err := st.Commit(); err != nil {
				t.Fatal(err)
			}
			want = "new"
		} else {
			st.Abort()
		}
		if got, _ := os.ReadFile(path); string(got) != want {
			t.Errorf("commit=%v: the file holds %q, want %q", commit, got, want)
		}
		if names := entries(t, dir); !slices.Equal(names, []string{"report.md"}) {
			t.Errorf("commit=%v: left beside the file: %v", commit, names)
		}
		if fi, _ := os.Stat(path); commit && fi.Mode().Perm() != 0o600 {
			t.Errorf("mode %v, want 0600", fi.Mode().Perm())
		}
	}
}

// TestStagedCommitsOnce: the first of Commit and Abort decides; All
// commits or aborts every member.
func TestStagedCommitsOnce(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	sa, err := fsatomic.StageFile(a, []byte("a"), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	sb, err := fsatomic.StageDir(b, map[string][]byte{"f": []byte("b")})
	if err != nil {
		t.Fatal(err)
	}
	all := fsatomic.All(sa, sb)
	if err := all.Commit(); err != nil {
		t.Fatal(err)
	}
	all.Abort() // too late: does nothing
	if err := all.Commit(); err != nil {
		t.Errorf("a second Commit: %v", err)
	}
	if got := tree(t, dir); !maps.Equal(got, map[string]string{"a": "a", "b/f": "b"}) {
		t.Errorf("after All(...).Commit: %v", got)
	}

	sc, err := fsatomic.StageFile(filepath.Join(dir, "c"), []byte("c"), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	sd, err := fsatomic.StageDir(filepath.Join(dir, "d"), map[string][]byte{"f": []byte("d")})
	if err != nil {
		t.Fatal(err)
	}
	aborted := fsatomic.All(sc, sd)
	aborted.Abort()
	if err := aborted.Commit(); err == nil {
		t.Error("Commit after Abort succeeded")
	}
	if names := entries(t, dir); !slices.Equal(names, []string{"a", "b"}) {
		t.Errorf("after All(...).Abort: %v", names)
	}
}

// TestAbortRemovesTheDirectoriesItMade: staging into directories that do
// not exist yet makes them; Abort removes them again, and only them.
func TestAbortRemovesTheDirectoriesItMade(t *testing.T) {
	root := t.TempDir()
	sf, err := fsatomic.StageFile(filepath.Join(root, "a", "b", "report.md"), []byte("x"), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	sd, err := fsatomic.StageDir(filepath.Join(root, "c", "d", "pkg"), map[string][]byte{"x.go": []byte("x")})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(root, "c", "keep"), 0o755); err != nil {
		t.Fatal(err)
	}
	fsatomic.All(sf, sd).Abort()
	if names := entries(t, root); !slices.Equal(names, []string{"c"}) {
		t.Errorf("after Abort, %s holds %v: want only c, which holds another directory", root, names)
	}
	if names := entries(t, filepath.Join(root, "c")); !slices.Equal(names, []string{"keep"}) {
		t.Errorf("after Abort, c holds %v: want only keep", names)
	}
}

// TestStageFilesAbortRemovesItsDirectories: files staged side by side into
// one new directory; whichever is aborted first, the directory goes too.
func TestStageFilesAbortRemovesItsDirectories(t *testing.T) {
	for range 20 {
		root := t.TempDir()
		files := map[string][]byte{}
		for _, name := range []string{"a.json", "b.json", "c.json", "d.json"} {
			files[filepath.Join(root, "collection", "x", name)] = []byte(name)
		}
		st, err := fsatomic.StageFiles(files, 0o644)
		if err != nil {
			t.Fatal(err)
		}
		st.Abort()
		if names := entries(t, root); len(names) != 0 {
			t.Fatalf("after Abort, %s holds %v", root, names)
		}
	}
	root := t.TempDir()
	files := map[string][]byte{filepath.Join(root, "c", "a"): []byte("a"), filepath.Join(root, "c", "b"): []byte("b")}
	st, err := fsatomic.StageFiles(files, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := tree(t, root); !maps.Equal(got, map[string]string{"c/a": "a", "c/b": "b"}) {
		t.Errorf("after Commit: %v", got)
	}
}

// TestStageFilesSyncsEachDirectoryOnce: the files StageFiles commits are
// renamed in and their directories synced, each directory once however
// many of the files it holds (a report's two files, a collection's two).
func TestStageFilesSyncsEachDirectoryOnce(t *testing.T) {
	root := t.TempDir()
	files := map[string][]byte{
		filepath.Join(root, "reports", "report.md"):    []byte("md"),
		filepath.Join(root, "reports", "report.json"):  []byte("{}"),
		filepath.Join(root, "collection", "a.json"):    []byte("a"),
		filepath.Join(root, "collection", "b.json"):    []byte("b"),
		filepath.Join(root, "collection", "c", "d.go"): []byte("d"),
	}
	st, err := fsatomic.StageFiles(files, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	var syncs atomic.Int32
	fsatomic.SetSyncs(func() { syncs.Add(1) })
	defer fsatomic.SetSyncs(nil)
	if err := st.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := syncs.Load(); got != 3 {
		t.Errorf("Commit synced %d directories, want 3 (reports, collection, collection/c)", got)
	}
	want := map[string]string{"reports/report.md": "md", "reports/report.json": "{}", "collection/a.json": "a", "collection/b.json": "b", "collection/c/d.go": "d"}
	if got := tree(t, root); !maps.Equal(got, want) {
		t.Errorf("after Commit: %v, want %v", got, want)
	}
}
