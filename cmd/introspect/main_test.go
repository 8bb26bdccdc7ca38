package main

import (
	"bytes"
	"context"
	"flag"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/schemawatch/schemawatch/internal/demo"
	"github.com/schemawatch/schemawatch/internal/demo/demotest"
	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/snapshot"
	"github.com/schemawatch/schemawatch/internal/testcorpus"
)

const token = "tok-9f8e7d6c5b4a-never-print-me"

type result struct {
	code           int
	stdout, stderr string
}

func runCmd(t *testing.T, env map[string]string, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, func(k string) string { return env[k] }, &stdout, &stderr)
	r := result{code, stdout.String(), stderr.String()}
	if strings.Contains(r.stdout+r.stderr, token) {
		t.Errorf("the token was printed:\nstdout: %s\nstderr: %s", r.stdout, r.stderr)
	}
	return r
}

// demoEndpoint serves the demo API's second version behind a bearer and a
// project token.
func demoEndpoint(t *testing.T) string {
	t.Helper()
	srv, err := demotest.NewServer(demo.Schema(demo.V2), demotest.Options{BearerToken: token, ProjectToken: "project-" + token})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return ts.URL + demo.Path
}

func TestFromFile(t *testing.T) {
	newest := testcorpus.Newest(t)
	want, err := schema.LoadFile(newest.Path)
	if err != nil {
		t.Fatal(err)
	}
	r := runCmd(t, nil, "--from", newest.Path)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	got, err := schema.ParseSDL("stdout.graphql", r.stdout)
	if err != nil {
		t.Fatal(err)
	}
	got.Capabilities = want.Capabilities
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("the printed SDL does not parse back to the same schema:\n%s", diff)
	}
	if again := runCmd(t, nil, "--from", newest.Path); again.stdout != r.stdout {
		t.Error("two runs printed different SDL")
	}

	out := filepath.Join(t.TempDir(), "schema.json")
	if r := runCmd(t, nil, "--from", newest.Path, "--format", "json", "-o", out); r.code != 0 || r.stdout != "" {
		t.Fatalf("exit %d, stdout %q: %s", r.code, r.stdout, r.stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, want.MarshalIntrospection()) {
		t.Error("-o with --format json is not the canonical introspection result")
	}
}

// TestFromFileSnapshotNamesTheFileNotItsPath: a snapshot converted from a
// file records the file's base name, never a local absolute path.
func TestFromFileSnapshotNamesTheFileNotItsPath(t *testing.T) {
	from := writeFile(t, "v1.graphql", "type Query { a: String }\n")
	dir := filepath.Join(t.TempDir(), "snap")
	if r := runCmd(t, nil, "--from", from, "--snapshot", dir); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	_, meta, err := snapshot.Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	if meta.Source != "v1.graphql" {
		t.Errorf("source %q, want the base name v1.graphql", meta.Source)
	}
}

func TestIntrospectEndpoint(t *testing.T) {
	url := demoEndpoint(t)
	dir := filepath.Join(t.TempDir(), "snap")
	env := map[string]string{"RAILWAY_API_TOKEN": token}
	r := runCmd(t, env, "--endpoint", url, "--token-kind", "bearer", "--snapshot", dir)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if r.stdout != "" {
		t.Errorf("--snapshot printed to stdout: %q", r.stdout)
	}
	if !strings.Contains(r.stderr, "asking again without it") {
		t.Errorf("the capability fallback was not logged: %s", r.stderr)
	}
	got, meta, err := snapshot.Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !snapshot.Equal(got, demo.Schema(demo.V2).WithCapabilities(demo.DefaultIntrospection)) {
		t.Error("the snapshot is not the served schema")
	}
	if meta.Endpoint != url || meta.FetchedAt == "" || meta.Asked == nil || meta.Asked.InputValueDeprecation {
		t.Errorf("meta = %+v", meta)
	}
	for name, content := range readDir(t, dir) {
		if strings.Contains(content, token) {
			t.Errorf("the token is in %s", name)
		}
	}

	// A project token through --token, and the SDL to stdout.
	r = runCmd(t, nil, "--endpoint", url, "--token", "project-"+token, "--token-kind", "project")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "schema {") {
		t.Errorf("exit %d, stdout %.40q: %s", r.code, r.stdout, r.stderr)
	}
	if strings.Contains(r.stdout+r.stderr, "project-"+token) {
		t.Error("the project token was printed")
	}
}

func TestAuthFailure(t *testing.T) {
	url := demoEndpoint(t)
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want []string
	}{
		{"no token", nil, []string{"--endpoint", url, "--token-kind", "bearer"},
			[]string{"no token was sent: set RAILWAY_API_TOKEN (its token goes in the Authorization header)"}},
		{"wrong bearer token", map[string]string{"RAILWAY_API_TOKEN": token + "-wrong"}, []string{"--endpoint", url, "--token-kind", "bearer"},
			[]string{"HTTP 401", "Authorization header (from RAILWAY_API_TOKEN)", "check RAILWAY_API_TOKEN"}},
		{"wrong project token", map[string]string{"RAILWAY_TOKEN": token}, []string{"--endpoint", url, "--token-kind", "project"},
			[]string{"HTTP 401", "Project-Access-Token header (from RAILWAY_TOKEN)", "check RAILWAY_TOKEN"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCmd(t, tt.env, tt.args...)
			if r.code != 3 {
				t.Errorf("exit %d, want 3", r.code)
			}
			for _, w := range tt.want {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr does not say %q:\n%s", w, r.stderr)
				}
			}
			if strings.Contains(r.stderr, token) {
				t.Error("the token was printed")
			}
		})
	}
}

