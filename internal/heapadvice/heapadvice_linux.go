//go:build linux

package heapadvice

import (
	"runtime"
	"runtime/debug"
	"sync"
	"unsafe"

	"golang.org/x/sys/unix"
)

// hugePage is the size of an x86-64 and arm64 transparent huge page; on a
// system with another size the advice covers fewer, larger pages or none,
// which is harmless.
const hugePage = 2 << 20

// Reserve advises huge pages for about n bytes of the heap: call it before
// the work allocates. Only the first call does anything, so that a test
// running a command many times pays once.
func Reserve(n int) {
	once.Do(func() { reserve(n) })
}

var once sync.Once

func reserve(n int) {
	if n < 2*hugePage {
		return
	}
	// The block is far over the first heap goal (4 MiB): without this,
	// allocating it would start a collection, and the one below would be
	// a second.
	gcPercent := debug.SetGCPercent(-1)
	block := make([]byte, n)
	start := uintptr(unsafe.Pointer(unsafe.SliceData(block)))
	skip := int((hugePage - start%hugePage) % hugePage)
	length := (n - skip) / hugePage * hugePage
	// An error (EINVAL where THP is compiled out) leaves the heap as it
	// was: nothing to report.
	_ = unix.Madvise(block[skip:skip+length], unix.MADV_HUGEPAGE)
	runtime.KeepAlive(block)
	// Free the block now (it is dead past KeepAlive), so that the first
	// allocations reuse its pages rather than the collector counting it as
	// live.
	debug.SetGCPercent(gcPercent)
	runtime.GC()
}
