package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/schemawatch/schemawatch/internal/cli"
	"github.com/schemawatch/schemawatch/internal/fsatomic"
	"github.com/schemawatch/schemawatch/internal/introspect"
	"github.com/schemawatch/schemawatch/internal/notify"
	"github.com/schemawatch/schemawatch/internal/redact"
	"github.com/schemawatch/schemawatch/internal/watch"
)

const runUsage = `Usage: watch run (--once | --schedule SPEC) [--config FILE | API flags] [--dry-run] [flags]

Runs the watch cycle: introspect each API, compare it with the snapshot the
base branch holds, and if it changed, write the new snapshot, regenerate the
Go package and the collections, write the change report, and open or update
one pull request per API through the GitHub REST API. If nothing changed it
stops with one log line (and closes a pull request the schema has reverted).

Mode (one of):
  --once                 run one cycle per API and exit: for cron and
                         scheduled CI
  --schedule SPEC        run as a daemon: a cycle per API at start, then on
                         every tick of the cron spec SPEC ("0 * * * *",
                         @hourly, @every 30m). A tick that comes while a cycle
                         runs is skipped. SIGINT or SIGTERM stops it once the
                         running cycle finishes; after --grace, or at a second
                         signal, the cycle is abandoned (safe: every write is
                         atomic, the next run repairs) and the exit status is 3.
  --wait-first           with --schedule: wait for the first tick instead of
                         running a cycle at start
  --grace D              how long a running cycle may finish after a stop
                         signal (default 2m)

What to watch:
  --config FILE          the APIs to watch and where to publish
                         (schemawatch.yaml; see README.md). Without it, the
                         API flags below describe one API.
  --api NAME             with --config: run only the API named NAME
  --workdir DIR          the checkout the configuration's paths are relative
                         to; operations are read and regenerated files written
                         there (default .)

API flags (without --config):
  --name NAME            the API's name, in branch and file names (default railway)
  --endpoint URL         the GraphQL endpoint (default: Railway's public API,
                         https://backboard.railway.com/graphql/v2; so is a
                         configuration entry's without endpoint)
  --token-kind KIND      bearer (account, workspace or OAuth token, sent as
                         "Authorization: Bearer") or project (sent as
                         "Project-Access-Token"). Without it a token from
                         the environment is sent (as bearer) only to Railway's
                         hosts over https; name the kind to send it elsewhere
  --token-env VAR        the environment variable holding the API token
                         (default RAILWAY_API_TOKEN, or RAILWAY_TOKEN for a
                         project token); the token never goes on the command line
  --header 'Name: value' an extra request header; repeatable. ${VAR} in a value
                         is read from the environment (how secrets get in).
  --snapshot-dir DIR     the committed snapshot (default snapshots/NAME)
  --go-out DIR           regenerate a Go package of the API's types in DIR
  --go-package NAME      its package name (default: the last element of DIR)
  --collection-out DIR   regenerate the Postman and Insomnia collections in
                         DIR (default collection; - for none)
  --collection-endpoint URL
                         the baseUrl the collections send requests to
                         (default: --endpoint)
  --report-dir DIR       where report.md and report.json go (default reports/NAME)
  --history-dir DIR      the API's history, kept current by every cycle that
                         sees a change: deprecations.json, CHANGELOG.md,
                         timeline.svg, ledger.json (default history/NAME; -
                         for none). Start it once with watch history.
  --operations DIR       a client's .graphql operations: the report names the
                         ones each change breaks
  --branch NAME          the pull request's branch (default schemawatch/NAME)
  --label NAME           a label the pull request always carries; repeatable
                         (default schema-change). breaking-change and
                         dangerous-change are added and removed as the
                         verdict changes.
  --reviewer LOGIN       ask LOGIN (or org/team) for a review; repeatable
  --fail-on LEVEL        exit 1 when a change at or above LEVEL is found:
                         breaking (default), dangerous or none
  --allow-mass-removal   publish a change that removes more than half of the
                         committed schema's types or fields; without it such a
                         change is held back as suspect (a proxy or an outage
                         answering for the API), nothing is published and the
                         exit status is 3. With --config it applies to every
                         API (the key allowMassRemoval sets it for one).

Publishing:
  --repo OWNER/NAME      the GitHub repository (or github.repo in the config)
  --base BRANCH          the branch pull requests target (default main, or
                         github.base in the config)
  --github-url URL       a GitHub Enterprise Server API URL, e.g.
                         https://github.example.com/api/v3/
  --dry-run              do everything but talk to GitHub: compare with the
                         checkout's snapshot, write the regenerated files into
                         it, and write each pull request's title, labels, body
                         and file list under --dry-run-dir
  --dry-run-dir DIR      where a dry run writes (default
                         .schemawatch/dry-run below --workdir)
  --notify TYPE=VAR      announce a pull request opened, or its verdict
                         changed, to a webhook whose URL the environment
                         variable VAR holds (a secret: never printed); TYPE
                         is slack (an incoming webhook: Block Kit message) or
                         webhook (JSON: verdict, counts, bump, pull request,
                         each breaking and dangerous change and the
                         operations it breaks); repeatable, e.g.
                         --notify slack=SLACK_WEBHOOK_URL. With --config it
                         adds to every API's notify: list. A dry run writes
                         the payloads under its directory instead of sending
  --github-actions       with --once, in a GitHub Actions step: write the
                         step outputs (verdict, counts, bump, pull request,
                         report path) to $GITHUB_OUTPUT, the report to
                         $GITHUB_STEP_SUMMARY, and an error annotation on
                         each broken operation (see action.yml)
  The GitHub token is read from GITHUB_TOKEN (or the variable github.tokenEnv
  names); it needs contents: write, pull-requests: write and issues: write.

Introspection:
  --timeout D            time limit per request attempt (default 30s)
  --max-wait D           the longest rate-limit wait to sit out (default 2m)
  --retries N            retries of 5xx answers, resets, timeouts and 429s,
                         with exponential backoff and jitter (default 4)

Exit status: 0 no change, or published; 1 a --fail-on threshold met;
2 usage, configuration or input error (a ${VAR} a header needs that is not
set included: checked at start, before any cycle); 3 network or server
failure (introspection or GitHub), a change held back as a mass removal, or
a cycle abandoned at shutdown; 4 published, but a notification failed
(only when no other status applies: a notification never holds back the
pull request). With several APIs, the highest applies.

Examples:
  RAILWAY_API_TOKEN=... watch run --once --dry-run --go-out railwayapi
  GITHUB_TOKEN=... RAILWAY_API_TOKEN=... watch run --once --config schemawatch.yaml --repo owner/name
  watch run --schedule @hourly --config schemawatch.yaml --repo owner/name
  SLACK_WEBHOOK_URL=https://hooks.slack.com/services/... watch run --once --config schemawatch.yaml --notify slack=SLACK_WEBHOOK_URL

Environment:
  RAILWAY_API_TOKEN      the API token, by default (--token-env or tokenEnv
                         in the configuration names another variable)
  RAILWAY_TOKEN          the token for --token-kind project, by default
  GITHUB_TOKEN           the GitHub token (github.tokenEnv names another)
  ${VAR}                 any variable a --header value or headers: entry names
  SLACK_WEBHOOK_URL, ... the webhook URLs --notify and notify: entries name
  GITHUB_OUTPUT, GITHUB_STEP_SUMMARY
                         with --github-actions: the files GitHub Actions
                         reads the step's outputs and job summary from
  Secrets are read only from the environment and never printed.
`

