package watch

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/schemawatch/schemawatch/internal/demo"
	"github.com/schemawatch/schemawatch/internal/demo/demotest"
	"github.com/schemawatch/schemawatch/internal/publish"
	"github.com/schemawatch/schemawatch/internal/publish/githubfake"
	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/snapshot"
	"github.com/schemawatch/schemawatch/internal/testsupport"
)

// Tokens that look real, so that a leak would be plain to see.
const (
	apiToken    = "railway-api-token-5f4e3d2c1b0a"
	githubToken = "ghp_cycleTEST0123456789abcdefABCDEF"
)

// world is a watched API (the demo endpoint, whose live schema the test
// switches), a fake GitHub repository, and a cycle between them.
type world struct {
	t     *testing.T
	clock *githubfake.Clock // GitHub's and the fetcher's: advance it for time passing between runs
	fake  *githubfake.Server
	live  atomic.Pointer[demotest.Server]
	logs  *testsupport.Buffer
	cfg   *Config
	cycle *Cycle
	root  string
}

// Schemas the live API can serve.
var (
	v1 = func() *schema.Schema { return demo.Schema(demo.V1) }
	v2 = func() *schema.Schema { return demo.Schema(demo.V2) }
	// v1Safe is version 1 with one new field: a safe change only.
	v1Safe = func() *schema.Schema {
		s, err := schema.ParseSDL("v1safe.graphql", demo.SDL(demo.V1)+"\nextend type Project { archived: Boolean }\n")
		if err != nil {
			panic(err)
		}
		return s
	}
)

func newWorld(t *testing.T, dryRun bool) *world {
	t.Helper()
	w := &world{t: t, logs: &testsupport.Buffer{}, root: t.TempDir(), clock: githubfake.NewClock(time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC))}
	w.fake = githubfake.New(githubfake.Options{Token: githubToken, Collaborators: []string{"alice"}, Clock: w.clock})
	t.Cleanup(w.fake.Close)
	w.serve(v1())
	api := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) { w.live.Load().ServeHTTP(rw, r) }))
	t.Cleanup(api.Close)

	cfg, err := ParseConfig("schemawatch.yaml", []byte(fmt.Sprintf(`
github:
  repo: %s
  apiURL: %s
apis:
  - name: demo
    endpoint: %s
    tokenEnv: DEMO_TOKEN
    tokenKind: bearer
    goPackage: {dir: demoapi}
    collectionEndpoint: http://127.0.0.1:4000/graphql/v2
    operationsDir: operations/demo
    reviewers: [alice]
`, w.fake.FullName(), w.fake.URL, api.URL+demo.Path)))
	if err != nil {
		t.Fatal(err)
	}
	w.cfg = cfg
	for name, data := range demo.Operations() {
		writeFile(t, filepath.Join(w.root, "operations", "demo", name), data)
	}
	env := Env{
		Getenv: func(k string) string {
			return map[string]string{"DEMO_TOKEN": apiToken, "GITHUB_TOKEN": githubToken}[k]
		},
		Logger: slog.New(slog.NewTextHandler(w.logs, nil)),
		Clock:  w.clock,
	}
	if w.cycle, err = NewCycle(cfg, Options{Workdir: w.root, DryRun: dryRun}, env); err != nil {
		t.Fatal(err)
	}
	return w
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// serve makes the live API serve s.
func (w *world) serve(s *schema.Schema) {
	w.t.Helper()
	srv, err := demotest.NewServer(s, demotest.Options{BearerToken: apiToken})
	if err != nil {
		w.t.Fatal(err)
	}
	w.live.Store(srv)
}

func (w *world) run() (Outcome, error) {
	w.t.Helper()
	out, err := w.cycle.Run(context.Background(), w.cfg.APIs[0])
	w.assertNoSecret(fmt.Sprint(err), w.logs.String(), out.PullRequest.Body, out.PullRequest.Title, out.PullRequest.CommitMessage)
	return out, err
}

