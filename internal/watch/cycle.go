package watch

import (
	"context"
	"fmt"
	"log/slog"
	"maps"
	"path/filepath"
	"slices"

	"github.com/jonboulle/clockwork"

	"github.com/schemawatch/schemawatch/internal/clientops"
	"github.com/schemawatch/schemawatch/internal/codegen"
	"github.com/schemawatch/schemawatch/internal/diff"
	"github.com/schemawatch/schemawatch/internal/publish"
	"github.com/schemawatch/schemawatch/internal/report"
	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/snapshot"
)

// Fetcher fetches the live schema of an API, with the metadata its
// snapshot records.
type Fetcher func(ctx context.Context, api API) (*schema.Schema, snapshot.Meta, error)

// Cycle runs the watch cycle for one API at a time:
//
//	fetch → compare with the committed snapshot → (changed) diff → report →
//	generate (Go types, collections, report, snapshot) → write → publish
//
// Fetching and publishing are the only steps that talk to the network; the
// rest is a function of the two schemas and the configuration.
type Cycle struct {
	// Root is the local checkout: the configuration's paths are relative to
	// it, operations are read from it and the regenerated files written
	// into it. Empty writes nothing locally.
	Root string
	// Committed is what the comparison starts from: the base branch on
	// GitHub, or Root itself for a dry run.
	Committed Committed
	// Target returns where an API's pull request is published: GitHub, or a
	// dry run's directory.
	Target func(api API) publish.Target
	// Base is the pull request's base branch; empty for the repository's
	// default branch.
	Base  string
	Fetch Fetcher
	// Logger gets a few structured lines per cycle; nil discards them.
	Logger *slog.Logger
	// Notifier announces what was published (see notify.go); nil for none.
	Notifier *Notifier
	// Clock dates the versions of the API's history; nil is the real
	// clock.
	Clock clockwork.Clock
}

// Outcome is what one cycle found and did.
type Outcome struct {
	API string
	// Changed is false when the live schema equals the committed snapshot.
	Changed bool
	// Initial is true when there was no committed snapshot to compare with.
	Initial bool
	// Report is the comparison; nil when nothing changed or on a first run.
	Report *diff.Report
	// Notices are what the pull request says beyond the comparison: how
	// removed elements were announced, the deprecations to work through.
	Notices report.Notices
	// Files are the paths written or published, sorted; Deleted the paths
	// removed (generated files no longer generated).
	Files, Deleted []string
	// PullRequest is what was published.
	PullRequest publish.PullRequest
	Published   publish.Result
	// FailOn is the API's threshold.
	FailOn diff.Threshold
	// Notified are the destinations notified (or, in a dry run, recorded);
	// NotifyErrors the notifications that failed, which fail nothing else.
	Notified     []string
	NotifyErrors []error
}

// ThresholdMet reports whether a change at or above the API's fail-on
// level exists.
func (o Outcome) ThresholdMet() bool {
	return o.Report != nil && o.FailOn.Met(o.Report.Changes)
}

// Error is a failed cycle: the stage that failed, and whether the failure
// was the network's or a server's (exit 3) or the input's (exit 2).
type Error struct {
	API    string
	Stage  string
	Remote bool
	Err    error
}

func (e *Error) Error() string { return fmt.Sprintf("%s: %s: %v", e.API, e.Stage, e.Err) }
func (e *Error) Unwrap() error { return e.Err }

func (c *Cycle) log() *slog.Logger {
	if c.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return c.Logger
}

