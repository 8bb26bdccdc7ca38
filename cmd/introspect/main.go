// Command introspect fetches a GraphQL schema by introspection — Railway's
// public API by default — and prints it as canonical SDL, or writes it as a
// file or a snapshot directory. Run `introspect --help` for the flags.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/textproto"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/schemawatch/schemawatch/internal/cli"
	"github.com/schemawatch/schemawatch/internal/fsatomic"
	"github.com/schemawatch/schemawatch/internal/heapadvice"
	"github.com/schemawatch/schemawatch/internal/introspect"
	"github.com/schemawatch/schemawatch/internal/outbound"
	"github.com/schemawatch/schemawatch/internal/redact"
	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/snapshot"
)

const programName = "introspect"

const usage = `Usage: introspect [flags]

Fetches a GraphQL schema by introspection (Railway's public API unless
--endpoint says otherwise) and prints it as canonical SDL: types, fields,
arguments, enum values and directives sorted, so the same schema always
prints the same bytes. Or converts a saved dump (--from).

Source (one of):
  --endpoint URL      GraphQL endpoint to introspect
                      (default https://backboard.railway.com/graphql/v2)
  --from FILE|DIR     read a saved introspection result or SDL file instead of
                      the network (.json, .graphql, .graphqls, .gql; plain or
                      .gz), or a snapshot directory (as watch diff and watch
                      generate do: --from snapshots/railway)

Output (stdout unless -o or --snapshot is given):
  --format sdl|json   canonical SDL (default), or the canonical introspection
                      result {"data":{"__schema":...}}
  -o, --output FILE   write the output to FILE instead of stdout: a regular
                      file is replaced atomically (through a symbolic link, its
                      target); a device, a FIFO or /dev/stdout is written into.
                      Not a directory: for schema.graphql, schema.json and
                      meta.json in one, use --snapshot DIR
  --snapshot DIR      write a snapshot directory: schema.graphql, schema.json
                      and meta.json (endpoint, fetch time, content hash,
                      introspection capabilities; never a token). The directory
                      is replaced whole, or not at all if anything fails.

Auth (Railway: https://docs.railway.com/reference/public-api):
  --token TOKEN       token to send; prefer the environment variables below,
                      since a flag is visible in the process list
  --token-kind KIND   bearer: account, workspace or OAuth token, sent as
                      "Authorization: Bearer TOKEN" (default);
                      project: project token, sent as "Project-Access-Token: TOKEN"
  --header 'Name: value'
                      add a request header; repeatable. Values are treated as
                      secrets: never printed, and sent to the endpoint's origin
                      only (never along a redirect to another host, port or
                      scheme), like the token.
  --whoami            run the token test query for the token's kind and print
                      what the token is, instead of introspecting

Network:
  --timeout D         time limit per request attempt (default 30s)
  --max-wait D        the longest rate-limit wait to sit out; a server asking
                      for more fails the run (default 2m)
  --retries N         retries of 5xx answers, resets and timeouts, with
                      exponential backoff and jitter, and of 429s (default 4)

  --version           print the version and exit

Exit status: 0 success, 2 usage or input error, 3 network or server failure.

Examples:
  RAILWAY_API_TOKEN=... introspect > railway.graphql
  introspect --snapshot snapshots/railway
  introspect --from schema.json.gz --format sdl
  introspect --from snapshots/railway --format json --output railway.json
  introspect --endpoint https://api.example.com/graphql --header 'X-Api-Key: ...' --format json -o schema.json
  RAILWAY_TOKEN=... introspect --whoami

Environment:
  RAILWAY_API_TOKEN   account or workspace token, sent as a bearer token
  RAILWAY_TOKEN       project token, sent as Project-Access-Token
  Used only for Railway's hosts, unless --token-kind names one explicitly:
  a token for Railway is never sent to another endpoint by accident, nor to
  Railway over plain http://.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	cli.InvokedAs(cli.NewRenamer(programName, cli.ProgramName(os.Args[0], programName), nil))
	code := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// headerFlags collects repeated --header values.
type headerFlags []string

func (h *headerFlags) String() string     { return fmt.Sprintf("%d header(s)", len(*h)) }
func (h *headerFlags) Set(v string) error { *h = append(*h, v); return nil }

type options struct {
	endpoint, from, format, out, snapshotDir string
	token, tokenKind                         string
	headers                                  headerFlags
	whoami, version                          bool
	timeout, maxWait                         time.Duration
	retries                                  int
}

// newFlagSet defines the flags into o; usage explains each of them.
func newFlagSet(o *options) *flag.FlagSet {
	fs := cli.NewFlagSet(programName)
	fs.StringVar(&o.endpoint, "endpoint", introspect.DefaultEndpoint, "")
	fs.StringVar(&o.from, "from", "", "")
	fs.StringVar(&o.format, "format", "sdl", "")
	fs.StringVar(&o.out, "o", "", "")
	fs.StringVar(&o.out, "output", "", "") // the long form of -o
	fs.StringVar(&o.snapshotDir, "snapshot", "", "")
	fs.StringVar(&o.token, "token", "", "")
	fs.StringVar(&o.tokenKind, "token-kind", "", "")
	fs.Var(&o.headers, "header", "")
	fs.BoolVar(&o.whoami, "whoami", false, "")
	fs.BoolVar(&o.version, "version", false, "")
	fs.DurationVar(&o.timeout, "timeout", introspect.DefaultTimeout, "")
	fs.DurationVar(&o.maxWait, "max-wait", introspect.DefaultMaxWait, "")
	fs.IntVar(&o.retries, "retries", introspect.DefaultMaxRetries, "")
	return fs
}

func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	var o options
	fs := newFlagSet(&o)
	stop, parseErr := cli.Parse(fs, args, usage, stdout)
	// Everything printed goes through the redactor, whatever its source.
	red := redact.New(o.token)
	red.Add(outbound.URLSecrets(o.endpoint)...)
	for _, h := range o.headers {
		if _, v, ok := strings.Cut(h, ":"); ok {
			red.Add(v)
		}
	}
	fail := func(code int, err error) int { return cli.Fail(stderr, programName, red, code, err) }
	if stop {
		if parseErr != nil {
			return fail(cli.ExitUsage, parseErr)
		}
		return cli.ExitOK
	}
	if o.version {
		cli.PrintVersion(stdout, cli.InvokedName(programName))
		return cli.ExitOK
	}
	if err := o.check(fs); err != nil {
		return fail(cli.ExitUsage, fmt.Errorf("%v (see introspect --help)", err))
	}
	logger := cli.Logger(stderr, red, slog.LevelInfo)
	heapadvice.Reserve() // work follows: see the package

	if o.from != "" {
		// A file, or a snapshot directory whose metadata (where the schema
		// came from) a --snapshot copy keeps.
		s, meta, err := snapshot.Open(o.from)
		if err != nil {
			return fail(cli.ExitUsage, err)
		}
		cli.Warn(stderr, programName, s.Warnings)
		if meta.Endpoint == "" && meta.Source == "" {
			meta = snapshot.Meta{Source: filepath.Base(o.from)}
		}
		if err := o.write(stdout, s, meta); err != nil {
			return fail(cli.ExitUsage, err)
		}
		return cli.ExitOK
	}

	client, err := o.client(getenv, logger)
	if err != nil {
		return fail(cli.ExitUsage, err)
	}
	red.Add(client.Credentials.Token)
	if o.whoami {
		id, err := client.WhoAmI(ctx)
		if err != nil {
			return fail(exitCode(err), err)
		}
		fmt.Fprintln(stdout, red.String(id.String()))
		return cli.ExitOK
	}
	res, err := client.Introspect(ctx)
	if err != nil {
		return fail(exitCode(err), err)
	}
	asked := res.Asked
	meta := snapshot.Meta{
		Endpoint:  introspect.SafeEndpoint(o.endpoint),
		FetchedAt: snapshot.FormatTime(time.Now()),
		Asked:     &asked,
	}
	if err := o.write(stdout, res.Schema, meta); err != nil {
		return fail(cli.ExitUsage, err)
	}
	return cli.ExitOK
}

func (o *options) check(fs *flag.FlagSet) error {
	set := cli.SetFlags(fs)
	if err := o.checkFlagCombinations(fs, set); err != nil {
		return err
	}
	if err := o.checkValues(); err != nil {
		return err
	}
	return o.checkOutput(set)
}

// checkFlagCombinations rejects arguments, and flags that exclude each other.
func (o *options) checkFlagCombinations(fs *flag.FlagSet, set map[string]bool) error {
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if o.format != "sdl" && o.format != "json" {
		return fmt.Errorf("--format %q: want sdl or json", o.format)
	}
	if o.from != "" {
		for _, conflict := range []string{"endpoint", "token", "token-kind", "header", "whoami"} {
			if set[conflict] {
				return fmt.Errorf("--from reads a file; --%s is for the network", conflict)
			}
		}
	}
	if o.whoami && (set["o"] || set["output"] || set["snapshot"] || set["format"]) {
		return errors.New("--whoami prints what the token is; it takes no output flags")
	}
	return nil
}

// checkValues rejects limits, a token kind and an endpoint that do not parse.
func (o *options) checkValues() error {
	if o.timeout <= 0 || o.maxWait < 0 || o.retries < 0 {
		return errors.New("--timeout must be positive, --max-wait and --retries not negative")
	}
	if o.tokenKind != "" {
		if _, err := introspect.ParseTokenKind(o.tokenKind); err != nil {
			return err
		}
	}
	if o.from == "" {
		if _, err := outbound.ParseHTTPURL(o.endpoint); err != nil {
			return fmt.Errorf("--endpoint: %v", err)
		}
	}
	return nil
}

// checkOutput rejects an output file that is a directory. It is checked
// before anything is fetched: a run should not introspect a whole API to fail
// at the last step.
func (o *options) checkOutput(set map[string]bool) error {
	if fi, err := os.Stat(o.out); o.out != "" && err == nil && fi.IsDir() {
		flag := "-o"
		if set["output"] {
			flag = "--output"
		}
		return fmt.Errorf("%s %s is a directory: name a file in it (%s %s), or write a snapshot directory with --snapshot %s",
			flag, o.out, flag, filepath.Join(o.out, "schema.graphql"), o.out)
	}
	return nil
}

func (o *options) client(getenv func(string) string, logger *slog.Logger) (*introspect.Client, error) {
	creds, err := introspect.ResolveCredentials(introspect.CredentialOptions{Endpoint: o.endpoint, Token: o.token, Kind: o.tokenKind}, getenv)
	if err != nil {
		return nil, err
	}
	headers := http.Header{}
	for _, h := range o.headers {
		name, value, ok := strings.Cut(h, ":")
		name = strings.TrimSpace(name)
		if !ok || name == "" || strings.ContainsAny(name, " \t\r\n") {
			return nil, fmt.Errorf("--header wants 'Name: value', got a value without a name (see introspect --help)")
		}
		headers.Add(textproto.CanonicalMIMEHeaderKey(name), strings.TrimSpace(value))
	}
	retries := o.retries
	if retries == 0 {
		retries = -1 // the client reads 0 as "default"; the user asked for none
	}
	return &introspect.Client{
		Endpoint:    o.endpoint,
		Credentials: creds,
		Headers:     headers,
		Timeout:     o.timeout,
		MaxWait:     o.maxWait,
		MaxRetries:  retries,
		Logger:      logger,
		UserAgent:   "schemawatch-introspect",
	}, nil
}

// write puts the schema where the flags say: a snapshot directory, a file,
// or stdout.
func (o *options) write(stdout io.Writer, s *schema.Schema, meta snapshot.Meta) error {
	var out []byte
	if o.format == "json" {
		out = s.MarshalIntrospection()
	} else {
		out = []byte(s.PrintSDL())
	}
	if o.snapshotDir != "" {
		if err := snapshot.Write(o.snapshotDir, s, meta); err != nil {
			return err
		}
	}
	if o.out != "" {
		return fsatomic.WriteFile(o.out, out, 0o644)
	}
	if o.snapshotDir == "" {
		_, err := stdout.Write(out)
		return err
	}
	return nil
}

// exitCode maps a client error to the exit status: a request that could not
// be made as configured is a usage error, everything else the remote's.
func exitCode(err error) int {
	var usage *introspect.UsageError
	if errors.As(err, &usage) {
		return cli.ExitUsage
	}
	return cli.ExitRemote
}
