package fsatomic

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
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
