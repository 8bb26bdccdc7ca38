package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/internal/cli"
)

// TestDiffSARIF: watch diff --format sarif writes a SARIF log whose file
// locations are relative to the working directory, the repository root in
// CI; it needs --operations.
func TestDiffSARIF(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"old.graphql":           "type Query { a: Int b: Int }\n",
		"new.graphql":           "type Query { a: Int }\n",
		"client/ops/Q.graphql":  "query Q {\n  a\n  b\n}\n",
		"client/ops/OK.graphql": "query OK { a }\n",
	})
	t.Chdir(dir)
	out := filepath.Join(dir, "out.sarif")
	code, stdout, stderr := runWatch(t, "diff", "--format", "sarif", "--operations", "./client/ops", "-o", out, "old.graphql", "new.graphql")
	if code != cli.ExitThreshold || stdout != "" || stderr != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID    string
				Level     string
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI, URIBaseID string }
						Region           struct{ StartLine, StartColumn int }
					}
				}
			}
		}
	}
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != 1 || len(log.Runs[0].Results) != 1 {
		t.Fatalf("want one result:\n%s", data)
	}
	res := log.Runs[0].Results[0]
	loc := res.Locations[0].PhysicalLocation
	if res.RuleID != "FIELD_REMOVED" || res.Level != "error" || loc.ArtifactLocation.URI != "client/ops/Q.graphql" ||
		loc.ArtifactLocation.URIBaseID != "%SRCROOT%" || loc.Region.StartLine != 3 || loc.Region.StartColumn != 3 {
		t.Errorf("result %+v", res)
	}

	code, _, stderr = runWatch(t, "diff", "--format", "sarif", "old.graphql", "new.graphql")
	if code != cli.ExitUsage || !strings.Contains(stderr, "give --operations DIR") {
		t.Errorf("without --operations: exit %d, %q", code, stderr)
	}
}
