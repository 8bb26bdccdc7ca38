package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/internal/cli"
	"github.com/schemawatch/schemawatch/internal/collection"
	"github.com/schemawatch/schemawatch/internal/demo"
	"github.com/schemawatch/schemawatch/internal/snapshot"
)

// demoSchemaFile writes the demo schema to a file and returns its path.
func demoSchemaFile(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "schema.graphql")
	if err := os.WriteFile(path, []byte(demo.SDL(demo.V2)), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestGenerateUsageErrors(t *testing.T) {
	schemaFile := demoSchemaFile(t)
	out := filepath.Join(t.TempDir(), "api")
	invalidOps := t.TempDir()
	if err := os.WriteFile(filepath.Join(invalidOps, "Broken.graphql"), []byte("query Broken { nope { id } }"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{"no schema", []string{"--go-out", out, "--go-package", "api"}, "no schema: give --schema FILE|DIR"},
		{"no output", []string{"--schema", schemaFile}, "nothing to generate: give an output"},
		{"no package", []string{"--schema", schemaFile, "--go-out", out}, "--go-out needs --go-package NAME"},
		{"package without output", []string{"--schema", schemaFile, "--go-package", "api"}, "--go-package, --bind, --spelling and --operations go with --go-out DIR"},
		{"operations without output", []string{"--schema", schemaFile, "--operations", t.TempDir()}, "--go-package, --bind, --spelling and --operations go with --go-out DIR"},
		{"no operations", []string{"--schema", schemaFile, "--go-out", out, "--go-package", "api", "--operations", t.TempDir()}, "--operations: "},
		{"invalid operation", []string{"--schema", schemaFile, "--go-out", out, "--go-package", "api", "--operations", invalidOps},
			`Broken.graphql:1:16: operation Broken does not validate against the schema: Cannot query field "nope" on type "Query".`},
		{"a bad spelling", []string{"--schema", schemaFile, "--go-out", t.TempDir(), "--go-package", "api", "--spelling", "play station"}, "want a word of ASCII letters"},
		{"bad binding", []string{"--schema", schemaFile, "--go-out", out, "--go-package", "api", "--bind", "DateTime"}, "is not Scalar=importpath.Type"},
		{"binding twice", []string{"--schema", schemaFile, "--go-out", out, "--go-package", "api", "--bind", "DateTime=time.Time", "--bind", "DateTime=string"}, "DateTime is bound twice"},
		{"argument", []string{"--schema", schemaFile, "--go-out", out, "--go-package", "api", "extra"}, `unexpected argument "extra"`},
		{"missing schema", []string{"--schema", filepath.Join(t.TempDir(), "none.graphql"), "--go-out", out, "--go-package", "api"}, "read the schema"},
		{"bad package name", []string{"--schema", schemaFile, "--go-out", out, "--go-package", "func"}, `package name "func" is not a Go identifier`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runWatch(t, append([]string{"generate"}, tt.args...)...)
			if code != cli.ExitUsage || !strings.Contains(stderr, tt.wantErr) || !strings.HasPrefix(stderr, "watch generate: ") {
				t.Errorf("exit %d, stderr %q; want %d and an error containing %q", code, stderr, cli.ExitUsage, tt.wantErr)
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("%s was written", out)
			}
		})
	}
}

func TestGenerateHelpExplainsEveryFlag(t *testing.T) {
	code, stdout, _ := runWatch(t, "generate", "--help")
	if code != cli.ExitOK {
		t.Fatalf("exit %d", code)
	}
	for _, flag := range []string{"--schema", "--go-out", "--go-package", "--bind", "--operations"} {
		if !strings.Contains(stdout, "  "+flag+" ") {
			t.Errorf("--help does not explain %s:\n%s", flag, stdout)
		}
	}
}

func TestGenerateWritesTheGoPackage(t *testing.T) {
	schemaFile := demoSchemaFile(t)
	out := filepath.Join(t.TempDir(), "api")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(out, "stale.go")
	if err := os.WriteFile(stale, []byte("package api\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	code, _, stderr := runWatch(t, "generate", "--schema", schemaFile, "--go-out", out, "--go-package", "api",
		"--bind", "EnvironmentVariables=encoding/json.RawMessage", "--bind", "Gone=string")
	if code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	want := []string{"abstract.go", "doc.go", "enums.go", "inputs.go", "interfaces.go", "objects.go", "oneof.go", "optional.go", "scalars.go", "unions.go"}
	if !slices.Equal(names, want) {
		t.Errorf("wrote %v, want %v (and the stale file removed)", names, want)
	}
	if !strings.Contains(stderr, "wrote the Go package") || !strings.Contains(stderr, "scalar=Gone") {
		t.Errorf("stderr %q: want the package reported and the unused binding warned about", stderr)
	}

	// A failed run leaves the package as it was.
	before, _ := os.ReadFile(filepath.Join(out, "objects.go"))
	code, _, _ = runWatch(t, "generate", "--schema", schemaFile, "--go-out", out, "--go-package", "api", "--bind", "Project=time.Time")
	after, _ := os.ReadFile(filepath.Join(out, "objects.go"))
	if code != cli.ExitUsage || !bytes.Equal(before, after) || len(after) == 0 {
		t.Errorf("a failed run: exit %d, and the package changed: %v", code, !bytes.Equal(before, after))
	}
}

func TestGenerateHelpExplainsCollectionFlags(t *testing.T) {
	code, stdout, _ := runWatch(t, "generate", "--help")
	if code != cli.ExitOK {
		t.Fatalf("exit %d, want %d", code, cli.ExitOK)
	}
	for _, flag := range []string{"--schema", "--name", "--collection-out", "--endpoint", "--depth", "--auth", "--header"} {
		if !strings.Contains(stdout, "  "+flag+" ") {
			t.Errorf("--help does not explain %s:\n%s", flag, stdout)
		}
	}
}

func TestGenerateCollectionUsageErrors(t *testing.T) {
	const secret = "s3cr3t"
	schemaFile := demoSchemaFile(t)
	out := t.TempDir()
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"no schema", []string{"--collection-out", out}, "no schema: give --schema FILE|DIR"},
		{"no output", []string{"--schema", schemaFile}, "nothing to generate"},
		{"a stray argument", []string{"--schema", schemaFile, "--collection-out", out, "extra"}, `unexpected argument "extra"`},
		{"an unknown flag", []string{"--schema", schemaFile, "--no-such-flag", out}, "unknown flag --no-such-flag"},
		{"a missing schema", []string{"--schema", filepath.Join(out, "missing.graphql"), "--collection-out", out}, "missing.graphql"},
		{"a negative depth", []string{"--schema", schemaFile, "--collection-out", out, "--depth", "-1"}, "--depth: want 0"},
		{"a schema file and no endpoint", []string{"--schema", schemaFile, "--collection-out", out}, "give --endpoint URL"},
		{"an unknown auth", []string{"--schema", schemaFile, "--collection-out", out, "--auth", "basic"}, "want bearer, header:NAME, none or railway"},
		{"a credentials header", []string{"--schema", schemaFile, "--collection-out", out, "--endpoint", "https://example.com/", "--header", "Authorization=Bearer " + secret}, "carries credentials"},
		{"a bad name", []string{"--schema", schemaFile, "--collection-out", out, "--name", "a/b", "--endpoint", "https://example.com/"}, "becomes a file name"},
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
	code, stdout, stderr := runWatch(t, "generate", "--schema", demoSchemaFile(t), "--collection-out", out,
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
			// Named after the snapshot directory, not after Railway.
			postman, _ := collection.FileNames("snapshot")
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

// TestGenerateWritesTheOperationClient generates the demo client's typed
// functions against the demo schema's first version, which all its
// operations validate against.
func TestGenerateWritesTheOperationClient(t *testing.T) {
	schemaFile := filepath.Join(t.TempDir(), "schema.graphql")
	if err := os.WriteFile(schemaFile, []byte(demo.SDL(demo.V1)), 0o644); err != nil {
		t.Fatal(err)
	}
	opsDir := t.TempDir()
	for name, data := range demo.Operations() {
		if err := os.WriteFile(filepath.Join(opsDir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "api")
	code, _, stderr := runWatch(t, "generate", "--schema", schemaFile, "--go-out", out, "--go-package", "api", "--operations", opsDir)
	if code != cli.ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, file := range []string{"client.go", "op_projectoverview.go", "op_createservice.go"} {
		if _, err := os.Stat(filepath.Join(out, file)); err != nil {
			t.Errorf("no %s: %v", file, err)
		}
	}
	if !strings.Contains(stderr, "operations=5") {
		t.Errorf("stderr %q: want the operations counted", stderr)
	}
}
