package main

import (
	"strings"
	"testing"
)

// TestVersionAndHelp: --version prints one line naming the program; --help
// ends with examples and the environment variables read; a mistyped flag
// gets the flag probably meant.
func TestVersionAndHelp(t *testing.T) {
	r := runCmd(t, nil, "--version")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "introspect ") || strings.Count(r.stdout, "\n") != 1 {
		t.Errorf("--version: %+v", r)
	}
	r = runCmd(t, nil, "--help")
	examples, environment := strings.LastIndex(r.stdout, "\nExamples:\n"), strings.LastIndex(r.stdout, "\nEnvironment:\n")
	if examples < 0 || environment < examples || !strings.Contains(r.stdout[environment:], "RAILWAY_API_TOKEN") {
		t.Errorf("--help does not end with Examples and Environment:\n%s", r.stdout)
	}
	r = runCmd(t, nil, "--endpont", "x")
	if r.code != 2 || !strings.Contains(r.stderr, "unknown flag --endpont; did you mean --endpoint?") {
		t.Errorf("a typo: %+v", r)
	}
}
