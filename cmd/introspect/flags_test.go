package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/schemawatch/schemawatch/internal/demo"
	"github.com/schemawatch/schemawatch/internal/snapshot"
)

// TestFromSnapshotDirectory: --from takes a snapshot directory, as watch
// diff and watch generate do, and prints the same SDL as its schema file.
func TestFromSnapshotDirectory(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "snap")
	if err := snapshot.Write(dir, demo.Schema(demo.V1).WithCapabilities(demo.DefaultIntrospection), snapshot.Meta{Endpoint: "https://api.example.com/graphql"}); err != nil {
		t.Fatal(err)
	}
	fromDir := runCmd(t, nil, "--from", dir)
	if fromDir.code != 0 {
		t.Fatalf("exit %d: %s", fromDir.code, fromDir.stderr)
	}
	fromFile := runCmd(t, nil, "--from", filepath.Join(dir, "schema.graphql"))
	if fromDir.stdout != fromFile.stdout || !strings.Contains(fromDir.stdout, "type Project") {
		t.Errorf("--from DIR printed other SDL than its schema.graphql")
	}
	// A snapshot of a snapshot keeps where the schema came from.
	copyDir := filepath.Join(t.TempDir(), "copy")
	if r := runCmd(t, nil, "--from", dir, "--snapshot", copyDir); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if _, meta, err := snapshot.Read(copyDir); err != nil || meta.Endpoint != "https://api.example.com/graphql" {
		t.Errorf("the copy's metadata: %+v, %v", meta, err)
	}
	// A directory that holds no snapshot says so.
	if r := runCmd(t, nil, "--from", t.TempDir()); r.code != 2 || !strings.Contains(r.stderr, "snapshot") {
		t.Errorf("an empty directory: %+v", r)
	}
}

// TestOutputFlag: --output is the long form of -o; -o naming an existing
// directory is refused before anything is fetched, saying what to do.
func TestOutputFlag(t *testing.T) {
	src := writeFile(t, "schema.graphql", outputSDL)
	out := filepath.Join(t.TempDir(), "out.graphql")
	if r := runCmd(t, nil, "--from", src, "--output", out); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if data, _ := os.ReadFile(out); !strings.Contains(string(data), "ok: Boolean") {
		t.Errorf("--output wrote %q", data)
	}

	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { requests.Add(1) }))
	defer srv.Close()
	dir := t.TempDir()
	for _, args := range [][]string{
		{"--from", src, "-o", dir},
		{"--endpoint", srv.URL, "--token-kind", "bearer", "--output", dir},
	} {
		r := runCmd(t, nil, args...)
		if r.code != 2 || !strings.Contains(r.stderr, "is a directory: name a file in it") || !strings.Contains(r.stderr, "--snapshot") {
			t.Errorf("%v: %+v", args, r)
		}
	}
	if requests.Load() != 0 {
		t.Errorf("%d requests made before refusing the output", requests.Load())
	}
}

// TestEndpointWithoutScheme: an endpoint without a scheme is refused with
// what to add.
func TestEndpointWithoutScheme(t *testing.T) {
	r := runCmd(t, nil, "--endpoint", "backboard.railway.com/graphql/v2")
	if r.code != 2 || !strings.Contains(r.stderr, "add https://") {
		t.Errorf("%+v", r)
	}
}
