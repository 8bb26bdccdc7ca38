package main

import (
	"strings"
	"testing"
)

// TestDemoShowsTheTypedClientChanging: the scratch copy holds the Go
// package of version 1 with the demo client's typed functions; the cycle
// regenerates those that version 2 leaves valid and removes those it
// breaks.
func TestDemoShowsTheTypedClientChanging(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	code, stdout, stderr := runWatch(t, "demo")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	regenerated, removed, ok := strings.Cut(stdout, "Removed, no longer generated")
	if !ok {
		t.Fatalf("stdout lists nothing removed:\n%s", stdout)
	}
	for _, want := range []string{"demoapi/client.go", "demoapi/op_createservice.go", "demoapi/op_deploymentstatussubscription.go", "demoapi/op_search.go"} {
		if !strings.Contains(regenerated, want) {
			t.Errorf("stdout does not list %s as regenerated:\n%s", want, stdout)
		}
	}
	for _, want := range []string{"demoapi/op_projectoverview.go", "demoapi/op_volumeusage.go"} {
		if !strings.Contains(removed, want) {
			t.Errorf("stdout does not list %s as removed:\n%s", want, stdout)
		}
	}
}
