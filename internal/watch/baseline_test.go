package watch

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/schemawatch/schemawatch/internal/publish"
	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/snapshot"
	"github.com/schemawatch/schemawatch/internal/testcorpus"
)

// The repository carries the Railway baseline its own scheduled watch
// starts from (snapshots/railway, railwayapi/, collection/railway.*), made
// by `make railway-baseline` from the newest real version of Railway's
// schema. Without it, the first scheduled run would open an "initial
// snapshot" pull request holding everything.

// railwayAPI is the railway entry of this repository's schemawatch.yaml.
func railwayAPI(t *testing.T, root string) API {
	t.Helper()
	cfg, err := LoadConfig(filepath.Join(root, "schemawatch.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, api := range cfg.APIs {
		if api.Name == "railway" {
			return api
		}
	}
	t.Fatal("schemawatch.yaml watches no API named railway")
	return API{}
}

// TestRailwayBaselineIsTheNewestVersion: the committed snapshot holds the
// newest version of Railway's schema in the corpus, and says where it came
// from without a local path.
func TestRailwayBaselineIsTheNewestVersion(t *testing.T) {
	root := testcorpus.ModuleRoot(t)
	api := railwayAPI(t, root)
	committed, meta, err := snapshot.Read(filepath.Join(root, filepath.FromSlash(api.SnapshotDir)))
	if err != nil {
		t.Fatalf("%v (run `make railway-baseline`)", err)
	}
	newest := testcorpus.Newest(t)
	if meta.Source != newest.File {
		t.Errorf("meta.json source = %q, want the corpus file %q (no local path)", meta.Source, newest.File)
	}
	want, err := schema.LoadFile(newest.Path)
	if err != nil {
		t.Fatal(err)
	}
	if !snapshot.Equal(committed, want) {
		t.Errorf("%s is not %s: run `make railway-baseline`", api.SnapshotDir, newest.File)
	}
}

// TestRailwayBaselineOutputsAreCurrent: a cycle of this repository's
// railway configuration that finds the committed schema live has nothing to
// do — no stale Go package or collection to regenerate, no pull request —
// so the scheduled watch starts quiet and speaks at Railway's first change.
func TestRailwayBaselineOutputsAreCurrent(t *testing.T) {
	root := testcorpus.ModuleRoot(t)
	api := railwayAPI(t, root)
	live, _, err := snapshot.Read(filepath.Join(root, filepath.FromSlash(api.SnapshotDir)))
	if err != nil {
		t.Fatalf("%v (run `make railway-baseline`)", err)
	}
	dryRun := t.TempDir()
	cycle := &Cycle{
		// No Root: a stale output is reported, never written into the checkout.
		Committed: LocalCommitted{Root: root},
		Target:    func(API) publish.Target { return publish.DryRun{Dir: dryRun} },
		Fetch: func(context.Context, API) (*schema.Schema, snapshot.Meta, error) {
			return live, snapshot.Meta{Endpoint: api.Endpoint}, nil
		},
	}
	out, err := cycle.Run(context.Background(), api)
	if err != nil {
		t.Fatal(err)
	}
	if out.Changed || len(out.Files) > 0 || len(out.Deleted) > 0 {
		t.Errorf("the committed Railway outputs are stale: changed %v, files %v, deleted %v; run `make railway-baseline`", out.Changed, out.Files, out.Deleted)
	}
}
