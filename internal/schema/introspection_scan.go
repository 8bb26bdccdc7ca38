package schema

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// scanner reads JSON straight from the bytes of an introspection answer,
// for decodeIntrospection. It accepts exactly the JSON that jsontext
// accepts with its defaults (RFC 8259, valid UTF-8, valid surrogate pairs,
// no duplicate member names at any level) and nothing deeper than
// maxJSONDepth. It only detects a syntax error; errSyntax makes the caller
// ask jsontext for its words and position (syntaxError), so that the
// message stays what it was when jsontext decoded every answer.
type scanner struct {
	data  []byte
	pos   int
	depth int
	names internTable // the names, kinds and locations read so far, each kept once
	keys  *memberKeys
	// otherName is the name of the member nextMember read last, when
	// it is not one the caller reads.
	otherName string
	literals  map[string]canonicalDefault // default values and their canonical literals
	text      []byte                      // the current chunk of keep

	// The model's many small objects come from slabs, and its lists are
	// gathered on stacks and copied out at their exact length: a large
	// schema has a hundred thousand of them, and one allocation each was
	// a fifth of loading it.
	typeRefs     slab[TypeRef]
	fields_      slab[Field]
	inputValues_ slab[InputValue]
	enumValues_  slab[EnumValue]
	strings      slab[string]
	fieldStack   []*Field
	inputStack   []*InputValue
	enumStack    []*EnumValue
	nameStack    []string
}

// slab hands out pointers into chunks of objects allocated together: the
// objects of one model live and die together.
type slab[T any] struct{ chunk []T }

func (s *slab[T]) new() *T {
	if len(s.chunk) == 0 {
		s.chunk = make([]T, 256)
	}
	p := &s.chunk[0]
	s.chunk = s.chunk[1:]
	return p
}

// take returns a copy of (*stack)[mark:], or nil when it is empty (the
// model has no empty lists), and pops it.
func take[T any](stack *[]T, mark int) []T {
	var out []T
	if len(*stack) > mark {
		out = make([]T, len(*stack)-mark)
		copy(out, (*stack)[mark:])
	}
	clear((*stack)[mark:])
	*stack = (*stack)[:mark]
	return out
}

// errSyntax marks input that is not valid JSON; syntaxError describes it.
var errSyntax = errors.New("invalid JSON")

// tooDeepError is JSON nesting deeper than maxJSONDepth at offset.
type tooDeepError struct{ offset int }

func (e *tooDeepError) Error() string { return "too deep" }

// semanticError is a JSON value of the wrong kind for its key: what
// go-json-experiment reported as a SemanticError.
type semanticError struct {
	offset int    // where the value starts
	got    byte   // its jsontext kind
	want   string // "an object", "a string", …
	method bool   // an optional property: "want X, got Y" rather than "holds Y, want X"
}

func (e *semanticError) Error() string { return "semantic" }

// skipSpace skips white space.
func (d *scanner) skipSpace() { d.peek() }

const eightSpaces = 0x2020202020202020

// skipSpaceRun returns the position of the first byte from p on that is
// not a space, eight bytes at a time (the indentation of a pretty-printed
// answer), or the position within the last eight bytes where it stopped
// looking.
func skipSpaceRun(data []byte, p int) int {
	for p+8 <= len(data) {
		if x := word(data, p) ^ eightSpaces; x != 0 {
			return p + bits.TrailingZeros64(x)>>3
		}
		p += 8
	}
	return p
}

// whiteSpace has bit c set for the white space bytes c of JSON.
const whiteSpace = 1<<' ' | 1<<'\n' | 1<<'\r' | 1<<'\t'

// peek skips white space and returns the first byte of the next value, or
// 0 at the end of the input. The indentation of a pretty-printed answer,
// runs of spaces after a line break, is most of its bytes: those go eight
// at a time.
func (d *scanner) peek() byte {
	data, i := d.data, d.pos
	for i < len(data) {
		c := data[i]
		if c > ' ' || whiteSpace&(1<<c) == 0 {
			d.pos = i
			return c
		}
		i = skipSpaceRun(data, i+1)
	}
	d.pos = i
	return 0
}

