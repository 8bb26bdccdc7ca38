package publish

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"
)

// PullRequest is the pull request a run wants to exist: the files it
// carries and everything shown on it. The cycle renders the text (title,
// body, commit message) from the diff report; this package only delivers
// it.
type PullRequest struct {
	// Branch is the branch schemawatch owns for one watched API, e.g.
	// "schemawatch/railway". Every run rebuilds it as Base's head plus
	// Files; commits pushed to it by hand are overwritten.
	Branch string
	// Base is the branch the pull request targets; empty for the
	// repository's default branch.
	Base string
	// Files are the regenerated files, repository-relative slash-separated
	// path → content: the full set, not only the changed ones. Files on
	// Base that are not named here stay as they are on Base.
	Files map[string][]byte
	// Deleted are paths to remove from Base, e.g. a generated file that is
	// no longer generated.
	Deleted []string

	CommitMessage string
	Title         string // cut to TitleLimit
	Body          string // Markdown; cut to BodyLimit with a note

	// Labels are the labels the pull request must carry. ManagedLabels are
	// the labels schemawatch owns: one of them on the pull request but not
	// in Labels is removed (e.g. LabelBreaking once a later run finds no
	// breaking change). Labels nobody manages are left alone.
	Labels        []string
	ManagedLabels []string
	// Reviewers are asked for a review when a run opens or changes the
	// pull request and they are not asked already: GitHub logins, or
	// "org/slug" for a team. A reviewer GitHub refuses (not a
	// collaborator, the author) is logged and skipped.
	Reviewers []string
	// CloseComment is posted when the pull request is closed because Base
	// already holds Files; empty for a default that says so.
	CloseComment string
}

// Labels schemawatch puts on its pull requests, defined here once: the
// configuration's default label and the verdict labels the cycle manages.
// The GitHub publisher creates them in the repository with these colours
// when they are missing.
const (
	LabelSchemaChange = "schema-change"
	LabelBreaking     = "breaking-change"
	LabelDangerous    = "dangerous-change"
)

// GitHub's limits on what a pull request may hold.
const (
	// BodyLimit is the longest body GitHub accepts, in characters. It is
	// applied to the UTF-8 bytes, which are never fewer than the
	// characters GitHub counts, so a cut body always fits.
	BodyLimit = 65536
	// TitleLimit is the longest title GitHub accepts, in characters.
	TitleLimit = 256
)

// Action says what Publish did.
type Action string

const (
	// Created: a new pull request was opened.
	Created Action = "created"
	// Updated: the open pull request got a new commit, text or labels.
	Updated Action = "updated"
	// Unchanged: the open pull request already was what the run wants;
	// nothing was written.
	Unchanged Action = "unchanged"
	// Closed: Base already holds Files (the live schema went back to what
	// Base has), so the open pull request was closed with a comment and
	// the branch deleted.
	Closed Action = "closed"
	// NothingToPublish: Base already holds Files and there was no pull
	// request to close; a leftover branch, if any, was deleted.
	NothingToPublish Action = "nothing-to-publish"
	// DryRunWritten: a DryRun wrote what it would publish to a directory.
	DryRunWritten Action = "dry-run"
)

// Result is what Publish did and where it can be seen.
type Result struct {
	Action Action
	Branch string
	Number int    // the pull request's number; 0 when there is none
	URL    string // the pull request's web page; "" when there is none
	// CommitSHA is the branch's head commit after the run; "" when the
	// branch was deleted or for a dry run.
	CommitSHA string
	// Pushed reports whether the run moved the branch.
	Pushed bool
	// Dir is where a DryRun wrote its files.
	Dir string
	// ManagedLabelsChanged reports whether the run added one of the
	// pull request's ManagedLabels to an open pull request, or removed one:
	// the verdict the labels show changed (notifications go out then).
	ManagedLabelsChanged bool
}

// Target publishes a pull request: the GitHub publisher, or a DryRun that
// writes what it would publish to a directory. The cycle switches between
// them with one flag.
type Target interface {
	Publish(ctx context.Context, pr PullRequest) (Result, error)
	// Withdraw closes the pull request of pr.Branch and deletes the branch,
	// for a run that finds nothing to propose.
	Withdraw(ctx context.Context, pr PullRequest) (Result, error)
}

var (
	_ Target = (*GitHub)(nil)
	_ Target = DryRun{}
)

