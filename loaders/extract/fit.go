package extract

import "github.com/newsgraph/newsgraph/loaders/nlp"

// This file exposes the confidence model's inputs for the fitting program
// (loaders/extract/internal/fitconf), which refits the weights in weights.go.

// FeatureNames returns the names of the confidence model's features, in the
// order of the weights and of the vectors SentenceFeatures returns.
func FeatureNames() []string { return append([]string(nil), featureNames[:]...) }

// Weights returns a copy of the confidence model's weights.
func Weights() []float64 { return append([]float64(nil), weights[:]...) }

// SentenceFeatures is Sentence that also returns each extraction's feature
// vector (the confidence is the logistic function of its dot product with
// Weights).
func SentenceFeatures(s *nlp.Sentence) ([]Extraction, [][]float64) {
	exts := Sentence(s)
	if len(exts) == 0 {
		return exts, nil
	}
	x := newTree(s)
	fs := make([][]float64, len(exts))
	for i := range exts {
		f := features(x, &exts[i])
		fs[i] = f[:]
	}
	return exts, fs
}
