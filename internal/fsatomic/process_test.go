package fsatomic_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/schemawatch/schemawatch/internal/fsatomic"
	"github.com/schemawatch/schemawatch/internal/testsupport"
)

// The tests below run this test binary again as child processes (the
// standard os.Args[0] pattern): childEnv names what the child does, and its
// arguments come in the environment too.
const (
	childEnv = "FSATOMIC_TEST_CHILD"
	dirEnv   = "FSATOMIC_TEST_DIR"
	itersEnv = "FSATOMIC_TEST_ITERATIONS"
	stepEnv  = "FSATOMIC_TEST_STEP"
)

func TestMain(m *testing.M) {
	if role := os.Getenv(childEnv); role != "" {
		os.Exit(runChild(role))
	}
	os.Exit(m.Run())
}

// Two trees that differ in every way a mix would show: file sets, nesting
// and content.
var (
	oldTree = map[string][]byte{"schema.graphql": []byte("type Query { old: Int }\n"), "meta.json": []byte(`{"v":"old"}`), "old-only.txt": []byte("old")}
	newTree = map[string][]byte{"schema.graphql": []byte("type Query { new: Int }\n"), "meta.json": []byte(`{"v":"new"}`), "nested/new-only.txt": []byte("new")}
)

// runChild is the child process's whole life. It starts when its stdin
// sends a byte (so that siblings start together) and reports on stdout.
func runChild(role string) int {
	dir := os.Getenv(dirEnv)
	n, _ := strconv.Atoi(os.Getenv(itersEnv))
	if _, err := os.Stdin.Read(make([]byte, 1)); err != nil {
		fmt.Fprintln(os.Stderr, "no start signal:", err)
		return 2
	}
	switch role {
	case "replace":
		// Replaces dir n times, alternately with the two trees; n < 0
		// is forever, reporting each replacement.
		for i := 0; n < 0 || i < n; i++ {
			tree := oldTree
			if i%2 == 1 {
				tree = newTree
			}
			if err := fsatomic.ReplaceDir(dir, tree); err != nil {
				fmt.Fprintln(os.Stderr, "replace:", err)
				return 1
			}
			if n < 0 {
				fmt.Println(i)
			}
		}
	case "crash":
		// Replaces dir with the new tree, stopping for good at the
		// given step of ReplaceDir ("name#occurrence") to be killed.
		step := os.Getenv(stepEnv)
		seen := map[string]int{}
		fsatomic.SetCrashPoints(func(s string) {
			seen[s]++
			if fmt.Sprintf("%s#%d", s, seen[s]) == step {
				fmt.Println("stopped")
				select {}
			}
		})
		if err := fsatomic.ReplaceDir(dir, newTree); err != nil {
			fmt.Fprintln(os.Stderr, "replace:", err)
			return 1
		}
		fmt.Fprintln(os.Stderr, "never reached", step)
		return 1
	case "count":
		// Adds 1 to the counter file in dir n times, each time holding
		// the work-directory lock across a read and a plain write: two
		// children together reach 2n only if the lock excludes.
		counter := filepath.Join(dir, "counter")
		for range n {
			release, err := fsatomic.Lock(context.Background(), dir, time.Minute)
			if err != nil {
				fmt.Fprintln(os.Stderr, "lock:", err)
				return 1
			}
			data, _ := os.ReadFile(counter)
			v, _ := strconv.Atoi(string(data))
			if err := os.WriteFile(counter, []byte(strconv.Itoa(v+1)), 0o644); err != nil {
				fmt.Fprintln(os.Stderr, err)
				return 1
			}
			if err := release(); err != nil {
				fmt.Fprintln(os.Stderr, "release:", err)
				return 1
			}
		}
	case "hold":
		// Takes the lock, says so, and holds it until stdin closes.
		release, err := fsatomic.Lock(context.Background(), dir, time.Minute)
		if err != nil {
			fmt.Fprintln(os.Stderr, "lock:", err)
			return 1
		}
		fmt.Println("locked")
		io.Copy(io.Discard, os.Stdin)
		release()
	default:
		fmt.Fprintln(os.Stderr, "unknown child role", role)
		return 2
	}
	return 0
}

