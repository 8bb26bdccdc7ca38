package collection

import (
	"bytes"
	"cmp"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/schemawatch/schemawatch/internal/demo"
	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/testcorpus"
)

// The files must be what Postman and Insomnia import: the Postman file
// valid against the official JSON Schema of Collection Format v2.1, the
// Insomnia file against the shape of export format v4.

var fetchedAt = time.Date(2026, 8, 8, 12, 30, 0, 0, time.UTC)

// formatCase is a schema the format tests generate from.
type formatCase struct {
	name string
	load func(t *testing.T) (*schema.Schema, Config)
}

var formatCases = []formatCase{
	{"demo", func(t *testing.T) (*schema.Schema, Config) {
		return demo.Schema(demo.V2), demoConfig
	}},
	{"railway", func(t *testing.T) (*schema.Schema, Config) {
		return loadSchema(t, testcorpus.Newest(t).Path), Config{FetchedAt: fetchedAt}
	}},
}

func TestPostmanValidatesAgainstOfficialSchema(t *testing.T) {
	sch := postmanJSONSchema(t)
	for _, tc := range formatCases {
		t.Run(tc.name, func(t *testing.T) {
			s, cfg := tc.load(t)
			postman, _ := generate(t, s, cfg)
			if err := sch.Validate(decodeInstance(t, postman)); err != nil {
				t.Fatalf("the Postman collection does not validate: %v", err)
			}
			checkPostman(t, postman, cfg)
		})
	}
	t.Run("the schema rejects a broken collection", func(t *testing.T) {
		postman, _ := generate(t, demo.Schema(demo.V2), Config{})
		broken := decodeInstance(t, postman).(map[string]any)
		delete(broken["info"].(map[string]any), "name")
		if err := sch.Validate(broken); err == nil {
			t.Fatal("a collection without info.name validates: the JSON Schema is not being applied")
		}
	})
}

// postmanJSONSchema compiles the official schema from its source fragments
// in ../shared, as upstream's compile step does (see SOURCE.md there): the
// fragments go under definitions, by the name in their $id.
func postmanJSONSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	dir := testcorpus.Path(t, "spec", "postman-collection-v2.1.0")
	root := readJSONWithComments(t, filepath.Join(dir, "collection.json")).(map[string]any)
	fragments, err := filepath.Glob(filepath.Join(dir, "collection", "*.json"))
	if err != nil || len(fragments) == 0 {
		t.Fatalf("no schema fragments in %s: %v", dir, err)
	}
	defs := map[string]any{}
	for _, path := range fragments {
		frag := readJSONWithComments(t, path).(map[string]any)
		id, _ := frag["$id"].(string)
		name, ok := strings.CutPrefix(id, "#/definitions/")
		if !ok {
			t.Fatalf("%s: $id %q is not #/definitions/<name>", path, id)
		}
		// A fragment's $id is where upstream's compile step puts it; as an
		// $id inside the compiled document it would be a second base URI.
		delete(frag, "$id")
		delete(frag, "$schema")
		defs[name] = frag
	}
	root["definitions"] = defs
	url, _ := root["$id"].(string)
	c := jsonschema.NewCompiler()
	if err := c.AddResource(url, root); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(url)
	if err != nil {
		t.Fatalf("compile the Postman collection schema: %v", err)
	}
	return sch
}

// readJSONWithComments reads JSON that may have whole-line // comments, as
// two of the upstream fragments do.
func readJSONWithComments(t *testing.T, path string) any {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	data = regexp.MustCompile(`(?m)^\s*//.*$`).ReplaceAll(data, nil)
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return v
}

