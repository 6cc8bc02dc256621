package tokenize

import (
	"fmt"

	"github.com/newsgraph/newsgraph/loaders/nlp"
	"github.com/newsgraph/newsgraph/loaders/nlp/conllu"
)

// Scores are precision, recall and F1 of tokens and sentences against a
// gold treebank, matched by character spans as in the CoNLL 2018 shared
// task's evaluation script. Words counts syntactic words: a word is correct
// when its surface token matches and it has the same form at the same
// position inside that token ("don't" → do n't).
type Scores struct {
	Tokens, Words, Sentences PRF
}

// PRF counts matches between system and gold spans.
type PRF struct {
	Gold, System, Correct int
}

// Precision is Correct / System.
func (s PRF) Precision() float64 { return ratio(s.Correct, s.System) }

// Recall is Correct / Gold.
func (s PRF) Recall() float64 { return ratio(s.Correct, s.Gold) }

// F1 is the harmonic mean of Precision and Recall.
func (s PRF) F1() float64 { return ratio(2*s.Correct, s.Gold+s.System) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func (s PRF) String() string {
	return fmt.Sprintf("P %6.2f%%  R %6.2f%%  F1 %6.2f%%  (gold %d, system %d, correct %d)",
		100*s.Precision(), 100*s.Recall(), 100*s.F1(), s.Gold, s.System, s.Correct)
}

func (s Scores) String() string {
	return fmt.Sprintf("tokens:    %v\nwords:     %v\nsentences: %v\n", s.Tokens, s.Words, s.Sentences)
}

// Evaluate rebuilds the raw documents of a treebank from its sentences'
// text (conllu.RawDocuments: sentences joined by a space within a paragraph
// and by a blank line at a new paragraph or document), tokenizes them with t
// and scores the surface tokens (a multiword token counts once, by its
// span), the syntactic words and the sentence spans.
func Evaluate(t *Tokenizer, sents []*conllu.Sentence) Scores {
	var sc Scores
	for _, doc := range conllu.RawDocuments(sents) {
		var gold []surface
		var goldSents []span
		for _, s := range doc.Sentences {
			goldSents = append(goldSents, span{s.Start, s.End})
			mw := s.Multiwords
			for k := 0; k < len(s.Tokens); k++ {
				tk := s.Tokens[k]
				g := surface{span{tk.Start, tk.End}, []string{tk.Form}}
				if len(mw) > 0 && mw[0][0] == k { // a multiword token counts once, by its span
					for k++; k < mw[0][1]; k++ {
						g.end = s.Tokens[k].End
						g.words = append(g.words, s.Tokens[k].Form)
					}
					k--
					mw = mw[1:]
				}
				gold = append(gold, g)
			}
		}
		sc.add(gold, goldSents, t.Tokenize(doc.Text))
	}
	return sc
}

type span struct{ start, end int }

// surface is a surface token and the forms of its syntactic words.
type surface struct {
	span
	words []string
}

// add scores one document's system sentences against its gold spans.
func (sc *Scores) add(gold []surface, goldSents []span, sys []nlp.Sentence) {
	var sysToks []surface
	var sysSents []span
	for i := range sys {
		s := &sys[i]
		sysSents = append(sysSents, span{s.Start, s.End})
		mw := Multiwords(s)
		for k := 0; k < len(s.Tokens); k++ {
			st := surface{span{s.Tokens[k].Start, s.Tokens[k].End}, []string{s.Tokens[k].Form}}
			if len(mw) > 0 && mw[0][0] == k {
				st.end = s.Tokens[mw[0][1]-1].End
				for k++; k < mw[0][1]; k++ {
					st.words = append(st.words, s.Tokens[k].Form)
				}
				k--
				mw = mw[1:]
			}
			sysToks = append(sysToks, st)
		}
	}
	for _, g := range gold {
		sc.Words.Gold += len(g.words)
	}
	for _, s := range sysToks {
		sc.Words.System += len(s.words)
	}
	sc.Tokens.Gold += len(gold)
	sc.Tokens.System += len(sysToks)
	i, j := 0, 0
	for i < len(gold) && j < len(sysToks) {
		switch g, s := gold[i], sysToks[j]; {
		case g.span == s.span:
			sc.Tokens.Correct++
			for k := 0; k < len(g.words) && k < len(s.words); k++ {
				if g.words[k] == s.words[k] {
					sc.Words.Correct++
				}
			}
			i++
			j++
		case before(g.span, s.span):
			i++
		default:
			j++
		}
	}
	sc.Sentences.add(goldSents, sysSents)
}

func before(a, b span) bool { return a.start < b.start || (a.start == b.start && a.end < b.end) }

// add counts the spans common to two lists sorted by start.
func (p *PRF) add(gold, sys []span) {
	p.Gold += len(gold)
	p.System += len(sys)
	i, j := 0, 0
	for i < len(gold) && j < len(sys) {
		switch g, s := gold[i], sys[j]; {
		case g == s:
			p.Correct++
			i++
			j++
		case before(g, s):
			i++
		default:
			j++
		}
	}
}
