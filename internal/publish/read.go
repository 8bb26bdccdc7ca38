package publish

import (
	"context"
	"encoding/base64"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// ReadFiles returns what the base branch holds under each of dirs
// (repository-relative, slash-separated directories): path → content. A
// directory the branch does not have gives no files. The watch cycle
// compares the live schema with the snapshot the base branch holds, read
// through the API rather than from a checkout, so that a long-running
// daemon never works from a stale copy.
func (g *GitHub) ReadFiles(ctx context.Context, base string, dirs ...string) (map[string][]byte, error) {
	files, err := g.readFiles(ctx, base, dirs)
	if err != nil {
		return nil, g.redactor.Error(fmt.Errorf("read %s from %s/%s: %w", strings.Join(dirs, ", "), g.owner, g.repo, explain(err, g.owner+"/"+g.repo)))
	}
	return files, nil
}

func (g *GitHub) readFiles(ctx context.Context, base string, dirs []string) (map[string][]byte, error) {
	base, err := g.baseBranch(ctx, base)
	if err != nil {
		return nil, err
	}
	head, err := g.head(ctx, base)
	if err != nil {
		return nil, err
	}
	if head == nil {
		return nil, fmt.Errorf("the base branch %q does not exist (or the token cannot see it)", base)
	}
	list, err := g.listFiles(ctx, head.tree)
	if err != nil {
		return nil, err
	}
	if !list.complete {
		return nil, fmt.Errorf("the tree of %s is too large for GitHub to list", base)
	}
	out := map[string][]byte{}
	for _, path := range slices.Sorted(maps.Keys(list.files)) {
		if !underAny(path, dirs) {
			continue
		}
		blob, _, err := g.client.Git.GetBlob(ctx, g.owner, g.repo, list.files[path].sha)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
		content, err := base64.StdEncoding.DecodeString(strings.ReplaceAll(blob.GetContent(), "\n", ""))
		if err != nil || blob.GetEncoding() != "base64" {
			return nil, fmt.Errorf("read %s: GitHub sent the blob in an unexpected encoding %q", path, blob.GetEncoding())
		}
		out[path] = content
	}
	return out, nil
}

// underAny reports whether path lies in one of dirs.
func underAny(path string, dirs []string) bool {
	for _, d := range dirs {
		d = strings.TrimSuffix(d, "/")
		if d == "" || d == "." || strings.HasPrefix(path, d+"/") {
			return true
		}
	}
	return false
}

// baseBranch is base, or the repository's default branch when base is
// empty.
func (g *GitHub) baseBranch(ctx context.Context, base string) (string, error) {
	if base != "" {
		return base, nil
	}
	repo, _, err := g.client.Repositories.Get(ctx, g.owner, g.repo)
	if err != nil {
		return "", fmt.Errorf("find the default branch: %w", err)
	}
	return repo.GetDefaultBranch(), nil
}

// Withdraw is Publish for a run that found nothing to propose: the open
// pull request of pr.Branch, if any, is closed with pr.CloseComment, and
// the branch, if any, deleted. Only pr.Branch, pr.Base and pr.CloseComment
// are read. With neither a pull request nor a branch it writes nothing.
func (g *GitHub) Withdraw(ctx context.Context, pr PullRequest) (Result, error) {
	res, err := g.withdrawBranch(ctx, pr)
	if err != nil {
		return res, g.redactor.Error(fmt.Errorf("withdraw %s/%s, branch %s: %w", g.owner, g.repo, pr.Branch, explain(err, g.owner+"/"+g.repo)))
	}
	return res, nil
}

func (g *GitHub) withdrawBranch(ctx context.Context, pr PullRequest) (Result, error) {
	if err := CheckBranchName(pr.Branch); err != nil {
		return Result{}, fmt.Errorf("branch: %w", err)
	}
	pr.CloseComment = closeComment(pr.CloseComment)
	base, err := g.baseBranch(ctx, pr.Base)
	if err != nil {
		return Result{}, err
	}
	pr.Base = base
	branch, err := g.head(ctx, pr.Branch)
	if err != nil {
		return Result{}, err
	}
	open, err := g.findPull(ctx, pr.Branch, pr.Base)
	if err != nil {
		return Result{}, err
	}
	if open == nil && branch == nil {
		return Result{Branch: pr.Branch, Action: NothingToPublish}, nil
	}
	return g.withdraw(ctx, pr, open, branch != nil)
}

// Withdraw does nothing for a dry run: there is no pull request to close.
func (d DryRun) Withdraw(_ context.Context, pr PullRequest) (Result, error) {
	return Result{Branch: pr.Branch, Action: NothingToPublish}, nil
}
