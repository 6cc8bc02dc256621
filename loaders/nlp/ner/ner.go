// Package ner is newsgraph's named-entity recognizer: a greedy averaged
// perceptron over IOB2 tags for the learned types (PERSON, ORG, places, MISC),
// trained on Universal NER English-EWT with gazetteer and lexicon features,
// followed by gazetteer rules (GPE vs LOC, NORP) and deterministic rules for
// dates, times, numbers, quantities, percentages, money and ordinals.
//
// A Recognizer is loaded once (Load) and is then safe for concurrent use.
package ner

import (
	"compress/gzip"
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/newsgraph/newsgraph/loaders/nlp"
)

// Recognizer tags named entities. It implements nlp.Recognizer.
type Recognizer struct {
	ner   *tagger // UNER types: PER, ORG, LOC (OTH when trained with it)
	names *tagger // proper-name chunks (NAME), learned from UD PROPN runs; may be nil
	gaz   *Gazetteer
	orgEv bool // the entity tagger has the organisation-evidence features (orgEvidence)
}

var _ nlp.Recognizer = (*Recognizer)(nil)

// TrainOptions configure Train.
type TrainOptions struct {
	// Train lists IOB2 files (".gz" allowed) to learn from.
	Train []string
	// GUM is a corpus with GUM's entity layer (".gz" allowed) whose named
	// mentions of persons, organisations and places, outside its held-out
	// documents, are added to Train (see gumSentences); "" for none.
	GUM string
	// GUMGenres keeps only these GUM genres (all when empty).
	GUMGenres []string
	// GUMWeight repeats the GUM sentences this many times (0 or 1: once).
	GUMWeight int
	// OrgEvidence gives the entity tagger the organisation-evidence
	// features (corporate suffixes, "said in a statement", "chief executive
	// of"; orgEvidence).
	OrgEvidence bool
	// Names is a CoNLL-U treebank (".gz" allowed) whose PROPN runs train the
	// proper-name chunker whose output the entity tagger uses as features;
	// "" trains without it.
	Names string
	// GazetteerDir is the folder of lists read by LoadGazetteer
	// ("" trains without gazetteer and lexicon features).
	GazetteerDir string
	Seed         int64
	Epochs       int // passes over the data; 0 means 12
	NameEpochs   int // passes of the name chunker; 0 means 5
	// SelfTrain adds treebank sentences tagged by a first model where its
	// entities agree with the treebank's proper nouns (needs Names).
	SelfTrain bool
	// SelfTrainRounds is how many times the treebank is re-tagged with the
	// latest model (0 means 1).
	SelfTrainRounds int
	// GoldWeight repeats the gold sentences this many times when
	// self-training (0 or 1: once).
	GoldWeight int
	// OPenalty is subtracted from the O class's score when decoding (chosen
	// by cross-validation on dev; trades precision for recall).
	OPenalty float32
	// MinWeight drops averaged weights whose magnitude is below it (0 means
	// 1e-3) to keep the model small.
	MinWeight float64
	// Runs trains the entity tagger this many times with different seeds
	// and averages the weights (0 means 1).
	Runs int
	// NameRuns is Runs for the name chunker (0 means 1).
	NameRuns int
	// Viterbi trains both taggers as first-order structured perceptrons and
	// decodes with Viterbi; false trains and decodes greedily, left to right,
	// with the two previous classes as features.
	Viterbi bool
	// Log, when not nil, receives one line per epoch.
	Log io.Writer
}

// DefaultTrainOptions are the settings the shipped model was trained with,
// with paths relative to the repository root.
func DefaultTrainOptions() TrainOptions {
	return TrainOptions{
		Train:        []string{"data/ner/en_ewt-ud-dev.iob2.gz"},
		GUM:          "data/gum/gum-train-cc-by.conllu.gz", // round 4 (docs/ner.md)
		OrgEvidence:  true,                                 // round 4
		Names:        "data/ud/en_ewt-ud-train.conllu.gz",
		GazetteerDir: "data/gazetteer",
		Seed:         1,
		Epochs:       5,
		NameEpochs:   5,
		SelfTrain:    true,
		// Chosen by 5-fold cross-validation on UNER EWT dev (TestTune).
		SelfTrainRounds: 2,
		Viterbi:         true,
	}
}