// Run runs one cycle for api.
func (c *Cycle) Run(ctx context.Context, api API) (Outcome, error) {
	out := Outcome{API: api.Name, FailOn: api.FailOn}
	fail := func(stage string, remote bool, err error) (Outcome, error) {
		return out, &Error{API: api.Name, Stage: stage, Remote: remote, Err: err}
	}
	in, err := c.load(ctx, api)
	if err != nil {
		return out, err
	}
	committed, prev, live, meta := in.committed, in.prev, in.live, in.meta
	// The snapshot records where, not when: a wall-clock time would make
	// every rerun with the same schema push a new commit.
	meta.FetchedAt = ""

	if prev != nil && snapshot.Equal(prev, live) {
		return c.unchanged(ctx, api, out, prev, meta, committed)
	}
	out.Changed, out.Initial = true, prev == nil
	opFiles := c.opFiles(api)
	var ops []*diff.Operation
	if prev != nil {
		if err := checkMassRemoval(api, prev, live); err != nil {
			// Exit 3: what answered for the API is at fault, not the input.
			return fail("check the change", true, err)
		}
		if out.Report, ops, err = c.compare(api, prev, live, meta, opFiles); err != nil {
			return fail("diff", false, err)
		}
	}
	hist, err := c.history(ctx, api, committed, prev, live)
	if err != nil {
		return fail("update the history", false, err)
	}
	if out.Report != nil {
		if out.Notices, err = c.notices(out.Report, prev, live, ops, hist); err != nil {
			return fail("diff", false, err)
		}
	}
	clientOps, err := c.clientOperations(api, opFiles)
	if err != nil {
		return fail("read the operations", false, err)
	}
	// Each output is written beside where it goes as soon as it is
	// rendered; publish moves them all in.
	st := newStager(c.Root)
	for _, g := range hist.group(api) {
		st.stage(g)
	}
	outs, err := regenerate(api, live, meta, out.Report, out.Notices, clientOps, st.stage)
	if err != nil {
		st.abort()
		return fail("generate", false, err)
	}
	// The history goes before the snapshot, which is written last.
	outs = slices.Insert(outs, len(outs)-1, hist.group(api)...)
	return c.publish(ctx, api, out, outs, outs.deleted(api, committed), st)
}

// loaded is what a cycle starts from: the committed files, the committed
// snapshot (nil when there is none) and the live schema.
type loaded struct {
	committed  map[string][]byte
	prev, live *schema.Schema
	meta       snapshot.Meta
}

// load reads and parses what is committed while it fetches the live
// schema: the two are independent, and each is mostly waiting (for
// GitHub or the disk, and for the API) or one core's work, so the cycle
// waits for the longer of the two, not their sum. A failure to read the
// committed files or a broken snapshot is the error whatever the fetch did,
// as when the fetch came after (it is what must be fixed first), and it
// cancels the fetch.
func (c *Cycle) load(ctx context.Context, api API) (loaded, error) {
	fail := func(stage string, remote bool, err error) (loaded, error) {
		return loaded{}, &Error{API: api.Name, Stage: stage, Remote: remote, Err: err}
	}
	fetchCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		s        loaded
		stage    string // of the committed side's failure
		remote   bool
		readErr  error
		finished = make(chan struct{})
	)
	go func() {
		defer close(finished)
		defer func() {
			if readErr != nil {
				cancel()
			}
		}()
		if s.committed, readErr = c.Committed.ReadFiles(ctx, outputDirs(api)...); readErr != nil {
			stage, remote = "read the committed snapshot", true
			return
		}
		if s.prev, readErr = committedSnapshot(api.SnapshotDir, s.committed); readErr != nil {
			stage, remote = "read the committed snapshot", false
		}
	}()
	live, meta, fetchErr := c.Fetch(fetchCtx, api)
	<-finished
	if readErr != nil {
		return fail(stage, remote, readErr)
	}
	if fetchErr != nil {
		return fail("introspect", true, fetchErr)
	}
	s.live, s.meta = live, meta
	return s, nil
}

// unchanged finishes a cycle that found the committed schema live: it
// regenerates, from the committed snapshot and the live metadata (today's
// configuration), the outputs that are missing or stale, or else withdraws
// a pull request the schema no longer needs.
func (c *Cycle) unchanged(ctx context.Context, api API, out Outcome, prev *schema.Schema, meta snapshot.Meta, committed map[string][]byte) (Outcome, error) {
	log := c.log().With("api", api.Name)
	clientOps, err := c.clientOperations(api, c.opFiles(api))
	if err != nil {
		return out, &Error{API: api.Name, Stage: "read the operations", Err: err}
	}
	outs, err := generated(api, prev, meta.Endpoint, clientOps, nil)
	if err != nil {
		return out, &Error{API: api.Name, Stage: "generate", Err: err}
	}
	deleted := outs.deleted(api, committed)
	if stale := outs.stale(committed, deleted); len(stale) > 0 {
		log.Info("no schema change, but generated files are missing or stale: regenerating them", "dirs", len(stale))
		return c.publish(ctx, api, out, stale, deleted, newStager(c.Root))
	}
	res, err := c.Target(api).Withdraw(ctx, publish.PullRequest{Branch: api.Branch, Base: c.Base})
	out.Published = res
	if err != nil {
		return out, &Error{API: api.Name, Stage: "close the pull request", Remote: true, Err: err}
	}
	log.Info("no change since the committed snapshot", "types", len(prev.Types), "pull_request", string(res.Action), "number", res.Number)
	return out, nil
}

