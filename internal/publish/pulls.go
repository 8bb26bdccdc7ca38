package publish

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/google/go-github/v60/github"

	"github.com/schemawatch/schemawatch/internal/outbound"
)

// The pull request: found or opened, its text, labels and reviewers.

// createPullAttempts bounds the tries at opening a pull request that
// GitHub answers with 422 (see openPull); createPullBackoff is the first
// wait between them, doubled each time.
const (
	createPullAttempts = 4
	createPullBackoff  = 2 * time.Second
)

type labelStyle struct{ color, description string }

// labelStyles are the colours and descriptions of the labels schemawatch
// creates; others get defaultLabelStyle.
var labelStyles = map[string]labelStyle{
	LabelSchemaChange: {"1d76db", "The watched API's schema changed (schemawatch)"},
	LabelBreaking:     {"b60205", "The watched API changed in a way that breaks clients (schemawatch)"},
	LabelDangerous:    {"fbca04", "The watched API changed in a way that may break clients (schemawatch)"},
}

var defaultLabelStyle = labelStyle{"c5def5", "Managed by schemawatch"}

// findPull returns the open pull request from branch, or nil. GitHub
// allows one open pull request per head and base, but a person can open
// another from the same head to a different base: then the one to base is
// used, or else the oldest (whose base editPull then changes).
func (g *GitHub) findPull(ctx context.Context, branch, base string) (*github.PullRequest, error) {
	pulls, _, err := g.client.PullRequests.List(ctx, g.owner, g.repo, &github.PullRequestListOptions{
		State: "open", Head: g.owner + ":" + branch, ListOptions: github.ListOptions{PerPage: 100},
	})
	if err != nil {
		return nil, fmt.Errorf("list the open pull requests from %s: %w", branch, err)
	}
	if len(pulls) == 0 {
		return nil, nil
	}
	if len(pulls) > 1 {
		g.log.Warn("more than one open pull request from the branch; updating one and leaving the others alone", "branch", branch, "count", len(pulls))
	}
	slices.SortFunc(pulls, func(a, b *github.PullRequest) int { return a.GetNumber() - b.GetNumber() })
	if i := slices.IndexFunc(pulls, func(p *github.PullRequest) bool { return p.GetBase().GetRef() == base }); i >= 0 {
		return pulls[i], nil
	}
	return pulls[0], nil
}

// openPull opens the pull request. GitHub may answer 422 although the
// pull request exists — it was opened by an earlier attempt whose answer
// was lost, or just now, and the listing lags behind — or because a branch
// pushed a moment ago is not visible to pull requests yet. Either way it
// looks again before trying again, and never opens a second one: GitHub
// refuses a second open pull request for the same head and base, and this
// only tries after a listing found none. created is false when it found one.
func (g *GitHub) openPull(ctx context.Context, pr PullRequest) (pull *github.PullRequest, created bool, err error) {
	wait := createPullBackoff
	for attempt := 1; ; attempt++ {
		pull, _, err = g.client.PullRequests.Create(ctx, g.owner, g.repo, &github.NewPullRequest{
			Title: &pr.Title, Head: &pr.Branch, Base: &pr.Base, Body: &pr.Body,
		})
		if err == nil {
			g.log.Info("opened pull request", "number", pull.GetNumber(), "branch", pr.Branch, "url", pull.GetHTMLURL())
			return pull, true, nil
		}
		if status(err) != http.StatusUnprocessableEntity || attempt == createPullAttempts {
			return nil, false, fmt.Errorf("open the pull request: %w", err)
		}
		g.log.Warn("GitHub would not open the pull request; looking for it again before retrying",
			"branch", pr.Branch, "attempt", attempt, "wait", wait.String(), "error", err)
		if err := outbound.Sleep(ctx, g.clock, wait); err != nil {
			return nil, false, err
		}
		wait *= 2
		if pull, err = g.findPull(ctx, pr.Branch, pr.Base); err != nil || pull != nil {
			return pull, false, err
		}
	}
}

// editPull gives the pull request pr's title, body and base, sending only
// what differs. GitHub stores a body edited on the web with CRLF line
// ends; those do not count as a difference.
func (g *GitHub) editPull(ctx context.Context, pull *github.PullRequest, pr PullRequest) (bool, error) {
	var edit github.PullRequest
	changed := false
	if pull.GetTitle() != pr.Title {
		edit.Title, changed = &pr.Title, true
	}
	if strings.ReplaceAll(pull.GetBody(), "\r\n", "\n") != strings.ReplaceAll(pr.Body, "\r\n", "\n") {
		edit.Body, changed = &pr.Body, true
	}
	if pull.GetBase().GetRef() != pr.Base {
		edit.Base, changed = &github.PullRequestBranch{Ref: &pr.Base}, true
	}
	if !changed {
		return false, nil
	}
	if _, _, err := g.client.PullRequests.Edit(ctx, g.owner, g.repo, pull.GetNumber(), &edit); err != nil {
		return false, fmt.Errorf("update pull request #%d: %w", pull.GetNumber(), err)
	}
	return true, nil
}

