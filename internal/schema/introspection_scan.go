package schema

import (
	"encoding/binary"
	"math/bits"
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
