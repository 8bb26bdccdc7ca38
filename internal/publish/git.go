package publish

import (
	"context"
	"crypto/sha1"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/google/go-github/v60/github"
)

// The branch, through git's data API: blobs, a tree on top of the base
// branch's tree, a commit whose parent is the base branch's head, and a
// ref. No clone, no git binary, no push credentials.

const (
	modeFile = "100644"
	modeExec = "100755"
	typeBlob = "blob"
)

// commitInfo is a branch head: its commit, the commit's tree and parents.
type commitInfo struct {
	sha     string
	tree    string
	parents []string
}

// treeFile is a file in a tree listing.
type treeFile struct {
	sha  string
	mode string
}

// listing is a tree's files by path. Complete is false when GitHub cut
// the listing short (a tree of more than 100,000 entries): then a path
// missing from it may still be in the tree.
type listing struct {
	files    map[string]treeFile
	complete bool
}

// head returns the commit a branch points at, or nil if there is no such
// branch.
func (g *GitHub) head(ctx context.Context, branch string) (*commitInfo, error) {
	ref, _, err := g.client.Git.GetRef(ctx, g.owner, g.repo, "heads/"+branch)
	if status(err) == http.StatusNotFound {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read branch %s: %w", branch, err)
	}
	sha := ref.GetObject().GetSHA()
	c, _, err := g.client.Git.GetCommit(ctx, g.owner, g.repo, sha)
	if err != nil {
		return nil, fmt.Errorf("read commit %s of branch %s: %w", sha, branch, err)
	}
	info := &commitInfo{sha: sha, tree: c.GetTree().GetSHA()}
	for _, p := range c.Parents {
		info.parents = append(info.parents, p.GetSHA())
	}
	return info, nil
}

// listFiles lists a tree's files, recursively.
func (g *GitHub) listFiles(ctx context.Context, treeSHA string) (listing, error) {
	tree, _, err := g.client.Git.GetTree(ctx, g.owner, g.repo, treeSHA, true)
	if err != nil {
		return listing{}, fmt.Errorf("list tree %s: %w", treeSHA, err)
	}
	l := listing{files: map[string]treeFile{}, complete: !tree.GetTruncated()}
	for _, e := range tree.Entries {
		if e.GetType() != "tree" {
			l.files[e.GetPath()] = treeFile{sha: e.GetSHA(), mode: e.GetMode()}
		}
	}
	return l, nil
}

// blobSHA is the name git gives a file's content: the SHA-1 of "blob",
// its length and the content. Comparing it with a tree listing tells
// whether GitHub already holds a file without uploading it.
func blobSHA(content []byte) string {
	h := sha1.New()
	h.Write([]byte("blob " + strconv.Itoa(len(content)) + "\x00"))
	h.Write(content)
	return hex.EncodeToString(h.Sum(nil))
}

// treeEntries returns the changes that turn the base tree into the tree pr
// wants, sorted by path: the files whose content differs from base (an
// executable file stays executable), and the deleted paths
// base has. None means base already holds pr. When the base listing is
// incomplete, every file and deletion is sent, and the caller compares
// tree SHAs instead.
func treeEntries(base listing, pr PullRequest) []*github.TreeEntry {
	var entries []*github.TreeEntry
	for _, path := range slices.Sorted(maps.Keys(pr.Files)) {
		sha := blobSHA(pr.Files[path])
		have, ok := base.files[path]
		if ok && have.sha == sha {
			continue
		}
		mode := modeFile
		if have.mode == modeExec {
			mode = modeExec
		}
		entries = append(entries, &github.TreeEntry{Path: new(path), Mode: new(mode), Type: new(typeBlob), SHA: new(sha)})
	}
	for _, path := range pr.Deleted {
		if _, ok := base.files[path]; ok || !base.complete {
			// Neither SHA nor content: go-github sends "sha": null, which
			// deletes the path.
			entries = append(entries, &github.TreeEntry{Path: new(path), Mode: new(modeFile), Type: new(typeBlob)})
		}
	}
	slices.SortFunc(entries, func(a, b *github.TreeEntry) int { return strings.Compare(a.GetPath(), b.GetPath()) })
	return entries
}

