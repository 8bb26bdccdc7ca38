//go:build !linux

package initheap

// Base is always 0 outside Linux: see the package comment.
var Base uintptr
