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
	classes []string // "O", "B-PER", "I-PER", …
	types   []string // type of each class ("" for O)
	begin   []bool   // whether each class is a B- tag
	idx     map[uint64]int32
	w       []float32 // len(idx) × len(classes)
	gaz     *Gazetteer
	pool    sync.Pool
}

var _ nlp.Recognizer = (*Recognizer)(nil)

// TrainOptions configure Train.
type TrainOptions struct {
	// Train lists IOB2 files (".gz" allowed) to learn from.
	Train []string
	// GazetteerDir is the folder of lists read by LoadGazetteer
	// ("" trains without gazetteer and lexicon features).
	GazetteerDir string
	Seed         int64
	Epochs       int // passes over the data; 0 means 12
	// MinWeight drops averaged weights whose magnitude is below it (0 means
	// 1e-3) to keep the model small.
	MinWeight float64
	// Log, when not nil, receives one line per epoch.
	Log io.Writer
}

// DefaultTrainOptions are the settings the shipped model was trained with,
// with paths relative to the repository root.
func DefaultTrainOptions() TrainOptions {
	return TrainOptions{
		Train:        []string{"data/ner/en_ewt-ud-dev.iob2.gz"},
		GazetteerDir: "data/gazetteer",
		Seed:         1,
		Epochs:       12,
	}
}

// DefaultModelPath is where the trained model is committed.
const DefaultModelPath = "data/models/ner.gob.gz"

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

// Train learns a recognizer from opts.Train. The result depends only on the
// data and opts (same seed, same model).
func Train(ctx context.Context, opts TrainOptions) (*Recognizer, error) {
	if len(opts.Train) == 0 {
		return nil, errors.New("ner: no training files")
	}
	if opts.Epochs <= 0 {
		opts.Epochs = 12
	}
	if opts.MinWeight <= 0 {
		opts.MinWeight = 1e-3
	}
	var gaz *Gazetteer
	if opts.GazetteerDir != "" {
		var err error
		if gaz, err = LoadGazetteer(opts.GazetteerDir); err != nil {
			return nil, err
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
	return trainSentences(ctx, sents, gaz, opts)
}

func trainSentences(ctx context.Context, sents []nlp.Sentence, gaz *Gazetteer, opts TrainOptions) (*Recognizer, error) {
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
	r := &Recognizer{gaz: gaz}
	r.setClasses(classes)
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
			if !r.allowed(prevClass(gold, i), gold[i]) {
				gold[i] = cls["B-"+r.types[gold[i]]]
			}
		}
		si := gaz.sentInfo(forms)
		ex := example{si: si, gold: gold, feat: make([][]uint64, len(forms))}
		for i := range forms {
			ex.feat[i] = gaz.staticFeatures(nil, si, i)
		}
		exs[n] = ex
	}

	t := &trainer{nc: len(classes), idx: map[uint64]int32{}}
	rng := rand.New(rand.NewSource(opts.Seed))
	order := make([]int, len(exs))
	for i := range order {
		order[i] = i
	}
	scores := make([]float32, len(classes))
	var feats []uint64
	for epoch := 0; epoch < opts.Epochs; epoch++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		errs, total := 0, 0
		for _, n := range order {
			ex := &exs[n]
			pred := make([]int, len(ex.gold))
			for i := range ex.gold {
				t.clock++
				feats = dynamicFeatures(append(feats[:0], ex.feat[i]...), ex.si, i, r.tagName(pred, i-1), r.tagName(pred, i-2))
				p := r.best(scores, feats, prevClass(pred, i), func(f uint64) []float32 {
					k := t.row(f, false)
					if k < 0 {
						return nil
					}
					return t.w[k*t.nc : (k+1)*t.nc]
				})
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
			fmt.Fprintf(opts.Log, "epoch %d: token error rate %.4f, %d features\n", epoch+1, float64(errs)/float64(total), len(t.idx))
		}
	}
	// Average and prune.
	type kw struct {
		key uint64
		row int
	}
	keys := make([]kw, 0, len(t.idx))
	for k, row := range t.idx {
		keys = append(keys, kw{k, int(row)})
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i].key < keys[j].key })
	r.idx = make(map[uint64]int32, len(keys))
	T := float64(t.clock)
	for _, k := range keys {
		row := make([]float32, t.nc)
		keep := false
		for c := range t.nc {
			i := k.row*t.nc + c
			avg := (t.tot[i] + float64(t.clock-t.ts[i])*float64(t.w[i])) / T
			if math.Abs(avg) >= opts.MinWeight {
				row[c] = float32(avg)
				keep = true
			}
		}
		if keep {
			r.idx[k.key] = int32(len(r.w) / t.nc)
			r.w = append(r.w, row...)
		}
	}
	return r, nil
}