// listFlag collects a repeatable flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

type runOptions struct {
	once       bool
	schedule   string
	waitFirst  bool
	grace      time.Duration
	configFile string
	only       string
	workdir    string

	api               watch.API
	goOut, goPackage  string
	headers, labels   listFlag
	reviewers         listFlag
	repo, base, ghURL string

	allowMassRemoval bool
	notify           listFlag

	dryRun           bool
	githubActions    bool
	dryRunDir        string
	timeout, maxWait time.Duration
	retries          int
}

func newRunFlagSet(o *runOptions) *flag.FlagSet {
	fs := cli.NewFlagSet("watch run")
	fs.BoolVar(&o.once, "once", false, "")
	fs.StringVar(&o.schedule, "schedule", "", "")
	fs.BoolVar(&o.waitFirst, "wait-first", false, "")
	fs.DurationVar(&o.grace, "grace", watch.DefaultGrace, "")
	fs.StringVar(&o.configFile, "config", "", "")
	fs.StringVar(&o.only, "api", "", "")
	fs.StringVar(&o.workdir, "workdir", ".", "")
	fs.StringVar(&o.api.Name, "name", "railway", "")
	fs.StringVar(&o.api.Endpoint, "endpoint", "", "")
	fs.StringVar(&o.api.TokenKind, "token-kind", "", "")
	fs.StringVar(&o.api.TokenEnv, "token-env", "", "")
	fs.Var(&o.headers, "header", "")
	fs.StringVar(&o.api.SnapshotDir, "snapshot-dir", "", "")
	fs.StringVar(&o.goOut, "go-out", "", "")
	fs.StringVar(&o.goPackage, "go-package", "", "")
	fs.StringVar(&o.api.CollectionDir, "collection-out", "", "")
	fs.StringVar(&o.api.CollectionEndpoint, "collection-endpoint", "", "")
	fs.StringVar(&o.api.ReportDir, "report-dir", "", "")
	fs.StringVar(&o.api.HistoryDir, "history-dir", "", "")
	fs.StringVar(&o.api.OperationsDir, "operations", "", "")
	fs.StringVar(&o.api.Branch, "branch", "", "")
	fs.Var(&o.labels, "label", "")
	fs.Var(&o.reviewers, "reviewer", "")
	fs.Var(&o.api.FailOn, "fail-on", "")
	fs.BoolVar(&o.allowMassRemoval, "allow-mass-removal", false, "")
	fs.StringVar(&o.repo, "repo", "", "")
	fs.StringVar(&o.base, "base", "", "")
	fs.StringVar(&o.ghURL, "github-url", "", "")
	fs.BoolVar(&o.dryRun, "dry-run", false, "")
	fs.Var(&o.notify, "notify", "")
	fs.BoolVar(&o.githubActions, "github-actions", false, "")
	fs.StringVar(&o.dryRunDir, "dry-run-dir", "", "")
	fs.DurationVar(&o.timeout, "timeout", introspect.DefaultTimeout, "")
	fs.DurationVar(&o.maxWait, "max-wait", introspect.DefaultMaxWait, "")
	fs.IntVar(&o.retries, "retries", introspect.DefaultMaxRetries, "")
	return fs
}