// TestFailureKeepsSnapshot: a run that fails leaves the last good snapshot
// byte for byte.
func TestFailureKeepsSnapshot(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "snap")
	if err := snapshot.Write(dir, demo.Schema(demo.V1), snapshot.Meta{Source: "v1"}); err != nil {
		t.Fatal(err)
	}
	before := readDir(t, dir)
	failures := map[string]http.HandlerFunc{
		"HTML page": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			io.WriteString(w, "<html><title>502 Bad Gateway</title></html>")
		},
		"truncated JSON": func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, `{"data": {"__schema": {"types": [`)
		},
		"errors and no data": func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, `{"errors": [{"message": "introspection is disabled"}]}`)
		},
		"undefined type": func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, `{"data": {"__schema": {"queryType": {"name": "Query"}, "types": [{"kind": "OBJECT", "name": "Query", "fields": [{"name": "a", "args": [], "type": {"kind": "OBJECT", "name": "Ghost"}}]}]}}}`)
		},
	}
	for name, h := range failures {
		t.Run(name, func(t *testing.T) {
			ts := httptest.NewServer(h)
			defer ts.Close()
			r := runCmd(t, nil, "--endpoint", ts.URL, "--snapshot", dir, "--retries", "0")
			if r.code != 3 {
				t.Errorf("exit %d, want 3; stderr: %s", r.code, r.stderr)
			}
			if lines := strings.Count(strings.TrimSpace(r.stderr), "\n"); lines != 0 {
				t.Errorf("the error is not one line:\n%s", r.stderr)
			}
			if after := readDir(t, dir); !cmp.Equal(before, after) {
				t.Error("the previous snapshot changed")
			}
		})
	}
}

func readDir(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = string(data)
	}
	return out
}

func TestWhoAmI(t *testing.T) {
	url := demoEndpoint(t)
	r := runCmd(t, map[string]string{"RAILWAY_API_TOKEN": token}, "--endpoint", url, "--token-kind", "bearer", "--whoami")
	if r.code != 0 || strings.TrimSpace(r.stdout) != "account token of demo-user <demo@example.com>" {
		t.Errorf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	r = runCmd(t, map[string]string{"RAILWAY_TOKEN": "project-" + token}, "--endpoint", url, "--token-kind", "project", "--whoami")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "project token for project ") {
		t.Errorf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}

func TestExtraHeaders(t *testing.T) {
	var got http.Header
	srv, err := demotest.NewServer(demo.Schema(demo.V1), demotest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Clone()
		srv.ServeHTTP(w, r)
	}))
	defer ts.Close()
	r := runCmd(t, nil, "--endpoint", ts.URL+demo.Path, "--header", "X-Api-Key: "+token, "--header", "x-team:  platform ")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if got.Get("X-Api-Key") != token || got.Get("X-Team") != "platform" {
		t.Errorf("headers sent: %v", got)
	}
	if got.Get("Authorization") != "" {
		t.Error("a Railway token went to a non-Railway endpoint")
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--bogus"}, "unknown flag --bogus (see introspect --help)"},
		{[]string{"--format", "xml"}, `--format "xml": want sdl or json`},
		{[]string{"--from", "x.json", "--token", token}, "--from reads a file; --token is for the network"},
		{[]string{"--whoami", "--snapshot", "d"}, "--whoami prints what the token is"},
		{[]string{"--token-kind", "oauth"}, `unknown token kind "oauth"`},
		{[]string{"--header", "no colon"}, "--header wants 'Name: value'"},
		{[]string{"extra"}, `unexpected argument "extra"`},
		{[]string{"--from", "/nonexistent/schema.json"}, "no such file"},
		{[]string{"--from", writeFile(t, "bad.graphql", "type Query {")}, "bad.graphql:1:13: invalid SDL"},
	}
	for _, tt := range tests {
		r := runCmd(t, nil, tt.args...)
		if r.code != 2 || !strings.Contains(r.stderr, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tt.args, r.code, r.stderr, tt.want)
		}
	}
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestHelpExplainsEveryFlag: --help prints usage, exit 0, and usage names
// every flag the command defines.
func TestHelpExplainsEveryFlag(t *testing.T) {
	r := runCmd(t, nil, "--help")
	if r.code != 0 || r.stdout != usage {
		t.Fatalf("exit %d, stdout %q", r.code, r.stdout)
	}
	newFlagSet(&options{}).VisitAll(func(f *flag.Flag) {
		if !strings.Contains(usage, "-"+f.Name+" ") {
			t.Errorf("--help does not explain -%s", f.Name)
		}
	})
}
