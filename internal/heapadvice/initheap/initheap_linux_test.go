//go:build linux

package initheap

import (
	"syscall"
	"testing"
	"unsafe"

	"github.com/schemawatch/schemawatch/internal/testsupport"
)

// TestInitCollapsedTheFirstHeapRegion: by the time tests run, the heap's
// first chunk is advised for huge pages and what initialization had
// written there is on a huge page.
func TestInitCollapsedTheFirstHeapRegion(t *testing.T) {
	testsupport.RequireTHP(t)
	if !collapseWorks(t) {
		t.Skip("this kernel cannot collapse memory into huge pages (MADV_COLLAPSE needs Linux 6.1)")
	}
	if Base == 0 {
		t.Fatal("Base is 0: advising the heap's first chunk failed")
	}
	// The allocation init made lies in the heap's first chunks.
	m := testsupport.MappingAt(t, uintptr(unsafe.Pointer(probe)))
	if !m.HasFlag("hg") {
		t.Errorf("the heap's first chunk is not advised for huge pages: VmFlags %q", m.Flags)
	}
	if m.AnonHugePages < HugePage>>10 {
		t.Errorf("the mapping of the heap's first chunk has %d kB on huge pages, want at least %d: nothing was collapsed", m.AnonHugePages, HugePage>>10)
	}
	if Base > uintptr(unsafe.Pointer(probe)) {
		t.Errorf("Base %#x lies above the allocation init made (%p)", Base, probe)
	}
}

// collapseWorks reports whether MADV_COLLAPSE collapses a region of fresh
// memory with one page written.
func collapseWorks(t *testing.T) bool {
	t.Helper()
	mem, err := syscall.Mmap(-1, 0, 2*HugePage, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		t.Fatal(err)
	}
	defer syscall.Munmap(mem)
	lo := (testsupport.Addr(mem) + HugePage - 1) &^ (HugePage - 1)
	mem[lo-testsupport.Addr(mem)] = 1
	return madvise(lo, HugePage, madvCollapse) == nil
}
