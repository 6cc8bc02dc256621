package analyze

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/loaders/nlp"
	"github.com/newsgraph/newsgraph/loaders/nlp/conllu"
)

// RawScores score the whole pipeline from raw text against a treebank, as
// the CoNLL 2018 shared task does: system words are aligned to gold words by
// their character span (and form, inside multiword tokens), and UAS/LAS are
// F1 scores over words: a word counts as correct when it is aligned and its
// head is aligned to the gold head (and, for LAS, its relation without
// subtype is the gold one).
type RawScores struct {
	GoldWords, SystemWords, Aligned int
	UASCorrect, LASCorrect          int
	Tokens                          int           // system tokens analysed
	Elapsed                         time.Duration // time spent in Analyze
}

func f1(correct, gold, system int) float64 {
	if gold+system == 0 {
		return 0
	}
	return float64(2*correct) / float64(gold+system)
}

// UAS is the unlabelled attachment F1.
func (s RawScores) UAS() float64 { return f1(s.UASCorrect, s.GoldWords, s.SystemWords) }

// LAS is the labelled attachment F1.
func (s RawScores) LAS() float64 { return f1(s.LASCorrect, s.GoldWords, s.SystemWords) }

// Words is the word segmentation F1.
func (s RawScores) Words() float64 { return f1(s.Aligned, s.GoldWords, s.SystemWords) }

// TokensPerSecond is the pipeline's speed on the evaluated text.
func (s RawScores) TokensPerSecond() float64 {
	if s.Elapsed <= 0 {
		return 0
	}
	return float64(s.Tokens) / s.Elapsed.Seconds()
}

func (s RawScores) String() string {
	return fmt.Sprintf("words F1 %.2f%%  UAS %.2f%%  LAS %.2f%%  (%d gold words, %d system words; %.0f tokens/s)",
		100*s.Words(), 100*s.UAS(), 100*s.LAS(), s.GoldWords, s.SystemWords, s.TokensPerSecond())
}

// wordKey identifies a word by its span and form, so the words of a
// multiword token (which share its span) stay apart.
type wordKey struct {
	start, end int
	form       string
}

// EvaluateRaw runs the pipeline on the raw text of each treebank document
// and scores its words and attachments.
func EvaluateRaw(ctx context.Context, p *Pipeline, gold []*conllu.Sentence) (RawScores, error) {
	var sc RawScores
	for _, doc := range conllu.RawDocuments(gold) {
		start := time.Now()
		sys, err := p.Analyze(ctx, doc.Text)
		if err != nil {
			return sc, err
		}
		sc.Elapsed += time.Since(start)
		goldHeads := heads(doc.Sentences, func(i int) *nlp.Sentence { return &doc.Sentences[i].Sentence })
		sysHeads := heads(make([]*conllu.Sentence, len(sys.Sentences)), func(i int) *nlp.Sentence { return &sys.Sentences[i] })
		sc.GoldWords += len(goldHeads)
		sc.SystemWords += len(sysHeads)
		for _, s := range sys.Sentences {
			sc.Tokens += len(s.Tokens)
		}
		for k, g := range goldHeads {
			s, ok := sysHeads[k]
			if !ok {
				continue
			}
			sc.Aligned++
			if s.head == g.head {
				sc.UASCorrect++
				if s.rel == g.rel {
					sc.LASCorrect++
				}
			}
		}
	}
	return sc, nil
}

type attachment struct {
	head wordKey // zero for the root
	rel  string  // universal relation, subtype stripped
}

// heads maps every word of the n sentences (get(i) gives the i-th) to its
// attachment.
func heads[T any](sents []T, get func(i int) *nlp.Sentence) map[wordKey]attachment {
	out := make(map[wordKey]attachment)
	for i := range sents {
		s := get(i)
		key := func(t *nlp.Token) wordKey { return wordKey{t.Start, t.End, strings.ToLower(t.Form)} }
		for j := range s.Tokens {
			t := &s.Tokens[j]
			var a attachment
			if t.Head > 0 && t.Head <= len(s.Tokens) {
				a.head = key(&s.Tokens[t.Head-1])
			}
			a.rel, _, _ = strings.Cut(t.DepRel, ":")
			out[key(t)] = a
		}
	}
	return out
}