// DefaultModelPath is where the trained model is committed.
const DefaultModelPath = "data/models/ner.gob.gz"

// DefaultTestPath is the evaluation file (UNER English-EWT test).
const DefaultTestPath = "data/ner/en_ewt-ud-test.iob2.gz"

// tagger is a greedy averaged-perceptron IOB2 tagger.
type tagger struct {
	classes []string // "O", "B-PER", "I-PER", …
	types   []string // type of each class ("" for O)
	begin   []bool   // whether each class is a B- tag
	keys    []uint64 // feature keys, ascending; row i of w is keys[i]'s
	rows    rowTable
	w       []float32 // len(keys) × len(classes)
	// oPenalty is subtracted from the score of class O when decoding: a
	// larger value trades precision for recall.
	oPenalty float32
	// viterbi selects first-order Viterbi decoding (viterbi.go).
	viterbi bool
	pool    sync.Pool
}

type example struct {
	si   *sentInfo
	gold []int
	feat [][]uint64
}

// trainer holds averaged-perceptron state.
type trainer struct {
	nc    int
	idx   map[uint64]int32
	w     []float32
	tot   []float64
	ts    []int32
	clock int32
}

func (t *trainer) row(f uint64, add bool) int {
	if i, ok := t.idx[f]; ok {
		return int(i)
	}
	if !add {
		return -1
	}
	i := len(t.idx)
	t.idx[f] = int32(i)
	for range t.nc {
		t.w = append(t.w, 0)
		t.tot = append(t.tot, 0)
		t.ts = append(t.ts, 0)
	}
	return i
}

func (t *trainer) update(feats []uint64, c int, d float32) {
	for _, f := range feats {
		k := t.row(f, true)*t.nc + c
		t.tot[k] += float64(t.clock-t.ts[k]) * float64(t.w[k])
		t.ts[k] = t.clock
		t.w[k] += d
	}
}

// Train learns a recognizer from opts. The result depends only on the data
// and opts (same seed, same model).
func Train(ctx context.Context, opts TrainOptions) (*Recognizer, error) {
	if len(opts.Train) == 0 {
		return nil, errors.New("ner: no training files")
	}
	var gaz *Gazetteer
	if opts.GazetteerDir != "" {
		var err error
		if gaz, err = LoadGazetteer(opts.GazetteerDir); err != nil {
			return nil, fmt.Errorf("ner: %w", err)
		}
	}
	var sents []nlp.Sentence
	for _, p := range opts.Train {
		s, err := ReadIOB2File(p)
		if err != nil {
			return nil, fmt.Errorf("ner: %w", err)
		}
		sents = append(sents, s...)
	}
	if opts.GUM != "" {
		g, err := readGUM(opts.GUM, opts.GUMGenres, gaz)
		if err != nil {
			return nil, fmt.Errorf("ner: %w", err)
		}
		for range max(1, opts.GUMWeight) {
			sents = append(sents, g...)
		}
	}
	var names []nlp.Sentence
	if opts.Names != "" {
		var err error
		if names, err = readNameChunks(opts.Names); err != nil {
			return nil, fmt.Errorf("ner: %w", err)
		}
	}
	return trainRecognizer(ctx, sents, names, gaz, opts)
}

