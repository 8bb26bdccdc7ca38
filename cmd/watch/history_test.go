package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/internal/history"
	"github.com/schemawatch/schemawatch/internal/testcorpus"
)

func TestHistoryCommand(t *testing.T) {
	versions := map[string]string{
		"001-2024-01-01.graphql":  `type Query { a: Int b: Int }`,
		"002-2024-02-01.gql.gz":   `type Query { a: Int @deprecated(reason: "gone on 2024-06-01") b: Int }`,
		"003-2024-03-01.graphqls": `type Query {`,
		"004-2024-04-01.json":     `{"data":{"__schema":{"queryType":{"name":"Query"},"types":[{"kind":"OBJECT","name":"Query","fields":[{"name":"b","args":[],"type":{"kind":"SCALAR","name":"Int"}}],"interfaces":[]},{"kind":"SCALAR","name":"Int"},{"kind":"SCALAR","name":"String"},{"kind":"SCALAR","name":"Boolean"}],"directives":[]}}}`,
		"README.md":               "not a version",
	}
	src := writeFiles(t, versions)
	out := filepath.Join(t.TempDir(), "history")
	code, stdout, stderr := runWatch(t, "history", src, "-o", out, "--name", "Test")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"3 versions from 2024-01-01 to 2024-04-01 (1 skipped)", "0 deprecated now", "1 removed, 0 of them without prior deprecation", "median notice before removal: 60 days"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout does not say %q:\n%s", want, stdout)
		}
	}
	if !strings.Contains(stderr, "warning: skipping 003-2024-03-01.graphqls") {
		t.Errorf("stderr does not warn of the broken version:\n%s", stderr)
	}
	var d history.Deprecations
	data, err := os.ReadFile(filepath.Join(out, history.DeprecationsFile))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &d); err != nil {
		t.Fatal(err)
	}
	if d.Versions != 3 || d.Skipped != 1 || len(d.Removed) != 1 || *d.Removed[0].NoticeDays != 60 {
		t.Errorf("deprecations.json: %s", data)
	}
	for _, name := range []string{history.ChangelogFile, history.TimelineFile, history.LedgerFile} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Error(err)
		}
	}
}

func TestHistoryCommandErrors(t *testing.T) {
	src := writeFiles(t, map[string]string{"001-2024-01-01.graphql": `type Query { a: Int }`})
	undated := writeFiles(t, map[string]string{"001-2024-01-01.graphql": `type Query { a: Int }`, "latest.graphql": `type Query { a: Int }`})
	broken := writeFiles(t, map[string]string{"001-2024-01-01.graphql": `type Query {`})
	foreign := writeFiles(t, map[string]string{"notes.txt": "mine"})
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no output", []string{"history", src}, "-o DIR is required"},
		{"no source", []string{"history", "-o", t.TempDir()}, "want one SOURCE, got 0"},
		{"unknown flag", []string{"history", "--bogus", src}, "unknown flag --bogus"},
		{"undated file", []string{"history", undated, "-o", t.TempDir()}, "latest.graphql: no YYYY-MM-DD date in the file name"},
		{"nothing loads", []string{"history", broken, "-o", t.TempDir()}, "no schema version could be loaded"},
		{"foreign directory", []string{"history", src, "-o", foreign}, "notes.txt, which is not a history file"},
		{"missing source", []string{"history", filepath.Join(src, "nope"), "-o", t.TempDir()}, "no such file or directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runWatch(t, tt.args...)
			if code != 2 || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, stderr, tt.want)
			}
		})
	}
}

func TestHistoryHelpExplainsEveryFlag(t *testing.T) {
	_, help, _ := runWatch(t, "history", "--help")
	for _, flag := range []string{"--output", "-o", "--name"} {
		if !strings.Contains(help, flag) {
			t.Errorf("--help does not explain %s", flag)
		}
	}
	if _, top, _ := runWatch(t, "--help"); !strings.Contains(top, "history ") {
		t.Error("watch --help does not list history")
	}
}

// TestHistoryRailway runs the command over the real corpus, twice: the
// same versions give the same bytes.
func TestHistoryRailway(t *testing.T) {
	src := testcorpus.Path(t, "corpus", "railway", "schemas")
	out := filepath.Join(t.TempDir(), "history")
	var first map[string]string
	for range 2 {
		code, stdout, stderr := runWatch(t, "history", src, "-o", out, "--name", "Railway")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if !strings.Contains(stdout, "46 versions from 2023-03-03 to 2026-08-08") {
			t.Errorf("stdout:\n%s", stdout)
		}
		files := map[string]string{}
		for _, name := range []string{history.DeprecationsFile, history.ChangelogFile, history.TimelineFile, history.LedgerFile} {
			data, err := os.ReadFile(filepath.Join(out, name))
			if err != nil {
				t.Fatal(err)
			}
			files[name] = string(data)
		}
		if first != nil {
			for name := range files {
				if files[name] != first[name] {
					t.Errorf("%s differs between two runs", name)
				}
			}
		}
		first = files
	}
}

// TestHistoryTwoRunsAtOnce: two runs writing the same history at once each
// succeed or fail cleanly, and what is left is one whole history.
func TestHistoryTwoRunsAtOnce(t *testing.T) {
	src := writeFiles(t, map[string]string{
		"001-2024-01-01.graphql": `type Query { a: Int b: Int }`,
		"002-2024-02-01.graphql": `type Query { a: Int @deprecated b: Int }`,
		"003-2024-03-01.graphql": `type Query { b: Int }`,
	})
	out := filepath.Join(t.TempDir(), "history")
	codes := make(chan int, 2)
	for range 2 {
		go func() {
			code, _, _ := runWatch(t, "history", src, "-o", out)
			codes <- code
		}()
	}
	ok := 0
	for range 2 {
		switch <-codes {
		case 0:
			ok++
		case 2:
		default:
			t.Error("a run exited with neither 0 nor 2")
		}
	}
	if ok == 0 {
		t.Error("neither run succeeded")
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 4 {
		t.Errorf("the history holds %d files, want 4", len(entries))
	}
	code, _, stderr := runWatch(t, "history", src, "-o", out)
	if code != 0 {
		t.Errorf("a third run: exit %d: %s", code, stderr)
	}
}
