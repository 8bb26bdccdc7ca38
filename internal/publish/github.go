package publish

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/google/go-github/v60/github"
	"github.com/jonboulle/clockwork"

	"github.com/schemawatch/schemawatch/internal/outbound"
	"github.com/schemawatch/schemawatch/internal/redact"
)

// Defaults for the zero fields of GitHubConfig.
const (
	// DefaultMaxWait is the longest rate-limit wait a run sits out. GitHub's
	// primary limit resets hourly; a scheduled run that would wait longer
	// fails instead and the next run tries again.
	DefaultMaxWait = 15 * time.Minute
	// DefaultMaxRetries is how often one request is retried after a
	// rate-limit answer.
	DefaultMaxRetries = 3
)

// GitHubConfig configures the GitHub publisher.
type GitHubConfig struct {
	// Token is a GitHub token with contents: write, pull-requests: write
	// and issues: write on Repo (see the package documentation). It is sent
	// in the Authorization header and nowhere else.
	Token string
	// Repo is "owner/name".
	Repo string
	// BaseURL is the API of a GitHub Enterprise Server, e.g.
	// "https://github.example.com/api/v3/" ("/api/v3/" is added when
	// missing); empty for github.com.
	BaseURL string

	HTTPClient *http.Client    // the client below the outbound layer; nil for a default client
	Clock      clockwork.Clock // nil for the real clock; tests pass a fake
	Logger     *slog.Logger    // nil for none
	MaxWait    time.Duration   // longest single rate-limit wait; default DefaultMaxWait
	MaxRetries int             // rate-limit retries per request; default DefaultMaxRetries, negative for none
}

// GitHub publishes pull requests to one repository through the GitHub REST
// API alone.
type GitHub struct {
	client      *github.Client
	owner, repo string
	clock       clockwork.Clock
	log         *slog.Logger
	redactor    *redact.Redactor
}

// NewGitHub returns a publisher for cfg.Repo.
func NewGitHub(cfg GitHubConfig) (*GitHub, error) {
	owner, repo, err := ParseRepo(cfg.Repo)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(cfg.Token) == "" {
		return nil, fmt.Errorf("publish: no GitHub token: set GITHUB_TOKEN to a token with contents: write, pull-requests: write and issues: write on %s, or use --dry-run", cfg.Repo)
	}
	g := &GitHub{owner: owner, repo: repo, clock: cfg.Clock, redactor: redact.New(cfg.Token)}
	if g.clock == nil {
		g.clock = clockwork.NewRealClock()
	}
	// Log lines carry GitHub's error messages, which a server could make
	// echo the token: the handler masks it whatever a line holds.
	g.log = slog.New(slog.DiscardHandler)
	if cfg.Logger != nil {
		g.log = slog.New(g.redactor.Handler(cfg.Logger.Handler()))
	}
	g.client = github.NewClient(nil)
	if cfg.BaseURL != "" {
		if g.client, err = g.client.WithEnterpriseURLs(cfg.BaseURL, cfg.BaseURL); err != nil {
			return nil, fmt.Errorf("publish: GitHub Enterprise URL %s: %w", outbound.SafeURL(cfg.BaseURL), err)
		}
	}
	// The token goes to the API's origin alone, on every request to it and
	// on no redirect away from it. go-github's own WithAuthToken would set
	// it on every hop.
	token := outbound.Credential{Origin: outbound.Origin(g.client.BaseURL), Header: http.Header{"Authorization": {"Bearer " + cfg.Token}}}
	httpClient := &http.Client{}
	if cfg.HTTPClient != nil {
		*httpClient = *cfg.HTTPClient
	}
	httpClient.Transport = &outbound.Transport{
		Next:              httpClient.Transport,
		Clock:             g.clock,
		MaxWait:           cmp.Or(cfg.MaxWait, DefaultMaxWait),
		MaxRetries:        retries(cfg.MaxRetries),
		RateLimited:       githubRateLimit,
		RateLimitFallback: secondaryFallback,
		Credentials:       []outbound.Credential{token},
		Logger:            g.log,
	}
	baseURL, uploadURL := g.client.BaseURL, g.client.UploadURL
	g.client = github.NewClient(httpClient)
	g.client.BaseURL, g.client.UploadURL = baseURL, uploadURL
	return g, nil
}