func trainRecognizer(ctx context.Context, sents, names []nlp.Sentence, gaz *Gazetteer, opts TrainOptions) (*Recognizer, error) {
	if opts.Epochs <= 0 {
		opts.Epochs = 12
	}
	if opts.NameEpochs <= 0 {
		opts.NameEpochs = 5
	}
	if opts.MinWeight <= 0 {
		opts.MinWeight = 1e-3
	}
	if gaz == nil {
		gaz = &Gazetteer{}
	}
	chunkFeat := func(si *sentInfo, i int, dst []uint64) []uint64 {
		return gaz.staticFeatures(dst, si, i, nil, false)
	}
	r := &Recognizer{gaz: gaz, orgEv: opts.OrgEvidence}
	if len(names) > 0 {
		o := opts
		o.Epochs = opts.NameEpochs
		o.Runs = opts.NameRuns
		var err error
		if r.names, err = trainTagger(ctx, names, nil, chunkFeat, gaz, o); err != nil {
			return nil, err
		}
	}
	var err error
	r.ner, err = trainTagger(ctx, sents, nil, r.features, gaz, opts)
	if err != nil || !opts.SelfTrain || len(names) == 0 {
		if err == nil {
			r.ner.oPenalty = opts.OPenalty
		}
		return r, err
	}

	// Self-training: tag the treebank with the first model and keep the
	// sentences where its entities agree with the treebank's proper nouns.
	// The name-chunker features of those sentences come from a chunker
	// trained on the other half of the treebank (cross-fitting), so they are
	// as noisy as on unseen text.
	half := len(names) / 2
	o := opts
	o.Epochs = opts.NameEpochs
	o.Runs = opts.NameRuns
	chunkA, err := trainTagger(ctx, names[:half], nil, chunkFeat, gaz, o)
	if err != nil {
		return nil, err
	}
	chunkB, err := trainTagger(ctx, names[half:], nil, chunkFeat, gaz, o)
	if err != nil {
		return nil, err
	}
	train := slices.Clone(sents)
	pre := make([][]int, len(sents), len(sents)+len(names))
	for i := 1; i < opts.GoldWeight; i++ {
		train = append(train, sents...)
		pre = append(pre, make([][]int, len(sents))...)
	}
	// Silver tags and chunker outputs are computed once per sentence; each
	// round re-tags with the latest model.
	siNames := make([][]int, len(names))
	sis := make([]*sentInfo, len(names))
	for n, s := range names {
		forms := make([]string, len(s.Tokens))
		for i, t := range s.Tokens {
			forms[i] = t.Form
		}
		sis[n] = gaz.sentInfo(forms)
		chunk := chunkA
		if n < half {
			chunk = chunkB
		}
		siNames[n] = chunk.tag(sis[n], chunkFeat)
	}
	gold, goldPre := train, pre
	for round := 0; round < max(1, opts.SelfTrainRounds); round++ {
		train, pre = slices.Clone(gold), slices.Clone(goldPre)
		kept := 0
		for n, s := range names {
			si := *sis[n]
			si.names = siNames[n]
			tags := r.ner.tag(&si, r.features)
			st := silverTags(r.ner, tags, s, &si)
			if st == nil {
				continue
			}
			silver := nlp.Sentence{Tokens: make([]nlp.Token, len(s.Tokens))}
			for i, t := range s.Tokens {
				silver.Tokens[i] = nlp.Token{ID: i + 1, Form: t.Form, NER: st[i]}
			}
			train = append(train, silver)
			pre = append(pre, si.names)
			kept++
		}
		if opts.Log != nil {
			fmt.Fprintf(opts.Log, "self-training round %d: kept %d of %d treebank sentences\n", round+1, kept, len(names))
		}
		if r.ner, err = trainTagger(ctx, train, pre, r.features, gaz, opts); err != nil {
			return nil, err
		}
	}
	r.ner.oPenalty = opts.OPenalty
	return r, nil
}

