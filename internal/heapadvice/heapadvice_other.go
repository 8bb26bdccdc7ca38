//go:build !linux

package heapadvice

import _ "github.com/schemawatch/schemawatch/internal/heapadvice/initheap" // linked wherever heapadvice is

// Reserve does nothing outside Linux: see the package comment.
func Reserve() {}
