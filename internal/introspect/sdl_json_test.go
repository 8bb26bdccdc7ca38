package introspect_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/schemawatch/schemawatch/internal/demo"
	"github.com/schemawatch/schemawatch/internal/golden"
	"github.com/schemawatch/schemawatch/internal/introspect"
	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/testcorpus"
)

// TestSDLAndConvertedJSONAgree is the loader test of
// docs/breaking-changes.md §10: an SDL snapshot and its conversion to an
// introspection result by graphql-js 16.15 (the reference server builds the
// schema from the SDL and answers introspection) load to the same model, so
// the diff engine can see no change between them in either direction.
func TestSDLAndConvertedJSONAgree(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{}
	for _, v := range []demo.Version{demo.V1, demo.V2} {
		path := filepath.Join(dir, "demo-v"+strconv.Itoa(int(v))+".graphql")
		if err := os.WriteFile(path, []byte(demo.SDL(v)), 0o644); err != nil {
			t.Fatal(err)
		}
		files[filepath.Base(path)] = path
	}
	for _, v := range testcorpus.Railway(t) {
		if v.Format == "graphql" {
			files[v.File[:3]] = v.Path
		}
	}
	for name, path := range files {
		t.Run(name, func(t *testing.T) {
			fromSDL, err := schema.LoadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			res, err := (&introspect.Client{Endpoint: testcorpus.GraphQLServer(t, path)}).Introspect(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			fromJSON := res.Schema
			if fromJSON.Capabilities != schema.AllCapabilities {
				t.Fatalf("graphql-js answered with capabilities %v", fromJSON.Capabilities.Names())
			}
			if a, b := fromSDL.MarshalIntrospection(), fromJSON.MarshalIntrospection(); !bytes.Equal(a, b) {
				t.Errorf("the models differ (SDL as file, JSON as produced) at %s", golden.FirstDifference(a, b))
			}
		})
	}
}
