package schema

import (
	"encoding/binary"
)

// keySet is the member names the decoder reads in one kind of object
// (a field, a type reference, …), matched in place: a member name of an
// answer is almost always one of a handful, written without escapes, so
// comparing its first eight bytes (and the rest, for a long name) with
// each candidate is much cheaper than scanning it as a string and then
// comparing the strings. A name that matches none is read as any string
// is (str, which unescapes it) and compared by its text, so that a name
// spelled with escapes is still the name it spells.
type keySet struct {
	names []string
	heads []uint64 // the first eight bytes of name+`"`, little-endian
	masks []uint64 // the bytes of heads that count (all eight for a long name)
}

func newKeySet(names ...string) *keySet {
	if len(names) > 32 {
		panic("keySet: more names than member bits")
	}
	set := &keySet{names: names}
	for _, n := range names {
		var head [8]byte
		copy(head[:], n+`"`)
		set.heads = append(set.heads, binary.LittleEndian.Uint64(head[:]))
		set.masks = append(set.masks, ^uint64(0)>>(8*max(0, 7-len(n))))
	}
	return set
}

// index is the index of name in set, or -1.
func (set *keySet) index(name string) int {
	for i, n := range set.names {
		if n == name {
			return i
		}
	}
	return -1
}

// memberKey reads a member name and the colon after it, at pos. It
// returns the name's index in set, trying guess first (the index after
// the previous member's: members come in one order in practice), or -1
// and the name for a name that is not in set. It leaves pos past a single
// space after the colon, the pretty-printed form, as peek would.
func (d *scanner) memberKey(set *keySet, guess int) (int, string, error) {
	if d.peek() != '"' {
		return -1, "", errSyntax
	}
	data, p := d.data, d.pos+1
	if p+8 <= len(data) {
		w := binary.LittleEndian.Uint64(data[p:])
		for range set.names {
			if guess >= len(set.names) {
				guess = 0
			}
			if w&set.masks[guess] == set.heads[guess] {
				n := set.names[guess]
				// A short name's closing quote is in heads; a long one's
				// rest and quote are compared here.
				if end := p + len(n); len(n) < 8 || (end < len(data) && data[end] == '"' && string(data[p+8:end]) == n[8:]) {
					d.pos = end + 1
					return guess, "", d.colon()
				}
			}
			guess++
		}
	}
	k, err := d.str()
	if err != nil {
		return -1, "", err
	}
	return set.index(k), k, d.colon()
}

// colon consumes the colon after a member name, and one space after it.
func (d *scanner) colon() error {
	data, i := d.data, d.pos
	if i >= len(data) || data[i] != ':' {
		if d.peek() != ':' {
			return errSyntax
		}
		i = d.pos
	}
	i++
	if i+1 < len(data) && data[i] == ' ' && data[i+1] > ' ' {
		i++
	}
	d.pos = i
	return nil
}
