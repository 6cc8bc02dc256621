// Package lemma is newsgraph's lemmatizer: suffix-rewrite rules learned per
// Penn Treebank tag from the UD EWT lemma column ("-ies" → "-y", "-ed" → "",
// "-ing" with doubling undone, lowercasing of common words, proper nouns
// kept as written), plus a lexicon of the training words the rules get wrong
// (irregular verbs, "n't" → "not", "better" → "good"). A guessed lemma of an
// inflected verb that is not a WordNet verb ("defeate", "rul") is replaced
// by the WordNet verb among the usual ways of undoing the inflection
// ("defeat", "rule"), and a guessed plural noun's lemma likewise by a
// WordNet noun ("caucuse" → "caucus"); see verbLemma and nounLemma.
//
// A word is looked up as (form, XPOS) in the lexicon, then, for words that
// are not proper nouns, as (lowercased form, XPOS); unknown words go to the
// rule of the longest suffix seen with their tag.
package lemma

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/loaders/nlp"
	"github.com/newsgraph/newsgraph/loaders/nlp/conllu"
)

// maxSuffix is the longest suffix, in bytes, the rules are keyed by.
const maxSuffix = 7

// rule rewrites a form into its lemma: optionally lowercase it, cut bytes
// from its end and append a string.
type rule struct {
	Lower bool
	Cut   uint8
	Add   string
}

// apply returns the lemma of form, and false when the rule does not fit.
func (r rule) apply(form string) (string, bool) {
	base := form
	if r.Lower {
		base = strings.ToLower(form)
	}
	n := len(base) - int(r.Cut)
	if n < 0 || (n < len(base) && !utf8.RuneStart(base[n])) {
		return "", false
	}
	if r.Cut == 0 && r.Add == "" {
		return base, true
	}
	if n == 0 && r.Add == "" {
		return "", false
	}
	return base[:n] + r.Add, true
}

// ruleFor returns the rule that turns form into lemma.
func ruleFor(form, lemma string) rule {
	lf := strings.ToLower(form)
	base, lower := form, false
	if common(lf, lemma) >= common(form, lemma) {
		base, lower = lf, true
	}
	c := common(base, lemma)
	for c > 0 && c < len(base) && !utf8.RuneStart(base[c]) {
		c--
	}
	if len(base)-c > 255 {
		return rule{Lower: lower, Cut: 255}
	}
	return rule{Lower: lower, Cut: uint8(len(base) - c), Add: lemma[c:]}
}

// common returns the length in bytes of the common prefix of a and b.
func common(a, b string) int {
	n := min(len(a), len(b))
	for i := range n {
		if a[i] != b[i] {
			return i
		}
	}
	return n
}

type lexKey struct{ form, xpos string }

type ruleKey struct{ xpos, suffix string }

// Lemmatizer assigns lemmas from forms and tags. It is safe for concurrent
// use.
type Lemmatizer struct {
	lex   map[lexKey]string
	rules map[ruleKey]rule
	// For tokens without XPOS: the most frequent XPOS of each UPOS, and of
	// the training words (keyed by form and UPOS) where that differs.
	uposXPOS map[string]string
	formXPOS map[lexKey]string // keyed by form and UPOS (in lexKey.xpos)
	// noWordNet turns off the check of guessed verb and plural noun
	// lemmas against WordNet (verbLemma, nounLemma), for measuring what it
	// brings.
	noWordNet bool
}

// WithoutWordNet returns a copy of l that keeps the suffix rules'
// guesses for verbs and plural nouns not in its training data, however
// they spell ("defeated" → "defeate"): the lemmatizer as it was before
// verbLemma and nounLemma, for evaluation.
func (l *Lemmatizer) WithoutWordNet() *Lemmatizer {
	c := *l
	c.noWordNet = true
	return &c
}

// Lemmatize sets the Lemma of every token of s from its Form and XPOS (or,
// when XPOS is empty, its UPOS).
func (l *Lemmatizer) Lemmatize(s *nlp.Sentence) {
	for i := range s.Tokens {
		t := &s.Tokens[i]
		if t.XPOS != "" {
			t.Lemma = l.Lemma(t.Form, t.XPOS)
		} else {
			t.Lemma = l.lemmaUPOS(t.Form, t.UPOS)
		}
	}
}

// lemmaUPOS lemmatizes a token that has a UPOS but no XPOS, with the XPOS
// the word had most often in training under that UPOS.
func (l *Lemmatizer) lemmaUPOS(form, upos string) string {
	x, ok := l.formXPOS[lexKey{form, upos}]
	if !ok {
		x = l.uposXPOS[upos]
	}
	return l.Lemma(form, x)
}

// Lemma returns the lemma of a form with a Penn Treebank tag.
func (l *Lemmatizer) Lemma(form, xpos string) string {
	if lem, ok := l.lex[lexKey{form, xpos}]; ok {
		return lem
	}
	if xpos != "NNP" && xpos != "NNPS" {
		if lf := strings.ToLower(form); lf != form {
			if lem, ok := l.lex[lexKey{lf, xpos}]; ok {
				return lem
			}
		}
	}
	if n, ok := number(form); ok {
		return n
	}
	g := l.guess(form, xpos)
	if l.noWordNet {
		return g
	}
	if xpos == "NNS" {
		return nounLemma(form, g)
	}
	return l.verbLemma(form, xpos, g)
}

