package main

import (
	"strings"
	"testing"
)

// TestFromLenientSDL: SDL that graphql-js's strict build rejects but real
// APIs publish loads with one warning line per assumption on stderr; an
// undefined type stays an error.
func TestFromLenientSDL(t *testing.T) {
	legacy := writeFile(t, "legacy.graphql", "type Query implements Node, Named { id: ID name: String id: ID }\ninterface Node { id: ID }\ninterface Named { name: String }\n")
	r := runCmd(t, nil, "--from", legacy)
	if r.code != 0 {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, "type Query implements Named & Node {\n  id: ID\n  name: String\n}\n") {
		t.Errorf("stdout:\n%s", r.stdout)
	}
	lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "introspect: warning: "+legacy+":1:12: type Query: `implements Node, Named` is the pre-2018 syntax") ||
		!strings.HasPrefix(lines[1], "introspect: warning: "+legacy+":1:57: field Query.id is defined more than once") {
		t.Errorf("stderr = %q, want one warning line per assumption", r.stderr)
	}

	undefined := writeFile(t, "undefined.graphql", "type Query implements Node, Missing { id: ID }\ninterface Node { id: ID }\n")
	if r := runCmd(t, nil, "--from", undefined); r.code != 2 || !strings.Contains(r.stderr, `undefined interface "Missing"`) {
		t.Errorf("an undefined interface: exit %d, stderr %q", r.code, r.stderr)
	}
}