func decodeInstance(t *testing.T, data []byte) any {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// checkPostman checks what the JSON Schema leaves open: the GraphQL body's
// shape (SOURCE.md, note 3), authentication, variables and descriptions.
func checkPostman(t *testing.T, data []byte, cfg Config) {
	t.Helper()
	var c struct {
		Info struct {
			PostmanID   string `json:"_postman_id"`
			Description string
			Schema      string
		}
		Item []struct {
			ID, Name, Description string
			Item                  []struct {
				ID, Name string
				Request  struct {
					Method      string
					Description string
					Header      []struct {
						Key, Value string
						Disabled   bool
					}
					URL  struct{ Raw string }
					Body struct {
						Mode    string
						GraphQL map[string]string
					}
				}
			}
		}
		Auth struct {
			Type   string
			Bearer []struct{ Key, Value string }
		}
		Variable []struct{ Key, Value string }
	}
	if err := json.Unmarshal(data, &c); err != nil {
		t.Fatal(err)
	}
	if c.Info.Schema != postmanSchema {
		t.Errorf("info.schema = %q, want %q", c.Info.Schema, postmanSchema)
	}
	wantUUID := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	if !wantUUID.MatchString(c.Info.PostmanID) {
		t.Errorf("_postman_id %q is not a name-based UUID", c.Info.PostmanID)
	}
	if want := formatTime(cfg.FetchedAt); !cfg.FetchedAt.IsZero() && !strings.Contains(c.Info.Description, want) {
		t.Errorf("the description does not give the fetch time %s:\n%s", want, c.Info.Description)
	}
	if c.Auth.Type != "bearer" || len(c.Auth.Bearer) != 1 || c.Auth.Bearer[0].Key != "token" || c.Auth.Bearer[0].Value != "{{token}}" {
		t.Errorf("auth = %+v, want a bearer token {{token}}", c.Auth)
	}
	vars := map[string]string{}
	for _, v := range c.Variable {
		vars[v.Key] = v.Value
	}
	wantEndpoint := cmp.Or(cfg.Endpoint, DefaultEndpoint)
	if want := map[string]string{"baseUrl": wantEndpoint, "token": "", "projectToken": ""}; !maps.Equal(vars, want) {
		t.Errorf("variables = %v, want %v (no secret ever)", vars, want)
	}
	ids := map[string]bool{}
	checkID := func(what, id string) {
		t.Helper()
		if !wantUUID.MatchString(id) || ids[id] {
			t.Errorf("%s: id %q is not a name-based UUID, or not unique", what, id)
		}
		ids[id] = true
	}
	checkID("the collection", c.Info.PostmanID)
	for _, f := range c.Item {
		checkID("folder "+f.Name, f.ID)
		if f.Description == "" {
			t.Errorf("folder %s has no description", f.Name)
		}
		for _, item := range f.Item {
			checkID("request "+item.Name, item.ID)
			r := item.Request
			if r.Method != "POST" || r.URL.Raw != "{{baseUrl}}" || r.Description == "" {
				t.Errorf("%s: method %q, url %q, description %q; want POST to {{baseUrl}}, described", item.Name, r.Method, r.URL.Raw, r.Description)
			}
			if len(r.Header) != 1 || r.Header[0].Key != "Project-Access-Token" || r.Header[0].Value != "{{projectToken}}" || !r.Header[0].Disabled {
				t.Errorf("%s: headers %+v, want only Project-Access-Token: {{projectToken}}, disabled", item.Name, r.Header)
			}
			if r.Body.Mode != "graphql" || r.Body.GraphQL["query"] == "" || len(r.Body.GraphQL) != 2 {
				t.Errorf("%s: body %+v, want mode graphql with a query and variables", item.Name, r.Body)
			}
		}
	}
}

func TestInsomniaHasTheExportShape(t *testing.T) {
	sch := compileSchemaFile(t, "testdata/insomnia-v4.schema.json")
	for _, tc := range formatCases {
		t.Run(tc.name, func(t *testing.T) {
			s, cfg := tc.load(t)
			_, insomnia := generate(t, s, cfg)
			if err := sch.Validate(decodeInstance(t, insomnia)); err != nil {
				t.Fatalf("the Insomnia export does not have the v4 shape: %v", err)
			}
			checkInsomnia(t, insomnia, cfg)
		})
	}
	t.Run("the shape rejects placeholder ids", func(t *testing.T) {
		_, insomnia := generate(t, demo.Schema(demo.V2), Config{})
		broken := decodeInstance(t, insomnia).(map[string]any)
		broken["resources"].([]any)[0].(map[string]any)["_id"] = "__WORKSPACE_1__"
		if err := sch.Validate(broken); err == nil {
			t.Fatal("a workspace with a placeholder id validates: the shape is not being applied")
		}
	})
}

func compileSchemaFile(t *testing.T, path string) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	sch, err := c.Compile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

// checkInsomnia checks what a JSON Schema cannot: that every resource's
// parent is there and of the right kind, that ids are unique, and how
// requests reach the endpoint and authenticate.
func checkInsomnia(t *testing.T, data []byte, cfg Config) {
	t.Helper()
	var export struct {
		Date      string `json:"__export_date"`
		Resources []insomniaResource
	}
	if err := json.Unmarshal(data, &export); err != nil {
		t.Fatal(err)
	}
	if want := formatTime(cfg.FetchedAt); cfg.FetchedAt.IsZero() != (export.Date == "") || (!cfg.FetchedAt.IsZero() && export.Date != want) {
		t.Errorf("__export_date = %q, want the fetch time %v and no other", export.Date, cfg.FetchedAt)
	}
	types := map[string]string{}
	count := map[string]int{}
	for _, r := range export.Resources {
		if types[r.ID] != "" {
			t.Errorf("id %s is used twice", r.ID)
		}
		types[r.ID] = r.Type
		count[r.Type]++
	}
	if count["workspace"] != 1 || count["environment"] != 1 || count["request"] == 0 {
		t.Errorf("resources by type: %v, want one workspace, one environment and requests", count)
	}
	wantParent := map[string]string{"environment": "workspace", "request_group": "workspace", "request": "request_group"}
	for _, r := range export.Resources {
		if r.Type == "workspace" {
			continue
		}
		if types[r.parent()] != wantParent[r.Type] {
			t.Errorf("%s %s: parent %v is not a %s of the export", r.Type, r.Name, r.ParentID, wantParent[r.Type])
		}
		switch r.Type {
		case "environment":
			want := map[string]string{"baseUrl": cmp.Or(cfg.Endpoint, DefaultEndpoint), "token": "", "projectToken": ""}
			if !maps.Equal(r.Data, want) {
				t.Errorf("environment data = %v, want %v (no secret ever)", r.Data, want)
			}
		case "request":
			if r.URL != "{{ _.baseUrl }}" || r.Authentication.Type != "bearer" || r.Authentication.Token != "{{ _.token }}" {
				t.Errorf("%s: url %q, authentication %+v; want {{ _.baseUrl }} and a bearer {{ _.token }}", r.Name, r.URL, r.Authentication)
			}
			project := false
			for _, h := range r.Headers {
				project = project || (h.Name == "Project-Access-Token" && h.Value == "{{ _.projectToken }}" && h.Disabled)
			}
			if !project {
				t.Errorf("%s: headers %+v, want a disabled Project-Access-Token: {{ _.projectToken }}", r.Name, r.Headers)
			}
		}
	}
}
