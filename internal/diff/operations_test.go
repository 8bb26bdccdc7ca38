package diff_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/internal/clientops"
	"github.com/schemawatch/schemawatch/internal/diff"
	"github.com/schemawatch/schemawatch/internal/testcorpus"
)

// opsSchema is the old schema of the operation cases; each case edits it.
const opsSchema = `
type Query {
  project(id: ID!): Project
  search(term: String, kind: Kind = ALL): [Result!]!
  node(id: ID!): Node
  me: User
}
type Mutation { create(input: CreateInput!): Project }
interface Node { id: ID! }
type Project implements Node { id: ID! name: String owner: User kind: Kind }
type User implements Node { id: ID! name: String }
union Result = Project | User
enum Kind { ALL PROJECT USER }
input CreateInput { name: String! tag: String }
directive @trace(level: Int) on FIELD
`

func TestAnalyze(t *testing.T) {
	for _, tc := range []struct {
		name       string
		edit       [2]string // replace edit[0] with edit[1] in opsSchema
		operation  string
		status     diff.OperationStatus
		brokenBy   []string // "TYPE path" of the breaking changes tied to errors
		concerning []string // "TYPE path" of every change listing the operation
	}{
		{"field removed", [2]string{"name: String owner: User", "owner: User"},
			"query { project(id: 1) { name } }", diff.StatusBroken,
			[]string{"FIELD_REMOVED Project.name"}, []string{"FIELD_REMOVED Project.name"}},
		{"untouched field removed", [2]string{"name: String owner: User", "name: String"},
			"query { project(id: 1) { name } }", diff.StatusValid, nil, nil},
		{"required argument added", [2]string{"me: User", "me(as: ID!): User"},
			"query { me { id } }", diff.StatusBroken,
			[]string{"FIELD_ARGUMENT_ADDED Query.me.as"}, []string{"FIELD_ARGUMENT_ADDED Query.me.as"}},
		{"argument type changed under a variable", [2]string{"project(id: ID!)", "project(id: Int!)"},
			"query($id: ID!) { project(id: $id) { id } }", diff.StatusBroken,
			[]string{"FIELD_ARGUMENT_TYPE_CHANGED Query.project.id"}, []string{"FIELD_ARGUMENT_TYPE_CHANGED Query.project.id"}},
		{"enum value removed from a literal", [2]string{"ALL PROJECT USER", "ALL PROJECT"},
			"query { search(kind: USER) { __typename } }", diff.StatusBroken,
			[]string{"ENUM_VALUE_REMOVED Kind.USER"}, []string{"ENUM_VALUE_REMOVED Kind.USER"}},
		{"enum value added to an output", [2]string{"ALL PROJECT USER", "ALL PROJECT USER TEAM"},
			"query { project(id: 1) { kind } }", diff.StatusValid,
			nil, []string{"ENUM_VALUE_ADDED Kind.TEAM"}},
		{"enum value added to an input it does not pass", [2]string{"ALL PROJECT USER", "ALL PROJECT USER TEAM"},
			"query { search { __typename } }", diff.StatusValid, nil, nil},
		{"argument default changed", [2]string{"kind: Kind = ALL", "kind: Kind = PROJECT"},
			"query { search { __typename } }", diff.StatusValid,
			nil, []string{"FIELD_ARGUMENT_DEFAULT_CHANGED Query.search.kind"}},
		{"required input field added", [2]string{"name: String! tag: String }", "name: String! tag: String team: ID! }"},
			`mutation { create(input: {name: "x"}) { id } }`, diff.StatusBroken,
			[]string{"INPUT_FIELD_ADDED CreateInput.team"}, []string{"INPUT_FIELD_ADDED CreateInput.team"}},
		{"required input field added, input from a variable", [2]string{"name: String! tag: String }", "name: String! tag: String team: ID! }"},
			`mutation($in: CreateInput!) { create(input: $in) { id } }`, diff.StatusValid,
			nil, []string{"INPUT_FIELD_ADDED CreateInput.team"}},
		{"input field removed from a literal", [2]string{"name: String! tag: String }", "name: String! }"},
			`mutation { create(input: {name: "x", tag: "y"}) { id } }`, diff.StatusBroken,
			[]string{"INPUT_FIELD_REMOVED CreateInput.tag"}, []string{"INPUT_FIELD_REMOVED CreateInput.tag"}},
		{"union member removed", [2]string{"union Result = Project | User", "union Result = Project"},
			"query { search { ... on User { name } } }", diff.StatusBroken,
			[]string{"UNION_MEMBER_REMOVED Result"}, []string{"UNION_MEMBER_REMOVED Result"}},
		{"union member removed, fragment in a named fragment", [2]string{"union Result = Project | User", "union Result = Project"},
			"query { search { ...U } } fragment U on User { name }", diff.StatusBroken,
			[]string{"UNION_MEMBER_REMOVED Result"}, []string{"UNION_MEMBER_REMOVED Result"}},
		{"interface no longer implemented", [2]string{"type User implements Node {", "type User {"},
			"query { node(id: 1) { ... on User { name } } }", diff.StatusBroken,
			[]string{"OBJECT_TYPE_INTERFACE_REMOVED User"}, []string{"OBJECT_TYPE_INTERFACE_REMOVED User"}},
		{"field retyped under a selection", [2]string{"owner: User kind", "owner: Node kind"},
			"query { project(id: 1) { owner { name } } }", diff.StatusBroken,
			[]string{"FIELD_TYPE_CHANGED Project.owner"}, []string{"FIELD_TYPE_CHANGED Project.owner"}},
		{"field may now be null: listed, not broken", [2]string{"search(term: String, kind: Kind = ALL): [Result!]!", "search(term: String, kind: Kind = ALL): [Result!]"},
			"query { search { __typename } }", diff.StatusValid,
			nil, []string{"FIELD_TYPE_CHANGED Query.search"}},
		{"directive removed", [2]string{"directive @trace(level: Int) on FIELD", ""},
			"query { me @trace(level: 1) { id } }", diff.StatusBroken,
			[]string{"DIRECTIVE_REMOVED @trace"}, []string{"DIRECTIVE_REMOVED @trace"}},
		{"directive location removed", [2]string{"on FIELD", "on FRAGMENT_SPREAD"},
			"query { me @trace { id } }", diff.StatusBroken,
			[]string{"DIRECTIVE_LOCATION_REMOVED @trace"}, []string{"DIRECTIVE_LOCATION_REMOVED @trace"}},
		{"query root renamed: operations do not name it", [2]string{"type Query {", "schema { query: Root mutation: Mutation } type Root {"},
			"query { me { id } }", diff.StatusValid,
			nil, []string{"SCHEMA_QUERY_TYPE_CHANGED ", "TYPE_REMOVED Query"}},
		{"mutation root removed", [2]string{"type Mutation {", "type Mutations {"},
			`mutation { create(input: {name: "x"}) { id } }`, diff.StatusBroken,
			[]string{"SCHEMA_MUTATION_TYPE_CHANGED ", "TYPE_REMOVED Mutation"}, []string{"SCHEMA_MUTATION_TYPE_CHANGED ", "TYPE_REMOVED Mutation"}},
		{"invalid against the old schema", [2]string{"me: User", "me: User later: Int"},
			"query { later }", diff.StatusInvalid, nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			old := parseSDL(t, opsSchema)
			edited := strings.Replace(opsSchema, tc.edit[0], tc.edit[1], 1)
			if edited == opsSchema {
				t.Fatalf("edit %q not found", tc.edit[0])
			}
			new := parseSDL(t, edited)
			ops, err := diff.ParseOperations("op.graphql", tc.operation)
			if err != nil {
				t.Fatal(err)
			}
			changes := diff.Changes(old, new)
			im, err := diff.Analyze(old, new, changes, ops)
			if err != nil {
				t.Fatal(err)
			}
			res := im.Operations[0]
			if res.Status != tc.status {
				t.Errorf("status %s, want %s (errors %+v)", res.Status, tc.status, res.Errors)
			}
			var brokenBy []string
			for _, e := range res.Errors {
				if res.Status == diff.StatusBroken && len(e.Changes) == 0 {
					t.Errorf("error %q is tied to no change", e.Message)
				}
				for _, i := range e.Changes {
					brokenBy = append(brokenBy, fmt.Sprintf("%s %s", changes[i].Type, changes[i].Path))
				}
			}
			var concerning []string
			for i, affected := range im.Affected {
				for _, a := range affected {
					concerning = append(concerning, fmt.Sprintf("%s %s", changes[i].Type, changes[i].Path))
					if a.Broken != slices.Contains(brokenBy, concerning[len(concerning)-1]) {
						t.Errorf("%s: broken = %v, disagrees with the errors", concerning[len(concerning)-1], a.Broken)
					}
				}
			}
			slices.Sort(brokenBy)
			brokenBy = slices.Compact(brokenBy)
			slices.Sort(concerning)
			if !slices.Equal(brokenBy, tc.brokenBy) {
				t.Errorf("broken by %q, want %q", brokenBy, tc.brokenBy)
			}
			if !slices.Equal(concerning, tc.concerning) {
				t.Errorf("changes listing the operation: %q, want %q", concerning, tc.concerning)
			}
		})
	}
}

