package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"strings"

	"github.com/schemawatch/schemawatch/internal/cli"
	"github.com/schemawatch/schemawatch/internal/codegen"
	"github.com/schemawatch/schemawatch/internal/fsatomic"
	"github.com/schemawatch/schemawatch/internal/redact"
	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/snapshot"
)

const generateUsage = `Usage: watch generate --schema FILE|DIR [--go-out DIR --go-package NAME [--bind SCALAR=TYPE]...]

Generates code from a schema. Give at least one output; each output
directory is replaced whole and atomically, so a failure leaves what it held
before as it was.

  --schema FILE|DIR    the schema: a snapshot directory, an SDL file, or an
                       introspection result (JSON); files plain or .gz

Go types:
  --go-out DIR         write a Go package with a type for every type of the
                       schema into DIR (files it held before are removed)
  --go-package NAME    the Go package name (required with --go-out)
  --bind SCALAR=TYPE   hold the scalar SCALAR as the Go type TYPE, written
                       importpath.Type (DateTime=time.Time) or as a
                       predeclared type (BigInt=int64); repeatable. A type
                       outside the standard library makes the package import
                       it. Without a binding: the standard scalars are
                       string, int, float64 and bool; DateTime is time.Time;
                       JSON and every other custom scalar are
                       encoding/json.RawMessage, the JSON as sent.

Exit status: 0 written, 2 usage or input error (nothing was written).
`

func runGenerate(_ context.Context, args []string, env *environment) int {
	fs := cli.NewFlagSet("watch generate")
	red := redact.New()
	schemaPath := fs.String("schema", "", "")
	var goTypes goOutput
	goTypes.register(fs)
	if stop, err := cli.Parse(fs, args, generateUsage, env.stdout); stop {
		if err != nil {
			return cli.Fail(env.stderr, "watch generate", red, cli.ExitUsage, err)
		}
		return cli.ExitOK
	}
	if err := checkGenerateFlags(fs, *schemaPath, &goTypes); err != nil {
		return cli.Fail(env.stderr, "watch generate", red, cli.ExitUsage, fmt.Errorf("%w (see watch generate --help)", err))
	}
	logger := cli.Logger(env.stderr, red, slog.LevelInfo)

	s, err := snapshot.Load(*schemaPath)
	if err != nil {
		return cli.Fail(env.stderr, "watch generate", red, cli.ExitUsage, fmt.Errorf("read the schema: %w", err))
	}
	if goTypes.requested() {
		if err := goTypes.write(s, logger); err != nil {
			return cli.Fail(env.stderr, "watch generate", red, cli.ExitUsage, err)
		}
	}
	return cli.ExitOK
}

// checkGenerateFlags checks what the flags ask for as a whole; each output
// checks its own.
func checkGenerateFlags(fs *flag.FlagSet, schemaPath string, goTypes *goOutput) error {
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q: name the schema with --schema", fs.Arg(0))
	}
	if schemaPath == "" {
		return errors.New("no schema: give --schema FILE|DIR")
	}
	set := cli.SetFlags(fs)
	if err := goTypes.check(set); err != nil {
		return err
	}
	if !goTypes.requested() {
		return errors.New("nothing to generate: give an output, such as --go-out DIR --go-package NAME")
	}
	return nil
}

// goOutput is the Go types output of watch generate: its flags, and
// writing the package.
type goOutput struct {
	dir      string
	pkg      string
	bindings bindings
}

func (o *goOutput) register(fs *flag.FlagSet) {
	fs.StringVar(&o.dir, "go-out", "", "")
	fs.StringVar(&o.pkg, "go-package", "", "")
	fs.Var(&o.bindings, "bind", "")
}

func (o *goOutput) requested() bool { return o.dir != "" }

func (o *goOutput) check(set map[string]bool) error {
	switch {
	case !o.requested() && (set["go-package"] || set["bind"]):
		return errors.New("--go-package and --bind go with --go-out DIR")
	case o.requested() && o.pkg == "":
		return errors.New("--go-out needs --go-package NAME, the Go package name")
	}
	return nil
}

func (o *goOutput) write(s *schema.Schema, logger *slog.Logger) error {
	cfg := codegen.Config{Package: o.pkg, Bindings: o.bindings}
	for _, name := range cfg.UnusedBindings(s) {
		logger.Warn("the schema has no scalar named in --bind; the binding is unused", "scalar", name)
	}
	files, err := codegen.Generate(s, cfg)
	if err != nil {
		return err
	}
	if err := fsatomic.ReplaceDir(o.dir, files); err != nil {
		return fmt.Errorf("write the Go package to %s: %w", o.dir, err)
	}
	logger.Info("wrote the Go package", "dir", o.dir, "package", o.pkg, "files", len(files), "types", len(s.Types))
	return nil
}

// bindings is the repeatable --bind flag.
type bindings map[string]codegen.GoType

func (b *bindings) String() string {
	parts := make([]string, 0, len(*b))
	for scalar, t := range *b {
		parts = append(parts, scalar+"="+t.String())
	}
	return strings.Join(parts, ",")
}

func (b *bindings) Set(v string) error {
	scalar, t, err := codegen.ParseBinding(v)
	if err != nil {
		return err
	}
	if *b == nil {
		*b = bindings{}
	}
	if prev, ok := (*b)[scalar]; ok && prev != t {
		return fmt.Errorf("%s is bound twice: to %s and to %s", scalar, prev, t)
	}
	(*b)[scalar] = t
	return nil
}
