package support

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

type projectResponse struct {
	Project *struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	} `json:"project"`
	Me *struct {
		ID string `json:"id"`
	} `json:"me"`
}

// graphQLServer answers every request with status and body, and records
// what it received.
func graphQLServer(t *testing.T, status int, body string) (*httptest.Server, *http.Request, *[]byte) {
	t.Helper()
	var got http.Request
	var gotBody []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = *r.Clone(context.Background())
		gotBody, _ = io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	return srv, &got, &gotBody
}

func TestExecuteSendsTheOperation(t *testing.T) {
	srv, req, body := graphQLServer(t, 200, `{"data":{"project":{"id":"p1","name":"web"}}}`)
	c := &Client{Endpoint: srv.URL, Header: func(h http.Header) { h.Set("Project-Access-Token", "secret") }}
	data, err := execute[projectResponse](context.Background(), c, "Project", "query Project($id: ID!) { project(id: $id) { id name } }", map[string]any{"id": "p1"})
	if err != nil {
		t.Fatal(err)
	}
	if data.Project == nil || data.Project.Name != "web" {
		t.Errorf("data %+v", data)
	}
	if req.Method != http.MethodPost || req.Header.Get("Content-Type") != "application/json" || req.Header.Get("Project-Access-Token") != "secret" {
		t.Errorf("request %s with headers %v", req.Method, req.Header)
	}
	var sent map[string]any
	if err := json.Unmarshal(*body, &sent); err != nil {
		t.Fatal(err)
	}
	if sent["operationName"] != "Project" || !strings.HasPrefix(sent["query"].(string), "query Project") || sent["variables"].(map[string]any)["id"] != "p1" {
		t.Errorf("sent %s", *body)
	}
}

func TestExecuteResponses(t *testing.T) {
	tests := []struct {
		name     string
		status   int
		body     string
		wantData bool
		// wantErr is "" for none, "graphql" for GraphQLErrors, "http" for
		// an HTTPError, else a substring of the error.
		wantErr string
	}{
		{"data", 200, `{"data":{"me":{"id":"u"}}}`, true, ""},
		{"partial data and errors", 200, `{"data":{"project":null,"me":{"id":"u"}},"errors":[{"message":"not found","path":["project"],"extensions":{"code":"NOT_FOUND"}}]}`, true, "graphql"},
		{"errors only", 200, `{"errors":[{"message":"Not Authorized"}]}`, false, "graphql"},
		{"errors with an error status", 400, `{"errors":[{"message":"Cannot query field","locations":[{"line":1,"column":3}]}]}`, false, "graphql"},
		{"a proxy's page", 502, `<html>Bad Gateway</html>`, false, "http"},
		{"neither data nor errors", 200, `{"hello":1}`, false, "http"},
		{"null data without errors", 200, `{"data":null}`, false, "http"},
		{"data of the wrong shape", 200, `{"data":{"me":{"id":7}}}`, false, "decode the response"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, _, _ := graphQLServer(t, tt.status, tt.body)
			data, err := execute[projectResponse](context.Background(), &Client{Endpoint: srv.URL}, "Q", "{ me { id } }", nil)
			if (data != nil) != tt.wantData {
				t.Errorf("data %+v, want data: %v", data, tt.wantData)
			}
			var gerrs GraphQLErrors
			var herr *HTTPError
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("error %v", err)
			case tt.wantErr == "graphql" && !errors.As(err, &gerrs):
				t.Errorf("error %T %v, want GraphQLErrors", err, err)
			case tt.wantErr == "http" && !errors.As(err, &herr):
				t.Errorf("error %T %v, want an HTTPError", err, err)
			case tt.wantErr != "" && tt.wantErr != "graphql" && tt.wantErr != "http" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("error %v, want one containing %q", err, tt.wantErr)
			}
			if herr != nil && herr.StatusCode != tt.status {
				t.Errorf("status %d, want %d", herr.StatusCode, tt.status)
			}
		})
	}
}

func TestGraphQLErrorsKeepPathsAndExtensions(t *testing.T) {
	srv, _, _ := graphQLServer(t, 200, `{"data":{"project":null},"errors":[{"message":"not found","path":["project",0,"name"],"extensions":{"code":"NOT_FOUND"}}]}`)
	_, err := execute[projectResponse](context.Background(), &Client{Endpoint: srv.URL}, "Q", "{ project { name } }", nil)
	var gerrs GraphQLErrors
	if !errors.As(err, &gerrs) || len(gerrs) != 1 {
		t.Fatalf("error %v", err)
	}
	e := gerrs[0]
	if e.Extensions["code"] != "NOT_FOUND" || len(e.Path) != 3 || e.Path[1] != float64(0) {
		t.Errorf("error %+v", e)
	}
	if got := err.Error(); got != "graphql: project.0.name: not found" {
		t.Errorf("message %q", got)
	}
}

func TestExecuteBoundsTheResponse(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, `{"data":{"me":{"id":"`)
		chunk := strings.Repeat("x", 1<<20)
		for range maxResponseBytes>>20 + 1 {
			if _, err := io.WriteString(w, chunk); err != nil {
				return
			}
		}
	}))
	defer srv.Close()
	_, err := execute[projectResponse](context.Background(), &Client{Endpoint: srv.URL}, "Q", "{ me { id } }", nil)
	if err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("error %v, want one about the size", err)
	}
}

func TestExecuteWithoutEndpoint(t *testing.T) {
	if _, err := execute[projectResponse](context.Background(), &Client{}, "Q", "{ me { id } }", nil); err == nil || !strings.Contains(err.Error(), "no Endpoint") {
		t.Errorf("error %v", err)
	}
}

// FuzzDecodeResponse feeds the response decoder any body: it must return
// data, an error or both, and never panic.
func FuzzDecodeResponse(f *testing.F) {
	for _, seed := range []string{
		`{"data":{"project":{"id":"p","name":"n"}}}`,
		`{"data":null,"errors":[{"message":"x","path":["a",1],"locations":[{"line":1,"column":2}],"extensions":{"code":1}}]}`,
		`{"errors":[]}`, `null`, `[]`, `{"data":[]}`, "\xff",
	} {
		f.Add(200, []byte(seed))
	}
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		data, err := decodeResponse[projectResponse](status, body)
		if data == nil && err == nil {
			t.Fatal("neither data nor an error")
		}
		if err != nil {
			_ = err.Error()
		}
	})
}
