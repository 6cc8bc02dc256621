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

	pool sync.Pool // *state
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

// score adds the weights of features fs into sc (len nClass).
func (p *Parser) score(fs []uint64, sc []int32) {
	for i := range sc {
		sc[i] = 0
	}
	if p.mask == 0 {
		return
	}
	table, ent := p.table, p.ent
	for _, f := range fs {
		i := hashSlot(f) & p.mask
		fp := fingerprint(f)
		for {
			c := table[i]
			if c == 0 {
				break
			}
			if uint32(c>>32) != fp {
				i = (i + 1) & p.mask
				continue
			}
			pl := uint32(c)
			if pl&inline != 0 {
				sc[(pl>>16)&0xff] += int32(int16(pl))
				break
			}
			n := ent[pl]
			for _, e := range ent[pl+1 : pl+1+n] {
				sc[e>>16] += int32(int16(e))
			}
			break
		}
	}
}

// Parse sets Head and DepRel of every token of s. It needs Form and
// UPOS/XPOS; the result is always a tree with a single root.
func (p *Parser) Parse(s *nlp.Sentence) {
	n := len(s.Tokens)
	if n == 0 {
		return
	}
	st, _ := p.pool.Get().(*state)
	if st == nil {
		st = new(state)
	}
	st.init(s, len(p.labels))
	sc := st.scores(p.nClass)
	for !st.terminal() {
		st.fs = st.features(st.fs[:0])
		p.score(st.fs, sc)
		best, bestScore := -1, int32(0)
		for c := 0; c < p.nClass; c++ {
			if !st.valid(c, p) {
				continue
			}
			if best < 0 || sc[c] > bestScore {
				best, bestScore = c, sc[c]
			}
		}
		st.apply(best, p)
	}
	for i := range s.Tokens {
		t := &s.Tokens[i]
		t.Head = int(st.head[i+1])
		t.DepRel = p.labels[st.lab[i+1]]
	}
	p.pool.Put(st)
}

// Labels returns the dependency relations the parser can assign.
func (p *Parser) Labels() []string { return append([]string(nil), p.labels...) }
