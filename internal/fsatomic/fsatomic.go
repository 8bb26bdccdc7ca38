// Package fsatomic writes files and whole directories so that a reader, or
// the next run after a crash, sees either the old content or the new, never
// a half-written file or a directory mixing both.
//
// A path that is a symbolic link is followed: the link stays, its target
// gets the new content. A file that is not a regular file (a device, a
// FIFO, /dev/stdout) is written straight into, never replaced.
package fsatomic

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"syscall"
	"time"
)

// replaceLockWait is how long ReplaceDir and Recover wait for another
// process replacing the same directory: long enough for any tree
// schemawatch writes.
const replaceLockWait = 2 * time.Minute

// ReplaceDir makes dir hold exactly files (slash-separated relative names to
// contents), replacing whatever it held. The new tree is written and synced
// beside dir first; then the old directory is moved aside, the new one moved
// in, and the old one removed. If the process dies between the two renames,
// dir is briefly missing and the old tree sits in a hidden sibling, which
// Recover (called at the start of ReplaceDir and by readers) puts back. The
// directory must belong to schemawatch: files in it that are not in files
// are removed. If dir is a symbolic link, its target is replaced and the
// link kept.
//
// Processes replacing one directory take turns: each holds a lock file
// beside it (".NAME.lock", removed again) while it works, which is also
// what lets Recover tell a dead writer's leftovers from a live one's.
func ReplaceDir(dir string, files map[string][]byte) error {
	return replaceDir(dir, files, synced)
}

// ReplaceDirUnsynced is ReplaceDir without its syncs: as atomic to readers
// and to a killed process, but a power cut or kernel crash may leave the
// new tree's files empty. It is for trees that are rebuilt every run and
// read only by people, such as a dry run's preview of a pull request, where
// the syncs cost more than the tree is worth: about 2.5 ms a file on CI's
// disks.
func ReplaceDirUnsynced(dir string, files map[string][]byte) error {
	return replaceDir(dir, files, unsynced)
}

// durability says whether a tree's files and directories are synced
// before it is renamed into place.
type durability bool

const (
	synced   durability = true
	unsynced durability = false
)

func replaceDir(dir string, files map[string][]byte, d durability) error {
	st, err := stageDir(dir, files, d)
	if err != nil {
		return err
	}
	return st.Commit()
}

// StageDir is the first half of ReplaceDir: it writes and syncs the new
// tree beside dir, holding dir's lock, and returns it staged. Commit is the
// second half, which moves it into place; Abort removes it instead. One of
// the two must be called: until then, other writers of dir wait. A process
// killed in between leaves dir as it was, and the staged tree for Recover
// to remove.
//
// Staging lets a caller that replaces several directories and files in an
// order (a watch cycle's outputs, its snapshot last) write and sync all of
// them at once, and keep only the renames in order.
func StageDir(dir string, files map[string][]byte) (*Staged, error) {
	return stageDir(dir, files, synced)
}

func stageDir(dir string, files map[string][]byte, d durability) (*Staged, error) {
	names := make([]string, 0, len(files))
	for name := range files {
		if !filepath.IsLocal(filepath.FromSlash(name)) {
			return nil, fmt.Errorf("fsatomic: %q is not a relative path inside the directory", name)
		}
		names = append(names, name)
	}
	sort.Strings(names)

	dir, fi, err := resolveLinksInfo(dir)
	if err != nil {
		return nil, err
	}
	undoDirs, err := mkdirAll(filepath.Dir(dir))
	if err != nil {
		return nil, err
	}
	if fi != nil && !fi.IsDir() {
		return nil, fmt.Errorf("%s is not a directory; move it away to write the directory there", dir)
	}
	release, err := lockFile(context.Background(), lockPath(dir), replaceLockWait)
	if err != nil {
		undoDirs()
		return nil, err
	}
	staging, err := stageTree(dir, names, files, d)
	if err != nil {
		release()
		undoDirs()
		return nil, err
	}
	return &Staged{
		commit: func() error {
			defer release()
			defer os.RemoveAll(staging) // a no-op once it has been renamed into place
			return swapIn(dir, staging, d)
		},
		abort: func() {
			os.RemoveAll(staging)
			release()
			undoDirs()
		},
	}, nil
}

