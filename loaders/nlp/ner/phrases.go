package ner

import (
	"encoding/binary"
	"fmt"
	"math/bits"
)

// phraseTable maps the 64-bit hash of a gazetteer key (phraseHash) to its
// categories: an open-addressing table with linear probing in two flat
// slices, at a load factor of at most 3/4. A hash's home slot is its top
// bits. The model file stores the slots themselves (encode), so Load copies
// two byte strings instead of inserting 170,000 names into a map.
type phraseTable struct {
	keys  []uint64 // 0 marks an empty slot; hash 0 is stored as 1
	cats  []uint16
	n     int
	shift uint // 64 − log2(len(keys))
}

func slotKey(h uint64) uint64 {
	if h == 0 {
		return 1
	}
	return h
}

// get returns the categories of hash h.
func (t *phraseTable) get(h uint64) (uint16, bool) {
	if len(t.keys) == 0 {
		return 0, false
	}
	h = slotKey(h)
	mask := uint64(len(t.keys) - 1)
	for i := h >> t.shift; ; i = (i + 1) & mask {
		switch t.keys[i] {
		case h:
			return t.cats[i], true
		case 0:
			return 0, false
		}
	}
}

// or adds cat to the categories of hash h.
func (t *phraseTable) or(h uint64, cat uint16) {
	if 4*(t.n+1) > 3*len(t.keys) {
		t.resize(max(1024, 2*len(t.keys)))
	}
	h = slotKey(h)
	mask := uint64(len(t.keys) - 1)
	for i := h >> t.shift; ; i = (i + 1) & mask {
		switch t.keys[i] {
		case h:
			t.cats[i] |= cat
			return
		case 0:
			t.keys[i], t.cats[i] = h, cat
			t.n++
			return
		}
	}
}

// resize moves the entries into a table of size slots (a power of two).
func (t *phraseTable) resize(size int) {
	old := *t
	*t = phraseTable{keys: make([]uint64, size), cats: make([]uint16, size), shift: uint(64 - bits.Len(uint(size-1)))}
	for i, k := range old.keys {
		if k != 0 {
			t.or(k, old.cats[i])
		}
	}
}

// encode returns the slots as little-endian bytes: the keys, then the
// categories.
func (t *phraseTable) encode() (keys, cats []byte) {
	keys = make([]byte, 8*len(t.keys))
	cats = make([]byte, 2*len(t.cats))
	for i, k := range t.keys {
		binary.LittleEndian.PutUint64(keys[8*i:], k)
		binary.LittleEndian.PutUint16(cats[2*i:], t.cats[i])
	}
	return keys, cats
}

// decodeTable is encode's inverse; it checks the shape, not every probe
// sequence.
func decodeTable(keys, cats []byte) (phraseTable, error) {
	size := len(keys) / 8
	if len(keys) != 8*size || len(cats) != 2*size || (size != 0 && (size < 1024 || size&(size-1) != 0)) {
		return phraseTable{}, fmt.Errorf("phrase table of %d key bytes and %d category bytes", len(keys), len(cats))
	}
	if size == 0 {
		return phraseTable{}, nil
	}
	t := phraseTable{keys: make([]uint64, size), cats: make([]uint16, size), shift: uint(64 - bits.Len(uint(size-1)))}
	for i := range t.keys {
		if t.keys[i] = binary.LittleEndian.Uint64(keys[8*i:]); t.keys[i] != 0 {
			t.n++
		}
		t.cats[i] = binary.LittleEndian.Uint16(cats[2*i:])
	}
	if 4*t.n > 3*size {
		return phraseTable{}, fmt.Errorf("phrase table of %d slots holds %d entries", size, t.n)
	}
	return t, nil
}
