package main

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/schemawatch/schemawatch/internal/cli"
	"github.com/schemawatch/schemawatch/internal/history"
	"github.com/schemawatch/schemawatch/internal/redact"
)

const historyUsage = `Usage: watch history SOURCE -o DIR [--name NAME]

Builds an API's history from a sequence of dated schema versions: when each
element was deprecated, what was removed and with how much notice, and what
changed in each version.

SOURCE is either
  - a directory of versions: SDL (.graphql, .graphqls, .gql) or
    introspection results (.json), plain or .gz, ordered by file name, each
    dated by the first YYYY-MM-DD in its name (a file without one is an
    error); other files are ignored; or
  - a snapshot directory (it holds schema.json or schema.graphql) inside a
    git checkout: every commit reachable from HEAD that changed it is a
    version, dated by its committer date (UTC day).
A version that cannot be loaded is skipped with a warning and counted; one
equal to the version before it is not a new version.

Writes into DIR, replacing the history there whole (a directory holding
other files is refused):
  deprecations.json  every element deprecated now (since when, announced
                     removal) and every element removed (when, with how
                     much notice); see docs/history.md
  CHANGELOG.md       newest first, one section per version
  timeline.svg       size, breaking changes, deprecations and removals over
                     time (CHANGELOG.md shows it)
  ledger.json        what the next version is added to (history.Update)
and prints a summary: versions, elements deprecated now, removed, removed
without notice, median notice in days.

Flags:
  -o, --output DIR   the history directory (required)
  --name NAME        the API's name in CHANGELOG.md and timeline.svg
                     (default: SOURCE's directory name)

Exit status: 0 written, 2 usage or input error (nothing was written).

Examples:
  watch history ../shared/corpus/railway/schemas -o history/railway --name Railway
  watch history snapshots/railway -o history/railway

Environment:
  none: history reads only SOURCE (and, for a snapshot directory, the git
  repository around it, with the git binary on PATH) and writes only DIR.
`

func runHistory(_ context.Context, args []string, env *environment) int {
	const prog = "watch history"
	fs := cli.NewFlagSet(prog)
	output := fs.String("output", "", "")
	fs.StringVar(output, "o", "", "")
	name := fs.String("name", "", "")
	red := redact.New()
	fail := func(err error) int { return cli.Fail(env.stderr, prog, red, cli.ExitUsage, err) }

	var operands []string
	for rest := args; ; {
		if stop, err := cli.Parse(fs, rest, historyUsage, env.stdout); stop {
			if err != nil {
				return fail(err)
			}
			return cli.ExitOK
		}
		if fs.NArg() == 0 {
			break
		}
		operands = append(operands, fs.Arg(0))
		rest = fs.Args()[1:]
	}
	if len(operands) != 1 {
		return fail(fmt.Errorf("want one SOURCE, got %d (see %s --help)", len(operands), prog))
	}
	if *output == "" {
		return fail(fmt.Errorf("-o DIR is required: where to write the history (see %s --help)", prog))
	}
	source := operands[0]
	title := *name
	if title == "" {
		abs, err := filepath.Abs(source)
		if err != nil {
			return fail(err)
		}
		title = filepath.Base(abs)
	}

	var inputs []history.Input
	var err error
	if history.IsSnapshotDir(source) {
		inputs, err = history.GitInputs(source)
	} else {
		inputs, err = history.DirInputs(source)
	}
	if err != nil {
		return fail(err)
	}
	ledger, err := history.Build(inputs, history.Options{Warn: func(in history.Input, err error) {
		cli.Warn(env.stderr, prog, []string{red.String(fmt.Sprintf("skipping %s: %v", in.Name, err))})
	}})
	if err != nil {
		return fail(err)
	}
	if err := history.WriteDir(*output, ledger.Files(title)); err != nil {
		return fail(err)
	}
	fmt.Fprint(env.stdout, ledger.Summary())
	return cli.ExitOK
}
