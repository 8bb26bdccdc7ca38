//go:build !linux

package heapadvice

// Reserve does nothing outside Linux: see the package comment.
func Reserve(n int) {}
