package tag

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/newsgraph/newsgraph/loaders/nlp/conllu"
)

// TrainOptions configures Train.
type TrainOptions struct {
	Train, Dev string    // CoNLL-U files (.conllu or .conllu.gz); Dev may be ""
	Epochs     int       // passes over Train; 0 means 10
	Seed       int64     // shuffling seed: the same seed gives the same model
	Log        io.Writer // progress, one line per epoch; nil for none

	// Prune drops averaged weights whose magnitude is below it when the
	// model is built; 0 means 0.05. Negative keeps every weight.
	Prune float64
	// DictMinCount and DictMinShare select the words tagged from the tag
	// dictionary: seen at least DictMinCount times in Train, with their most
	// frequent class at least DictMinShare of those. 0 means 20 and 0.995.
	DictMinCount int
	DictMinShare float64
	// OnePass trains only the left-to-right first pass (faster to train and
	// to run, less accurate).
	OnePass bool
	// Mix is the number of perceptrons trained per pass, each on its own
	// shuffles, whose weights are averaged into the pass's model: slower to
	// train, bigger and slower to load, a little more accurate. 0 means 1.
	Mix int
	// NoLexicon leaves out the features from the embedded word lexicon
	// (WordNet 3.0 and the SCOWL word list, see lexicon.go) for words
	// without an ambiguity class, which are worth +0.4 points of EWT dev
	// XPOS (docs/tagger.md). With it and the other options zero, Train
	// gives the model committed before the lexicon.
	NoLexicon bool
	// NoBidir leaves out the bidirectional stacking: by default (but never
	// with OnePass or NoLexicon) the first pass tags right to left and a
	// pruned left-to-right pass adds its classes to what the second pass
	// sees; tagging runs it only on tokens where the first pass's margin
	// is small. Both are jackknifed for the second pass's training.
	// With it and the other options zero, Train gives the model committed
	// before the bidirectional stacking.
	NoBidir bool
	// OtherPrune is Prune for the other-direction pass and its jackknife
	// folds (0: 3).
	OtherPrune float64
	// AmbMinCount and AmbMinShare select the ambiguity class features: a
	// word seen at least AmbMinCount times gets the set of classes that make
	// up at least AmbMinShare of its occurrences. 0 means 5 (3 with
	// NoLexicon) and 0.01.
	AmbMinCount int
	AmbMinShare float64
}

// bidir reports whether the options ask for bidirectional stacking.
func (o *TrainOptions) bidir() bool { return !o.NoBidir && !o.OnePass && !o.NoLexicon }

func (o *TrainOptions) defaults() {
	if o.Epochs <= 0 {
		o.Epochs = 10
	}
	if o.Prune == 0 {
		o.Prune = 0.05
	}
	if o.DictMinCount <= 0 {
		o.DictMinCount = 20
	}
	if o.OtherPrune == 0 {
		o.OtherPrune = 3
	}
	if o.AmbMinCount <= 0 {
		// With the lexicon, words seen 3 or 4 times are better tagged
		// from it and their spelling than from their identity (EWT dev,
		// one pass, seeds 1 and 2: +0.14).
		o.AmbMinCount = 5
		if o.NoLexicon {
			o.AmbMinCount = 3
		}
	}
	if o.AmbMinShare <= 0 {
		o.AmbMinShare = 0.01
	}
	if o.DictMinShare <= 0 {
		o.DictMinShare = 0.995
	}
}

