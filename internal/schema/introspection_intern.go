package schema

import (
	"encoding/binary"
	"math/bits"
	"unsafe"
)

// internTable keeps one copy of each name the decoder reads (type, field
// and argument names, kinds, locations, raw default values): a large
// schema names each type in many references. Railway's answer reads
// 15,000 names of which 2,200 differ; a Go map[string]string did it in a
// seventh of decoding, most of it the map's own machinery (its groups,
// control words and growth) rather than hashing.
//
// It is an open-addressing table of indexes into the kept names, sized
// once from the input (no growth, no rehash), probed a few slots at most;
// a name that finds no room there goes into an ordinary map. Since the
// table never loses an entry, a name not found in its slots while one of
// them is still empty was never seen: each distinct name is in exactly
// one place, the table or the map. Text built to collide (the hash has
// no seed) costs what the map costs, never more than a few probes on top.
type internTable struct {
	slots    []uint32 // 0 empty, else 1 + the index of the name in kept
	kept     keptNames
	overflow map[string]string
}

// keptNames is the names of an internTable in chunks of 256: adding one
// never copies the others, as a slice's regrowth did (most of what the
// table allocated).
type keptNames struct {
	chunks [][]string
	n      int
}

func (k *keptNames) at(i uint32) string { return k.chunks[i>>8][i&255] }

// add appends s and returns its index.
func (k *keptNames) add(s string) uint32 {
	if k.n&255 == 0 {
		k.chunks = append(k.chunks, make([]string, 256))
	}
	i := k.n
	k.chunks[i>>8][i&255] = s
	k.n++
	return uint32(i)
}

// maxInternProbes bounds a lookup's probes before the overflow map.
const maxInternProbes = 8

// newInternTable sizes the table for an answer of n bytes: a slot per 256
// bytes (Railway's 1.86 MB: 8,192 slots for 2,200 names), so that it stays
// mostly empty and lookups rarely probe twice.
func newInternTable(n int) internTable {
	size := 512
	for size < n/256 && size < 1<<17 {
		size <<= 1
	}
	return internTable{slots: make([]uint32, size)}
}

// lookup returns the kept copy of s, or "", false with the slot to give
// it (-1 for the overflow map).
func (t *internTable) lookup(s string) (kept string, slot int, found bool) {
	mask := len(t.slots) - 1
	i := int(nameHash(s)) & mask
	for range maxInternProbes {
		e := t.slots[i]
		if e == 0 {
			return "", i, false
		}
		if k := t.kept.at(e - 1); k == s {
			return k, 0, true
		}
		i = (i + 1) & mask
	}
	kept, found = t.overflow[s]
	return kept, -1, found
}

// add records kept (a copy of a name lookup did not find) in slot.
func (t *internTable) add(kept string, slot int) {
	if slot < 0 {
		if t.overflow == nil {
			t.overflow = make(map[string]string)
		}
		t.overflow[kept] = kept
		return
	}
	t.slots[slot] = t.kept.add(kept) + 1
}

// nameHash hashes s eight bytes at a time (wyhash's loads for the short
// tail). It has no seed: see internTable for why that is enough.
func nameHash(s string) uint32 {
	const m1, m2 = 0xa0761d6478bd642f, 0xe7037ed1a0b428db
	n := len(s)
	h := uint64(n) * m1
	p := unsafe.Pointer(unsafe.StringData(s))
	for n > 8 {
		h = mix(h^load64(p), m2)
		p = unsafe.Add(p, 8)
		n -= 8
	}
	var w uint64
	switch {
	case n == 8:
		w = load64(p)
	case n >= 4:
		w = uint64(load32(p))<<32 | uint64(load32(unsafe.Add(p, n-4)))
	case n > 0:
		w = uint64(*(*byte)(p))<<16 | uint64(*(*byte)(unsafe.Add(p, n>>1)))<<8 | uint64(*(*byte)(unsafe.Add(p, n-1)))
	}
	h = mix(h^w, m1)
	return uint32(h ^ h>>32)
}

// mix folds the 128-bit product of a and b.
func mix(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	return hi ^ lo
}

func load64(p unsafe.Pointer) uint64 {
	return binary.LittleEndian.Uint64((*[8]byte)(p)[:])
}

func load32(p unsafe.Pointer) uint32 {
	return binary.LittleEndian.Uint32((*[4]byte)(p)[:])
}