// opFileCache holds the client's operation files, read at most once per
// cycle: the diff and the typed client of the Go package both need them.
type opFileCache struct {
	dir   string
	read  bool
	files map[string][]byte
	err   error
}

func (c *Cycle) opFiles(api API) *opFileCache {
	return &opFileCache{dir: c.path(api.OperationsDir)}
}

// get reads the files the first time, and returns what that read gave.
func (o *opFileCache) get() (map[string][]byte, error) {
	if !o.read {
		o.files, o.err = clientops.Files(o.dir)
		o.read = true
	}
	return o.files, o.err
}

// clientOperations reads the client's operations for the typed client of
// the Go package; nil when the API has no operations or no Go package.
func (c *Cycle) clientOperations(api API, opFiles *opFileCache) (*codegen.Operations, error) {
	if api.OperationsDir == "" || api.GoPackage == nil {
		return nil, nil
	}
	files, err := opFiles.get()
	if err != nil {
		return nil, err
	}
	return codegen.ParseOperations(files)
}

// compare diffs the committed snapshot with the live schema, naming the
// client operations each change breaks.
func (c *Cycle) compare(api API, prev, live *schema.Schema, meta snapshot.Meta, opFiles *opFileCache) (*diff.Report, []*diff.Operation, error) {
	opts := diff.Options{OldName: api.SnapshotDir + " (committed)", NewName: meta.Endpoint}
	if api.OperationsDir != "" {
		files, err := opFiles.get()
		if err == nil {
			opts.Operations, err = clientops.Parse(opFiles.dir, files)
		}
		if err != nil {
			return nil, nil, fmt.Errorf("read the operations: %w", err)
		}
	}
	r, err := diff.Compare(prev, live, opts)
	return r, opts.Operations, err
}

// publish writes the outputs into the checkout (the snapshot last) and
// publishes them as the API's pull request.
func (c *Cycle) publish(ctx context.Context, api API, out Outcome, outs outputs, deleted []string, st *stager) (Outcome, error) {
	fail := func(stage string, remote bool, err error) (Outcome, error) {
		return out, &Error{API: api.Name, Stage: stage, Remote: remote, Err: err}
	}
	files := outs.files()
	out.Files, out.Deleted = slices.Sorted(maps.Keys(files)), deleted
	// The pull request's text is rendered while the files are written,
	// which is mostly waiting for the disk.
	written := make(chan error, 1)
	go func() { written <- st.commit(outs) }()
	out.PullRequest = pullRequest(api, c.Base, out, files)
	if err := <-written; err != nil {
		return fail("write the regenerated files", false, err)
	}
	var summary diff.Summary
	if out.Report != nil {
		summary = out.Report.Summary()
	}
	log := c.log().With("api", api.Name)
	if out.Changed {
		log.Info("schema changed", "initial", out.Initial, "breaking", summary.Breaking, "dangerous", summary.Dangerous,
			"safe", summary.NonBreaking, "files", len(out.Files), "deleted", len(out.Deleted))
	}
	res, err := c.Target(api).Publish(ctx, out.PullRequest)
	out.Published = res
	if err != nil {
		return fail("publish", true, err)
	}
	attrs := []any{"action", string(res.Action)}
	if res.Number != 0 {
		attrs = append(attrs, "number", res.Number, "url", res.URL, "pushed", res.Pushed)
	}
	if res.Dir != "" {
		attrs = append(attrs, "dir", res.Dir)
	}
	log.Info("published", attrs...)
	return c.notify(ctx, api, out), nil
}

// outputDirs are the directories a cycle reads from the base branch: the
// snapshot, the history (whose ledger the next version is added to), and
// the outputs it can tell are stale.
func outputDirs(api API) []string {
	dirs := []string{api.SnapshotDir}
	if api.HistoryDir != "-" {
		dirs = append(dirs, api.HistoryDir)
	}
	if api.GoPackage != nil {
		dirs = append(dirs, api.GoPackage.Dir)
	}
	if api.CollectionDir != "-" {
		dirs = append(dirs, api.CollectionDir)
	}
	return dirs
}

func (c *Cycle) path(rel string) string { return filepath.Join(c.Root, filepath.FromSlash(rel)) }