// Train trains a tagger on opts.Train. When opts.Dev is set, the model of
// the epoch with the best dev XPOS accuracy is kept; otherwise the last.
func Train(ctx context.Context, opts TrainOptions) (*Tagger, error) {
	opts.defaults()
	logf := func(format string, args ...any) {
		if opts.Log != nil {
			fmt.Fprintf(opts.Log, format+"\n", args...)
		}
	}
	train, err := conllu.ReadFile(opts.Train)
	if err != nil {
		return nil, fmt.Errorf("tag: read training data %s: %w", opts.Train, err)
	}
	if len(train) == 0 {
		return nil, fmt.Errorf("tag: training data %s has no sentences", opts.Train)
	}
	var dev []*conllu.Sentence
	if opts.Dev != "" {
		if dev, err = conllu.ReadFile(opts.Dev); err != nil {
			return nil, fmt.Errorf("tag: read dev data %s: %w", opts.Dev, err)
		}
	}
	start := time.Now()
	t, gold, err := newFromCorpus(train, &opts)
	if err != nil {
		return nil, err
	}
	logf("tag: %d sentences, %d classes, %d dictionary words, %d FEATS values", len(train), len(t.xpos), len(t.dictKeys), len(t.feats))

	rng := rand.New(rand.NewPCG(uint64(opts.Seed), 0x7a6e_7467))
	all := make([]int, len(train))
	for i := range all {
		all[i] = i
	}
	tr := &trainer{t: t, train: train, gold: gold, rng: rng, prune: opts.Prune, ctx: ctx, logf: logf, start: start}
	var eval func(m *model) Scores
	if len(dev) > 0 {
		eval = func(m *model) Scores { t.m, t.m2 = m, nil; return Evaluate(t, dev) }
	}
	tr.rev = t.rev
	m1, epochs1, err := tr.mixed("pass 1", all, nil, nil, opts.Epochs, eval, opts.Mix)
	if err != nil {
		return nil, err
	}
	t.m, t.m2 = m1, nil
	if opts.OnePass {
		return t, nil
	}
	// Jackknife: first-pass classes for each fold from a model trained on
	// the other folds, so that the second pass learns how far to trust
	// them on unseen text.
	const folds = 4
	jack := make([][]uint8, len(train))
	var other [][]uint8
	bidir := opts.bidir()
	dirs := []bool{t.rev}
	if bidir {
		other = make([][]uint8, len(train))
		dirs = append(dirs, !t.rev)
	}
	jmarg := make([][]float32, len(train))
	otherPrune := opts.OtherPrune
	sc := t.newScratch()
	for d, rev := range dirs {
		out := jack
		if d == 1 {
			out = other
		}
		tr.rev = rev
		if d == 1 {
			tr.prune = otherPrune
		}
		for k := range folds {
			var idx []int
			for _, si := range all {
				if si%folds != k {
					idx = append(idx, si)
				}
			}
			m, _, err := tr.pass(fmt.Sprintf("direction %d fold %d", d+1, k+1), idx, nil, nil, epochs1, nil)
			if err != nil {
				return nil, err
			}
			for si := k; si < len(train); si += folds {
				t.prepare(&train[si].Sentence, sc)
				n := len(train[si].Tokens)
				if d == 1 {
					out[si] = t.otherPass(m, sc.infos, sc, jack[si], jmarg[si], make([]uint8, n))
					continue
				}
				jmarg[si] = make([]float32, n)
				out[si] = t.firstPass(m, rev, sc, make([]uint8, n), jmarg[si])
			}
		}
	}
	var mo *model
	if bidir {
		tr.rev = !t.rev
		if mo, _, err = tr.pass("pass 1, other direction", all, nil, nil, epochs1, nil); err != nil {
			return nil, err
		}
		tr.prune = opts.Prune
		t.mo = mo
	}
	if len(dev) > 0 {
		eval = func(m *model) Scores { t.m, t.m2 = m1, m; return Evaluate(t, dev) }
	}
	m2, _, err := tr.mixed("pass 2", all, jack, other, opts.Epochs, eval, opts.Mix)
	if err != nil {
		return nil, err
	}
	t.m, t.m2 = m1, m2
	return t, nil
}

// trainer holds what the training passes share.
type trainer struct {
	ctx   context.Context
	t     *Tagger
	train []*conllu.Sentence
	gold  [][]uint8
	rng   *rand.Rand
	prune float64
	logf  func(string, ...any)
	start time.Time
	rev   bool // first passes tag right to left
}

