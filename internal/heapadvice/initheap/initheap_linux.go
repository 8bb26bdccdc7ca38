//go:build linux

package initheap

import (
	"syscall"
	"unsafe"
)

// HugePage is the size of a transparent huge page on x86-64 and arm64.
const HugePage = 2 << 20

// madvCollapse is MADV_COLLAPSE (the same number on every Linux
// architecture). syscall does not define it, and golang.org/x/sys/unix,
// which does, would make this package initialize much later.
const madvCollapse = 25

// HeapChunk is the unit in which the Go runtime maps the heap: 4 MiB,
// aligned (its pallocChunkBytes).
const HeapChunk = 4 << 20

// Base is the start of the heap chunk that held the heap's first
// allocations when this package initialized (or of the one before it,
// which may have), 0 when advising failed: heapadvice.Reserve extends the
// advice from there.
var Base uintptr

// probe is a heap allocation whose address tells where the heap is: a
// package variable, so that it escapes.
var probe *[16]byte

func init() {
	probe = new([16]byte)
	// The chunk holding an allocation is mapped whole. The heap's first
	// allocations start at a random page of the first chunk, so by now
	// they may have run on into the next: the probe's chunk and the one
	// before it are advised and what they hold collapsed. Before the
	// heap's first chunk lies address space the runtime reserved for it
	// (mapped without access) or nothing: the runtime places it away from
	// other mappings; advice
	// there fails or is replaced when the runtime maps it, and a region
	// with nothing written fails to collapse and stays as it was.
	chunk := uintptr(unsafe.Pointer(probe)) &^ (HeapChunk - 1)
	if Advise(chunk, chunk+HeapChunk) != nil {
		return
	}
	Base = chunk - HeapChunk
	_ = Advise(Base, chunk)
	// Advice alone does not help a region that already has 4 KiB pages;
	// collapsing copies them into one huge page. An error (EINVAL before
	// Linux 6.1, EAGAIN or ENOMEM when no huge page is free) leaves the
	// pages as they were.
	_ = Collapse(Base, chunk+HeapChunk)
}

// Advise advises huge pages for [lo, hi) (MADV_HUGEPAGE): a region's
// first fault then maps a huge page.
func Advise(lo, hi uintptr) error {
	return madvise(lo, hi-lo, syscall.MADV_HUGEPAGE)
}

// Collapse collapses each huge-page region of [lo, hi) that has pages into
// one huge page (MADV_COLLAPSE). An empty region fails with EINVAL and
// stays empty; the error returned is the last region's.
func Collapse(lo, hi uintptr) error {
	var err error
	for r := lo; r < hi; r += HugePage {
		err = madvise(r, HugePage, madvCollapse)
	}
	return err
}

// madvise takes addresses rather than a slice: the regions lie around Go
// objects, not inside one, and a slice over them would be an invalid
// pointer.
func madvise(addr, n uintptr, advice int) error {
	if _, _, errno := syscall.Syscall(syscall.SYS_MADVISE, addr, n, uintptr(advice)); errno != 0 {
		return errno
	}
	return nil
}
