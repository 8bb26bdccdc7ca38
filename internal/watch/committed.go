package watch

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"

	"github.com/schemawatch/schemawatch/internal/fsatomic"
	"github.com/schemawatch/schemawatch/internal/publish"
	"github.com/schemawatch/schemawatch/internal/schema"
	"github.com/schemawatch/schemawatch/internal/snapshot"
)

// Committed reads what the base branch holds: files under repository-
// relative directories, path → content.
type Committed interface {
	ReadFiles(ctx context.Context, dirs ...string) (map[string][]byte, error)
}

// LocalCommitted reads committed files from a checkout: what a dry run
// compares with.
type LocalCommitted struct{ Root string }

// ReadFiles reads the files under dirs below Root.
func (l LocalCommitted) ReadFiles(_ context.Context, dirs ...string) (map[string][]byte, error) {
	out := map[string][]byte{}
	for _, dir := range dirs {
		abs := filepath.Join(l.Root, filepath.FromSlash(dir))
		if err := fsatomic.Recover(abs); err != nil {
			return nil, err
		}
		err := filepath.WalkDir(abs, func(p string, d fs.DirEntry, err error) error {
			if errors.Is(err, fs.ErrNotExist) && p == abs {
				return filepath.SkipAll
			}
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			rel, err := filepath.Rel(l.Root, p)
			if err != nil {
				return err
			}
			out[filepath.ToSlash(rel)] = data
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// GitHubCommitted reads committed files from the base branch on GitHub.
type GitHubCommitted struct {
	GitHub *publish.GitHub
	Base   string
}

// ReadFiles reads the files under dirs on the base branch.
func (g GitHubCommitted) ReadFiles(ctx context.Context, dirs ...string) (map[string][]byte, error) {
	return g.GitHub.ReadFiles(ctx, g.Base, dirs...)
}

// ReadBranch reads the files under dirs on another branch: the API's pull
// request branch, whose pending version of the history keeps its date.
func (g GitHubCommitted) ReadBranch(ctx context.Context, branch string, dirs ...string) (map[string][]byte, error) {
	return g.GitHub.ReadFiles(ctx, branch, dirs...)
}

// committedSnapshot loads the snapshot among the committed files, or nil
// when there is none yet.
func committedSnapshot(dir string, committed map[string][]byte) (*schema.Schema, error) {
	files := map[string][]byte{}
	for p, data := range committed {
		if path.Dir(p) == path.Clean(dir) {
			files[path.Base(p)] = data
		}
	}
	s, _, err := snapshot.Parse(dir, files)
	if errors.Is(err, snapshot.ErrNoSnapshot) {
		return nil, nil
	}
	return s, err
}
