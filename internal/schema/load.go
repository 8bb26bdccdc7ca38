package schema

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
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
	data, err := decompress(data)
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

// decompress gunzips data when it carries the gzip magic number.
func decompress(data []byte) ([]byte, error) {
	if len(data) < 2 || data[0] != 0x1f || data[1] != 0x8b {
		return data, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("gzip: %w", err)
	}
	// The trailer's ISIZE is the uncompressed size (mod 2^32) of the last
	// member: as a capacity hint it spares io.ReadAll's regrowing, which
	// is a sixth of loading a large schema. It is only a hint, so a wrong
	// one costs speed, never correctness; it is capped at a generous
	// compression ratio so that a forged trailer cannot make a small file
	// allocate a lot.
	var buf bytes.Buffer
	if len(data) >= 18 {
		hint := int(binary.LittleEndian.Uint32(data[len(data)-4:]))
		buf.Grow(min(hint, 64*len(data), MaxSourceBytes) + bytes.MinRead)
	}
	if _, err := buf.ReadFrom(io.LimitReader(zr, MaxSourceBytes+1)); err != nil {
		return nil, fmt.Errorf("gzip: %w (is the file truncated?)", err)
	}
	if buf.Len() > MaxSourceBytes {
		return nil, fmt.Errorf("gzip: more than %d MiB uncompressed", MaxSourceBytes>>20)
	}
	return buf.Bytes(), nil
}
