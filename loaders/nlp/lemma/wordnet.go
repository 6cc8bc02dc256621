package lemma

import (
	"strings"

	"github.com/newsgraph/newsgraph/loaders/nlp/tag"
)

// verbTags are the Penn Treebank verb tags.
var verbTags = [...]string{"VBD", "VBN", "VBG", "VBZ", "VBP", "VB"}

// verbLemma checks the lemma the suffix rules guessed for a form with a
// verb tag that is not in the training data with that tag. A guess that is
// a WordNet verb is kept ("defeated" → "defeat"); one that is not
// ("defeate", "rul", "caucuse", "biase") is replaced by the first WordNet
// verb among the standard ways of undoing the inflection (verbCandidates),
// or else by the lemma the training data gives the form under another verb
// tag ("recomend"/VBP → "recommend" from "recomend"/VB), or the rules give a
// past tense as participle or the reverse ("won"/VBN → "win" as
// "won"/VBD), or else by an irregular verb's lemma behind a hyphen or a
// prefix (prefixedIrregular), or else by the form itself when it is a verb;
// when nothing
// fits ("blogged" →
// "blog" were WordNet to lack it), the guess stays. Each check is a map
// look-up.
func (l *Lemmatizer) verbLemma(form, xpos, guess string) string {
	if !strings.HasPrefix(xpos, "VB") || knownVerb(strings.ToLower(guess)) {
		return guess
	}
	lf := strings.ToLower(form)
	var buf [8]string
	for _, c := range verbCandidates(lf, xpos, buf[:0]) {
		if knownVerb(c) {
			return c
		}
	}
	for _, x := range verbTags {
		if x == xpos {
			continue
		}
		if lem, ok := l.lex[lexKey{lf, x}]; ok && knownVerb(lem) {
			return lem
		}
	}
	// A past tense is often also the participle: what the rules make of the
	// other reading ("won"/VBD → "win" by the rule of -won).
	other := ""
	switch xpos {
	case "VBD":
		other = "VBN"
	case "VBN":
		other = "VBD"
	}
	if other != "" {
		if lem := l.guess(lf, other); knownVerb(lem) {
			return lem
		}
	}
	if lem := l.prefixedIrregular(lf, xpos); lem != "" {
		return lem
	}
	// Last, the form itself: a base form tagged as inflected ("they
	// breed"/VBD, "it slow[s] down"/VBZ) or a VB/VBP the rules mangled.
	if knownVerb(lf) {
		return lf
	}
	return guess
}

// verbPrefixes are the prefixes of English verbs that are inflected like
// the verb they are put before (overran like ran).
var verbPrefixes = [...]string{"over", "under", "out", "mis", "fore", "with", "up", "re", "un", "co", "pre"}

// prefixedIrregular returns the lemma of an irregular verb behind a hyphen
// or a prefix ("co-written" → "co-write", "overran" → "overrun",
// "mistook" → "mistake"), when the training words give the rest's lemma
// with this tag or the other past tag and the whole is a verb; else "".
func (l *Lemmatizer) prefixedIrregular(lf, xpos string) string {
	rest := func(pre, w string) string {
		for _, x := range [...]string{xpos, "VBD", "VBN"} {
			if lem, ok := l.lex[lexKey{w, x}]; ok && lem != w {
				if knownVerb(pre + lem) {
					return pre + lem
				}
				return ""
			}
		}
		return ""
	}
	if i := strings.LastIndexByte(lf, '-'); i > 0 && i < len(lf)-1 {
		return rest(lf[:i+1], lf[i+1:])
	}
	for _, p := range verbPrefixes {
		if w, ok := strings.CutPrefix(lf, p); ok && len(w) >= 2 {
			if lem := rest(p, w); lem != "" {
				return lem
			}
		}
	}
	return ""
}

// nounLemma checks the lemma the suffix rules guessed for a plural noun
// (NNS) not in the training data: a guess that is a WordNet noun is kept;
// one that is not ("caucuse", "potatoe", "headach", "dat") is replaced by
// the first WordNet noun among the form without s, -ies → -y, without es,
// -ves → -f and -fe, -ses → -sis, and the form itself ("data"); when none
// is a noun the guess stays.
func nounLemma(form, guess string) string {
	if tag.NounLemma(strings.ToLower(guess)) || strings.ContainsAny(form, "0123456789") {
		return guess
	}
	f := strings.ToLower(form)
	var buf [8]string
	c := sCandidates(f, buf[:0])
	if y, ok := strings.CutSuffix(f, "ves"); ok && y != "" {
		c = append(c, y+"f", y+"fe")
	}
	if y, ok := strings.CutSuffix(f, "ses"); ok && y != "" {
		c = append(c, y+"sis")
	}
	for _, w := range append(c, f) {
		if tag.NounLemma(w) {
			return w
		}
	}
	return guess
}

