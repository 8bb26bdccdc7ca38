package introspect

import (
	"bytes"
	"io"
	"net/http"
	"testing"
)

// TestReadBody: the body is read into one buffer sized from
// Content-Length, trusted only up to the limit, and read whole whatever
// the header says.
func TestReadBody(t *testing.T) {
	const size = 6 << 20
	body := bytes.Repeat([]byte("x"), size)
	tests := []struct {
		name          string
		contentLength int64
		limit         int64
		wantLen       int
		maxCap        int // the buffer's capacity at most
	}{
		{"exact length", size, 64 << 20, size, size + 2*bytes.MinRead + 8192},
		{"no length", -1, 64 << 20, size, 4 * size},
		{"length too small", 1000, 64 << 20, size, 4 * size},
		{"length too large is trusted up to the limit", 1 << 40, 8 << 20, size, 8<<20 + 2*bytes.MinRead + 8192},
		{"body over the limit", size, 1 << 20, 1<<20 + 1, 1<<20 + 2*bytes.MinRead + 8192},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := &http.Response{ContentLength: tt.contentLength, Body: io.NopCloser(bytes.NewReader(body))}
			got, err := readBody(resp, tt.limit)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != tt.wantLen {
				t.Errorf("read %d bytes, want %d", len(got), tt.wantLen)
			}
			if cap(got) > tt.maxCap {
				t.Errorf("buffer of %d bytes for a %d-byte body, want at most %d", cap(got), len(got), tt.maxCap)
			}
		})
	}
	// With the length known, the body is read without a copy from buffer
	// to buffer.
	reader := bytes.NewReader(body)
	resp := &http.Response{ContentLength: size, Body: io.NopCloser(reader)}
	allocs := testing.AllocsPerRun(5, func() {
		reader.Reset(body)
		if _, err := readBody(resp, 64<<20); err != nil {
			t.Fatal(err)
		}
	})
	if allocs > 4 { // the buffer and the LimitReader (more under -race)
		t.Errorf("reading a %d-byte body with its Content-Length took %.0f allocations, want two (io.ReadAll regrows the buffer some fifteen times)", size, allocs)
	}
}
