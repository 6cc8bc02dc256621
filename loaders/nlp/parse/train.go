package parse

import (
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/newsgraph/newsgraph/loaders/nlp"
	"github.com/newsgraph/newsgraph/loaders/nlp/conllu"
)

// TrainOptions configures Train.
type TrainOptions struct {
	Train, Dev string // CoNLL-U files (.conllu or .conllu.gz); Dev may be ""
	Epochs     int    // passes over Train; the epoch with the best dev LAS is kept (0 = 15)
	Seed       int64  // seeds sentence order and exploration
	Log        io.Writer
	// Tagger, when not nil, re-tags the sentences (UPOS/XPOS) before training
	// and evaluation, so the parser learns from the tags it will see. nil
	// keeps the gold tags of the files.
	Tagger interface{ Tag(*nlp.Sentence) }
	// KeepTrainTags applies Tagger to Dev only: the Train file already
	// carries predicted (e.g. jackknifed) tags.
	KeepTrainTags bool
	// Explore is the probability of following the model's own prediction
	// rather than the oracle from the second epoch on (0 = 0.9; <0 = never).
	Explore float64
	// MinWeight prunes averaged weights whose magnitude, on the int16 scale
	// where the largest weight is 32000, is below it (0 keeps all).
	MinWeight int
	// Lexicon is the CoNLL-U file (gold tags) whose words' ambiguity
	// classes the parser uses as features that survive tagging errors;
	// "" = Train. AmbMinCount is how often a word must occur to get a class
	// (0 = 3, < 0 = no ambiguity classes, as in the models before them).
	Lexicon     string
	AmbMinCount int
	// OnEpoch, when not nil, is called after every epoch with the model of
	// that epoch (its dev scores are zero without Dev), e.g. to checkpoint.
	OnEpoch func(epoch int, p *Parser, dev Scores)
	// Beam > 1 trains a globally trained model with beam search of that
	// width and max-violation updates (Explore is then unused); the model
	// parses with that beam and is saved with it.
	Beam int
}

// sample is a training sentence with its (projectivised) gold tree.
type sample struct {
	s     *nlp.Sentence
	heads []int32 // 1..n, index 0 unused
	labs  []int16
}

