package main

import (
	"context"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/schemawatch/schemawatch/internal/cli"
	"github.com/schemawatch/schemawatch/internal/codegen"
	"github.com/schemawatch/schemawatch/internal/demo"
	"github.com/schemawatch/schemawatch/internal/fsatomic"
	"github.com/schemawatch/schemawatch/internal/redact"
	"github.com/schemawatch/schemawatch/internal/report"
	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/snapshot"
	"github.com/schemawatch/schemawatch/internal/watch"
)

const demoUsage = `Usage: watch demo [--workdir DIR] | --serve ADDR [--version N] [--token T]

Without flags: runs one whole watch cycle against the embedded demo API (our
own schema, modelled on Railway's resources) with no token and no network.
The demo API serves version 2 of its schema on a loopback port; a scratch
copy of a repository holds the snapshot of version 1 and a client's
operations. The cycle introspects the API over HTTP, diffs, regenerates the
snapshot, the Go package and the collections, writes the change report, and,
as a dry run, writes the pull request it would open. It prints the report
and what it would publish; the repository you run it in is not touched, and
the scratch copy is removed when it is done (--workdir keeps everything).

Flags:
  --workdir DIR   run the cycle in DIR instead of a scratch copy, and keep
                  its outputs there. A DIR without a demo snapshot is set up
                  as the scratch copy is: version 1's snapshot and the demo
                  client's operations (operations/demo), so the report
                  names the operations each change breaks. In this
                  repository, --workdir . refreshes the committed demo
                  outputs (snapshots/demo, demoapi, collection/demo.*,
                  reports/demo).
  --serve ADDR    instead of a cycle, serve the demo API at ADDR (e.g.
                  127.0.0.1:4000) until interrupted, for trying the demo
                  collections (collection/demo.*) or any GraphQL client
  --version N     which demo schema version --serve serves: 1 or 2 (default 2)
  --token T       with --serve, accept only "Authorization: Bearer T"
                  (default: accept every request)

Examples:
  watch demo
  watch demo --workdir /tmp/demo      # keep the outputs to look at
  watch demo --workdir .
  watch demo --serve 127.0.0.1:4000 --version 1

Environment:
  NO_COLOR        set: the report is printed without colour
  TMPDIR          where the scratch copy is made (without --workdir)
  No token is read: the demo API needs none.
`

// DemoCollectionEndpoint is where the demo collections send requests:
// where watch demo --serve 127.0.0.1:4000 serves the demo API.
const demoCollectionEndpoint = "http://127.0.0.1:4000" + demo.Path

type demoOptions struct {
	workdir string
	serve   string
	version int
	token   string
}

func newDemoFlagSet(o *demoOptions) *flag.FlagSet {
	fs := cli.NewFlagSet("watch demo")
	fs.StringVar(&o.workdir, "workdir", "", "")
	fs.StringVar(&o.serve, "serve", "", "")
	fs.IntVar(&o.version, "version", 2, "")
	fs.StringVar(&o.token, "token", "", "")
	return fs
}

func runDemo(ctx context.Context, args []string, env *environment) int {
	var o demoOptions
	fs := newDemoFlagSet(&o)
	stop, err := cli.Parse(fs, args, demoUsage, env.stdout)
	red := redact.New(o.token)
	fail := func(code int, err error) int { return cli.Fail(env.stderr, "watch demo", red, code, err) }
	if stop {
		if err != nil {
			return fail(cli.ExitUsage, err)
		}
		return cli.ExitOK
	}
	set := cli.SetFlags(fs)
	switch {
	case fs.NArg() > 0:
		return fail(cli.ExitUsage, fmt.Errorf("unexpected argument %q (see watch demo --help)", fs.Arg(0)))
	case o.serve == "" && (set["version"] || set["token"]):
		return fail(cli.ExitUsage, errors.New("--version and --token go with --serve (see watch demo --help)"))
	case o.serve != "" && set["workdir"]:
		return fail(cli.ExitUsage, errors.New("--serve serves the demo API; --workdir is for a cycle (see watch demo --help)"))
	case o.version != 1 && o.version != 2:
		return fail(cli.ExitUsage, fmt.Errorf("--version %d: the demo schema has versions 1 and 2", o.version))
	}
	logger := cli.Logger(env.stderr, red, slog.LevelInfo)
	if o.serve != "" {
		return serveDemo(ctx, o, env, logger, fail)
	}
	return demoCycle(ctx, o.workdir, env, logger, red, fail)
}

