package watch

import (
	"slices"
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/internal/diff"
)

// TestCycleRegeneratesTheOperationClient follows the demo client's typed
// operations through a breaking change: the first pull request carries a
// function for every operation; after version 2, the operations it breaks
// lose their code and are listed in the package documentation, the report
// says they break, and the others are regenerated.
func TestCycleRegeneratesTheOperationClient(t *testing.T) {
	w := newWorld(t, false)
	w.mustRun()
	first := w.openPull()
	w.fake.MergePull(first.Number)
	w.fake.DeleteBranch("schemawatch/demo")
	main := w.fake.BranchFiles("main")
	before := operationFiles(main)
	if len(before) != 5 || main["demoapi/client.go"] == "" {
		t.Fatalf("after the first run: operation files %v, want the demo client's five and client.go", before)
	}

	w.serve(v2())
	out := w.mustRun()
	var broken []string
	for _, r := range out.Report.Impact.Operations {
		if r.Status == diff.StatusBroken {
			broken = append(broken, r.Operation.ID)
		}
	}
	if len(broken) == 0 {
		t.Fatal("version 2 breaks none of the demo client's operations; the test needs one it breaks")
	}
	branch := w.fake.BranchFiles("schemawatch/demo")
	after := operationFiles(branch)
	if len(after) != len(before)-len(broken) {
		t.Errorf("operation files after version 2: %v; before %v, broken %v", after, before, broken)
	}
	for _, id := range broken {
		if !strings.Contains(branch["demoapi/doc.go"], id+":") {
			t.Errorf("doc.go does not list the broken operation %s:\n%s", id, branch["demoapi/doc.go"])
		}
		if !strings.Contains(out.PullRequest.Body, strings.TrimSuffix(id, ".graphql")) {
			t.Errorf("the pull request does not mention the broken operation %s", id)
		}
	}
	if !slices.Contains(out.Files, "demoapi/client.go") {
		t.Errorf("files %v: want the client", out.Files)
	}
}

// operationFiles lists a branch's generated operation files.
func operationFiles(files map[string]string) []string {
	var out []string
	for p := range files {
		if strings.HasPrefix(p, "demoapi/op_") {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}