// apiFlags are the flags that describe one API without a configuration.
var apiFlags = []string{"name", "endpoint", "token-kind", "token-env", "header", "snapshot-dir", "go-out", "go-package",
	"collection-out", "collection-endpoint", "report-dir", "history-dir", "operations", "branch", "label", "reviewer", "fail-on"}

func runRun(ctx context.Context, args []string, env *environment) int {
	const prog = "watch run"
	var o runOptions
	fs := newRunFlagSet(&o)
	stop, err := cli.Parse(fs, args, runUsage, env.stdout)
	red := redact.New()
	fail := func(code int, err error) int { return cli.Fail(env.stderr, prog, red, code, err) }
	if stop {
		if err != nil {
			return fail(cli.ExitUsage, err)
		}
		return cli.ExitOK
	}
	cfg, err := o.config(fs)
	if err != nil {
		return fail(cli.ExitUsage, fmt.Errorf("%w (see watch run --help)", err))
	}
	red.Add(watch.Secrets(cfg, env.getenv)...)
	logger := cli.Logger(env.stderr, red, slog.LevelInfo)
	retries := o.retries
	if retries == 0 {
		retries = -1 // the user asked for none; 0 would be the default
	}
	cycle, err := watch.NewCycle(cfg, watch.Options{
		Workdir: o.workdir, DryRun: o.dryRun, DryRunDir: o.dryRunDir, Timeout: o.timeout, MaxWait: o.maxWait, Retries: retries,
	}, watch.Env{Getenv: env.getenv, Logger: logger})
	if err != nil {
		return fail(cli.ExitUsage, err)
	}
	release, err := fsatomic.Lock(ctx, o.workdir, workdirLockWait)
	if err != nil {
		return fail(cli.ExitUsage, err)
	}
	defer release()

	if o.once {
		outcomes, errs := cycle.RunAll(ctx, cfg.APIs)
		for _, out := range outcomes {
			if out.Published.Dir != "" {
				fmt.Fprintf(env.stdout, "%s: dry run: the pull request is in %s\n", out.API, out.Published.Dir)
			} else if out.Published.URL != "" {
				fmt.Fprintf(env.stdout, "%s: %s %s\n", out.API, out.Published.Action, out.Published.URL)
			}
		}
		if o.githubActions {
			if err := reportToActions(env, cfg, outcomes, errs); err != nil {
				return fail(cli.ExitUsage, err)
			}
		}
		return exitStatus(outcomes, errs)
	}

	return serve(ctx, &o, cfg, cycle, env, logger, fail)
}

