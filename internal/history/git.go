package history

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/snapshot"
)

// GitInputs lists the versions of a snapshot directory inside a git
// checkout: every commit reachable from HEAD that changed a file under it,
// oldest first, each dated by its committer date (the UTC day) and named by
// its abbreviated hash. The repository is read with go-git, in process:
// no git binary is needed, as for the rest of schemawatch.
func GitInputs(dir string) ([]Input, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	repo, err := git.PlainOpenWithOptions(abs, &git.PlainOpenOptions{DetectDotGit: true})
	if err != nil {
		return nil, fmt.Errorf("%s: not inside a git repository: %w", dir, err)
	}
	wt, err := repo.Worktree()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	root, err := filepath.EvalSymlinks(wt.Filesystem.Root())
	if err != nil {
		return nil, err
	}
	if resolved, err := filepath.EvalSymlinks(abs); err == nil {
		abs = resolved
	}
	rel, err := filepath.Rel(root, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return nil, fmt.Errorf("%s is not inside the checkout at %s", dir, root)
	}
	rel = filepath.ToSlash(rel)
	head, err := repo.Head()
	if err != nil {
		return nil, fmt.Errorf("%s: the repository has no commit: %w", dir, err)
	}
	prefix := rel + "/"
	if rel == "." {
		prefix = ""
	}
	iter, err := repo.Log(&git.LogOptions{From: head.Hash(), PathFilter: func(p string) bool { return strings.HasPrefix(p, prefix) }})
	if err != nil {
		return nil, fmt.Errorf("%s: reading the history: %w", dir, err)
	}
	var commits []*object.Commit
	err = iter.ForEach(func(c *object.Commit) error { commits = append(commits, c); return nil })
	if err != nil {
		return nil, fmt.Errorf("%s: reading the history: %w", dir, err)
	}
	if len(commits) == 0 {
		return nil, fmt.Errorf("%s: no commit reachable from HEAD changed it", dir)
	}
	// The log runs from HEAD back; oldest first, and by day, so that a
	// commit made on a machine whose clock was behind does not make the
	// dates go backwards. The sort is stable: within a day, history order.
	slices.Reverse(commits)
	slices.SortStableFunc(commits, func(a, b *object.Commit) int {
		return strings.Compare(commitDate(a), commitDate(b))
	})
	// go-git's repository is not safe for concurrent use; Build loads
	// versions in parallel, so reading the files is serialised and only
	// parsing runs in parallel.
	var mu sync.Mutex
	inputs := make([]Input, len(commits))
	for i, c := range commits {
		inputs[i] = Input{Name: c.Hash.String()[:12], Date: commitDate(c), Load: func() (*schema.Schema, error) {
			mu.Lock()
			files, err := snapshotFiles(c, rel)
			mu.Unlock()
			if err != nil {
				return nil, fmt.Errorf("commit %s: %w", c.Hash.String()[:12], err)
			}
			s, _, err := snapshot.Parse(rel, files)
			if err != nil {
				return nil, fmt.Errorf("commit %s: %w", c.Hash.String()[:12], err)
			}
			return s, nil
		}}
	}
	return inputs, nil
}

func commitDate(c *object.Commit) string { return c.Committer.When.UTC().Format(dateLayout) }

// snapshotFiles reads the snapshot files of directory rel at commit c.
func snapshotFiles(c *object.Commit, rel string) (map[string][]byte, error) {
	tree, err := c.Tree()
	if err != nil {
		return nil, err
	}
	if rel != "." {
		if tree, err = tree.Tree(rel); err != nil {
			return nil, fmt.Errorf("%s: %w", rel, err)
		}
	}
	files := map[string][]byte{}
	for _, name := range []string{snapshot.MetaFile, snapshot.JSONFile, snapshot.SDLFile} {
		f, err := tree.File(name)
		if errors.Is(err, object.ErrFileNotFound) {
			continue
		} else if err != nil {
			return nil, fmt.Errorf("%s/%s: %w", rel, name, err)
		}
		r, err := f.Reader()
		if err != nil {
			return nil, err
		}
		data, err := io.ReadAll(io.LimitReader(r, schema.MaxSourceBytes+1))
		r.Close()
		if err != nil {
			return nil, err
		}
		if len(data) > schema.MaxSourceBytes {
			return nil, fmt.Errorf("%s/%s: more than %d MiB", rel, name, schema.MaxSourceBytes>>20)
		}
		files[name] = data
	}
	return files, nil
}
