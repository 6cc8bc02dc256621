// Package tag is newsgraph's part-of-speech tagger: a greedy left-to-right
// averaged perceptron (after Honnibal's "A good part-of-speech tagger in
// about 200 lines of Python") that predicts the Penn Treebank tag and the
// universal tag of every token jointly, as one XPOS|UPOS class, and fills
// UD morphological features from a (form, class) lexicon.
//
// Features are hashed to uint64 without building strings, looked up in an
// open-addressing table and scored against sparse, pruned weight rows, so
// tagging does not allocate. Frequent unambiguous words are tagged from a
// tag dictionary without scoring; words too rare in the training data for
// features of their own get features from an embedded word lexicon (WordNet
// 3.0 parts of speech and inflections, SCOWL word-list casing).
package tag

import (
	"fmt"
	"math"
	"slices"
	"sync"

	"github.com/newsgraph/newsgraph/loaders/nlp"
	"github.com/newsgraph/newsgraph/loaders/nlp/conllu"
)

// Tagger assigns UPOS, XPOS and Feats. It is safe for concurrent use.
type Tagger struct {
	xpos, upos []string // class → tags
	feats      []string // FEATS strings, index 0 is "_"

	dictKeys []uint64 // word hash → class of frequent unambiguous words
	dictCls  []uint8

	featKeys    []uint64 // mix(lower form hash, class) → FEATS index
	featVals    []uint16
	featDefault []uint16 // class → most frequent FEATS index

	ambKeys []uint64 // lowercased form hash → ambiguity class hash
	ambVals []uint64

	lex lexTable // lowercased form → lexicon bits, for words without an ambiguity class; empty in models without lexicon features

	rev bool   // the first pass tags right to left
	m   *model // first pass: context on one side only
	mo  *model // nil, or a first pass in the other direction, for the second pass
	m2  *model // second pass, nil when absent: also the first pass's classes to the right

	dict    map[uint64]uint8
	featLex map[uint64]uint16
	amb     map[uint64]uint64
	pool    sync.Pool // *scratch
}

// scratch is per-call working memory.
type scratch struct {
	infos  []tokInfo
	rinfos []tokInfo // infos reversed, for a right-to-left first pass
	runes  []rune
	feats  [maxFeatures + nRight]uint64
	scores []float32 // training
	iscore []int32   // tagging
	first  []uint8   // first-pass classes
	other  []uint8   // classes of the other-direction pass (bidirectional models)
	second []uint8   // second-pass classes
	margin []float32 // first-pass lead of the best class over the runner-up
}

// init builds the lookup maps after training or loading.
func (t *Tagger) init() {
	t.dict = make(map[uint64]uint8, len(t.dictKeys))
	for i, k := range t.dictKeys {
		t.dict[k] = t.dictCls[i]
	}
	t.featLex = make(map[uint64]uint16, len(t.featKeys))
	for i, k := range t.featKeys {
		t.featLex[k] = t.featVals[i]
	}
	t.amb = make(map[uint64]uint64, len(t.ambKeys))
	for i, k := range t.ambKeys {
		t.amb[k] = t.ambVals[i]
	}
	t.pool.New = func() any { return t.newScratch() }
}

// useLex reports whether the model has lexicon features.
func (t *Tagger) useLex() bool { return t.lex.n > 0 }

func (t *Tagger) newScratch() *scratch {
	return &scratch{scores: make([]float32, len(t.xpos)), iscore: make([]int32, len(t.xpos))}
}

// Classes returns the number of XPOS|UPOS classes of the model.
func (t *Tagger) Classes() int { return len(t.xpos) }

// Features returns the number of weighted features kept in the model.
func (t *Tagger) Features() int {
	n := len(t.m.keys)
	if t.m2 != nil {
		n += len(t.m2.keys)
	}
	if t.mo != nil {
		n += len(t.mo.keys)
	}
	return n
}

