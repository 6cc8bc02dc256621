package tokenize

import (
	"strings"

	"github.com/newsgraph/newsgraph/loaders/nlp"
)

// Multiwords returns the multiword tokens of s as half-open index ranges
// [i, j) into s.Tokens: the runs of syntactic words that UD writes as one
// surface token, such as "didn't" (did n't), "Kyiv's" (Kyiv 's), "cannot"
// (can not), "gonna" (gon na) and "students'" (students '). A CoNLL-U
// writer emits a range line ("3-4 didn't") for each; token-level
// evaluation compares their surface spans.
//
// A lone apostrophe after a word ending in s is a possessive unless an
// opening single quote is pending in the sentence ("'normal'" is quoted).
func Multiwords(s *nlp.Sentence) [][2]int {
	var out [][2]int
	open := false // a single opening quote is pending
	toks := s.Tokens
	for k := 0; k < len(toks); k++ {
		f := toks[k].Form
		attached := k > 0 && toks[k-1].End == toks[k].Start && !toks[k-1].SpaceAfter
		if f == "'" || f == "’" || f == "‘" || f == "`" {
			switch {
			case attached && !open && f != "‘" && endsInS(toks[k-1].Form):
				out = appendRange(out, k)
			case !attached || f == "‘":
				open = true
			default:
				open = false
			}
			continue
		}
		if attached && isCliticForm(toks[k-1].Form, f) {
			out = appendRange(out, k)
		}
	}
	return out
}

// appendRange adds token k to the multiword token ending at k-1, or starts
// one over k-1 and k.
func appendRange(out [][2]int, k int) [][2]int {
	if n := len(out); n > 0 && out[n-1][1] == k {
		out[n-1][1] = k + 1
		return out
	}
	return append(out, [2]int{k - 1, k + 1})
}

func endsInS(w string) bool {
	return strings.HasSuffix(w, "s") || strings.HasSuffix(w, "S")
}

// isCliticForm reports whether form, written against prev, is a clitic the
// tokenizer splits off.
func isCliticForm(prev, form string) bool {
	if len(form) < 2 || len(form) > 4 {
		return cliticSplit(prev, form)
	}
	lf := strings.ToLower(form)
	if lf[0] == '\'' || lf[0] == '`' {
		lf = lf[1:]
	} else if strings.HasPrefix(lf, "’") {
		lf = lf[len("’"):]
	} else if strings.HasPrefix(lf, "n") && len(lf) > 1 && (lf[1] == '\'' || strings.HasPrefix(lf[1:], "’")) {
		return strings.HasSuffix(lf, "t") && (len(lf) == 3 || len(lf) == 5)
	} else {
		return cliticSplit(prev, form)
	}
	switch lf {
	case "s", "re", "ll", "d", "m", "ve":
		return true
	}
	return false
}

// cliticSplit reports whether prev+form is a word of splitWords split
// between them ("can"+"not").
func cliticSplit(prev, form string) bool {
	w := strings.ToLower(prev + form)
	k, ok := splitWords[w]
	return ok && k == len(prev)
}
