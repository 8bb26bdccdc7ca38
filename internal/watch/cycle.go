package watch

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/schemawatch/schemawatch/internal/codegen"
	"github.com/schemawatch/schemawatch/internal/collection"
	"github.com/schemawatch/schemawatch/internal/diff"
	"github.com/schemawatch/schemawatch/internal/fsatomic"
	"github.com/schemawatch/schemawatch/internal/publish"
	"github.com/schemawatch/schemawatch/internal/report"
	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/snapshot"
)

// Committed reads what the base branch holds: files under repository-
// relative directories, path → content.
type Committed interface {
	ReadFiles(ctx context.Context, dirs ...string) (map[string][]byte, error)
}

// Fetcher fetches the live schema of an API, with the metadata its
// snapshot records.
type Fetcher func(ctx context.Context, api API) (*schema.Schema, snapshot.Meta, error)

// Cycle runs the watch cycle for one API at a time:
//
//	fetch → compare with the committed snapshot → (changed) diff → report →
//	generate (snapshot, Go types, collections) → write → publish
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
	// Files are the paths written or published, sorted; Deleted the paths
	// removed (generated files no longer generated).
	Files, Deleted []string
	// PullRequest is what was published.
	PullRequest publish.PullRequest
	Published   publish.Result
	// FailOn is the API's threshold.
	FailOn string
}

// ThresholdMet reports whether a change at or above the API's fail-on
// level exists.
func (o Outcome) ThresholdMet() bool {
	if o.Report == nil || o.FailOn == "none" {
		return false
	}
	top, ok := diff.Max(o.Report.Changes)
	if !ok {
		return false
	}
	min := diff.Breaking
	if o.FailOn == "dangerous" {
		min = diff.Dangerous
	}
	return top.AtLeast(min)
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

// Names of the files a cycle writes into an API's report directory.
const (
	ReportMarkdown = "report.md"
	ReportJSON     = "report.json"
)

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
	log := c.log().With("api", api.Name)

	dirs := []string{api.SnapshotDir}
	if api.GoPackage != nil {
		dirs = append(dirs, api.GoPackage.Dir)
	}
	committed, err := c.Committed.ReadFiles(ctx, dirs...)
	if err != nil {
		return fail("read the committed snapshot", true, err)
	}
	prev, err := committedSnapshot(api.SnapshotDir, committed)
	if err != nil {
		return fail("read the committed snapshot", false, err)
	}
	live, meta, err := c.Fetch(ctx, api)
	if err != nil {
		return fail("introspect", true, err)
	}

	pr := publish.PullRequest{Branch: api.Branch, Base: c.Base}
	if prev != nil && snapshot.Equal(prev, live) {
		res, err := c.Target(api).Withdraw(ctx, pr)
		out.Published = res
		if err != nil {
			return fail("close the pull request", true, err)
		}
		log.Info("no change since the committed snapshot", "types", len(live.Types), "pull_request", string(res.Action), "number", res.Number)
		return out, nil
	}
	out.Changed, out.Initial = true, prev == nil

	if prev != nil {
		opts := diff.Options{OldName: api.SnapshotDir + " (committed)", NewName: meta.Endpoint}
		if api.OperationsDir != "" {
			if opts.Operations, err = diff.ReadOperations(c.path(api.OperationsDir)); err != nil {
				return fail("read the operations", false, err)
			}
		}
		if out.Report, err = diff.Compare(prev, live, opts); err != nil {
			return fail("diff", false, err)
		}
	}

	var clientOps *codegen.Operations // the typed client's; those that no longer validate are left out
	if api.OperationsDir != "" && api.GoPackage != nil {
		if clientOps, err = codegen.ReadOperations(c.path(api.OperationsDir)); err != nil {
			return fail("read the operations", false, err)
		}
	}
	groups, err := generate(api, live, meta, out.Report, clientOps)
	if err != nil {
		return fail("generate", false, err)
	}
	files := map[string][]byte{}
	for _, g := range groups {
		maps.Copy(files, g.files)
	}
	if api.GoPackage != nil {
		for p := range committed {
			if _, kept := files[p]; !kept && under(p, api.GoPackage.Dir) {
				out.Deleted = append(out.Deleted, p)
			}
		}
		slices.Sort(out.Deleted)
	}
	out.Files = slices.Sorted(maps.Keys(files))
	if c.Root != "" {
		for _, g := range groups {
			if err := g.write(c.Root); err != nil {
				return fail("write the regenerated files", false, err)
			}
		}
	}

	pr = pullRequest(api, c.Base, out, files)
	out.PullRequest = pr
	summary := diff.Summary{}
	if out.Report != nil {
		summary = out.Report.Summary()
	}
	log.Info("schema changed", "initial", out.Initial, "breaking", summary.Breaking, "dangerous", summary.Dangerous,
		"safe", summary.NonBreaking, "files", len(out.Files), "deleted", len(out.Deleted))
	res, err := c.Target(api).Publish(ctx, pr)
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
	return out, nil
}