// stageTree writes the new tree of dir into a staging directory beside it,
// for a caller that holds dir's lock; on failure it removes what it wrote.
func stageTree(dir string, names []string, files map[string][]byte, d durability) (string, error) {
	if err := recoverLocked(dir); err != nil {
		return "", err
	}
	staging, err := os.MkdirTemp(filepath.Dir(dir), "."+filepath.Base(dir)+".staging-")
	if err != nil {
		return "", err
	}
	crashPoint("staging created")
	if err := writeTree(staging, names, files, d); err != nil {
		os.RemoveAll(staging)
		return "", err
	}
	return staging, nil
}

// writeTree writes files into the new directory staging, durably.
//
// The files are written and synced by a few workers at once: an fsync
// waits on the disk, not the CPU, and the file system can commit
// concurrent syncs together, so the waits overlap instead of adding up
// file by file. Nothing is lost by it: staging is not in place until every
// file, every directory in it and staging itself are synced, and a kill
// before that leaves a staging tree that Recover removes.
func writeTree(staging string, names []string, files map[string][]byte, d durability) error {
	// staging is new and empty: every directory below it is made here,
	// parents first, with one mkdir(2) each and none of the stat(2)s
	// os.MkdirAll spends finding out what exists. The paths below are
	// cleaned by Join, so staging is too (os.MkdirTemp names it
	// "./.NAME.staging-…" beside a relative dir).
	staging = filepath.Clean(staging)
	made := map[string]bool{staging: true}
	for _, name := range names {
		if err := mkdirsBelow(made, filepath.Dir(filepath.Join(staging, filepath.FromSlash(name)))); err != nil {
			return err
		}
	}
	if err := writeFiles(staging, names, files, d); err != nil {
		return err
	}
	// The entries of nested files live in their own directories, which
	// the sync of staging does not cover.
	for sub := range made {
		if sub != staging {
			if err := d.syncDir(sub); err != nil {
				return err
			}
		}
	}
	if err := os.Chmod(staging, 0o755); err != nil {
		return err
	}
	if err := d.syncDir(staging); err != nil {
		return err
	}
	crashPoint("staging synced")
	return nil
}

// mkdirsBelow makes sub and those of its parents that made does not
// hold, parents first, and adds them to made, which holds the directory
// they are all in.
func mkdirsBelow(made map[string]bool, sub string) error {
	if made[sub] {
		return nil
	}
	parent := filepath.Dir(sub)
	if parent == sub {
		// The root, or "." of a relative path: sub is not below the
		// directory made holds, and nothing is made outside it.
		return fmt.Errorf("fsatomic: %s is outside the tree being written", sub)
	}
	if err := mkdirsBelow(made, parent); err != nil {
		return err
	}
	if err := os.Mkdir(sub, 0o755); err != nil {
		return err
	}
	made[sub] = true
	return nil
}

// syncWorkers bounds the files written and synced at once.
const syncWorkers = 8

// writeFiles writes (and syncs, if d says so) each of names below dir,
// several at once. On the first failure it starts no more and returns that error once
// the files under way are done.
func writeFiles(dir string, names []string, files map[string][]byte, d durability) error {
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex // guards first, and serialises the crash points
		first error
	)
	slots := make(chan struct{}, syncWorkers)
	for _, name := range names {
		slots <- struct{}{}
		mu.Lock()
		failed := first != nil
		mu.Unlock()
		if failed {
			break
		}
		wg.Go(func() {
			defer func() { <-slots }()
			err := d.writeFile(filepath.Join(dir, filepath.FromSlash(name)), files[name])
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				first = cmp.Or(first, err)
				return
			}
			crashPoint("file written")
		})
	}
	wg.Wait()
	return first
}