// managedLabelsChange reports whether pr's managed labels differ from
// those pull carries.
func managedLabelsChange(pull *github.PullRequest, pr PullRequest) bool {
	for _, name := range pr.ManagedLabels {
		has := slices.ContainsFunc(pull.Labels, func(l *github.Label) bool { return strings.EqualFold(l.GetName(), name) })
		if has != containsFold(pr.Labels, name) {
			return true
		}
	}
	return false
}

// syncLabels adds pr.Labels the pull request lacks — creating them in the
// repository first, with schemawatch's colours, when they are new there —
// and removes the managed labels pr.Labels does not list.
func (g *GitHub) syncLabels(ctx context.Context, pull *github.PullRequest, pr PullRequest) (bool, error) {
	var have []string
	for _, l := range pull.Labels {
		have = append(have, l.GetName())
	}
	var add, remove []string
	for _, name := range pr.Labels {
		if !containsFold(have, name) {
			add = append(add, name)
		}
	}
	for _, name := range have {
		if containsFold(pr.ManagedLabels, name) && !containsFold(pr.Labels, name) {
			remove = append(remove, name)
		}
	}
	number := pull.GetNumber()
	for _, name := range add {
		if err := g.createLabel(ctx, name); err != nil {
			return false, err
		}
	}
	if len(add) > 0 {
		if _, _, err := g.client.Issues.AddLabelsToIssue(ctx, g.owner, g.repo, number, add); err != nil {
			return false, fmt.Errorf("label pull request #%d %s: %w", number, strings.Join(add, ", "), err)
		}
	}
	for _, name := range remove {
		// go-github puts the name into the path as it is.
		_, err := g.client.Issues.RemoveLabelForIssue(ctx, g.owner, g.repo, number, url.PathEscape(name))
		if err != nil && status(err) != http.StatusNotFound {
			return false, fmt.Errorf("remove label %s from pull request #%d: %w", name, number, err)
		}
	}
	if len(add)+len(remove) > 0 {
		g.log.Info("relabelled pull request", "number", number, "added", strings.Join(add, ","), "removed", strings.Join(remove, ","))
	}
	return len(add)+len(remove) > 0, nil
}

// createLabel creates a repository label unless it exists. Adding a label
// GitHub does not know would create it too, but grey and undescribed.
func (g *GitHub) createLabel(ctx context.Context, name string) error {
	style, ok := labelStyles[name]
	if !ok {
		style = defaultLabelStyle
	}
	_, _, err := g.client.Issues.CreateLabel(ctx, g.owner, g.repo, &github.Label{Name: &name, Color: &style.color, Description: &style.description})
	if err != nil && !isAlreadyExists(err) {
		return fmt.Errorf("create label %s: %w", name, err)
	}
	return nil
}

func isAlreadyExists(err error) bool {
	var resp *github.ErrorResponse
	if !errors.As(err, &resp) {
		return false
	}
	return slices.ContainsFunc(resp.Errors, func(e github.Error) bool { return e.Code == "already_exists" })
}

// requestReviews asks pr's reviewers who are not asked yet. GitHub refuses
// the whole request with 422 when one reviewer cannot review (not a
// collaborator, the author); then each is asked alone so that the others
// still are. A reviewer who cannot be asked is not worth failing a run
// that published everything else: every failure here is logged and
// skipped.
func (g *GitHub) requestReviews(ctx context.Context, pull *github.PullRequest, reviewers []string) {
	var asked []string
	for _, u := range pull.RequestedReviewers {
		asked = append(asked, u.GetLogin())
	}
	for _, t := range pull.RequestedTeams {
		asked = append(asked, t.GetSlug())
	}
	var pending []string
	for _, r := range reviewers {
		if !containsFold(asked, reviewerSlug(r)) {
			pending = append(pending, r)
		}
	}
	if len(pending) == 0 {
		return
	}
	err := g.askReviewers(ctx, pull.GetNumber(), pending)
	if status(err) == http.StatusUnprocessableEntity && len(pending) > 1 {
		for _, r := range pending {
			if err := g.askReviewers(ctx, pull.GetNumber(), []string{r}); err != nil {
				g.log.Warn("could not request a review", "number", pull.GetNumber(), "reviewer", r, "error", err)
			}
		}
		return
	}
	if err != nil {
		g.log.Warn("could not request reviews", "number", pull.GetNumber(), "reviewers", strings.Join(pending, ","), "error", err)
	}
}

func (g *GitHub) askReviewers(ctx context.Context, number int, reviewers []string) error {
	var req github.ReviewersRequest
	for _, r := range reviewers {
		if strings.Contains(r, "/") {
			req.TeamReviewers = append(req.TeamReviewers, reviewerSlug(r))
		} else {
			req.Reviewers = append(req.Reviewers, r)
		}
	}
	_, _, err := g.client.PullRequests.RequestReviewers(ctx, g.owner, g.repo, number, req)
	return err
}

// reviewerSlug is a login, or the slug of an "org/slug" team.
func reviewerSlug(reviewer string) string {
	_, slug, team := strings.Cut(reviewer, "/")
	if team {
		return slug
	}
	return reviewer
}
