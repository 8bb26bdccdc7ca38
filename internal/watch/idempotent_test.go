package watch

import (
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/schemawatch/schemawatch/internal/publish"
	"github.com/schemawatch/schemawatch/internal/publish/githubfake"
	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/snapshot"
)

// TestRerunAnHourLaterPushesNothing: the same live schema an hour later
// pushes nothing to the open pull request: no commit, the branch where it
// was, the pull request not edited.
func TestRerunAnHourLaterPushesNothing(t *testing.T) {
	w := newWorld(t, false)
	w.mustRun()
	w.fake.MergePull(w.openPull().Number)
	w.fake.DeleteBranch("schemawatch/demo")

	w.serve(v2())
	if out := w.mustRun(); out.Published.Action != publish.Created {
		t.Fatalf("v2: %+v", out.Published)
	}
	head, _ := w.fake.Branch("schemawatch/demo")
	w.writes()
	commits := w.fake.Calls(githubfake.CreateCommit)

	for _, later := range []time.Duration{time.Second, time.Hour} {
		w.clock.Advance(later)
		out := w.mustRun()
		if out.Published.Action != publish.Unchanged || out.Published.Pushed {
			t.Errorf("rerun %v later: %+v", later, out.Published)
		}
		if now, _ := w.fake.Branch("schemawatch/demo"); now.SHA != head.SHA {
			t.Errorf("rerun %v later moved the branch from %s to %s", later, head.SHA, now.SHA)
		}
		if n := w.fake.Calls(githubfake.CreateCommit); n != commits {
			t.Errorf("rerun %v later made %d commits", later, n-commits)
		}
		if writes := w.writes(); !slices.Equal(writes, []string{githubfake.CreateTree}) {
			t.Errorf("rerun %v later wrote %v", later, writes)
		}
	}
	// Nothing published holds the time of a run.
	for p, content := range w.fake.BranchFiles("schemawatch/demo") {
		if strings.Contains(content, "2026-11-26T") || strings.Contains(content, "fetchedAt") {
			t.Errorf("%s holds a fetch time", p)
		}
	}
}

// fileState is a file's content and modification time.
type fileState struct {
	data  string
	mtime time.Time
}

