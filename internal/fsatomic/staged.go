package fsatomic

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// A Staged is new content written and synced beside where it goes, not yet
// in place (see StageDir and StageFile). Commit moves it into place, Abort
// throws it away; the first of the two to be called is the one that
// happens, and later calls do nothing (Commit returns its first result).
type Staged struct {
	once   sync.Once
	err    error
	commit func() error
	abort  func()
}

// Commit moves the staged content into place.
func (s *Staged) Commit() error {
	s.once.Do(func() { s.err = s.commit() })
	return s.err
}

// Abort removes the staged content, leaving what is in place as it was.
func (s *Staged) Abort() {
	s.once.Do(func() {
		s.abort()
		s.err = errAborted
	})
}

var errAborted = errors.New("fsatomic: committed after Abort")

// All is several staged contents committed or aborted together: Commit
// commits them all at once (their renames and syncs overlap) and returns
// the first error in order; Abort aborts them all.
func All(staged ...*Staged) *Staged {
	return &Staged{
		commit: func() error {
			errs := make([]error, len(staged))
			var wg sync.WaitGroup
			for i, s := range staged {
				wg.Go(func() { errs[i] = s.Commit() })
			}
			wg.Wait()
			for _, err := range errs {
				if err != nil {
					return err
				}
			}
			return nil
		},
		abort: func() {
			for _, s := range staged {
				s.Abort()
			}
		},
	}
}

// mkdirAll is os.MkdirAll that also returns how to undo it: remove again,
// deepest first, the directories it created, as long as they are empty,
// so that aborting a write leaves no trace.
func mkdirAll(dir string) (undo func(), err error) {
	var created []string
	for d := filepath.Clean(dir); ; d = filepath.Dir(d) {
		if _, err := os.Lstat(d); err == nil || !errors.Is(err, fs.ErrNotExist) || d == filepath.Dir(d) {
			break
		}
		created = append(created, d)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	return func() {
		for _, d := range created {
			os.Remove(d) // fails, and stays, once something else is in it
		}
	}, nil
}