func (w *world) mustRun() Outcome {
	w.t.Helper()
	out, err := w.run()
	if err != nil {
		w.t.Fatalf("cycle: %v\nlogs:\n%s", err, w.logs)
	}
	return out
}

func (w *world) assertNoSecret(texts ...string) {
	w.t.Helper()
	for _, text := range texts {
		for _, secret := range []string{apiToken, githubToken} {
			if strings.Contains(text, secret) {
				w.t.Errorf("a token leaked into %.200q", text)
			}
		}
	}
}

// writes returns the write requests GitHub got since the last call.
func (w *world) writes() []string {
	var out []string
	for _, r := range w.fake.TakeRequests() {
		if r.IsWrite() {
			out = append(out, r.Endpoint)
		}
	}
	return out
}

// openPull returns the one open pull request, failing unless there is
// exactly one.
func (w *world) openPull() githubfake.Pull {
	w.t.Helper()
	open := w.fake.OpenPulls()
	if len(open) != 1 {
		w.t.Fatalf("open pull requests: %+v, want exactly one", open)
	}
	return open[0]
}

// TestLifecycle follows one API through its life on GitHub: a first
// snapshot, no change, a breaking change, a rerun, a change of verdict, a
// revert.
func TestLifecycle(t *testing.T) {
	w := newWorld(t, false)

	// First run: nothing committed yet, so a pull request with the first
	// snapshot. It is merged.
	out := w.mustRun()
	if !out.Initial || out.Published.Action != publish.Created {
		t.Fatalf("first run: %+v", out)
	}
	first := w.openPull()
	if first.Title != "feat(demo): first snapshot of the demo API schema" || !slices.Equal(first.Labels, []string{"schema-change"}) {
		t.Errorf("first pull request: %q %v", first.Title, first.Labels)
	}
	w.fake.MergePull(first.Number)
	w.fake.DeleteBranch("schemawatch/demo")
	main := w.fake.BranchFiles("main")
	for _, p := range []string{"snapshots/demo/schema.graphql", "snapshots/demo/schema.json", "snapshots/demo/meta.json",
		"demoapi/objects.go", "collection/demo.postman_collection.json", "collection/demo.insomnia.json", "reports/demo/report.md"} {
		if _, ok := main[p]; !ok {
			t.Errorf("main lacks %s after the merge", p)
		}
	}
	w.writes()

	// No change: one quiet line, nothing written to GitHub.
	out = w.mustRun()
	if out.Changed || len(w.writes()) != 0 {
		t.Errorf("unchanged schema: %+v; writes %v", out, w.writes())
	}
	if !strings.Contains(w.logs.String(), `msg="no change since the committed snapshot"`) {
		t.Errorf("logs:\n%s", w.logs)
	}

	// Version 2: breaking, dangerous and safe changes; one pull request
	// with everything, and the threshold met.
	w.serve(v2())
	out = w.mustRun()
	if out.Published.Action != publish.Created || !out.ThresholdMet() {
		t.Fatalf("v2: %+v", out.Published)
	}
	pr := w.openPull()
	s := out.Report.Summary()
	if s.Breaking == 0 || s.Dangerous == 0 || s.NonBreaking == 0 {
		t.Errorf("summary %+v: want changes of every level", s)
	}
	wantTitle := fmt.Sprintf("feat(demo)!: demo API schema: %d breaking, %d dangerous and %d safe changes", s.Breaking, s.Dangerous, s.NonBreaking)
	if pr.Title != wantTitle {
		t.Errorf("title %q, want %q", pr.Title, wantTitle)
	}
	if want := []string{"breaking-change", "dangerous-change", "schema-change"}; !slices.Equal(sorted(pr.Labels), want) {
		t.Errorf("labels %v, want %v", pr.Labels, want)
	}
	if !slices.Equal(pr.Reviewers, []string{"alice"}) {
		t.Errorf("reviewers %v", pr.Reviewers)
	}
	for _, want := range []string{"Project.teamId", "ProjectOverview", "VolumeUsage", "### Regenerated files", "`demoapi/objects.go`", "`snapshots/demo/schema.json`"} {
		if !strings.Contains(pr.Body, want) {
			t.Errorf("the body does not mention %s", want)
		}
	}
	branch := w.fake.BranchFiles("schemawatch/demo")
	for _, content := range branch {
		w.assertNoSecret(content)
	}
	if !strings.Contains(branch["snapshots/demo/schema.graphql"], "type Bucket") || !strings.Contains(branch["demoapi/objects.go"], "type Bucket struct") {
		t.Error("the branch does not hold the regenerated files")
	}
	w.writes()

	// The same live schema again: nothing pushed, nothing edited. (The
	// publisher asks GitHub for the tree of the files, which GitHub already
	// has: no commit, no push, no notification.)
	out = w.mustRun()
	if out.Published.Action != publish.Unchanged || out.Published.Pushed {
		t.Errorf("rerun: %+v", out.Published)
	}
	if writes := w.writes(); !slices.Equal(writes, []string{githubfake.CreateTree}) {
		t.Errorf("a rerun wrote %v", writes)
	}

	// Only a safe change left: the same pull request, updated, and the
	// breaking and dangerous labels gone.
	w.serve(v1Safe())
	out = w.mustRun()
	if out.Published.Action != publish.Updated || out.Published.Number != pr.Number || out.ThresholdMet() {
		t.Errorf("safe change: %+v, threshold %v", out.Published, out.ThresholdMet())
	}
	pr = w.openPull()
	if !slices.Equal(pr.Labels, []string{"schema-change"}) || !strings.HasPrefix(pr.Title, "feat(demo): demo API schema: 1 safe change") {
		t.Errorf("after the safe change: %q %v", pr.Title, pr.Labels)
	}

	// Back to what main holds: the pull request is closed, the branch gone.
	w.serve(v1())
	out = w.mustRun()
	if out.Changed || out.Published.Action != publish.Closed {
		t.Errorf("revert: %+v", out)
	}
	if len(w.fake.OpenPulls()) != 0 {
		t.Error("the pull request is still open")
	}
	if _, ok := w.fake.Branch("schemawatch/demo"); ok {
		t.Error("the branch still exists")
	}
	if len(w.fake.Pulls()) != 2 {
		t.Errorf("%d pull requests in all, want 2", len(w.fake.Pulls()))
	}
}