// swapIn moves dir aside and staging into its place, then removes the old
// tree. Until the second rename, Recover puts the old tree back.
func swapIn(dir, staging string, d durability) error {
	previous := previousPath(dir)
	// Moved aside by rename(2) itself, which says ENOENT when there is
	// no dir yet: no lstat(2) first, and none of os.Rename's of previous,
	// which the lock holder's recoverLocked has just made sure is gone.
	moved := false
	if err := renameFile(dir, previous); err == nil {
		moved = true
		crashPoint("previous moved aside")
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := os.Rename(staging, dir); err != nil {
		if moved {
			if rerr := os.Rename(previous, dir); rerr != nil {
				return fmt.Errorf("%w (and restoring the previous %s failed: %v; it is in %s)", err, dir, rerr, previous)
			}
		}
		return err
	}
	crashPoint("new moved in")
	if err := d.syncDir(filepath.Dir(dir)); err != nil {
		return err
	}
	crashPoint("parent synced")
	return os.RemoveAll(previous)
}

// Recover puts back the previous content of dir after a ReplaceDir that died
// between its two renames, and removes what a dead ReplaceDir left behind: a
// previous tree once dir is in place, half-written staging trees, its lock
// file. It only
// touches them holding the lock ReplaceDir holds, so what it finds belongs
// to a writer that is gone, never to one at work. With nothing to recover it
// takes no lock and writes nothing, so it reads read-only checkouts.
func Recover(dir string) error {
	dir, err := resolveLinks(dir)
	if err != nil {
		return err
	}
	if leftovers, err := hasLeftovers(dir); err != nil || !leftovers {
		return err
	}
	release, err := lockFile(context.Background(), lockPath(dir), replaceLockWait)
	if err != nil {
		return err
	}
	defer release()
	return recoverLocked(dir)
}

func hasLeftovers(dir string) (bool, error) {
	stale, err := glob(stagingGlob(dir))
	if err != nil || len(stale) > 0 {
		return len(stale) > 0, err
	}
	// The lock file too: a writer killed after its work leaves it.
	for _, p := range []string{previousPath(dir), lockPath(dir)} {
		if _, err := os.Lstat(p); err == nil {
			return true, nil
		} else if !errors.Is(err, fs.ErrNotExist) {
			return false, err
		}
	}
	return false, nil
}

// recoverLocked is Recover for a caller that holds the lock of dir.
func recoverLocked(dir string) error {
	stale, _ := glob(stagingGlob(dir))
	for _, s := range stale {
		if err := os.RemoveAll(s); err != nil {
			return err
		}
	}
	previous := previousPath(dir)
	if _, err := os.Lstat(previous); errors.Is(err, fs.ErrNotExist) {
		return nil
	} else if err != nil {
		return err
	}
	if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(previous, dir)
	} else if err != nil {
		return err
	}
	return os.RemoveAll(previous)
}

// glob is filepath.Glob with the directory part of pattern taken as it
// is (Glob would read a '[' or '*' in a parent's name as a pattern): the
// same matches and errors for stagingGlob's patterns, with the
// directory read by os.ReadDir, whose open skips the runtime poller's
// five wasted calls (see rawfile.go) and the stat(2) Glob makes first.
func glob(pattern string) ([]string, error) {
	dir, file := filepath.Split(pattern)
	if _, err := filepath.Match(file, ""); err != nil {
		return nil, err
	}
	entries, err := os.ReadDir(filepath.Clean(dir))
	if err != nil {
		return nil, nil // as Glob: an unreadable directory matches nothing
	}
	var matches []string
	for _, e := range entries {
		if ok, _ := filepath.Match(file, e.Name()); ok {
			matches = append(matches, filepath.Join(dir, e.Name()))
		}
	}
	return matches, nil
}

func stagingGlob(dir string) string {
	return filepath.Join(filepath.Dir(dir), "."+filepath.Base(dir)+".staging-*")
}

func previousPath(dir string) string {
	return filepath.Join(filepath.Dir(dir), "."+filepath.Base(dir)+".previous")
}

func lockPath(dir string) string {
	return filepath.Join(filepath.Dir(dir), "."+filepath.Base(dir)+".lock")
}

// writeFile writes a new file of a tree, and syncs it if d says so.
func (d durability) writeFile(path string, data []byte) error {
	fd, err := openFD(path, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	if err := writeFD(fd, path, data); err != nil {
		closeFD(fd, path)
		return err
	}
	if d == synced {
		syncHook()
		if err := syncFD(fd, path); err != nil {
			closeFD(fd, path)
			return err
		}
	}
	return closeFD(fd, path)
}

// syncDir syncs dir if d says so.
func (d durability) syncDir(dir string) error {
	if d == unsynced {
		return nil
	}
	return syncDir(dir)
}

// syncDir makes a rename durable. Some platforms cannot sync a directory;
// that is not worth failing a run for.
func syncDir(dir string) error {
	syncHook()
	fd, err := openFD(dir, syscall.O_RDONLY, 0)
	if err != nil {
		return err
	}
	_ = syscall.Fsync(fd)
	closeFD(fd, dir)
	return nil
}