// writeTree uploads the blobs GitHub does not hold yet — those in neither
// the base tree nor the branch's current tree — and creates the tree on top
// of base's. It returns the tree's SHA.
func (g *GitHub) writeTree(ctx context.Context, pr PullRequest, base *commitInfo, baseFiles listing, branch *commitInfo, entries []*github.TreeEntry) (string, error) {
	held := map[string]bool{}
	for _, f := range baseFiles.files {
		held[f.sha] = true
	}
	if branch != nil && branch.tree != base.tree {
		branchFiles, err := g.listFiles(ctx, branch.tree)
		if err != nil {
			return "", err
		}
		for _, f := range branchFiles.files {
			held[f.sha] = true
		}
	}
	for _, e := range entries {
		if e.SHA == nil || held[e.GetSHA()] {
			continue
		}
		if err := g.uploadBlob(ctx, e.GetPath(), pr.Files[e.GetPath()], e.GetSHA()); err != nil {
			return "", err
		}
		held[e.GetSHA()] = true
	}
	tree, _, err := g.client.Git.CreateTree(ctx, g.owner, g.repo, base.tree, entries)
	if err != nil {
		return "", fmt.Errorf("create the tree (%d changed files): %w", len(entries), err)
	}
	return tree.GetSHA(), nil
}

// uploadBlob creates a blob and checks GitHub named it as git would: a
// different name means the content was changed on the way.
func (g *GitHub) uploadBlob(ctx context.Context, path string, content []byte, want string) error {
	blob := &github.Blob{Content: new(string(content)), Encoding: new("utf-8")}
	if !utf8.Valid(content) {
		blob = &github.Blob{Content: new(base64.StdEncoding.EncodeToString(content)), Encoding: new("base64")}
	}
	got, _, err := g.client.Git.CreateBlob(ctx, g.owner, g.repo, blob)
	if err != nil {
		return fmt.Errorf("upload %s (%d bytes): %w", path, len(content), err)
	}
	if got.GetSHA() != want {
		return fmt.Errorf("upload %s: GitHub stored it as blob %s, but its content is blob %s", path, got.GetSHA(), want)
	}
	return nil
}

// push commits tree on top of the base head and points the branch at the
// commit, force-moving it: the branch is rebuilt on every run, so a moved
// base never conflicts. It returns the commit's SHA.
func (g *GitHub) push(ctx context.Context, pr PullRequest, tree, parent string, branchExists bool) (string, error) {
	commit, _, err := g.client.Git.CreateCommit(ctx, g.owner, g.repo, &github.Commit{
		Message: &pr.CommitMessage,
		Tree:    &github.Tree{SHA: &tree},
		Parents: []*github.Commit{{SHA: &parent}},
	}, nil)
	if err != nil {
		return "", fmt.Errorf("create the commit: %w", err)
	}
	ref := &github.Reference{Ref: new("refs/heads/" + pr.Branch), Object: &github.GitObject{SHA: commit.SHA}}
	// The branch may have appeared or gone since it was read (a person, or
	// an earlier run that died): then the other call is the right one.
	for range 2 {
		if branchExists {
			_, _, err = g.client.Git.UpdateRef(ctx, g.owner, g.repo, ref, true)
		} else {
			_, _, err = g.client.Git.CreateRef(ctx, g.owner, g.repo, ref)
		}
		if status(err) != http.StatusUnprocessableEntity {
			break
		}
		branchExists = !branchExists
	}
	if err != nil {
		return "", fmt.Errorf("point branch %s at commit %s: %w", pr.Branch, commit.GetSHA(), err)
	}
	g.log.Info("pushed commit", "branch", pr.Branch, "commit", commit.GetSHA(), "parent", parent)
	return commit.GetSHA(), nil
}

// deleteBranch deletes a branch; one that is already gone is fine.
func (g *GitHub) deleteBranch(ctx context.Context, branch string) error {
	_, err := g.client.Git.DeleteRef(ctx, g.owner, g.repo, "heads/"+branch)
	// GitHub answers 422 "Reference does not exist" for a branch that is
	// already gone.
	if s := status(err); s == http.StatusNotFound || s == http.StatusUnprocessableEntity {
		return nil
	}
	if err != nil {
		return fmt.Errorf("delete branch %s: %w", branch, err)
	}
	return nil
}

// status returns the HTTP status of a GitHub error answer, or 0.
func status(err error) int {
	var resp *github.ErrorResponse
	if errors.As(err, &resp) && resp.Response != nil {
		return resp.Response.StatusCode
	}
	return 0
}