// serve runs the daemon: a cycle at start (unless --wait-first), then one
// per tick, until a stop signal.
func serve(ctx context.Context, o *runOptions, cfg *watch.Config, cycle *watch.Cycle, env *environment, logger *slog.Logger, fail func(int, error) int) int {
	spec, _ := watch.ParseSchedule(o.schedule) // checked by config
	sched := &watch.Scheduler{
		Schedule:   spec,
		Grace:      o.grace,
		Logger:     logger,
		RunAtStart: !o.waitFirst,
		Forced:     env.forced,
		Job: func(ctx context.Context) error {
			_, errs := cycle.RunAll(ctx, cfg.APIs)
			return errors.Join(errs...)
		},
	}
	logger.Info("watching", "apis", len(cfg.APIs), "schedule", o.schedule, "dry_run", o.dryRun)
	if err := sched.Serve(ctx); errors.Is(err, watch.ErrAbandoned) {
		return fail(cli.ExitRemote, err)
	} else if err != nil {
		return fail(cli.ExitUsage, err)
	}
	return cli.ExitOK
}

// exitStatus is the most severe status of the cycles: a remote failure
// (3), an input failure (2), a threshold met (1), else a notification
// failed (4), else 0.
func exitStatus(outcomes []watch.Outcome, errs []error) int {
	code := cli.ExitOK
	notifyFailed := false
	for _, out := range outcomes {
		if out.ThresholdMet() {
			code = cli.ExitThreshold
		}
		notifyFailed = notifyFailed || len(out.NotifyErrors) > 0
	}

	for _, err := range errs {
		var cycleErr *watch.Error
		if errors.As(err, &cycleErr) && cycleErr.Remote {
			code = max(code, cli.ExitRemote)
		} else {
			code = max(code, cli.ExitUsage)
		}
	}
	if code == cli.ExitOK && notifyFailed {
		return cli.ExitNotify
	}
	return code
}

// config is the configuration the flags ask for: the file's, or one API
// made of flags.
func (o *runOptions) config(fs *flag.FlagSet) (*watch.Config, error) {
	set := cli.SetFlags(fs)
	if err := o.checkFlagCombinations(fs, set); err != nil {
		return nil, err
	}
	configOf := o.flagsConfig
	if set["config"] {
		configOf = o.fileConfig
	}
	cfg, err := configOf(set)
	if err != nil {
		return nil, err
	}
	if err := o.applyOverrides(cfg); err != nil {
		return nil, err
	}
	if err := o.checkSchedule(); err != nil {
		return nil, err
	}
	return cfg, nil
}

