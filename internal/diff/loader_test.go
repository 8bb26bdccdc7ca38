package diff_test

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	"github.com/schemawatch/schemawatch/internal/golden"

	"github.com/schemawatch/schemawatch/internal/diff"
	"github.com/schemawatch/schemawatch/internal/introspect"
	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/testcorpus"
)

// TestSDLAndConvertedJSONAgree is the loader test of docs/breaking-changes.md §10: an SDL
// snapshot and its conversion to an introspection result by graphql-js
// 16.15 (the reference server builds the schema from the SDL and answers
// introspection) load to the same model, so the engine sees no change
// between them in either direction.
func TestSDLAndConvertedJSONAgree(t *testing.T) {
	files := map[string]string{
		"demo-v1": filepath.Join("..", "demo", "schema", "v1.graphql"),
		"demo-v2": filepath.Join("..", "demo", "schema", "v2.graphql"),
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
			for _, c := range append(diff.Changes(fromSDL, fromJSON), diff.Changes(fromJSON, fromSDL)...) {
				t.Errorf("%s %s: %s", c.Type, c.Path, c.Message)
			}
			if a, b := fromSDL.MarshalIntrospection(), fromJSON.MarshalIntrospection(); !bytes.Equal(a, b) {
				t.Errorf("the models differ (SDL as file, JSON as produced) at %s", golden.FirstDifference(a, b))
			}
		})
	}
}
