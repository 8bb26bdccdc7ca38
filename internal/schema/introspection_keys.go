package schema

import (
	"encoding/binary"
	"sync"
)

// keySet is the member names the decoder reads in one kind of object
// (a field, a type reference, …), matched in place: a member name of an
// answer is almost always one of a handful, written without escapes, so
// comparing its bytes a word at a time with each candidate's is much
// cheaper than scanning it as a string and then comparing the strings. A
// name that matches none is read as any string is (str, which unescapes
// it) and compared by its text, so that a name spelled with escapes is
// still the name it spells.
type keySet struct {
	n     int // the names
	names [maxKeys]string
	words [maxKeys]keyWords
}

// maxKeys is the most names an object of the introspection answer has.
const maxKeys = 10

// memberKeys is the key sets of the objects the decoder reads, each with
// its names in the order of the introspection query (the order answers
// have them in).
type memberKeys struct {
	errors, root, schema, directive            keySet
	typ, field, inputValue, enumValue, typeRef keySet
	kinds                                      keySet // the values of "kind", most common first
}

// decoderKeys builds the key sets on first use: built while the package
// initialised, their 7 KB cost every command, loading a schema or not,
// a few page faults and a tenth of a millisecond.
var decoderKeys = sync.OnceValue(func() *memberKeys {
	return &memberKeys{
		errors:     newKeySet("message"),
		root:       newKeySet("name"),
		schema:     newKeySet("queryType", "mutationType", "subscriptionType", "types", "directives"),
		directive:  newKeySet("name", "description", "isRepeatable", "locations", "args"),
		typ:        newKeySet("kind", "name", "description", "specifiedByURL", "isOneOf", "fields", "inputFields", "interfaces", "enumValues", "possibleTypes"),
		field:      newKeySet("name", "description", "args", "type", "isDeprecated", "deprecationReason"),
		inputValue: newKeySet("name", "description", "type", "defaultValue", "isDeprecated", "deprecationReason"),
		enumValue:  newKeySet("name", "description", "isDeprecated", "deprecationReason"),
		typeRef:    newKeySet("kind", "name", "ofType"),
		kinds:      newKeySet("NON_NULL", "SCALAR", "OBJECT", "LIST", "ENUM", "INPUT_OBJECT", "INTERFACE", "UNION"),
	}
})

// keyWords is a member name and its closing quote, eight bytes a word
// (little-endian, zero-padded), and the bytes of each word that count.
type keyWords struct {
	word, mask [3]uint64
	n          int // the words that count
	len        int // the name's
}

func newKeySet(names ...string) keySet {
	if len(names) > maxKeys {
		panic("keySet: more than maxKeys names")
	}
	set := keySet{n: len(names)}
	for j, name := range names {
		quoted := name + `"`
		if len(quoted) > 24 {
			panic("keySet: a name longer than three words: " + name)
		}
		k := keyWords{len: len(name)}
		var b [24]byte
		copy(b[:], quoted)
		for i := range k.word {
			k.word[i] = binary.LittleEndian.Uint64(b[8*i:])
			if n := len(quoted) - 8*i; n > 0 {
				k.mask[i] = ^uint64(0) >> (8 * max(0, 8-n))
				k.n++
			}
		}
		set.names[j], set.words[j] = name, k
	}
	return set
}

// index is the index of name in set, or -1.
func (set *keySet) index(name string) int {
	for i, n := range set.names[:set.n] {
		if n == name {
			return i
		}
	}
	return -1
}

// endOfObject is nextMember's index at the end of an object.
const endOfObject = -2

// match matches the string at p (its opening quote) with the names of
// set, trying guess first: it returns the name's index and the position
// after the closing quote, or -1 and p. A match is a string spelled
// without escapes, and so one that str would read as the name.
func (set *keySet) match(data []byte, p int, guess int) (int, int) {
	if q := p + 1; q+24 <= len(data) {
		w0 := word(data, q)
		for range set.n {
			if guess >= set.n {
				guess = 0
			}
			if kw := &set.words[guess]; w0&kw.mask[0] == kw.word[0] &&
				(kw.n < 2 || word(data, q+8)&kw.mask[1] == kw.word[1]) &&
				(kw.n < 3 || word(data, q+16)&kw.mask[2] == kw.word[2]) {
				return guess, q + kw.len + 1
			}
			guess++
		}
	}
	return -1, p
}

// nextMember reads an object's next member up to its value: the ',' before
// it (unless first), its name and the colon after it, and the white space
// around them. It returns the name's index in set, trying guess first
// (the index after the previous member's: members come in one order in
// practice), or -1 for a name that is not in set, which it leaves in
// d.otherName; endOfObject when the object ends instead (its '}'
// consumed). It is more, key and peek in one, with the pretty-printed
// form (a line break and indentation before the name, one space after
// the colon) read without calls; it is called for every member, so it
// returns two results, not four.
func (d *scanner) nextMember(set *keySet, guess int, first bool) (i int, err error) {
	data, p := d.data, d.pos
	c := byte(0)
	if p < len(data) {
		c = data[p]
	}
	if c <= ' ' {
		c = d.peek()
		p = d.pos
	}
	switch {
	case c == '}':
		d.pos = p + 1
		d.depth--
		return endOfObject, nil
	case first:
	case c != ',':
		return -1, errSyntax
	default:
		p++
		if p < len(data) && data[p] == '\n' {
			p = skipSpaceRun(data, p+1)
		}
		c = 0
		if p < len(data) {
			c = data[p]
		}
		if c <= ' ' {
			d.pos = p
			c = d.peek()
			p = d.pos
		}
	}
	if c != '"' {
		return -1, errSyntax
	}
	// set.match, by hand: as a call it costs more than it saves.
	i = -1
	if p += 1; p+24 <= len(data) {
		w0 := word(data, p)
		for range set.n {
			if guess >= set.n {
				guess = 0
			}
			if kw := &set.words[guess]; w0&kw.mask[0] == kw.word[0] &&
				(kw.n < 2 || word(data, p+8)&kw.mask[1] == kw.word[1]) &&
				(kw.n < 3 || word(data, p+16)&kw.mask[2] == kw.word[2]) {
				i = guess
				p += kw.len + 1
				break
			}
			guess++
		}
	}
	if i < 0 {
		d.pos = p - 1
		k, err := d.str()
		if err != nil {
			return -1, err
		}
		i, p = set.index(k), d.pos
		d.otherName = k
	}
	// The colon, and a single space after it (peek skips any other).
	if p >= len(data) || data[p] != ':' {
		d.pos = p
		if d.peek() != ':' {
			return -1, errSyntax
		}
		p = d.pos
	}
	if p++; p < len(data) && data[p] == ' ' {
		p++
	}
	d.pos = p
	return i, nil
}