// normalized checks pr and returns it as it will be sent: title and body
// cut to GitHub's limits, labels and reviewers without duplicates, and the
// default close comment filled in.
func (pr PullRequest) normalized() (PullRequest, error) {
	var errs []error
	if err := CheckBranchName(pr.Branch); err != nil {
		errs = append(errs, fmt.Errorf("branch: %w", err))
	}
	if pr.Base != "" {
		if err := CheckBranchName(pr.Base); err != nil {
			errs = append(errs, fmt.Errorf("base: %w", err))
		} else if pr.Base == pr.Branch {
			errs = append(errs, fmt.Errorf("branch %q is also the base branch; schemawatch needs a branch of its own", pr.Branch))
		}
	}
	if len(pr.Files) == 0 && len(pr.Deleted) == 0 {
		errs = append(errs, errors.New("no files to publish"))
	}
	for _, path := range slices.Sorted(maps.Keys(pr.Files)) {
		if err := checkPath(path); err != nil {
			errs = append(errs, err)
		}
	}
	for _, path := range pr.Deleted {
		if err := checkPath(path); err != nil {
			errs = append(errs, err)
		} else if _, ok := pr.Files[path]; ok {
			errs = append(errs, fmt.Errorf("file %q is both written and deleted", path))
		}
	}
	if strings.TrimSpace(pr.Title) == "" {
		errs = append(errs, errors.New("the pull request has no title"))
	}
	if strings.TrimSpace(pr.CommitMessage) == "" {
		errs = append(errs, errors.New("the commit has no message"))
	}
	if len(errs) > 0 {
		return pr, fmt.Errorf("publish: invalid pull request: %w", errors.Join(errs...))
	}
	pr.Title = cut(strings.Join(strings.Fields(pr.Title), " "), TitleLimit, "…")
	pr.Body = cut(pr.Body, BodyLimit, "\n\n*The report was cut here to fit GitHub's limit; the full report is in the files of this pull request.*\n")
	pr.Deleted = slices.Compact(slices.Sorted(slices.Values(pr.Deleted)))
	pr.Labels = uniqueFold(pr.Labels)
	pr.ManagedLabels = uniqueFold(pr.ManagedLabels)
	pr.Reviewers = uniqueFold(pr.Reviewers)
	pr.CloseComment = closeComment(pr.CloseComment)
	return pr, nil
}

// closeComment is the comment a closed pull request gets: the given one, or
// a default that says why.
func closeComment(c string) string {
	if c != "" {
		return c
	}
	return "The live schema is back to what the base branch holds, so there is nothing left to propose: closing. " +
		"schemawatch opens a new pull request when the schema changes again."
}

// CheckBranchName applies the rules of git check-ref-format that a branch
// name can break. The configuration checks branch names with it at load
// time, so that a bad one fails before a cycle writes anything.
func CheckBranchName(name string) error {
	switch {
	case name == "":
		return errors.New("no branch name")
	case strings.HasPrefix(name, "/") || strings.HasSuffix(name, "/") || strings.Contains(name, "//"),
		strings.HasPrefix(name, "-"), strings.HasSuffix(name, "."), strings.HasSuffix(name, ".lock"),
		strings.Contains(name, ".."), strings.Contains(name, "@{"), strings.Contains(name, "/."), strings.HasPrefix(name, "."),
		strings.ContainsFunc(name, func(r rune) bool { return r <= ' ' || r == 0x7f || strings.ContainsRune("~^:?*[\\", r) }):
		return fmt.Errorf("%q is not a valid branch name", name)
	}
	return nil
}

// checkPath accepts a clean repository-relative path outside .git.
func checkPath(path string) error {
	if !fs.ValidPath(path) || path == "." || slices.Contains(strings.Split(path, "/"), ".git") {
		return fmt.Errorf("%q is not a clean repository-relative path (slash-separated, no leading slash, no . or .. or .git elements)", path)
	}
	return nil
}

// cut returns s if it has at most limit bytes, otherwise its longest prefix
// that ends at a line break (or a character boundary, if the first line is
// already too long) and leaves room for note, followed by note.
func cut(s string, limit int, note string) string {
	if len(s) <= limit {
		return s
	}
	n := limit - len(note)
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	keep := s[:n]
	if i := strings.LastIndexByte(keep, '\n'); i > 0 {
		keep = keep[:i]
	}
	return keep + note
}

// uniqueFold drops empty and repeated names, comparing without regard to
// case as GitHub does for labels and logins.
func uniqueFold(names []string) []string {
	var out []string
	for _, name := range names {
		name = strings.TrimSpace(name)
		if name != "" && !containsFold(out, name) {
			out = append(out, name)
		}
	}
	return out
}

func containsFold(list []string, s string) bool {
	return slices.ContainsFunc(list, func(x string) bool { return strings.EqualFold(x, s) })
}
