//go:build unix

package main

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// envRunMain makes the test binary run main instead of the tests, so that a
// test can start watch as a process of its own.
const envRunMain = "SCHEMAWATCH_TEST_RUN_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(envRunMain) == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// TestCtrlCStopsACommandThatIsNotGraceful: watch diff, blocked reading its
// input, dies of the first SIGINT. It used to swallow it: every command
// listened for stop signals, and only run and demo watch their context.
func TestCtrlCStopsACommandThatIsNotGraceful(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "old.json")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no FIFO here: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "diff", fifo, fifo)
	cmd.Env = append(os.Environ(), envRunMain+"=1")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Opening the FIFO for writing returns once watch has opened it for
	// reading: watch is running main, waiting for input.
	w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	err = cmd.Wait()
	if ctx.Err() != nil {
		t.Fatal("watch diff was still running 30 s after SIGINT")
	}
	var exit *exec.ExitError
	if !errors.As(err, &exit) {
		t.Fatalf("watch diff after SIGINT: %v, want it killed by the signal", err)
	}
	if ws, ok := exit.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGINT {
		t.Errorf("watch diff after SIGINT: %v, want it killed by SIGINT", exit)
	}
}
