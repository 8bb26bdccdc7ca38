package clientops_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/internal/clientops"
	"github.com/schemawatch/schemawatch/internal/diff"
	"github.com/schemawatch/schemawatch/internal/testcorpus"
)

func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestRead(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"b/two.gql":       "query Two { a } mutation Three { b }",
		"a.graphql":       "{ a }",
		"notes.txt":       "not an operation",
		"c/d/e/f.graphql": "subscription S { s }",
	})
	ops, err := clientops.Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, op := range ops {
		ids = append(ids, op.ID+" "+op.Kind)
	}
	want := "a.graphql query|b/two.gql#Two query|b/two.gql#Three mutation|c/d/e/f.graphql subscription"
	if got := strings.Join(ids, "|"); got != want {
		t.Errorf("operations = %s, want %s", got, want)
	}
}

// TestReadErrors: errors name the file as given and say what to do; a
// syntax error is a *diff.SyntaxError with its position, not text glued
// together.
func TestReadErrors(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{"ok.graphql": "{ a }", "sub/bad.graphql": "query {\n  me {\n}"})
	_, err := clientops.Read(dir)
	var syn *diff.SyntaxError
	if !errors.As(err, &syn) {
		t.Fatalf("error %v (%T) is not a *diff.SyntaxError", err, err)
	}
	if want := filepath.Join(dir, "sub", "bad.graphql"); syn.File != want || syn.Line != 3 || syn.Column != 1 {
		t.Errorf("position = %s:%d:%d, want %s:3:1", syn.File, syn.Line, syn.Column, want)
	}
	if !strings.HasPrefix(err.Error(), filepath.Join(dir, "sub", "bad.graphql")+":3:1: ") {
		t.Errorf("message = %q", err)
	}

	empty := t.TempDir()
	if _, err := clientops.Read(empty); err == nil || !strings.Contains(err.Error(), "no .graphql or .gql files") {
		t.Errorf("empty directory: %v", err)
	}
	if _, err := clientops.Read(filepath.Join(empty, "missing")); err == nil || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing directory: %v", err)
	}
}

// TestReadRailway reads the real client's operations.
func TestReadRailway(t *testing.T) {
	ops, err := clientops.Read(testcorpus.Path(t, "corpus", "railway", "operations"))
	if err != nil {
		t.Fatal(err)
	}
	if len(ops) < 100 {
		t.Errorf("%d operations, want the corpus's 140", len(ops))
	}
}