func (c *Cycle) path(rel string) string { return filepath.Join(c.Root, filepath.FromSlash(rel)) }

// committedSnapshot loads the snapshot among the committed files, or nil
// when there is none yet.
func committedSnapshot(dir string, committed map[string][]byte) (*schema.Schema, error) {
	files := map[string][]byte{}
	for p, data := range committed {
		if path.Dir(p) == path.Clean(dir) {
			files[path.Base(p)] = data
		}
	}
	s, _, err := snapshot.Parse(dir, files)
	if errors.Is(err, snapshot.ErrNoSnapshot) {
		return nil, nil
	}
	return s, err
}

func under(p, dir string) bool {
	return strings.HasPrefix(p, path.Clean(dir)+"/")
}

// outputGroup is one output of a cycle: its files and how they are written
// locally (a snapshot or a Go package replaces its directory whole; the
// collections and the report sit among other files).
type outputGroup struct {
	dir      string
	files    map[string][]byte // repository-relative paths
	wholeDir bool
}

func (g outputGroup) write(root string) error {
	if g.wholeDir {
		rel := map[string][]byte{}
		for p, data := range g.files {
			rel[strings.TrimPrefix(p, path.Clean(g.dir)+"/")] = data
		}
		return fsatomic.ReplaceDir(filepath.Join(root, filepath.FromSlash(g.dir)), rel)
	}
	for _, p := range slices.Sorted(maps.Keys(g.files)) {
		if err := fsatomic.WriteFile(filepath.Join(root, filepath.FromSlash(p)), g.files[p], 0o644); err != nil {
			return err
		}
	}
	return nil
}

// generate renders everything a change regenerates: the snapshot, the Go
// package, the collections and the change report.
func generate(api API, live *schema.Schema, meta snapshot.Meta, r *diff.Report, ops *codegen.Operations) ([]outputGroup, error) {
	prefix := func(dir string, files map[string][]byte) map[string][]byte {
		out := make(map[string][]byte, len(files))
		for name, data := range files {
			out[path.Join(dir, name)] = data
		}
		return out
	}
	groups := []outputGroup{{dir: api.SnapshotDir, files: prefix(api.SnapshotDir, snapshot.Render(live, meta)), wholeDir: true}}

	if g := api.GoPackage; g != nil {
		cfg := codegen.Config{Package: g.Name, Bindings: map[string]codegen.GoType{}, Operations: ops, SkipInvalidOperations: true}
		for scalar, goType := range g.Bind {
			t, err := codegen.ParseGoType(goType)
			if err != nil {
				return nil, fmt.Errorf("goPackage.bind.%s: %w", scalar, err)
			}
			cfg.Bindings[scalar] = t
		}
		files, err := codegen.Generate(live, cfg)
		if err != nil {
			return nil, err
		}
		groups = append(groups, outputGroup{dir: g.Dir, files: prefix(g.Dir, files), wholeDir: true})
	}

	if api.CollectionDir != "-" {
		cfg := collection.Config{Name: api.CollectionName, Endpoint: api.CollectionEndpoint}
		if cfg.Endpoint == "" {
			cfg.Endpoint = meta.Endpoint
		}
		if meta.FetchedAt != "" {
			t, err := time.Parse(time.RFC3339, meta.FetchedAt)
			if err != nil {
				return nil, fmt.Errorf("fetch time %q: %w", meta.FetchedAt, err)
			}
			cfg.FetchedAt = t
		}
		files, err := collection.Generate(live, cfg)
		if err != nil {
			return nil, err
		}
		groups = append(groups, outputGroup{dir: api.CollectionDir, files: prefix(api.CollectionDir, files)})
	}

	reports := map[string][]byte{}
	if r != nil {
		reports[ReportMarkdown] = []byte(report.Markdown(r, report.MarkdownOptions{MaxLength: fullReportLength}))
		reports[ReportJSON] = report.JSON(r)
	} else {
		reports[ReportMarkdown] = []byte(initialReport(api, live))
	}
	groups = append(groups, outputGroup{dir: api.ReportDir, files: prefix(api.ReportDir, reports)})
	return groups, nil
}

// fullReportLength lets the report file hold every change: only the pull
// request body must fit GitHub's limit.
const fullReportLength = 1 << 30

