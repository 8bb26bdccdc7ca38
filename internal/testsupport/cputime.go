package testsupport

import (
	"syscall"
	"testing"
	"time"
)

// CPUTime reports the CPU time a benchmark's loop used per iteration
// (cpu-ns/op) beside the wall time: on a machine shared with other work,
// wall time measures the queue as much as the code. Call it before the
// loop and call what it returns after.
func CPUTime(b *testing.B) (done func()) {
	b.Helper()
	start := rusage(b)
	return func() {
		if b.N > 0 {
			b.ReportMetric(float64((rusage(b)-start).Nanoseconds())/float64(b.N), "cpu-ns/op")
		}
	}
}

// rusage is the CPU time, user and system, the process has used so far.
func rusage(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
