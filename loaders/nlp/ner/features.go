package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Feature templates; each feature is a 64-bit FNV-1a hash of its template
// byte and its string parts.
const (
	fBias byte = iota + 1
	fLower
	fForm
	fShape
	fShort
	fPre
	fSuf
	fLowerM1
	fLowerP1
	fLowerM2
	fLowerP2
	fShortM1
	fShortP1
	fShortTri
	fBiM1
	fBiP1
	fCapInit
	fLexFreq
	fLexPropn
	fLexCap
	fLexRole
	fLexPropnCap
	fLexPropnM1
	fLexPropnP1
	fGaz
	fGazCap
	fGazM1
	fGazP1
	fCase
	fPrev
	fPrev2
	fPrevLower
	fPrevShort
	fLexCapM1
	fLexCapP1
	fGazLen
	fName
	fNameM1
	fNameP1
	fNameCap
	fNameTri
	fOrgEv
)

var nameTagNames = []string{"O", "B", "I"}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hstr(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	h ^= 0xff // separator
	h *= fnvPrime
	return h
}

func fh(t byte, a string) uint64 {
	return hstr((fnvOffset^uint64(t))*fnvPrime, a)
}

func fh2(t byte, a, b string) uint64 {
	return hstr(hstr((fnvOffset^uint64(t))*fnvPrime, a), b)
}

func fh3(t byte, a, b, c string) uint64 {
	return hstr(hstr(hstr((fnvOffset^uint64(t))*fnvPrime, a), b), c)
}

// shape maps letters to X/x and digits to d, keeping other characters, and
// cuts long words: "Zelenskiy" → "Xxxxxxxx", "11,000" → "dd,ddd".
func shape(s string) string {
	var b strings.Builder
	n := 0
	for _, r := range s {
		if n == 8 {
			b.WriteByte('~')
			break
		}
		b.WriteByte(shapeByte(r))
		n++
	}
	return b.String()
}

func shapeByte(r rune) byte {
	switch {
	case unicode.IsUpper(r):
		return 'X'
	case unicode.IsLetter(r):
		return 'x'
	case unicode.IsDigit(r):
		return 'd'
	case r < utf8.RuneSelf:
		return byte(r)
	default:
		return '*'
	}
}

// shortShape collapses repeats: "Zelenskiy" → "Xx", "11,000" → "d,d".
func shortShape(s string) string {
	var b [16]byte
	n := 0
	var last byte
	for _, r := range s {
		c := shapeByte(r)
		if c == last {
			continue
		}
		last = c
		if n == len(b) {
			break
		}
		b[n] = c
		n++
	}
	return string(b[:n])
}

