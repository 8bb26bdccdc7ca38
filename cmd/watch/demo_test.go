package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/internal/demo"
	"github.com/schemawatch/schemawatch/internal/snapshot"
)

// TestDemoRemovesItsScratchDirectory: without --workdir the demo leaves
// nothing behind, points at no path it removed, and says how to keep the
// outputs; it does not log the capability fallback its own API provokes.
func TestDemoRemovesItsScratchDirectory(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	code, stdout, stderr := runWatch(t, "demo")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if entries, _ := os.ReadDir(tmp); len(entries) != 0 {
		t.Errorf("the demo left %s behind", entries[0].Name())
	}
	if strings.Contains(stdout, tmp) {
		t.Errorf("stdout names a removed path:\n%s", stdout)
	}
	if !strings.Contains(stdout, "--workdir DIR") || !strings.Contains(stdout, "broken ProjectOverview.graphql") {
		t.Errorf("stdout:\n%s", stdout)
	}
	if strings.Contains(stderr, "rejected part of the introspection query") {
		t.Errorf("the demo logs its own endpoint's capability fallback:\n%s", stderr)
	}
}

// TestDemoWorkdirKeepsTheOperationsAnalysis: a new --workdir is set up as
// the scratch copy is, the client's operations included, so the report
// still names the operations a change breaks, and everything stays there.
// A work directory that has its own snapshot (this checkout) gets no
// operations.
func TestDemoWorkdirKeepsTheOperationsAnalysis(t *testing.T) {
	dir := t.TempDir()
	code, stdout, stderr := runWatch(t, "demo", "--workdir", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "broken ProjectOverview.graphql") || !strings.Contains(stdout, dir) {
		t.Errorf("stdout:\n%s", stdout)
	}
	if _, err := os.Stat(filepath.Join(dir, "operations", "demo", "ProjectOverview.graphql")); err != nil {
		t.Error(err)
	}

	checkout := t.TempDir()
	if err := snapshot.Write(filepath.Join(checkout, "snapshots", "demo"), demo.Schema(demo.V1).WithCapabilities(demo.DefaultIntrospection), snapshot.Meta{}); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := runWatch(t, "demo", "--workdir", checkout); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(checkout, "operations")); !os.IsNotExist(err) {
		t.Errorf("operations written into a checkout with its own snapshot: %v", err)
	}
}
