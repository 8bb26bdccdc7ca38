package main

import (
	"os/exec"
	"strings"
	"testing"
)

// Every invocation pays for what the binary links and for every package's
// initialisation before main runs (`watch --version` took 19 ms against
// 5 ms for a hello-world); these tests keep what was taken out of that from
// coming back.

// TestWatchLinksNoGitLibrary: the watch command reads a checkout's history
// with the git binary; a git library in process (go-git with its OpenPGP,
// SSH and elliptic-curve dependencies) cost every command 3.6 ms of startup.
func TestWatchLinksNoGitLibrary(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not on PATH: cannot list the packages watch links")
	}
	out, err := exec.Command(goTool, "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	for _, tc := range []struct{ prefix, why string }{
		{"github.com/go-git/", "the history of a snapshot directory is read with the git binary"},
		{"github.com/ProtonMail/go-crypto/", "no OpenPGP: it came with go-git"},
		{"github.com/cloudflare/circl/", "no elliptic-curve library: it came with go-git"},
		{"golang.org/x/crypto/ssh", "no SSH: it came with go-git"},
		{"encoding/gob", "no gob: it came with go-git's config parser"},
	} {
		for pkg := range strings.FieldsSeq(string(out)) {
			if pkg == strings.TrimSuffix(tc.prefix, "/") || strings.HasPrefix(pkg, tc.prefix) {
				t.Errorf("watch links %s (%s)", pkg, tc.why)
				break
			}
		}
	}
}