// Train trains a parser on opts.Train, choosing the epoch by LAS on
// opts.Dev when given. The result is deterministic for a given seed.
func Train(ctx context.Context, opts TrainOptions) (*Parser, error) {
	if opts.Epochs <= 0 {
		opts.Epochs = 15
	}
	if opts.Explore == 0 {
		opts.Explore = 0.9
	}
	logf := func(format string, args ...any) {
		if opts.Log != nil {
			fmt.Fprintf(opts.Log, format, args...)
		}
	}
	train, err := conllu.ReadFile(opts.Train)
	if err != nil {
		return nil, fmt.Errorf("parse: train: %w", err)
	}
	var dev []*conllu.Sentence
	if opts.Dev != "" {
		if dev, err = conllu.ReadFile(opts.Dev); err != nil {
			return nil, fmt.Errorf("parse: dev: %w", err)
		}
	}
	// Label set, sorted, from the training data.
	seen := map[string]bool{"root": true}
	for _, s := range train {
		for _, t := range s.Tokens {
			seen[t.DepRel] = true
		}
	}
	labels := make([]string, 0, len(seen))
	for l := range seen {
		labels = append(labels, l)
	}
	slices.Sort(labels)
	if len(labels) > 127 {
		return nil, fmt.Errorf("parse: %s: %d labels, at most 127 supported", opts.Train, len(labels))
	}
	lid := make(map[string]int16, len(labels))
	for i, l := range labels {
		lid[l] = int16(i)
	}
	skel := &Parser{labels: labels, root: int(lid["root"]), nClass: 1 + 2*len(labels)}
	if opts.AmbMinCount >= 0 {
		lex := train
		if opts.Lexicon != "" {
			if lex, err = conllu.ReadFile(opts.Lexicon); err != nil {
				return nil, fmt.Errorf("parse: lexicon: %w", err)
			}
		}
		minCount := opts.AmbMinCount
		if minCount == 0 {
			minCount = 3
		}
		skel.amb = ambiguityClasses(lex, minCount, ambMinShare)
		logf("parse: ambiguity classes for %d words\n", len(skel.amb))
	}

	samples := make([]sample, 0, len(train))
	nonProj := 0
	for _, cs := range train {
		s := cs.Sentence
		s.Tokens = slices.Clone(s.Tokens)
		if opts.Tagger != nil && !opts.KeepTrainTags {
			opts.Tagger.Tag(&s)
		}
		n := len(s.Tokens)
		heads := make([]int32, n+1)
		labs := make([]int16, n+1)
		roots := 0
		for i, t := range s.Tokens {
			heads[i+1] = int32(t.Head)
			labs[i+1] = lid[t.DepRel]
			if t.Head == 0 {
				roots++
			}
		}
		if roots != 1 || !acyclic(heads) {
			continue
		}
		if projectivise(heads) {
			nonProj++
		}
		samples = append(samples, sample{s: &s, heads: heads, labs: labs})
	}
	logf("parse: %d training sentences (%d projectivised), %d labels, %d dev sentences\n",
		len(samples), nonProj, len(labels), len(dev))

	tr := newTrainer(skel.nClass)
	rng := rand.New(rand.NewPCG(uint64(opts.Seed), 0x70617273))
	var best *Parser
	bestLAS := -1.0
	order := make([]int, len(samples))
	for i := range order {
		order[i] = i
	}
	for epoch := 0; epoch < opts.Epochs; epoch++ {
		start := time.Now()
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		explore := 0.0
		if epoch > 0 && opts.Explore > 0 {
			explore = opts.Explore
		}
		var errs, total int
		for _, i := range order {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			if opts.Beam > 1 {
				if tr.learnBeam(skel, &samples[i], opts.Beam) {
					errs++
				}
				total++
				tr.c++
				continue
			}
			e, t := tr.learn(skel, &samples[i], rng, explore)
			errs += e
			total += t
		}
		p := tr.snapshot(skel, opts.MinWeight)
		p.beam = opts.Beam
		what := "transitions wrong"
		if opts.Beam > 1 {
			what = "sentences updated"
		}
		msg := fmt.Sprintf("epoch %d: %.2f%% %s, %d features, %s", epoch+1,
			100*float64(errs)/float64(max(total, 1)), what, len(tr.keys), time.Since(start).Round(time.Millisecond))
		var sc Scores
		if len(dev) > 0 {
			sc = Evaluate(p, dev, opts.Tagger)
			msg += ", dev " + sc.String()
			if sc.LAS > bestLAS {
				best, bestLAS = p, sc.LAS
			}
		} else {
			best = p
		}
		logf("parse: %s\n", msg)
		if opts.OnEpoch != nil {
			opts.OnEpoch(epoch+1, p, sc)
		}
	}
	return best, nil
}

// ambMinShare is the share of a word's occurrences a tag needs to be in
// its ambiguity class: rarer tags are mostly annotation noise.
const ambMinShare = 0.05

// ambiguityClasses returns, for every word (wordHash) seen at least
// minCount times in sents, a hash of the sorted set of the XPOS tags that
// make up at least minShare of its occurrences.
func ambiguityClasses(sents []*conllu.Sentence, minCount int, minShare float64) map[uint64]uint64 {
	counts := map[uint64]map[string]int{}
	for _, s := range sents {
		for _, t := range s.Tokens {
			tg := t.XPOS
			if tg == "" || tg == "_" {
				tg = t.UPOS
			}
			w := wordHash(t.Form)
			c := counts[w]
			if c == nil {
				c = map[string]int{}
				counts[w] = c
			}
			c[tg]++
		}
	}
	amb := make(map[uint64]uint64)
	var tags []string
	for w, c := range counts {
		n := 0
		for _, k := range c {
			n += k
		}
		if n < minCount {
			continue
		}
		tags = tags[:0]
		for tg, k := range c {
			if float64(k) >= minShare*float64(n) {
				tags = append(tags, tg)
			}
		}
		slices.Sort(tags)
		h := uint64(0x616d62) // "amb"
		for _, tg := range tags {
			h = mix(h, tagHash(tg))
		}
		amb[w] = nz(h)
	}
	return amb
}