// demoAPI is the configuration the demo watches its API with: the
// committed demo outputs of this repository follow it.
func demoAPI(endpoint string) watch.API {
	return watch.API{
		Name:     "demo",
		Endpoint: endpoint,
		TokenEnv: demoTokenEnv,
		// Named, since the demo API is not Railway's: a token from the
		// environment goes to another host only when its kind is named.
		TokenKind:          "bearer",
		GoPackage:          &watch.GoPackage{Dir: "demoapi", Name: "demoapi"},
		CollectionEndpoint: demoCollectionEndpoint,
		// The demo API takes Railway's two kinds of token.
		CollectionAuth: "railway",
		OperationsDir:  "operations/demo",
		Reviewers:      []string{"api-reviewers"},
	}
}

// demoTokenEnv is the variable the demo's throwaway token is read from; the
// demo's environment supplies it, the process's is not read.
const demoTokenEnv = "SCHEMAWATCH_DEMO_TOKEN"

// demoCycle runs one watch cycle against the demo API.
func demoCycle(ctx context.Context, workdir string, env *environment, logger *slog.Logger, red *redact.Redactor, fail func(int, error) int) int {
	token := rand.Text()
	red.Add(token)
	srv, err := demo.NewServer(demo.Schema(demo.V2).WithCapabilities(demo.DefaultIntrospection), demo.Options{BearerToken: token})
	if err != nil {
		return fail(cli.ExitUsage, err)
	}
	endpoint, err := demo.Listen(srv)
	if err != nil {
		return fail(cli.ExitRemote, err)
	}
	defer endpoint.Close()

	scratch := workdir == ""
	if scratch {
		if workdir, err = os.MkdirTemp("", "schemawatch-demo-"); err != nil {
			return fail(cli.ExitUsage, err)
		}
		// Runs after the lock's release below: defers run last first.
		defer os.RemoveAll(workdir)
	}
	release, err := fsatomic.Lock(ctx, workdir, workdirLockWait)
	if err != nil {
		return fail(cli.ExitUsage, err)
	}
	defer release()
	cfg, err := watch.NewConfig(watch.GitHub{Repo: "example/demo"}, demoAPI(endpoint.URL))
	if err != nil {
		return fail(cli.ExitUsage, err)
	}
	api := &cfg.APIs[0]
	if err := seedDemo(workdir, *api); err != nil {
		return fail(cli.ExitUsage, err)
	}
	if _, err := os.Stat(filepath.Join(workdir, filepath.FromSlash(api.OperationsDir))); err != nil {
		api.OperationsDir = "" // a checkout of ours has no demo client
	}
	cycle, err := watch.NewCycle(cfg, watch.Options{Workdir: workdir, DryRun: true}, watch.Env{
		Getenv: demoGetenv(token),
		Logger: logger,
	})
	if err != nil {
		return fail(cli.ExitUsage, err)
	}
	// The demo API gives up input-value deprecation on purpose, to
	// exercise the client's fallback; the client's INFO line about it is
	// no news to a demo user. Warnings and errors still show.
	quiet := cli.Logger(env.stderr, red, slog.LevelWarn)
	cycle.Fetch = recordEndpoint(watch.IntrospectFetcher(watch.Options{}, watch.Env{Getenv: demoGetenv(token), Logger: quiet}), demoCollectionEndpoint)
	out, err := cycle.Run(ctx, *api)
	if err != nil {
		var cycleErr *watch.Error
		if errors.As(err, &cycleErr) && cycleErr.Remote {
			return fail(cli.ExitRemote, err)
		}
		return fail(cli.ExitUsage, err)
	}
	if scratch {
		workdir = ""
	}
	return printDemo(env, workdir, out)
}

// demoGetenv is the demo's environment: its throwaway token, nothing of
// the process's.
func demoGetenv(token string) func(string) string {
	return func(k string) string {
		if k == demoTokenEnv {
			return token
		}
		return ""
	}
}

// recordEndpoint makes a fetcher record endpoint as where the schema came
// from: the demo serves on a random loopback port, which the committed demo
// outputs must not hold (each refresh would change them), so they name the
// address where `watch demo --serve 127.0.0.1:4000` serves the same API.
func recordEndpoint(fetch watch.Fetcher, endpoint string) watch.Fetcher {
	return func(ctx context.Context, api watch.API) (*schema.Schema, snapshot.Meta, error) {
		s, meta, err := fetch(ctx, api)
		meta.Endpoint = endpoint
		return s, meta, err
	}
}

