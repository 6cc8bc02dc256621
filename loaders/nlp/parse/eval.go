package parse

import (
	"fmt"
	"slices"
	"strings"

	"github.com/newsgraph/newsgraph/loaders/nlp"
	"github.com/newsgraph/newsgraph/loaders/nlp/conllu"
)

// Scores are attachment scores in percent over all tokens, punctuation
// included. LAS compares universal relations only (the part before ':'), as
// the CoNLL 2018 shared task's script does; LASFull compares the full
// relation with its subtype.
type Scores struct {
	Tokens        int
	UAS, LAS      float64
	LASFull       float64
	Sentences     int
	CompleteTrees int // sentences whose every head and relation is right (full label)
}

// String formats the scores as "UAS 90.12 LAS 87.65 (…)".
func (s Scores) String() string {
	return fmt.Sprintf("UAS %.2f LAS %.2f (full-label LAS %.2f, %d tokens)", s.UAS, s.LAS, s.LASFull, s.Tokens)
}

// Evaluate parses copies of the gold sentences (re-tagged by tagger when it
// is not nil, else with their gold tags) and scores them against the gold
// trees.
func Evaluate(p *Parser, gold []*conllu.Sentence, tagger interface{ Tag(*nlp.Sentence) }) Scores {
	var sc Scores
	var uas, las, lasFull int
	for _, g := range gold {
		s := g.Sentence
		s.Tokens = slices.Clone(g.Tokens)
		for i := range s.Tokens {
			s.Tokens[i].Head, s.Tokens[i].DepRel = 0, ""
		}
		if tagger != nil {
			tagger.Tag(&s)
		}
		p.Parse(&s)
		complete := true
		for i, t := range s.Tokens {
			gt := g.Tokens[i]
			sc.Tokens++
			if t.Head != gt.Head {
				complete = false
				continue
			}
			uas++
			if universal(t.DepRel) == universal(gt.DepRel) {
				las++
			}
			if t.DepRel == gt.DepRel {
				lasFull++
			} else {
				complete = false
			}
		}
		sc.Sentences++
		if complete {
			sc.CompleteTrees++
		}
	}
	if sc.Tokens > 0 {
		sc.UAS = 100 * float64(uas) / float64(sc.Tokens)
		sc.LAS = 100 * float64(las) / float64(sc.Tokens)
		sc.LASFull = 100 * float64(lasFull) / float64(sc.Tokens)
	}
	return sc
}

func universal(rel string) string {
	if i := strings.IndexByte(rel, ':'); i >= 0 {
		return rel[:i]
	}
	return rel
}