func sorted(s []string) []string { return slices.Sorted(slices.Values(s)) }

// TestGitHubFailureIsRepaired: GitHub failing in the middle of a cycle
// fails the cycle as a remote error; the next run finishes the job with one
// pull request.
func TestGitHubFailureIsRepaired(t *testing.T) {
	w := newWorld(t, false)
	w.fake.Fail(githubfake.Failure{Endpoint: githubfake.CreatePull, Status: 502, Message: "Server Error"})
	_, err := w.run()
	var cycleErr *Error
	if !errors.As(err, &cycleErr) || !cycleErr.Remote || cycleErr.Stage != "publish" {
		t.Fatalf("err = %v, want a remote publish error", err)
	}
	if len(w.fake.OpenPulls()) != 0 {
		t.Fatal("a pull request was opened although creating it failed")
	}
	out := w.mustRun()
	if out.Published.Action != publish.Created {
		t.Errorf("repair run: %+v", out.Published)
	}
	w.openPull()
}

// TestFetchFailure: the API failing is a remote error, and nothing is
// written anywhere.
func TestFetchFailure(t *testing.T) {
	w := newWorld(t, false)
	w.cfg.APIs[0].TokenEnv = "UNSET_TOKEN"
	_, err := w.run()
	var cycleErr *Error
	if !errors.As(err, &cycleErr) || !cycleErr.Remote || cycleErr.Stage != "introspect" || !strings.Contains(err.Error(), "no token was sent: set UNSET_TOKEN (its token goes in the Authorization header)") {
		t.Fatalf("err = %v", err)
	}
	if writes := w.writes(); len(writes) != 0 {
		t.Errorf("GitHub got writes: %v", writes)
	}
	if entries, _ := os.ReadDir(filepath.Join(w.root, "snapshots")); len(entries) != 0 {
		t.Error("files were written locally")
	}
}

