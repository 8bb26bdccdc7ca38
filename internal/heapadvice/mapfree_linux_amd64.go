package heapadvice

import "runtime"

// bigFrame (mapfree_linux_amd64.s) is a function with a frame of
// Command - 1 MiB bytes that writes none of them: calling it grows the
// calling goroutine's stack to hold the frame, to Command bytes (a power
// of two, with room for the goroutine's other frames). It returns its
// stack pointer, the frame's lowest address.
func bigFrame() uintptr

// mapFree has the runtime map Command bytes of heap and hold them free,
// untouched, and returns about where: from a stack pointer to Command
// bytes above it, which covers the region.
//
// Why a stack: a goroutine's stack comes from the heap, a large one fresh
// from the OS when nothing is free; growing it copies only the frames in
// use, at its top; and when the goroutine exits with a stack larger than
// the first, the stack goes back to the heap at once (unless a collection
// is running, when the runtime keeps it for stacks: the advice then goes
// unused, nothing worse). It needs the stack limit above Command, as the
// default (1 GB) is; nothing here lowers it (runtime/debug.SetMaxStack). Allocating a block
// and freeing it instead takes a garbage collection, which at this point
// cost more than all the rest of the advice (about 3 ms of a 27 ms `watch
// diff` on CI's machines).
func mapFree() (lo, hi uintptr) {
	before := runtime.NumGoroutine()
	sp := make(chan uintptr, 1)
	go func() { sp <- bigFrame() }()
	lo = <-sp
	// The stack is back in the heap once the goroutine is gone (its
	// exit frees it before it is counted out); until then the next
	// allocations would have to go elsewhere. Another goroutine's exit
	// can end the wait early: then some go elsewhere, which only costs
	// their page faults.
	for runtime.NumGoroutine() > before {
		runtime.Gosched()
	}
	return lo, lo + Command
}