func retries(n int) int {
	switch {
	case n == 0:
		return DefaultMaxRetries
	case n < 0:
		return 0
	}
	return n
}

// ParseRepo splits "owner/name".
func ParseRepo(s string) (owner, repo string, err error) {
	owner, repo, ok := strings.Cut(s, "/")
	if !ok || owner == "" || repo == "" || strings.Contains(repo, "/") || strings.ContainsAny(s, " \t\n") {
		return "", "", fmt.Errorf("publish: repository %q is not of the form owner/name", s)
	}
	return owner, repo, nil
}

// Publish makes the repository hold pr: the branch is Base's head plus the
// files, one open pull request shows it, with pr's title, body, labels and
// reviewers. Run twice with the same input, the second run writes nothing.
// When Base already holds the files, the pull request is closed and the
// branch deleted. Every failure leaves a state that the next run repairs.
func (g *GitHub) Publish(ctx context.Context, pr PullRequest) (Result, error) {
	pr, err := pr.normalized()
	if err != nil {
		return Result{}, err
	}
	res, err := g.publish(ctx, pr)
	if err != nil {
		return res, g.redactor.Error(fmt.Errorf("publish to %s/%s, branch %s: %w", g.owner, g.repo, pr.Branch, explain(err, g.owner+"/"+g.repo)))
	}
	return res, nil
}

func (g *GitHub) publish(ctx context.Context, pr PullRequest) (Result, error) {
	var err error
	if pr.Base, err = g.baseBranch(ctx, pr.Base); err != nil {
		return Result{Branch: pr.Branch}, err
	}
	st, err := g.readState(ctx, pr)
	if err != nil {
		return Result{Branch: pr.Branch}, err
	}
	if len(st.entries) == 0 {
		return g.withdraw(ctx, pr, st.open, st.branch != nil)
	}
	tree, err := g.writeTree(ctx, pr, st.base, st.baseFiles, st.branch, st.entries)
	if err != nil {
		return Result{Branch: pr.Branch}, err
	}
	if tree == st.base.tree {
		// Only possible when the base listing was truncated and entries
		// could not be matched against it.
		return g.withdraw(ctx, pr, st.open, st.branch != nil)
	}
	res, err := g.updateBranch(ctx, pr, st, tree)
	if err != nil {
		return res, err
	}
	return g.updatePull(ctx, pr, st.open, res)
}

// publishState is what publishing starts from: the base branch's head and
// files, the tree entries the pull request changes, its branch (nil when
// absent) and its open pull request (nil when none).
type publishState struct {
	base      *commitInfo
	baseFiles listing
	entries   []*github.TreeEntry
	branch    *commitInfo
	open      *github.PullRequest
}

func (g *GitHub) readState(ctx context.Context, pr PullRequest) (publishState, error) {
	var st publishState
	var err error
	if st.base, err = g.head(ctx, pr.Base); err != nil {
		return st, err
	}
	if st.base == nil {
		return st, fmt.Errorf("the base branch %q does not exist (or the token cannot see %s/%s); create it or pass another --base", pr.Base, g.owner, g.repo)
	}
	if st.baseFiles, err = g.listFiles(ctx, st.base.tree); err != nil {
		return st, err
	}
	st.entries = treeEntries(st.baseFiles, pr)
	if st.branch, err = g.head(ctx, pr.Branch); err != nil {
		return st, err
	}
	st.open, err = g.findPull(ctx, pr.Branch, pr.Base)
	return st, err
}

