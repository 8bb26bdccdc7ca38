package collection

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The collection files are written by hand, member by member, rather than
// by reflection: they are a few fixed structs (postman.go, insomnia.go),
// and writing them was two thirds of the time a watch run spent on
// collections. The candidates side by side, writing both files of
// Railway's newest schema (1.3 MB) from the same structs
// (BenchmarkEncodeCandidates; CPU time on a shared machine, ±25%):
//
//	encoding/json Encoder              18 ms  8.4 MiB    85 allocs
//	go-json-experiment v1 Encoder      12 ms  4.1 MiB  1.7k allocs
//	go-json-experiment Marshal        5.2 ms  1.5 MiB  1.6k allocs
//	jsonWriter                        5.3 ms  1.7 MiB     9 allocs
//
// go-json-experiment is as fast, but it cannot write the bytes the files
// have always had: both its APIs write invalid UTF-8 as a raw U+FFFD
// where encoding/json writes the escape \ufffd, and invalid UTF-8 does
// reach the files (an endpoint's path or a header's value is not checked
// for it). jsonWriter also writes the JSON texts inside the files (example
// variables, Insomnia's bodies) into one scratch buffer without
// reflection, where a library would marshal twice per request.
//
// jsonWriter writes exactly what encoding/json's Encoder writes with
// SetEscapeHTML(false) and SetIndent("", indent): <, > and & as they are
// (they are common in descriptions and placeholders), U+2028 and U+2029
// escaped, invalid UTF-8 as \ufffd, map keys sorted, a nil slice or map as
// null. The structs keep their json tags as the statement of the layout,
// and TestJSONWriterIsEncodingJSON and FuzzJSONWriterIsEncodingJSON hold
// the two writers to the same bytes.

// jsonWriter appends JSON to buf, indented by indent ("": compact).
// Members and elements are written by calling key or elem, then the
// value.
type jsonWriter struct {
	buf    []byte
	indent string
	depth  int
	// empty is whether the object or array just opened has nothing in it
	// yet: the next member needs no comma, and its end no new line.
	empty bool
}

// open starts an object ('{') or an array ('[').
func (w *jsonWriter) open(c byte) {
	w.buf = append(w.buf, c)
	w.depth++
	w.empty = true
}

// close ends an object ('}') or an array (']').
func (w *jsonWriter) close(c byte) {
	w.depth--
	if !w.empty {
		w.newline()
	}
	w.buf = append(w.buf, c)
	w.empty = false
}

// elem starts an element of an array.
func (w *jsonWriter) elem() {
	if !w.empty {
		w.buf = append(w.buf, ',')
	}
	w.empty = false
	w.newline()
}

// key starts a member of an object. The keys of the files need no
// escaping; those of maps may.
func (w *jsonWriter) key(k string) {
	w.elem()
	if jsonSafe(k) {
		w.buf = append(append(append(w.buf, '"'), k...), '"')
	} else {
		w.str(k)
	}
	w.buf = append(w.buf, ':')
	if w.indent != "" {
		w.buf = append(w.buf, ' ')
	}
}

// jsonSafe reports whether s is its own JSON string body.
func jsonSafe(s string) bool {
	for i := 0; i < len(s); i++ {
		if !safeByte[s[i]] {
			return false
		}
	}
	return true
}

func (w *jsonWriter) newline() {
	switch {
	case w.indent == "":
	case w.indent == "  " && 1+2*w.depth <= len(newlineIndented):
		w.buf = append(w.buf, newlineIndented[:1+2*w.depth]...)
	default:
		w.buf = append(w.buf, '\n')
		for range w.depth {
			w.buf = append(w.buf, w.indent...)
		}
	}
}

// newlineIndented starts a line indented by two spaces a level, as deep
// as the files go, in one append.
const newlineIndented = "\n                                "

// str writes a string, first making room for it and some more: growing
// by doubling copies each byte of a file about once, where append's
// growth by a quarter past 256 bytes copies it about five times.
func (w *jsonWriter) str(s string) {
	if n := len(s) + 256; cap(w.buf)-len(w.buf) < n {
		w.buf = append(make([]byte, 0, max(2*cap(w.buf), len(w.buf)+n)), w.buf...)
	}
	w.buf = appendJSONString(w.buf, s)
}

func (w *jsonWriter) int(n int) { w.buf = strconv.AppendInt(w.buf, int64(n), 10) }

func (w *jsonWriter) bool(b bool) { w.buf = strconv.AppendBool(w.buf, b) }

func (w *jsonWriter) null() { w.buf = append(w.buf, "null"...) }

