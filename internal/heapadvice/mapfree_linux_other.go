//go:build linux && !amd64

package heapadvice

import (
	"runtime"
	"runtime/debug"
	"unsafe"
)

// mapFree has the runtime map Command bytes of heap and hold them free,
// untouched, and returns where. Without amd64's stack (see
// mapfree_linux_amd64.go): a block, allocated and collected.
func mapFree() (lo, hi uintptr) {
	// The block is far over the first heap goal (4 MiB): without this,
	// allocating it would start a collection, and the one below would be
	// a second.
	gcPercent := debug.SetGCPercent(-1)
	block := make([]byte, Command)
	lo = uintptr(unsafe.Pointer(unsafe.SliceData(block)))
	runtime.KeepAlive(block)
	// Free the block now (it is dead past KeepAlive), so that the first
	// allocations reuse its pages.
	debug.SetGCPercent(gcPercent)
	runtime.GC()
	return lo, lo + Command
}