// mixed trains k perceptrons (at least one) as pass does, each on its own
// shuffles, and returns the average of their weights and the chosen epoch
// of the first.
func (tr *trainer) mixed(name string, idx []int, first, other [][]uint8, epochs int, eval func(*model) Scores, k int) (*model, int, error) {
	var models []*model
	epoch1 := 0
	for i := range max(k, 1) {
		label := name
		if k > 1 {
			label = fmt.Sprintf("%s model %d", name, i+1)
		}
		m, e, err := tr.pass(label, idx, first, other, epochs, eval)
		if err != nil {
			return nil, 0, err
		}
		if i == 0 {
			epoch1 = e
		}
		models = append(models, m)
	}
	if len(models) == 1 {
		return models[0], epoch1, nil
	}
	m := mixModels(models)
	if eval != nil {
		tr.logf("tag: %s, average of %d models: features %d  dev %s", name, len(models), len(m.keys), eval(m))
	}
	return m, epoch1, nil
}

// pass trains one perceptron on the sentences idx for the given epochs,
// with second-pass features when first is not nil. With eval, it returns
// the model of the epoch with the best dev XPOS accuracy and that epoch;
// otherwise the last.
func (tr *trainer) pass(name string, idx []int, first, other [][]uint8, epochs int, eval func(*model) Scores) (*model, int, error) {
	t := tr.t
	p := &perceptron{nc: len(t.xpos), rowOf: map[uint64]int32{}, c: 1}
	sc := t.newScratch()
	order := slices.Clone(idx)
	var best *model
	bestEpoch, bestAcc := 0, -1.0
	for epoch := 1; epoch <= epochs; epoch++ {
		tr.rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		correct, total := 0, 0
		for n, si := range order {
			if n%1000 == 0 {
				if err := tr.ctx.Err(); err != nil {
					return nil, 0, err
				}
			}
			s := &tr.train[si].Sentence
			t.prepare(s, sc)
			infos := sc.infos
			rev := first == nil && tr.rev
			if rev {
				infos = sc.reversed()
			}
			prev1, prev2 := startClass, startClass
			for i := range s.Tokens {
				truth := int(tr.gold[si][i])
				if rev {
					truth = int(tr.gold[si][len(s.Tokens)-1-i])
				}
				c, ok := t.dict[infos[i+pad].word]
				guess := int(c)
				if !ok {
					feats := features(&sc.feats, infos, i, prev1, prev2, t.useLex())
					if first != nil {
						var o []uint8
						if other != nil {
							o = other[si]
						}
						nf := len(feats)
						k := rightFeatures(sc.feats[nf:], infos, first[si], o, i, prev1)
						feats = sc.feats[:nf+k]
					}
					guess = p.predict(sc.scores, feats)
					p.update(truth, guess, feats)
				}
				p.c++
				if guess == truth {
					correct++
				}
				total++
				prev2, prev1 = prev1, guess
			}
		}
		m := p.average(tr.prune)
		msg := fmt.Sprintf("tag: %s epoch %d  train %.2f%%  features %d  kept %d  %s", name, epoch,
			100*float64(correct)/float64(total), len(p.keys), len(m.keys), time.Since(tr.start).Round(time.Millisecond))
		if eval != nil {
			s := eval(m)
			msg += "  dev " + s.String()
			if s.XPOS > bestAcc {
				bestAcc, best, bestEpoch = s.XPOS, m, epoch
			}
		} else {
			best, bestEpoch = m, epoch
		}
		tr.logf("%s", msg)
	}
	return best, bestEpoch, nil
}

