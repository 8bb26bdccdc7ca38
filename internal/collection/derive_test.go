package collection

import (
	"encoding/json"
	"testing"

	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/schemagen"
	"github.com/schemawatch/schemawatch/internal/testcorpus"
)

// folderCounts reads the folders of a Postman collection: requests per
// folder, in order.
func folderCounts(t *testing.T, s *schema.Schema, cfg Config) (names []string, counts map[string]int, total int) {
	t.Helper()
	postman, _ := generate(t, s, cfg)
	var c struct {
		Item []struct {
			Name string
			Item []json.RawMessage
		}
	}
	if err := json.Unmarshal(postman, &c); err != nil {
		t.Fatal(err)
	}
	counts = map[string]int{}
	for _, f := range c.Item {
		names = append(names, f.Name)
		counts[f.Name] = len(f.Item)
		total += len(f.Item)
	}
	return names, counts, total
}

// TestFoldersFitAnyAPI checks that the folders come from the schema: for
// Railway and for large APIs that are not Railway's, between 10 and 30
// folders and an Other folder under a quarter of the requests; and no
// folder of Railway's own resource names in an API that has none of them.
func TestFoldersFitAnyAPI(t *testing.T) {
	type api struct {
		name string
		load func(t *testing.T) *schema.Schema
	}
	apis := []api{{"railway", func(t *testing.T) *schema.Schema { return loadSchema(t, testcorpus.Newest(t).Path) }}}
	for _, g := range generatedSchemas {
		apis = append(apis, api{g.name, func(*testing.T) *schema.Schema { return schemagen.Generate(g.cfg) }})
	}
	for _, a := range apis {
		t.Run(a.name, func(t *testing.T) {
			names, counts, total := folderCounts(t, a.load(t), Config{})
			other := counts[otherFolder.Name]
			t.Logf("%d folders, %d requests, %d in Other (%.1f%%): %v", len(names), total, other, 100*float64(other)/float64(total), names)
			if len(names) < 10 || len(names) > 30 {
				t.Errorf("%d folders, want 10 to 30", len(names))
			}
			if 4*other >= total {
				t.Errorf("Other holds %d of %d requests, want under a quarter", other, total)
			}
			if a.name != "railway" {
				for _, railways := range []string{"Observability", "Account", "Sandboxes", "Buckets", "Networking"} {
					if counts[railways] > 0 {
						t.Errorf("folder %q is Railway's, not this API's", railways)
					}
				}
			}
		})
	}
}

// TestDeriveFolders puts each root field in the folder of its subject.
func TestDeriveFolders(t *testing.T) {
	const sdl = `
type Query {
  project(id: ID!): Project
  projects: ProjectConnection!
  projectToken: ProjectToken
  me: User
  viewer: User
  gitHubRepos: [GitHubRepo!]!
  gitHubBranches(repo: String!): [GitHubBranch!]!
  variables: String
  node(id: ID!): Node
  ping: Boolean
}
type Mutation {
  projectDelete(id: ID!): Boolean
  purgeProjectCache(id: ID!): Boolean
  projectCreate: ProjectCreatePayload!
  variableDelete(name: String!): Boolean
  variableUpsert(name: String!): Boolean
}
interface Node { id: ID! }
type Project implements Node { id: ID! }
type ProjectToken { id: ID! }
type ProjectEdge { node: Project! cursor: String! }
type ProjectConnection { edges: [ProjectEdge!]! }
type ProjectCreatePayload { clientMutationId: String project: Project }
type User { id: ID! }
type GitHubRepo { id: ID! }
type GitHubBranch { id: ID! }
`
	s, err := schema.ParseSDL("test.graphql", sdl)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"project": "Projects", "projects": "Projects", "projectToken": "Projects", "projectDelete": "Projects",
		"purgeProjectCache": "Projects", "projectCreate": "Projects",
		"me": "Users", "viewer": "Users",
		"gitHubRepos": "GitHub", "gitHubBranches": "GitHub",
		"variables": "Variables", "variableDelete": "Variables", "variableUpsert": "Variables",
		"node": "Other", "ping": "Other",
	}
	for _, g := range deriveFolders(s, operations(s, DefaultDepth)) {
		for _, op := range g.ops {
			if want[op.Field.Name] != g.folder.Name {
				t.Errorf("%s is in %q, want %q", op.Field.Name, g.folder.Name, want[op.Field.Name])
			}
		}
	}
}

func TestPlural(t *testing.T) {
	for in, want := range map[string]string{
		"Project": "Projects", "Policy": "Policies", "Day": "Days", "Address": "Addresses",
		"Branch": "Branches", "Box": "Boxes", "DNS": "DNSs", "Custom domain": "Custom domains",
	} {
		if got := plural(in); got != want {
			t.Errorf("plural(%q) = %q, want %q", in, got, want)
		}
	}
}