// child is a started child process.
type child struct {
	cmd    *exec.Cmd
	start  io.WriteCloser
	stdout *bufio.Reader
	stderr testsupport.Buffer
}

func startChild(t *testing.T, role, dir string, iterations int, env ...string) *child {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+role, dirEnv+"="+dir, itersEnv+"="+strconv.Itoa(iterations))
	cmd.Env = append(cmd.Env, env...)
	c := &child{cmd: cmd}
	cmd.Stderr = &c.stderr
	var err error
	if c.start, err = cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	c.stdout = bufio.NewReader(out)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
	})
	return c
}

func (c *child) go_(t *testing.T) {
	t.Helper()
	if _, err := c.start.Write([]byte{1}); err != nil {
		t.Fatal(err)
	}
}

func (c *child) line(t *testing.T) string {
	t.Helper()
	l, err := c.stdout.ReadString('\n')
	if err != nil {
		t.Fatalf("child: %v (stderr: %s)", err, c.stderr.String())
	}
	return strings.TrimSpace(l)
}

func (c *child) wait(t *testing.T) {
	t.Helper()
	c.start.Close()
	io.Copy(io.Discard, c.stdout)
	if err := c.cmd.Wait(); err != nil {
		t.Errorf("child %v: %v: %s", c.cmd.Args, err, c.stderr.String())
	}
}

// wantOldOrNew fails unless dir holds exactly one of the two trees and
// nothing of ReplaceDir's is left beside it.
func wantOldOrNew(t *testing.T, dir string) string {
	t.Helper()
	got := tree(t, dir)
	want := func(tr map[string][]byte) bool {
		return maps.EqualFunc(got, tr, func(s string, b []byte) bool { return s == string(b) })
	}
	var which string
	switch {
	case want(oldTree):
		which = "old"
	case want(newTree):
		which = "new"
	default:
		t.Errorf("%s holds a tree that is neither old nor new: %v", dir, slices.Sorted(maps.Keys(got)))
	}
	if names := entries(t, filepath.Dir(dir)); !slices.Equal(names, []string{filepath.Base(dir)}) {
		t.Errorf("left beside the directory: %v", names)
	}
	return which
}

// TestReplaceDirTwoProcesses: two processes replacing one directory over
// and over, at once. Each replacement succeeds; the result is one tree or
// the other, whole.
func TestReplaceDirTwoProcesses(t *testing.T) {
	iterations := 100
	if testing.Short() {
		iterations = 20
	}
	for round := range 2 {
		dir := filepath.Join(t.TempDir(), "snap")
		a := startChild(t, "replace", dir, iterations)
		b := startChild(t, "replace", dir, iterations+round) // ends on either tree
		a.go_(t)
		b.go_(t)
		a.wait(t)
		b.wait(t)
		if err := fsatomic.Recover(dir); err != nil {
			t.Fatal(err)
		}
		wantOldOrNew(t, dir)
	}
}

// TestLockTwoProcesses: two processes each add to a counter 200 times
// under the work-directory lock; no increment is lost.
func TestLockTwoProcesses(t *testing.T) {
	const n = 200
	dir := t.TempDir()
	a := startChild(t, "count", dir, n)
	b := startChild(t, "count", dir, n)
	a.go_(t)
	b.go_(t)
	a.wait(t)
	b.wait(t)
	data, err := os.ReadFile(filepath.Join(dir, "counter"))
	if err != nil {
		t.Fatal(err)
	}
	if string(data) != strconv.Itoa(2*n) {
		t.Errorf("counter %s, want %d: the lock let two processes in at once", data, 2*n)
	}
	if names := entries(t, dir); !slices.Equal(names, []string{"counter"}) {
		t.Errorf("left in the work directory: %v", names)
	}
}

