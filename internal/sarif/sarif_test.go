package sarif_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/schemawatch/schemawatch/internal/clientops"
	"github.com/schemawatch/schemawatch/internal/diff"
	"github.com/schemawatch/schemawatch/internal/golden"
	"github.com/schemawatch/schemawatch/internal/sarif"
	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/testcorpus"
)

// logDoc is the part of a log the tests read.
type logDoc struct {
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Rules []struct {
					ID   string `json:"id"`
					Help struct {
						Text string `json:"text"`
					} `json:"help"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID    string `json:"ruleId"`
			RuleIndex int    `json:"ruleIndex"`
			Level     string `json:"level"`
			Message   struct {
				Text string `json:"text"`
			} `json:"message"`
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI       string `json:"uri"`
						URIBaseID string `json:"uriBaseId"`
					} `json:"artifactLocation"`
					Region struct {
						StartLine   int `json:"startLine"`
						StartColumn int `json:"startColumn"`
					} `json:"region"`
				} `json:"physicalLocation"`
				LogicalLocations []struct {
					FullyQualifiedName string `json:"fullyQualifiedName"`
				} `json:"logicalLocations"`
			} `json:"locations"`
		} `json:"results"`
	} `json:"runs"`
}

func decode(t *testing.T, data []byte) logDoc {
	t.Helper()
	var doc logDoc
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Version != "2.1.0" || len(doc.Runs) != 1 {
		t.Fatalf("version %q, %d runs", doc.Version, len(doc.Runs))
	}
	return doc
}

// sarifSchema compiles the SARIF 2.1.0 JSON schema from ../shared.
func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	path := testcorpus.Path(t, "spec", "sarif-2.1.0", "sarif-schema-2.1.0.json")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(path, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(path)
	if err != nil {
		t.Fatalf("compile the SARIF schema: %v", err)
	}
	return sch
}

func validate(t *testing.T, sch *jsonschema.Schema, data []byte) {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(v); err != nil {
		t.Errorf("the log does not validate against SARIF 2.1.0: %v", err)
	}
}

// TestRailway: on two pairs of Railway's corpus with the real client's
// operations, each broken operation gets one result at the selection that
// no longer validates, and the log validates against SARIF 2.1.0.
func TestRailway(t *testing.T) {
	opsDir := testcorpus.Path(t, "corpus", "railway", "operations")
	ops, err := clientops.Read(opsDir)
	if err != nil {
		t.Fatal(err)
	}
	versions := testcorpus.Railway(t)
	sch := sarifSchema(t)
	type want struct{ uri, rule, coordinate string }
	tests := []struct {
		old, new int // 1-based corpus indexes
		want     []want
	}{
		{47, 48, []want{{"operations/queries/MyCloudAgents.graphql", "FIELD_REMOVED", "Query.myCloudAgents"}}},
		{39, 40, []want{
			{"operations/mutations/SandboxCheckpointCreate.graphql", "FIELD_REMOVED", "Mutation.sandboxCheckpointCreate"},
			{"operations/mutations/SandboxCheckpointDelete.graphql", "FIELD_REMOVED", "Mutation.sandboxCheckpointDelete"},
			{"operations/mutations/SandboxCheckpointRename.graphql", "FIELD_REMOVED", "Mutation.sandboxCheckpointRename"},
			{"operations/queries/SandboxCheckpoints.graphql", "FIELD_REMOVED", "Query.sandboxCheckpoints"},
		}},
	}
	for _, tt := range tests {
		oldV, newV := versions[tt.old-1], versions[tt.new-1]
		t.Run(oldV.File[:3]+"-"+newV.File[:3], func(t *testing.T) {
			old, err := schema.LoadFile(oldV.Path)
			if err != nil {
				t.Fatal(err)
			}
			new, err := schema.LoadFile(newV.Path)
			if err != nil {
				t.Fatal(err)
			}
			r, err := diff.Compare(old, new, diff.Options{Operations: ops})
			if err != nil {
				t.Fatal(err)
			}
			data := sarif.Log(r, sarif.Options{OperationsDir: "operations"})
			validate(t, sch, data)
			if again := sarif.Log(r, sarif.Options{OperationsDir: "operations"}); !bytes.Equal(data, again) {
				t.Error("two logs of one report differ")
			}
			doc := decode(t, data)
			results := doc.Runs[0].Results
			if len(results) != len(tt.want) {
				t.Fatalf("%d results, want %d:\n%s", len(results), len(tt.want), data)
			}
			for i, w := range tt.want {
				res := results[i]
				loc := res.Locations[0].PhysicalLocation
				if loc.ArtifactLocation.URI != w.uri || loc.ArtifactLocation.URIBaseID != "%SRCROOT%" || res.RuleID != w.rule || res.Level != "error" {
					t.Errorf("result %d: %s (%s) %s %s, want %s %s error", i, loc.ArtifactLocation.URI, loc.ArtifactLocation.URIBaseID, res.RuleID, res.Level, w.uri, w.rule)
				}
				if doc.Runs[0].Tool.Driver.Rules[res.RuleIndex].ID != res.RuleID {
					t.Errorf("result %d: ruleIndex %d is not %s", i, res.RuleIndex, res.RuleID)
				}
				if len(res.Locations[0].LogicalLocations) != 1 || res.Locations[0].LogicalLocations[0].FullyQualifiedName != w.coordinate {
					t.Errorf("result %d: logical location %+v, want %s", i, res.Locations[0].LogicalLocations, w.coordinate)
				}
				// The region starts at the selection of the removed field.
				field := w.coordinate[strings.LastIndexByte(w.coordinate, '.')+1:]
				at := textAt(t, filepath.Join(filepath.Dir(opsDir), filepath.FromSlash(w.uri)), loc.Region.StartLine, loc.Region.StartColumn)
				if !strings.HasPrefix(at, field) {
					t.Errorf("result %d: line %d column %d of %s reads %q, not the selection of %s", i, loc.Region.StartLine, loc.Region.StartColumn, w.uri, at, field)
				}
				if !strings.Contains(res.Message.Text, "breaks") {
					t.Errorf("result %d: message %q", i, res.Message.Text)
				}
			}
		})
	}
}

// textAt returns the rest of line `line` of a file from column `column`
// (1-based, in code points, as the log's columnKind says).
func textAt(t *testing.T, path string, line, column int) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	if line < 1 || line > len(lines) {
		t.Fatalf("%s has no line %d", path, line)
	}
	l := lines[line-1]
	for i := 1; i < column && l != ""; i++ {
		_, n := utf8.DecodeRuneInString(l)
		l = l[n:]
	}
	return l
}

// fixture compares two small schemas with a client's operations.
func fixture(t *testing.T, rules ...diff.Rule) *diff.Report {
	t.Helper()
	old, err := schema.Load("old.graphql", []byte(`type Query { user(id: ID!): User, users: [User!]!, search(q: String): [User!]! }
type User { id: ID!, name: String, email: String @deprecated(reason: "Use name."), role: Role }
enum Role { ADMIN MEMBER }`))
	if err != nil {
		t.Fatal(err)
	}
	new, err := schema.Load("new.graphql", []byte(`type Query { user(id: ID!): User, users: [User!]!, search(q: String): [User!]! }
type User { id: ID!, name: String, role: Role }
enum Role { ADMIN MEMBER GUEST }`))
	if err != nil {
		t.Fatal(err)
	}
	var ops []*diff.Operation
	for _, file := range []struct{ name, doc string }{
		{"users.graphql", "query Users {\n  users {\n    id\n    email\n  }\n}\n"},
		// A selection after non-ASCII text: columns count code points.
		{"search.graphql", "query Search {\n  search(q: \"é€😀\") { name, email }\n}\n"},
		{"ok.graphql", "query Ok { users { id role } }\n"},
	} {
		more, err := diff.ParseOperations(file.name, file.doc)
		if err != nil {
			t.Fatal(err)
		}
		ops = append(ops, more...)
	}
	r, err := diff.Compare(old, new, diff.Options{Operations: ops, Rules: rules})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestLogGolden: a small report's log, byte for byte.
func TestLogGolden(t *testing.T) {
	data := sarif.Log(fixture(t), sarif.Options{OperationsDir: "graphql", InformationURI: "https://github.com/schemawatch/schemawatch"})
	golden.Check(t, filepath.Join("testdata", "fixture.sarif.golden"), data)
}

// TestLevels: breaking changes are errors; a change a rule made dangerous
// (the removal of a deprecated field) is a warning, at the same place.
func TestLevels(t *testing.T) {
	for _, tt := range []struct {
		rules []diff.Rule
		level string
	}{
		{nil, "error"},
		{[]diff.Rule{mustRule(t, "suppressRemovalOfDeprecatedField")}, "warning"},
	} {
		doc := decode(t, sarif.Log(fixture(t, tt.rules...), sarif.Options{}))
		results := doc.Runs[0].Results
		if len(results) != 2 {
			t.Fatalf("%d results, want 2 (users and search)", len(results))
		}
		for _, res := range results {
			if res.Level != tt.level || res.RuleID != "FIELD_REMOVED" {
				t.Errorf("%s: %s %s, want FIELD_REMOVED %s", res.Locations[0].PhysicalLocation.ArtifactLocation.URI, res.RuleID, res.Level, tt.level)
			}
		}
	}
}

func mustRule(t *testing.T, name string) diff.Rule {
	t.Helper()
	r, ok := diff.RuleByName(name)
	if !ok {
		t.Fatalf("no rule %s", name)
	}
	return r
}

// TestNoOperations: without an operations check the log is valid and
// empty.
func TestNoOperations(t *testing.T) {
	r := fixture(t)
	r.Impact = nil
	doc := decode(t, sarif.Log(r, sarif.Options{}))
	if len(doc.Runs[0].Results) != 0 {
		t.Errorf("%d results", len(doc.Runs[0].Results))
	}
}

// TestLogValidates: the fixture's logs validate against SARIF 2.1.0.
func TestLogValidates(t *testing.T) {
	sch := sarifSchema(t)
	validate(t, sch, sarif.Log(fixture(t), sarif.Options{OperationsDir: "graphql"}))
	r := fixture(t)
	r.Impact = nil
	validate(t, sch, sarif.Log(r, sarif.Options{}))
	if err := sch.Validate(map[string]any{"version": "2.1.0"}); err == nil {
		t.Error("a log without runs validates: the schema is not being applied")
	}
}
