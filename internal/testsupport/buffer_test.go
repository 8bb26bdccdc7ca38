package testsupport_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/schemawatch/schemawatch/internal/testsupport"
)

// TestBufferConcurrentWrites: writers and a reader at once (run with
// -race); every write arrives whole.
func TestBufferConcurrentWrites(t *testing.T) {
	var buf testsupport.Buffer
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := range 100 {
				fmt.Fprintf(&buf, "w%d-%03d\n", w, i)
				_ = buf.String()
			}
		})
	}
	wg.Wait()
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != 400 {
		t.Fatalf("%d lines, want 400", len(lines))
	}
	for _, l := range lines {
		if len(l) != len("w0-000") {
			t.Errorf("a torn write: %q", l)
		}
	}
}
