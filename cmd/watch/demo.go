package main

import (
	"context"
	"crypto/rand"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/schemawatch/schemawatch/internal/cli"
	"github.com/schemawatch/schemawatch/internal/demo"
	"github.com/schemawatch/schemawatch/internal/introspect"
	"github.com/schemawatch/schemawatch/internal/redact"
)

const demoUsage = `Usage: watch demo [--serve ADDR [--version N] [--token T]]

Without flags: starts the embedded demo API (our own schema, modelled on
Railway's resources) on a loopback port, introspects it over HTTP with a
throwaway token, exactly as it would Railway's API, and prints the canonical
SDL. No token and no network are needed.

Flags:
  --serve ADDR    serve the demo API at ADDR (e.g. 127.0.0.1:4000) until
                  interrupted, for trying the demo collections
                  (collection/demo.*) or any GraphQL client against it
  --version N     which demo schema version --serve serves: 1 or 2 (default 2)
  --token T       with --serve, accept only "Authorization: Bearer T"
                  (default: accept every request)
`

type demoOptions struct {
	serve   string
	version int
	token   string
}

func newDemoFlagSet(o *demoOptions) *flag.FlagSet {
	fs := cli.NewFlagSet("watch demo")
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
	if fs.NArg() > 0 {
		return fail(cli.ExitUsage, fmt.Errorf("unexpected argument %q (see watch demo --help)", fs.Arg(0)))
	}
	set := cli.SetFlags(fs)
	if o.serve == "" && (set["version"] || set["token"]) {
		return fail(cli.ExitUsage, fmt.Errorf("--version and --token go with --serve (see watch demo --help)"))
	}
	if o.version != 1 && o.version != 2 {
		return fail(cli.ExitUsage, fmt.Errorf("--version %d: the demo schema has versions 1 and 2", o.version))
	}
	logger := cli.Logger(env.stderr, red, slog.LevelInfo)
	if o.serve != "" {
		return serveDemo(ctx, o, env, logger, fail)
	}
	return printDemoSchema(ctx, env, logger, red, fail)
}

// printDemoSchema introspects the demo API over loopback HTTP and prints its
// canonical SDL.
func printDemoSchema(ctx context.Context, env *environment, logger *slog.Logger, red *redact.Redactor, fail func(int, error) int) int {
	token := rand.Text()
	red.Add(token)
	srv, err := demo.NewServer(demo.Schema(demo.V2), demo.Options{BearerToken: token})
	if err != nil {
		return fail(cli.ExitUsage, err)
	}
	endpoint, err := demo.Listen(srv)
	if err != nil {
		return fail(cli.ExitRemote, err)
	}
	defer endpoint.Close()

	client := &introspect.Client{
		Endpoint:    endpoint.URL,
		Credentials: introspect.Credentials{Token: token, Kind: introspect.Bearer, Source: "the demo"},
		Logger:      logger,
		UserAgent:   "schemawatch-demo",
	}
	res, err := client.Introspect(ctx)
	if err != nil {
		return fail(cli.ExitRemote, err)
	}
	logger.Info("introspected the demo API", "endpoint", endpoint.URL, "types", len(res.Schema.Types),
		"capabilities", fmt.Sprint(res.Schema.Capabilities.Names()))
	fmt.Fprint(env.stdout, res.Schema.PrintSDL())
	return cli.ExitOK
}

// serveDemo serves the demo API until ctx ends.
func serveDemo(ctx context.Context, o demoOptions, env *environment, logger *slog.Logger, fail func(int, error) int) int {
	srv, err := demo.NewServer(demo.Schema(demo.Version(o.version)), demo.Options{BearerToken: o.token, Logger: logger})
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
