package ner

import (
	"fmt"
	"slices"
	"strings"

	"github.com/newsgraph/newsgraph/loaders/nlp"
)

// PRF counts span matches for one type.
type PRF struct {
	Gold, Pred, Correct int
}

func (p *PRF) add(q PRF) {
	p.Gold += q.Gold
	p.Pred += q.Pred
	p.Correct += q.Correct
}

// Precision is Correct/Pred (0 when nothing was predicted).
func (p PRF) Precision() float64 { return ratio(p.Correct, p.Pred) }

// Recall is Correct/Gold (0 when there is no gold span).
func (p PRF) Recall() float64 { return ratio(p.Correct, p.Gold) }

// F1 is the harmonic mean of precision and recall.
func (p PRF) F1() float64 {
	pr, rc := p.Precision(), p.Recall()
	if pr+rc == 0 {
		return 0
	}
	return 2 * pr * rc / (pr + rc)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Scores are span-level results against UNER gold, in UNER's types (PER, ORG,
// LOC, OTH). Micro is micro-averaged over PER, ORG and LOC.
type Scores struct {
	Types     map[string]PRF
	Micro     PRF
	Sentences int
	Tokens    int
}

// unerType maps newsgraph's types onto UNER's; "" for types UNER does not
// annotate (dates, numbers, NORP), which are ignored.
func unerType(t string) string {
	switch t {
	case nlp.Person:
		return "PER"
	case nlp.Org:
		return "ORG"
	case nlp.GPE, nlp.Loc:
		return "LOC"
	case nlp.Misc:
		return "OTH"
	}
	return ""
}

// Evaluate runs r over the IOB2 file at iob2Path (".gz" allowed), one
// document ("# newdoc") at a time as RecognizeDocument does, and scores
// exact span matches.
func Evaluate(r *Recognizer, iob2Path string) (Scores, error) {
	sents, newDoc, err := readIOB2File(iob2Path)
	if err != nil {
		return Scores{}, fmt.Errorf("ner: evaluate: %w", err)
	}
	return evaluateSentences(r, sents, newDoc), nil
}

// evaluateSentences scores r on gold sentences; newDoc marks document starts
// (nil: every sentence is a document of its own).
func evaluateSentences(r *Recognizer, sents []nlp.Sentence, newDoc []bool) Scores {
	tests := make([]nlp.Sentence, len(sents))
	for i, s := range sents {
		tests[i] = s
		tests[i].Tokens = slices.Clone(s.Tokens)
		tests[i].Entities = nil
	}
	for a := 0; a < len(tests); {
		b := a + 1
		for newDoc != nil && b < len(tests) && !newDoc[b] {
			b++
		}
		r.recognizeAll(tests[a:b])
		a = b
	}
	sc := Scores{Types: map[string]PRF{}}
	gold := make([]string, 0, 64)
	for n, s := range sents {
		gold = gold[:0]
		for _, t := range s.Tokens {
			gold = append(gold, t.NER)
		}
		test := tests[n]
		sc.Sentences++
		sc.Tokens += len(s.Tokens)
		type key struct {
			a, b int
			t    string
		}
		g := map[key]bool{}
		for _, sp := range spansOf(gold) {
			g[key{sp.start, sp.end, sp.typ}] = true
			p := sc.Types[sp.typ]
			p.Gold++
			sc.Types[sp.typ] = p
		}
		for _, e := range test.Entities {
			t := unerType(e.Type)
			if t == "" {
				continue
			}
			p := sc.Types[t]
			p.Pred++
			if g[key{e.Start, e.End, t}] {
				p.Correct++
			}
			sc.Types[t] = p
		}
	}
	for _, t := range []string{"PER", "ORG", "LOC"} {
		sc.Micro.add(sc.Types[t])
	}
	return sc
}

// String prints a small table of precision, recall and F1 per type.
func (s Scores) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%-10s %6s %6s %6s %6s %6s\n", "type", "gold", "pred", "P", "R", "F1")
	types := make([]string, 0, len(s.Types))
	for t := range s.Types {
		types = append(types, t)
	}
	slices.Sort(types)
	row := func(name string, p PRF) {
		fmt.Fprintf(&b, "%-10s %6d %6d %6.1f %6.1f %6.1f\n", name, p.Gold, p.Pred, 100*p.Precision(), 100*p.Recall(), 100*p.F1())
	}
	for _, t := range types {
		row(t, s.Types[t])
	}
	row("micro", s.Micro)
	fmt.Fprintf(&b, "(%d sentences, %d tokens; micro over PER, ORG, LOC)\n", s.Sentences, s.Tokens)
	return b.String()
}
