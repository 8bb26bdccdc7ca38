package publish

import (
	"context"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/internal/golden"

	"github.com/schemawatch/schemawatch/internal/fsatomic"
)

// readDir returns the files under dir, slash-separated relative path →
// content.
func readDir(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestDryRunGolden(t *testing.T) {
	pr := proposal("v2", true)
	pr.Deleted = []string{"demoapi/legacy.go"}
	pr.Reviewers = []string{"alice", "acme/api-team"}
	pr.Files["docs/CHANGELOG.md"] = []byte("# Changes\n\n- v2\n")
	pr.Body = "## Demo API schema: v2\n\n**Verdict:** breaking (1 breaking, 2 safe)\n\n- `Query.v1` was removed\n"

	dir := filepath.Join(t.TempDir(), "pr")
	res, err := DryRun{Dir: dir}.Publish(context.Background(), pr)
	if err != nil {
		t.Fatal(err)
	}
	if want := (Result{Action: DryRunWritten, Branch: testBranch, Dir: dir}); res != want {
		t.Errorf("result = %+v, want %+v", res, want)
	}
	got := readDir(t, dir)
	goldenDir := filepath.Join("testdata", "dryrun")
	if golden.Updating() {
		if err := fsatomic.ReplaceDir(goldenDir, got); err != nil {
			t.Fatal(err)
		}
	}
	want := readDir(t, goldenDir)
	for _, name := range slices.Sorted(maps.Keys(want)) {
		if string(got[name]) != string(want[name]) {
			t.Errorf("%s:\n got  %q\n want %q", name, got[name], want[name])
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("unexpected file %s (run go test -update if it is meant to be there)", name)
		}
	}

	// Another run replaces the directory as a whole: nothing stale stays.
	if _, err := (DryRun{Dir: dir}).Publish(context.Background(), proposal("v3", false)); err != nil {
		t.Fatal(err)
	}
	again := readDir(t, dir)
	if _, ok := again["files/docs/CHANGELOG.md"]; ok || strings.Contains(string(again["files.txt"]), "deleted") || string(again["reviewers.txt"]) != "alice\n" {
		t.Errorf("second run left the first run's files behind: %q", slices.Sorted(maps.Keys(again)))
	}
}

func TestDryRunRefusesInvalidInput(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "pr")
	pr := proposal("v2", true)
	pr.Files["../escape.txt"] = []byte("x")
	if _, err := (DryRun{Dir: dir}).Publish(context.Background(), pr); err == nil || !strings.Contains(err.Error(), "../escape.txt") {
		t.Errorf("error = %v, want the bad path named", err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("the directory was written: %v", err)
	}
	if _, err := (DryRun{}).Publish(context.Background(), proposal("v2", true)); err == nil || !strings.Contains(err.Error(), "no directory") {
		t.Errorf("error = %v, want no directory", err)
	}
}