func prevClass(tags []int, i int) int {
	if i <= 0 {
		return 0
	}
	return tags[i-1]
}

func (r *Recognizer) setClasses(classes []string) {
	r.classes = classes
	r.types = make([]string, len(classes))
	r.begin = make([]bool, len(classes))
	for i, c := range classes {
		if len(c) > 2 {
			r.types[i] = c[2:]
			r.begin[i] = c[0] == 'B'
		}
	}
}

// allowed reports whether class c may follow class prev in IOB2.
func (r *Recognizer) allowed(prev, c int) bool {
	if r.types[c] == "" || r.begin[c] {
		return true
	}
	return r.types[prev] == r.types[c]
}

func (r *Recognizer) tagName(tags []int, i int) string {
	if i < 0 {
		return "<s>"
	}
	return r.classes[tags[i]]
}

// best scores feats and returns the best class allowed after prev.
func (r *Recognizer) best(scores []float32, feats []uint64, prev int, weights func(uint64) []float32) int {
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
		if r.allowed(prev, c) && (scores[c] > scores[best] || !r.allowed(prev, best)) {
			best = c
		}
	}
	return best
}

func (r *Recognizer) weights(f uint64) []float32 {
	k, ok := r.idx[f]
	if !ok {
		return nil
	}
	n := len(r.classes)
	return r.w[int(k)*n : int(k)*n+n]
}

type scratch struct {
	feats  []uint64
	scores []float32
	tags   []int
}

// tagLearned runs the perceptron over forms and returns its IOB2 classes.
func (r *Recognizer) tagLearned(si *sentInfo) []int {
	sc, _ := r.pool.Get().(*scratch)
	if sc == nil {
		sc = &scratch{scores: make([]float32, len(r.classes))}
	}
	defer r.pool.Put(sc)
	tags := make([]int, len(si.forms))
	for i := range si.forms {
		sc.feats = r.gaz.staticFeatures(sc.feats[:0], si, i)
		sc.feats = dynamicFeatures(sc.feats, si, i, r.tagName(tags, i-1), r.tagName(tags, i-2))
		tags[i] = r.best(sc.scores, sc.feats, prevClass(tags, i), r.weights)
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
	tags := r.tagLearned(si)
	var learned []span
	names := make([]string, n)
	for i, c := range tags {
		names[i] = r.classes[c]
	}
	for _, sp := range spansOf(names) {
		sp.typ = r.mapType(sp, si)
		learned = append(learned, sp)
	}
	taken := make([]bool, n)
	for _, sp := range learned {
		for k := sp.start; k < sp.end; k++ {
			taken[k] = true
		}
	}
	all := append(learned, r.ruleSpans(si, taken)...)
	slices.SortFunc(all, func(a, b span) int { return a.start - b.start })
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
		if cat&gpeCats != 0 {
			return nlp.GPE
		}
		// "Kursk region", "Tampa Bay": a place with a known GPE head is
		// still a GPE only when the whole span is one.
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
	Version int
	Classes []string
	Keys    []uint64
	W       []float32
	Gaz     *Gazetteer
}

const modelVersion = 1

// Save writes the model (weights and gazetteer) gzip-compressed to w.
func (r *Recognizer) Save(w io.Writer) error {
	mf := modelFile{Version: modelVersion, Classes: r.classes, Gaz: r.gaz}
	mf.Keys = make([]uint64, 0, len(r.idx))
	for k := range r.idx {
		mf.Keys = append(mf.Keys, k)
	}
	slices.Sort(mf.Keys)
	n := len(r.classes)
	mf.W = make([]float32, 0, len(r.w))
	for _, k := range mf.Keys {
		i := int(r.idx[k])
		mf.W = append(mf.W, r.w[i*n:i*n+n]...)
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
	n := len(mf.Classes)
	if n == 0 || len(mf.W) != len(mf.Keys)*n {
		return nil, fmt.Errorf("ner: load model: %d weights for %d features × %d classes", len(mf.W), len(mf.Keys), n)
	}
	r := &Recognizer{gaz: mf.Gaz, w: mf.W, idx: make(map[uint64]int32, len(mf.Keys))}
	r.setClasses(mf.Classes)
	for i, k := range mf.Keys {
		r.idx[k] = int32(i)
	}
	if r.gaz == nil {
		r.gaz = &Gazetteer{}
	}
	return r, nil
}
