package extract

// confidence grades an extraction from features that make it more or less
// likely to be right: the construction it came from, whether its subject
// was found or inherited, pronoun arguments, argument and relation length,
// extra arguments, nesting under reported speech or conditions, and the
// sentence length (longer sentences are parsed less reliably).
func confidence(x *tree, e *Extraction) float64 {
	c := 0.9
	switch e.Kind {
	case SVO:
	case SVC, SVA, SVOA, SVOO, SVOC, Speech:
		c -= 0.05
	case Title:
		c -= 0.05
	case Appos:
		c -= 0.12
	case SV:
		c -= 0.25
	case Poss:
		c -= 0.3
	}
	if e.inherited {
		c -= 0.1
	}
	if isPronoun(x, e.Subject) {
		c -= 0.08
	}
	if isPronoun(x, e.Object) {
		c -= 0.05
	}
	n := len(e.Subject.Tokens) + len(e.Object.Tokens)
	for _, a := range e.Args {
		n += len(a.Span.Tokens)
	}
	switch {
	case n > 30:
		c -= 0.2
	case n > 18:
		c -= 0.1
	case n > 10:
		c -= 0.04
	}
	if len(e.Args) > 2 {
		c -= 0.04 * float64(len(e.Args)-2)
	}
	if len(e.Subject.Tokens) > 8 {
		c -= 0.05
	}
	if words := len(splitWords(e.Relation)); words > 4 {
		c -= 0.05
	}
	if !e.Attribution.IsZero() {
		c -= 0.04
	}
	if e.Conditional {
		c -= 0.05
	}
	if len(x.toks) > 40 {
		c -= 0.05
	}
	if c < 0.05 {
		c = 0.05
	}
	if c > 0.99 {
		c = 0.99
	}
	return c
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
