package collection

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/internal/demo"
	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/testcorpus"
)

// Regenerating must give byte-identical files for the same schema, and a
// small diff for a changed one: ids that stay, and changes only in the
// requests that the schema change touches.

func TestGenerateIsDeterministic(t *testing.T) {
	// A generation that fails returns no files, and comparing no files
	// with no files would pass: every call must succeed and produce some.
	generate := func(s *schema.Schema, cfg Config) map[string][]byte {
		t.Helper()
		files, err := Generate(s, cfg)
		if err != nil {
			t.Fatalf("Generate: %v", err)
		}
		if len(files) == 0 {
			t.Fatal("Generate returned no files")
		}
		return files
	}
	newest := testcorpus.Newest(t)
	first := generate(loadSchema(t, newest.Path), Config{FetchedAt: fetchedAt})
	second := generate(loadSchema(t, newest.Path), Config{FetchedAt: fetchedAt})
	for name := range first {
		if !bytes.Equal(first[name], second[name]) {
			t.Errorf("%s differs between two runs on the same schema", name)
		}
	}

	// The same schema from SDL and from introspection JSON: the model is
	// the same, so are the files.
	fromSDL := demo.Schema(demo.V2)
	fromJSON, err := schema.ParseIntrospection(fromSDL.MarshalIntrospection())
	if err != nil {
		t.Fatal(err)
	}
	a := generate(fromSDL, demoConfig)
	b := generate(fromJSON, demoConfig)
	for name := range a {
		if !bytes.Equal(a[name], b[name]) {
			t.Errorf("%s differs between the SDL and the introspection JSON of one schema", name)
		}
	}
}

func TestIDsAreStable(t *testing.T) {
	ids := func(s *schema.Schema, cfg Config) map[string]string {
		postman, insomnia := generate(t, s, cfg)
		out := map[string]string{}
		for _, r := range postmanRequests(t, postman) {
			out["postman "+r.query[:strings.IndexByte(r.query, '{')]] = r.id
		}
		for _, r := range insomniaRequests(t, insomnia) {
			out["insomnia "+r.query[:strings.IndexByte(r.query, '{')]] = r.id
		}
		return out
	}
	v1, v2 := ids(demo.Schema(demo.V1), demoConfig), ids(demo.Schema(demo.V2), demoConfig)
	kept := 0
	for op, id := range v1 {
		// An operation whose header (name and variables) is the same in both
		// versions is the same request.
		if id2, ok := v2[op]; ok {
			kept++
			if id2 != id {
				t.Errorf("%s: id %s in v1, %s in v2", op, id, id2)
			}
		}
	}
	if kept < 10 {
		t.Fatalf("only %d requests are in both demo versions; the test compares too little", kept)
	}

	// Two APIs never share an id, even with the same schema.
	other := demoConfig
	other.Name = "demo-staging"
	shared := map[string]bool{}
	for _, id := range v2 {
		shared[id] = true
	}
	for op, id := range ids(demo.Schema(demo.V2), other) {
		if shared[id] {
			t.Errorf("%s: id %s is the same for two APIs", op, id)
		}
	}
}

// TestSchemaChangeTouchesOnlyItsRequests edits one thing in the demo schema
// and compares the files item by item: the requests that change must be
// exactly the ones the edit touches.
func TestSchemaChangeTouchesOnlyItsRequests(t *testing.T) {
	for _, tc := range []struct {
		name     string
		old, new string
		// touches reports whether the edit touches a request, judged from
		// the request before the edit.
		touches func(r fileRequest) bool
	}{
		{
			name:    "a nested field deprecated",
			old:     "  sizeMB: Int!\n",
			new:     "  sizeMB: Int! @deprecated(reason: \"Use size.\")\n",
			touches: func(r fileRequest) bool { return strings.Contains(r.query, "sizeMB") },
		},
		{
			name: "a field added to a type",
			old:  "  isEphemeral: Boolean!\n",
			new:  "  isEphemeral: Boolean!\n  region: String\n",
			// isEphemeral is a field of Environment only.
			touches: func(r fileRequest) bool { return strings.Contains(r.query, "isEphemeral") },
		},
		{
			name:    "a required argument added to a root field",
			old:     "buckets(projectId: String!)",
			new:     "buckets(projectId: String!, region: String!)",
			touches: func(r fileRequest) bool { return strings.HasPrefix(r.query, "query Buckets(") },
		},
		{
			name:    "a root field's description changed",
			old:     `"""One volume instance."""`,
			new:     `"""One volume instance, in one environment."""`,
			touches: func(r fileRequest) bool { return strings.HasPrefix(r.query, "query VolumeInstance(") },
		},
		{
			name:    "an input object's required field added",
			old:     "input BucketCreateInput {\n",
			new:     "input BucketCreateInput {\n  storageClass: String!\n",
			touches: func(r fileRequest) bool { return strings.HasPrefix(r.query, "mutation BucketCreate(") },
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before, after := demo.Schema(demo.V2), editedDemo(t, tc.old, tc.new)
			postmanBefore, insomniaBefore := generate(t, before, demoConfig)
			postmanAfter, insomniaAfter := generate(t, after, demoConfig)
			for _, file := range []struct {
				name          string
				before, after []fileRequest
			}{
				{"postman", postmanRequests(t, postmanBefore), postmanRequests(t, postmanAfter)},
				{"insomnia", insomniaRequests(t, insomniaBefore), insomniaRequests(t, insomniaAfter)},
			} {
				var want []string
				for _, r := range file.before {
					if tc.touches(r) {
						want = append(want, r.name)
					}
				}
				if len(want) == 0 {
					t.Fatalf("%s: the edit touches no request; the test proves nothing", file.name)
				}
				if got := changedRequests(file.before, file.after); !slices.Equal(got, want) {
					t.Errorf("%s: the edit changed %q, want exactly %q", file.name, got, want)
				}
			}
			if !bytes.Equal(folderParts(t, postmanBefore), folderParts(t, postmanAfter)) {
				t.Error("postman: the collection or a folder changed, not only requests")
			}
		})
	}
}

