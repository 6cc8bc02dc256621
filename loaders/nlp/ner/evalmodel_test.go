package ner

import (
	"os"
	"testing"
)

// TestEvalModel scores a model file on UNER EWT test, to report a trained
// model's figure (never to choose settings). Runs only with NER_EVALMODEL set
// to the model's path:
//
//	NER_EVALMODEL=$PWD/data/models/ner.gob.gz go test -count=1 -run TestEvalModel -v ./loaders/nlp/ner/
func TestEvalModel(t *testing.T) {
	path := os.Getenv("NER_EVALMODEL")
	if path == "" {
		t.Skip("set NER_EVALMODEL to a model file")
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := Load(f)
	if err != nil {
		t.Fatal(err)
	}
	sc, err := Evaluate(r, "../../../"+DefaultTestPath)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s:\n%s", DefaultTestPath, sc)
}
