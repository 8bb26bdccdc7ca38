package cli

import (
	"bytes"
	"errors"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/internal/redact"
)

func TestParse(t *testing.T) {
	fs := NewFlagSet("thing")
	n := fs.Int("n", 1, "")
	var out bytes.Buffer
	if stop, err := Parse(fs, []string{"-n", "3"}, "usage\n", &out); stop || err != nil || *n != 3 {
		t.Errorf("stop %v, err %v, n %d", stop, err, *n)
	}
	if stop, err := Parse(NewFlagSet("thing"), []string{"--help"}, "usage\n", &out); !stop || err != nil || out.String() != "usage\n" {
		t.Errorf("--help: stop %v, err %v, out %q", stop, err, out.String())
	}
	out.Reset()
	stop, err := Parse(NewFlagSet("thing"), []string{"--nope"}, "usage\n", &out)
	if !stop || err == nil || !strings.Contains(err.Error(), "(see thing --help)") || out.Len() != 0 {
		t.Errorf("a bad flag: stop %v, err %v, out %q", stop, err, out.String())
	}
}

func TestFailMasksSecrets(t *testing.T) {
	var stderr bytes.Buffer
	code := Fail(&stderr, "prog", redact.New("s3cr3t-value"), ExitRemote, errors.New("server said s3cr3t-value"))
	if code != ExitRemote || stderr.String() != "prog: server said [REDACTED]\n" {
		t.Errorf("code %d, stderr %q", code, stderr.String())
	}
}

func TestLoggerOmitsTimeAndMasks(t *testing.T) {
	var buf bytes.Buffer
	Logger(&buf, redact.New("s3cr3t-value"), 0).Info("hello", "token", "s3cr3t-value")
	if got := buf.String(); got != "level=INFO msg=hello token=[REDACTED]\n" {
		t.Errorf("log line %q", got)
	}
}

// hostileMessage is an error a server can send: an escape sequence that
// clears the screen, a bell, a C1 control and a right-to-left override.
const hostileMessage = "bad request \x1b[2J\x1b]0;pwned\a \u009b31m \u202egnp.exe\nsecond line"

func TestFailEscapesControls(t *testing.T) {
	var stderr bytes.Buffer
	Fail(&stderr, "prog", redact.New(), ExitRemote, errors.New(hostileMessage))
	want := `prog: bad request \x1b[2J\x1b]0;pwned\x07 \u009b31m \u202egnp.exe\x0asecond line` + "\n"
	if got := stderr.String(); got != want {
		t.Errorf("stderr = %q, want %q", got, want)
	}
}

func TestWarnEscapesControls(t *testing.T) {
	var stderr bytes.Buffer
	Warn(&stderr, "prog", []string{"s.graphql:1:2: first", "second " + hostileMessage})
	want := "prog: warning: s.graphql:1:2: first\n" +
		`prog: warning: second bad request \x1b[2J\x1b]0;pwned\x07 \u009b31m \u202egnp.exe\x0asecond line` + "\n"
	if got := stderr.String(); got != want {
		t.Errorf("stderr = %q, want %q", got, want)
	}
}

// TestLoggerEscapesControls: slog's text handler quotes a message or value
// holding a control or bidi character, writing it as an escape; this pins
// that for the logger every command uses.
func TestLoggerEscapesControls(t *testing.T) {
	var buf bytes.Buffer
	Logger(&buf, redact.New(), 0).Info(hostileMessage, "server", hostileMessage, "err", errors.New(hostileMessage))
	if got := buf.String(); strings.ContainsAny(got, "\x1b\a\u009b\u202e") || strings.Count(got, "\n") != 1 {
		t.Errorf("log line holds raw controls: %q", got)
	}
}

func TestSuggest(t *testing.T) {
	cands := []string{"diff", "demo", "generate", "run", "format", "fail-on", "full-report", "operations"}
	tests := []struct{ typed, want string }{
		{"dif", "diff"},
		{"dmeo", "demo"},
		{"formt", "format"},
		{"FORMAT", "format"},
		{"fail-one", "fail-on"},
		{"operation", "operations"},
		{"gen", "generate"}, // a prefix of one
		{"x", ""},
		{"zzzzzz", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Suggest(tt.typed, cands); got != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q", tt.typed, got, tt.want)
		}
	}
}

func TestParseSuggestsFlags(t *testing.T) {
	fs := NewFlagSet("thing")
	fs.String("format", "", "")
	fs.String("o", "", "")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--formt", "x"}, "unknown flag --formt; did you mean --format? (see thing --help)"},
		{[]string{"-formt=x"}, "unknown flag -formt; did you mean --format? (see thing --help)"},
		{[]string{"--p"}, "unknown flag --p; did you mean -o? (see thing --help)"},
		{[]string{"--nothing-like-it"}, "unknown flag --nothing-like-it (see thing --help)"},
	}
	for _, tt := range tests {
		_, err := Parse(fs, tt.args, "", &bytes.Buffer{})
		if err == nil || err.Error() != tt.want {
			t.Errorf("%q: %v, want %q", tt.args, err, tt.want)
		}
	}
}

func TestProgramName(t *testing.T) {
	tests := []struct{ argv0, want string }{
		{"/usr/local/bin/schemawatch", "schemawatch"},
		{"./watch", "watch"},
		{"schemawatch.exe", "schemawatch"},
		{"/tmp/go-build123456/b001/exe/watch", "fallback"},
		{"", "fallback"},
	}
	for _, tt := range tests {
		if got := ProgramName(tt.argv0, "fallback"); got != tt.want {
			t.Errorf("ProgramName(%q) = %q, want %q", tt.argv0, got, tt.want)
		}
	}
}

func TestRenamer(t *testing.T) {
	r := NewRenamer("watch", "sw", []string{"diff", "run"})
	in := "Usage: watch diff [flags]\nRuns the watch cycle.\n  watch run --once\n(see watch --help) 'watch <command> --help' watch diffs"
	want := "Usage: sw diff [flags]\nRuns the watch cycle.\n  sw run --once\n(see sw --help) 'sw <command> --help' watch diffs"
	if got := r.Rename(in); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	r = NewRenamer("introspect", "intro$1", nil)
	if got := r.Rename("Usage: introspect [flags]\nby introspection\n  introspect"); got != "Usage: intro$1 [flags]\nby introspection\n  intro$1" {
		t.Errorf("got %q", got)
	}
}

func TestVersionLine(t *testing.T) {
	info := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "v1.2.3"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "abc123"}, {Key: "vcs.time", Value: "2026-12-01T00:00:00Z"}, {Key: "vcs.modified", Value: "true"}}}
	if got, want := versionLine("schemawatch", info), "schemawatch v1.2.3 commit abc123 (modified) 2026-12-01T00:00:00Z go1.26.8\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got, want := versionLine("x", &debug.BuildInfo{}), "x (devel)\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
