package collection

import (
	"encoding/json"
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
}

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
	}
	if err := json.Unmarshal(data, &c); err != nil {
		t.Fatalf("Postman collection: %v", err)
	}
	var out []fileRequest
	for _, folder := range c.Item {
		for _, raw := range folder.Item {
			var item struct {
				ID, Name string
				Request  struct {
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
			out = append(out, fileRequest{
				id: item.ID, folder: folder.Name, name: item.Name,
				query:     item.Request.Body.GraphQL.Query,
				variables: decodeVariables(t, item.Name, item.Request.Body.GraphQL.Variables),
				raw:       raw,
			})
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
	var out []fileRequest
	for _, raw := range export.Resources {
		var r struct {
			ID       string `json:"_id"`
			Type     string `json:"_type"`
			ParentID string `json:"parentId"`
			Name     string
			Body     struct{ MimeType, Text string }
		}
		if err := json.Unmarshal(raw, &r); err != nil {
			t.Fatalf("Insomnia resource: %v", err)
		}
		switch r.Type {
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
			out = append(out, fileRequest{id: r.ID, folder: folders[r.ParentID], name: r.Name, query: body.Query, variables: body.Variables, raw: raw})
		}
	}
	return out
}

func decodeVariables(t testing.TB, name, text string) map[string]any {
	t.Helper()
	var vars map[string]any
	if err := json.Unmarshal([]byte(text), &vars); err != nil || vars == nil {
		t.Fatalf("request %s: variables %q are not a JSON object: %v", name, text, err)
	}
	return vars
}
