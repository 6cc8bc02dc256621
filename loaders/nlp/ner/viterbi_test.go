package ner

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/loaders/nlp"
)

// TestDecodeViterbi: where the best first class looks worse on its own but
// makes a far better sequence, Viterbi finds the sequence and greedy decoding
// does not; neither ever puts I- after a class of another type.
func TestDecodeViterbi(t *testing.T) {
	forms := []string{"Kim", "Jong", "Un", "said"}
	si := (*Gazetteer)(nil).sentInfo(forms)
	w := map[uint64][]float32{} // O, B-PER, I-PER
	static := func(i int, dst []uint64) []uint64 { return append(dst, fh(fLower, si.lower[i])) }
	w[fh(fLower, "kim")] = []float32{1, 0.9, 0}
	w[fh(fLower, "jong")] = []float32{0, 0, 3}
	w[fh(fLower, "un")] = []float32{0, 0, 3}
	w[fh(fLower, "said")] = []float32{2, 0, 0}
	m := &tagger{}
	m.setClasses([]string{"O", "B-PER", "I-PER"})
	weights := func(f uint64) []float32 { return w[f] }

	var lt lattice
	got := m.decode(&lt, len(forms), static, si, weights, 0)
	if want := []int{1, 2, 2, 0}; !slices.Equal(got, want) {
		t.Errorf("viterbi: got %v, want %v (B-PER I-PER I-PER O)", got, want)
	}
	// Greedy with the same weights takes O for "Kim"; I-PER cannot follow O,
	// so it loses the whole name.
	var greedy []int
	scores := make([]float32, 3)
	for i := range forms {
		greedy = append(greedy, m.best(scores, static(i, nil), prevClass(greedy, i), weights))
	}
	if want := []int{0, 0, 0, 0}; !slices.Equal(greedy, want) {
		t.Errorf("greedy: got %v, want %v", greedy, want)
	}
	// With the O penalty large enough, "said" joins the name; O never
	// precedes I-PER.
	got = m.decode(&lt, len(forms), static, si, weights, 10)
	for i, c := range got {
		if !m.allowed(prevClass(got, i), c) {
			t.Errorf("penalised decode %v breaks IOB2 at %d", got, i)
		}
	}
	if got[0] != 1 {
		t.Errorf("penalised decode %v: want B-PER first", got)
	}
	if n := m.decode(&lt, 0, static, si, weights, 0); len(n) != 0 {
		t.Errorf("empty sentence: %v", n)
	}
}

// TestTrainViterbi: the structured perceptron learns a two-token name from
// three sentences and tags it in a new one, and training is deterministic.
func TestTrainViterbi(t *testing.T) {
	sents := []string{"Kim Jong said .", "then Kim Jong left .", "Kim Jong Un came ."}
	tags := [][]string{{"B-PER", "I-PER", "O", "O"}, {"O", "B-PER", "I-PER", "O", "O"}, {"B-PER", "I-PER", "I-PER", "O", "O"}}
	var train []nlp.Sentence
	for i, s := range sents {
		var st nlp.Sentence
		for k, f := range strings.Fields(s) {
			st.Tokens = append(st.Tokens, nlp.Token{ID: k + 1, Form: f, NER: tags[i][k]})
		}
		train = append(train, st)
	}
	opts := DefaultTrainOptions()
	opts.Epochs = 10
	a, err := trainRecognizer(context.Background(), train, nil, nil, opts)
	if err != nil {
		t.Fatal(err)
	}
	b, err := trainRecognizer(context.Background(), train, nil, nil, opts)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(a.ner.w, b.ner.w) {
		t.Fatal("two trainings with the same seed differ")
	}
	if !a.ner.viterbi {
		t.Fatal("DefaultTrainOptions no longer trains for Viterbi decoding")
	}
	s := tokenize("Kim Jong left .")
	a.Recognize(&s)
	if len(s.Entities) != 1 || s.Entities[0].Text != "Kim Jong" {
		t.Errorf("entities %+v, want one PERSON Kim Jong", s.Entities)
	}
}
