// Package testsupport holds small helpers shared by the tests of several
// packages. Only tests import it.
package testsupport

import (
	"bytes"
	"sync"
)

// Buffer is a bytes.Buffer that a test may read while a logger, a child
// process or another goroutine writes to it. The zero value is ready.
type Buffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *Buffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

// String returns what has been written so far.
func (s *Buffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
