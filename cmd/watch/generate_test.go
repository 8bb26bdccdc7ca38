package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/internal/cli"
	"github.com/schemawatch/schemawatch/internal/collection"
	"github.com/schemawatch/schemawatch/internal/demo"
	"github.com/schemawatch/schemawatch/internal/snapshot"
)

// runWatch runs the watch command with args and returns its exit code,
// stdout and stderr.
func runWatch(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	env := &environment{getenv: func(string) string { return "" }, stdout: &stdout, stderr: &stderr}
	code := run(context.Background(), args, env)
	return code, stdout.String(), stderr.String()
}

// demoSDL writes the demo schema V2 to a file and returns its path.
func demoSDL(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "demo.graphql")
	if err := os.WriteFile(path, []byte(demo.SDL(demo.V2)), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestGenerateHelpExplainsEveryFlag(t *testing.T) {
	code, stdout, _ := runWatch(t, "generate", "--help")
	if code != cli.ExitOK {
		t.Fatalf("exit %d, want %d", code, cli.ExitOK)
	}
	for _, flag := range []string{"--schema", "--name", "--collection-out", "--endpoint", "--depth"} {
		if !strings.Contains(stdout, "  "+flag+" ") {
			t.Errorf("--help does not explain %s:\n%s", flag, stdout)
		}
	}
}

func TestGenerateUsageErrors(t *testing.T) {
	const secret = "s3cr3t"
	schemaFile := demoSDL(t)
	out := t.TempDir()
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"no schema", []string{"--collection-out", out}, "--schema is required"},
		{"no output", []string{"--schema", schemaFile}, "nothing to generate"},
		{"a stray argument", []string{"--schema", schemaFile, "--collection-out", out, "extra"}, `unexpected argument "extra"`},
		{"an unknown flag", []string{"--schema", schemaFile, "--no-such-flag", out}, "flag provided but not defined"},
		{"a missing schema", []string{"--schema", filepath.Join(out, "missing.graphql"), "--collection-out", out}, "missing.graphql"},
		{"a depth of zero", []string{"--schema", schemaFile, "--collection-out", out, "--depth", "0"}, "--depth: want 1 or more"},
		{"a bad name", []string{"--schema", schemaFile, "--collection-out", out, "--name", "a/b"}, "becomes a file name"},
		{"a secret in the endpoint", []string{"--schema", schemaFile, "--collection-out", out, "--endpoint", "https://x:" + secret + "@example.com/"}, "may hold a secret"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runWatch(t, append([]string{"generate"}, tc.args...)...)
			if code != cli.ExitUsage || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, stderr %q; want exit %d saying %q", code, stderr, cli.ExitUsage, tc.want)
			}
			if stdout != "" || strings.Contains(stderr, secret) {
				t.Errorf("stdout %q, stderr %q: want nothing written and no secret", stdout, stderr)
			}
		})
	}
	if entries, _ := os.ReadDir(out); len(entries) > 0 {
		t.Errorf("a failed run wrote %d files", len(entries))
	}
}

func TestGenerateWritesCollections(t *testing.T) {
	out := t.TempDir()
	// Another API's collection in the same directory stays as it is.
	other := filepath.Join(out, "other.postman_collection.json")
	if err := os.WriteFile(other, []byte("{}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runWatch(t, "generate", "--schema", demoSDL(t), "--collection-out", out,
		"--name", "demo", "--endpoint", "http://127.0.0.1:4000/graphql/v2", "--depth", "2")
	if code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want, err := collection.Generate(demo.Schema(demo.V2), collection.Config{Name: "demo", Endpoint: "http://127.0.0.1:4000/graphql/v2", Depth: 2})
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for name, data := range want {
		path := filepath.Join(out, name)
		paths = append(paths, path)
		if got, err := os.ReadFile(path); err != nil || !bytes.Equal(got, data) {
			t.Errorf("%s: not what collection.Generate gives (%v)", path, err)
		}
	}
	for _, p := range paths {
		if !strings.Contains(stdout, p+"\n") {
			t.Errorf("stdout %q does not list %s", stdout, p)
		}
	}
	if data, _ := os.ReadFile(other); string(data) != "{}\n" {
		t.Errorf("%s was changed", other)
	}
}

// From a snapshot directory, the collections take the snapshot's endpoint
// and fetch time; --endpoint overrides the endpoint.
func TestGenerateFromSnapshot(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "snapshot")
	meta := snapshot.Meta{Endpoint: "https://api.example.com/graphql", FetchedAt: "2026-08-08T12:30:00Z"}
	if err := snapshot.Write(dir, demo.Schema(demo.V2), meta); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name     string
		args     []string
		endpoint string
	}{
		{"the snapshot's endpoint", nil, meta.Endpoint},
		{"--endpoint", []string{"--endpoint", "https://proxy.example.com/graphql"}, "https://proxy.example.com/graphql"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := t.TempDir()
			code, _, stderr := runWatch(t, append([]string{"generate", "--schema", dir, "--collection-out", out}, tc.args...)...)
			if code != cli.ExitOK {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			postman, _ := collection.FileNames(collection.DefaultName)
			data, err := os.ReadFile(filepath.Join(out, postman))
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range []string{`"value": "` + tc.endpoint + `"`, "as fetched at " + meta.FetchedAt} {
				if !strings.Contains(string(data), want) {
					t.Errorf("%s does not hold %s", postman, want)
				}
			}
		})
	}
}