func isCap(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// sentInfo is what the features need about a sentence, computed once.
type sentInfo struct {
	forms, lower, short []string
	gaz                 []uint16 // categories of the longest gazetteer match covering each token
	gazBegin            []bool   // token starts that match
	gazLen              []int
	caseClass           string // "title", "lower", "upper" or "mixed"
	names               []int  // name-chunker classes (0 O, 1 B-NAME, 2 I-NAME), nil until computed
}

var prefixBuf = []string{"", "1", "2", "3", "4"}

func (g *Gazetteer) sentInfo(forms []string) *sentInfo {
	n := len(forms)
	si := &sentInfo{forms: forms, lower: make([]string, n), short: make([]string, n),
		gaz: make([]uint16, n), gazBegin: make([]bool, n), gazLen: make([]int, n)}
	alpha, caps, lows := 0, 0, 0
	for i, f := range forms {
		si.lower[i] = strings.ToLower(f)
		si.short[i] = shortShape(f)
		r, _ := utf8.DecodeRuneInString(f)
		if unicode.IsLetter(r) && len(f) > 1 {
			alpha++
			if unicode.IsUpper(r) {
				caps++
			} else {
				lows++
			}
		}
	}
	switch {
	case alpha >= 3 && caps*10 >= alpha*7:
		si.caseClass = "title"
	case alpha >= 3 && lows == alpha:
		si.caseClass = "lower"
	default:
		si.caseClass = "mixed"
	}
	if g != nil {
		g.match(forms, si)
	}
	return si
}

// match finds longest gazetteer matches left to right.
func (g *Gazetteer) match(forms []string, si *sentInfo) {
	var buf []byte
	for i := 0; i < len(forms); {
		best, bestCat := 0, uint16(0)
		buf = buf[:0]
		for j := i; j < len(forms) && j-i < g.MaxLen; j++ {
			buf = gazKey(buf, forms[j])
			if c, ok := g.phrases.get(phraseHash(buf)); ok {
				best, bestCat = j-i+1, c
			}
			if j == i {
				if c, ok := g.Exact[forms[j]]; ok {
					best, bestCat = 1, bestCat|c
				}
			}
		}
		if best == 0 {
			i++
			continue
		}
		for k := i; k < i+best; k++ {
			si.gaz[k] = bestCat
			si.gazLen[k] = best
		}
		si.gazBegin[i] = true
		i += best
	}
}

// staticFeatures appends the features of token i that do not depend on the
// tags already chosen. names, when not nil, are the name chunker's classes
// for the sentence. The name chunker, trained on the treebank the lexicon comes from, passes
// useLex false so that it does not learn to trust statistics of its own
// training sentences.
func (g *Gazetteer) staticFeatures(dst []uint64, si *sentInfo, i int, names []int, useLex bool) []uint64 {
	w, lw, sh := si.forms[i], si.lower[i], si.short[i]
	at := func(k int) string { return padded(si.lower, k) }
	shAt := func(k int) string { return padded(si.short, k) }
	capS := "0"
	if isCap(w) {
		capS = "1"
	}
	dst = append(dst, fh(fBias, ""), fh(fLower, lw), fh(fForm, w), fh(fShape, shape(w)), fh(fShort, sh))
	rs := []rune(lw)
	for k := 1; k <= 4 && k <= len(rs); k++ {
		dst = append(dst, fh2(fPre, prefixBuf[k], string(rs[:k])))
		dst = append(dst, fh2(fSuf, prefixBuf[k], string(rs[len(rs)-k:])))
	}
	dst = append(dst,
		fh(fLowerM1, at(i-1)), fh(fLowerP1, at(i+1)), fh(fLowerM2, at(i-2)), fh(fLowerP2, at(i+2)),
		fh(fShortM1, shAt(i-1)), fh(fShortP1, shAt(i+1)), fh3(fShortTri, shAt(i-1), sh, shAt(i+1)),
		fh2(fBiM1, at(i-1), lw), fh2(fBiP1, lw, at(i+1)),
		fh2(fCase, si.caseClass, sh),
	)
	if i == 0 {
		dst = append(dst, fh2(fCapInit, "init", capS))
	}
	if names != nil {
		nm := func(k int) string {
			if k < 0 || k >= len(names) {
				return "-"
			}
			return nameTagNames[names[k]]
		}
		dst = append(dst, fh(fName, nm(i)), fh2(fNameM1, nm(i-1), nm(i)), fh2(fNameP1, nm(i), nm(i+1)),
			fh3(fNameCap, nm(i), capS, si.caseClass), fh3(fNameTri, nm(i-1), nm(i), nm(i+1)))
	}
	if g == nil {
		return dst
	}
	lexOf := func(k int) (uint32, bool) {
		if k < 0 || k >= len(si.forms) {
			return 0, false
		}
		if !useLex {
			return 0, false
		}
		c, ok := g.Lex[si.lower[k]]
		return c, ok
	}
	if c, ok := lexOf(i); ok {
		freq, pb, cb, role := string(rune('a'+c&0xff)), string(rune('a'+(c>>8)&0xff)), string(rune('a'+(c>>16)&0xff)), string(rune('a'+(c>>24)&0xff))
		dst = append(dst, fh(fLexFreq, freq), fh(fLexPropn, pb), fh(fLexCap, cb), fh(fLexRole, role),
			fh3(fLexPropnCap, pb, cb, capS), fh3(fLexPropnCap, pb, si.caseClass, capS))
	} else {
		dst = append(dst, fh2(fLexFreq, "unk", capS), fh3(fLexPropnCap, "unk", si.caseClass, capS))
	}
	for _, k := range []int{i - 1, i + 1} {
		t := fLexPropnM1
		tc := fLexCapM1
		if k > i {
			t, tc = fLexPropnP1, fLexCapP1
		}
		if c, ok := lexOf(k); ok {
			dst = append(dst, fh(t, string(rune('a'+(c>>8)&0xff))), fh(tc, string(rune('a'+(c>>16)&0xff))))
		} else if k >= 0 && k < len(si.forms) {
			dst = append(dst, fh(t, "unk"))
		}
	}
	if c := si.gaz[i]; c != 0 {
		pos := "I"
		if si.gazBegin[i] {
			pos = "B"
		}
		for b := 0; b < nGazCats; b++ {
			if c&(1<<b) != 0 {
				dst = append(dst, fh2(fGaz, gazCatNames[b], pos), fh3(fGazCap, gazCatNames[b], capS, si.caseClass))
				if si.gazLen[i] > 1 {
					dst = append(dst, fh2(fGazLen, gazCatNames[b], "multi"))
				}
			}
		}
	}
	for _, k := range []int{i - 1, i + 1} {
		if k < 0 || k >= len(si.forms) || si.gaz[k] == 0 {
			continue
		}
		t := fGazM1
		if k > i {
			t = fGazP1
		}
		same := "0"
		if si.gazLen[k] > 1 && si.gazLen[i] == si.gazLen[k] && si.gaz[i] == si.gaz[k] {
			same = "1"
		}
		for b := 0; b < nGazCats; b++ {
			if si.gaz[k]&(1<<b) != 0 {
				dst = append(dst, fh2(t, gazCatNames[b], same))
			}
		}
	}
	return dst
}

// padded returns vals[k], or a sentence-boundary marker outside vals.
func padded(vals []string, k int) string {
	switch {
	case k < 0:
		return "<s>"
	case k >= len(vals):
		return "</s>"
	}
	return vals[k]
}

// dynamicFeatures appends the features that depend on the two previous tags.
func dynamicFeatures(dst []uint64, si *sentInfo, i int, prev, prev2 string) []uint64 {
	return append(dst, fh(fPrev, prev), fh2(fPrev2, prev2, prev),
		fh2(fPrevLower, prev, si.lower[i]), fh2(fPrevShort, prev, si.short[i]))
}

// corpSuffixes end company names ("General Motors Corp.", "Singapore
// Airlines", "Barclays plc"); with the organisation heads of post.go they
// are evidence that a capitalised run names an organisation.
var corpSuffixes = wordSet("inc inc. corp corp. co co. ltd ltd. llc plc group airlines airways holdings motors " +
	"industries technologies systems partners associates capital bancorp sa s.a. ag gmbh nv n.v. limited")

// orgRoles come before "of", "for" or "at" and an organisation: "chief
// executive of Ford", "a spokesman for Toyota", "an analyst at Citigroup".
var orgRoles = wordSet("ceo executive spokesman spokeswoman spokesperson chairman chairwoman director analyst " +
	"shares stake employees founder co-founder head president economist officials unit subsidiary")

// orgEvidence appends the entity tagger's organisation-evidence features
// of token i: whether the capitalised run around it ("General Motors
// Corp.", "Standard & Poor 's" with its connectors) ends in a corporate
// suffix or organisation head, what follows the run ("said in a
// statement", "'s shares", "spokesman") and what precedes it ("chief
// executive of").
func orgEvidence(dst []uint64, si *sentInfo, i int) []uint64 {
	n := len(si.forms)
	if !isCap(si.forms[i]) && si.forms[i] != "&" {
		return dst
	}
	capAt := func(k int) bool { return k >= 0 && k < n && isCap(si.forms[k]) }
	joins := func(k int) bool { // a connector between two capitalised words
		l := si.lower[k]
		return (l == "&" || l == "of" || l == "-" || l == "and") && capAt(k-1) && capAt(k+1)
	}
	a, b := i, i+1
	for a > 0 && (capAt(a-1) || a-1 > 0 && joins(a-1)) {
		a--
	}
	for b < n && (capAt(b) || joins(b)) {
		b++
	}
	pos := "in"
	if i == b-1 {
		pos = "last"
	}
	if last := si.lower[b-1]; b-a >= 2 && (corpSuffixes[last] || orgHeads[last]) {
		dst = append(dst, fh2(fOrgEv, "suffix", pos))
	}
	if b < n && corpSuffixes[si.lower[b]] { // "Apple inc", "Ford Motor co"
		dst = append(dst, fh2(fOrgEv, "suffix", "after"))
	}
	next := func(k int) string { return padded(si.lower, k) }
	switch {
	case next(b) == "said" && next(b+1) == "in" && next(b+3) == "statement",
		next(b) == "'s" && next(b+1) == "shares", next(b) == "shares":
		dst = append(dst, fh(fOrgEv, "stmt"))
	case next(b) == "spokesman" || next(b) == "spokeswoman" || next(b) == "spokesperson":
		dst = append(dst, fh(fOrgEv, "spokes"))
	}
	if a >= 2 && (si.lower[a-1] == "of" || si.lower[a-1] == "for" || si.lower[a-1] == "at") && orgRoles[si.lower[a-2]] {
		dst = append(dst, fh(fOrgEv, "roleof"))
	}
	return dst
}
