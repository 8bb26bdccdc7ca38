package testcorpus

import (
	"bufio"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/schemawatch/schemawatch/internal/testsupport"
)

// GraphQLServerScript returns the path of the reference server's serve.mjs
// with its dependencies installed, or skips the test.
func GraphQLServerScript(t TB) string {
	t.Helper()
	if _, err := exec.LookPath("node"); err != nil {
		missing(t, "node is not installed, so the reference GraphQL server cannot run")
	}
	script := os.Getenv(EnvGraphQLServer)
	if script == "" {
		script = filepath.Join(SharedDir(t), "tools", "graphql-server", "serve.mjs")
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(script), "node_modules")); err != nil {
		missing(t, "the reference GraphQL server at %s has no node_modules (make testdeps installs them; or set %s)", script, EnvGraphQLServer)
	}
	return script
}

// GraphQLServer starts the reference GraphQL server (graphql-js, from
// shared/tools/graphql-server) serving schemaFile, with extra flags such as
// "--token", "t" or "--rate-limit", "5/s", and returns its endpoint URL. The
// server is stopped when the test ends.
func GraphQLServer(t TB, schemaFile string, flags ...string) string {
	t.Helper()
	script := GraphQLServerScript(t)
	cmd := exec.Command("node", append([]string{script, "--schema", schemaFile, "--port", "0"}, flags...)...)
	var stderr testsupport.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatalf("testcorpus: %v", err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("testcorpus: start the reference server: %v", err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		_ = cmd.Wait()
	})
	first := make(chan string, 1)
	go func() {
		r := bufio.NewReader(stdout)
		line, _ := r.ReadString('\n')
		first <- line
		_, _ = io.Copy(io.Discard, r) // keep the pipe drained until the server exits
	}()
	select {
	case line := <-first:
		url, ok := strings.CutPrefix(strings.TrimSpace(line), "listening ")
		if !ok {
			t.Fatalf("testcorpus: the reference server did not start: %q; stderr:\n%s", line, stderr.String())
		}
		return url
	case <-time.After(60 * time.Second):
		t.Fatalf("testcorpus: the reference server did not start within a minute; stderr:\n%s", stderr.String())
	}
	return ""
}
