//go:build linux

package heapadvice

import (
	"runtime"
	"testing"
	"unsafe"

	"github.com/schemawatch/schemawatch/internal/heapadvice/initheap"
	"github.com/schemawatch/schemawatch/internal/testsupport"
)

// TestReserveAdvisesWhereTheHeapAllocates checks the whole point: memory
// the heap hands out after Reserve, large blocks and small objects alike,
// lies in mappings advised for huge pages ("hg" in /proc/self/smaps'
// VmFlags).
func TestReserveAdvisesWhereTheHeapAllocates(t *testing.T) {
	testsupport.RequireTHP(t)
	// Heap the program holds before Reserve: more than the first chunk
	// has room for, so that the runtime maps more chunks of its own.
	var before [][]byte
	for range 96 {
		before = append(before, make([]byte, 64<<10))
	}
	Reserve()
	checkAdvised(t)
	runtime.KeepAlive(before)
	block := make([]byte, 8<<20)
	// The middle of the block: its first bytes may share a huge-page
	// region with memory allocated before Reserve.
	addr := uintptr(unsafe.Pointer(unsafe.SliceData(block))) + uintptr(len(block)/2)
	if m := testsupport.MappingAt(t, addr); !m.HasFlag("hg") {
		t.Errorf("an 8 MiB block allocated after Reserve lies in a mapping without huge-page advice: VmFlags %q", m.Flags)
	}
	// Small objects come from spans the processors' page caches hold,
	// which may have been filled while the reserved block was live.
	small := make([]*[1024]byte, 4096)
	for i := range small {
		small[i] = new([1024]byte)
	}
	mappings, unadvised := testsupport.ReadMappings(t), 0
	for _, p := range small {
		if m, _ := mappings.At(uintptr(unsafe.Pointer(p))); !m.HasFlag("hg") {
			unadvised++
		}
	}
	if unadvised > 0 {
		t.Errorf("%d of %d small objects allocated after Reserve lie in mappings without huge-page advice", unadvised, len(small))
	}
}

// checkAdvised checks that every mapping from the heap's first chunk to
// the end of the chunk where the reserved block ends is advised: the
// chunks the runtime mapped before the block, the block, and the rest of
// its last chunk, which the heap hands out first.
func checkAdvised(t *testing.T) {
	t.Helper()
	lo, hi := initheap.Base, (reserved[1]+initheap.HeapChunk-1)&^(initheap.HeapChunk-1)
	if lo == 0 || lo > reserved[0] {
		t.Fatalf("heap's first chunk at %#x, reserved block at %#x-%#x: want the chunk first", lo, reserved[0], reserved[1])
	}
	for _, m := range testsupport.ReadMappings(t) {
		if m.Hi <= lo || m.Lo >= hi {
			continue
		}
		if !m.HasFlag("hg") {
			t.Errorf("mapping %#x-%#x, between the heap's first chunk (%#x) and the end of the reserved block's last chunk (%#x), is not advised for huge pages: VmFlags %q", m.Lo, m.Hi, lo, hi, m.Flags)
		}
	}
}
