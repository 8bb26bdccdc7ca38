package main

import (
	"bufio"
	"context"
	"flag"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/internal/demo"
	"github.com/schemawatch/schemawatch/internal/demo/demotest"
	"github.com/schemawatch/schemawatch/internal/publish/githubfake"
	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/snapshot"
)

const (
	runAPIToken    = "railway-token-for-run-tests-0123"
	runGitHubToken = "ghp_runTEST0123456789abcdefABCDEF"
)

// runWorld is a demo endpoint serving version 2 and a checkout holding
// version 1's snapshot.
func runWorld(t *testing.T) (endpoint, workdir string) {
	t.Helper()
	srv, err := demotest.NewServer(demo.Schema(demo.V2), demotest.Options{BearerToken: runAPIToken})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	workdir = t.TempDir()
	if err := snapshot.Write(filepath.Join(workdir, "snapshots", "demo"), demo.Schema(demo.V1).WithCapabilities(demo.DefaultIntrospection), snapshot.Meta{}); err != nil {
		t.Fatal(err)
	}
	return ts.URL + demo.Path, workdir
}

func assertNoRunSecret(t *testing.T, texts ...string) {
	t.Helper()
	for _, text := range texts {
		if strings.Contains(text, runAPIToken) || strings.Contains(text, runGitHubToken) {
			t.Errorf("a token was printed: %s", text)
		}
	}
}

func TestRunOnceDryRun(t *testing.T) {
	endpoint, workdir := runWorld(t)
	env := map[string]string{"DEMO_TOKEN": runAPIToken}
	args := []string{"run", "--once", "--dry-run", "--workdir", workdir, "--name", "demo", "--endpoint", endpoint,
		"--token-env", "DEMO_TOKEN", "--token-kind", "bearer", "--go-out", "demoapi"}
	code, stdout, stderr := runWatchEnv(t, env, args...)
	assertNoRunSecret(t, stdout, stderr)
	if code != 1 {
		t.Fatalf("exit %d, want 1 (a breaking change, --fail-on breaking)\n%s", code, stderr)
	}
	dir := filepath.Join(workdir, ".schemawatch", "dry-run", "demo")
	if !strings.Contains(stdout, "demo: dry run: the pull request is in "+dir) {
		t.Errorf("stdout %q", stdout)
	}
	body, err := os.ReadFile(filepath.Join(dir, "body.md"))
	if err != nil || !strings.Contains(string(body), "Breaking changes (3)") {
		t.Errorf("body.md: %v\n%s", err, body)
	}
	for _, line := range []string{`msg="schema changed" api=demo`, "msg=published api=demo action=dry-run"} {
		if !strings.Contains(stderr, line) {
			t.Errorf("stderr lacks %q:\n%s", line, stderr)
		}
	}
	// Nothing changed since: exit 0 and one line.
	code, _, stderr = runWatchEnv(t, env, args...)
	if code != 0 || !strings.Contains(stderr, "no change since the committed snapshot") {
		t.Errorf("second run: exit %d\n%s", code, stderr)
	}
}

func TestRunOnceFailOnNone(t *testing.T) {
	endpoint, workdir := runWorld(t)
	code, _, stderr := runWatchEnv(t, map[string]string{"DEMO_TOKEN": runAPIToken}, "run", "--once", "--dry-run", "--workdir", workdir,
		"--name", "demo", "--endpoint", endpoint, "--token-env", "DEMO_TOKEN", "--token-kind", "bearer", "--fail-on", "none")
	if code != 0 {
		t.Errorf("exit %d: %s", code, stderr)
	}
}

