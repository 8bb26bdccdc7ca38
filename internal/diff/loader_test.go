package diff_test

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/internal/diff"
	"github.com/schemawatch/schemawatch/internal/introspect"
	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/testcorpus"
)

// TestSDLAndConvertedJSONAgree is the loader test of spec §10: an SDL
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
				t.Errorf("the models differ:\n%s", firstDifference(string(a), string(b)))
			}
		})
	}
}

// firstDifference shows the first lines where two texts differ.
func firstDifference(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			lo := max(i-3, 0)
			return "SDL:\n" + strings.Join(al[lo:min(i+3, len(al))], "\n") + "\nJSON:\n" + strings.Join(bl[lo:min(i+3, len(bl))], "\n")
		}
	}
	return "one is a prefix of the other"
}