// TestRootFieldAddedAddsOneRequest: a new root field adds its request and
// changes no other in Postman. In Insomnia, the requests after it in its
// folder move down one place (metaSortKey, see insomnia.go) and change in
// nothing else.
func TestRootFieldAddedAddsOneRequest(t *testing.T) {
	before := demo.Schema(demo.V2)
	after := editedDemo(t, "  \"\"\"One volume instance.\"\"\"\n", "  \"\"\"A volume's backups.\"\"\"\n  volumeBackups(volumeId: String!): [String!]!\n  \"\"\"One volume instance.\"\"\"\n")
	postmanBefore, insomniaBefore := generate(t, before, demoConfig)
	postmanAfter, insomniaAfter := generate(t, after, demoConfig)

	pb, pa := postmanRequests(t, postmanBefore), postmanRequests(t, postmanAfter)
	if got := changedRequests(pb, pa); !slices.Equal(got, []string{"Volume backups"}) {
		t.Errorf("postman: changed %q, want only the new request Volume backups", got)
	}

	ib, ia := insomniaRequests(t, insomniaBefore), insomniaRequests(t, insomniaAfter)
	old := byID(ib)
	var added fileRequest
	for _, r := range ia {
		if _, ok := old[r.id]; !ok {
			added = r
		}
	}
	if added.name != "Volume backups" {
		t.Fatalf("insomnia: added %q, want Volume backups", added.name)
	}
	moved := 0
	for _, r := range ia {
		prev, ok := old[r.id]
		if !ok || bytes.Equal(prev.raw, r.raw) {
			continue
		}
		moved++
		if r.folder != added.folder || !bytes.Equal(withoutSortKey(t, prev.raw), withoutSortKey(t, r.raw)) {
			t.Errorf("insomnia: %s changed in more than its place in the folder", r.name)
		}
	}
	if moved == 0 {
		t.Error("insomnia: no request moved down; the new one should sort before the others in its folder")
	}
}

// editedDemo is the demo schema V2 with old replaced by new; old must occur
// exactly once.
func editedDemo(t *testing.T, old, new string) *schema.Schema {
	t.Helper()
	sdl := demo.SDL(demo.V2)
	if n := strings.Count(sdl, old); n != 1 {
		t.Fatalf("%q occurs %d times in the demo schema, want once", old, n)
	}
	s, err := schema.ParseSDL("edited.graphql", strings.Replace(sdl, old, new, 1))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// changedRequests names the requests added, removed or changed, in the
// order of the files.
func changedRequests(before, after []fileRequest) []string {
	old, current := byID(before), byID(after)
	var changed []string
	for _, r := range after {
		if prev, ok := old[r.id]; !ok || !bytes.Equal(prev.raw, r.raw) {
			changed = append(changed, r.name)
		}
	}
	for _, r := range before {
		if _, ok := current[r.id]; !ok {
			changed = append(changed, r.name)
		}
	}
	return changed
}

func byID(reqs []fileRequest) map[string]fileRequest {
	m := map[string]fileRequest{}
	for _, r := range reqs {
		m[r.id] = r
	}
	return m
}

func withoutSortKey(t *testing.T, raw json.RawMessage) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	delete(m, "metaSortKey")
	out, _ := json.Marshal(m)
	return out
}

// folderParts is the Postman collection without its requests: what must
// not change when only requests do.
func folderParts(t *testing.T, postman []byte) []byte {
	t.Helper()
	var c map[string]any
	if err := json.Unmarshal(postman, &c); err != nil {
		t.Fatal(err)
	}
	for _, f := range c["item"].([]any) {
		delete(f.(map[string]any), "item")
	}
	out, _ := json.Marshal(c)
	return out
}
