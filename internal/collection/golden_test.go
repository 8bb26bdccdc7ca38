package collection

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/internal/golden"

	"github.com/schemawatch/schemawatch/internal/snapshot"
	"github.com/schemawatch/schemawatch/internal/testcorpus"
)

// TestEdgesGolden pins the requests made for the corner cases of
// testdata/edges.graphql, one file per depth, in a form made for reading:
// folder, name, operation and variables of each request.
func TestEdgesGolden(t *testing.T) {
	s := loadSchema(t, "testdata/edges.graphql")
	for _, depth := range []int{1, 2} {
		postman, _ := generate(t, s, Config{Depth: depth})
		var b strings.Builder
		for _, r := range postmanRequests(t, postman) {
			b.WriteString("# " + r.folder + " / " + r.name + "\n")
			b.WriteString(r.query + "\n")
			b.WriteString("# variables: " + strings.TrimSuffix(string(encodingJSON(t, r.variables, "")), "\n") + "\n\n")
		}
		golden.Check(t, filepath.Join("testdata", fmt.Sprintf("edges.depth%d.golden", depth)), []byte(b.String()),
			"go test ./internal/collection -run TestEdgesGolden -update")
	}
}

// TestDemoCollectionsUpToDate keeps the committed demo collections what
// the generator makes of the committed demo snapshot, as the watch cycle
// makes them: a user imports them to try the demo endpoint (watch demo
// --serve 127.0.0.1:4000).
func TestDemoCollectionsUpToDate(t *testing.T) {
	s, _, err := snapshot.Read(filepath.Join(testcorpus.ModuleRoot(t), "snapshots", "demo"))
	if err != nil {
		t.Fatal(err)
	}
	// No fetch time: the watch cycle gives none, so that a rerun with the
	// same schema rewrites nothing.
	files, err := Generate(s, demoConfig)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(testcorpus.ModuleRoot(t), "collection")
	for name, data := range files {
		golden.Check(t, filepath.Join(dir, name), data, "make generate")
	}
}

// demoConfig is what the committed demo collections are generated with.
var demoConfig = Config{Name: "demo", Endpoint: "http://127.0.0.1:4000/graphql/v2", Auth: Auth{Kind: AuthRailway}}