// Tag sets UPOS, XPOS and Feats of every token of s from their forms.
func (t *Tagger) Tag(s *nlp.Sentence) {
	if len(s.Tokens) == 0 {
		return
	}
	sc := t.pool.Get().(*scratch)
	t.tagClasses(s, sc, func(i, c int) {
		tok := &s.Tokens[i]
		tok.XPOS, tok.UPOS = t.xpos[c], t.upos[c]
		tok.Feats = t.feats[t.featsOf(sc.infos[i+pad].lower, c)]
	})
	t.pool.Put(sc)
}

// prepare fills sc.infos for the tokens of s, with padding.
func (t *Tagger) prepare(s *nlp.Sentence, sc *scratch) {
	n := len(s.Tokens)
	if cap(sc.infos) < n+2*pad {
		sc.infos = make([]tokInfo, n+2*pad)
	}
	sc.infos = sc.infos[:n+2*pad]
	sc.infos[0], sc.infos[1] = startInfo, startInfo
	sc.infos[n+pad], sc.infos[n+pad+1] = endInfo, endInfo
	for i := range s.Tokens {
		ti := &sc.infos[i+pad]
		sc.runes = analyse(ti, s.Tokens[i].Form, i == 0, sc.runes)
		ti.amb = t.amb[ti.lower] // 0 for rare and unseen words
		if ti.amb != 0 {
			ti.lex = lexKnown
		} else {
			ti.lex = t.lex.get(ti.lower)
		}
	}
}

// startClass is the history value before the first token.
const startClass = 255

// confidentMargin is the lead, in weight units, of the first pass's best
// class over the runner-up above which the second pass keeps it without
// scoring: chosen on EWT dev, where it costs 0.01 points of XPOS and saves
// most of the second pass.
const confidentMargin = 20

// tagClasses predicts a class for every token and calls set(i, class).
func (t *Tagger) tagClasses(s *nlp.Sentence, sc *scratch, set func(i, c int)) {
	t.prepare(s, sc)
	n := len(s.Tokens)
	if cap(sc.first) < n {
		sc.first = make([]uint8, n)
	}
	sc.first = sc.first[:n]
	if cap(sc.margin) < n {
		sc.margin = make([]float32, n)
	}
	classes := t.firstPass(t.m, t.rev, sc, sc.first, sc.margin[:n])
	if t.m2 != nil {
		if cap(sc.second) < n {
			sc.second = make([]uint8, n)
		}
		var other []uint8
		if t.mo != nil {
			if cap(sc.other) < n {
				sc.other = make([]uint8, n)
			}
			other = t.otherPass(t.mo, sc.infos, sc, sc.first, sc.margin[:n], sc.other[:n])
		}
		classes = t.decode(t.m2, sc.first, other, sc.infos, sc, sc.second[:n], sc.margin[:n])
	}
	for i, c := range classes {
		set(i, int(c))
	}
}

// decode tags the prepared sentence greedily left to right with m and
// writes the classes to out, which it returns. In the first pass (first is
// nil) it records in margin how far each best class scored above the
// runner-up; in the second, it keeps the first pass's class wherever that
// margin was at least confidentMargin.
func (t *Tagger) decode(m *model, first, other []uint8, infos []tokInfo, sc *scratch, out []uint8, margin []float32) []uint8 {
	prev1, prev2 := startClass, startClass
	for i := range out {
		c, ok := t.dict[infos[i+pad].word]
		best := int(c)
		switch {
		case ok:
			if first == nil {
				margin[i] = float32(math.Inf(1))
			}
		case first != nil && margin[i] >= confidentMargin && (other == nil || other[i] == first[i]):
			best = int(first[i])
		default:
			feats := features(&sc.feats, infos, i, prev1, prev2, t.useLex())
			if first != nil {
				nf := len(feats)
				k := rightFeatures(sc.feats[nf:], infos, first, other, i, prev1)
				feats = sc.feats[:nf+k]
			}
			var gap int32
			best, gap = argmax(m, sc.iscore, feats)
			if first == nil {
				margin[i] = float32(gap) * m.scale
			}
		}
		out[i] = uint8(best)
		prev2, prev1 = prev1, best
	}
	return out
}