// seedDemo gives a work directory without a demo snapshot what a
// repository watching the demo API would hold before version 2: the
// snapshot of version 1, as the demo API would have served it, the demo
// client's operations, and the Go package of version 1 with their typed
// client, so that the pull request shows the client changing. A directory
// with a snapshot of its own (this checkout, or a second run) is left as
// it is.
func seedDemo(workdir string, api watch.API) error {
	snapDir := filepath.Join(workdir, filepath.FromSlash(api.SnapshotDir))
	_, _, err := snapshot.Read(snapDir)
	if !errors.Is(err, fs.ErrNotExist) && !errors.Is(err, snapshot.ErrNoSnapshot) {
		return err
	}
	// The operations and the package first, the snapshot last: a run
	// killed in between seeds again.
	opsDir := filepath.Join(workdir, filepath.FromSlash(api.OperationsDir))
	if err := fsatomic.ReplaceDir(opsDir, demo.Operations()); err != nil {
		return err
	}
	ops, err := codegen.ParseOperations(demo.Operations())
	if err != nil {
		return err
	}
	files, err := codegen.Generate(demo.Schema(demo.V1), codegen.Config{Package: api.GoPackage.Name, Operations: ops})
	if err != nil {
		return fmt.Errorf("the demo client's operations against version 1: %w", err)
	}
	if err := fsatomic.ReplaceDir(filepath.Join(workdir, filepath.FromSlash(api.GoPackage.Dir)), files); err != nil {
		return err
	}
	v1 := demo.Schema(demo.V1).WithCapabilities(demo.DefaultIntrospection)
	return snapshot.Write(snapDir, v1, snapshot.Meta{Endpoint: demoCollectionEndpoint})
}

// printDemo tells what the cycle found and where its outputs went: into
// workdir, or, when workdir is empty, a scratch copy removed since.
func printDemo(env *environment, workdir string, out watch.Outcome) int {
	w := env.stdout
	if !out.Changed && len(out.Files) == 0 {
		fmt.Fprintf(w, "The demo API has not changed since the snapshot in %s: nothing to do.\n", workdir)
		return cli.ExitOK
	}
	if !out.Changed {
		fmt.Fprintf(w, "The demo API has not changed since the snapshot in %s, but generated files were missing or stale.\n", workdir)
	}
	if out.Report != nil {
		color := false
		if f, ok := w.(*os.File); ok {
			color = report.UseColor(f, env.getenv)
		}
		if err := report.Text(w, out.Report, report.TextOptions{Color: color}); err != nil {
			return cli.Fail(env.stderr, "watch demo", nil, cli.ExitUsage, err)
		}
	}
	pr := out.PullRequest
	if workdir == "" {
		fmt.Fprintf(w, "\nThe pull request it would open (dry run):\n  title:  %s\n  labels: %v\n",
			pr.Title, slices.Sorted(slices.Values(pr.Labels)))
		fmt.Fprintf(w, "\nRegenerated in a scratch copy, removed now (watch demo --workdir DIR keeps them):\n")
	} else {
		fmt.Fprintf(w, "\nThe pull request it would open (dry run, written to %s):\n  title:  %s\n  labels: %v\n  body:   %s\n",
			out.Published.Dir, pr.Title, slices.Sorted(slices.Values(pr.Labels)), filepath.Join(out.Published.Dir, "body.md"))
		fmt.Fprintf(w, "\nRegenerated in %s:\n", workdir)
	}
	for _, p := range out.Files {
		fmt.Fprintf(w, "  %s\n", p)
	}
	if len(out.Deleted) > 0 {
		fmt.Fprintf(w, "\nRemoved, no longer generated (op_*.go: the typed functions of operations the change breaks):\n")
		for _, p := range out.Deleted {
			fmt.Fprintf(w, "  %s\n", p)
		}
	}
	if out.ThresholdMet() {
		fmt.Fprintf(w, "\nA scheduled `watch run --once` would exit 1 here: a breaking change (--fail-on breaking).\n")
	}
	return cli.ExitOK
}

// serveDemo serves the demo API until ctx ends.
func serveDemo(ctx context.Context, o demoOptions, env *environment, logger *slog.Logger, fail func(int, error) int) int {
	srv, err := demo.NewServer(demo.Schema(demo.Version(o.version)).WithCapabilities(demo.DefaultIntrospection), demo.Options{BearerToken: o.token, Logger: logger})
	if err != nil {
		return fail(cli.ExitUsage, err)
	}
	ln, err := net.Listen("tcp", o.serve)
	if err != nil {
		return fail(cli.ExitUsage, fmt.Errorf("--serve %s: %w", o.serve, err))
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(env.stdout, "serving demo schema version %d at http://%s%s (Ctrl-C to stop)\n", o.version, ln.Addr(), demo.Path)
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	select {
	case err := <-done:
		return fail(cli.ExitRemote, err)
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdown); err != nil {
		return fail(cli.ExitRemote, err)
	}
	return cli.ExitOK
}
