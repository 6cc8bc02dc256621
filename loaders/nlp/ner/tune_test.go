package ner

import (
	"context"
	"os"
	"strconv"
	"testing"
)

// TestTune trains on the first 90% of UNER EWT dev and scores the held-out
// last 10%: the split used to choose settings (never the test file). It runs
// only with NER_TUNE=1 (NER_EPOCHS sets the epochs):
//
//	NER_TUNE=1 go test -run TestTune -v ./loaders/nlp/ner/
func TestTune(t *testing.T) {
	if os.Getenv("NER_TUNE") == "" {
		t.Skip("set NER_TUNE=1 to run the settings search")
	}
	sents, err := ReadIOB2File("../../../data/ner/en_ewt-ud-dev.iob2.gz")
	if err != nil {
		t.Fatal(err)
	}
	gaz, err := LoadGazetteer("../../../data/gazetteer")
	if err != nil {
		t.Fatal(err)
	}
	cut := len(sents) * 9 / 10
	opts := DefaultTrainOptions()
	if e, err := strconv.Atoi(os.Getenv("NER_EPOCHS")); err == nil {
		opts.Epochs = e
	}
	if os.Getenv("NER_NOGAZ") != "" {
		gaz = nil
	}
	opts.Log = os.Stderr
	r, err := trainSentences(context.Background(), sents[:cut], gaz, opts)
	if err != nil {
		t.Fatal(err)
	}
	sc := evaluateSentences(r, sents[cut:])
	t.Logf("held-out dev (last 10%%), %d epochs, %d features:\n%s", opts.Epochs, len(r.idx), sc)
}