// trainer holds the perceptron's weights during training: dense rows of
// nClass weights, created when a feature is first updated, with the
// accumulators of the averaging trick (avg = w - u/c).
type trainer struct {
	nClass int
	index  map[uint64]int32
	keys   []uint64 // feature key of each row
	// w and u are allocated in blocks of blockRows rows, so growing never
	// copies them.
	w, u [][]float32
	c    float64 // update clock
	st   state
	sc   []float32
	rows []int32
}

func newTrainer(nClass int) *trainer {
	return &trainer{nClass: nClass, index: make(map[uint64]int32), c: 1}
}

const blockRows = 1 << 12

func (tr *trainer) row(k uint64) int32 {
	if r, ok := tr.index[k]; ok {
		return r
	}
	r := int32(len(tr.keys))
	tr.index[k] = r
	tr.keys = append(tr.keys, k)
	if int(r)%blockRows == 0 {
		tr.w = append(tr.w, make([]float32, blockRows*tr.nClass))
		tr.u = append(tr.u, make([]float32, blockRows*tr.nClass))
	}
	return r
}

// weights returns the weights and averaging accumulators of row r.
func (tr *trainer) weights(r int32) (w, u []float32) {
	b, o := int(r)/blockRows, (int(r)%blockRows)*tr.nClass
	return tr.w[b][o : o+tr.nClass], tr.u[b][o : o+tr.nClass]
}

// learn runs the parser over one sentence, updating the weights wherever
// the best-scoring transition is not among the cheapest ones according to
// the dynamic oracle. It returns the number of wrong and total transitions.
func (tr *trainer) learn(p *Parser, sm *sample, rng *rand.Rand, explore float64) (wrong, total int) {
	st := &tr.st
	st.init(sm.s, p.amb)
	C := tr.nClass
	L := len(p.labels)
	if cap(tr.sc) < C {
		tr.sc = make([]float32, C)
	}
	sc := tr.sc[:C]
	for !st.terminal() {
		st.fs = st.features(st.fs[:0])
		tr.rows = tr.rows[:0]
		clear(sc)
		for _, f := range st.fs {
			r, ok := tr.index[f]
			if !ok {
				tr.rows = append(tr.rows, -1)
				continue
			}
			tr.rows = append(tr.rows, r)
			row, _ := tr.weights(r)
			for j, v := range row {
				sc[j] += v
			}
		}
		cost := st.oracle(sm, L)
		pred, gold := -1, -1
		minCost := math.MaxInt
		for c := 0; c < C; c++ {
			if !st.valid(c, p) {
				continue
			}
			if pred < 0 || sc[c] > sc[pred] {
				pred = c
			}
			k := cost(c)
			if k < minCost || (k == minCost && sc[c] > sc[gold]) {
				minCost, gold = k, c
			}
		}
		total++
		if cost(pred) > minCost {
			wrong++
			t := float32(tr.c)
			for i, f := range st.fs {
				r := tr.rows[i]
				if r < 0 {
					r = tr.row(f)
				}
				w, u := tr.weights(r)
				w[gold]++
				u[gold] += t
				w[pred]--
				u[pred] -= t
			}
		}
		tr.c++
		next := gold
		if explore > 0 && rng.Float64() < explore {
			next = pred
		}
		st.apply(next, p)
	}
	return wrong, total
}

// oracle returns the dynamic-oracle cost of each transition class from st:
// the gold arcs of sm it makes unreachable, plus 1 for a wrong label on a
// gold arc. L is the number of labels.
func (st *state) oracle(sm *sample, L int) func(c int) int {
	cs, cl, cr := st.costs(sm.heads)
	s0 := st.stack[len(st.stack)-1]
	var s1 int32 = -1
	if len(st.stack) >= 2 {
		s1 = st.stack[len(st.stack)-2]
	}
	bi := int32(st.bi)
	return func(c int) int {
		switch {
		case c == shift:
			return cs
		case c <= L:
			if sm.heads[s0] == bi && int16(c-1) != sm.labs[s0] {
				return cl + 1
			}
			return cl
		default:
			if sm.heads[s0] == s1 && int16(c-1-L) != sm.labs[s0] {
				return cr + 1
			}
			return cr
		}
	}
}