// newFromCorpus sets up classes, the tag dictionary and the FEATS lexicon
// from the training sentences, and returns the gold class of every token.
func newFromCorpus(train []*conllu.Sentence, opts *TrainOptions) (*Tagger, [][]uint8, error) {
	type pairKey struct{ x, u string }
	pairCount := map[pairKey]int{}
	for _, s := range train {
		for _, tok := range s.Tokens {
			pairCount[pairKey{tok.XPOS, tok.UPOS}]++
		}
	}
	pairs := make([]pairKey, 0, len(pairCount))
	for k := range pairCount {
		pairs = append(pairs, k)
	}
	slices.SortFunc(pairs, func(a, b pairKey) int {
		if c := cmp.Compare(pairCount[b], pairCount[a]); c != 0 {
			return c
		}
		return cmp.Or(cmp.Compare(a.x, b.x), cmp.Compare(a.u, b.u))
	})
	if len(pairs) >= endClass { // endClass and startClass are history markers
		return nil, nil, fmt.Errorf("tag: %d XPOS|UPOS classes, more than %d", len(pairs), endClass-1)
	}
	t := &Tagger{rev: opts.bidir()}
	classOf := map[pairKey]uint8{}
	for i, p := range pairs {
		t.xpos = append(t.xpos, p.x)
		t.upos = append(t.upos, p.u)
		classOf[p] = uint8(i)
	}

	// Gold classes, word statistics and FEATS counts.
	gold := make([][]uint8, len(train))
	wordCls := map[uint64][]int{}
	lowerCls := map[uint64][]int{}
	type lexKey struct {
		lower uint64
		cls   uint8
	}
	featIndex := map[string]uint16{"_": 0}
	t.feats = []string{"_"}
	lexFeats := map[lexKey]map[uint16]int{}
	clsFeats := make([]map[uint16]int, len(pairs))
	for i := range clsFeats {
		clsFeats[i] = map[uint16]int{}
	}
	var ti tokInfo
	var runes []rune
	for si, s := range train {
		gold[si] = make([]uint8, len(s.Tokens))
		for i, tok := range s.Tokens {
			c := classOf[pairKey{tok.XPOS, tok.UPOS}]
			gold[si][i] = c
			runes = analyse(&ti, tok.Form, i == 0, runes)
			counts := wordCls[ti.word]
			if counts == nil {
				counts = make([]int, len(pairs))
				wordCls[ti.word] = counts
			}
			counts[c]++
			lc := lowerCls[ti.lower]
			if lc == nil {
				lc = make([]int, len(pairs))
				lowerCls[ti.lower] = lc
			}
			lc[c]++
			f := normFeats(tok.Feats)
			fi, ok := featIndex[f]
			if !ok {
				fi = uint16(len(t.feats))
				featIndex[f] = fi
				t.feats = append(t.feats, f)
			}
			k := lexKey{ti.lower, c}
			if lexFeats[k] == nil {
				lexFeats[k] = map[uint16]int{}
			}
			lexFeats[k][fi]++
			clsFeats[c][fi]++
		}
	}
	argmax := func(m map[uint16]int) uint16 {
		var best uint16
		bc := -1
		for k, v := range m {
			if v > bc || v == bc && k < best {
				best, bc = k, v
			}
		}
		return best
	}
	t.featDefault = make([]uint16, len(pairs))
	for c := range clsFeats {
		t.featDefault[c] = argmax(clsFeats[c])
	}
	lexKeys := make([]lexKey, 0, len(lexFeats))
	for k := range lexFeats {
		lexKeys = append(lexKeys, k)
	}
	slices.SortFunc(lexKeys, func(a, b lexKey) int {
		return cmp.Or(cmp.Compare(a.lower, b.lower), cmp.Compare(a.cls, b.cls))
	})
	for _, k := range lexKeys {
		if v := argmax(lexFeats[k]); v != t.featDefault[k.cls] {
			t.featKeys = append(t.featKeys, mix(int(k.cls)+1, k.lower))
			t.featVals = append(t.featVals, v)
		}
	}

	words := make([]uint64, 0, len(wordCls))
	for w := range wordCls {
		words = append(words, w)
	}
	slices.Sort(words)
	for _, w := range words {
		counts := wordCls[w]
		n, best := 0, 0
		for c, v := range counts {
			n += v
			if v > counts[best] {
				best = c
			}
		}
		if n >= opts.DictMinCount && float64(counts[best]) >= opts.DictMinShare*float64(n) {
			t.dictKeys = append(t.dictKeys, w)
			t.dictCls = append(t.dictCls, uint8(best))
		}
	}
	lowers := make([]uint64, 0, len(lowerCls))
	for w := range lowerCls {
		lowers = append(lowers, w)
	}
	slices.Sort(lowers)
	for _, w := range lowers {
		counts := lowerCls[w]
		n := 0
		for _, v := range counts {
			n += v
		}
		if n < opts.AmbMinCount {
			continue
		}
		h := uint64(fnvOffset)
		for c, v := range counts {
			if float64(v) >= opts.AmbMinShare*float64(n) {
				h = (h ^ uint64(c+1)) * fnvPrime
			}
		}
		t.ambKeys = append(t.ambKeys, w)
		t.ambVals = append(t.ambVals, h)
	}
	if !opts.NoLexicon {
		keys, vals, err := readLexicon()
		if err != nil {
			return nil, nil, err
		}
		amb := make(map[uint64]bool, len(t.ambKeys))
		for _, k := range t.ambKeys {
			amb[k] = true
		}
		t.lex = newLexTable(len(keys))
		for i, k := range keys {
			if !amb[k] && !t.lex.add(lexFingerprint(k), vals[i]) && t.lex.get(k) != uint64(vals[i])+1 {
				return nil, nil, fmt.Errorf("tag: embedded lexicon.tsv.gz: two forms with the fingerprint %#x", lexFingerprint(k))
			}
		}
	}
	t.init()
	return t, gold, nil
}