// at is the byte at pos, or 0 at the end. The readers of the values that
// follow a member name call peek only when at is white space (or the
// end): peek is too large to inline, and nextMember has consumed the
// space after the colon.
func (d *scanner) at() byte {
	if d.pos < len(d.data) {
		return d.data[d.pos]
	}
	return 0
}

// kindAt is the jsontext kind of the value starting with c.
func kindAt(c byte) byte {
	switch {
	case c == '-' || (c >= '0' && c <= '9'):
		return '0'
	case c == 'f':
		return 't'
	}
	return c
}

// enter consumes the '{' or '[' at pos.
func (d *scanner) enter() error {
	d.depth++
	if d.depth > maxJSONDepth {
		return &tooDeepError{offset: d.pos}
	}
	d.pos++
	return nil
}

// more reports whether another member or element follows in the open
// container that end closes, consuming the ',' before it or the end.
func (d *scanner) more(end byte, first bool) (bool, error) {
	c := d.peek()
	if c == end {
		d.pos++
		d.depth--
		return false, nil
	}
	if first {
		return true, nil
	}
	if c != ',' {
		return false, errSyntax
	}
	d.pos++
	return true, nil
}

// key reads a member name and the colon after it.
func (d *scanner) key() (string, error) {
	if d.peek() != '"' {
		return "", errSyntax
	}
	k, err := d.str()
	if err != nil {
		return "", err
	}
	if d.peek() != ':' {
		return "", errSyntax
	}
	d.pos++
	return k, nil
}

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

// number consumes the longest prefix at pos that is a JSON number, or
// fails when the number is cut short ("-", "1.", "1e").
func (d *scanner) number() error {
	data, i := d.data, d.pos
	digits := func() int {
		n := 0
		for i < len(data) && data[i] >= '0' && data[i] <= '9' {
			i++
			n++
		}
		return n
	}
	if i < len(data) && data[i] == '-' {
		i++
	}
	switch {
	case i < len(data) && data[i] == '0':
		i++
	case digits() == 0:
		return errSyntax
	}
	if i < len(data) && data[i] == '.' {
		i++
		if digits() == 0 {
			return errSyntax
		}
	}
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		if digits() == 0 {
			return errSyntax
		}
	}
	d.pos = i
	return nil
}

// literal consumes true, false or null.
func (d *scanner) literal(word string) error {
	// Compared as a word, not by bytes.HasPrefix: a large answer has tens
	// of thousands of nulls, and a memequal call each was a tenth of
	// reading them.
	rest := d.data[d.pos:]
	if len(rest) < len(word) || len(word) < 4 || binary.LittleEndian.Uint32(rest) != literalHead(word) || (len(word) == 5 && rest[4] != word[4]) {
		return errSyntax
	}
	d.pos += len(word)
	return nil
}

// literalHead is the first four bytes of word (true, false or null) as a
// little-endian word.
func literalHead(word string) uint32 {
	return uint32(word[0]) | uint32(word[1])<<8 | uint32(word[2])<<16 | uint32(word[3])<<24
}

// scalar consumes the string, number or literal at pos, whose first byte
// is c; false when c starts no scalar.
func (d *scanner) scalar(c byte) (bool, error) {
	switch c {
	case '"':
		_, err := d.str()
		return true, err
	case 't':
		return true, d.literal("true")
	case 'f':
		return true, d.literal("false")
	case 'n':
		return true, d.literal("null")
	}
	if c == '-' || (c >= '0' && c <= '9') {
		return true, d.number()
	}
	return false, nil
}

// skip consumes the value at pos, checking its syntax and its member names.
func (d *scanner) skip() error {
	c := d.peek()
	switch c {
	case '{':
		if err := d.enter(); err != nil {
			return err
		}
		var names memberNames
		for first := true; ; first = false {
			more, err := d.more('}', first)
			if err != nil || !more {
				return err
			}
			if err := d.otherMember(&names); err != nil {
				return err
			}
		}
	case '[':
		if err := d.enter(); err != nil {
			return err
		}
		for first := true; ; first = false {
			more, err := d.more(']', first)
			if err != nil || !more {
				return err
			}
			if err := d.skip(); err != nil {
				return err
			}
		}
	}
	ok, err := d.scalar(c)
	if !ok {
		return errSyntax
	}
	return err
}

