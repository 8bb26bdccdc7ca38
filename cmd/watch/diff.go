package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"sync"

	"github.com/schemawatch/schemawatch/internal/cli"
	"github.com/schemawatch/schemawatch/internal/clientops"
	"github.com/schemawatch/schemawatch/internal/diff"
	"github.com/schemawatch/schemawatch/internal/fsatomic"
	"github.com/schemawatch/schemawatch/internal/redact"
	"github.com/schemawatch/schemawatch/internal/report"
	"github.com/schemawatch/schemawatch/internal/sarif"
	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/snapshot"
)

const diffUsage = `Usage: watch diff [flags] OLD NEW

Compares two versions of a GraphQL schema and classifies every change as
breaking, dangerous or safe. Identifiers, paths and levels are GraphQL
Inspector 8's, except for the deliberate deviations D1-D5 of
spec/breaking-changes.md.

OLD and NEW are each a snapshot directory (as written by introspect
--snapshot), an SDL file (.graphql, .graphqls, .gql, .sdl) or an
introspection result (.json), plain or gzip-compressed (.gz). Flags may come
before or after them.

Flags:
  --format FORMAT     text (default): grouped and aligned for a terminal,
                      coloured only on a terminal and never when NO_COLOR is
                      set; markdown: a pull-request body, cut to GitHub's
                      65,536-character limit (safe changes first); json: the
                      stable document described in docs/report-json.md;
                      sarif: a SARIF 2.1.0 log for code scanning, one result
                      per operation a change breaks, at the selection in its
                      .graphql file (needs --operations; file URIs relative
                      to the directory the command runs in).
  --operations DIR    check the operations in the .graphql and .gql files
                      below DIR (each file a self-contained document) against
                      both schemas, and report which operations each breaking
                      or dangerous change breaks or concerns, and which
                      breaking changes no operation uses.
  --fail-on LEVEL     exit 1 when a change at or above LEVEL remains:
                      breaking (default), dangerous, or none (never).
  --rule NAME         apply an opt-in rule of docs/breaking-changes.md §5, in the order given;
                      repeatable. NAME is one of: dangerousBreaking,
                      suppressRemovalOfDeprecatedField,
                      ignoreDescriptionChanges, safeUnreachable,
                      simplifyChanges.
  --full-report REF   with --format markdown: the link or path of the full
                      (JSON) report, named where the body had to be cut.
  -o, --output FILE   write the report to FILE (replaced atomically) instead
                      of standard output.

Exit status: 0 no change at or above the --fail-on level, 1 there is one,
2 bad flags or input (an unreadable file, invalid SDL, JSON that is not an
introspection result, an operation that does not parse).

Examples:
  watch diff snapshots/railway-old snapshots/railway
  watch diff --format markdown --operations ./graphql old.json.gz new.json.gz
  watch diff --format json -o report.json --fail-on none old.graphql new.json
  watch diff --format sarif --operations ./graphql -o schema.sarif old.graphql new.graphql

Environment:
  NO_COLOR            set: the text format is never coloured
  TERM                dumb: the text format is never coloured
`

// ruleList collects --rule flags.
type ruleList []diff.Rule

func (l *ruleList) String() string { return fmt.Sprint(len(*l)) }

func (l *ruleList) Set(name string) error {
	r, ok := diff.RuleByName(name)
	if !ok {
		names := make([]string, len(diff.NamedRules))
		for i, r := range diff.NamedRules {
			names[i] = r.Name
		}
		return fmt.Errorf("unknown rule %q: want one of %s", name, strings.Join(names, ", "))
	}
	*l = append(*l, r)
	return nil
}

// diffMemoryLimit is the heap at which a diff starts collecting garbage.
// A diff of Railway's schema allocates about 20 MB, all of it live until
// the process ends; collecting before then is wasted time, about a fifth
// of the whole run.
const diffMemoryLimit = 512 << 20

func runDiff(_ context.Context, args []string, env *environment) int {
	const prog = "watch diff"
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(diffMemoryLimit))
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	red := redact.New()
	fail := func(code int, err error) int { return cli.Fail(env.stderr, prog, red, code, err) }
	o, stop, err := parseDiffArgs(prog, args, env)
	if stop {
		if err != nil {
			return fail(cli.ExitUsage, err)
		}
		return cli.ExitOK
	}

	old, new, errs := loadBoth(o.operands[0], o.operands[1])
	if len(errs) > 0 {
		for _, err := range errs {
			fail(cli.ExitUsage, err)
		}
		return cli.ExitUsage
	}
	cli.Warn(env.stderr, prog, old.Warnings)
	cli.Warn(env.stderr, prog, new.Warnings)
	opts := diff.Options{OldName: o.operands[0], NewName: o.operands[1], Rules: o.rules}
	if o.operations != "" {
		if opts.Operations, err = clientops.Read(o.operations); err != nil {
			return fail(cli.ExitUsage, err)
		}
	}
	r, err := diff.Compare(old, new, opts)
	if err != nil {
		return fail(cli.ExitUsage, err)
	}
	out, err := o.render(r, env)
	if err != nil {
		return fail(cli.ExitUsage, err)
	}
	if o.output != "" {
		err = fsatomic.WriteFile(o.output, out, 0o644)
	} else {
		_, err = env.stdout.Write(out)
	}
	if err != nil {
		return fail(cli.ExitUsage, err)
	}
	if o.failOn.Met(r.Changes) {
		return cli.ExitThreshold
	}
	return cli.ExitOK
}