func initialReport(api API, live *schema.Schema) string {
	roots := 0
	for _, name := range []string{live.QueryType, live.MutationType, live.SubscriptionType} {
		if t := live.Type(name); t != nil {
			roots += len(t.Fields)
		}
	}
	return fmt.Sprintf("## First snapshot of the %s API\n\nThere was no committed snapshot to compare with: this is the first one, %d types and %d root fields. From the next change on, this report lists every change, classified breaking, dangerous or safe.\n",
		api.Name, len(live.Types), roots)
}

// pullRequest renders the pull request of an outcome: a Conventional
// Commits title and message that carry the verdict, the labels that do too,
// and the report as the body.
func pullRequest(api API, base string, out Outcome, files map[string][]byte) publish.PullRequest {
	var summary diff.Summary
	bump := diff.BumpNone
	if out.Report != nil {
		summary, bump = out.Report.Summary(), out.Report.Bump()
	}
	breaking := summary.Breaking > 0
	var subject string
	switch {
	case out.Initial:
		subject = fmt.Sprintf("first snapshot of the %s API schema", api.Name)
	case summary.Total() == 0:
		subject = fmt.Sprintf("refresh the %s API snapshot (no schema change)", api.Name)
	default:
		subject = fmt.Sprintf("%s API schema: %s", api.Name, countPhrase(summary))
	}
	labels := slices.Clone(api.Labels)
	if breaking {
		labels = append(labels, publish.LabelBreaking)
	}
	if summary.Dangerous > 0 {
		labels = append(labels, publish.LabelDangerous)
	}

	var tail strings.Builder
	tail.WriteString("\n\n### Regenerated files\n\n")
	for _, p := range slices.Sorted(maps.Keys(files)) {
		fmt.Fprintf(&tail, "- `%s`\n", p)
	}
	for _, p := range out.Deleted {
		fmt.Fprintf(&tail, "- `%s` (removed)\n", p)
	}
	tail.WriteString("\n<sub>Opened by schemawatch. Each run rebuilds this branch from the base branch and the live schema; edits pushed to it are overwritten.</sub>\n")

	var body string
	if out.Report != nil {
		body = report.Markdown(out.Report, report.MarkdownOptions{
			MaxLength:  publish.BodyLimit - tail.Len(),
			FullReport: path.Join(api.ReportDir, ReportMarkdown) + " in this pull request",
		})
	} else {
		body = string(files[path.Join(api.ReportDir, ReportMarkdown)])
	}
	bodyText := strings.TrimRight(body, "\n") + tail.String()

	msgBody := fmt.Sprintf("Breaking: %d, dangerous: %d, safe: %d. Suggested version bump: %s.", summary.Breaking, summary.Dangerous, summary.NonBreaking, bump)
	return publish.PullRequest{
		Branch:        api.Branch,
		Base:          base,
		Files:         files,
		Deleted:       out.Deleted,
		CommitMessage: publish.CommitMessage(api.Name, breaking, subject, msgBody),
		Title:         publish.CommitMessage(api.Name, breaking, subject, ""),
		Body:          bodyText,
		Labels:        labels,
		ManagedLabels: []string{publish.LabelBreaking, publish.LabelDangerous},
		Reviewers:     api.Reviewers,
	}
}

// countPhrase says "2 breaking, 1 dangerous and 14 safe changes".
func countPhrase(s diff.Summary) string {
	var parts []string
	for _, p := range []struct {
		n    int
		word string
	}{{s.Breaking, "breaking"}, {s.Dangerous, "dangerous"}, {s.NonBreaking, "safe"}} {
		if p.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", p.n, p.word))
		}
	}
	phrase := strings.Join(parts, ", ")
	if i := strings.LastIndex(phrase, ", "); i >= 0 {
		phrase = phrase[:i] + " and " + phrase[i+2:]
	}
	if s.Total() == 1 {
		return phrase + " change"
	}
	return phrase + " changes"
}

// LocalCommitted reads committed files from a checkout: what a dry run
// compares with.
type LocalCommitted struct{ Root string }

// ReadFiles reads the files under dirs below Root.
func (l LocalCommitted) ReadFiles(_ context.Context, dirs ...string) (map[string][]byte, error) {
	out := map[string][]byte{}
	for _, dir := range dirs {
		abs := filepath.Join(l.Root, filepath.FromSlash(dir))
		if err := fsatomic.Recover(abs); err != nil {
			return nil, err
		}
		err := filepath.WalkDir(abs, func(p string, d fs.DirEntry, err error) error {
			if errors.Is(err, fs.ErrNotExist) && p == abs {
				return filepath.SkipAll
			}
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			rel, err := filepath.Rel(l.Root, p)
			if err != nil {
				return err
			}
			out[filepath.ToSlash(rel)] = data
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}
