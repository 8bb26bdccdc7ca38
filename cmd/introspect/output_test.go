package main

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

const outputSDL = "type Query { ok: Boolean }\n"

// TestOutputToSpecialFiles: -o writes into a FIFO and through symbolic
// links, as a shell's redirection would, instead of putting a regular
// file or a directory in their place; --snapshot through a link to a
// directory replaces the target's content and keeps the link.
func TestOutputToSpecialFiles(t *testing.T) {
	src := writeFile(t, "schema.graphql", outputSDL)

	t.Run("fifo", func(t *testing.T) {
		fifo := filepath.Join(t.TempDir(), "out.pipe")
		if err := syscall.Mkfifo(fifo, 0o644); err != nil {
			t.Skipf("cannot make a FIFO here: %v", err)
		}
		reader, err := os.OpenFile(fifo, os.O_RDONLY|syscall.O_NONBLOCK, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer reader.Close()
		if r := runCmd(t, nil, "--from", src, "-o", fifo); r.code != 0 {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		got, _ := io.ReadAll(reader)
		if !strings.Contains(string(got), "ok: Boolean") {
			t.Errorf("the FIFO's reader got %q", got)
		}
		if fi, err := os.Lstat(fifo); err != nil || fi.Mode().Type() != fs.ModeNamedPipe {
			t.Errorf("the FIFO was replaced: %v %v", fi.Mode(), err)
		}
	})

	t.Run("symlink to a file", func(t *testing.T) {
		dir := t.TempDir()
		target := filepath.Join(dir, "real.graphql")
		if err := os.WriteFile(target, []byte("old"), 0o644); err != nil {
			t.Fatal(err)
		}
		link := filepath.Join(dir, "out.graphql")
		if err := os.Symlink("real.graphql", link); err != nil {
			t.Fatal(err)
		}
		if r := runCmd(t, nil, "--from", src, "-o", link); r.code != 0 {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		if fi, err := os.Lstat(link); err != nil || fi.Mode().Type() != fs.ModeSymlink {
			t.Errorf("the link was replaced: %v %v", fi.Mode(), err)
		}
		if got, _ := os.ReadFile(target); !strings.Contains(string(got), "ok: Boolean") {
			t.Errorf("the link's target holds %q", got)
		}
	})

	t.Run("snapshot through a symlinked directory", func(t *testing.T) {
		dir := t.TempDir()
		target := filepath.Join(dir, "store", "railway")
		if err := os.MkdirAll(target, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(target, "stale.txt"), []byte("old"), 0o644); err != nil {
			t.Fatal(err)
		}
		link := filepath.Join(dir, "snapshot")
		if err := os.Symlink(filepath.Join("store", "railway"), link); err != nil {
			t.Fatal(err)
		}
		if r := runCmd(t, nil, "--from", src, "--snapshot", link); r.code != 0 {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		if fi, err := os.Lstat(link); err != nil || fi.Mode().Type() != fs.ModeSymlink {
			t.Errorf("the link was replaced by a directory: %v %v", fi.Mode(), err)
		}
		got := readDir(t, target)
		if _, ok := got["schema.graphql"]; !ok || got["stale.txt"] != "" {
			t.Errorf("the link's target holds %v, want the new snapshot only", got)
		}
	})
}
