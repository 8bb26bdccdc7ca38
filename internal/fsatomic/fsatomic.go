// Package fsatomic writes files and whole directories so that a reader, or
// the next run after a crash, sees either the old content or the new, never
// a half-written file or a directory mixing both.
//
// A path that is a symbolic link is followed: the link stays, its target
// gets the new content. A file that is not a regular file (a device, a
// FIFO, /dev/stdout) is written straight into, never replaced.
package fsatomic

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// WriteFile writes data to path. A regular file (or a new one) is written
// atomically: into a temporary file in the same directory, synced, then
// renamed over path. A device, a FIFO or a stream such as /dev/stdout is
// written straight into, as a shell's redirection would: replacing it would
// turn /dev/null into a regular file and leave a FIFO's reader waiting.
func WriteFile(path string, data []byte, perm fs.FileMode) error {
	if inPlace, err := writesInPlace(path); err != nil {
		return err
	} else if inPlace {
		return writeInPlace(path, data)
	}
	target, err := resolveLinks(path)
	if err != nil {
		return err
	}
	return replaceFile(target, data, perm)
}

// writesInPlace says whether path is to be written straight into rather
// than replaced: anything that exists and is not a regular file (the kernel
// follows links, including /proc's links to pipes), and a regular file
// reached through a process's open files (/dev/stdout of a process whose
// output goes to a file: replacing that file would undo a shell's >>).
func writesInPlace(path string) (bool, error) {
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if fi.IsDir() {
		return false, fmt.Errorf("%s is a directory, not a file", path)
	}
	if !fi.Mode().IsRegular() {
		return true, nil
	}
	return isOpenFileLink(path)
}

// isOpenFileLink says whether path, or a link it leads through, names a
// process's open file: /proc/PID/fd/N, /dev/fd/N, and so /dev/stdout.
func isOpenFileLink(path string) (bool, error) {
	path, err := filepath.Abs(path)
	if err != nil {
		return false, err
	}
	for range maxLinks {
		if strings.HasPrefix(path, "/proc/") || strings.HasPrefix(path, "/dev/fd/") {
			return true, nil
		}
		fi, err := os.Lstat(path)
		if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			return false, err
		}
		target, err := os.Readlink(path)
		if err != nil {
			return false, err
		}
		if !filepath.IsAbs(target) {
			target = filepath.Join(filepath.Dir(path), target)
		}
		path = target
	}
	return false, nil
}

// writeInPlace writes into an existing file without creating or
// truncating it; appending is what writing to a stream means, and what
// keeps a shell's >> intact when /dev/stdout is a file.
func writeInPlace(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func replaceFile(path string, data []byte, perm fs.FileMode) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	tmpName := tmp.Name()
	ok := false
	defer func() {
		if !ok {
			tmp.Close()
			os.Remove(tmpName)
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		return err
	}
	if err := tmp.Chmod(perm); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmpName, path); err != nil {
		return err
	}
	ok = true
	return syncDir(dir)
}

// maxLinks bounds a chain of symbolic links, as the kernel does.
const maxLinks = 40

// resolveLinks follows path while it is a symbolic link and returns what
// it ends at, which may not exist yet (a link to a file still to be
// written).
func resolveLinks(path string) (string, error) {
	path = filepath.Clean(path)
	for range maxLinks {
		fi, err := os.Lstat(path)
		if errors.Is(err, fs.ErrNotExist) || (err == nil && fi.Mode()&fs.ModeSymlink == 0) {
			return path, nil
		}
		if err != nil {
			return "", err
		}
		target, err := os.Readlink(path)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(target) {
			// Relative to the link's directory as the kernel sees it,
			// which ".." in the target must not undo lexically.
			dir := filepath.Dir(path)
			if real, err := filepath.EvalSymlinks(dir); err == nil {
				dir = real
			}
			target = filepath.Join(dir, target)
		}
		path = filepath.Clean(target)
	}
	return "", fmt.Errorf("%s: too many levels of symbolic links", path)
}

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
	names := make([]string, 0, len(files))
	for name := range files {
		if !filepath.IsLocal(filepath.FromSlash(name)) {
			return fmt.Errorf("fsatomic: %q is not a relative path inside the directory", name)
		}
		names = append(names, name)
	}
	sort.Strings(names)

	dir, err := resolveLinks(dir)
	if err != nil {
		return err
	}
	parent, base := filepath.Dir(dir), filepath.Base(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
		return fmt.Errorf("%s is not a directory; move it away to write the directory there", dir)
	}
	release, err := lockFile(context.Background(), lockPath(dir), replaceLockWait)
	if err != nil {
		return err
	}
	defer release()
	if err := recoverLocked(dir); err != nil {
		return err
	}
	staging, err := os.MkdirTemp(parent, "."+base+".staging-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(staging) // a no-op once it has been renamed into place
	crashPoint("staging created")

	for _, name := range names {
		path := filepath.Join(staging, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := writeSynced(path, files[name]); err != nil {
			return err
		}
		crashPoint("file written")
	}
	if err := os.Chmod(staging, 0o755); err != nil {
		return err
	}
	if err := syncDir(staging); err != nil {
		return err
	}
	crashPoint("staging synced")

	previous := previousPath(dir)
	moved := false
	if _, err := os.Lstat(dir); err == nil {
		if err := os.Rename(dir, previous); err != nil {
			return err
		}
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
	if err := syncDir(parent); err != nil {
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
	stale, err := filepath.Glob(stagingGlob(dir))
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
	stale, _ := filepath.Glob(stagingGlob(dir))
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

func stagingGlob(dir string) string {
	return filepath.Join(filepath.Dir(dir), "."+filepath.Base(dir)+".staging-*")
}

func previousPath(dir string) string {
	return filepath.Join(filepath.Dir(dir), "."+filepath.Base(dir)+".previous")
}

func lockPath(dir string) string {
	return filepath.Join(filepath.Dir(dir), "."+filepath.Base(dir)+".lock")
}

func writeSynced(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// syncDir makes a rename durable. Some platforms cannot sync a directory;
// that is not worth failing a run for.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	_ = d.Sync()
	return nil
}
