package fsatomic

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// WriteFile writes data to path. A regular file (or a new one) is written
// atomically: into a temporary file in the same directory, synced, then
// renamed over path. A device, a FIFO or a stream such as /dev/stdout is
// written straight into, as a shell's redirection would: replacing it would
// turn /dev/null into a regular file and leave a FIFO's reader waiting.
func WriteFile(path string, data []byte, perm fs.FileMode) error {
	st, err := StageFile(path, data, perm)
	if err != nil {
		return err
	}
	return st.Commit()
}

// StageFile is the first half of WriteFile: it writes and syncs data into
// a temporary file beside path and returns it staged; Commit renames it
// over path, Abort removes it. A process killed in between leaves path as
// it was and the temporary file (".NAME.tmp-…") behind, as a kill during
// WriteFile may. A file written straight into (see WriteFile) is written
// by Commit: there is nothing to stage.
func StageFile(path string, data []byte, perm fs.FileMode) (*Staged, error) {
	st, dir, err := stageFileUnsynced(path, data, perm)
	if err != nil || dir == "" {
		return st, err
	}
	return &Staged{
		commit: func() error {
			if err := st.Commit(); err != nil {
				return err
			}
			return syncDir(dir)
		},
		abort: st.Abort,
	}, nil
}

// stageFileUnsynced is StageFile whose Commit renames the file into
// place but leaves the sync of the directory it is renamed in, which it
// returns ("" when the file is written in place), to the caller: a
// caller that commits several files in one directory syncs it once.
func stageFileUnsynced(path string, data []byte, perm fs.FileMode) (*Staged, string, error) {
	if plainFile(path) {
		return stageFile(filepath.Clean(path), data, perm)
	}
	if inPlace, err := writesInPlace(path); err != nil {
		return nil, "", err
	} else if inPlace {
		return &Staged{commit: func() error { return writeInPlace(path, data) }, abort: func() {}}, "", nil
	}
	target, err := resolveLinks(path)
	if err != nil {
		return nil, "", err
	}
	return stageFile(target, data, perm)
}

// plainFile says, with one lstat(2), whether path is what nearly every
// write finds: a new file, or a regular file that is no link and not
// reached through a process's open files. For it writesInPlace is false
// and resolveLinks returns the path itself, which would take a stat(2)
// and another lstat(2) to learn. Anything else, or an error, is left to
// them.
func plainFile(path string) bool {
	if strings.HasPrefix(path, "/proc/") || strings.HasPrefix(path, "/dev/fd/") || !filepath.IsAbs(path) {
		return false
	}
	fi, err := os.Lstat(path)
	return errors.Is(err, fs.ErrNotExist) || (err == nil && fi.Mode().IsRegular())
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

// stageFile writes data into a synced temporary file beside path, to be
// renamed over it by Commit; the directory, which it returns, is the
// caller's to sync after that.
func stageFile(path string, data []byte, perm fs.FileMode) (*Staged, string, error) {
	dir := filepath.Dir(path)
	undoDirs, err := mkdirAll(dir)
	if err != nil {
		return nil, "", err
	}
	fd, tmpName, err := createTemp(dir, "."+filepath.Base(path)+".tmp-")
	if err != nil {
		undoDirs()
		return nil, "", err
	}
	remove := func() {
		os.Remove(tmpName)
		undoDirs()
	}
	if err := writeSynced(fd, tmpName, data, perm); err != nil {
		closeFD(fd, tmpName)
		remove()
		return nil, "", err
	}
	if err := closeFD(fd, tmpName); err != nil {
		remove()
		return nil, "", err
	}
	return &Staged{
		commit: func() error {
			if err := renameFile(tmpName, path); err != nil {
				remove()
				return err
			}
			return nil
		},
		abort: remove,
	}, dir, nil
}

// createTemp creates a new file in dir named prefix and a random number,
// open for writing, as os.CreateTemp(dir, prefix+"*") does (the same
// names, mode 0600 until writeSynced sets the file's own), but as a
// descriptor: see rawfile.go.
func createTemp(dir, prefix string) (fd int, name string, err error) {
	for try := 1; ; try++ {
		name = filepath.Join(dir, prefix+strconv.FormatUint(uint64(rand.Uint32()), 10))
		fd, err = openFD(name, syscall.O_RDWR|syscall.O_CREAT|syscall.O_EXCL, 0o600)
		if errors.Is(err, fs.ErrExist) {
			if try < 10000 {
				continue
			}
			return -1, "", &fs.PathError{Op: "createtemp", Path: filepath.Join(dir, prefix) + "*", Err: fs.ErrExist}
		}
		return fd, name, err
	}
}

func writeSynced(fd int, name string, data []byte, perm fs.FileMode) error {
	if err := writeFD(fd, name, data); err != nil {
		return err
	}
	if err := chmodFD(fd, name, perm); err != nil {
		return err
	}
	return syncFD(fd, name)
}

// maxLinks bounds a chain of symbolic links, as the kernel does.
const maxLinks = 40

// resolveLinks follows path while it is a symbolic link and returns what
// it ends at, which may not exist yet (a link to a file still to be
// written).
func resolveLinks(path string) (string, error) {
	path, _, err := resolveLinksInfo(path)
	return path, err
}

// resolveLinksInfo is resolveLinks that also returns what it ends at, as
// os.Stat of path would; nil when that does not exist.
func resolveLinksInfo(path string) (string, fs.FileInfo, error) {
	path = filepath.Clean(path)
	for range maxLinks {
		fi, err := os.Lstat(path)
		if errors.Is(err, fs.ErrNotExist) {
			return path, nil, nil
		}
		if err == nil && fi.Mode()&fs.ModeSymlink == 0 {
			return path, fi, nil
		}
		if err != nil {
			return "", nil, err
		}
		target, err := os.Readlink(path)
		if err != nil {
			return "", nil, err
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
	return "", nil, fmt.Errorf("%s: too many levels of symbolic links", path)
}
