package fsatomic_test

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"

	"github.com/schemawatch/schemawatch/internal/fsatomic"
)

// TestWriteFileIntoFIFO: a FIFO is written into, not replaced by a
// regular file its reader never sees.
func TestWriteFileIntoFIFO(t *testing.T) {
	path := filepath.Join(t.TempDir(), "pipe")
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skipf("cannot make a FIFO here: %v", err)
	}
	// Opened without blocking before the write, so that a write that
	// never reaches the FIFO shows as an empty read, not a hang.
	reader, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	if err := fsatomic.WriteFile(path, []byte("schema\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(reader)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != "schema\n" {
		t.Errorf("the FIFO's reader got %q, want %q", got, "schema\n")
	}
	if fi, err := os.Lstat(path); err != nil || fi.Mode().Type() != fs.ModeNamedPipe {
		t.Errorf("the FIFO was replaced: %v %v", fi.Mode(), err)
	}
}

// TestWriteFileIntoProcessStreams: /dev/stdout and its kin are links to
// open files; a pipe is written into, and a regular file is appended to
// (a shell's >> keeps what was there), never replaced.
func TestWriteFileIntoProcessStreams(t *testing.T) {
	fdPath := func(f *os.File) string { return "/dev/fd/" + strconv.Itoa(int(f.Fd())) }
	if _, err := os.Stat("/dev/fd/0"); err != nil {
		t.Skipf("no /dev/fd here: %v", err)
	}
	t.Run("pipe", func(t *testing.T) {
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		if err := fsatomic.WriteFile(fdPath(w), []byte("to the pipe"), 0o644); err != nil {
			t.Fatal(err)
		}
		w.Close()
		if got, _ := io.ReadAll(r); string(got) != "to the pipe" {
			t.Errorf("the pipe got %q", got)
		}
	})
	t.Run("file", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "out.log")
		if err := os.WriteFile(path, []byte("earlier\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := fsatomic.WriteFile(fdPath(f), []byte("later\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if got, _ := os.ReadFile(path); string(got) != "earlier\nlater\n" {
			t.Errorf("the file behind the stream holds %q", got)
		}
	})
}

// TestWriteFileFollowsSymlink: writing to a link writes its target and
// keeps the link, also when the target does not exist yet.
func TestWriteFileFollowsSymlink(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "real"), 0o755); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(dir, "real", "schema.graphql")
	if err := os.WriteFile(target, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, link, linkTo, target string
	}{
		{"relative link to a file", "out.graphql", "real/schema.graphql", target},
		{"absolute link to a file", "abs.graphql", target, target},
		{"link to a link", "chain.graphql", "out.graphql", target},
		{"dangling link", "new.graphql", "real/new.graphql", filepath.Join(dir, "real", "new.graphql")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			link := filepath.Join(dir, tt.link)
			if err := os.Symlink(tt.linkTo, link); err != nil {
				t.Fatal(err)
			}
			content := "new for " + tt.name
			if err := fsatomic.WriteFile(link, []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
			if fi, err := os.Lstat(link); err != nil || fi.Mode().Type() != fs.ModeSymlink {
				t.Errorf("the link was replaced: %v %v", fi.Mode(), err)
			}
			if got, _ := os.ReadFile(tt.target); string(got) != content {
				t.Errorf("the target holds %q, want %q", got, content)
			}
		})
	}
}

// TestReplaceDirFollowsSymlink: a snapshot directory that is a link has
// its target's content replaced; the link stays a link.
func TestReplaceDirFollowsSymlink(t *testing.T) {
	parent := t.TempDir()
	real := filepath.Join(parent, "store", "v1")
	if err := fsatomic.ReplaceDir(real, map[string][]byte{"old.txt": []byte("old")}); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(parent, "snap")
	if err := os.Symlink("store/v1", link); err != nil {
		t.Fatal(err)
	}
	if err := fsatomic.ReplaceDir(link, map[string][]byte{"new.txt": []byte("new")}); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode().Type() != fs.ModeSymlink {
		t.Fatalf("the link was replaced by a directory: %v %v", fi.Mode(), err)
	}
	if got := tree(t, real); len(got) != 1 || got["new.txt"] != "new" {
		t.Errorf("the link's target holds %v, want only new.txt", got)
	}
	if names := entries(t, parent); len(names) != 2 {
		t.Errorf("leftovers beside the link: %v", names)
	}
	if names := entries(t, filepath.Join(parent, "store")); len(names) != 1 {
		t.Errorf("leftovers beside the target: %v", names)
	}
	if err := fsatomic.Recover(link); err != nil {
		t.Errorf("Recover through the link: %v", err)
	}
}

// TestReplaceDirRefusesAFile: a file where the directory should be is
// not silently swapped for a directory.
func TestReplaceDirRefusesAFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "snap")
	if err := os.WriteFile(path, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := fsatomic.ReplaceDir(path, map[string][]byte{"a": nil}); err == nil {
		t.Error("a regular file was replaced by a directory")
	}
	if got, _ := os.ReadFile(path); string(got) != "mine" {
		t.Errorf("the file holds %q", got)
	}
}

// TestDevicesAreWrittenInPlace checks the decision for the machine's own
// devices without writing to them (a test run as root that replaced
// /dev/null would break the machine).
func TestDevicesAreWrittenInPlace(t *testing.T) {
	for _, path := range []string{"/dev/null", "/dev/zero", "/dev/stdout", "/dev/stderr"} {
		fi, err := os.Stat(path)
		if err != nil || (path != "/dev/stdout" && path != "/dev/stderr" && fi.Mode().Type() != fs.ModeCharDevice|fs.ModeDevice) {
			// Not there, or not a device on this machine (something
			// already replaced it): nothing to check.
			t.Logf("%s: not a device here: %v %v", path, fi, err)
			continue
		}
		inPlace, err := fsatomic.WritesInPlace(path)
		if err != nil || !inPlace {
			t.Errorf("%s: written in place %v (%v), want true", path, inPlace, err)
		}
	}
	regular := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(regular, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if inPlace, err := fsatomic.WritesInPlace(regular); err != nil || inPlace {
		t.Errorf("a regular file: written in place %v (%v), want false", inPlace, err)
	}
	// A regular file that happens to live under /dev is still replaced.
	if shm, err := os.CreateTemp("/dev/shm", "fsatomic-test-*"); err == nil {
		shm.Close()
		defer os.Remove(shm.Name())
		if inPlace, err := fsatomic.WritesInPlace(shm.Name()); err != nil || inPlace {
			t.Errorf("%s: written in place %v (%v), want false", shm.Name(), inPlace, err)
		}
	}
}
