// Package slurp reads a stream to its end into one buffer sized from a
// hint: an HTTP body from its Content-Length, a gzip member from its
// trailer.
//
// Why not io.ReadAll or bytes.Buffer.ReadFrom: both grow by appending,
// and growing a slice clears its new capacity, a pass over megabytes that
// the reads overwrite at once. A buffer made with make is handed out as
// the OS gave it (already zero) when its memory is fresh, as it is in a
// command that reads a schema once; for a 6 MB schema the clearing was a
// tenth of the whole regeneration's CPU time in-process.
package slurp

import "io"

// minRead is the least room a read is given: as bytes.MinRead, so that a
// reader is not asked for a few bytes at a time.
const minRead = 512

// Append reads r to EOF, or until buf holds limit bytes, appending to buf
// (whose spare capacity it uses first). hint, the number of bytes r is
// expected to hold (0 when unknown), sizes the buffer once: one byte more
// than it, so that the read that meets the end has room and nothing
// regrows. A wrong hint costs a regrowth or unused capacity, never a
// wrong result; it is capped at limit, so that a lying header cannot make
// a small stream allocate a lot.
func Append(buf []byte, r io.Reader, hint, limit int) ([]byte, error) {
	if hint > 0 {
		buf = reserve(buf, min(hint, limit-len(buf))+1)
	}
	for len(buf) < limit {
		if len(buf) == cap(buf) {
			buf = reserve(buf, max(minRead, cap(buf)))
		}
		n, err := r.Read(buf[len(buf):min(cap(buf), limit)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
	return buf, nil
}

// reserve returns buf with room for at least n more bytes.
func reserve(buf []byte, n int) []byte {
	if cap(buf)-len(buf) >= n {
		return buf
	}
	grown := make([]byte, len(buf), len(buf)+n)
	copy(grown, buf)
	return grown
}
