package main

import (
	"path/filepath"
	"strings"
	"testing"
)

const legacySDL = "type Query implements Node, Named { id: ID name: String id: ID }\ninterface Node { id: ID }\ninterface Named { name: String }\n"

// TestDiffAndGenerateReadLenientSDL: watch diff and watch generate load SDL
// that graphql-js's strict build rejects, with a one-line warning per
// assumption on stderr.
func TestDiffAndGenerateReadLenientSDL(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"old.graphql": legacySDL,
		"new.graphql": strings.Replace(legacySDL, "name: String id: ID }", "name: String id: ID extra: Int }", 1),
	})
	p := func(name string) string { return filepath.Join(dir, name) }
	warnings := func(t *testing.T, stderr, prog string, files ...string) {
		t.Helper()
		var want []string
		for _, f := range files {
			want = append(want,
				prog+": warning: "+p(f)+":1:12: type Query: `implements Node, Named` is the pre-2018 syntax; read as `implements Node & Named`",
				prog+": warning: "+p(f)+":1:57: field Query.id is defined more than once; keeping the first (1:37)")
		}
		var got []string
		for _, line := range strings.Split(strings.TrimSuffix(stderr, "\n"), "\n") {
			if strings.Contains(line, "warning:") {
				got = append(got, line)
			}
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}

	code, stdout, stderr := runWatch(t, "diff", p("old.graphql"), p("new.graphql"))
	if code != 0 || !strings.Contains(stdout, "Query.extra") {
		t.Fatalf("diff: exit %d\nstdout: %s\nstderr: %s", code, stdout, stderr)
	}
	warnings(t, stderr, "watch diff", "old.graphql", "new.graphql")

	code, _, stderr = runWatch(t, "generate", "--schema", p("new.graphql"), "--go-out", filepath.Join(t.TempDir(), "api"), "--go-package", "api")
	if code != 0 {
		t.Fatalf("generate: exit %d\nstderr: %s", code, stderr)
	}
	warnings(t, stderr, "watch generate", "new.graphql")
}
