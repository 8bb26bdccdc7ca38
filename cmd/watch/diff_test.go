package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/internal/cli"
	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/snapshot"
	"github.com/schemawatch/schemawatch/internal/testcorpus"
)

// writeFiles writes files into a new directory and returns its path.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		data := []byte(content)
		if strings.HasSuffix(name, ".gz") {
			var b bytes.Buffer
			zw := gzip.NewWriter(&b)
			zw.Write(data)
			zw.Close()
			data = b.Bytes()
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestDiffCommand(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"old.graphql":        "type Query { a: Int b: Int e: E }\nenum E { A }\n",
		"breaking.graphql":   "type Query { a: Int e: E }\nenum E { A }\n",
		"dangerous.graphql":  "type Query { a: Int b: Int e: E }\nenum E { A B }\n",
		"safe.graphql.gz":    "type Query { a: Int b: Int c: Int e: E }\nenum E { A }\n",
		"invalid.graphql":    "type Query {\n  a: Int\n  b: \n}\n",
		"notschema.json":     `{"data": {"user": {"id": 1}}}`,
		"ops/Q.graphql":      "query Q { b }\n",
		"badops/Q.graphql":   "query Q {\n  b(\n}\n",
		"undefined.graphql":  "type Query { a: Missing }\n",
		"truncated.json":     `{"data": {"__schema": {"types": [`,
		"emptyops/README.md": "no operations here",
	})
	p := func(name string) string { return filepath.Join(dir, name) }
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stdout string // a regexp the output must match
		stderr string // a regexp stderr must match
	}{
		{"breaking fails by default", []string{"diff", p("old.graphql"), p("breaking.graphql")}, cli.ExitThreshold, `FIELD_REMOVED\s+Query\.b`, `^$`},
		{"dangerous passes by default", []string{"diff", p("old.graphql"), p("dangerous.graphql")}, cli.ExitOK, `ENUM_VALUE_ADDED\s+E\.B`, `^$`},
		{"dangerous fails at --fail-on dangerous", []string{"diff", "--fail-on", "dangerous", p("old.graphql"), p("dangerous.graphql")}, cli.ExitThreshold, `DANGEROUS \(1\)`, `^$`},
		{"--fail-on none never fails", []string{"diff", "--fail-on", "none", p("old.graphql"), p("breaking.graphql")}, cli.ExitOK, `BREAKING \(1\)`, `^$`},
		{"safe only, gzip'd", []string{"diff", "--fail-on", "dangerous", p("old.graphql"), p("safe.graphql.gz")}, cli.ExitOK, `Safe changes only`, `^$`},
		{"no change", []string{"diff", p("old.graphql"), p("old.graphql")}, cli.ExitOK, `No changes: 0 breaking, 0 dangerous, 0 safe; suggested version bump: none`, `^$`},
		{"flags after the operands", []string{"diff", p("old.graphql"), p("breaking.graphql"), "--format", "json", "--fail-on", "none"}, cli.ExitOK, `"format": "schemawatch.diff/v1"`, `^$`},
		{"markdown", []string{"diff", "--format", "markdown", p("old.graphql"), p("breaking.graphql")}, cli.ExitThreshold, `(?m)^## ❌ Breaking changes$`, `^$`},
		{"operations", []string{"diff", "--operations", p("ops"), p("old.graphql"), p("breaking.graphql")}, cli.ExitThreshold, `breaks Q\.graphql`, `^$`},
		{"rules", []string{"diff", "--rule", "dangerousBreaking", "--fail-on", "breaking", p("old.graphql"), p("dangerous.graphql")}, cli.ExitThreshold, `rules: dangerousBreaking`, `^$`},
		{"help", []string{"diff", "--help"}, cli.ExitOK, `Usage: watch diff`, `^$`},

		{"one operand", []string{"diff", p("old.graphql")}, cli.ExitUsage, `^$`, `want two schemas, OLD and NEW, got 1`},
		{"missing file", []string{"diff", p("old.graphql"), p("nope.graphql")}, cli.ExitUsage, `^$`, `nope\.graphql: no such file`},
		{"invalid SDL names file and position", []string{"diff", p("old.graphql"), p("invalid.graphql")}, cli.ExitUsage, `^$`, `invalid\.graphql:4:1: invalid SDL`},
		{"undefined type", []string{"diff", p("undefined.graphql"), p("old.graphql")}, cli.ExitUsage, `^$`, `undefined\.graphql: invalid schema: Query\.a references undefined type "Missing"`},
		{"JSON that is no introspection result", []string{"diff", p("old.graphql"), p("notschema.json")}, cli.ExitUsage, `^$`, `notschema\.json: not an introspection result`},
		{"truncated JSON", []string{"diff", p("truncated.json"), p("old.graphql")}, cli.ExitUsage, `^$`, `truncated\.json:1:\d+: invalid JSON.*truncated`},
		{"operation that does not parse", []string{"diff", "--operations", p("badops"), p("old.graphql"), p("old.graphql")}, cli.ExitUsage, `^$`, `Q\.graphql:3:1: `},
		{"no operations in the directory", []string{"diff", "--operations", p("emptyops"), p("old.graphql"), p("old.graphql")}, cli.ExitUsage, `^$`, `holds no \.graphql or \.gql files`},
		{"bad format", []string{"diff", "--format", "yaml", p("old.graphql"), p("old.graphql")}, cli.ExitUsage, `^$`, `--format "yaml": want text, markdown, json or sarif`},
		{"bad threshold", []string{"diff", "--fail-on", "safe", p("old.graphql"), p("old.graphql")}, cli.ExitUsage, `^$`, `-fail-on: "safe": want breaking, dangerous or none`},
		{"bad rule", []string{"diff", "--rule", "considerUsage", p("old.graphql"), p("old.graphql")}, cli.ExitUsage, `^$`, `unknown rule "considerUsage"`},
		{"bad flag", []string{"diff", "--colour", p("old.graphql"), p("old.graphql")}, cli.ExitUsage, `^$`, `unknown flag --colour \(see watch diff --help\)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runWatchEnv(t, nil, tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tc.code, stdout, stderr)
			}
			if !regexp.MustCompile(tc.stdout).MatchString(stdout) {
				t.Errorf("stdout does not match %q:\n%s", tc.stdout, stdout)
			}
			if !regexp.MustCompile(tc.stderr).MatchString(stderr) {
				t.Errorf("stderr does not match %q:\n%s", tc.stderr, stderr)
			}
		})
	}
}

// TestDiffHelpExplainsEveryFlag keeps --help in step with the flags.
func TestDiffHelpExplainsEveryFlag(t *testing.T) {
	_, help, _ := runWatchEnv(t, nil, "diff", "--help")
	for _, flag := range []string{"--format", "--operations", "--fail-on", "--rule", "--full-report", "--output", "-o"} {
		if !strings.Contains(help, flag) {
			t.Errorf("--help does not explain %s", flag)
		}
	}
	if _, top, _ := runWatchEnv(t, nil, "--help"); !strings.Contains(top, "diff ") {
		t.Error("watch --help does not list diff")
	}
}

// TestDiffSnapshotAndOutput diffs a snapshot directory against a file and
// writes the report to a file.
func TestDiffSnapshotAndOutput(t *testing.T) {
	dir := writeFiles(t, map[string]string{"new.graphql": "type Query { a: Int c: String }\n"})
	old, err := schema.ParseSDL("old", "type Query { a: Int b: Int }")
	if err != nil {
		t.Fatal(err)
	}
	snap := filepath.Join(dir, "snapshot")
	if err := snapshot.Write(snap, old, snapshot.Meta{Source: "old"}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "report.json")
	code, stdout, stderr := runWatchEnv(t, nil, "diff", "--format", "json", "-o", out, snap, filepath.Join(dir, "new.graphql"))
	if code != cli.ExitThreshold || stdout != "" || stderr != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Summary struct{ Breaking, NonBreaking int }
	}
	if err := json.Unmarshal(data, &doc); err != nil || doc.Summary.Breaking != 1 || doc.Summary.NonBreaking != 1 {
		t.Errorf("report %s: %v", data, err)
	}
}

// TestDiffColor: colour never goes to a file or pipe, whatever NO_COLOR says.
func TestDiffColor(t *testing.T) {
	dir := writeFiles(t, map[string]string{"a.graphql": "type Query { a: Int }", "b.graphql": "type Query { b: Int }"})
	_, stdout, _ := runWatchEnv(t, nil, "diff", filepath.Join(dir, "a.graphql"), filepath.Join(dir, "b.graphql"))
	if strings.Contains(stdout, "\x1b[") {
		t.Errorf("colour in output that is no terminal:\n%q", stdout)
	}
}

// TestDiffRailway runs the command on every corpus pair in every format,
// with the real client's operations.
func TestDiffRailway(t *testing.T) {
	ops := testcorpus.Path(t, "corpus", "railway", "operations")
	for _, p := range testcorpus.Pairs(t) {
		for _, format := range []string{"text", "markdown", "json"} {
			code, stdout, stderr := runWatchEnv(t, nil, "diff", "--format", format, "--operations", ops, p.Old.Path, p.New.Path)
			if code != cli.ExitOK && code != cli.ExitThreshold || stderr != "" || stdout == "" {
				t.Fatalf("%s %s: exit %d, stderr %q", p.Name, format, code, stderr)
			}
			if format != "json" {
				continue
			}
			var doc struct{ Summary struct{ Breaking int } }
			if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
				t.Fatalf("%s: %v", p.Name, err)
			}
			if want := map[bool]int{true: cli.ExitThreshold, false: cli.ExitOK}[doc.Summary.Breaking > 0]; code != want {
				t.Errorf("%s: exit %d with %d breaking changes", p.Name, code, doc.Summary.Breaking)
			}
		}
	}
}