// checkFlagCombinations rejects arguments and flags that exclude or need
// each other.
func (o *runOptions) checkFlagCombinations(fs *flag.FlagSet, set map[string]bool) error {
	switch {
	case fs.NArg() > 0:
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	case o.once && o.schedule != "":
		return errors.New("--once and --schedule exclude each other")
	case !set["config"] && set["api"]:
		return errors.New("--api selects an API of --config")
	case o.githubActions && !o.once:
		return errors.New("--github-actions goes with --once")
	case !o.dryRun && set["dry-run-dir"]:
		return errors.New("--dry-run-dir goes with --dry-run")
	case o.once && o.waitFirst:
		return errors.New("--wait-first goes with --schedule: --once runs one cycle now")
	}
	return nil
}

// applyOverrides sets what the flags say for every API of cfg: the GitHub
// repository, --allow-mass-removal and the --notify destinations.
func (o *runOptions) applyOverrides(cfg *watch.Config) error {
	if err := cfg.SetGitHub(watch.GitHub{Repo: o.repo, Base: o.base, APIURL: o.ghURL}); err != nil {
		return err
	}
	if o.allowMassRemoval {
		for i := range cfg.APIs {
			cfg.APIs[i].AllowMassRemoval = true
		}
	}
	for _, v := range o.notify {
		d, err := notify.ParseDestination(v)
		if err != nil {
			return fmt.Errorf("--notify: %w", err)
		}
		for i := range cfg.APIs {
			cfg.APIs[i].Notify = append(cfg.APIs[i].Notify, d)
		}
	}
	return nil
}

// checkSchedule requires --once or a schedule (the flag's or the file's), and
// a schedule to parse.
func (o *runOptions) checkSchedule() error {
	if !o.once && o.schedule == "" {
		return errors.New("give one of --once and --schedule SPEC")
	}
	if o.schedule != "" {
		if _, err := watch.ParseSchedule(o.schedule); err != nil {
			return fmt.Errorf("--schedule: %w", err)
		}
	}
	return nil
}

// fileConfig is the configuration file's, or the one API of it --api names.
func (o *runOptions) fileConfig(set map[string]bool) (*watch.Config, error) {
	for _, name := range apiFlags {
		if set[name] {
			return nil, fmt.Errorf("--%s describes an API without a configuration file; with --config, set it in %s", name, o.configFile)
		}
	}
	cfg, err := watch.LoadConfig(o.configFile)
	if err != nil {
		return nil, err
	}
	if o.only != "" {
		i := indexOfAPI(cfg.APIs, o.only)
		if i < 0 {
			return nil, fmt.Errorf("--api %q: %s has no such API", o.only, o.configFile)
		}
		cfg.APIs = cfg.APIs[i : i+1]
	}
	if !o.once && o.schedule == "" {
		o.schedule = cfg.Schedule // a --schedule flag overrides the file's
	}
	return cfg, nil
}

// flagsConfig is the one API the flags describe.
func (o *runOptions) flagsConfig(map[string]bool) (*watch.Config, error) {
	api := o.api
	for _, h := range o.headers {
		name, value, ok := strings.Cut(h, ":")
		if !ok || strings.TrimSpace(name) == "" {
			return nil, fmt.Errorf("--header wants 'Name: value'")
		}
		if api.Headers == nil {
			api.Headers = map[string]string{}
		}
		api.Headers[strings.TrimSpace(name)] = strings.TrimSpace(value)
	}
	if o.goOut != "" {
		api.GoPackage = &watch.GoPackage{Dir: o.goOut, Name: o.goPackage}
	} else if o.goPackage != "" {
		return nil, errors.New("--go-package goes with --go-out DIR")
	}
	api.Labels, api.Reviewers = o.labels, o.reviewers
	return watch.NewConfig(watch.GitHub{Repo: o.repo, Base: o.base, APIURL: o.ghURL}, api)
}

func indexOfAPI(apis []watch.API, name string) int {
	for i, a := range apis {
		if a.Name == name {
			return i
		}
	}
	return -1
}
