package schema_test

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/wundergraph/graphql-go-tools/v2/pkg/astprinter"
	"github.com/wundergraph/graphql-go-tools/v2/pkg/introspection"

	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/testcorpus"
)

// TestJSONReaderAgreesWithGraphQLGoTools checks our introspection reader
// against an independent one: graphql-go-tools converts the introspection
// result to an SDL document, and that SDL must load to the model we read
// from the JSON ourselves. graphql-go-tools loses two things about
// descriptions, which are normalised away here and are why it is not our
// loader: an empty description becomes none, and leading or trailing line
// breaks vanish in the block strings it prints.
func TestJSONReaderAgreesWithGraphQLGoTools(t *testing.T) {
	versions := testcorpus.Railway(t)
	for i, v := range versions {
		// Every fifth JSON version and the newest: the corpus changes slowly.
		if v.Format != "json" || (i%5 != 0 && i != len(versions)-1) {
			continue
		}
		t.Run(v.File, func(t *testing.T) {
			t.Parallel()
			ours, err := schema.LoadFile(v.Path)
			if err != nil {
				t.Fatal(err)
			}
			theirs, err := schema.ParseSDL("graphql-go-tools.graphql", goToolsSDL(t, v.Path))
			if err != nil {
				t.Fatalf("graphql-go-tools' SDL does not load: %v", err)
			}
			theirs.Capabilities = ours.Capabilities
			normaliseDescriptions(ours)
			normaliseDescriptions(theirs)
			if diff := cmp.Diff(ours, theirs); diff != "" {
				t.Errorf("our reader and graphql-go-tools disagree:\n%s", diff)
			}
		})
	}
}

func goToolsSDL(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	plain := gunzip(t, data)
	var wrapped struct {
		Data json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(plain, &wrapped); err != nil {
		t.Fatal(err)
	}
	var conv introspection.JsonConverter
	doc, err := conv.GraphQLDocument(bytes.NewReader(wrapped.Data))
	if err != nil {
		t.Fatalf("graphql-go-tools: %v", err)
	}
	sdl, err := astprinter.PrintStringIndent(doc, "  ")
	if err != nil {
		t.Fatalf("graphql-go-tools: %v", err)
	}
	return sdl
}

func normaliseDescriptions(s *schema.Schema) {
	clear := func(d **string) {
		if *d == nil {
			return
		}
		if trimmed := strings.Trim(**d, "\n"); trimmed != "" {
			*d = &trimmed
		} else {
			*d = nil
		}
	}
	for _, t := range s.Types {
		clear(&t.Description)
		for _, f := range t.Fields {
			clear(&f.Description)
			for _, a := range f.Args {
				clear(&a.Description)
			}
		}
		for _, f := range t.InputFields {
			clear(&f.Description)
		}
		for _, v := range t.EnumValues {
			clear(&v.Description)
		}
	}
}
