package collection

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/schemagen"
	"github.com/schemawatch/schemawatch/internal/testcorpus"
)

// Large APIs that are not Railway's: the shape of big public APIs, with a
// Node interface hundreds of types implement (node(id:)), generated from a
// seed.
var generatedSchemas = []struct {
	name string
	cfg  schemagen.Config
}{
	{"large", schemagen.Large},
	{"medium", schemagen.Config{Seed: 7, Entities: 120}},
}

// maxRequestLines is what "readable" means for one request.
const maxRequestLines = 300

// TestGeneratedSchemaRequestsAreBoundedAndValid checks that every request
// of a large API validates and stays readable, at every depth, the
// smallest included.
func TestGeneratedSchemaRequestsAreBoundedAndValid(t *testing.T) {
	for _, g := range generatedSchemas {
		s := schemagen.Generate(g.cfg)
		for _, depth := range []int{OwnFieldsOnly, 0, 1, 2} {
			t.Run(fmt.Sprintf("%s/depth%d", g.name, depth), func(t *testing.T) {
				checkCollections(t, s, Config{Depth: depth})
				t.Logf("longest request: %d lines", checkRequestSizes(t, s, Config{Depth: depth}))
			})
		}
	}
}

// checkRequestSizes fails for any request longer than maxRequestLines and
// returns the longest one's length in lines.
func checkRequestSizes(t *testing.T, s *schema.Schema, cfg Config) (longest int) {
	t.Helper()
	postman, _ := generate(t, s, cfg)
	for _, r := range postmanRequests(t, postman) {
		n := strings.Count(r.query, "\n") + 1
		longest = max(longest, n)
		if n > maxRequestLines {
			t.Errorf("request %q has %d lines (%d bytes), want at most %d", r.name, n, len(r.query), maxRequestLines)
		}
	}
	return longest
}

// TestGeneratedSchemaRequestsRunOnTheReferenceServer sends every request
// of the generated APIs to graphql-js: none may fail, none may be refused
// as too complex.
func TestGeneratedSchemaRequestsRunOnTheReferenceServer(t *testing.T) {
	for _, g := range generatedSchemas {
		t.Run(g.name, func(t *testing.T) {
			s := schemagen.Generate(g.cfg)
			file := filepath.Join(t.TempDir(), "schema.graphql")
			if err := os.WriteFile(file, []byte(s.PrintSDL()), 0o644); err != nil {
				t.Fatal(err)
			}
			// Not Railway's: a bearer token, no project token header.
			sendAll(t, s, file, Config{Endpoint: "https://api.example.com/graphql"})
		})
	}
}

// sendAll serves schemaFile on the reference server and sends it every
// request of the Postman collection of s; every one must succeed.
func sendAll(t *testing.T, s *schema.Schema, schemaFile string, cfg Config) {
	t.Helper()
	const token = "test-account-token"
	url := testcorpus.GraphQLServer(t, schemaFile, "--token", token)
	postman, _ := generate(t, s, cfg)
	values := map[string]string{"baseUrl": url, "token": token}
	client := &http.Client{}
	reqs := postmanRequests(t, postman)
	const refused = `{"errors":[{"message":"Subscriptions are not supported"}]}`
	failed := 0
	for _, r := range reqs {
		msg := send(t, client, r, values, false)
		if msg != "" && !(strings.HasPrefix(r.query, "subscription ") && strings.HasSuffix(msg, ": "+refused)) {
			failed++
			if len(msg) > 300 {
				msg = msg[:300] + "…"
			}
			t.Errorf("%s: %s", r.name, msg)
		}
	}
	t.Logf("%d requests sent to graphql-js, %d failed", len(reqs), failed)
}

// TestRailwayRequestsAreBounded checks the request sizes of the newest
// Railway version at the default depth and deeper.
func TestRailwayRequestsAreBounded(t *testing.T) {
	s := loadSchema(t, testcorpus.Newest(t).Path)
	for _, depth := range []int{OwnFieldsOnly, DefaultDepth, DefaultDepth + 1} {
		t.Logf("depth %d: longest request %d lines", depth, checkRequestSizes(t, s, Config{Depth: depth}))
	}
}
