package schema

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	gzip "github.com/klauspost/compress/gzip"

	"github.com/schemawatch/schemawatch/internal/slurp"
)

// Format is the format of a schema source.
type Format string

// Source formats.
const (
	FormatSDL  Format = "sdl"
	FormatJSON Format = "json"
)

// MaxSourceBytes bounds a schema source after decompression. Railway's
// schema is under 2 MB; the bound only stops a runaway file or a gzip bomb.
const MaxSourceBytes = 256 << 20

// Load reads a schema from SDL or an introspection result, plain or
// gzip-compressed. name (a file name) picks the format by its extension
// (.graphql, .graphqls, .gql, .sdl or .json, optionally followed by .gz);
// without one, content starting with "{" is JSON. Errors and warnings
// (Schema.Warnings) start with name and, where there is one, the line and
// column.
func Load(name string, data []byte) (*Schema, error) {
	data, inflated, err := decompress(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	var s *Schema
	switch DetectFormat(name, data) {
	case FormatJSON:
		s, err = ParseIntrospection(data)
	default:
		s, err = ParseSDL(name, string(data))
	}
	if err != nil {
		// "file:12:3: …" when the error has a position, "file: …" otherwise.
		if msg := err.Error(); msg != "" && msg[0] >= '0' && msg[0] <= '9' {
			return nil, fmt.Errorf("%s:%w", name, err)
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	// The model holds copies of what it keeps (ParseSDL gets a string
	// copy, the JSON decoder keeps nothing of data past its return), so
	// the inflated buffer can serve the next load. Only on success: an
	// error might still refer to the text it describes.
	inflated.release()
	for i, w := range s.Warnings {
		s.Warnings[i] = name + ":" + w
	}
	return s, nil
}

// LoadFile reads a schema file; see Load.
func LoadFile(path string) (*Schema, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Load(path, data)
}

// DetectFormat tells the format of a source by its file name, or by its
// first non-blank byte when the name says nothing.
func DetectFormat(name string, data []byte) Format {
	base := strings.ToLower(strings.TrimSuffix(strings.ToLower(filepath.Base(name)), ".gz"))
	switch filepath.Ext(base) {
	case ".json":
		return FormatJSON
	case ".graphql", ".graphqls", ".gql", ".sdl":
		return FormatSDL
	}
	if trimmed := bytes.TrimLeft(data, " \t\r\n\ufeff"); len(trimmed) > 0 && trimmed[0] == '{' {
		return FormatJSON
	}
	return FormatSDL
}

// decompress gunzips data when it carries the gzip magic number; the
// inflater it returns (nil for plain data) holds the result until the
// caller releases it.
func decompress(data []byte) ([]byte, *inflater, error) {
	if len(data) < 2 || data[0] != 0x1f || data[1] != 0x8b {
		return data, nil, nil
	}
	f, _ := inflaters.Get().(*inflater)
	if f == nil {
		f = new(inflater)
	}
	if err := f.zr.Reset(bytes.NewReader(data)); err != nil {
		return nil, nil, fmt.Errorf("gzip: %w", err)
	}
	// The trailer's ISIZE is the uncompressed size (mod 2^32) of the last
	// member: as a hint it sizes the buffer once, which spares a sixth of
	// loading a large schema. It is only a hint, so a wrong one costs
	// speed, never correctness; it is capped at a generous compression
	// ratio so that a forged trailer cannot make a small file allocate a
	// lot.
	hint := 0
	if len(data) >= 18 {
		hint = min(int(binary.LittleEndian.Uint32(data[len(data)-4:])), 64*len(data))
	}
	buf, err := slurp.Append(f.buf[:0], &f.zr, hint, MaxSourceBytes+1)
	f.buf = buf
	if err != nil {
		return nil, nil, fmt.Errorf("gzip: %w (is the file truncated?)", err)
	}
	if len(buf) > MaxSourceBytes {
		return nil, nil, fmt.Errorf("gzip: more than %d MiB uncompressed", MaxSourceBytes>>20)
	}
	return buf, f, nil
}

// An inflater is a gzip reader and the buffer it inflates into, kept
// between loads: a fresh buffer of a few megabytes costs more than the
// inflating itself (the pages it touches for the first time, or the
// zeroing of recycled ones), twice the time of inflating Railway's
// schema.
//
// The reader is klauspost/compress's rather than compress/gzip's: it
// inflates Railway's newest file in a quarter less time (1.10 ms against
// 1.52 ms; 2.9M fewer instructions a load), and `watch diff` of Railway's
// newest pair, whose two loads are most of its work, runs in 2.3 ms less
// CPU time for all that the binary links both (net/http uses
// compress/gzip) and runs its package initialisation. Its errors read as
// compress/gzip's (TestGzipErrorMessages).
type inflater struct {
	zr  gzip.Reader
	buf []byte
}

var inflaters sync.Pool // of *inflater

// maxPooledInflate bounds the buffer kept for the next load: the size of
// a large schema, not of the largest file ever read.
const maxPooledInflate = 32 << 20

// release hands f back for the next load; the bytes it returned must no
// longer be used.
func (f *inflater) release() {
	if f == nil || cap(f.buf) > maxPooledInflate {
		return
	}
	f.buf = f.buf[:0]
	inflaters.Put(f)
}
