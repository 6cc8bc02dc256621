package extract

import (
	"testing"

	"github.com/newsgraph/newsgraph/loaders/nlp"
	"github.com/newsgraph/newsgraph/loaders/nlp/conllu"
)

// BenchmarkSentence measures extraction alone on gold UD EWT dev parses
// (the repository's data/ud); it reports sentences/s.
func BenchmarkSentence(b *testing.B) {
	ss, err := conllu.ReadFile("../../data/ud/en_ewt-ud-dev.conllu.gz")
	if err != nil {
		b.Skip(err)
	}
	sents := make([]nlp.Sentence, len(ss))
	for i, s := range ss {
		sents[i] = s.Sentence
	}
	b.ResetTimer()
	n := 0
	for i := 0; i < b.N; i++ {
		s := &sents[i%len(sents)]
		n += len(Sentence(s))
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "sentences/s")
}
