package watch

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// stagerOutputs are a Go package (a whole directory), a report (files
// among others) and a snapshot, last.
func stagerOutputs(version string) outputs {
	return outputs{
		{dir: "api", files: map[string][]byte{"api/objects.go": []byte("package api // " + version)}, wholeDir: true},
		{dir: "reports/x", files: map[string][]byte{"reports/x/report.md": []byte("# " + version)}},
		{dir: "snapshots/x", files: map[string][]byte{"snapshots/x/schema.graphql": []byte("# " + version)}, wholeDir: true},
	}
}

func TestStager(t *testing.T) {
	for _, tc := range []struct {
		name    string
		handed  int  // groups handed over as rendered, before commit
		abort   bool // abort instead of commit
		want    string
		wantErr bool
	}{
		{name: "all handed over", handed: 3, want: "v2"},
		{name: "none handed over", handed: 0, want: "v2"},
		{name: "some handed over", handed: 1, want: "v2"},
		{name: "aborted", handed: 2, abort: true, want: "v1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			if err := newStager(root).commit(stagerOutputs("v1")); err != nil {
				t.Fatal(err)
			}
			outs := stagerOutputs("v2")
			st := newStager(root)
			for _, g := range outs[:tc.handed] {
				st.stage(g)
			}
			if tc.abort {
				st.abort()
			} else if err := st.commit(outs); err != nil {
				t.Fatal(err)
			}
			for _, p := range []string{"api/objects.go", "reports/x/report.md", "snapshots/x/schema.graphql"} {
				data, err := os.ReadFile(filepath.Join(root, p))
				if err != nil || !strings.HasSuffix(string(data), tc.want) {
					t.Errorf("%s: %q (%v), want %s", p, data, err, tc.want)
				}
			}
			checkNoLeftovers(t, root)
		})
	}
}

// TestStagerFailureMovesNothingIn: when one group cannot be written, no
// group is moved in, the snapshot least of all, and nothing is left
// beside them.
func TestStagerFailureMovesNothingIn(t *testing.T) {
	root := t.TempDir()
	if err := newStager(root).commit(stagerOutputs("v1")); err != nil {
		t.Fatal(err)
	}
	// A file where the report's directory goes.
	if err := os.RemoveAll(filepath.Join(root, "reports", "x")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "reports", "x"), []byte("in the way"), 0o644); err != nil {
		t.Fatal(err)
	}
	outs := stagerOutputs("v2")
	st := newStager(root)
	st.stage(outs[0])
	st.stage(outs[2])
	if err := st.commit(outs); err == nil {
		t.Fatal("commit wrote through a file in the way")
	}
	for _, p := range []string{"api/objects.go", "snapshots/x/schema.graphql"} {
		if data, _ := os.ReadFile(filepath.Join(root, p)); !strings.HasSuffix(string(data), "v1") {
			t.Errorf("%s: %q, want v1: a failed commit moved it in", p, data)
		}
	}
	checkNoLeftovers(t, root)
}

// checkNoLeftovers fails the test for any staging tree, temporary file or
// lock file below root.
func checkNoLeftovers(t *testing.T, root string) {
	t.Helper()
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasPrefix(d.Name(), ".") {
			t.Errorf("left behind: %s", p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
