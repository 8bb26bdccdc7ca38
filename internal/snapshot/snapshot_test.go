package snapshot_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/schemawatch/schemawatch/internal/demo"
	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/snapshot"
)

func TestWriteRead(t *testing.T) {
	s := demo.Schema(demo.V2).WithCapabilities(demo.DefaultIntrospection)
	dir := filepath.Join(t.TempDir(), "snapshots", "demo")
	meta := snapshot.Meta{Endpoint: "http://127.0.0.1:1/graphql/v2", FetchedAt: "2026-11-26T12:00:00Z", Asked: &demo.DefaultIntrospection}
	if err := snapshot.Write(dir, s, meta); err != nil {
		t.Fatal(err)
	}
	got, gotMeta, err := snapshot.Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(s, got); diff != "" {
		t.Errorf("read back a different schema:\n%s", diff)
	}
	if gotMeta.Endpoint != meta.Endpoint || gotMeta.FetchedAt != meta.FetchedAt || gotMeta.Capabilities != s.Capabilities ||
		gotMeta.Types != len(s.Types) || gotMeta.Generator != "schemawatch" || len(gotMeta.SHA256) != 64 {
		t.Errorf("meta = %+v", gotMeta)
	}
	// Same schema, same bytes.
	first := readAll(t, dir)
	if err := snapshot.Write(dir, s, meta); err != nil {
		t.Fatal(err)
	}
	if second := readAll(t, dir); !cmp.Equal(first, second) {
		t.Error("writing the same snapshot twice gave different files")
	}
	if len(first) != 3 {
		t.Errorf("files %v, want schema.graphql, schema.json, meta.json", keys(first))
	}
}

func readAll(t *testing.T, dir string) map[string]string {
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

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestRenderMeta(t *testing.T) {
	s := demo.Schema(demo.V1)
	files := snapshot.Render(s, snapshot.Meta{Source: "v1.graphql"})
	var meta map[string]any
	if err := json.Unmarshal(files[snapshot.MetaFile], &meta); err != nil {
		t.Fatal(err)
	}
	if _, ok := meta["fetchedAt"]; ok {
		t.Error("a snapshot converted from a file has no fetch time (so that converting twice gives the same bytes)")
	}
	if !bytes.Equal(files[snapshot.SDLFile], []byte(s.PrintSDL())) || !bytes.Equal(files[snapshot.JSONFile], s.MarshalIntrospection()) {
		t.Error("the snapshot files are not the canonical SDL and JSON")
	}
}

// TestReadSDLOnly: a directory with only schema.graphql and meta.json (a
// hand-made one) reads with the capabilities meta.json records.
func TestReadSDLOnly(t *testing.T) {
	dir := t.TempDir()
	full := demo.Schema(demo.V1)
	files := snapshot.Render(full.WithCapabilities(schema.Capabilities{Descriptions: true}), snapshot.Meta{})
	for _, name := range []string{snapshot.SDLFile, snapshot.MetaFile} {
		if err := os.WriteFile(filepath.Join(dir, name), files[name], 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, _, err := snapshot.Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got.Capabilities != (schema.Capabilities{Descriptions: true}) {
		t.Errorf("capabilities %v, want those of meta.json", got.Capabilities.Names())
	}
	if got.Type("ServiceSourceInput").IsOneOf {
		t.Error("isOneOf was not carried, so it must read as unknown (false)")
	}
}

func TestReadErrors(t *testing.T) {
	dir := t.TempDir()
	if err := snapshot.Write(dir, demo.Schema(demo.V1), snapshot.Meta{}); err != nil {
		t.Fatal(err)
	}
	js := filepath.Join(dir, snapshot.JSONFile)
	data, _ := os.ReadFile(js)
	if err := os.WriteFile(js, bytes.Replace(data, []byte(`"Project"`), []byte(`"Projekt"`), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := snapshot.Read(dir); err == nil || !strings.Contains(err.Error(), "edited by hand") {
		t.Errorf("a hand-edited schema.json: err = %v", err)
	}
	empty := t.TempDir()
	if _, _, err := snapshot.Read(empty); err == nil || !strings.Contains(err.Error(), "not a snapshot directory: it has neither") {
		t.Errorf("an empty directory: err = %v", err)
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	s := demo.Schema(demo.V2)
	if err := snapshot.Write(filepath.Join(dir, "snap"), s, snapshot.Meta{}); err != nil {
		t.Fatal(err)
	}
	sdl := filepath.Join(dir, "v2.graphql")
	if err := os.WriteFile(sdl, []byte(demo.SDL(demo.V2)), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{filepath.Join(dir, "snap"), filepath.Join(dir, "snap", snapshot.JSONFile), sdl} {
		got, err := snapshot.Load(path)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if !snapshot.Equal(got, s) {
			t.Errorf("%s: a different schema", path)
		}
	}
	if _, err := snapshot.Load(filepath.Join(dir, "missing")); err == nil {
		t.Error("a missing path loaded")
	}
}