// silverTags checks the first model's tags against the treebank's proper
// nouns (gold NAME chunks and relations in s) and returns the silver tags,
// or nil when the sentence is unusable. Every predicted entity must hold a
// proper noun. A proper-noun run the model left out is typed from the
// treebank's structure when that is unambiguous (a multi-word run joined by
// "flat", UD's relation for personal names, is a person; a run the gazetteer
// knows as a country, city or state is a place) and otherwise makes the
// sentence unusable.
func silverTags(m *tagger, tags []int, s nlp.Sentence, si *sentInfo) []string {
	out := make([]string, len(tags))
	inEntity := make([]bool, len(tags))
	for i, c := range tags {
		out[i] = m.classes[c]
	}
	for _, sp := range spansOf(out) {
		propn := false
		for k := sp.start; k < sp.end; k++ {
			inEntity[k] = true
			propn = propn || s.Tokens[k].NER != "O"
		}
		if !propn {
			return nil
		}
	}
	for _, run := range spansOf(namesOf(s)) {
		covered := false
		for k := run.start; k < run.end; k++ {
			covered = covered || inEntity[k]
		}
		if covered {
			continue
		}
		lw := strings.ToLower(s.Tokens[run.start].Form)
		if run.end-run.start == 1 && (months[lw] || weekdays[lw]) {
			continue
		}
		typ := ""
		flat := false
		for k := run.start + 1; k < run.end; k++ {
			flat = flat || s.Tokens[k].DepRel == "flat"
		}
		switch {
		case flat:
			typ = "PER"
		case si.gazBegin[run.start] && si.gazLen[run.start] == run.end-run.start && si.gaz[run.start]&gpeCats != 0:
			typ = "LOC"
		case si.gazBegin[run.start] && si.gazLen[run.start] == run.end-run.start && si.gaz[run.start]&gOrg != 0:
			typ = "ORG"
		default:
			return nil
		}
		if m.classes[m.classIndex("B-"+typ)] != "B-"+typ {
			return nil
		}
		for k := run.start; k < run.end; k++ {
			out[k] = "I-" + typ
		}
		out[run.start] = "B-" + typ
	}
	return out
}

func namesOf(s nlp.Sentence) []string {
	out := make([]string, len(s.Tokens))
	for i, t := range s.Tokens {
		out[i] = t.NER
	}
	return out
}

func (m *tagger) classIndex(c string) int {
	for i, x := range m.classes {
		if x == c {
			return i
		}
	}
	return 0
}

// features are the entity tagger's static features: the gazetteer's plus
// the name chunker's output.
func (r *Recognizer) features(si *sentInfo, i int, dst []uint64) []uint64 {
	if si.names == nil && r.names != nil {
		si.names = r.names.tag(si, func(si *sentInfo, i int, dst []uint64) []uint64 {
			return r.gaz.staticFeatures(dst, si, i, nil, false)
		})
	}
	dst = r.gaz.staticFeatures(dst, si, i, si.names, true)
	if r.orgEv {
		dst = orgEvidence(dst, si, i)
	}
	return dst
}

type featureFunc func(si *sentInfo, i int, dst []uint64) []uint64

