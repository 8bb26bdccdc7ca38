// Package heapadvice asks the operating system to back the Go heap with
// transparent huge pages, for a process that is about to read, decode and
// write a few megabytes of schema and then exit.
//
// Why: on the virtual machines CI runners and small cloud instances use,
// the first touch of a 4 KiB page is costly. On this project's CI machines
// (Firecracker) a fault costs 15–40 µs, so every fresh megabyte of heap
// costs 4–10 ms, more than decoding it: `watch diff` of a 6 MB pair took
// ~8,600 faults, half of its CPU time in the kernel. Linux's default
// THP mode ("madvise") backs a region with 2 MiB pages, one fault each,
// only when the process asks; the Go runtime does not ask for the heap
// (Go 1.21.0 did, for long-running servers, and went back on it), and has
// no setting to. So Reserve asks for it: it has the runtime map a large
// region fresh from the OS and hold it free (on amd64 as a goroutine's
// stack, freed when the goroutine exits; elsewhere as a block freed by a
// collection: see mapFree), and advises MADV_HUGEPAGE on it; the heap's
// next allocations go there. The heap's first chunks, written while the
// packages initialized, get the same: initheap (imported here, so linked
// wherever Reserve is) collapsed the first into a huge page at the start,
// and Reserve advises and collapses those between it and the region.
//
// It is advice only: where the kernel has THP off, another OS, or the
// runtime hands out memory elsewhere, nothing changes but the speed.
// The measured cost is a few MiB more peak RSS, the rounding to 2 MiB.
package heapadvice

// Command is what a command reserves: the peak heap of the largest work
// measured, the whole cycle of a 1,600-type schema (`make bench`: 43 MB),
// with room. It is address space, not memory: only the pages the heap
// touches become resident; but the runtime's bookkeeping for the region
// is paid whether used or not, and at 128 MiB it cost `watch diff` of
// Railway's schema 2 ms more than at 64. A heap that outgrows it only
// takes more page faults.
const Command = 64 << 20
