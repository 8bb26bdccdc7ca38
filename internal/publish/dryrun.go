package publish

import (
	"context"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"strings"

	"github.com/schemawatch/schemawatch/internal/fsatomic"
)

// DryRun publishes to a directory instead of GitHub: it writes what the
// pull request would be — title.txt, labels.txt, reviewers.txt, body.md,
// commit-message.txt, files.txt (the file list) and the files themselves
// under files/ — replacing the directory as a whole, so that a reader never
// sees half of one run and half of another. Nothing talks to GitHub.
type DryRun struct {
	Dir    string
	Logger *slog.Logger // nil for none
}

// Publish writes the pull request to d.Dir.
func (d DryRun) Publish(ctx context.Context, pr PullRequest) (Result, error) {
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	pr, err := pr.normalized()
	if err != nil {
		return Result{}, err
	}
	if d.Dir == "" {
		return Result{}, fmt.Errorf("publish: dry run: no directory to write to")
	}
	out := map[string][]byte{
		"title.txt":          lines([]string{pr.Title}),
		"labels.txt":         lines(pr.Labels),
		"reviewers.txt":      lines(pr.Reviewers),
		"body.md":            []byte(pr.Body),
		"commit-message.txt": lines([]string{pr.CommitMessage}),
		"files.txt":          lines(fileList(pr)),
	}
	for path, content := range pr.Files {
		out["files/"+path] = content
	}
	// Unsynced: the preview is rebuilt by every run and read by people, so
	// a power cut that empties it costs nothing, and its syncs were a tenth
	// of a 1,600-type regeneration.
	if err := fsatomic.ReplaceDirUnsynced(d.Dir, out); err != nil {
		return Result{}, fmt.Errorf("publish: dry run: %w", err)
	}
	if d.Logger != nil {
		d.Logger.Info("dry run: wrote the pull request instead of publishing it", "dir", d.Dir, "branch", pr.Branch, "files", len(pr.Files))
	}
	return Result{Action: DryRunWritten, Branch: pr.Branch, Dir: d.Dir}, nil
}

// fileList is the files the commit writes, then those it deletes, each
// sorted.
func fileList(pr PullRequest) []string {
	list := slices.Sorted(maps.Keys(pr.Files))
	for _, path := range pr.Deleted {
		list = append(list, path+" (deleted)")
	}
	return list
}

// lines joins items one per line, each ending in a newline.
func lines(items []string) []byte {
	var b strings.Builder
	for _, item := range items {
		b.WriteString(strings.TrimRight(item, "\n") + "\n")
	}
	return []byte(b.String())
}
