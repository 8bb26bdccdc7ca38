package collection

import (
	"encoding/json"
	"maps"
	"regexp"
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/internal/schema"
)

// The tests read requests back out of the generated files, so that what
// they check is what users import, not the package's own structures.

// fileRequest is a request as a collection file holds it.
type fileRequest struct {
	id, folder, name string
	query            string
	variables        map[string]any
	raw              json.RawMessage // the whole item or resource

	// How it is sent, with the file's variable references in place: the
	// URL, the bearer token, the headers.
	url, bearer string
	headers     []fileHeader
	// vars are the file's variables and their values.
	vars map[string]string
	// ref matches a variable reference in the file's syntax; its first
	// group is the variable's name.
	ref *regexp.Regexp
}

type fileHeader struct {
	name, value string
	disabled    bool
}

// Variable references: {{token}} in Postman, {{ _.token }} in Insomnia.
var (
	postmanRef  = regexp.MustCompile(`\{\{([A-Za-z0-9_]+)\}\}`)
	insomniaRef = regexp.MustCompile(`\{\{\s*_\.([A-Za-z0-9_]+)\s*\}\}`)
)

// generate runs Generate and fails the test on an error.
func generate(t testing.TB, s *schema.Schema, cfg Config) (postman, insomnia []byte) {
	t.Helper()
	if cfg.Name == "" {
		cfg.Name = "test"
	}
	files, err := Generate(s, cfg)
	if err != nil {
		t.Fatalf("Generate: %v", err)
	}
	postmanFile, insomniaFile := FileNames(cfg.Name)
	if len(files) != 2 || files[postmanFile] == nil || files[insomniaFile] == nil {
		t.Fatalf("Generate returned files %v, want %s and %s", keys(files), postmanFile, insomniaFile)
	}
	return files[postmanFile], files[insomniaFile]
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// postmanRequests returns the requests of a Postman collection, in order.
func postmanRequests(t testing.TB, data []byte) []fileRequest {
	t.Helper()
	var c struct {
		Item []struct {
			Name string
			Item []json.RawMessage
		}
		Auth struct {
			Bearer []struct{ Key, Value string }
		}
		Variable []struct{ Key, Value string }
	}
	if err := json.Unmarshal(data, &c); err != nil {
		t.Fatalf("Postman collection: %v", err)
	}
	vars := map[string]string{}
	for _, v := range c.Variable {
		vars[v.Key] = v.Value
	}
	var bearer string
	for _, a := range c.Auth.Bearer {
		if a.Key == "token" {
			bearer = a.Value
		}
	}
	var out []fileRequest
	for _, folder := range c.Item {
		for _, raw := range folder.Item {
			var item struct {
				ID, Name string
				Request  struct {
					URL    struct{ Raw string }
					Header []struct {
						Key, Value string
						Disabled   bool
					}
					Body struct {
						Mode    string
						GraphQL struct{ Query, Variables string }
					}
				}
			}
			if err := json.Unmarshal(raw, &item); err != nil {
				t.Fatalf("Postman item in %s: %v", folder.Name, err)
			}
			if item.Request.Body.Mode != "graphql" {
				t.Fatalf("Postman item %s: body mode %q, want graphql", item.Name, item.Request.Body.Mode)
			}
			r := fileRequest{
				id: item.ID, folder: folder.Name, name: item.Name,
				query:     item.Request.Body.GraphQL.Query,
				variables: decodeVariables(t, item.Name, item.Request.Body.GraphQL.Variables),
				raw:       raw,
				url:       item.Request.URL.Raw, bearer: bearer, vars: vars, ref: postmanRef,
			}
			for _, h := range item.Request.Header {
				r.headers = append(r.headers, fileHeader{h.Key, h.Value, h.Disabled})
			}
			out = append(out, r)
		}
	}
	return out
}

// insomniaRequests returns the requests of an Insomnia export, in order.
func insomniaRequests(t testing.TB, data []byte) []fileRequest {
	t.Helper()
	var export struct{ Resources []json.RawMessage }
	if err := json.Unmarshal(data, &export); err != nil {
		t.Fatalf("Insomnia export: %v", err)
	}
	folders := map[string]string{}
	vars := map[string]string{}
	var out []fileRequest
	for _, raw := range export.Resources {
		var r insomniaResource
		if err := json.Unmarshal(raw, &r); err != nil {
			t.Fatalf("Insomnia resource: %v", err)
		}
		switch r.Type {
		case "environment":
			maps.Copy(vars, r.Data)
		case "request_group":
			folders[r.ID] = r.Name
		case "request":
			if r.Body.MimeType != "application/graphql" {
				t.Fatalf("Insomnia request %s: body mimeType %q, want application/graphql", r.Name, r.Body.MimeType)
			}
			var body struct {
				Query         string         `json:"query"`
				OperationName string         `json:"operationName"`
				Variables     map[string]any `json:"variables"`
			}
			dec := json.NewDecoder(strings.NewReader(r.Body.Text))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&body); err != nil {
				t.Fatalf("Insomnia request %s: body text is not a GraphQL request: %v", r.Name, err)
			}
			if body.Variables == nil {
				t.Fatalf("Insomnia request %s: no variables object", r.Name)
			}
			req := fileRequest{
				id: r.ID, folder: folders[r.parent()], name: r.Name,
				query: body.Query, variables: body.Variables, raw: raw,
				url: r.URL, bearer: r.Authentication.Token, vars: vars, ref: insomniaRef,
			}
			for _, h := range r.Headers {
				req.headers = append(req.headers, fileHeader{h.Name, h.Value, h.Disabled})
			}
			out = append(out, req)
		}
	}
	return out
}

// insomniaResource is what the tests read of a resource of an Insomnia
// export.
type insomniaResource struct {
	ID       string  `json:"_id"`
	Type     string  `json:"_type"`
	ParentID *string `json:"parentId"`
	Name     string
	Data     map[string]string
	URL      string
	Headers  []struct {
		Name, Value string
		Disabled    bool
	}
	Authentication struct{ Type, Token string }
	Body           struct{ MimeType, Text string }
}

func (r insomniaResource) parent() string {
	if r.ParentID == nil {
		return ""
	}
	return *r.ParentID
}

func decodeVariables(t testing.TB, name, text string) map[string]any {
	t.Helper()
	var vars map[string]any
	if err := json.Unmarshal([]byte(text), &vars); err != nil || vars == nil {
		t.Fatalf("request %s: variables %q are not a JSON object: %v", name, text, err)
	}
	return vars
}
