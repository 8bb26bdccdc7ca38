// Command watch keeps a watch on a GraphQL API: it diffs schema versions,
// generates Go types and API collections, and runs the scheduled cycle that
// publishes them as one pull request. Run `watch --help` for the commands.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/schemawatch/schemawatch/internal/cli"
	"github.com/schemawatch/schemawatch/internal/heapadvice"
)

// programName is the name the help texts and messages are written with;
// they say the name the binary was invoked with instead (cli.InvokedAs).
const programName = "watch"

// command is one subcommand: flags → calls into internal packages.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, env *environment) int
	// graceful is set for a command that stops cleanly when asked: a
	// stop signal cancels its context (finish the running cycle, then
	// stop), a second closes environment.forced. The other commands keep
	// the signals' default and stop at once; what they write is written
	// atomically, so a stop leaves the last good state.
	graceful bool
}

// environment is what a subcommand may touch of the process.
type environment struct {
	getenv         func(string) string
	stdout, stderr io.Writer
	// forced closes at a second SIGINT or SIGTERM: stop now, abandoning a
	// running cycle; nil never closes.
	forced <-chan struct{}
}

var commands = []command{
	{"diff", "compare two schema versions: every change classified", runDiff, false},
	{"demo", "run against the embedded demo API: no token, no network", runDemo, true},
	{"generate", "generate Go types and Postman/Insomnia collections from a schema", runGenerate, false},
	{"history", "build an API's history: deprecations, removals and their notice, a changelog", runHistory, false},
	{"run", "the watch cycle: introspect, diff, regenerate, open or update a pull request", runRun, true},
}

func usage() string {
	s := `Usage: watch <command> [flags]

schemawatch keeps a watch on a GraphQL API (Railway's public API first) so
that the people who build on it learn about every change before it bites them.

Commands:
`
	for _, c := range commands {
		s += fmt.Sprintf("  %-10s %s\n", c.name, c.summary)
	}
	return s + `
Run 'watch <command> --help' for a command's flags, 'watch --version' for
the version.

Exit status: 0 success, 1 a --fail-on threshold met, 2 usage or input error,
3 network or server failure.

Examples:
  watch demo
  watch diff snapshots/railway-old snapshots/railway
  watch run --once --dry-run

Environment:
  Each command's --help lists the variables it reads.
`
}

// commandNames are the subcommands' names, for suggestions and renaming.
func commandNames() []string {
	names := make([]string, len(commands))
	for i, c := range commands {
		names[i] = c.name
	}
	return names
}

func main() {
	cli.InvokedAs(cli.NewRenamer(programName, cli.ProgramName(os.Args[0], cli.Name), append(commandNames(), "help")))
	env := &environment{getenv: os.Getenv, stdout: os.Stdout, stderr: os.Stderr}
	ctx := context.Background()
	// Only a graceful command listens for stop signals: listening would
	// swallow the others' Ctrl-C (they do not watch the context), and it
	// starts a thread of its own, half a millisecond of every start.
	if c, ok := lookup(os.Args[1:]); ok && c.graceful {
		signals := make(chan os.Signal, 2)
		signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
		ctx, env.forced = stopOnSignals(signals)
	}
	os.Exit(run(ctx, os.Args[1:], env))
}

// lookup returns the command args name.
func lookup(args []string) (command, bool) {
	for _, c := range commands {
		if len(args) > 0 && c.name == args[0] {
			return c, true
		}
	}
	return command{}, false
}

// stopOnSignals turns stop signals into a context and a channel: the first
// signal cancels the context (finish the running cycle, then stop), the
// second closes the channel (abandon it now).
func stopOnSignals(signals <-chan os.Signal) (context.Context, <-chan struct{}) {
	ctx, cancel := context.WithCancel(context.Background())
	forced := make(chan struct{})
	go func() {
		<-signals
		cancel()
		<-signals
		close(forced)
	}()
	return ctx, forced
}

func run(ctx context.Context, args []string, env *environment) int {
	rename, name := cli.Rename, cli.InvokedName(programName)
	if len(args) == 0 {
		fmt.Fprint(env.stderr, rename(usage()))
		return cli.ExitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		fmt.Fprint(env.stdout, rename(usage()))
		return cli.ExitOK
	case "-version", "--version", "version":
		cli.PrintVersion(env.stdout, name)
		return cli.ExitOK
	}
	if c, ok := lookup(args); ok {
		// Not for --help or --version: reserving costs a few
		// milliseconds that only work on schemas pays back.
		heapadvice.Reserve()
		return c.run(ctx, args[1:], env)
	}
	msg := fmt.Sprintf("unknown command %q", args[0]) + cli.DidYouMean(args[0], commandNames(), "%q")
	if strings.HasPrefix(args[0], "-") {
		msg = fmt.Sprintf("unknown flag %s", args[0])
		if hint := cli.DidYouMean(strings.TrimLeft(args[0], "-"), []string{"help", "version"}, "--%s"); hint != "" {
			msg += hint
		} else {
			msg += ": a command's flags go after the command"
		}
	}
	fmt.Fprintf(env.stderr, "%s: %s (see %s --help)\n", name, msg, name)
	return cli.ExitUsage
}
