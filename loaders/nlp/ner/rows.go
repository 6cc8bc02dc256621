package ner

import (
	"errors"
	"math/bits"
)

// rowTable finds a tagger's weight row by feature key: an open-addressing
// table of row numbers (row+1; 0 is empty) at a load factor of at most 1/2,
// home slot from the key's Fibonacci hash, the key itself checked in the
// tagger's sorted key list. Four bytes a slot keep the table smaller than
// the Go map it replaces (what loading costs here is fresh memory), and
// lookups are faster (the map cost ~9 % of the pipeline's time).
type rowTable struct {
	slots []uint32
	keys  []uint64 // keys[r] is row r's key
	shift uint     // 64 − log2(len(slots))
}

// newRowTable indexes keys: keys[i]'s row is i. Keys must be distinct.
func newRowTable(keys []uint64) (rowTable, error) {
	size := 16
	for size < 2*len(keys) {
		size *= 2
	}
	t := rowTable{slots: make([]uint32, size), keys: keys, shift: uint(64 - bits.Len(uint(size-1)))}
	mask := uint64(size - 1)
	for r, k := range keys {
		i := (k * 0x9e3779b97f4a7c15) >> t.shift
		for t.slots[i] != 0 {
			if keys[t.slots[i]-1] == k {
				return rowTable{}, errors.New("repeated feature key")
			}
			i = (i + 1) & mask
		}
		t.slots[i] = uint32(r + 1)
	}
	return t, nil
}

// row returns the row of key k, or −1.
func (t *rowTable) row(k uint64) int {
	if len(t.slots) == 0 {
		return -1
	}
	mask := uint64(len(t.slots) - 1)
	for i := (k * 0x9e3779b97f4a7c15) >> t.shift; ; i = (i + 1) & mask {
		s := t.slots[i]
		if s == 0 {
			return -1
		}
		if t.keys[s-1] == k {
			return int(s - 1)
		}
	}
}