// TestDryRun: a dry run compares with the checkout, writes the regenerated
// files into it and the pull request it would open into a directory, and
// never talks to GitHub.
func TestDryRun(t *testing.T) {
	w := newWorld(t, true)
	w.serve(v2())
	// The checkout holds version 1's snapshot.
	if err := seedSnapshot(w.root, "snapshots/demo", v1()); err != nil {
		t.Fatal(err)
	}
	out := w.mustRun()
	if !out.Changed || out.Initial || out.Published.Action != publish.DryRunWritten {
		t.Fatalf("dry run: %+v", out)
	}
	dir := filepath.Join(w.root, DefaultDryRunDir, "demo")
	if out.Published.Dir != dir {
		t.Errorf("dry run wrote to %s, want %s", out.Published.Dir, dir)
	}
	for _, name := range []string{"title.txt", "labels.txt", "body.md", "files.txt", "commit-message.txt"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Error(err)
		}
	}
	for _, p := range []string{"demoapi/objects.go", "collection/demo.insomnia.json", "reports/demo/report.json", "snapshots/demo/schema.graphql"} {
		if _, err := os.Stat(filepath.Join(w.root, p)); err != nil {
			t.Errorf("the checkout lacks %s: %v", p, err)
		}
	}
	if len(w.fake.Requests()) != 0 {
		t.Errorf("a dry run talked to GitHub: %v", w.fake.Requests())
	}
	// No token in any file written: snapshot metadata, generated code,
	// collections, reports, the dry run's pull request.
	filepath.WalkDir(w.root, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := os.ReadFile(p)
			w.assertNoSecret(string(data))
		}
		return nil
	})
	// The checkout now holds version 2: nothing more to do.
	if out := w.mustRun(); out.Changed {
		t.Errorf("second dry run: %+v", out)
	}
}

func seedSnapshot(root, dir string, s *schema.Schema) error {
	files, err := LocalCommitted{Root: root}.ReadFiles(context.Background(), dir)
	if err != nil || len(files) > 0 {
		return fmt.Errorf("seed: %v %v", files, err)
	}
	return snapshot.Write(filepath.Join(root, dir), s.WithCapabilities(demo.DefaultIntrospection), snapshot.Meta{Source: "test seed"})
}

// TestBrokenSnapshotIsTheError: a committed snapshot edited by hand is an
// input error (exit 2) naming the snapshot, whether the API answers or
// fails too, and nothing is written.
func TestBrokenSnapshotIsTheError(t *testing.T) {
	tests := []struct {
		name     string
		tokenEnv string // UNSET_TOKEN: the fetch fails as well
	}{
		{"api answers", "DEMO_TOKEN"},
		{"api fails too", "UNSET_TOKEN"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld(t, true)
			w.serve(v2())
			w.cfg.APIs[0].TokenEnv = tt.tokenEnv
			if err := seedSnapshot(w.root, "snapshots/demo", v1()); err != nil {
				t.Fatal(err)
			}
			js := filepath.Join(w.root, "snapshots", "demo", snapshot.JSONFile)
			data, err := os.ReadFile(js)
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, js, append(data, ' '))
			_, err = w.run()
			var cycleErr *Error
			if !errors.As(err, &cycleErr) || cycleErr.Remote || cycleErr.Stage != "read the committed snapshot" || !strings.Contains(err.Error(), "edited by hand") {
				t.Fatalf("err = %v, want the snapshot's error", err)
			}
			for _, p := range []string{"reports", "demoapi", DefaultDryRunDir} {
				if _, err := os.Stat(filepath.Join(w.root, p)); err == nil {
					t.Errorf("a failed cycle wrote %s", p)
				}
			}
		})
	}
}