// diffOptions are watch diff's flags and operands.
type diffOptions struct {
	operands                       []string
	format, operations, fullReport string
	output                         string
	failOn                         diff.Threshold
	rules                          ruleList
}

// diffFormats are the report formats of watch diff.
var diffFormats = []string{"text", "markdown", "json", "sarif"}

// parseDiffArgs reads watch diff's flags and its two operands; stop is true
// for --help (err nil) and for a usage error.
func parseDiffArgs(prog string, args []string, env *environment) (o diffOptions, stop bool, err error) {
	fs := cli.NewFlagSet(prog)
	fs.StringVar(&o.format, "format", "text", "")
	fs.StringVar(&o.operations, "operations", "", "")
	fs.Var(&o.failOn, "fail-on", "")
	fs.StringVar(&o.fullReport, "full-report", "", "")
	fs.StringVar(&o.output, "output", "", "")
	fs.StringVar(&o.output, "o", "", "")
	fs.Var(&o.rules, "rule", "")
	// Flags may follow the operands: parse, take an operand, parse on.
	for rest := args; ; {
		if stop, err := cli.Parse(fs, rest, diffUsage, env.stdout); stop {
			return o, true, err
		}
		if fs.NArg() == 0 {
			break
		}
		o.operands = append(o.operands, fs.Arg(0))
		rest = fs.Args()[1:]
	}
	switch {
	case len(o.operands) != 2:
		return o, true, fmt.Errorf("want two schemas, OLD and NEW, got %d (see %s --help)", len(o.operands), prog)
	case !slices.Contains(diffFormats, o.format):
		return o, true, fmt.Errorf("--format %q: want text, markdown, json or sarif%s", o.format, cli.DidYouMean(o.format, diffFormats, "%s"))
	case o.format == "sarif" && o.operations == "":
		return o, true, errors.New("--format sarif reports broken operations: give --operations DIR")
	}
	return o, false, nil
}

// render writes the report in the format asked for.
func (o diffOptions) render(r *diff.Report, env *environment) ([]byte, error) {
	switch o.format {
	case "json":
		return report.JSON(r), nil
	case "sarif":
		return sarif.Log(r, sarif.Options{OperationsDir: sourceRelative(o.operations), InformationURI: homePage}), nil
	case "markdown":
		return []byte(report.Markdown(r, report.MarkdownOptions{FullReport: o.fullReport})), nil
	}
	color := false
	if f, ok := env.stdout.(*os.File); ok && o.output == "" {
		color = report.UseColor(f, env.getenv)
	}
	var out bytes.Buffer
	err := report.Text(&out, r, report.TextOptions{Color: color})
	return out.Bytes(), err
}

// homePage is schemawatch's home, named in the logs it writes.
const homePage = "https://github.com/schemawatch/schemawatch"

// sourceRelative is dir relative to the working directory, the source root
// code scanning resolves a SARIF log's file locations against, with
// forward slashes. A directory that is not below it stays as given.
func sourceRelative(dir string) string {
	wd, err := os.Getwd()
	if err != nil {
		return filepath.ToSlash(filepath.Clean(dir))
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return filepath.ToSlash(filepath.Clean(dir))
	}
	rel, err := filepath.Rel(wd, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return filepath.ToSlash(filepath.Clean(dir))
	}
	if rel == "." {
		return ""
	}
	return filepath.ToSlash(rel)
}

// loadBoth loads the two schemas at once: loading is most of a diff's time.
// It returns the error of each schema that did not load.
func loadBoth(oldPath, newPath string) (old, new *schema.Schema, errs []error) {
	var wg sync.WaitGroup
	var oldErr, newErr error
	wg.Go(func() { old, oldErr = snapshot.Load(oldPath) })
	wg.Go(func() { new, newErr = snapshot.Load(newPath) })
	wg.Wait()
	for _, err := range []error{oldErr, newErr} {
		if err != nil {
			errs = append(errs, err)
		}
	}
	return old, new, errs
}
