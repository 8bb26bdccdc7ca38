package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/schemawatch/schemawatch/internal/cli"
	"github.com/schemawatch/schemawatch/internal/publish/githubfake"
)

const hookPath = "/services/T0/B0/cmdhooksecret0123456789"

// TestRunNotifyDryRun: --notify in a dry run records the payload it would
// send under the dry run's directory, and sends nothing.
func TestRunNotifyDryRun(t *testing.T) {
	endpoint, workdir := runWorld(t)
	var posts atomic.Int32
	hook := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { posts.Add(1) }))
	defer hook.Close()
	env := map[string]string{"DEMO_TOKEN": runAPIToken, "SLACK_URL": hook.URL + hookPath}
	code, stdout, stderr := runWatchEnv(t, env, "run", "--once", "--dry-run", "--workdir", workdir, "--name", "demo", "--endpoint", endpoint,
		"--token-env", "DEMO_TOKEN", "--token-kind", "bearer", "--fail-on", "none", "--notify", "slack=SLACK_URL")
	if code != cli.ExitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	data, err := os.ReadFile(filepath.Join(workdir, ".schemawatch", "dry-run", "demo", "notifications", "slack-SLACK_URL.json"))
	if err != nil || !strings.Contains(string(data), "demo: breaking schema changes") {
		t.Errorf("recorded payload: %v\n%s", err, data)
	}
	if posts.Load() != 0 {
		t.Error("a dry run sent a notification")
	}
	for _, text := range []string{stdout, stderr, string(data)} {
		if strings.Contains(text, "cmdhooksecret") {
			t.Errorf("the webhook URL was printed: %s", text)
		}
	}
}

// TestRunNotifyFailureExits4: the pull request is published, the webhook
// fails: exit 4, the failure logged without the URL.
func TestRunNotifyFailureExits4(t *testing.T) {
	endpoint, workdir := runWorld(t)
	fake := githubfake.New(githubfake.Options{Token: runGitHubToken})
	t.Cleanup(fake.Close)
	committed := map[string][]byte{}
	files, _ := os.ReadDir(filepath.Join(workdir, "snapshots", "demo"))
	for _, f := range files {
		data, _ := os.ReadFile(filepath.Join(workdir, "snapshots", "demo", f.Name()))
		committed["snapshots/demo/"+f.Name()] = data
	}
	fake.Push("main", committed, "the demo API's snapshot")
	var posts atomic.Int32
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		posts.Add(1)
		w.WriteHeader(http.StatusForbidden)
		io.WriteString(w, "invalid_token")
	}))
	defer hook.Close()
	env := map[string]string{"DEMO_TOKEN": runAPIToken, "GITHUB_TOKEN": runGitHubToken, "HOOK_URL": hook.URL + hookPath}
	args := []string{"run", "--once", "--workdir", workdir, "--name", "demo", "--endpoint", endpoint, "--token-env", "DEMO_TOKEN",
		"--token-kind", "bearer", "--repo", fake.FullName(), "--github-url", fake.URL, "--fail-on", "none", "--notify", "webhook=HOOK_URL"}
	code, stdout, stderr := runWatchEnv(t, env, args...)
	assertNoRunSecret(t, stdout, stderr)
	if code != cli.ExitNotify {
		t.Fatalf("exit %d, want %d\n%s", code, cli.ExitNotify, stderr)
	}
	if len(fake.OpenPulls()) != 1 || posts.Load() != 1 {
		t.Errorf("%d open pull requests, %d posts; want 1 and 1", len(fake.OpenPulls()), posts.Load())
	}
	if !strings.Contains(stderr, "notification failed") || !strings.Contains(stderr, "HTTP 403") || !strings.Contains(stderr, "HOOK_URL") {
		t.Errorf("stderr:\n%s", stderr)
	}
	if strings.Contains(stdout+stderr, "cmdhooksecret") {
		t.Errorf("the webhook URL was printed:\n%s\n%s", stdout, stderr)
	}
	// The threshold met is the more important news: exit 1, not 4.
	fake.ClosePull(fake.OpenPulls()[0].Number)
	fake.DeleteBranch("schemawatch/demo")
	args[len(args)-3] = "breaking"
	if code, _, stderr := runWatchEnv(t, env, args...); code != cli.ExitThreshold {
		t.Errorf("exit %d, want %d\n%s", code, cli.ExitThreshold, stderr)
	}
}

func TestRunNotifyFlagErrors(t *testing.T) {
	for _, tc := range []struct{ flag, want string }{
		{"teams=X", `--notify: notification type "teams": want slack or webhook`},
		{"slack", "want slack=ENVVAR or webhook=ENVVAR"},
		{"slack=https://hooks.slack.com/services/T0/B0/cmdhooksecret", "not the URL"},
	} {
		code, _, stderr := runWatch(t, "run", "--once", "--dry-run", "--notify", tc.flag)
		if code != cli.ExitUsage || !strings.Contains(stderr, tc.want) || strings.Contains(stderr, "cmdhooksecret") {
			t.Errorf("--notify %s: exit %d, stderr %q; want %q", tc.flag, code, stderr, tc.want)
		}
	}
}
