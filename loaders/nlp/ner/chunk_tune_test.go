package ner

import (
	"context"
	"os"
	"strconv"
	"testing"
)

// TestTuneChunker scores the name chunker (trained on UD EWT train) on UD
// EWT dev proper-noun runs. Runs only with NER_TUNE=1.
func TestTuneChunker(t *testing.T) {
	gaz := tuneGazetteer(t)
	train, err := readNameChunks("../../../data/ud/en_ewt-ud-train.conllu.gz")
	if err != nil {
		t.Fatal(err)
	}
	dev, err := readNameChunks("../../../data/ud/en_ewt-ud-dev.conllu.gz")
	if err != nil {
		t.Fatal(err)
	}
	feat := func(si *sentInfo, i int, dst []uint64) []uint64 { return gaz.staticFeatures(dst, si, i, nil, false) }
	opts := DefaultTrainOptions()
	opts.Epochs = opts.NameEpochs
	if e, err := strconv.Atoi(os.Getenv("NER_EPOCHS")); err == nil {
		opts.Epochs = e
	}
	if e, err := strconv.Atoi(os.Getenv("NER_RUNS")); err == nil {
		opts.Runs = e
	}
	if e, err := strconv.Atoi(os.Getenv("NER_SEED")); err == nil {
		opts.Seed = int64(e)
	}
	m, err := trainTagger(context.Background(), train, nil, feat, gaz, opts)
	if err != nil {
		t.Fatal(err)
	}
	var p PRF
	for _, s := range dev {
		forms := make([]string, len(s.Tokens))
		gold := make([]string, len(s.Tokens))
		for i, tk := range s.Tokens {
			forms[i], gold[i] = tk.Form, tk.NER
		}
		tags := m.tag(gaz.sentInfo(forms), feat)
		pred := make([]string, len(tags))
		for i, c := range tags {
			pred[i] = m.classes[c]
		}
		g := map[span]bool{}
		for _, sp := range spansOf(gold) {
			g[sp] = true
			p.Gold++
		}
		for _, sp := range spansOf(pred) {
			p.Pred++
			if g[sp] {
				p.Correct++
			}
		}
	}
	t.Logf("name chunker on UD dev: P %.1f R %.1f F1 %.1f", 100*p.Precision(), 100*p.Recall(), 100*p.F1())
}
