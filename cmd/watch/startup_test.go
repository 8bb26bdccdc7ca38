package main

import (
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

// Every invocation pays for what the binary links and for every package's
// initialisation before main runs (`watch --version` took 19 ms against
// 5 ms for a hello-world); these tests keep what was taken out of that from
// coming back.

// TestWatchLinksNoHeavyDependency: every command pays for every package
// the binary links. A checkout's history is read with the git binary: a git
// library in process (go-git with its OpenPGP, SSH and elliptic-curve
// dependencies) cost every command 3.6 ms of startup.
func TestWatchLinksNoHeavyDependency(t *testing.T) {
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
		{"encoding/xml", "its init builds a map of 250 HTML entities; the timeline's escaping is by hand"},
	} {
		for pkg := range strings.FieldsSeq(string(out)) {
			if pkg == strings.TrimSuffix(tc.prefix, "/") || strings.HasPrefix(pkg, tc.prefix) {
				t.Errorf("watch links %s (%s)", pkg, tc.why)
				break
			}
		}
	}
}

// ownInitBudget is what one of our packages may allocate while it is
// initialised: regular expressions, tables and decoded files are built on
// first use (sync.OnceValue, lazyregexp), not by every command at startup.
const ownInitBudget = 16

// overInitBudget are the packages that may allocate more, and why.
var overInitBudget = map[string]string{}

// TestOwnPackagesInitializeCheaply runs this test binary again with
// GODEBUG=inittrace=1, which reports each package's initialisation, and
// checks that none of ours allocates more than ownInitBudget times.
func TestOwnPackagesInitializeCheaply(t *testing.T) {
	if os.Getenv("SCHEMAWATCH_INITTRACE_CHILD") != "" {
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1", "SCHEMAWATCH_INITTRACE_CHILD=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s -test.run=^$: %v\n%s", os.Args[0], err, out)
	}
	const ours = "github.com/schemawatch/schemawatch/"
	seen := 0
	for line := range strings.Lines(string(out)) {
		// "init github.com/x/y @1.2 ms, 0.01 ms clock, 312 bytes, 7 allocs"
		f := strings.Fields(line)
		if len(f) != 11 || f[0] != "init" || !strings.HasPrefix(f[1], ours) || f[10] != "allocs" {
			continue
		}
		if strings.Contains(f[1], "fake") || strings.Contains(f[1], "/test") {
			continue // test doubles and test helpers do not ship
		}
		seen++
		allocs, err := strconv.Atoi(f[9])
		if err != nil {
			t.Fatalf("inittrace line %q: %v", line, err)
		}
		if _, exempt := overInitBudget[f[1]]; allocs > ownInitBudget && !exempt {
			t.Errorf("%s allocates %d times (%s bytes) at startup; budget %d: build it on first use", f[1], allocs, f[7], ownInitBudget)
		}
	}
	if seen == 0 {
		t.Fatalf("GODEBUG=inittrace=1 reported none of our packages:\n%s", out)
	}
}
