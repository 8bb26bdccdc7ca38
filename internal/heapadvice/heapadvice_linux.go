//go:build linux

package heapadvice

import (
	"sync"

	"github.com/schemawatch/schemawatch/internal/heapadvice/initheap"
)

// Reserve advises huge pages for the heap a command is about to fill
// (Command bytes of it): call it before the work allocates. Only the first
// call does anything, so that a test running a command many times pays
// once.
func Reserve() {
	once.Do(reserve)
}

var once sync.Once

func reserve() {
	// The runtime maps the heap chunk by chunk as it grows, each chunk a
	// mapping of its own without advice. mapFree makes it map Command
	// bytes at once and hand them back free, untouched: advised, they are
	// where the next allocations go.
	lo, hi := mapFree()
	reserved = [2]uintptr{lo, hi}
	from := alignUp(lo)
	if base := initheap.Base; base != 0 && base < lo && lo-base <= nearby {
		// Between the heap's first region (initheap advised it) and the
		// new one lie the chunks the runtime mapped while the program
		// initialized: each a mapping of its own without the advice, and
		// partly written. Advise them too, and collapse what they hold,
		// so that the allocations reusing their free pages fault no
		// more than those reusing the new region's. A region with
		// nothing written fails to collapse and stays empty.
		_ = initheap.Collapse(base, alignUp(lo))
		from = base
	}
	// The runtime mapped the last chunk whole, and may already hand out
	// the rest of it (a processor's page cache is filled from the lowest
	// free pages, here the ones after the region): advise up to its end.
	// An error (EINVAL where THP is compiled out) leaves the heap as it
	// was: nothing to report.
	_ = initheap.Advise(from, (hi+initheap.HeapChunk-1)&^(initheap.HeapChunk-1))
}

// reserved is where the region mapFree had the runtime map lay, for the
// tests.
var reserved [2]uintptr

// nearby bounds the distance from the heap's first region to the new one
// over which Reserve extends its advice: one heap arena. The runtime grows
// the heap upwards from its first region; a region farther away means it
// did not, and the memory between is not known to be the heap's.
const nearby = 64 << 20

func alignUp(p uintptr) uintptr { return (p + initheap.HugePage - 1) &^ (initheap.HugePage - 1) }