// TestRunOnceGitHub publishes to a fake GitHub through --config.
func TestRunOnceGitHub(t *testing.T) {
	endpoint, workdir := runWorld(t)
	fake := githubfake.New(githubfake.Options{Token: runGitHubToken})
	t.Cleanup(fake.Close)
	files, err := os.ReadDir(filepath.Join(workdir, "snapshots", "demo"))
	if err != nil {
		t.Fatal(err)
	}
	committed := map[string][]byte{}
	for _, f := range files {
		data, _ := os.ReadFile(filepath.Join(workdir, "snapshots", "demo", f.Name()))
		committed["snapshots/demo/"+f.Name()] = data
	}
	fake.Push("main", committed, "the demo API's snapshot")
	config := filepath.Join(workdir, "schemawatch.yaml")
	if err := os.WriteFile(config, []byte(`
github:
  repo: `+fake.FullName()+`
  apiURL: `+fake.URL+`
apis:
  - name: demo
    endpoint: `+endpoint+`
    tokenEnv: DEMO_TOKEN
    tokenKind: bearer
    failOn: dangerous
  - name: other
    endpoint: `+endpoint+`
    tokenEnv: DEMO_TOKEN
    tokenKind: bearer
`), 0o644); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"DEMO_TOKEN": runAPIToken, "GITHUB_TOKEN": runGitHubToken}
	code, stdout, stderr := runWatchEnv(t, env, "run", "--once", "--config", config, "--api", "demo", "--workdir", workdir)
	assertNoRunSecret(t, stdout, stderr)
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s", code, stderr)
	}
	open := fake.OpenPulls()
	if len(open) != 1 || open[0].Head != "schemawatch/demo" || !strings.Contains(stdout, "demo: created ") || !strings.Contains(stdout, "/pull/1\n") {
		t.Fatalf("pull requests %+v; stdout %q", open, stdout)
	}
	assertNoRunSecret(t, open[0].Body, open[0].Title)
	if len(fake.Pulls()) != 1 {
		t.Error("--api demo ran another API too")
	}
}

