package watch

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/schemawatch/schemawatch/internal/demo"
	"github.com/schemawatch/schemawatch/internal/history"
	"github.com/schemawatch/schemawatch/internal/publish"
	"github.com/schemawatch/schemawatch/internal/schema"
)

// withDeprecatedDescription deprecates Project.description, which the
// operation ProjectOverview selects, announcing its removal.
func withDeprecatedDescription(v demo.Version) *schema.Schema {
	const field = "  description: String\n  isPublic: Boolean!\n"
	sdl := demo.SDL(v)
	if !strings.Contains(sdl, field) {
		panic("no Project.description in the demo schema")
	}
	sdl = strings.Replace(sdl, field, "  description: String @deprecated(reason: \"Use summary. Removal on 2027-03-01\")\n  isPublic: Boolean!\n", 1)
	s, err := schema.ParseSDL("deprecated.graphql", sdl)
	if err != nil {
		panic(err)
	}
	return s
}

var (
	vDeprecated  = func() *schema.Schema { return withDeprecatedDescription(demo.V1) }
	v2Deprecated = func() *schema.Schema { return withDeprecatedDescription(demo.V2) }
)

// historyOf reads the history files of the demo API from the checkout.
func (w *world) historyOf() map[string][]byte {
	w.t.Helper()
	out := map[string][]byte{}
	for _, name := range []string{history.LedgerFile, history.DeprecationsFile, history.ChangelogFile, history.TimelineFile} {
		data, err := os.ReadFile(filepath.Join(w.root, "history", "demo", name))
		if err == nil {
			out[name] = data
		} else if !os.IsNotExist(err) {
			w.t.Fatal(err)
		}
	}
	return out
}

// committedVersion is the snapshot the dry run left in the checkout, as a
// version of the history.
func (w *world) committedVersion(day string) history.Input {
	w.t.Helper()
	files, err := LocalCommitted{Root: w.root}.ReadFiles(context.Background(), "snapshots/demo")
	if err != nil {
		w.t.Fatal(err)
	}
	s, err := committedSnapshot("snapshots/demo", files)
	if err != nil || s == nil {
		w.t.Fatalf("snapshot: %v %v", s, err)
	}
	return history.Input{Name: day, Date: day, Load: func() (*schema.Schema, error) { return s, nil }}
}

// TestCyclesKeepHistoryEqualToFullRebuild: hourly cycles over weeks, the
// schema changing now and then, keep the history in the report directory;
// it equals, byte for byte, the history built in one go over the versions
// the cycles committed. A rerun with the same schema, even days later,
// changes none of its files.
func TestCyclesKeepHistoryEqualToFullRebuild(t *testing.T) {
	w := newWorld(t, true)
	var versions []history.Input
	day := func() string { return w.clock.Now().UTC().Format(time.DateOnly) }
	for i, step := range []struct {
		after time.Duration
		serve func() *schema.Schema
	}{
		{0, v1},
		{2 * 24 * time.Hour, v1Safe},
		{5 * 24 * time.Hour, vDeprecated},
		{30 * 24 * time.Hour, v2},
	} {
		w.clock.Advance(step.after)
		w.serve(step.serve())
		if out := w.mustRun(); !out.Changed {
			t.Fatalf("step %d: no change", i)
		}
		versions = append(versions, w.committedVersion(day()))

		before := w.historyOf()
		if len(before) != 4 {
			t.Fatalf("step %d: history files %v", i, slices.Sorted(maps.Keys(before)))
		}
		for _, later := range []time.Duration{time.Hour, 3 * 24 * time.Hour} {
			w.clock.Advance(later)
			if out := w.mustRun(); out.Changed || len(out.Files) != 0 {
				t.Errorf("step %d, rerun %v later: changed %v, files %v", i, later, out.Changed, out.Files)
			}
			if after := w.historyOf(); !maps.EqualFunc(before, after, func(a, b []byte) bool { return string(a) == string(b) }) {
				t.Errorf("step %d: a rerun %v later changed the history", i, later)
			}
		}
	}

	l, err := history.Build(versions, history.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want, got := l.Files("demo"), w.historyOf()
	for _, name := range slices.Sorted(maps.Keys(want)) {
		if string(got[name]) != string(want[name]) {
			t.Errorf("%s after the cycles differs from a full rebuild over the same versions:\n%s\nwant\n%s", name, got[name], want[name])
		}
	}
	if n := len(l.Versions); n != 4 {
		t.Errorf("%d versions, want 4", n)
	}
}

// TestPullRequestTellsHowRemovalsWereAnnounced: with a history, the pull
// request dates each removed element's deprecation and counts the notice;
// without one (a committed snapshot from before the history), it still
// gives the old reason, the migration hint, and says the date is unknown;
// it writes no history then.
func TestPullRequestTellsHowRemovalsWereAnnounced(t *testing.T) {
	t.Run("with history", func(t *testing.T) {
		w := newWorld(t, true)
		w.mustRun() // v1: the first snapshot starts the history on 2026-11-26
		w.clock.Advance(5 * 24 * time.Hour)
		w.serve(vDeprecated())
		w.mustRun()
		w.clock.Advance(40 * 24 * time.Hour)
		w.serve(v2Deprecated())
		out := w.mustRun()
		body := out.PullRequest.Body
		for _, want := range []string{
			"  - deprecated since 2026-11-26 or earlier (at least 45 days' notice): Teams are now workspaces: use \\`workspaceId\\`.\n",
			"### Deprecations to work through (2)\n",
			"- `Project.description` — deprecated since 2026-12-01, removal announced for 2027-03-01: Use summary. Removal on 2027-03-01\n  - Used by `ProjectOverview.graphql`\n" +
				"- `Deployment.staticUrl` — newly deprecated: Use \\`url\\`, which is set for every deployment with a domain.\n",
		} {
			if !strings.Contains(body, want) {
				t.Errorf("no %q in the body:\n%s", want, body)
			}
		}
		report, err := os.ReadFile(filepath.Join(w.root, "reports", "demo", ReportJSON))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(report), `"deprecatedSince": "2026-11-26"`) {
			t.Errorf("report.json has no removal notice:\n%s", report)
		}
	})
	t.Run("without history", func(t *testing.T) {
		w := newWorld(t, true)
		if err := seedSnapshot(w.root, "snapshots/demo", v1()); err != nil {
			t.Fatal(err)
		}
		w.serve(v2())
		out := w.mustRun()
		want := "  - deprecated (date unknown): Teams are now workspaces: use \\`workspaceId\\`.\n"
		if !strings.Contains(out.PullRequest.Body, want) {
			t.Errorf("no %q in the body:\n%s", want, out.PullRequest.Body)
		}
		if files := w.historyOf(); len(files) != 0 {
			t.Errorf("history written before it was backfilled: %v", slices.Sorted(maps.Keys(files)))
		}
		if !strings.Contains(w.logs.String(), "backfill it with watch history") {
			t.Errorf("no hint to backfill in the logs:\n%s", w.logs)
		}
	})
}

