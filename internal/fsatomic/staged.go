package fsatomic

import (
	"cmp"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
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
		fi, err := os.Lstat(d)
		if err == nil && fi.IsDir() && len(created) == 0 {
			// dir is there: os.MkdirAll would only stat it again.
			return func() {}, nil
		}
		if err == nil || !errors.Is(err, fs.ErrNotExist) || d == filepath.Dir(d) {
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

// StageFiles stages several files at once (see StageFile), side by side,
// as one: Commit replaces each on its own (a kill may leave some new and
// some old, as writing them one at a time would), and Abort removes them
// all, and the directories staging them made. Paths are the files' own;
// on failure the first error in path order is returned and nothing is left.
// Commit renames every file into place, then syncs each directory they
// went into once, before it returns.
func StageFiles(files map[string][]byte, perm fs.FileMode) (*Staged, error) {
	paths := slices.Sorted(maps.Keys(files))
	// The directories are made once, before the files are written side by
	// side, so that what Abort removes is known whatever the order.
	var undo []func()
	undoDirs := func() {
		for _, u := range slices.Backward(undo) {
			u()
		}
	}
	made := map[string]bool{}
	for _, p := range paths {
		if dir := filepath.Dir(p); !made[dir] {
			made[dir] = true
			u, err := mkdirAll(dir)
			if err != nil {
				undoDirs()
				return nil, err
			}
			undo = append(undo, u)
		}
	}
	staged := make([]*Staged, len(paths))
	syncDirs := make([]string, len(paths))
	errs := make([]error, len(paths))
	var wg sync.WaitGroup
	for i, p := range paths {
		wg.Go(func() { staged[i], syncDirs[i], errs[i] = stageFileUnsynced(p, files[p], perm) })
	}
	wg.Wait()
	all := All(slices.DeleteFunc(staged, func(s *Staged) bool { return s == nil })...)
	for _, err := range errs {
		if err != nil {
			all.Abort()
			undoDirs()
			return nil, err
		}
	}
	slices.Sort(syncDirs)
	syncDirs = slices.DeleteFunc(slices.Compact(syncDirs), func(d string) bool { return d == "" })
	return &Staged{
		commit: func() error {
			err := all.Commit()
			// The directories of the files that were renamed in, also when
			// another's rename failed, as each file's own Commit would.
			syncErrs := make([]error, len(syncDirs))
			var wg sync.WaitGroup
			for i, dir := range syncDirs {
				wg.Go(func() { syncErrs[i] = syncDir(dir) })
			}
			wg.Wait()
			return cmp.Or(append([]error{err}, syncErrs...)...)
		},
		abort: func() {
			all.Abort()
			undoDirs()
		},
	}, nil
}
