package redact_test

import (
	"bytes"
	"errors"
	"io/fs"
	"log/slog"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/schemawatch/schemawatch/internal/redact"
)

func TestString(t *testing.T) {
	r := redact.New("abcd1234", "abcd1234-longer", "", "xy", "  padded-secret  ")
	tests := []struct{ in, want string }{
		{"token abcd1234 here", "token [REDACTED] here"},
		{"abcd1234-longer", "[REDACTED]"}, // the longer secret is masked whole
		{"xy stays: too short to be a token", "xy stays: too short to be a token"},
		{"padded-secret", "[REDACTED]"},
		{"nothing", "nothing"},
	}
	for _, tt := range tests {
		if got := r.String(tt.in); got != tt.want {
			t.Errorf("String(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	var nilR *redact.Redactor
	if nilR.String("abcd1234") != "abcd1234" {
		t.Error("a nil Redactor must pass text through")
	}
}

func TestError(t *testing.T) {
	r := redact.New("abcd1234")
	base := &fs.PathError{Op: "open", Path: "/tmp/abcd1234", Err: fs.ErrNotExist}
	err := r.Error(base)
	if strings.Contains(err.Error(), "abcd1234") {
		t.Errorf("not masked: %v", err)
	}
	var pe *fs.PathError
	if !errors.As(err, &pe) || !errors.Is(err, fs.ErrNotExist) {
		t.Error("the error chain was lost")
	}
	if r.Error(nil) != nil {
		t.Error("nil must stay nil")
	}
}

func TestHandler(t *testing.T) {
	var buf bytes.Buffer
	r := redact.New("abcd1234")
	log := slog.New(r.Handler(slog.NewTextHandler(&buf, nil))).With("token", "abcd1234")
	log.Info("sent abcd1234", "header", "Bearer abcd1234", "err", errors.New("bad abcd1234"),
		slog.Group("req", "auth", "abcd1234"), "n", 3)
	out := buf.String()
	if strings.Contains(out, "abcd1234") {
		t.Errorf("the secret was logged: %s", out)
	}
	for _, want := range []string{`msg="sent [REDACTED]"`, `header="Bearer [REDACTED]"`, `err="bad [REDACTED]"`, `req.auth=[REDACTED]`, `token=[REDACTED]`, "n=3"} {
		if !strings.Contains(out, want) {
			t.Errorf("log line %q lacks %q", out, want)
		}
	}
}

func TestExcerpt(t *testing.T) {
	secret := "tok-" + strings.Repeat("x", 40)
	r := redact.New(secret)
	tests := []struct {
		name  string
		r     *redact.Redactor
		in    string
		limit int
		want  string
	}{
		{"short text passes", r, "a  b\n\tc", 10, "a b c"},
		// The secret starts before the cut and ends after it: masked whole
		// first, so no part of it survives the cut.
		{"secret across the cut", r, strings.Repeat("a", 290) + " " + secret + " tail", 300, strings.Repeat("a", 290) + " [REDACTED…"},
		{"secret past the cut", r, strings.Repeat("a", 298) + " " + secret, 300, strings.Repeat("a", 298) + " […"},
		{"runes are not split", nil, "ééééé", 3, "ééé…"},
		{"exactly the limit", nil, "ééé", 3, "ééé"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.r.Excerpt(tt.in, tt.limit)
			if got != tt.want {
				t.Errorf("Excerpt = %q, want %q", got, tt.want)
			}
			if strings.Contains(got, "tok-x") || !utf8.ValidString(got) {
				t.Errorf("Excerpt = %q: a piece of the secret or a split rune", got)
			}
		})
	}
}
