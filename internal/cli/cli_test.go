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