// knownVerb reports whether w is a WordNet verb, or a hyphenated word whose
// last part is one ("re-elect").
func knownVerb(w string) bool {
	if w == "" {
		return false
	}
	if tag.VerbLemma(w) {
		return true
	}
	i := strings.LastIndexByte(w, '-')
	return i > 0 && i < len(w)-1 && tag.VerbLemma(w[i+1:])
}

// verbCandidates appends to buf the lemmas an inflected verb form f (lower
// case) may have, most likely first:
//
//   - -ed (VBD, VBN): "-ied" → "-y" (tried → try) and "-ied" → "-ie" (tied →
//     tie); then the stem without -ed, undoubled first when it ends in a
//     doubled consonant other than s, l, f, z (stopped → stop, but passed →
//     pass); then with and without a restored e — with first after a
//     consonant-vowel-consonant ending (ruled → rule, named → name; hoped →
//     hope, not hop), without first otherwise (applauded → applaud);
//   - -ing (VBG): the same on the stem without -ing, and "-ying" → "-ie"
//     (dying → die);
//   - -s (VBZ): without s (makes → make), "-ies" → "-y" (tries → try),
//     without es (biases → bias, goes → go);
//   - -en (VBN): without n, without en (overseen → oversee, beaten → beat).
func verbCandidates(f, xpos string, buf []string) []string {
	switch xpos {
	case "VBZ":
		buf = sCandidates(f, buf)
	case "VBG":
		if x, ok := strings.CutSuffix(f, "ing"); ok && x != "" {
			buf = stemCandidates(x, buf)
			if y, ok := strings.CutSuffix(x, "y"); ok && y != "" {
				buf = append(buf, y+"ie")
			}
		}
	case "VBD", "VBN":
		if y, ok := strings.CutSuffix(f, "ied"); ok && y != "" {
			buf = append(buf, y+"y", y+"ie")
		}
		if x, ok := strings.CutSuffix(f, "ed"); ok && x != "" {
			buf = stemCandidates(x, buf)
		} else if x, ok := strings.CutSuffix(f, "en"); ok && x != "" && xpos == "VBN" {
			buf = append(buf, f[:len(f)-1], x)
		}
	}
	return buf
}

// sCandidates appends the lemmas an -s form f may have: without s, "-ies"
// → "-y", without es (biases → biase, bias; tries → trie, try, tri).
func sCandidates(f string, buf []string) []string {
	x, ok := strings.CutSuffix(f, "s")
	if !ok || x == "" {
		return buf
	}
	buf = append(buf, x)
	if y, ok := strings.CutSuffix(f, "ies"); ok && y != "" {
		buf = append(buf, y+"y")
	}
	if y, ok := strings.CutSuffix(f, "es"); ok && y != "" {
		buf = append(buf, y)
	}
	return buf
}

// stemCandidates appends the lemmas a stem left by cutting -ed or -ing may
// stand for (see verbCandidates); a doubled s, l, f or z is undone last
// (modelling → model), as is the k of -ck (mimicking → mimic).
func stemCandidates(x string, buf []string) []string {
	n := len(x)
	doubled := n >= 2 && x[n-1] == x[n-2] && consonant(x[n-1])
	late := doubled && strings.ContainsRune("slfz", rune(x[n-1]))
	if doubled && !late {
		buf = append(buf, x[:n-1])
	}
	if cvc(x) {
		buf = append(buf, x+"e", x)
	} else {
		buf = append(buf, x, x+"e")
	}
	if late || strings.HasSuffix(x, "ck") {
		buf = append(buf, x[:n-1])
	}
	return buf
}

// consonant reports whether c is an ASCII lower-case consonant letter.
func consonant(c byte) bool {
	return 'a' <= c && c <= 'z' && !strings.ContainsRune("aeiou", rune(c))
}

// cvc reports whether x ends in consonant, vowel, consonant, the last not
// w, x or y: the ending that doubles before -ed in a stressed syllable
// ("rul", "nam", "hop"), so that a single consonant there more likely lost
// an e.
func cvc(x string) bool {
	n := len(x)
	if n < 3 || !consonant(x[n-1]) || strings.ContainsRune("wxy", rune(x[n-1])) ||
		consonant(x[n-2]) || !('a' <= x[n-2] && x[n-2] <= 'z') || !consonant(x[n-3]) {
		return false
	}
	return true
}