// trainTagger trains on sents; pre, when not nil, holds precomputed
// name-chunker classes for some sentences (nil entries are computed).
func trainTagger(ctx context.Context, sents []nlp.Sentence, pre [][]int, feat featureFunc, gaz *Gazetteer, opts TrainOptions) (*tagger, error) {
	// Classes: O then B-/I- per type, types sorted for determinism.
	typeSet := map[string]bool{}
	for _, s := range sents {
		for _, t := range s.Tokens {
			if len(t.NER) > 2 {
				typeSet[t.NER[2:]] = true
			}
		}
	}
	types := make([]string, 0, len(typeSet))
	for t := range typeSet {
		types = append(types, t)
	}
	sort.Strings(types)
	classes := []string{"O"}
	for _, t := range types {
		classes = append(classes, "B-"+t, "I-"+t)
	}
	m := &tagger{viterbi: opts.Viterbi}
	m.setClasses(classes)
	cls := map[string]int{}
	for i, c := range classes {
		cls[c] = i
	}

	exs := make([]example, len(sents))
	for n, s := range sents {
		forms := make([]string, len(s.Tokens))
		gold := make([]int, len(s.Tokens))
		for i, t := range s.Tokens {
			forms[i] = t.Form
			gold[i] = cls[t.NER]
		}
		// Repair I- tags that do not continue a span (lenient IOB2).
		for i := range gold {
			if !m.allowed(prevClass(gold, i), gold[i]) {
				gold[i] = cls["B-"+m.types[gold[i]]]
			}
		}
		si := gaz.sentInfo(forms)
		if pre != nil {
			si.names = pre[n]
		}
		ex := example{si: si, gold: gold, feat: make([][]uint64, len(forms))}
		for i := range forms {
			ex.feat[i] = feat(si, i, nil)
		}
		exs[n] = ex
	}

	runs := max(1, opts.Runs)
	sum := map[uint64][]float64{}
	for run := range runs {
		if err := trainRun(ctx, m, exs, opts, opts.Seed+int64(run)*7919, sum); err != nil {
			return nil, err
		}
	}
	// Average over runs and prune.
	keys := make([]uint64, 0, len(sum))
	for k := range sum {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	nc := len(classes)
	row := make([]float32, nc)
	for _, k := range keys {
		keep := false
		for c, v := range sum[k] {
			avg := v / float64(runs)
			row[c] = 0
			if math.Abs(avg) >= opts.MinWeight {
				row[c] = float32(avg)
				keep = true
			}
		}
		if keep {
			m.keys = append(m.keys, k)
			m.w = append(m.w, row...)
		}
	}
	var err error
	m.rows, err = newRowTable(m.keys)
	return m, err
}

// trainRun runs the averaged perceptron over exs with one seed and adds its
// averaged weights to sum.
func trainRun(ctx context.Context, m *tagger, exs []example, opts TrainOptions, seed int64, sum map[uint64][]float64) error {
	classes := m.classes
	var types []string
	for c := range classes {
		if m.begin[c] {
			types = append(types, m.types[c])
		}
	}
	t := &trainer{nc: len(classes), idx: map[uint64]int32{}}
	rng := rand.New(rand.NewSource(seed))
	order := make([]int, len(exs))
	for i := range order {
		order[i] = i
	}
	scores := make([]float32, len(classes))
	var feats []uint64
	var lt lattice
	weights := func(f uint64) []float32 {
		k := t.row(f, false)
		if k < 0 {
			return nil
		}
		return t.w[k*t.nc : (k+1)*t.nc]
	}
	for epoch := 0; epoch < opts.Epochs; epoch++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		errs, total := 0, 0
		for _, n := range order {
			ex := &exs[n]
			if m.viterbi {
				errs += t.trainSentence(m, &lt, ex, weights)
				total += len(ex.gold)
				continue
			}
			pred := make([]int, len(ex.gold))
			for i := range ex.gold {
				t.clock++
				feats = dynamicFeatures(append(feats[:0], ex.feat[i]...), ex.si, i, m.tagName(pred, i-1), m.tagName(pred, i-2))
				p := m.best(scores, feats, prevClass(pred, i), weights)
				g := ex.gold[i]
				if p != g {
					t.update(feats, g, 1)
					t.update(feats, p, -1)
					errs++
				}
				total++
				pred[i] = p
			}
		}
		if opts.Log != nil {
			fmt.Fprintf(opts.Log, "%v epoch %d: token error rate %.4f, %d features\n", types, epoch+1, float64(errs)/float64(total), len(t.idx))
		}
	}
	T := float64(t.clock)
	for k, r := range t.idx {
		row := sum[k]
		if row == nil {
			row = make([]float64, t.nc)
			sum[k] = row
		}
		for c := range t.nc {
			i := int(r)*t.nc + c
			row[c] += (t.tot[i] + float64(t.clock-t.ts[i])*float64(t.w[i])) / T
		}
	}
	return nil
}

func prevClass(tags []int, i int) int {
	if i <= 0 {
		return 0
	}
	return tags[i-1]
}