func TestParseOperations(t *testing.T) {
	ops, err := diff.ParseOperations("a.graphql", "query A { me { id } } mutation B { create(input: {name: \"x\"}) { id } } { me { id } }")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, op := range ops {
		got = append(got, op.ID+" "+op.Kind+" "+op.Name)
	}
	want := []string{"a.graphql#A query A", "a.graphql#B mutation B", "a.graphql#3 query "}
	if !slices.Equal(got, want) {
		t.Errorf("operations %q, want %q", got, want)
	}
	_, err = diff.ParseOperations("bad.graphql", "query {\n  me {\n}")
	var syn *diff.SyntaxError
	if !errors.As(err, &syn) || syn.File != "bad.graphql" || syn.Line != 3 || syn.Column != 1 || !strings.HasPrefix(err.Error(), "bad.graphql:3:1: ") {
		t.Errorf("error %v, want a *diff.SyntaxError at bad.graphql:3:1", err)
	}
}

// TestAnalyzeRailway runs the real client's operations over every corpus
// pair. Every failing location of a broken operation must be explained by a
// breaking change of the pair.
func TestAnalyzeRailway(t *testing.T) {
	ops, err := clientops.Read(testcorpus.Path(t, "corpus", "railway", "operations"))
	if err != nil {
		t.Fatal(err)
	}
	versions := loadRailway(t)
	total := 0
	for i, p := range testcorpus.Pairs(t) {
		old, new := versions[i], versions[i+1]
		changes := diff.Changes(old, new)
		im, err := diff.Analyze(old, new, changes, ops)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range im.Operations {
			if r.Status != diff.StatusBroken {
				continue
			}
			for _, e := range r.Errors {
				if len(e.Changes) == 0 {
					t.Errorf("%s: %s: %q is tied to no change", p.Name, r.Operation.ID, e.Message)
				}
			}
		}
		if n := im.Count(diff.StatusBroken); n > 0 {
			total += n
			t.Logf("%s: %d of %d operations broken (%d valid before)", p.Name, n, len(ops), len(ops)-im.Count(diff.StatusInvalid))
		}
	}
	t.Logf("%d operations read; %d breakages over the 47 pairs", len(ops), total)
}
