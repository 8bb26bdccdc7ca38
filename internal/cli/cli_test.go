package cli

import (
	"bytes"
	"errors"
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
