package schema

import (
	"bytes"
	"compress/gzip"
	"strings"
	"testing"
)

func gzipped(t *testing.T, s string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if _, err := zw.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// The gzip trailer's size only sizes the buffer: a file of several members,
// whose trailer gives the last member's size alone, still decompresses
// whole, and a truncated one is an error.
func TestDecompress(t *testing.T) {
	first, second := strings.Repeat("type Query { a: Int }\n", 1000), "scalar S\n"
	multi := append(gzipped(t, first), gzipped(t, second)...)
	got, err := decompress(multi)
	if err != nil || string(got) != first+second {
		t.Fatalf("multi-member gzip: %d bytes, %v; want %d bytes", len(got), err, len(first+second))
	}
	plain := []byte(first)
	if got, err := decompress(plain); err != nil || !bytes.Equal(got, plain) {
		t.Errorf("plain input changed: %v", err)
	}
	whole := gzipped(t, first)
	if _, err := decompress(whole[:len(whole)/2]); err == nil || !strings.Contains(err.Error(), "truncated") {
		t.Errorf("truncated gzip: %v, want an error that says so", err)
	}
}
