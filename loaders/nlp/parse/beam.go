package parse

import (
	"sort"

	"github.com/newsgraph/newsgraph/loaders/nlp"
)

// Beam search with a globally trained model (Zhang & Clark 2008, Zhang &
// Nivre 2011): TrainOptions.Beam trains with a beam of that width and
// max-violation updates (Huang, Fayong & Guo 2012); SetBeam makes Parse
// decode with one. Measured on EWT dev (docs/parser.md, session 4) it gains
// about 0.7 UAS over the greedy model for k times the parsing time, and its
// many small weights do not survive pruning, so the committed model is
// greedy; this is the seam for a slower, more accurate mode. A model
// trained with a beam is saved with its width (format version 3) and
// parses with it when loaded.

// SetBeam makes Parse keep the k highest-scoring configurations at every
// step (k <= 1: greedy, the default). A model trained with
// TrainOptions.Beam should be decoded with the width it was trained with;
// a greedy model decoded with a beam gets worse, since its scores are not
// comparable across configurations. Call it before the Parser is shared.
func (p *Parser) SetBeam(k int) { p.beam = k }

// copyFrom makes st a copy of o that can be changed independently; the
// per-token feature values, which never change, are shared.
func (st *state) copyFrom(o *state) {
	st.n, st.bi = o.n, o.bi
	st.word, st.tag, st.upos, st.suf, st.amb, st.useAmb = o.word, o.tag, o.upos, o.suf, o.amb, o.useAmb
	st.stack = append(st.stack[:0], o.stack...)
	st.head = append(st.head[:0], o.head...)
	st.lab = append(st.lab[:0], o.lab...)
	st.lc1 = append(st.lc1[:0], o.lc1...)
	st.lc2 = append(st.lc2[:0], o.lc2...)
	st.rc1 = append(st.rc1[:0], o.rc1...)
	st.rc2 = append(st.rc2[:0], o.rc2...)
	st.nl = append(st.nl[:0], o.nl...)
	st.nr = append(st.nr[:0], o.nr...)
	st.ls = append(st.ls[:0], o.ls...)
	st.rs = append(st.rs[:0], o.rs...)
}

// forced returns the only valid transition of st, or -1 when there are
// several: only SHIFT while the stack holds just the root, only RIGHT_root
// once the buffer is empty and the root is s1.
func (st *state) forced(p *Parser) int {
	k := len(st.stack)
	if k == 1 {
		return shift
	}
	if st.bi > st.n && k == 2 {
		return 1 + len(p.labels) + p.root
	}
	return -1
}

// beamDecoder holds the buffers of beam parsing, reused across sentences.
type beamDecoder struct {
	cur, next       []*state
	scores, nscores []int64
	top             []candidate
	fs              []uint64
	sc              []int32
}

// candidate is a configuration of the beam (item) extended by a transition.
type candidate struct {
	item, class int
	score       int64
}

// keep inserts c into top, which holds at most k candidates sorted by
// descending score; a candidate that ties an earlier one goes after it.
func keep(top []candidate, k int, c candidate) []candidate {
	if len(top) == k && c.score <= top[k-1].score {
		return top
	}
	i := len(top)
	if i < k {
		top = append(top, c)
	} else {
		i = k - 1
	}
	for i > 0 && top[i-1].score < c.score {
		top[i] = top[i-1]
		i--
	}
	top[i] = c
	return top
}

// parseBeam sets the heads and relations of s from the best of k
// configurations kept at every step. Every configuration takes exactly 2n
// transitions, so the beam's items stay in step and the first terminal
// item is the answer. With k = 1 it is Parse's greedy search.
func (p *Parser) parseBeam(s *nlp.Sentence, k int, d *beamDecoder) {
	for len(d.cur) < k {
		d.cur = append(d.cur, new(state))
		d.next = append(d.next, new(state))
	}
	d.scores = grow(d.scores, k)
	d.nscores = grow(d.nscores, k)
	d.sc = grow(d.sc, p.nClass)
	d.cur[0].init(s, p.amb)
	items := 1
	for !d.cur[0].terminal() {
		d.top = d.top[:0]
		for i := 0; i < items; i++ {
			st := d.cur[i]
			if c := st.forced(p); c >= 0 {
				d.top = keep(d.top, k, candidate{i, c, d.scores[i]})
				continue
			}
			d.fs = st.features(d.fs[:0])
			p.score(d.fs, d.sc)
			for c := 0; c < p.nClass; c++ {
				if st.valid(c, p) {
					d.top = keep(d.top, k, candidate{i, c, d.scores[i] + int64(d.sc[c])})
				}
			}
		}
		for j, c := range d.top {
			d.next[j].copyFrom(d.cur[c.item])
			d.next[j].apply(c.class, p)
			d.nscores[j] = c.score
		}
		items = len(d.top)
		d.cur, d.next = d.next, d.cur
		d.scores, d.nscores = d.nscores, d.scores
	}
	d.cur[0].setTree(s, p)
}

