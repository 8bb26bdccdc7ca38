// Package fsatomic writes files and whole directories so that a reader, or
// the next run after a crash, sees either the old content or the new, never
// a half-written file or a directory mixing both.
package fsatomic

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
)

// WriteFile writes data to path atomically: into a temporary file in the
// same directory, synced, then renamed over path.
func WriteFile(path string, data []byte, perm fs.FileMode) error {
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

// ReplaceDir makes dir hold exactly files (slash-separated relative names to
// contents), replacing whatever it held. The new tree is written and synced
// beside dir first; then the old directory is moved aside, the new one moved
// in, and the old one removed. If the process dies between the two renames,
// dir is briefly missing and the old tree sits in a hidden sibling, which
// Recover (called at the start of ReplaceDir and by readers) puts back. The
// directory must belong to schemawatch: files in it that are not in files
// are removed.
func ReplaceDir(dir string, files map[string][]byte) error {
	dir = filepath.Clean(dir)
	parent, base := filepath.Dir(dir), filepath.Base(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	if err := Recover(dir); err != nil {
		return err
	}
	staging, err := os.MkdirTemp(parent, "."+base+".staging-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(staging) // a no-op once it has been renamed into place

	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		rel := filepath.FromSlash(name)
		if !filepath.IsLocal(rel) {
			return fmt.Errorf("fsatomic: %q is not a relative path inside the directory", name)
		}
		path := filepath.Join(staging, rel)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := writeSynced(path, files[name]); err != nil {
			return err
		}
	}
	if err := os.Chmod(staging, 0o755); err != nil {
		return err
	}
	if err := syncDir(staging); err != nil {
		return err
	}

	previous := previousPath(dir)
	moved := false
	if _, err := os.Lstat(dir); err == nil {
		if err := os.Rename(dir, previous); err != nil {
			return err
		}
		moved = true
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
	if err := syncDir(parent); err != nil {
		return err
	}
	return os.RemoveAll(previous)
}

// Recover puts back the previous content of dir after a ReplaceDir that died
// between its two renames, and removes what a dead ReplaceDir left behind: a
// previous tree once dir is in place, half-written staging trees.
func Recover(dir string) error {
	dir = filepath.Clean(dir)
	stale, _ := filepath.Glob(filepath.Join(filepath.Dir(dir), "."+filepath.Base(dir)+".staging-*"))
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

func previousPath(dir string) string {
	return filepath.Join(filepath.Dir(dir), "."+filepath.Base(dir)+".previous")
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