func TestRunUsageErrors(t *testing.T) {
	dir := t.TempDir()
	badConfig := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(badConfig, []byte("apis:\n  - name: x\n    endpoint: ftp://nope\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(dir, "good.yaml")
	if err := os.WriteFile(good, []byte("apis:\n  - name: x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		env  map[string]string
		want string
	}{
		{[]string{"run"}, nil, "give one of --once and --schedule SPEC"},
		{[]string{"run", "--once", "--schedule", "@hourly"}, nil, "exclude each other"},
		{[]string{"run", "--once", "--api", "x"}, nil, "--api selects an API of --config"},
		{[]string{"run", "--once", "--config", good, "--endpoint", "https://x"}, nil, "--endpoint describes an API without a configuration file"},
		{[]string{"run", "--once", "--config", badConfig}, nil, `bad.yaml:3: apis[0].endpoint: ftp://nope is not an http(s) URL`},
		{[]string{"run", "--once", "--config", good, "--api", "y"}, nil, `--api "y"`},
		{[]string{"run", "--once", "--config", good}, nil, "no GitHub repository to publish to"},
		{[]string{"run", "--once", "--repo", "a/b"}, nil, "GITHUB_TOKEN is not set"},
		{[]string{"run", "--schedule", "every hour", "--dry-run"}, nil, `--schedule: invalid cron spec "every hour"`},
		{[]string{"run", "--once", "--go-package", "x"}, nil, "--go-package goes with --go-out"},
		{[]string{"run", "--once", "--fail-on", "always", "--dry-run"}, nil, `-fail-on: "always": want breaking, dangerous or none`},
		{[]string{"run", "--once", "--repo", "nope"}, nil, `--repo: "nope" is not owner/name`},
		{[]string{"run", "--once", "--dry-run-dir", "x"}, nil, "--dry-run-dir goes with --dry-run"},
		{[]string{"run", "--once", "--wait-first", "--dry-run"}, nil, "--wait-first goes with --schedule"},
		{[]string{"run", "--once", "--dry-run", "--workdir", dir, "--header", "X-Team: ${TEAM}"}, nil, "header X-Team refers to ${TEAM}, which is not set"},
		{[]string{"run", "--schedule", "@hourly", "--dry-run", "--workdir", dir, "--header", "X-Team: ${TEAM}"}, nil, "header X-Team refers to ${TEAM}, which is not set"},
		{[]string{"run", "--once", "--dry-run", "--snapshot-dir", "."}, nil, `--snapshot-dir: "." is the work directory itself`},
		{[]string{"run", "--once", "--dry-run", "--history-dir", "snapshots/railway"}, nil, `--history-dir: "snapshots/railway"`},
		{[]string{"run", "--once", "--dry-run", "--go-out", "snapshots/railway"}, nil, `--go-out: "snapshots/railway" is also the directory of --snapshot-dir`},
		{[]string{"run", "--once", "--dry-run", "--branch", "bad..name"}, nil, `--branch: "bad..name" is not a valid branch name`},
		{[]string{"run", "--once", "--dry-run", "--base", "x y"}, nil, `--base: "x y" is not a valid branch name`},
	}
	for _, tt := range tests {
		code, _, stderr := runWatchEnv(t, tt.env, tt.args...)
		if code != 2 || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tt.args, code, stderr, tt.want)
		}
	}
}

// TestRunMassRemovalIsHeldBack: a live schema that lost most of the
// committed one is held back (exit 3, nothing written) unless allowed.
func TestRunMassRemovalIsHeldBack(t *testing.T) {
	srv, err := demo.NewServer(tinySchema(t), demo.Options{BearerToken: runAPIToken})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	_, workdir := runWorld(t)
	before, _ := os.ReadFile(filepath.Join(workdir, "snapshots", "demo", "schema.json"))
	env := map[string]string{"DEMO_TOKEN": runAPIToken}
	args := []string{"run", "--once", "--dry-run", "--workdir", workdir, "--name", "demo", "--endpoint", ts.URL + demo.Path, "--token-env", "DEMO_TOKEN", "--token-kind", "bearer", "--fail-on", "none"}
	code, _, stderr := runWatchEnv(t, env, args...)
	if code != 3 || !strings.Contains(stderr, "held back as suspect") || !strings.Contains(stderr, "--allow-mass-removal") {
		t.Fatalf("exit %d, want 3 and a message that says why and how to allow it\n%s", code, stderr)
	}
	after, _ := os.ReadFile(filepath.Join(workdir, "snapshots", "demo", "schema.json"))
	if string(before) != string(after) {
		t.Error("the held-back change was written")
	}
	if _, err := os.Stat(filepath.Join(workdir, ".schemawatch")); err == nil {
		t.Error("the held-back change was published (dry run)")
	}
	if code, _, stderr := runWatchEnv(t, env, append(args, "--allow-mass-removal")...); code != 0 {
		t.Errorf("--allow-mass-removal: exit %d\n%s", code, stderr)
	}
}

// tinySchema is what a proxy answering for the demo API might serve: a
// schema with one field.
func tinySchema(t *testing.T) *schema.Schema {
	t.Helper()
	s, err := schema.ParseSDL("tiny.graphql", "type Query { status: String }\n")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestRunRemoteFailure: an API that cannot be reached is exit 3.
func TestRunRemoteFailure(t *testing.T) {
	_, workdir := runWorld(t)
	code, _, stderr := runWatchEnv(t, nil, "run", "--once", "--dry-run", "--workdir", workdir, "--name", "demo",
		"--endpoint", "http://127.0.0.1:1/graphql", "--retries", "0")
	if code != 3 || !strings.Contains(stderr, "demo: introspect: could not reach http://127.0.0.1:1/graphql") {
		t.Errorf("exit %d, stderr %s", code, stderr)
	}
}

// TestRunSchedule starts the daemon, which runs a cycle at once, and stops
// it with the context, as a signal would.
func TestRunSchedule(t *testing.T) {
	endpoint, workdir := runWorld(t)
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	go func() {
		code := run(ctx, []string{"run", "--schedule", "@every 1h", "--dry-run", "--workdir", workdir, "--name", "demo", "--endpoint", endpoint},
			&environment{getenv: func(string) string { return "" }, stdout: io.Discard, stderr: pw})
		pw.Close()
		done <- code
	}()
	// A cycle runs at start, an hour before the first tick.
	sc := bufio.NewScanner(pr)
	started, ended := false, false
	for !(started && ended) && sc.Scan() {
		started = started || strings.Contains(sc.Text(), `msg="cycle started" cycle=1`)
		ended = ended || strings.Contains(sc.Text(), `msg="cycle failed" cycle=1`) || strings.Contains(sc.Text(), `msg="cycle finished" cycle=1`)
	}
	if !started || !ended {
		t.Error("no cycle at start")
	}
	cancel()
	go io.Copy(io.Discard, pr)
	if code := <-done; code != 0 {
		t.Errorf("exit %d after a stop", code)
	}
}

func TestRunHelpExplainsEveryFlag(t *testing.T) {
	code, stdout, _ := runWatch(t, "run", "--help")
	if code != 0 || stdout != runUsage {
		t.Fatalf("exit %d", code)
	}
	newRunFlagSet(&runOptions{}).VisitAll(func(f *flag.Flag) {
		if !strings.Contains(runUsage, "--"+f.Name+" ") && !strings.Contains(runUsage, "--"+f.Name+"\n") {
			t.Errorf("watch run --help does not explain --%s", f.Name)
		}
	})
}
