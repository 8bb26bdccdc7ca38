package main

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// runWatchEnv runs the watch command in process with an environment and
// returns its exit code, stdout and stderr.
func runWatchEnv(t *testing.T, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, &environment{getenv: func(k string) string { return env[k] }, stdout: &out, stderr: &errOut})
	return code, out.String(), errOut.String()
}

// runWatch runs the watch command with an empty environment.
func runWatch(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	return runWatchEnv(t, nil, args...)
}

// runWatchCtx runs the watch command with a context and a stdout of the
// test's choosing.
func runWatchCtx(t *testing.T, ctx context.Context, stdout io.Writer, args ...string) (int, string) {
	t.Helper()
	var stderr bytes.Buffer
	code := run(ctx, args, &environment{getenv: func(string) string { return "" }, stdout: stdout, stderr: &stderr})
	return code, stderr.String()
}

// TestDemoRunsTheCycle: watch demo runs a whole cycle against the demo API
// in a work directory: the report, the pull request it would open, the
// regenerated files; a second run finds nothing to do.
func TestDemoRunsTheCycle(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr := runWatch(t, "demo", "--workdir", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"3 breaking, 4 dangerous, 28 safe", "FIELD_REMOVED", "Project.teamId",
		"The pull request it would open", "feat(demo)!: demo API schema", "demoapi/objects.go", "would exit 1 here"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout does not say %q:\n%s", want, stdout)
		}
	}
	for _, p := range []string{"snapshots/demo/schema.graphql", "demoapi/objects.go", "collection/demo.postman_collection.json",
		"reports/demo/report.md", ".schemawatch/dry-run/demo/body.md"} {
		if _, err := os.Stat(filepath.Join(dir, p)); err != nil {
			t.Error(err)
		}
	}
	code, stdout, _ = runWatch(t, "demo", "--workdir", dir)
	if code != 0 || !strings.Contains(stdout, "has not changed") {
		t.Errorf("second run: exit %d, %s", code, stdout)
	}
	// A generated file lost: the next run regenerates it.
	if err := os.Remove(filepath.Join(dir, "demoapi", "objects.go")); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ = runWatch(t, "demo", "--workdir", dir)
	if _, err := os.Stat(filepath.Join(dir, "demoapi", "objects.go")); code != 0 || err != nil || !strings.Contains(stdout, "missing or stale") {
		t.Errorf("run after a lost file: exit %d, %v, %s", code, err, stdout)
	}
}

// TestDemoOutputsAreStable: two demo cycles in two work directories (two
// random ports, two clocks) write byte-identical outputs, naming the
// demo's stable endpoint and no time.
func TestDemoOutputsAreStable(t *testing.T) {
	outputs := func() map[string]string {
		dir := t.TempDir()
		if code, _, stderr := runWatch(t, "demo", "--workdir", dir); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		files := map[string]string{}
		for _, sub := range []string{"snapshots", "demoapi", "collection", "reports"} {
			filepath.WalkDir(filepath.Join(dir, sub), func(p string, d os.DirEntry, err error) error {
				if err == nil && !d.IsDir() {
					data, _ := os.ReadFile(p)
					rel, _ := filepath.Rel(dir, p)
					files[rel] = string(data)
				}
				return err
			})
		}
		return files
	}
	first, second := outputs(), outputs()
	if len(first) == 0 {
		t.Fatal("no outputs")
	}
	loopback := regexp.MustCompile(`127\.0\.0\.1:(\d+)`)
	for p, data := range first {
		if second[p] != data {
			t.Errorf("%s differs between two demo runs", p)
		}
		for _, m := range loopback.FindAllStringSubmatch(data, -1) {
			if m[1] != "4000" {
				t.Errorf("%s holds the run's ephemeral endpoint %s", p, m[0])
			}
		}
		if strings.Contains(data, "fetchedAt") || strings.Contains(data, "__export_date") || strings.Contains(data, "as fetched at") {
			t.Errorf("%s holds a fetch time", p)
		}
	}
}

// TestDemoScratchCopy: without --workdir the demo works in a new scratch
// directory, seeded with version 1 and the demo client's operations.
func TestDemoScratchCopy(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	code, stdout, stderr := runWatch(t, "demo")
	if code != 0 || !strings.Contains(stdout, "broken ProjectOverview.graphql") {
		t.Errorf("exit %d\nstdout: %s\nstderr: %s", code, stdout, stderr)
	}
}

func TestDemoServe(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	go func() {
		code, _ := runWatchCtx(t, ctx, pw, "demo", "--serve", "127.0.0.1:0", "--version", "1", "--token", "t0k3n")
		pw.Close()
		done <- code
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	go io.Copy(io.Discard, pr)
	var url string
	for _, f := range strings.Fields(line) {
		if strings.HasPrefix(f, "http://") {
			url = f
		}
	}
	req, _ := http.NewRequest(http.MethodPost, url, strings.NewReader(`{"query": "{ project(id: \"p\") { teamId } }"}`))
	req.Header.Set("Authorization", "Bearer t0k3n")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"teamId"`) {
		t.Errorf("version 1 (which still has Project.teamId): %d %s", resp.StatusCode, body)
	}
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("exit %d after interrupt", code)
	}
}

func TestUsage(t *testing.T) {
	var stdout bytes.Buffer
	if code, _ := runWatchCtx(t, context.Background(), &stdout, "--help"); code != 0 || !strings.Contains(stdout.String(), "demo") {
		t.Errorf("--help: exit %d, %q", code, stdout.String())
	}
	for _, args := range [][]string{{}, {"nope"}, {"demo", "--version", "3", "--serve", "x"}, {"demo", "--token", "x"}, {"demo", "extra"}, {"demo", "--serve", "x", "--workdir", "y"}} {
		if code, stderr := runWatchCtx(t, context.Background(), io.Discard, args...); code != 2 || stderr == "" {
			t.Errorf("%v: exit %d, stderr %q; want 2 and a message", args, code, stderr)
		}
	}
	newDemoFlagSet(&demoOptions{}).VisitAll(func(f *flag.Flag) {
		if !strings.Contains(demoUsage, "--"+f.Name+" ") {
			t.Errorf("watch demo --help does not explain --%s", f.Name)
		}
	})
}

// TestStopOnSignals: the first stop signal asks for a graceful stop, the
// second forces it.
func TestStopOnSignals(t *testing.T) {
	signals := make(chan os.Signal, 2)
	ctx, forced := stopOnSignals(signals)
	if ctx.Err() != nil {
		t.Fatal("stopped before any signal")
	}
	signals <- os.Interrupt
	<-ctx.Done()
	select {
	case <-forced:
		t.Fatal("one signal forced the stop")
	default:
	}
	signals <- os.Interrupt
	<-forced
}