// perceptron is the training-time model: a dense row of weights per
// feature, with lazily averaged weights (w − u/c).
type perceptron struct {
	nc    int
	rowOf map[uint64]int32
	keys  []uint64
	w     []float32
	u     []float64
	c     float64 // number of instances seen, plus one
}

func (p *perceptron) predict(scores []float32, feats []uint64) int {
	clear(scores)
	for _, f := range feats {
		r, ok := p.rowOf[f]
		if !ok {
			continue
		}
		row := p.w[int(r)*p.nc : int(r+1)*p.nc]
		for c, v := range row {
			scores[c] += v
		}
	}
	best := 0
	for c, v := range scores {
		if v > scores[best] {
			best = c
		}
	}
	return best
}

func (p *perceptron) update(truth, guess int, feats []uint64) {
	if truth == guess {
		return
	}
	for _, f := range feats {
		r, ok := p.rowOf[f]
		if !ok {
			r = int32(len(p.keys))
			p.rowOf[f] = r
			p.keys = append(p.keys, f)
			p.w = append(p.w, make([]float32, p.nc)...)
			p.u = append(p.u, make([]float64, p.nc)...)
		}
		base := int(r) * p.nc
		p.w[base+truth]++
		p.u[base+truth] += p.c
		p.w[base+guess]--
		p.u[base+guess] -= p.c
	}
}

// average returns the averaged weights as a sparse model, dropping those
// below prune in magnitude.
func (p *perceptron) average(prune float64) *model {
	var keys []uint64
	var rows [][]entry
	for r, k := range p.keys {
		var row []entry
		for c := range p.nc {
			i := r*p.nc + c
			v := float64(p.w[i]) - p.u[i]/p.c
			if math.Abs(v) >= prune && v != 0 {
				row = append(row, entry{uint8(c), float32(v)})
			}
		}
		if len(row) > 0 {
			keys = append(keys, k)
			rows = append(rows, row)
		}
	}
	return buildModel(keys, rows)
}
