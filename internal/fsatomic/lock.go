package fsatomic

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/jonboulle/clockwork"
)

// LockName is the file in a work directory that Lock holds: it exists only
// while a run holds the lock and holds that run's pid.
const LockName = ".schemawatch.lock"

// lockPoll is how often a waiting Lock tries again.
const lockPoll = 5 * time.Millisecond

// clock is the package's one clock: the waits of Lock run on it.
var clock = clockwork.NewRealClock()

// LockedError says that another process holds a lock and did not let go of
// it in time.
type LockedError struct {
	// Path is the lock file.
	Path string
	// PID is the holder's process id, 0 when it could not be read.
	PID int
	// Waited is how long this process waited.
	Waited time.Duration
}

func (e *LockedError) Error() string {
	holder := "another process"
	if e.PID > 0 {
		holder = fmt.Sprintf("another process (pid %d)", e.PID)
	}
	return fmt.Sprintf("%s is held by %s, still after %s: another schemawatch run is writing into the same directory; wait for it to finish or stop it, then try again (the lock goes with the process that holds it, so there is nothing to clean up)",
		e.Path, holder, e.Waited)
}

// Lock takes the lock of the work directory dir, so that two runs never
// write into one directory at once: it waits up to wait for a run that
// holds it, then fails with a *LockedError naming the lock file and the
// holder's pid. release gives the lock up and removes the lock file; it is
// safe to call more than once. The lock is an flock(2) lock, so the kernel
// drops it when its holder dies, however it dies: a lock is never stale.
func Lock(ctx context.Context, dir string, wait time.Duration) (release func() error, err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	return lockFile(ctx, filepath.Join(dir, LockName), wait)
}

// lockFile takes an exclusive flock(2) lock on path, creating the file.
//
// flock rather than a library (github.com/gofrs/flock): the lock file is
// removed on release so that it never litters a checkout, and that is only
// safe if a waiter, once it has the lock, can check that the file it
// locked is still the one at path (a holder may have removed it
// meanwhile) — which needs the locked file's handle, and gofrs/flock keeps
// it to itself; so does writing the holder's pid into the file it locked.
func lockFile(ctx context.Context, path string, wait time.Duration) (func() error, error) {
	start := clock.Now()
	deadline := clock.NewTimer(wait)
	defer deadline.Stop()
	for {
		f, err := tryLock(path)
		if err != nil {
			return nil, err
		}
		if f != nil {
			return releaser(f, path), nil
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("waiting for %s: %w", path, ctx.Err())
		case <-deadline.Chan():
			return nil, &LockedError{Path: path, PID: holderPID(path), Waited: clock.Since(start).Round(time.Millisecond)}
		case <-clock.After(lockPoll):
		}
	}
}

// tryLock returns the locked file, or nil if another process holds it.
func tryLock(path string) (*os.File, error) {
	for {
		// A descriptor made a File, not os.OpenFile: see rawfile.go.
		fd, err := openFD(path, syscall.O_RDWR|syscall.O_CREAT, 0o644)
		if err != nil {
			return nil, fmt.Errorf("lock: %w", err)
		}
		f := os.NewFile(uintptr(fd), path)
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if errors.Is(err, syscall.EWOULDBLOCK) {
			f.Close()
			return nil, nil
		}
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("lock %s: %w", path, err)
		}
		// The previous holder removes the file as it lets go: if it did
		// so after this process opened it, the lock taken is on a file
		// nobody else will ever open. Take the lock of the file at path.
		held, err1 := f.Stat()
		current, err2 := os.Stat(path)
		if err1 == nil && err2 == nil && os.SameFile(held, current) {
			// Who holds it, for the error message of those who wait.
			_ = f.Truncate(0)
			_, _ = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
			return f, nil
		}
		f.Close()
	}
}

func releaser(f *os.File, path string) func() error {
	var once sync.Once
	var err error
	return func() error {
		once.Do(func() {
			// Remove while still holding the lock: a waiter that locks the
			// removed file sees it is gone and starts again.
			rmErr := os.Remove(path)
			err = errors.Join(rmErr, f.Close())
		})
		return err
	}
}

// holderPID reads the pid the holder of the lock file wrote; 0 if none.
func holderPID(path string) int {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(data)))
	if err != nil || pid <= 0 {
		return 0
	}
	return pid
}