// TestKilledBeforeTheSnapshotKeepsOneVersion: a run killed after writing
// the history and before the snapshot (written last) leaves a ledger that
// already holds the live schema; the next run finishes the job without
// taking the version in twice.
func TestKilledBeforeTheSnapshotKeepsOneVersion(t *testing.T) {
	w := newWorld(t, true)
	w.mustRun()
	old, err := LocalCommitted{Root: w.root}.ReadFiles(context.Background(), "snapshots/demo")
	if err != nil {
		t.Fatal(err)
	}
	w.clock.Advance(24 * time.Hour)
	w.serve(v2())
	w.mustRun()
	want := w.historyOf()
	// Put the old snapshot back: what the kill would have left.
	for p, data := range old {
		writeFile(t, filepath.Join(w.root, filepath.FromSlash(p)), data)
	}
	w.clock.Advance(time.Hour)
	if out := w.mustRun(); !out.Changed {
		t.Fatal("the rerun found no change")
	}
	got := w.historyOf()
	for _, name := range slices.Sorted(maps.Keys(want)) {
		if string(got[name]) != string(want[name]) {
			t.Errorf("%s changed on the rerun:\n%s\nwant\n%s", name, got[name], want[name])
		}
	}
}

// TestPendingChangeRerunDaysLaterPushesNothing: a change whose pull request
// waits days for review keeps the day it was first seen: the reruns in
// between push nothing, the history's date included.
func TestPendingChangeRerunDaysLaterPushesNothing(t *testing.T) {
	w := newWorld(t, false)
	w.mustRun()
	w.fake.MergePull(w.openPull().Number)
	w.fake.DeleteBranch("schemawatch/demo")

	w.serve(v2())
	if out := w.mustRun(); out.Published.Action != publish.Created {
		t.Fatalf("v2: %+v", out.Published)
	}
	head, _ := w.fake.Branch("schemawatch/demo")
	for _, later := range []time.Duration{time.Hour, 3 * 24 * time.Hour} {
		w.clock.Advance(later)
		out := w.mustRun()
		if out.Published.Action != publish.Unchanged || out.Published.Pushed {
			t.Errorf("rerun %v later: %+v", later, out.Published)
		}
		if now, _ := w.fake.Branch("schemawatch/demo"); now.SHA != head.SHA {
			t.Errorf("rerun %v later moved the branch", later)
		}
	}
	l, err := history.ParseLedger([]byte(w.fake.BranchFiles("schemawatch/demo")["history/demo/ledger.json"]))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(l.Versions); n != 2 || l.Versions[1].Date != "2026-11-26" {
		t.Errorf("versions %+v, want the second dated 2026-11-26, the day it was first seen", l.Versions)
	}
}
