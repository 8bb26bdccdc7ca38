package slurp_test

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/schemawatch/schemawatch/internal/slurp"
)

func TestAppend(t *testing.T) {
	text := strings.Repeat("0123456789", 1000) // 10,000 bytes
	for _, tc := range []struct {
		name          string
		prefix        string
		r             io.Reader
		hint, limit   int
		want          string
		wantCapAtMost int // 0: not checked
	}{
		{"no hint", "", strings.NewReader(text), 0, 1 << 20, text, 0},
		{"exact hint: one buffer, one byte spare", "", strings.NewReader(text), len(text), 1 << 20, text, len(text) + 1},
		{"hint too small: regrows", "", strings.NewReader(text), 10, 1 << 20, text, 0},
		{"hint too large: capped at the limit", "", strings.NewReader(text), 1 << 40, 20000, text, 20001},
		{"one byte at a time", "", iotest.OneByteReader(strings.NewReader(text)), len(text), 1 << 20, text, 0},
		{"data with EOF", "", iotest.DataErrReader(strings.NewReader(text)), 0, 1 << 20, text, 0},
		{"stops at the limit", "", strings.NewReader(text), 0, 4097, text[:4097], 0},
		{"stops at the limit with a hint", "", strings.NewReader(text), len(text), 4097, text[:4097], 0},
		{"appends after what buf holds", "head:", strings.NewReader(text), len(text), 1 << 20, "head:" + text, 0},
		{"empty", "", strings.NewReader(""), 0, 100, "", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := slurp.Append([]byte(tc.prefix), tc.r, tc.hint, tc.limit)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want {
				t.Errorf("got %d bytes, want %d", len(got), len(tc.want))
			}
			if tc.wantCapAtMost > 0 && cap(got) > tc.wantCapAtMost {
				t.Errorf("cap = %d, want at most %d", cap(got), tc.wantCapAtMost)
			}
		})
	}
}

func TestAppendUsesSpareCapacity(t *testing.T) {
	buf := make([]byte, 0, 100)
	got, err := slurp.Append(buf, strings.NewReader("abc"), 3, 1000)
	if err != nil || string(got) != "abc" {
		t.Fatalf("got %q, %v", got, err)
	}
	if &got[0] != &buf[:1][0] {
		t.Error("read into a new buffer though buf had room")
	}
}

func TestAppendReturnsReadErrors(t *testing.T) {
	boom := errors.New("boom")
	r := io.MultiReader(strings.NewReader("partial"), iotest.ErrReader(boom))
	got, err := slurp.Append(nil, r, 0, 1000)
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
	if string(got) != "partial" {
		t.Errorf("got %q, want what was read before the error", got)
	}
}

func BenchmarkAppend(b *testing.B) {
	data := bytes.Repeat([]byte("x"), 6<<20)
	for _, hint := range []int{0, len(data)} {
		name := "no hint"
		if hint > 0 {
			name = "hint"
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := slurp.Append(nil, bytes.NewReader(data), hint, 256<<20); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
