package extract

import "math"

// Confidence is a logistic model over features of an extraction: the
// construction it came from, whether its subject was found or inherited,
// pronoun and clausal arguments, argument and relation length, extra
// arguments, nesting under reported speech or conditions, and the sentence
// length (long sentences are parsed less reliably). The weights were fitted
// on CaRB dev by loaders/extract/internal/fitconf (see docs/extraction.md),
// which writes weights.go; features are listed in featureNames.

// featureNames name the features, in order (for the docs and the fitting
// script).
var featureNames = [...]string{
	"bias",
	"kind=SVO", "kind=SVC", "kind=SVA", "kind=SV", "kind=SVOA", "kind=SVOO", "kind=SVOC",
	"kind=appos", "kind=title", "kind=poss", "kind=speech",
	"subject inherited", "subject pronoun", "object pronoun", "object clause",
	"log subject length", "log object length", "log args length", "args",
	"relation words", "attributed", "conditional", "negated", "passive",
	"log sentence length", "subject has comma", "object has comma",
	"subject after predicate", "subject proper noun", "object proper noun",
	"has time", "relation has preposition", "modality", "subject starts lower-case function word", "kind=nmod",
}

const nFeatures = len(featureNames)

func features(x *tree, e *Extraction) [nFeatures]float64 {
	var f [nFeatures]float64
	f[0] = 1
	switch e.Kind {
	case SVO:
		f[1] = 1
	case SVC:
		f[2] = 1
	case SVA:
		f[3] = 1
	case SV:
		f[4] = 1
	case SVOA:
		f[5] = 1
	case SVOO:
		f[6] = 1
	case SVOC:
		f[7] = 1
	case Appos:
		f[8] = 1
	case Title:
		f[9] = 1
	case Poss:
		f[10] = 1
	case Speech:
		f[11] = 1
	case Nmod:
		f[35] = 1
	}
	f[12] = b2f(e.inherited)
	f[13] = b2f(isPronoun(x, e.Subject))
	f[14] = b2f(isPronoun(x, e.Object))
	f[15] = b2f(e.Object.Head >= 0 && e.Object.Head < len(x.toks) && !e.Object.IsZero() && x.is(e.Object.Head, "ccomp", "parataxis", "csubj"))
	f[16] = math.Log1p(float64(len(e.Subject.Tokens)))
	f[17] = math.Log1p(float64(len(e.Object.Tokens)))
	n := 0
	for _, a := range e.Args {
		n += len(a.Span.Tokens)
	}
	f[18] = math.Log1p(float64(n))
	f[19] = float64(len(e.Args))
	f[20] = float64(len(splitWords(e.Relation)))
	f[21] = b2f(!e.Attribution.IsZero())
	f[22] = b2f(e.Conditional)
	f[23] = b2f(e.Negated)
	f[24] = b2f(e.Passive)
	f[25] = math.Log1p(float64(len(x.toks)))
	f[26] = b2f(hasForm(x, e.Subject, ","))
	f[27] = b2f(hasForm(x, e.Object, ","))
	f[28] = b2f(e.Pred >= 0 && !e.Subject.IsZero() && e.Subject.Head > e.Pred && !e.Passive)
	f[29] = b2f(!e.Subject.IsZero() && e.Subject.Head < len(x.toks) && x.upos(e.Subject.Head) == "PROPN")
	f[30] = b2f(!e.Object.IsZero() && e.Object.Head < len(x.toks) && x.upos(e.Object.Head) == "PROPN")
	_, hasTime := e.Time()
	f[31] = b2f(hasTime)
	f[32] = b2f(e.Kind == SVA || e.Passive)
	f[33] = b2f(e.Modality != "")
	if !e.Subject.IsZero() {
		t := e.Subject.Tokens[0]
		u := x.upos(t)
		f[34] = b2f(u == "ADP" || u == "VERB" || u == "AUX" || u == "CCONJ" || u == "SCONJ" || u == "PUNCT" || u == "PART")
	}
	return f
}

// confidence grades an extraction with the logistic model.
func confidence(x *tree, e *Extraction) float64 {
	f := features(x, e)
	z := 0.0
	for i, v := range f {
		z += weights[i] * v
	}
	return 1 / (1 + math.Exp(-z))
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func hasForm(x *tree, s Span, form string) bool {
	for _, t := range s.Tokens {
		if x.toks[t].Form == form {
			return true
		}
	}
	return false
}

func isPronoun(x *tree, s Span) bool {
	return len(s.Tokens) == 1 && s.Head >= 0 && s.Head < len(x.toks) && x.upos(s.Head) == "PRON"
}

func splitWords(s string) []string {
	var out []string
	start := -1
	for i, r := range s {
		if r == ' ' {
			if start >= 0 {
				out = append(out, s[start:i])
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}
