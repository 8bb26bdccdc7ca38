// Package cli holds what schemawatch's commands share: exit codes, the
// redacting logger, one-line error reporting and flag-set setup.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"

	"github.com/schemawatch/schemawatch/internal/redact"
	"github.com/schemawatch/schemawatch/internal/termsafe"
)

// Exit codes of every schemawatch command, for CI to act on.
const (
	ExitOK        = 0
	ExitThreshold = 1 // a --fail-on threshold was met
	ExitUsage     = 2 // bad flags or unusable input
	ExitRemote    = 3 // a network or server failure
)

// Logger returns a text logger to w that masks the redactor's secrets and
// leaves out timestamps (a terminal or CI log has its own).
func Logger(w io.Writer, red *redact.Redactor, level slog.Level) *slog.Logger {
	return slog.New(red.Handler(slog.NewTextHandler(w, &slog.HandlerOptions{
		Level: level,
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey && len(groups) == 0 {
				return slog.Attr{}
			}
			return a
		},
	})))
}

// Fail prints "prog: message" to w, secrets masked, and returns code. The
// message often quotes a server, so control and bidi characters in it are
// printed as escapes (package termsafe): one error, one line.
func Fail(w io.Writer, prog string, red *redact.Redactor, code int, err error) int {
	fmt.Fprintf(w, "%s: %s\n", prog, termsafe.String(red.String(err.Error())))
	return code
}

// Warn prints each warning as "prog: warning: …", one line each, control
// and bidi characters escaped: what a loader had to assume to read a source
// (schema.Schema.Warnings).
func Warn(w io.Writer, prog string, warnings []string) {
	for _, msg := range warnings {
		fmt.Fprintf(w, "%s: warning: %s\n", prog, termsafe.String(msg))
	}
}

// NewFlagSet returns a flag set that reports errors instead of printing
// them, so that the command prints one line and its own usage text.
func NewFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// Parse parses args. For -h/--help it prints usage to stdout and returns
// stop=true with a nil error; for bad flags it returns stop=true and an
// error that points at --help, for the caller to print with Fail once it
// knows the secrets the flags held.
func Parse(fs *flag.FlagSet, args []string, usage string, stdout io.Writer) (stop bool, err error) {
	err = fs.Parse(args)
	switch {
	case err == nil:
		return false, nil
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprint(stdout, usage)
		return true, nil
	}
	return true, fmt.Errorf("%v (see %s --help)", err, fs.Name())
}

// SetFlags returns the names of the flags given on the command line.
func SetFlags(fs *flag.FlagSet) map[string]bool {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	return set
}
