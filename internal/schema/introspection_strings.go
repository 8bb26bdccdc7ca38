package schema

import (
	"encoding/binary"
	"math/bits"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/go-json-experiment/json/jsontext"
)

// str reads the string at pos (its opening quote). A string without
// escapes is a view of data (unsafe.String): a member name, compared and
// dropped, costs no copy; what the model keeps goes through name or text.
// data is not written while the scanner reads it, and no view outlives
// decodeIntrospection.
func (d *scanner) str() (string, error) {
	start := d.pos + 1
	i := start
	data := d.data
	// Eight bytes at a time while none is a quote, a backslash, a control
	// character or non-ASCII (the bit tricks of strings.IndexByte's
	// portable version).
	for i+8 <= len(data) {
		w := word(data, i)
		quote := w ^ 0x2222222222222222
		backslash := w ^ 0x5c5c5c5c5c5c5c5c
		special := (quote - lsb) &^ quote
		special |= (backslash - lsb) &^ backslash
		special |= w - 0x2020202020202020 // a byte below 0x20 borrows
		special |= w                      // a byte of 0x80 and up
		if special &= msb; special != 0 {
			// A borrow can mark bytes above a special one, never
			// below: the lowest mark is the first special byte.
			i += bits.TrailingZeros64(special) >> 3
			if data[i] == '"' {
				d.pos = i + 1
				return view(data[start:i]), nil
			}
			return d.slowStr(start, i)
		}
		i += 8
	}
	for i < len(data) {
		c := data[i]
		if c == '"' {
			d.pos = i + 1
			return view(data[start:i]), nil
		}
		if c < 0x20 || c == '\\' || c >= utf8.RuneSelf {
			return d.slowStr(start, i)
		}
		i++
	}
	return "", errSyntax
}

// word is the eight bytes of data from i on, little-endian, read without
// the bounds checks of binary.LittleEndian.Uint64(data[i:]): a tenth of
// the scanner's instructions in its hot loops. The caller has checked
// that i >= 0 and i+8 <= len(data); go test -race (checkptr) holds the
// tests to that.
func word(data []byte, i int) uint64 {
	return binary.LittleEndian.Uint64((*[8]byte)(unsafe.Add(unsafe.Pointer(unsafe.SliceData(data)), i))[:])
}

// view is b as a string, without a copy.
func view(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// name returns s (from str) to keep in the model: one copy per distinct
// name, since a large schema names each type in many references.
func (d *scanner) name(s string) string {
	kept, slot, found := d.names.lookup(s)
	if found {
		return kept
	}
	kept = d.keep(s)
	d.names.add(kept, slot)
	return kept
}

// keep copies s (from str) for the model into the text arena: the
// descriptions and names of a large schema are tens of thousands of
// strings, copied into a few chunks rather than allocated one by one.
// A chunk is only ever appended to, so the strings in it never change.
func (d *scanner) keep(s string) string {
	if len(s) == 0 {
		return ""
	}
	if len(s) > textChunk/4 {
		return strings.Clone(s)
	}
	if cap(d.text)-len(d.text) < len(s) {
		d.text = make([]byte, 0, textChunk)
	}
	start := len(d.text)
	d.text = append(d.text, s...)
	return unsafe.String(&d.text[start], len(s))
}

const textChunk = 64 << 10

const (
	lsb = 0x0101010101010101
	msb = 0x8080808080808080
)

// slowStr finishes a string with escapes or non-ASCII text from i on.
func (d *scanner) slowStr(start, i int) (string, error) {
	data := d.data
	escaped := false
	for i < len(data) {
		c := data[i]
		switch {
		case c == '"':
			d.pos = i + 1
			if !escaped {
				return view(data[start:i]), nil
			}
			return d.unquote(data[start-1 : i+1])
		case c < 0x20:
			return "", errSyntax
		case c == '\\':
			escaped = true
			i += 2 // AppendUnquote checks the escape itself
		case c < utf8.RuneSelf:
			i++
		default:
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size == 1 {
				return "", errSyntax
			}
			i += size
		}
	}
	return "", errSyntax
}

// unquote decodes the escapes of quoted, a whole JSON string. The text
// goes into the text arena, which is only ever appended to, like keep's
// copies: an answer's descriptions have thousands of escaped line breaks
// and quotes, and two allocations each (the unquoted bytes, then the
// string) were most of the decoder's allocations.
func (d *scanner) unquote(quoted []byte) (string, error) {
	if len(quoted) > textChunk/4 {
		out, err := jsontext.AppendUnquote(nil, quoted)
		if err != nil {
			return "", errSyntax
		}
		return string(out), nil
	}
	if cap(d.text)-len(d.text) < len(quoted) { // unquoting never lengthens
		d.text = make([]byte, 0, textChunk)
	}
	start := len(d.text)
	out, err := jsontext.AppendUnquote(d.text, quoted)
	if err != nil {
		return "", errSyntax
	}
	d.text = out
	return view(out[start:]), nil
}
