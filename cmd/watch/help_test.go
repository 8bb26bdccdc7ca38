package main

import (
	"regexp"
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/internal/cli"
)

// TestEveryHelpEndsWithExamplesAndEnvironment walks the top-level help and
// every subcommand's: each ends with an Examples section and an
// Environment section.
func TestEveryHelpEndsWithExamplesAndEnvironment(t *testing.T) {
	helps := map[string][]string{"watch": {"--help"}}
	for _, c := range commands {
		helps["watch "+c.name] = []string{c.name, "--help"}
	}
	for name, args := range helps {
		t.Run(name, func(t *testing.T) {
			code, stdout, stderr := runWatch(t, args...)
			if code != cli.ExitOK || stderr != "" {
				t.Fatalf("exit %d, stderr %q", code, stderr)
			}
			checkHelpSections(t, stdout)
		})
	}
}

// checkHelpSections: the last two sections are Examples (with at least one
// example) and Environment, in that order.
func checkHelpSections(t *testing.T, help string) {
	t.Helper()
	examples := strings.LastIndex(help, "\nExamples:\n")
	environment := strings.LastIndex(help, "\nEnvironment:\n")
	if examples < 0 || environment < examples {
		t.Fatalf("help does not end with Examples then Environment:\n%s", help)
	}
	if rest := help[environment+1:]; regexp.MustCompile(`\n\n\S`).MatchString(rest) {
		t.Errorf("a section follows Environment:\n%s", rest)
	}
	if !regexp.MustCompile(`\n  \S`).MatchString(help[examples:environment]) {
		t.Errorf("Examples lists none:\n%s", help[examples:environment])
	}
}

// TestDidYouMean: a mistyped command or flag is named as typed, with the
// command or flag probably meant.
func TestDidYouMean(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"dif"}, `watch: unknown command "dif"; did you mean "diff"?`},
		{[]string{"genrate"}, `did you mean "generate"?`},
		{[]string{"rnu"}, `did you mean "run"?`},
		{[]string{"--verison"}, `did you mean --version?`},
		{[]string{"diff", "--formt", "json", "a", "b"}, "watch diff: unknown flag --formt; did you mean --format? (see watch diff --help)"},
		{[]string{"diff", "-formt", "json", "a", "b"}, "unknown flag -formt; did you mean --format?"},
		{[]string{"run", "--once", "--dryrun"}, "unknown flag --dryrun; did you mean --dry-run?"},
		{[]string{"demo", "--workdri", "x"}, "did you mean --workdir?"},
		{[]string{"generate", "--go-pakage", "x"}, "did you mean --go-package?"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, _, stderr := runWatch(t, tt.args...)
			if code != cli.ExitUsage || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want %q", code, stderr, tt.want)
			}
		})
	}
	// Nothing close: no suggestion.
	if _, _, stderr := runWatch(t, "xyzzy"); strings.Contains(stderr, "did you mean") {
		t.Errorf("suggests for a word close to nothing: %q", stderr)
	}
}

// TestVersion: --version prints one line that names the program.
func TestVersion(t *testing.T) {
	code, stdout, stderr := runWatch(t, "--version")
	if code != cli.ExitOK || stderr != "" || !strings.HasPrefix(stdout, "watch ") || strings.Count(stdout, "\n") != 1 {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

// TestInvokedName: help and messages call the program by the name it was
// invoked with.
func TestInvokedName(t *testing.T) {
	prev := cli.InvokedAs(cli.NewRenamer(programName, "schemawatch", commandNames()))
	t.Cleanup(func() { cli.InvokedAs(prev) })
	_, stdout, _ := runWatch(t, "diff", "--help")
	if !strings.HasPrefix(stdout, "Usage: schemawatch diff ") || !strings.Contains(stdout, "\n  schemawatch diff --format sarif") {
		t.Errorf("diff --help does not say schemawatch:\n%s", stdout)
	}
	_, stdout, _ = runWatch(t, "run", "--help")
	if !strings.Contains(stdout, "Runs the watch cycle") {
		t.Errorf("prose was renamed:\n%s", stdout)
	}
	_, _, stderr := runWatch(t, "dif")
	if stderr != "schemawatch: unknown command \"dif\"; did you mean \"diff\"? (see schemawatch --help)\n" {
		t.Errorf("stderr %q", stderr)
	}
	_, _, stderr = runWatch(t, "diff", "--formt")
	if !strings.HasPrefix(stderr, "schemawatch diff: ") || !strings.Contains(stderr, "see schemawatch diff --help") {
		t.Errorf("stderr %q", stderr)
	}
	_, stdout, _ = runWatch(t, "--version")
	if !strings.HasPrefix(stdout, "schemawatch ") {
		t.Errorf("--version: %q", stdout)
	}
}
