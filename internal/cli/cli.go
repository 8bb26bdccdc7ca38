// Package cli holds what schemawatch's commands share: exit codes, the
// redacting logger, one-line error reporting and flag-set setup.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"sync/atomic"

	"github.com/schemawatch/schemawatch/internal/redact"
	"github.com/schemawatch/schemawatch/internal/termsafe"
)

// Exit codes of every schemawatch command, for CI to act on.
const (
	ExitOK        = 0
	ExitThreshold = 1 // a --fail-on threshold was met
	ExitUsage     = 2 // bad flags or unusable input
	ExitRemote    = 3 // a network or server failure
	ExitNotify    = 4 // published, but a notification failed (and nothing worse happened)
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
// command name in prog and the message is the one the program was invoked
// with (see InvokedAs). The message often quotes a server, so control and
// bidi characters in it are printed as escapes (package termsafe): one
// error, one line.
func Fail(w io.Writer, prog string, red *redact.Redactor, code int, err error) int {
	r := renamer.Load()
	fmt.Fprintf(w, "%s: %s\n", r.Rename(prog), termsafe.String(red.String(r.Rename(err.Error()))))
	return code
}

// Warn prints each warning as "prog: warning: …", one line each, control
// and bidi characters escaped: what a loader had to assume to read a source
// (schema.Schema.Warnings).
func Warn(w io.Writer, prog string, warnings []string) {
	for _, msg := range warnings {
		fmt.Fprintf(w, "%s: warning: %s\n", renamer.Load().Rename(prog), termsafe.String(msg))
	}
}

// renamer rewrites help texts and messages to the invoked name; set once by
// a main (InvokedAs), read by every command.
var renamer atomic.Pointer[Renamer]

// InvokedAs makes Parse and Fail call the program by the name it was
// invoked with, for a main to call before running a command; nil restores
// the names as written. It returns the previous renamer.
func InvokedAs(r *Renamer) *Renamer { return renamer.Swap(r) }

// Rename rewrites s to the invoked name, as Parse does help texts.
func Rename(s string) string { return renamer.Load().Rename(s) }

// InvokedName is the name the program was invoked with, or written when
// InvokedAs was not called.
func InvokedName(written string) string {
	if r := renamer.Load(); r != nil {
		return r.name
	}
	return written
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
// error that points at --help (and, for a mistyped flag, names the flag
// probably meant), for the caller to print with Fail once it knows the
// secrets the flags held.
func Parse(fs *flag.FlagSet, args []string, usage string, stdout io.Writer) (stop bool, err error) {
	err = fs.Parse(args)
	switch {
	case err == nil:
		return false, nil
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprint(stdout, renamer.Load().Rename(usage))
		return true, nil
	}
	msg := err.Error()
	if m, ok := unknownFlag(fs, err, args); ok {
		msg = m
	}
	return true, fmt.Errorf("%s (see %s --help)", msg, renamer.Load().Rename(fs.Name()))
}

// SetFlags returns the names of the flags given on the command line.
func SetFlags(fs *flag.FlagSet) map[string]bool {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	return set
}