func (m *tagger) setClasses(classes []string) {
	m.classes = classes
	m.types = make([]string, len(classes))
	m.begin = make([]bool, len(classes))
	for i, c := range classes {
		if len(c) > 2 {
			m.types[i] = c[2:]
			m.begin[i] = c[0] == 'B'
		}
	}
}

// allowed reports whether class c may follow class prev in IOB2.
func (m *tagger) allowed(prev, c int) bool {
	if m.types[c] == "" || m.begin[c] {
		return true
	}
	return m.types[prev] == m.types[c]
}

func (m *tagger) tagName(tags []int, i int) string {
	if i < 0 {
		return "<s>"
	}
	return m.classes[tags[i]]
}

// best scores feats and returns the best class allowed after prev.
func (m *tagger) best(scores []float32, feats []uint64, prev int, weights func(uint64) []float32) int {
	clear(scores)
	for _, f := range feats {
		if w := weights(f); w != nil {
			for c, x := range w {
				scores[c] += x
			}
		}
	}
	best := 0
	for c := range scores {
		if m.allowed(prev, c) && (scores[c] > scores[best] || !m.allowed(prev, best)) {
			best = c
		}
	}
	return best
}

// bestPenalised is best with the O penalty applied.
func (m *tagger) bestPenalised(scores []float32, feats []uint64, prev int) int {
	if m.oPenalty == 0 {
		return m.best(scores, feats, prev, m.weights)
	}
	clear(scores)
	for _, f := range feats {
		if w := m.weights(f); w != nil {
			for c, x := range w {
				scores[c] += x
			}
		}
	}
	scores[0] -= m.oPenalty
	best := 0
	for c := range scores {
		if m.allowed(prev, c) && (scores[c] > scores[best] || !m.allowed(prev, best)) {
			best = c
		}
	}
	return best
}

func (m *tagger) weights(f uint64) []float32 {
	k := m.rows.row(f)
	if k < 0 {
		return nil
	}
	n := len(m.classes)
	return m.w[k*n : k*n+n]
}

type scratch struct {
	feats  []uint64
	scores []float32
	lt     lattice
}

// tag runs the tagger over a sentence and returns its classes.
func (m *tagger) tag(si *sentInfo, feat featureFunc) []int {
	sc, _ := m.pool.Get().(*scratch)
	if sc == nil {
		sc = &scratch{scores: make([]float32, len(m.classes))}
	}
	defer m.pool.Put(sc)
	if m.viterbi {
		return m.decode(&sc.lt, len(si.forms), func(i int, dst []uint64) []uint64 { return feat(si, i, dst) }, si, m.weights, m.oPenalty)
	}
	tags := make([]int, len(si.forms))
	for i := range si.forms {
		sc.feats = feat(si, i, sc.feats[:0])
		sc.feats = dynamicFeatures(sc.feats, si, i, m.tagName(tags, i-1), m.tagName(tags, i-2))
		tags[i] = m.bestPenalised(sc.scores, sc.feats, prevClass(tags, i))
	}
	return tags
}

