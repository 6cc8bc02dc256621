// Package parse is newsgraph's dependency parser: a greedy arc-hybrid
// transition system with labelled transitions, scored by an averaged
// perceptron over Zhang & Nivre (2011) style feature templates and trained
// with a dynamic oracle and exploration (Goldberg & Nivre 2013).
//
// It produces Universal Dependencies basic relations: Parse sets Head and
// DepRel of every token of a sentence whose UPOS/XPOS are already set, and
// always yields a tree (a single root, no cycles).
package parse

import (
	"sync"

	"github.com/newsgraph/newsgraph/loaders/nlp"
)

// Parser is a trained dependency parser. It is immutable after Load or
// Train, so Parse may be called from many goroutines at once.
type Parser struct {
	labels []string // DepRel of label id l
	root   int      // label id of "root"
	nClass int      // 1 + 2*len(labels): SHIFT, LEFT_l, RIGHT_l

	// Open-addressing hash table (linear probing) from feature key to its
	// weights. A cell is fingerprint<<32 | payload, 0 when empty; the
	// fingerprint is the key's high 32 bits (low bit forced to 1). A payload
	// with the top bit set holds the row's only weight inline as
	// class<<16 | uint16(weight); otherwise it is an offset into ent, where
	// ent[off] is the row length n and ent[off+1:off+1+n] its weights, each
	// class<<16 | uint16(weight) with int16 quantised weights.
	mask  uint64
	table []uint64
	keys  []uint64 // full feature key of each row, in row order (Save, Prune, Merge)
	ent   []uint32

	// amb maps a word (wordHash) to its ambiguity class in the training
	// data: a hash of the set of XPOS tags it frequently takes. nil for
	// models without it (the class features are then left out).
	amb map[uint64]uint64

	pool sync.Pool // *state

	beam     int       // > 1: parse with a beam of this width
	beamPool sync.Pool // *beamDecoder
}

// Transition classes: 0 is SHIFT, 1+l is LEFT with label l, 1+L+l is RIGHT
// with label l, where L is the number of labels.
const shift = 0

const inline = 1 << 31

func hashSlot(k uint64) uint64 {
	k ^= k >> 33
	k *= 0xff51afd7ed558ccd
	k ^= k >> 33
	return k
}

func fingerprint(k uint64) uint32 { return uint32(k>>32) | 1 }

// chunk is how many features score resolves per batch.
const chunk = 128

// score adds the weights of features fs into sc (len nClass).
//
// The work is bound by cache misses in the table and in ent, so it runs in
// phases whose loads do not depend on each other's branches, letting the CPU
// keep many misses in flight: first the home cell of every feature, then the
// row header of every row found, then the sums. The result is the same as
// probing feature by feature (integer sums do not depend on their order).
func (p *Parser) score(fs []uint64, sc []int32) {
	var acc [256]int32 // indexed by a class byte: no bounds checks
	if p.mask != 0 {
		table, ent, mask := p.table, p.ent, p.mask
		var cells [chunk]uint64
		var pls, ns [chunk]uint32
		for len(fs) > 0 {
			part := fs[:min(len(fs), chunk)]
			fs = fs[len(part):]
			for j, f := range part {
				cells[j] = table[hashSlot(f)&mask]
			}
			m := 0
			for j, f := range part {
				c := cells[j&(chunk-1)]
				if c == 0 {
					continue
				}
				fp := fingerprint(f)
				if uint32(c>>32) != fp { // collision: probe on, as find does
					i := hashSlot(f) & mask
					for {
						i = (i + 1) & mask
						c = table[i]
						if c == 0 || uint32(c>>32) == fp {
							break
						}
					}
					if c == 0 {
						continue
					}
				}
				pl := uint32(c)
				if pl&inline != 0 {
					acc[uint8(pl>>16)] += int32(int16(pl))
					continue
				}
				pls[m&(chunk-1)] = pl
				m++
			}
			for j := 0; j < m; j++ {
				ns[j&(chunk-1)] = ent[pls[j&(chunk-1)]]
			}
			for j := 0; j < m; j++ {
				pl := pls[j&(chunk-1)]
				row := ent[pl+1 : pl+1+ns[j&(chunk-1)]]
				for len(row) >= 4 {
					e0, e1, e2, e3 := row[0], row[1], row[2], row[3]
					acc[uint8(e0>>16)] += int32(int16(e0))
					acc[uint8(e1>>16)] += int32(int16(e1))
					acc[uint8(e2>>16)] += int32(int16(e2))
					acc[uint8(e3>>16)] += int32(int16(e3))
					row = row[4:]
				}
				for _, e := range row {
					acc[uint8(e>>16)] += int32(int16(e))
				}
			}
		}
	}
	copy(sc, acc[:len(sc)])
}

// Parse sets Head and DepRel of every token of s. It needs Form and
// UPOS/XPOS; the result is always a tree with a single root.
func (p *Parser) Parse(s *nlp.Sentence) {
	n := len(s.Tokens)
	if n == 0 {
		return
	}
	if p.beam > 1 {
		d, _ := p.beamPool.Get().(*beamDecoder)
		if d == nil {
			d = new(beamDecoder)
		}
		p.parseBeam(s, p.beam, d)
		p.beamPool.Put(d)
		return
	}
	st, _ := p.pool.Get().(*state)
	if st == nil {
		st = new(state)
	}
	st.init(s, p.amb)
	sc := st.scores(p.nClass)
	for !st.terminal() {
		// States with a single valid transition need no scoring.
		if c := st.forced(p); c >= 0 {
			st.apply(c, p)
			continue
		}
		st.fs = st.features(st.fs[:0])
		p.score(st.fs, sc)
		st.apply(st.best(sc, p), p)
	}
	st.setTree(s, p)
	p.pool.Put(st)
}

// best returns the valid class with the highest score, the lowest class on
// ties (as scanning all classes with valid would), for a state with at
// least two stack items that is not terminal.
func (st *state) best(sc []int32, p *Parser) int {
	L := len(p.labels)
	best, bestScore := -1, int32(0)
	pick := func(c int) {
		if best < 0 || sc[c] > bestScore {
			best, bestScore = c, sc[c]
		}
	}
	k := len(st.stack)
	buf := st.bi <= st.n
	if buf {
		pick(shift)
		if st.stack[k-1] != 0 {
			for c := 1; c <= L; c++ {
				if c-1 != p.root {
					pick(c)
				}
			}
		}
	}
	if k >= 2 {
		if st.stack[k-2] == 0 {
			if !buf {
				pick(1 + L + p.root)
			}
		} else {
			for c := 1 + L; c < p.nClass; c++ {
				if c-1-L != p.root {
					pick(c)
				}
			}
		}
	}
	return best
}

// Labels returns the dependency relations the parser can assign.
func (p *Parser) Labels() []string { return append([]string(nil), p.labels...) }