// costs returns the number of gold arcs (of the projectivised tree heads)
// that SHIFT, LEFT and RIGHT would make unreachable, ignoring labels
// (Goldberg & Nivre 2013, arc-hybrid). Invalid transitions get any value.
func (st *state) costs(heads []int32) (cs, cl, cr int) {
	k := len(st.stack)
	s0 := st.stack[k-1]
	var s1 int32 = -1
	if k >= 2 {
		s1 = st.stack[k-2]
	}
	n := int32(st.n)
	b := int32(st.bi)
	if b <= n {
		for _, x := range st.stack {
			if x != s0 && heads[b] == x {
				cs++
			}
			if x != 0 && heads[x] == b {
				cs++
			}
		}
	}
	if s0 != 0 {
		// Both pops lose s0's heads and dependents in the buffer.
		for x := b; x <= n; x++ {
			if heads[x] == s0 {
				cl++
				cr++
			}
			if heads[s0] == x {
				cr++
				if x != b {
					cl++
				}
			}
		}
		if s1 >= 0 && heads[s0] == s1 {
			cl++
		}
	}
	return cs, cl, cr
}

// snapshot builds a Parser from the averaged weights: weights are
// quantised to int16 and those that round to zero are dropped.
func (tr *trainer) snapshot(skel *Parser, minWeight int) *Parser {
	C := tr.nClass
	var maxAbs float64
	avg := make([]float32, C)
	for r := range tr.keys {
		w, u := tr.weights(int32(r))
		for j := range w {
			maxAbs = max(maxAbs, math.Abs(float64(w[j])-float64(u[j])/tr.c))
		}
	}
	scale := 1.0
	if maxAbs > 0 {
		scale = 32000 / maxAbs
	}
	p := &Parser{labels: skel.labels, root: skel.root, nClass: skel.nClass, amb: skel.amb}
	var keys []uint64
	var lens []uint32
	var ent []uint32
	for r, k := range tr.keys {
		w, u := tr.weights(int32(r))
		for j := range w {
			avg[j] = float32(float64(w[j]) - float64(u[j])/tr.c)
		}
		m := len(ent)
		for j, a := range avg {
			q := math.Round(float64(a) * scale)
			if math.Abs(q) < float64(minWeight) || q == 0 {
				continue
			}
			ent = append(ent, uint32(j)<<16|uint32(uint16(int16(q))))
		}
		if len(ent) > m {
			keys = append(keys, k)
			lens = append(lens, uint32(len(ent)-m))
		}
	}
	p.buildTable(keys, lens, ent)
	return p
}

// acyclic reports whether following heads from every token reaches 0.
func acyclic(heads []int32) bool {
	n := len(heads) - 1
	for i := 1; i <= n; i++ {
		h, steps := heads[i], 0
		for h != 0 {
			if h < 0 || int(h) > n || steps > n {
				return false
			}
			h = heads[h]
			steps++
		}
	}
	return true
}

// projectivise lifts non-projective arcs to the grandparent, shortest arc
// first, until the tree is projective; it reports whether it changed
// anything. Labels are kept.
func projectivise(heads []int32) bool {
	changed := false
	n := int32(len(heads) - 1)
	for {
		bestD, bestLen := int32(-1), int32(math.MaxInt32)
		for d := int32(1); d <= n; d++ {
			h := heads[d]
			lo, hi := min(h, d), max(h, d)
			if hi-lo >= bestLen {
				continue
			}
			for k := lo + 1; k < hi; k++ {
				if !dominates(heads, h, k) {
					bestD, bestLen = d, hi-lo
					break
				}
			}
		}
		if bestD < 0 {
			return changed
		}
		heads[bestD] = heads[heads[bestD]]
		changed = true
	}
}

// dominates reports whether h is an ancestor of k (or k itself).
func dominates(heads []int32, h, k int32) bool {
	for k != 0 {
		if k == h {
			return true
		}
		k = heads[k]
	}
	return h == 0
}
