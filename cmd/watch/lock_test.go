package main

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/schemawatch/schemawatch/internal/fsatomic"
)

// TestSecondRunOnAWorkdirFails: while a run holds a work directory, a
// second run (or demo) on it waits, then fails with exit 2, naming the
// lock file and the holder, and writes nothing.
func TestSecondRunOnAWorkdirFails(t *testing.T) {
	endpoint, workdir := runWorld(t)
	release, err := fsatomic.Lock(context.Background(), workdir, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	saved := workdirLockWait
	workdirLockWait = 0
	t.Cleanup(func() { workdirLockWait = saved })

	tests := []struct {
		name string
		env  map[string]string
		args []string
	}{
		{"run", map[string]string{"DEMO_TOKEN": runAPIToken}, []string{"run", "--once", "--dry-run", "--workdir", workdir, "--name", "demo",
			"--endpoint", endpoint, "--token-env", "DEMO_TOKEN", "--go-out", "demoapi"}},
		{"demo", nil, []string{"demo", "--workdir", workdir}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runWatchEnv(t, tt.env, tt.args...)
			if code != 2 {
				t.Errorf("exit %d, want 2\n%s", code, stderr)
			}
			for _, want := range []string{filepath.Join(workdir, fsatomic.LockName), "pid " + strconv.Itoa(os.Getpid())} {
				if !strings.Contains(stderr, want) {
					t.Errorf("stderr does not say %q:\n%s", want, stderr)
				}
			}
			if _, err := os.Stat(filepath.Join(workdir, "demoapi")); err == nil {
				t.Error("the second run wrote into the locked work directory")
			}
		})
	}
}