// trainItem is a configuration of the training beam with the transitions
// that led to it and its dynamic-oracle cost so far.
type trainItem struct {
	st    state
	score float64
	cost  int
	hist  []int16
}

// learnBeam trains on one sentence with a beam of width k. The gold path
// is the best-scoring sequence of zero-cost transitions (any of them leads
// to the gold tree); the update is at the step where the beam's best item,
// already wrong, beats the gold path by most (max-violation): the gold
// path's features gain, the wrong item's lose. It reports whether it
// updated.
func (tr *trainer) learnBeam(p *Parser, sm *sample, k int) bool {
	var init state
	init.init(sm.s, p.amb)
	C, L := tr.nClass, len(p.labels)
	sc := make([]float64, C)
	scoreOf := func(st *state) {
		st.fs = st.features(st.fs[:0])
		clear(sc)
		for _, f := range st.fs {
			if r, ok := tr.index[f]; ok {
				row, _ := tr.weights(r)
				for j, v := range row {
					sc[j] += float64(v)
				}
			}
		}
	}
	type cand struct {
		item, class, cost int
		score             float64
	}
	beam := []*trainItem{{}}
	beam[0].st.copyFrom(&init)
	gold := &trainItem{}
	gold.st.copyFrom(&init)
	var cands []cand
	var spare []*trainItem
	var worst float64
	var predHist, goldHist []int16
	for !beam[0].st.terminal() {
		cands = cands[:0]
		for i, it := range beam {
			cost := it.st.oracle(sm, L)
			if c := it.st.forced(p); c >= 0 {
				cands = append(cands, cand{i, c, it.cost + cost(c), it.score})
				continue
			}
			scoreOf(&it.st)
			for c := 0; c < C; c++ {
				if it.st.valid(c, p) {
					cands = append(cands, cand{i, c, it.cost + cost(c), it.score + sc[c]})
				}
			}
		}
		sort.SliceStable(cands, func(a, b int) bool { return cands[a].score > cands[b].score })
		cands = cands[:min(len(cands), k)]
		next := make([]*trainItem, 0, len(cands))
		for _, cd := range cands {
			var ni *trainItem
			if len(spare) > 0 {
				ni, spare = spare[len(spare)-1], spare[:len(spare)-1]
			} else {
				ni = &trainItem{}
			}
			src := beam[cd.item]
			ni.st.copyFrom(&src.st)
			ni.st.apply(cd.class, p)
			ni.score, ni.cost = cd.score, cd.cost
			ni.hist = append(append(ni.hist[:0], src.hist...), int16(cd.class))
			next = append(next, ni)
		}
		spare = append(spare, beam...)
		beam = next

		// Extend the gold path by its best-scoring zero-cost transition.
		c := gold.st.forced(p)
		if c < 0 {
			scoreOf(&gold.st)
			cost := gold.st.oracle(sm, L)
			for x := 0; x < C; x++ {
				if gold.st.valid(x, p) && cost(x) == 0 && (c < 0 || sc[x] > sc[c]) {
					c = x
				}
			}
			gold.score += sc[c]
		}
		gold.st.apply(c, p)
		gold.hist = append(gold.hist, int16(c))

		if top := beam[0]; top.cost > 0 {
			if v := top.score - gold.score; v >= worst {
				worst = v
				predHist = append(predHist[:0], top.hist...)
				goldHist = append(goldHist[:0], gold.hist...)
			}
		}
	}
	if predHist == nil {
		return false
	}
	t := float32(tr.c)
	tr.replay(p, &init, goldHist, 1, t)
	tr.replay(p, &init, predHist, -1, t)
	return true
}

// replay applies the transitions hist from init and adds delta to the
// weight of every (feature, transition) pair of the steps that were scored.
func (tr *trainer) replay(p *Parser, init *state, hist []int16, delta, t float32) {
	var st state
	st.copyFrom(init)
	for _, c := range hist {
		if st.forced(p) < 0 {
			st.fs = st.features(st.fs[:0])
			for _, f := range st.fs {
				w, u := tr.weights(tr.row(f))
				w[c] += delta
				u[c] += delta * t
			}
		}
		st.apply(int(c), p)
	}
}
