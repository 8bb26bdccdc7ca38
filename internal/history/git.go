package history

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/snapshot"
)

// GitInputs lists the versions of a snapshot directory inside a git
// checkout: every commit reachable from HEAD that changed a file under it
// (git's own history simplification across merges), oldest first, each
// dated by its committer date (the UTC day) and named by its abbreviated
// hash.
//
// The repository is read by running the git binary (gitcmd.go), not with
// a git library in process: go-git and what it brings (OpenPGP, SSH,
// elliptic curves, gob) cost every invocation of every command 3.6 ms of
// startup, a fifth of `watch --version`, for the one command that reads a
// history.
func GitInputs(dir string) ([]Input, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	root, head, err := gitRepository(dir, abs)
	if err != nil {
		return nil, err
	}
	rel, err := pathInCheckout(dir, abs, root)
	if err != nil {
		return nil, err
	}
	commits, err := gitLog(dir, root, head, rel)
	if err != nil {
		return nil, err
	}
	if len(commits) == 0 {
		return nil, fmt.Errorf("%s: no commit reachable from HEAD changed it", dir)
	}
	// The log runs from HEAD back; oldest first, and by day, so that a
	// commit made on a machine whose clock was behind does not make the
	// dates go backwards. The sort is stable: within a day, history order.
	slices.Reverse(commits)
	slices.SortStableFunc(commits, func(a, b gitCommit) int { return strings.Compare(a.date, b.date) })
	inputs := make([]Input, len(commits))
	for i, c := range commits {
		short := c.hash[:12]
		inputs[i] = Input{Name: short, Date: c.date, Load: func() (*schema.Schema, error) {
			files, err := snapshotFiles(root, c.hash, rel)
			if err != nil {
				return nil, fmt.Errorf("commit %s: %w", short, err)
			}
			s, _, err := snapshot.Parse(rel, files)
			if err != nil {
				return nil, fmt.Errorf("commit %s: %w", short, err)
			}
			return s, nil
		}}
	}
	return inputs, nil
}

// gitCommit is one commit of a snapshot directory's history.
type gitCommit struct {
	hash string
	date string // the committer date's UTC day
}

// gitRepository returns the top of the checkout holding abs and the commit
// HEAD names.
func gitRepository(dir, abs string) (root, head string, err error) {
	out, err := runGit(abs, "rev-parse", "--show-toplevel", "--verify", "--quiet", "HEAD^{commit}")
	if err != nil {
		if ge := (*gitError)(nil); errors.As(err, &ge) {
			switch {
			case strings.Contains(ge.stderr, "not a git repository"):
				return "", "", fmt.Errorf("%s: not inside a git repository: %w", dir, err)
			case ge.exitCode == 1 && ge.stderr == "":
				return "", "", fmt.Errorf("%s: the repository has no commit", dir)
			}
		}
		return "", "", fmt.Errorf("%s: %w", dir, err)
	}
	// The top's path, then HEAD's hash, a line each; the path may itself
	// hold line breaks, the hash cannot.
	out = strings.TrimSuffix(out, "\n")
	cut := strings.LastIndexByte(out, '\n')
	if cut < 0 || !isHash(out[cut+1:]) {
		return "", "", fmt.Errorf("%s: git rev-parse said %q, not a checkout's top and a commit", dir, out)
	}
	return out[:cut], out[cut+1:], nil
}

// pathInCheckout returns abs relative to the checkout's top, with forward
// slashes ("." for the top itself).
func pathInCheckout(dir, abs, root string) (string, error) {
	root, err := filepath.EvalSymlinks(root)
	if err != nil {
		return "", err
	}
	if resolved, err := filepath.EvalSymlinks(abs); err == nil {
		abs = resolved
	}
	rel, err := filepath.Rel(root, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", fmt.Errorf("%s is not inside the checkout at %s", dir, root)
	}
	if strings.ContainsAny(rel, "\n\x00") {
		return "", fmt.Errorf("%s: git cannot be asked for a path with a line break; rename the directory", dir)
	}
	return filepath.ToSlash(rel), nil
}

// gitLog lists the commits reachable from head that changed a file under
// rel, newest first.
func gitLog(dir, root, head, rel string) ([]gitCommit, error) {
	// rev-list, not log: plumbing, whose output no log.* or pretty setting
	// changes. Each line is "<committer time> <hash>".
	out, err := runGit(root, "rev-list", "--timestamp", head, "--", rel)
	if err != nil {
		return nil, fmt.Errorf("%s: reading the history: %w", dir, err)
	}
	var commits []gitCommit
	for line := range strings.Lines(out) {
		stamp, hash, ok := strings.Cut(strings.TrimSuffix(line, "\n"), " ")
		secs, err := strconv.ParseInt(stamp, 10, 64)
		if !ok || err != nil || !isHash(hash) {
			return nil, fmt.Errorf("%s: reading the history: git rev-list said %q, not a time and a commit", dir, line)
		}
		commits = append(commits, gitCommit{hash: hash, date: time.Unix(secs, 0).UTC().Format(dateLayout)})
	}
	return commits, nil
}

// isHash reports whether s is a full object name: SHA-1 or SHA-256, in
// lower-case hex.
func isHash(s string) bool {
	if len(s) != 40 && len(s) != 64 {
		return false
	}
	for _, c := range []byte(s) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}