// strOrNull writes a nullable string.
func (w *jsonWriter) strOrNull(s *string) {
	if s == nil {
		w.null()
		return
	}
	w.str(*s)
}

// strings writes a list of strings.
func (w *jsonWriter) strings(list []string) {
	if list == nil {
		w.null()
		return
	}
	w.open('[')
	for _, s := range list {
		w.elem()
		w.str(s)
	}
	w.close(']')
}

// stringMap writes a map of strings, its keys sorted.
func (w *jsonWriter) stringMap(m map[string]string) {
	if m == nil {
		w.null()
		return
	}
	w.open('{')
	for _, k := range sortedKeys(m) {
		w.key(k)
		w.str(m[k])
	}
	w.close('}')
}

// emptyList writes a list of empty objects ([]struct{}): always empty in
// the files.
func (w *jsonWriter) emptyList(list []struct{}) {
	if list == nil {
		w.null()
		return
	}
	w.open('[')
	for range list {
		w.elem()
		w.buf = append(w.buf, "{}"...)
	}
	w.close(']')
}

// value writes an example value (examples.go): a string, an int, a bool,
// nil, a []any or a map[string]any of those.
func (w *jsonWriter) value(v any) {
	switch v := v.(type) {
	case nil:
		w.null()
	case string:
		w.str(v)
	case int:
		w.int(v)
	case bool:
		w.bool(v)
	case []any:
		if v == nil {
			w.null()
			return
		}
		w.open('[')
		for _, x := range v {
			w.elem()
			w.value(x)
		}
		w.close(']')
	case map[string]any:
		w.object(v)
	default:
		panic(fmt.Sprintf("collection: no JSON for an example value of type %T", v))
	}
}

// object writes an object of example values, its keys sorted.
func (w *jsonWriter) object(m map[string]any) {
	if m == nil {
		w.null()
		return
	}
	w.open('{')
	for _, k := range sortedKeys(m) {
		w.key(k)
		w.value(m[k])
	}
	w.close('}')
}

// sortedKeys returns the keys of m in the order encoding/json writes
// them: sorted by their bytes.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// reset empties w for JSON text indented by indent: example variables
// and Insomnia's request bodies, which the files hold as strings, are
// written in turn into one buffer.
func (w *jsonWriter) reset(indent string) {
	*w = jsonWriter{buf: w.buf[:0], indent: indent}
}

// texts keeps the JSON texts the files hold as strings (example
// variables, Insomnia's bodies), written in turn in a scratch writer, in
// a few large strings rather than one string each: a string's bytes
// never change, so a text taken from a strings.Builder stays valid as it
// grows, and each chunk is one allocation for hundreds of requests.
type texts struct{ chunk strings.Builder }

// textsChunk is the least a chunk of texts holds: a few dozen requests'.
const textsChunk = 64 << 10

// keep returns p as a string held in t.
func (t *texts) keep(p []byte) string {
	if t.chunk.Cap()-t.chunk.Len() < len(p) {
		t.chunk = strings.Builder{}
		t.chunk.Grow(max(len(p), textsChunk))
	}
	start := t.chunk.Len()
	t.chunk.Write(p)
	return t.chunk.String()[start:]
}

// safeByte tells the bytes a JSON string holds as they are: ASCII but
// control characters, '"' and '\\'.
var safeByte = func() (safe [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		safe[c] = c != '"' && c != '\\'
	}
	return safe
}()

// hexDigits are the digits of \u escapes, lower case as encoding/json's.
const hexDigits = "0123456789abcdef"

// appendJSONString appends s as a JSON string the way encoding/json does
// without HTML escaping: '"' and '\\' escaped, control characters as
// \b, \f, \n, \r, \t or \u00XX, U+2028 and U+2029 as \u2028 and \u2029
// (JavaScript reads them as line ends), each byte of invalid UTF-8 as
// \ufffd; everything else as it is, runs of it copied at once.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		// Eight bytes at once, as one word, with the bit tricks of "Bit
		// Twiddling Hacks": is one of them below 0x20, '"' or '\\', or has
		// its top bit set? A yes may be wrong, but never a no; after a yes
		// the bytes are looked at one by one.
		if i+8 <= len(s) {
			const ones, tops = 0x0101010101010101, 0x8080808080808080
			_ = s[i+7]
			x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
				uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
			quote, backslash := x^(ones*'"'), x^(ones*'\\')
			if ((x-ones*0x20)|(quote-ones)&^quote|(backslash-ones)&^backslash|x)&tops == 0 {
				i += 8
				continue
			}
		}
		c := s[i]
		if safeByte[c] {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
