// Package initheap puts the heap's first pages on a transparent huge page
// while the program is still initializing its packages. Importing it is
// all it takes; internal/heapadvice imports it.
//
// Why an init function, and why its own package: a Go program's runtime
// and its hundred-odd package initializers write the first megabyte or so
// of the heap one 4 KiB page at a time, and on the virtual machines this
// project runs on each such page fault costs 10–40 µs (see
// internal/heapadvice). Collapsing the 2 MiB region that holds the heap's
// first allocations into one huge page (MADV_COLLAPSE, Linux 6.1 and
// later) makes every later allocation in it fault-free. The earlier that
// happens, the fewer faults are paid first, and Go initializes a package
// only after everything it imports: this package imports nothing but
// syscall and unsafe, so it runs among the first few dozen, before the
// large initializers (crypto, net/http, YAML, go/parser…). Measured on
// `watch diff` of Railway's newest pair: about 350 fewer page faults and
// a tenth of the wall time.
//
// It is advice only: on a kernel without MADV_COLLAPSE, with THP off, or
// on another OS, nothing changes but the speed.
package initheap