// otherMember reads a member whose name the caller does not know and skips
// its value, checking that the name is new in its object.
func (d *scanner) otherMember(names *memberNames) error {
	k, err := d.key()
	if err != nil {
		return err
	}
	if !names.add(k) {
		return errSyntax
	}
	return d.skip()
}

// memberNames is the set of names read in one object that no struct field
// matches; most objects have none or a few.
type memberNames struct {
	list []string
	set  map[string]struct{}
}

// add reports whether name is new.
func (m *memberNames) add(name string) bool {
	if m.set != nil {
		if _, dup := m.set[name]; dup {
			return false
		}
		m.set[name] = struct{}{}
		return true
	}
	for _, n := range m.list {
		if n == name {
			return false
		}
	}
	m.list = append(m.list, name)
	if len(m.list) > 16 { // hostile objects have thousands of names
		m.set = make(map[string]struct{}, 2*len(m.list))
		for _, n := range m.list {
			m.set[n] = struct{}{}
		}
	}
	return true
}

// seen records a known member name by its bit; false when it came before.
func seen(mask *uint32, bit uint32) bool {
	if *mask&bit != 0 {
		return false
	}
	*mask |= bit
	return true
}

// mismatch is a value of the wrong kind for a struct field, read as the
// decoder read it: for a string, the whole value first (a syntax error in
// it comes first); for an object or an array, only its first token.
func (d *scanner) mismatch(want string) error {
	c := d.peek()
	start := d.pos
	if want == "a string" {
		if err := d.skip(); err != nil {
			return err
		}
		return &semanticError{offset: start, got: kindAt(c), want: want}
	}
	return d.tokenMismatch(c, want, false)
}

// methodMismatch is a value of the wrong kind for an optional property,
// whose UnmarshalJSONFrom (optString, optBool) read one token.
func (d *scanner) methodMismatch(c byte, want string) error {
	return d.tokenMismatch(c, want, true)
}

// tokenMismatch reads the first token of a value of the wrong kind (a
// string, number or literal whole) and reports it.
func (d *scanner) tokenMismatch(c byte, want string, method bool) error {
	start := d.pos
	if c != '{' && c != '[' {
		ok, err := d.scalar(c)
		if !ok || err != nil {
			return errSyntax
		}
	}
	return &semanticError{offset: start, got: kindAt(c), want: want, method: method}
}

// syntaxError describes the first syntax error of data in jsontext's
// words and at its position, as json.Unmarshal into the wire structs did
// when they were the loader: jsontext reads the answer token by token up
// to the error the scanner found. Into an any, a number too large for a
// float64 stops it before that error, with a semantic one; then the answer
// is read again as a raw value, which checks the syntax alone (in other
// words than the token reader's, so only then).
func syntaxError(data []byte) error {
	var v any
	err := json.Unmarshal(data, &v)
	var syn *jsontext.SyntacticError
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.As(err, &syn) {
		var raw jsontext.Value
		err = json.Unmarshal(data, &raw)
	}
	if err != nil {
		return jsonError(data, err)
	}
	return errors.New("invalid JSON") // the scanner and jsontext disagree: a bug
}

// semanticMessage words a semanticError as jsonError worded the decoder's
// SemanticError: jsontext walks to the value to name its JSON pointer.
func semanticMessage(data []byte, e *semanticError) error {
	dec := jsontext.NewDecoder(bytes.NewReader(data))
	for {
		off := int(dec.InputOffset())
		for off < len(data) && (data[off] == ' ' || data[off] == '\n' || data[off] == '\r' || data[off] == '\t' || data[off] == ',' || data[off] == ':') {
			off++
		}
		if off >= e.offset {
			break
		}
		if _, err := dec.ReadToken(); err != nil {
			break
		}
	}
	_, _ = dec.ReadToken() // the value itself, so that the pointer names it
	where := "the document"
	if p := string(dec.StackPointer()); p != "" {
		where = strings.ReplaceAll(strings.TrimPrefix(p, "/"), "/", ".")
	}
	line, col := lineCol(data, int64(e.offset))
	if e.method {
		return fmt.Errorf("%d:%d: not an introspection result: %s: want %s, got %s", line, col, where, e.want, kindName(jsontext.Kind(e.got)))
	}
	return fmt.Errorf("%d:%d: not an introspection result: %s holds %s, want %s", line, col, where, kindName(jsontext.Kind(e.got)), e.want)
}