// updateBranch makes the pull request's branch one commit on the base
// branch with tree, pushing only when it is not that already.
func (g *GitHub) updateBranch(ctx context.Context, pr PullRequest, st publishState, tree string) (Result, error) {
	res := Result{Branch: pr.Branch}
	if st.branch != nil {
		res.CommitSHA = st.branch.sha
		if st.branch.tree == tree && slices.Equal(st.branch.parents, []string{st.base.sha}) {
			return res, nil
		}
	}
	var err error
	if res.CommitSHA, err = g.push(ctx, pr, tree, st.base.sha, st.branch != nil); err != nil {
		return res, err
	}
	res.Pushed = true
	return res, nil
}

// updatePull opens the pull request, or brings the open one's title, body,
// labels and reviewers up to date, and says which it did.
func (g *GitHub) updatePull(ctx context.Context, pr PullRequest, open *github.PullRequest, res Result) (Result, error) {
	created := false
	var err error
	if open != nil {
		res.ManagedLabelsChanged = managedLabelsChange(open, pr)
	}
	if open == nil {
		if open, created, err = g.openPull(ctx, pr); err != nil {
			return res, err
		}
	}
	res.Number, res.URL = open.GetNumber(), open.GetHTMLURL()
	edited, err := g.editPull(ctx, open, pr)
	if err != nil {
		return res, err
	}
	relabelled, err := g.syncLabels(ctx, open, pr)
	if err != nil {
		return res, err
	}
	switch {
	case created:
		res.Action = Created
	case res.Pushed || edited || relabelled:
		res.Action = Updated
	default:
		res.Action = Unchanged
	}
	if res.Action != Unchanged {
		g.requestReviews(ctx, open, pr.Reviewers)
	}
	g.log.Info("published pull request", "action", string(res.Action), "number", res.Number, "branch", pr.Branch,
		"pushed", res.Pushed, "commit", res.CommitSHA, "url", res.URL)
	return res, nil
}

// withdraw handles a run whose files Base already holds: the change the
// pull request proposed is no longer a change, so it is closed with a
// comment saying why, and the branch is deleted.
func (g *GitHub) withdraw(ctx context.Context, pr PullRequest, open *github.PullRequest, branchExists bool) (Result, error) {
	res := Result{Branch: pr.Branch, Action: NothingToPublish}
	if open != nil {
		res.Number, res.URL = open.GetNumber(), open.GetHTMLURL()
		if _, _, err := g.client.Issues.CreateComment(ctx, g.owner, g.repo, open.GetNumber(), &github.IssueComment{Body: &pr.CloseComment}); err != nil {
			return res, fmt.Errorf("comment on pull request #%d before closing it: %w", open.GetNumber(), err)
		}
		if _, _, err := g.client.PullRequests.Edit(ctx, g.owner, g.repo, open.GetNumber(), &github.PullRequest{State: new("closed")}); err != nil {
			return res, fmt.Errorf("close pull request #%d: %w", open.GetNumber(), err)
		}
		res.Action = Closed
	}
	if branchExists {
		if err := g.deleteBranch(ctx, pr.Branch); err != nil {
			return res, err
		}
	}
	g.log.Info("the base branch holds the files; nothing to propose", "action", string(res.Action), "number", res.Number,
		"branch", pr.Branch, "branch_deleted", branchExists)
	return res, nil
}

// explain adds what to do to the GitHub errors a user can act on.
func explain(err error, repo string) error {
	if limit, ok := asRateLimitError(err); ok {
		return limit
	}
	var resp *github.ErrorResponse
	if !errors.As(err, &resp) || resp.Response == nil {
		return err
	}
	switch resp.Response.StatusCode {
	case http.StatusUnauthorized:
		return fmt.Errorf("%w; GitHub did not accept the token: check GITHUB_TOKEN", err)
	case http.StatusForbidden:
		return fmt.Errorf("%w; the token may not do this: it needs contents: write, pull-requests: write and issues: write on %s", err, repo)
	case http.StatusNotFound:
		return fmt.Errorf("%w; check that %s exists and that the token can see it", err, repo)
	}
	return err
}
