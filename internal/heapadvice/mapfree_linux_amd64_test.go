package heapadvice

import (
	"runtime"
	"testing"
)

// TestMapFreeCollectsNoGarbage: the region comes from a goroutine's stack,
// freed when the goroutine exits, not from a block a collection frees;
// and it is free again when mapFree returns.
func TestMapFreeCollectsNoGarbage(t *testing.T) {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	lo, hi := mapFree()
	runtime.ReadMemStats(&after)
	if after.NumGC != before.NumGC {
		t.Errorf("mapFree ran %d garbage collections", after.NumGC-before.NumGC)
	}
	if hi-lo != Command {
		t.Errorf("mapFree's region is %d bytes, want %d", hi-lo, Command)
	}
	if after.StackInuse >= Command/2 {
		t.Errorf("%d bytes of stack in use after mapFree: the goroutine's stack was not freed", after.StackInuse)
	}
	// The stack is the frame's size (mapfree_linux_amd64.s) rounded up
	// to a power of two, Command bytes; freed, they are idle heap (a
	// test run again finds them idle from the run before).
	if idle := after.HeapIdle - after.HeapReleased; idle < Command*3/4 {
		t.Errorf("%d bytes of the heap are mapped and free after mapFree, want about %d", idle, Command)
	}
}
