package ner

import (
	"github.com/newsgraph/newsgraph/loaders/nlp"
)

// hyphenNames keeps hyphenated names whole ("Jean-Claude Trichet",
// "Coca-Cola"): where a hyphen is written against the words on both sides
// (known from the token offsets, so never in pre-tokenized data without
// them), a person or organisation span on one side takes in the span of the
// same type or the untagged capitalised word on the other. spans are sorted
// by start and do not overlap.
func hyphenNames(spans []span, s *nlp.Sentence) []span {
	toks := s.Tokens
	glued := func(h int) bool {
		if h <= 0 || h+1 >= len(toks) {
			return false
		}
		f := toks[h].Form
		return (f == "-" || f == "‐") && toks[h].End > toks[h].Start &&
			toks[h-1].End == toks[h].Start && toks[h].End == toks[h+1].Start
	}
	nameType := func(t string) bool { return t == nlp.Person || t == nlp.Org }
	owner := make([]int, len(toks))
	for i := range owner {
		owner[i] = -1
	}
	for k, sp := range spans {
		for i := sp.start; i < sp.end; i++ {
			owner[i] = k
		}
	}
	dead := make([]bool, len(spans))
	for h := 1; h+1 < len(toks); h++ {
		if !glued(h) || owner[h] >= 0 {
			continue
		}
		l, r := owner[h-1], owner[h+1]
		switch {
		case l >= 0 && r >= 0 && spans[l].end == h && spans[r].start == h+1 && spans[l].typ == spans[r].typ && nameType(spans[l].typ):
			spans[l].end = spans[r].end
			dead[r] = true
			for i := h; i < spans[l].end; i++ {
				owner[i] = l
			}
		case l >= 0 && r < 0 && spans[l].end == h && nameType(spans[l].typ) && isCap(toks[h+1].Form):
			spans[l].end = h + 2
			owner[h], owner[h+1] = l, l
		case l < 0 && r >= 0 && spans[r].start == h+1 && nameType(spans[r].typ) && isCap(toks[h-1].Form):
			spans[r].start = h - 1
			owner[h-1], owner[h] = r, r
		}
	}
	out := spans[:0]
	for k, sp := range spans {
		if !dead[k] {
			out = append(out, sp)
		}
	}
	return out
}