// TestLockHeldByAnotherProcess: a second run waits as long as it was told
// to, then fails naming the lock file and the holder's pid; once the
// holder is gone (however it went), the lock is free.
func TestLockHeldByAnotherProcess(t *testing.T) {
	dir := t.TempDir()
	holder := startChild(t, "hold", dir, 0)
	holder.go_(t)
	if got := holder.line(t); got != "locked" {
		t.Fatalf("holder said %q", got)
	}
	_, err := fsatomic.Lock(context.Background(), dir, 50*time.Millisecond)
	var locked *fsatomic.LockedError
	if !errors.As(err, &locked) {
		t.Fatalf("Lock on a held directory: %v, want a *LockedError", err)
	}
	lockFile := filepath.Join(dir, fsatomic.LockName)
	if locked.Path != lockFile || locked.PID != holder.cmd.Process.Pid {
		t.Errorf("LockedError names %s, pid %d; want %s, pid %d", locked.Path, locked.PID, lockFile, holder.cmd.Process.Pid)
	}
	for _, want := range []string{lockFile, "pid " + strconv.Itoa(holder.cmd.Process.Pid)} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error does not say %q: %v", want, err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := fsatomic.Lock(ctx, dir, time.Minute); !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled wait: %v", err)
	}

	// Killed, not released: the kernel lets go of the lock.
	holder.cmd.Process.Kill()
	holder.cmd.Wait()
	release, err := fsatomic.Lock(context.Background(), dir, 0)
	if err != nil {
		t.Fatalf("the lock of a killed holder: %v", err)
	}
	if err := release(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(lockFile); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the lock file is still there after release: %v", err)
	}
}

// TestLockWaits: a waiting Lock gets the lock once its holder lets go.
func TestLockWaits(t *testing.T) {
	dir := t.TempDir()
	release, err := fsatomic.Lock(context.Background(), dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	got := make(chan error, 1)
	go func() {
		r, err := fsatomic.Lock(context.Background(), dir, time.Minute)
		if err == nil {
			err = r()
		}
		got <- err
	}()
	if err := release(); err != nil {
		t.Fatal(err)
	}
	if err := <-got; err != nil {
		t.Errorf("the waiting Lock: %v", err)
	}
}

// TestKillDuringReplaceDir: a process killed at an arbitrary moment of
// replacing a directory over and over leaves, after Recover, the old tree
// or the new one, whole.
func TestKillDuringReplaceDir(t *testing.T) {
	kills := 12
	if testing.Short() {
		kills = 4
	}
	for i := range kills {
		dir := filepath.Join(t.TempDir(), "snap")
		if err := fsatomic.ReplaceDir(dir, oldTree); err != nil {
			t.Fatal(err)
		}
		c := startChild(t, "replace", dir, -1)
		c.go_(t)
		// Let it replace i times, then kill it wherever it is.
		for range i {
			c.line(t)
		}
		c.cmd.Process.Kill()
		c.cmd.Wait()
		if err := fsatomic.Recover(dir); err != nil {
			t.Fatal(err)
		}
		wantOldOrNew(t, dir)
	}
}

// TestKillAtEveryStepOfReplaceDir: a process killed at each step of
// ReplaceDir in turn leaves, after Recover, the old tree up to the rename
// that moves the new one in, and the new tree from then on.
func TestKillAtEveryStepOfReplaceDir(t *testing.T) {
	tests := []struct{ step, want string }{
		{"staging created#1", "old"},
		{"file written#1", "old"},
		{"file written#3", "old"},
		{"staging synced#1", "old"},
		{"previous moved aside#1", "old"},
		{"new moved in#1", "new"},
		{"parent synced#1", "new"},
	}
	for _, tt := range tests {
		t.Run(tt.step, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "snap")
			if err := fsatomic.ReplaceDir(dir, oldTree); err != nil {
				t.Fatal(err)
			}
			c := startChild(t, "crash", dir, 0, stepEnv+"="+tt.step)
			c.go_(t)
			if got := c.line(t); got != "stopped" {
				t.Fatalf("child said %q", got)
			}
			c.cmd.Process.Kill()
			c.cmd.Wait()
			if err := fsatomic.Recover(dir); err != nil {
				t.Fatal(err)
			}
			if got := wantOldOrNew(t, dir); got != tt.want {
				t.Errorf("after a kill at %s the directory holds the %s tree, want the %s", tt.step, got, tt.want)
			}
		})
	}
}
