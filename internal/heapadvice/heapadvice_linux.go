//go:build linux

package heapadvice

import (
	"runtime"
	"runtime/debug"
	"sync"
	"unsafe"

	"github.com/schemawatch/schemawatch/internal/heapadvice/initheap"
)

// Reserve advises huge pages for about n bytes of the heap: call it before
// the work allocates. Only the first call does anything, so that a test
// running a command many times pays once.
func Reserve(n int) {
	once.Do(func() { reserve(n) })
}

var once sync.Once

func reserve(n int) {
	if n < 2*initheap.HugePage {
		return
	}
	// The block is far over the first heap goal (4 MiB): without this,
	// allocating it would start a collection, and the one below would be
	// a second.
	gcPercent := debug.SetGCPercent(-1)
	block := make([]byte, n)
	start := uintptr(unsafe.Pointer(unsafe.SliceData(block)))
	// The runtime mapped the block's last chunk whole, and may already
	// hand out the rest of that chunk (a processor's page cache is filled
	// from the lowest free pages, here the ones after the block): advise
	// up to its end.
	end := start + uintptr(n)
	reserved = [2]uintptr{start, end}
	lo, hi := alignUp(start), (end+initheap.HeapChunk-1)&^(initheap.HeapChunk-1)
	if base := initheap.Base; base != 0 && base < start && start-base <= nearby {
		// Between the heap's first region (initheap advised it) and the
		// block lie the chunks the runtime mapped while the program
		// initialized: each a mapping of its own without the advice, and
		// partly written. Advise them too, and collapse what they hold,
		// so that the allocations reusing their free pages fault no
		// more than those reusing the block's. A region with nothing
		// written fails to collapse and stays empty.
		lo = base
		_ = initheap.Collapse(base, alignUp(start))
	}
	// An error (EINVAL where THP is compiled out) leaves the heap as it
	// was: nothing to report.
	_ = initheap.Advise(lo, hi)
	runtime.KeepAlive(block)
	// Free the block now (it is dead past KeepAlive), so that the first
	// allocations reuse its pages rather than the collector counting it as
	// live.
	debug.SetGCPercent(gcPercent)
	runtime.GC()
}

// reserved is where the block lay, for the tests.
var reserved [2]uintptr

// nearby bounds the distance from the heap's first region to the block
// over which Reserve extends its advice: one heap arena. The runtime grows
// the heap upwards from its first region; a block farther away means it
// did not, and the memory between is not known to be the heap's.
const nearby = 64 << 20

func alignUp(p uintptr) uintptr { return (p + initheap.HugePage - 1) &^ (initheap.HugePage - 1) }