// number returns the lemma of a numeral written in digits, as EWT writes
// it: thousands separators dropped ("11,000" → "11000"), anything else
// kept; ok is false when form is not such a numeral.
func number(form string) (string, bool) {
	digits, commas := 0, 0
	for i := 0; i < len(form); i++ {
		switch c := form[i]; {
		case '0' <= c && c <= '9':
			digits++
		case c == ',':
			commas++
		case c == '.' || c == '-' || c == '/' || c == ':':
		default:
			return "", false
		}
	}
	if digits == 0 {
		return "", false
	}
	if commas == 0 || !thousands(form) {
		return form, true
	}
	return strings.ReplaceAll(form, ",", ""), true
}

// thousands reports whether the integer part of form is grouped by commas
// in threes: "11,000", "1,234,567.5".
func thousands(form string) bool {
	intPart, _, _ := strings.Cut(form, ".")
	groups := strings.Split(intPart, ",")
	if len(groups[0]) == 0 || len(groups[0]) > 3 {
		return false
	}
	for _, g := range groups {
		for i := 0; i < len(g); i++ {
			if g[i] < '0' || g[i] > '9' {
				return false
			}
		}
	}
	for _, g := range groups[1:] {
		if len(g) != 3 {
			return false
		}
	}
	return true
}

// guess applies the rule of the longest suffix of form seen with xpos.
//
// A form ending in a double s is not an -s inflection (no English plural or
// third-person singular ends so), so a rule that would only cut its last s —
// what a mistagged "express"/VBZ or "address"/NNS would get — is not applied
// and the form is its own lemma.
func (l *Lemmatizer) guess(form, xpos string) string {
	doubleS := lowerSuffix(form, min(2, len(form))) == "ss"
	for n := min(maxSuffix, len(form)); n >= 0; n-- {
		if n > 0 && n < len(form) && !utf8.RuneStart(form[len(form)-n]) {
			continue
		}
		if r, ok := l.rules[ruleKey{xpos, lowerSuffix(form, n)}]; ok {
			if lem, ok := r.apply(form); ok {
				if doubleS && r.Cut == 1 && r.Add == "" {
					break
				}
				return lem
			}
		}
	}
	if doubleS && xpos != "NNP" && xpos != "NNPS" {
		return strings.ToLower(form)
	}
	return form
}

// lowerSuffix returns the last n bytes of form, lowercased when ASCII.
func lowerSuffix(form string, n int) string {
	s := form[len(form)-n:]
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' {
			return strings.ToLower(s)
		}
	}
	return s
}

// Scores are lemma accuracies, as fractions.
type Scores struct {
	Tokens int
	// GoldTags is the accuracy with the gold XPOS/UPOS; PredictedTags with
	// the tags of the tagger given to Evaluate (0 when none was).
	GoldTags, PredictedTags float64
	// Verbs counts the tokens whose gold UPOS is VERB; VerbGoldTags and
	// VerbPredictedTags are the accuracies on them.
	Verbs                           int
	VerbGoldTags, VerbPredictedTags float64
}

// String formats the scores as percentages.
func (s Scores) String() string {
	return fmt.Sprintf("tokens %d  lemma (gold tags) %.2f%%  lemma (predicted tags) %.2f%%\n"+
		"VERB tokens %d  lemma (gold tags) %.2f%%  lemma (predicted tags) %.2f%%",
		s.Tokens, 100*s.GoldTags, 100*s.PredictedTags, s.Verbs, 100*s.VerbGoldTags, 100*s.VerbPredictedTags)
}

// Evaluate lemmatizes copies of the gold sentences, first with their gold
// tags, then, when tagger is not nil, with the tags it predicts, and
// compares the lemmas with the gold ones.
func Evaluate(l *Lemmatizer, gold []*conllu.Sentence, tagger nlp.Tagger) Scores {
	var sc Scores
	var okGold, okPred, verbGold, verbPred int
	var tmp nlp.Sentence
	for _, g := range gold {
		tmp.Tokens = append(tmp.Tokens[:0], g.Tokens...)
		l.Lemmatize(&tmp)
		for i, t := range tmp.Tokens {
			sc.Tokens++
			verb := g.Tokens[i].UPOS == "VERB"
			if verb {
				sc.Verbs++
			}
			if t.Lemma == g.Tokens[i].Lemma {
				okGold++
				if verb {
					verbGold++
				}
			}
		}
		if tagger == nil {
			continue
		}
		for i := range tmp.Tokens {
			tmp.Tokens[i].UPOS, tmp.Tokens[i].XPOS, tmp.Tokens[i].Lemma = "", "", ""
		}
		tagger.Tag(&tmp)
		l.Lemmatize(&tmp)
		for i, t := range tmp.Tokens {
			if t.Lemma == g.Tokens[i].Lemma {
				okPred++
				if g.Tokens[i].UPOS == "VERB" {
					verbPred++
				}
			}
		}
	}
	if sc.Tokens > 0 {
		sc.GoldTags = float64(okGold) / float64(sc.Tokens)
		sc.PredictedTags = float64(okPred) / float64(sc.Tokens)
	}
	if sc.Verbs > 0 {
		sc.VerbGoldTags = float64(verbGold) / float64(sc.Verbs)
		sc.VerbPredictedTags = float64(verbPred) / float64(sc.Verbs)
	}
	return sc
}
