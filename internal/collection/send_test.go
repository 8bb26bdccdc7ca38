package collection

import (
	"bytes"
	"encoding/json"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/schemawatch/schemawatch/internal/demo"
	"github.com/schemawatch/schemawatch/internal/demo/demotest"
	"github.com/schemawatch/schemawatch/internal/testcorpus"
)

// TestDemoRequestsRunAgainstTheDemoEndpoint sends every request of both
// demo collections to the demo endpoint as Postman and Insomnia would: the
// file's variables filled in, baseUrl pointed at the endpoint, a token
// given. The endpoint validates operations and variables as a GraphQL server
// does, so any error fails the test. Each request is sent twice: with the
// account token, and with only the project token and its header ticked.
func TestDemoRequestsRunAgainstTheDemoEndpoint(t *testing.T) {
	const token, projectToken = "test-account-token", "test-project-token"
	s := demo.Schema(demo.V2)
	srv, err := demotest.NewServer(s, demotest.Options{BearerToken: token, ProjectToken: projectToken})
	if err != nil {
		t.Fatal(err)
	}
	endpoint := httptest.NewServer(srv)
	defer endpoint.Close()

	postman, insomnia := generate(t, s, demoConfig)
	for _, file := range []struct {
		name string
		reqs []fileRequest
	}{{"postman", postmanRequests(t, postman)}, {"insomnia", insomniaRequests(t, insomnia)}} {
		for _, auth := range []struct {
			name         string
			values       map[string]string
			tickProjectH bool
		}{
			{"token", map[string]string{"token": token}, false},
			{"project token", map[string]string{"projectToken": projectToken}, true},
		} {
			t.Run(file.name+"/"+auth.name, func(t *testing.T) {
				values := map[string]string{"baseUrl": endpoint.URL + demo.Path}
				maps.Copy(values, auth.values)
				for _, r := range file.reqs {
					if msg := send(t, endpoint.Client(), r, values, auth.tickProjectH); msg != "" {
						t.Errorf("%s: %s\n%s", r.name, msg, r.query)
					}
				}
			})
		}
	}
	if want := 2 * 2 * rootFieldCount(s); srv.Requests() != want {
		t.Errorf("the endpoint served %d requests, want %d", srv.Requests(), want)
	}
}

// send sends one request, values overriding the file's variables, and
// returns what is wrong with the response, or "".
func send(t *testing.T, client *http.Client, r fileRequest, values map[string]string, tickProjectHeader bool) string {
	t.Helper()
	vars := maps.Clone(r.vars)
	maps.Copy(vars, values)
	render := func(s string) string {
		return r.ref.ReplaceAllStringFunc(s, func(ref string) string {
			name := r.ref.FindStringSubmatch(ref)[1]
			v, ok := vars[name]
			if !ok {
				t.Fatalf("%s: %s refers to a variable the file does not define", r.name, ref)
			}
			return v
		})
	}
	body, err := json.Marshal(map[string]any{"query": r.query, "variables": r.variables})
	if err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodPost, render(r.url), bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	// Both apps leave the Authorization header out while the token is empty.
	if token := render(r.bearer); token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for _, h := range r.headers {
		if !h.disabled || (tickProjectHeader && h.name == projectTokenHeader) {
			req.Header.Set(h.name, render(h.value))
		}
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	var result struct {
		Data   map[string]any
		Errors []any
	}
	if err := json.Unmarshal(data, &result); err != nil || resp.StatusCode != http.StatusOK || len(result.Errors) > 0 || result.Data == nil {
		return "HTTP " + resp.Status + ": " + string(data)
	}
	return ""
}

// envAllVersions asks the tests that send requests to the reference
// server to go over every Railway version, not a spread of them.
const envAllVersions = "SCHEMAWATCH_ALL_VERSIONS"

// TestRailwayRequestsRunOnTheReferenceServer sends every request of
// Railway's collections to graphql-js, the reference implementation,
// serving that schema: its validation and variable coercion are the
// standard that gqlparser's (in the other tests) follows. The server
// (graphql-http) validates a subscription and then refuses to run it over
// HTTP; that refusal is the answer a valid subscription gets. The newest
// version and a spread of older ones run by default; every version with
// SCHEMAWATCH_ALL_VERSIONS=1.
func TestRailwayRequestsRunOnTheReferenceServer(t *testing.T) {
	testcorpus.GraphQLServerScript(t)
	versions := testcorpus.Railway(t)
	all := os.Getenv(envAllVersions) == "1"
	for i, v := range versions {
		if !all && i%12 != 0 && i != len(versions)-1 {
			continue
		}
		t.Run(v.File[:3], func(t *testing.T) {
			sendAll(t, loadSchema(t, v.Path), v.Path, Config{})
		})
	}
}