// Recognize sets Token.NER (IOB2 with newsgraph's type names, e.g.
// "B-PERSON") on every token of s and replaces s.Entities.
func (r *Recognizer) Recognize(s *nlp.Sentence) {
	n := len(s.Tokens)
	s.Entities = s.Entities[:0]
	if n == 0 {
		return
	}
	forms := make([]string, n)
	for i, t := range s.Tokens {
		forms[i] = t.Form
	}
	si := r.gaz.sentInfo(forms)
	tags := r.ner.tag(si, r.features)
	var learned []span
	names := make([]string, n)
	for i, c := range tags {
		names[i] = r.ner.classes[c]
	}
	learned = r.refine(r.extendToNames(spansOf(names), si), si)
	learned = trimSpans(possessiveBusiness(learned, si), si)
	taken := make([]bool, n)
	for _, sp := range learned {
		for k := sp.start; k < sp.end; k++ {
			taken[k] = true
		}
	}
	learned = r.placeBefore(learned, si, taken)
	learned = orgByHead(learned, si, taken)
	learned = ofNames(learned, si, taken)
	learned = stateCodes(learned, si, taken)
	for i, sp := range learned {
		if sp.typ != nlp.NORP {
			learned[i].typ = r.mapType(sp, si)
		}
	}
	all := append(learned, r.ruleSpans(si, taken)...)
	slices.SortFunc(all, func(a, b span) int { return a.start - b.start })
	all = hyphenNames(all, s)
	for i := range s.Tokens {
		s.Tokens[i].NER = "O"
	}
	for _, sp := range all {
		for k := sp.start; k < sp.end; k++ {
			p := "I-"
			if k == sp.start {
				p = "B-"
			}
			s.Tokens[k].NER = p + sp.typ
		}
		s.Entities = append(s.Entities, nlp.Entity{Start: sp.start, End: sp.end, Type: sp.typ, Text: spanText(s, sp.start, sp.end)})
	}
}

// mapType turns a learned UNER type into newsgraph's: PER→PERSON, ORG→ORG,
// LOC→GPE when the gazetteer knows the place as a country, city or state
// (else LOC), OTH→MISC; a span that is exactly a nationality becomes NORP.
func (r *Recognizer) mapType(sp span, si *sentInfo) string {
	whole := si.gazLen[sp.start] == sp.end-sp.start && si.gazBegin[sp.start]
	cat := uint16(0)
	if whole {
		cat = si.gaz[sp.start]
	}
	if cat&gNORP != 0 && cat&gpeCats == 0 {
		return nlp.NORP
	}
	switch sp.typ {
	case "PER":
		return nlp.Person
	case "ORG":
		return nlp.Org
	case "LOC":
		if cat&(gpeCats|gTown) != 0 {
			return nlp.GPE
		}
		// Only a span the gazetteer knows as a whole is a GPE: "Tampa Bay"
		// is a LOC even though "Tampa" is a city.
		return nlp.Loc
	case "OTH", "MISC":
		return nlp.Misc
	}
	return sp.typ
}

// spanText returns the document text of tokens [a, b): the sentence's text
// between the tokens' offsets when they are usable, else the forms joined.
func spanText(s *nlp.Sentence, a, b int) string {
	st, en := s.Tokens[a].Start-s.Start, s.Tokens[b-1].End-s.Start
	if s.Tokens[b-1].End > 0 && st >= 0 && st < en && en <= len(s.Text) {
		return s.Text[st:en]
	}
	var sb strings.Builder
	for k := a; k < b; k++ {
		sb.WriteString(s.Tokens[k].Form)
		if k+1 < b && s.Tokens[k].SpaceAfter {
			sb.WriteByte(' ')
		}
	}
	return sb.String()
}

// modelFile is the serialised form of a Recognizer.
type modelFile struct {
	Version     int
	NER         taggerFile
	Names       *taggerFile
	Gaz         gazFile
	OrgEvidence bool
}

// gazFile stores a Gazetteer: its maps as sorted slices and its phrase table
// as the table's own bytes (built in the fixed order LoadGazetteer reads its
// lists), so that the same model always serialises to the same bytes.
type gazFile struct {
	PhraseSlots    []byte // phraseTable.keys and .cats, as they are
	PhraseSlotCats []byte
	ExactKeys      []string
	ExactCats      []uint16
	LexKeys        []string
	LexCodes       []uint32
	MaxLen         int
}

func sortedMap[V any](m map[string]V) ([]string, []V) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	vals := make([]V, len(keys))
	for i, k := range keys {
		vals[i] = m[k]
	}
	return keys, vals
}