// firstPass tags the prepared sentence with the first-pass model m, in the
// tagger's first-pass direction, writing classes and margins in sentence
// order.
func (t *Tagger) firstPass(m *model, rev bool, sc *scratch, out []uint8, margin []float32) []uint8 {
	if !rev {
		return t.decode(m, nil, nil, sc.infos, sc, out, margin)
	}
	t.decode(m, nil, nil, sc.reversed(), sc, out, margin)
	slices.Reverse(out)
	slices.Reverse(margin)
	return out
}

// otherPass tags the prepared sentence left to right with the
// other-direction model m, scoring only the tokens whose first-pass margin
// is below confidentMargin; elsewhere it copies the first pass's class.
func (t *Tagger) otherPass(m *model, infos []tokInfo, sc *scratch, first []uint8, margin []float32, out []uint8) []uint8 {
	prev1, prev2 := startClass, startClass
	for i := range out {
		best := int(first[i])
		if margin[i] < confidentMargin {
			feats := features(&sc.feats, infos, i, prev1, prev2, t.useLex())
			best, _ = argmax(m, sc.iscore, feats)
		}
		out[i] = uint8(best)
		prev2, prev1 = prev1, best
	}
	return out
}

// reversed returns sc.infos in reverse order (padding included).
func (sc *scratch) reversed() []tokInfo {
	n := len(sc.infos)
	if cap(sc.rinfos) < n {
		sc.rinfos = make([]tokInfo, n)
	}
	r := sc.rinfos[:n]
	for i := range r {
		r[i] = sc.infos[n-1-i]
	}
	return r
}

// argmax returns the best-scoring class for feats and its lead over the
// runner-up.
func argmax(m *model, scores []int32, feats []uint64) (best int, gap int32) {
	clear(scores)
	m.score(scores, feats)
	second := int32(math.MinInt32)
	for c, v := range scores {
		if v > scores[best] {
			second = scores[best]
			best = c
		} else if c != best && v > second {
			second = v
		}
	}
	return best, scores[best] - second
}

// featsOf returns the FEATS index for a lowercased-form hash and class.
func (t *Tagger) featsOf(lower uint64, c int) uint16 {
	if v, ok := t.featLex[mix(c+1, lower)]; ok {
		return v
	}
	return t.featDefault[c]
}

// Scores are tagging accuracies over a set of tokens, as fractions.
type Scores struct {
	Tokens     int
	UPOS, XPOS float64
	Feats      float64 // exact match of the whole FEATS string
	Both       float64 // UPOS and XPOS both right
}

// String formats the scores as percentages.
func (s Scores) String() string {
	return fmt.Sprintf("tokens %d  UPOS %.2f%%  XPOS %.2f%%  UPOS+XPOS %.2f%%  FEATS %.2f%%",
		s.Tokens, 100*s.UPOS, 100*s.XPOS, 100*s.Both, 100*s.Feats)
}

// Evaluate tags a copy of every gold sentence (keeping its tokens) and
// compares the predicted tags with the gold ones.
func Evaluate(t *Tagger, gold []*conllu.Sentence) Scores {
	var sc Scores
	var up, xp, fe, both int
	var tmp nlp.Sentence
	for _, g := range gold {
		tmp.Tokens = append(tmp.Tokens[:0], g.Tokens...)
		for i := range tmp.Tokens {
			tmp.Tokens[i].UPOS, tmp.Tokens[i].XPOS, tmp.Tokens[i].Feats = "", "", ""
		}
		t.Tag(&tmp)
		for i, p := range tmp.Tokens {
			gt := &g.Tokens[i]
			sc.Tokens++
			u, x := p.UPOS == gt.UPOS, p.XPOS == gt.XPOS
			if u {
				up++
			}
			if x {
				xp++
			}
			if u && x {
				both++
			}
			if p.Feats == normFeats(gt.Feats) {
				fe++
			}
		}
	}
	if sc.Tokens > 0 {
		n := float64(sc.Tokens)
		sc.UPOS, sc.XPOS, sc.Feats, sc.Both = float64(up)/n, float64(xp)/n, float64(fe)/n, float64(both)/n
	}
	return sc
}

// normFeats maps an empty FEATS column to "_".
func normFeats(f string) string {
	if f == "" {
		return "_"
	}
	return f
}
