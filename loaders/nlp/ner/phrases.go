package ner

import (
	"encoding/binary"
	"fmt"
	"math/bits"
)

// phraseTable maps the 64-bit hash of a gazetteer key (phraseHash) to its
// categories: an open-addressing table with linear probing, at a load factor
// of at most 3/4, whose slots are little-endian bytes (8 for the hash, 2 for
// the categories). A hash's home slot is its top bits. The model file stores
// the two byte strings as they are, so Load neither inserts 170,000 names
// nor copies the table (fresh memory is what loading costs most here).
type phraseTable struct {
	keys  []byte // 0 marks an empty slot; hash 0 is stored as 1
	cats  []byte
	n     int
	shift uint // 64 − log2(slots)
}

var le = binary.LittleEndian

func slotKey(h uint64) uint64 {
	if h == 0 {
		return 1
	}
	return h
}

func (t *phraseTable) slots() int { return len(t.keys) / 8 }

// get returns the categories of hash h.
func (t *phraseTable) get(h uint64) (uint16, bool) {
	if len(t.keys) == 0 {
		return 0, false
	}
	h = slotKey(h)
	mask := uint64(t.slots() - 1)
	for i := h >> t.shift; ; i = (i + 1) & mask {
		switch le.Uint64(t.keys[8*i:]) {
		case h:
			return le.Uint16(t.cats[2*i:]), true
		case 0:
			return 0, false
		}
	}
}

// or adds cat to the categories of hash h.
func (t *phraseTable) or(h uint64, cat uint16) {
	if 4*(t.n+1) > 3*t.slots() {
		t.resize(max(1024, 2*t.slots()))
	}
	h = slotKey(h)
	mask := uint64(t.slots() - 1)
	for i := h >> t.shift; ; i = (i + 1) & mask {
		switch le.Uint64(t.keys[8*i:]) {
		case h:
			le.PutUint16(t.cats[2*i:], le.Uint16(t.cats[2*i:])|cat)
			return
		case 0:
			le.PutUint64(t.keys[8*i:], h)
			le.PutUint16(t.cats[2*i:], cat)
			t.n++
			return
		}
	}
}

// resize moves the entries into a table of size slots (a power of two).
func (t *phraseTable) resize(size int) {
	old := *t
	*t = phraseTable{keys: make([]byte, 8*size), cats: make([]byte, 2*size), shift: uint(64 - bits.Len(uint(size-1)))}
	for i := range old.slots() {
		if k := le.Uint64(old.keys[8*i:]); k != 0 {
			t.or(k, le.Uint16(old.cats[2*i:]))
		}
	}
}

// decodeTable takes over the byte strings of a stored table (keys, cats as
// the table holds them), checking their shape and load.
func decodeTable(keys, cats []byte) (phraseTable, error) {
	size := len(keys) / 8
	if len(keys) != 8*size || len(cats) != 2*size || (size != 0 && (size < 1024 || size&(size-1) != 0)) {
		return phraseTable{}, fmt.Errorf("phrase table of %d key bytes and %d category bytes", len(keys), len(cats))
	}
	if size == 0 {
		return phraseTable{}, nil
	}
	t := phraseTable{keys: keys, cats: cats, shift: uint(64 - bits.Len(uint(size-1)))}
	for i := range size {
		if le.Uint64(keys[8*i:]) != 0 {
			t.n++
		}
	}
	if 4*t.n > 3*size {
		return phraseTable{}, fmt.Errorf("phrase table of %d slots holds %d entries", size, t.n)
	}
	return t, nil
}