func tree(t *testing.T, root string) map[string]fileState {
	t.Helper()
	out := map[string]fileState{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		data, err := os.ReadFile(p)
		out[p] = fileState{string(data), info.ModTime()}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestDryRunRerunAnHourLaterWritesNothing: in a dry run, the second cycle
// an hour later touches no file: neither bytes nor modification times.
func TestDryRunRerunAnHourLaterWritesNothing(t *testing.T) {
	w := newWorld(t, true)
	w.serve(v2())
	if err := seedSnapshot(w.root, "snapshots/demo", v1()); err != nil {
		t.Fatal(err)
	}
	if out := w.mustRun(); !out.Changed {
		t.Fatal("first run: no change")
	}
	before := tree(t, w.root)
	w.clock.Advance(time.Hour)
	if out := w.mustRun(); out.Changed || len(out.Files) != 0 {
		t.Errorf("rerun: changed %v, files %v", out.Changed, out.Files)
	}
	after := tree(t, w.root)
	for _, p := range slices.Sorted(maps.Keys(after)) {
		if b, ok := before[p]; !ok {
			t.Errorf("rerun wrote %s", p)
		} else if b != after[p] {
			t.Errorf("rerun rewrote %s", p)
		}
	}
}

// sdlBaseline is the snapshot `introspect --from v1.graphql --snapshot DIR`
// writes: read from SDL, so it carries every capability.
func sdlBaseline(t *testing.T, s *schema.Schema) map[string][]byte {
	t.Helper()
	sdl, err := schema.ParseSDL("v1.graphql", s.PrintSDL())
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for name, data := range snapshot.Render(sdl, snapshot.Meta{Source: "v1.graphql"}) {
		files["snapshots/demo/"+name] = data
	}
	return files
}

// TestSnapshotFromFileEqualsLiveSchema: a baseline converted from SDL and a
// live introspection of the same schema are no change, whatever the
// capabilities each records; and a revert to it closes the pull request.
func TestSnapshotFromFileEqualsLiveSchema(t *testing.T) {
	w := newWorld(t, false)
	w.mustRun()
	w.fake.MergePull(w.openPull().Number)
	w.fake.DeleteBranch("schemawatch/demo")
	w.fake.Push("main", sdlBaseline(t, v1()), "baseline from introspect --from")
	w.writes()

	out := w.mustRun()
	if out.Changed || len(w.fake.OpenPulls()) != 0 {
		t.Fatalf("the live v1 against the SDL baseline of v1: changed %v, %s; %d open pull requests", out.Changed, out.PullRequest.Title, len(w.fake.OpenPulls()))
	}
	w.serve(v1Safe())
	if out := w.mustRun(); out.Published.Action != publish.Created || out.Report.Summary().Total() != 1 {
		t.Fatalf("a safe change: %+v", out.Published)
	}
	w.serve(v1())
	if out := w.mustRun(); out.Changed || out.Published.Action != publish.Closed {
		t.Errorf("the revert: changed %v, %+v", out.Changed, out.Published)
	}
}

// TestFailedWriteLeavesTheOldSnapshot: the snapshot is written last, so a
// cycle that fails writing an output leaves the previous snapshot, and the
// next run sees the change again and finishes the job. The outputs are
// written beside where they go before any is moved in, so the failure moves
// none of them in and leaves nothing beside them.
func TestFailedWriteLeavesTheOldSnapshot(t *testing.T) {
	w := newWorld(t, true)
	w.serve(v2())
	if err := seedSnapshot(w.root, "snapshots/demo", v1()); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(filepath.Join(w.root, "snapshots", "demo", snapshot.JSONFile))
	if err != nil {
		t.Fatal(err)
	}
	// A file where the report directory goes: writing the report fails.
	blocker := filepath.Join(w.root, "reports", "demo")
	writeFile(t, blocker, []byte("in the way"))
	if _, err := w.run(); err == nil {
		t.Fatal("the cycle wrote through a file in the way")
	}
	after, _ := os.ReadFile(filepath.Join(w.root, "snapshots", "demo", snapshot.JSONFile))
	if string(after) != string(before) {
		t.Fatal("a failed cycle replaced the snapshot: the next run would say no change beside stale outputs")
	}
	for _, p := range []string{"demoapi", "collection"} {
		if _, err := os.Stat(filepath.Join(w.root, p)); err == nil {
			t.Errorf("a failed cycle moved %s in", p)
		}
	}
	for _, dir := range []string{w.root, filepath.Join(w.root, "snapshots")} {
		for _, e := range entries(t, dir) {
			if strings.HasPrefix(e, ".") && e != ".git" {
				t.Errorf("a failed cycle left %s in %s", e, dir)
			}
		}
	}
	if err := os.Remove(blocker); err != nil {
		t.Fatal(err)
	}
	if out := w.mustRun(); !out.Changed || out.Report == nil {
		t.Errorf("the run after the failure: changed %v", out.Changed)
	}
}

// TestStaleOutputsAreRegenerated: with no schema change, a missing or
// edited generated file is regenerated from the committed snapshot.
func TestStaleOutputsAreRegenerated(t *testing.T) {
	w := newWorld(t, true)
	if err := seedSnapshot(w.root, "snapshots/demo", v1()); err != nil {
		t.Fatal(err)
	}
	snap := tree(t, filepath.Join(w.root, "snapshots"))

	// Nothing generated yet: the Go package and the collections are made.
	out := w.mustRun()
	if out.Changed || !slices.Contains(out.Files, "demoapi/objects.go") || !slices.Contains(out.Files, "collection/demo.postman_collection.json") {
		t.Fatalf("missing outputs: changed %v, files %v", out.Changed, out.Files)
	}
	if !strings.Contains(out.PullRequest.Title, "no schema change") {
		t.Errorf("title %q", out.PullRequest.Title)
	}
	for _, p := range []string{"demoapi/objects.go", "collection/demo.insomnia.json"} {
		if _, err := os.Stat(filepath.Join(w.root, p)); err != nil {
			t.Error(err)
		}
	}
	if got := tree(t, filepath.Join(w.root, "snapshots")); !maps.Equal(got, snap) {
		t.Error("the snapshot was rewritten although the schema did not change")
	}

	// An edited file and a stray one in the Go package: only the package
	// is regenerated, the stray file removed.
	writeFile(t, filepath.Join(w.root, "demoapi", "objects.go"), []byte("package demoapi // edited\n"))
	writeFile(t, filepath.Join(w.root, "demoapi", "old.go"), []byte("package demoapi\n"))
	out = w.mustRun()
	if !slices.Contains(out.Files, "demoapi/objects.go") || slices.Contains(out.Files, "collection/demo.insomnia.json") || !slices.Equal(out.Deleted, []string{"demoapi/old.go"}) {
		t.Errorf("stale package: files %v, deleted %v", out.Files, out.Deleted)
	}
	if _, err := os.Stat(filepath.Join(w.root, "demoapi", "old.go")); err == nil {
		t.Error("the stray file is still there")
	}

	// All current: nothing to do.
	if out := w.mustRun(); len(out.Files) != 0 {
		t.Errorf("current outputs rewritten: %v", out.Files)
	}
}

// entries lists the names in dir.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	names := make([]string, len(es))
	for i, e := range es {
		names[i] = e.Name()
	}
	return names
}
