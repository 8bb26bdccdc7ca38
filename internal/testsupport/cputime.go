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
	return CPUThroughput(b, 0)
}

// CPUThroughput is CPUTime for a loop that handles bytes per iteration:
// it also reports the throughput the CPU time stands for (cpu-MB/s).
func CPUThroughput(b *testing.B, bytes int) (done func()) {
	b.Helper()
	start := ProcessCPU(b)
	return func() {
		if b.N > 0 {
			perOp := float64((ProcessCPU(b) - start).Nanoseconds()) / float64(b.N)
			b.ReportMetric(perOp, "cpu-ns/op")
			if bytes > 0 && perOp > 0 {
				b.ReportMetric(float64(bytes)/perOp*1e3, "cpu-MB/s")
			}
		}
	}
}

// ProcessCPU is the CPU time, user and system, the process has used so
// far: for a benchmark that counts only part of each iteration.
func ProcessCPU(tb testing.TB) time.Duration {
	tb.Helper()
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		tb.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
