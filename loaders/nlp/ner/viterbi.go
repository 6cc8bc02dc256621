package ner

import "math"

// First-order Viterbi decoding and structured-perceptron training for the
// IOB2 taggers (TrainOptions.Viterbi). A class's score at token i is the sum
// of its static features' weights plus those of the features that pair it
// with the previous class (firstOrderFeatures); the best sequence under the
// IOB2 constraints is found exactly, so one doubtful token no longer derails
// the tags after it as in greedy decoding.

// firstOrderFeatures appends the features of token i that depend on the
// previous class: dynamicFeatures without the second-order pair.
func firstOrderFeatures(dst []uint64, si *sentInfo, i int, prev string) []uint64 {
	w := prevWordFeatures(si, i, prev)
	return append(dst, fh(fPrev, prev), w[0], w[1])
}

// prevWordFeatures are the first-order features that also depend on token
// i's word: the previous class with its lower case and with its short shape.
func prevWordFeatures(si *sentInfo, i int, prev string) [2]uint64 {
	return [2]uint64{fh2(fPrevLower, prev, si.lower[i]), fh2(fPrevShort, prev, si.short[i])}
}

// lattice is the scratch space of one Viterbi decoding.
type lattice struct {
	static, dyn []float32
	prev        []float32 // K × K: weights of fPrev(p) for each previous class p
	delta       []float32 // n × K best path scores
	back        []int32   // n × K best previous class
	feats       []uint64
}

// decode returns the best class sequence for a sentence of n tokens.
// static(i, dst) appends token i's static features; weights maps a feature
// to its row of class weights (nil if unknown); oPen is subtracted from
// class O's score.
func (m *tagger) decode(lt *lattice, n int, static func(i int, dst []uint64) []uint64, si *sentInfo, weights func(uint64) []float32, oPen float32) []int {
	K := len(m.classes)
	if cap(lt.delta) < n*K {
		lt.delta = make([]float32, n*K)
		lt.back = make([]int32, n*K)
	}
	delta, back := lt.delta[:n*K], lt.back[:n*K]
	if len(lt.static) < K {
		lt.static, lt.dyn = make([]float32, K), make([]float32, K)
	}
	st, dyn := lt.static[:K], lt.dyn[:K]
	addRow := func(dst []float32, f uint64) {
		if w := weights(f); w != nil {
			for c, x := range w[:K] {
				dst[c] += x
			}
		}
	}
	addRows := func(dst []float32, feats []uint64) {
		clear(dst)
		for _, f := range feats {
			addRow(dst, f)
		}
	}
	// fPrev(p) does not depend on the token: its rows are looked up once
	// per sentence, and each token adds only its two word-bound features
	// (in the order firstOrderFeatures lists them, so sums are unchanged).
	if cap(lt.prev) < K*K {
		lt.prev = make([]float32, K*K)
	}
	prevW := lt.prev[:K*K]
	for p := range K {
		clear(prevW[p*K : p*K+K])
		addRow(prevW[p*K:p*K+K], fh(fPrev, m.classes[p]))
	}
	dynRows := func(p int, i int) {
		copy(dyn, prevW[p*K:p*K+K])
		for _, f := range prevWordFeatures(si, i, m.classes[p]) {
			addRow(dyn, f)
		}
	}
	neg := float32(math.Inf(-1))
	for i := 0; i < n; i++ {
		lt.feats = static(i, lt.feats[:0])
		addRows(st, lt.feats)
		st[0] -= oPen
		row := delta[i*K : i*K+K]
		for c := range row {
			row[c] = neg
		}
		if i == 0 {
			lt.feats = firstOrderFeatures(lt.feats[:0], si, i, "<s>")
			addRows(dyn, lt.feats)
			for c := range K {
				if m.allowed(0, c) {
					row[c] = st[c] + dyn[c]
					back[c] = 0
				}
			}
			continue
		}
		prevRow := delta[(i-1)*K : i*K]
		for p := range K {
			if prevRow[p] == neg {
				continue
			}
			dynRows(p, i)
			for c := range K {
				if !m.allowed(p, c) {
					continue
				}
				if v := prevRow[p] + st[c] + dyn[c]; v > row[c] {
					row[c] = v
					back[i*K+c] = int32(p)
				}
			}
		}
	}
	tags := make([]int, n)
	if n == 0 {
		return tags
	}
	best := 0
	last := delta[(n-1)*K : n*K]
	for c := range last {
		if last[c] > last[best] {
			best = c
		}
	}
	for i := n - 1; i >= 0; i-- {
		tags[i] = best
		best = int(back[i*K+best])
	}
	return tags
}

// trainSentence runs one structured-perceptron step on ex: decode with the
// current weights and, where the best sequence differs from gold, reward the
// gold path's features and penalise the predicted path's. It returns the
// number of wrong tokens.
func (t *trainer) trainSentence(m *tagger, lt *lattice, ex *example, weights func(uint64) []float32) int {
	n := len(ex.gold)
	t.clock++
	pred := m.decode(lt, n, func(i int, dst []uint64) []uint64 { return append(dst, ex.feat[i]...) }, ex.si, weights, 0)
	errs := 0
	var gf, pf []uint64
	for i := range n {
		g, p := ex.gold[i], pred[i]
		gp, pp := "<s>", "<s>"
		if i > 0 {
			gp, pp = m.classes[ex.gold[i-1]], m.classes[pred[i-1]]
		}
		if g != p {
			errs++
		}
		if g == p && gp == pp {
			continue
		}
		if g != p {
			t.update(ex.feat[i], g, 1)
			t.update(ex.feat[i], p, -1)
		}
		gf = firstOrderFeatures(gf[:0], ex.si, i, gp)
		pf = firstOrderFeatures(pf[:0], ex.si, i, pp)
		t.update(gf, g, 1)
		t.update(pf, p, -1)
	}
	return errs
}
