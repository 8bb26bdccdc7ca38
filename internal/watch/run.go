package watch

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"path/filepath"
	"time"

	"github.com/jonboulle/clockwork"

	"github.com/schemawatch/schemawatch/internal/introspect"
	"github.com/schemawatch/schemawatch/internal/notify"
	"github.com/schemawatch/schemawatch/internal/outbound"
	"github.com/schemawatch/schemawatch/internal/publish"
	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/snapshot"
)

// Options are how a run is carried out, as opposed to what it watches.
type Options struct {
	// Workdir is the checkout the configuration's paths are relative to.
	Workdir string
	// DryRun publishes nothing: the cycle compares with Workdir's snapshot
	// and writes each pull request's text and file list under DryRunDir.
	DryRun    bool
	DryRunDir string
	// Timeout and MaxWait bound each introspection request and the rate-limit
	// waits, Retries how often a transient failure is retried (0: the
	// client's defaults; negative Retries: none).
	Timeout, MaxWait time.Duration
	Retries          int
}

// DefaultDryRunDir is where a dry run writes, below the work directory.
const DefaultDryRunDir = ".schemawatch/dry-run"

// Env is what a run takes from its process.
type Env struct {
	Getenv func(string) string
	Logger *slog.Logger
	// Clock dates snapshots and paces the waits for rate limits; nil is
	// the real clock.
	Clock clockwork.Clock
	// HTTPClient is the client below the outbound layer, for introspection
	// and GitHub alike; nil for defaults.
	HTTPClient *http.Client
}

func (env Env) logger() *slog.Logger {
	if env.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return env.Logger
}

func (env Env) clock() clockwork.Clock {
	if env.Clock == nil {
		return clockwork.NewRealClock()
	}
	return env.Clock
}

// NewCycle builds the cycle cfg and opts ask for: introspection with the
// tokens the configuration names, and publishing to GitHub, or a dry run.
//
// A header that refers to an unset variable is a configuration error found
// here, before any cycle, rather than a failed introspection in each.
func NewCycle(cfg *Config, opts Options, env Env) (*Cycle, error) {
	for _, api := range cfg.APIs {
		if _, err := api.ExpandHeaders(env.Getenv); err != nil {
			return nil, err
		}
	}
	c := &Cycle{Root: opts.Workdir, Base: cfg.GitHub.Base, Logger: env.Logger, Clock: env.Clock, Fetch: IntrospectFetcher(opts, env),
		Notifier: &Notifier{Getenv: env.Getenv}}
	if opts.DryRun {
		dir := opts.DryRunDir
		if dir == "" {
			dir = filepath.Join(opts.Workdir, DefaultDryRunDir)
		}
		c.Committed = LocalCommitted{Root: opts.Workdir}
		c.Target = func(api API) publish.Target {
			return publish.DryRun{Dir: filepath.Join(dir, api.Name), Logger: env.Logger}
		}
		return c, nil
	}
	if cfg.GitHub.Repo == "" {
		return nil, errors.New("no GitHub repository to publish to: set github.repo in the configuration or pass --repo OWNER/NAME (or use --dry-run)")
	}
	token := env.Getenv(cfg.GitHub.TokenEnv)
	if token == "" {
		return nil, fmt.Errorf("%s is not set: it must hold a GitHub token with contents: write, pull-requests: write and issues: write on %s (or use --dry-run)", cfg.GitHub.TokenEnv, cfg.GitHub.Repo)
	}
	gh, err := publish.NewGitHub(publish.GitHubConfig{
		Token: token, Repo: cfg.GitHub.Repo, BaseURL: cfg.GitHub.APIURL,
		HTTPClient: env.HTTPClient, Clock: env.Clock, Logger: env.Logger,
	})
	if err != nil {
		return nil, err
	}
	c.Notifier.Sender = &notify.Sender{HTTPClient: env.HTTPClient, Clock: env.Clock, Logger: env.Logger}
	c.Committed = GitHubCommitted{GitHub: gh, Base: cfg.GitHub.Base}
	c.Target = func(API) publish.Target { return gh }
	return c, nil
}

// IntrospectFetcher fetches an API's schema by introspection, with the
// token from the environment variable the configuration names — sent by
// the same policy as the introspect command's: to a host other than
// Railway's only when tokenKind is set.
func IntrospectFetcher(opts Options, env Env) Fetcher {
	return func(ctx context.Context, api API) (*schema.Schema, snapshot.Meta, error) {
		headers, err := api.ExpandHeaders(env.Getenv)
		if err != nil {
			return nil, snapshot.Meta{}, err
		}
		creds, err := introspect.ResolveCredentials(introspect.CredentialOptions{
			Endpoint: api.Endpoint,
			Kind:     api.TokenKind,
			EnvVar:   api.TokenEnv,
			Advice: func(k introspect.TokenKind) string {
				return fmt.Sprintf("set tokenKind: %s for API %s in the configuration (or pass --token-kind %s)", k, api.Name, k)
			},
		}, env.Getenv)
		if err != nil {
			return nil, snapshot.Meta{}, err
		}
		if creds.Withheld != "" {
			env.logger().Warn("token not sent", "api", api.Name, "reason", creds.Withheld)
		}
		client := &introspect.Client{
			Endpoint:    api.Endpoint,
			Credentials: creds,
			Headers:     headerMap(headers),
			HTTPClient:  env.HTTPClient,
			Timeout:     opts.Timeout,
			MaxWait:     opts.MaxWait,
			MaxRetries:  opts.Retries,
			Clock:       env.Clock,
			Logger:      env.Logger,
			UserAgent:   "schemawatch",
		}
		res, err := client.Introspect(ctx)
		if err != nil {
			return nil, snapshot.Meta{}, err
		}
		asked := res.Asked
		meta := snapshot.Meta{Endpoint: introspect.SafeEndpoint(api.Endpoint), FetchedAt: snapshot.FormatTime(env.clock().Now()), Asked: &asked}
		return res.Schema, meta, nil
	}
}

func headerMap(h map[string]string) http.Header {
	out := http.Header{}
	for k, v := range h {
		out.Set(k, v)
	}
	return out
}

// Secrets lists every secret a run may handle, for the redactor: the API
// tokens, the header values, what an endpoint's user information and
// query hold, and the GitHub token.
func Secrets(cfg *Config, getenv func(string) string) []string {
	secrets := []string{getenv(cfg.GitHub.TokenEnv)}
	for _, api := range cfg.APIs {
		secrets = append(secrets, getenv(api.TokenEnv))
		secrets = append(secrets, outbound.URLSecrets(api.Endpoint)...)
		if headers, err := api.ExpandHeaders(getenv); err == nil {
			for _, v := range headers {
				secrets = append(secrets, v)
			}
		}
	}
	return append(secrets, notifySecrets(cfg, getenv)...)
}

// RunAll runs one cycle per API, in order. A failing API does not stop the
// others; its error is returned with the rest.
func (c *Cycle) RunAll(ctx context.Context, apis []API) ([]Outcome, []error) {
	var outcomes []Outcome
	var errs []error
	for _, api := range apis {
		if ctx.Err() != nil {
			errs = append(errs, &Error{API: api.Name, Stage: "start", Err: ctx.Err()})
			continue
		}
		o, err := c.Run(ctx, api)
		outcomes = append(outcomes, o)
		if err != nil {
			c.log().Error("cycle failed", "api", api.Name, "error", err.Error())
			errs = append(errs, err)
		}
	}
	return outcomes, errs
}