func toMap[V any](keys []string, vals []V) (map[string]V, error) {
	if len(keys) != len(vals) {
		return nil, fmt.Errorf("gazetteer: %d keys for %d values", len(keys), len(vals))
	}
	m := make(map[string]V, len(keys))
	for i, k := range keys {
		m[k] = vals[i]
	}
	return m, nil
}

func (g *Gazetteer) file() gazFile {
	if g == nil {
		return gazFile{}
	}
	var f gazFile
	f.PhraseSlots, f.PhraseSlotCats = g.phrases.keys, g.phrases.cats
	f.ExactKeys, f.ExactCats = sortedMap(g.Exact)
	f.LexKeys, f.LexCodes = sortedMap(g.Lex)
	f.MaxLen = g.MaxLen
	return f
}

func (f gazFile) gazetteer() (*Gazetteer, error) {
	g := &Gazetteer{MaxLen: f.MaxLen}
	var err error
	if g.phrases, err = decodeTable(f.PhraseSlots, f.PhraseSlotCats); err != nil {
		return nil, err
	}
	if g.Exact, err = toMap(f.ExactKeys, f.ExactCats); err != nil {
		return nil, err
	}
	if g.Lex, err = toMap(f.LexKeys, f.LexCodes); err != nil {
		return nil, err
	}
	return g, nil
}

type taggerFile struct {
	Classes  []string
	Keys     []uint64
	W        []float32
	OPenalty float32
	Viterbi  bool
}

const modelVersion = 4

func (m *tagger) file() taggerFile {
	return taggerFile{Classes: m.classes, Keys: m.keys, W: m.w, OPenalty: m.oPenalty, Viterbi: m.viterbi}
}

func (tf *taggerFile) tagger() (*tagger, error) {
	n := len(tf.Classes)
	if n == 0 || len(tf.W) != len(tf.Keys)*n {
		return nil, fmt.Errorf("%d weights for %d features × %d classes", len(tf.W), len(tf.Keys), n)
	}
	if !slices.IsSorted(tf.Keys) {
		return nil, errors.New("feature keys out of order")
	}
	rows, err := newRowTable(tf.Keys)
	if err != nil {
		return nil, err
	}
	m := &tagger{w: tf.W, keys: tf.Keys, rows: rows, oPenalty: tf.OPenalty, viterbi: tf.Viterbi}
	m.setClasses(tf.Classes)
	return m, nil
}

// Save writes the model (weights and gazetteer) gzip-compressed to w.
func (r *Recognizer) Save(w io.Writer) error {
	mf := modelFile{Version: modelVersion, NER: r.ner.file(), Gaz: r.gaz.file(), OrgEvidence: r.orgEv}
	if r.names != nil {
		f := r.names.file()
		mf.Names = &f
	}
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	if err := gob.NewEncoder(zw).Encode(&mf); err != nil {
		return fmt.Errorf("ner: save model: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("ner: save model: %w", err)
	}
	return nil
}

// Load reads a model written by Save.
func Load(rd io.Reader) (*Recognizer, error) {
	zr, err := gzip.NewReader(rd)
	if err != nil {
		return nil, fmt.Errorf("ner: load model: %w", err)
	}
	var mf modelFile
	if err := gob.NewDecoder(zr).Decode(&mf); err != nil {
		return nil, fmt.Errorf("ner: load model: %w", err)
	}
	if mf.Version != modelVersion {
		return nil, fmt.Errorf("ner: load model: version %d, want %d", mf.Version, modelVersion)
	}
	r := &Recognizer{}
	if r.gaz, err = mf.Gaz.gazetteer(); err != nil {
		return nil, fmt.Errorf("ner: load model: %w", err)
	}
	if r.ner, err = mf.NER.tagger(); err != nil {
		return nil, fmt.Errorf("ner: load model: %w", err)
	}
	if mf.Names != nil {
		if r.names, err = mf.Names.tagger(); err != nil {
			return nil, fmt.Errorf("ner: load model: name chunker: %w", err)
		}
	}
	r.orgEv = mf.OrgEvidence
	return r, nil
}
