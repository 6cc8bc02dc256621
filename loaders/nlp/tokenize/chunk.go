package tokenize

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// isQuote reports quote characters: straight, curly, angle and back-tick.
func isQuote(r rune) bool {
	switch r {
	case '"', '\'', '`', '‘', '’', '‚', '‛', '“', '”', '„', '‟', '«', '»', '‹', '›':
		return true
	}
	return false
}

func isSingleQuote(r rune) bool { return r == '\'' || r == '`' || r == '’' || r == '‘' }

func isDash(r rune) bool {
	switch r {
	case '—', '–', '―', '‒', '⸺', '⸻':
		return true
	}
	return false
}

// isTermRune reports sentence-final punctuation, including that of other
// scripts (Devanagari danda, CJK full stop, Arabic question mark).
func isTermRune(r rune) bool {
	switch r {
	case '.', '!', '?', '…', '‼', '⁇', '⁈', '⁉', '।', '॥', '。', '！', '？', '؟', '۔', '｡':
		return true
	}
	return false
}

// emoticons EWT writes as single tokens.
var emoticons = map[string]bool{
	":)": true, ":(": true, ";)": true, ":-)": true, ":-(": true, ";-)": true, ":D": true, ":-D": true, ":P": true,
	":p": true, ":-P": true, ":/": true, ":o": true, ":O": true, "=)": true, "(:": true, "^_^": true, ":'(": true,
	"<3": true, ":]": true, "xD": true, "XD": true, ";P": true, ":-/": true, ";D": true,
}

// runEnd returns the end of the run of runes matching f starting at i.
func runEnd(s string, i, q int, f func(rune) bool) int {
	for i < q {
		r, n := runeAt(s, i)
		if !f(r) {
			break
		}
		i += n
	}
	return i
}

// runStart returns the start of the run of runes matching f ending at q.
func runStart(s string, p, q int, f func(rune) bool) int {
	for q > p {
		r, n := utf8.DecodeLastRuneInString(s[p:q])
		if !f(r) {
			break
		}
		q -= n
	}
	return q
}

// isURL reports whether s starts like a URL or an e-mail address.
func isURL(s string) bool {
	if i := strings.Index(s, "://"); i > 0 && i <= 10 {
		return true
	}
	if len(s) > 4 && (strings.HasPrefix(s, "www.") || strings.HasPrefix(s, "WWW.")) {
		return true
	}
	if strings.HasPrefix(s, "mailto:") {
		return true
	}
	at := strings.IndexByte(s, '@')
	if at <= 0 || at == len(s)-1 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s[:at])
	if !isWord(r) && r != '.' { // franz371...@gmail.com
		return false
	}
	dot := strings.IndexByte(s[at+1:], '.')
	return dot > 0 && at+2+dot < len(s) && isLetter(rune(s[at+2+dot]))
}

// chunk splits the white-space free text[a:b] into tokens appended to out;
// next is the first rune of the following chunk (0 at the end of the text).
func (t *Tokenizer) chunk(text string, a, b int, next rune, out []tok) []tok {
	if b-a == 1 {
		f := uint16(0)
		switch c := text[a]; c {
		case '.', '!', '?':
			f = fTerm
		case '(', '[', '{':
			f = fOpener
		case ')', ']', '}':
			f = fCloser
		case '"', '\'', '`':
			f = fOpener | fCloser
		}
		return append(out, tok{start: a, end: b, flags: f})
	}
	if emoticons[text[a:b]] {
		return append(out, tok{start: a, end: b, flags: fCloser})
	}
	p, q := a, b

	// Prefixes.
prefix:
	for p < q {
		r, n := runeAt(text, p)
		if isWord(r) {
			break
		}
		switch {
		case r == '(' || r == '[' || r == '{' || r == '¿' || r == '¡':
			out = append(out, tok{start: p, end: p + n, flags: fOpener})
			p += n
		case isQuote(r):
			e := runEnd(text, p, q, isQuote)
			if e-p == n && isSingleQuote(r) && p+n < q && t.quotedWord(text, p+n, q) {
				break prefix // '72, 'em, ’90s
			}
			out = append(out, tok{start: p, end: e, flags: fOpener})
			p = e
		case r == '$' || r == '#' || unicode.Is(unicode.Sc, r):
			if e := runEnd(text, p, q, func(x rune) bool { return x == r }); e-p > n {
				out = append(out, tok{start: p, end: e}) // $$$
				p = e
				continue
			}
			if p+n < q && isDigit(text[p+n]) {
				out = append(out, tok{start: p, end: p + n})
				p += n
				continue
			}
			if r == '#' && p+n < q {
				break prefix // #hashtag
			}
			out = append(out, tok{start: p, end: p + n})
			p += n
		case r == '-' || r == '+':
			e := runEnd(text, p, q, func(r rune) bool { return r == '-' })
			if e-p <= 1 && p+1 < q && isDigit(text[p+1]) {
				break prefix // -5, +852
			}
			if e == p {
				e = p + 1
			}
			out = append(out, tok{start: p, end: e})
			p = e
		case r == '.':
			e := runEnd(text, p, q, func(r rune) bool { return r == '.' })
			if e-p == 1 && p+1 < q && wordAt(text, p+1) {
				break prefix // .doc, .5
			}
			out = append(out, tok{start: p, end: e, flags: termAtEnd(e, q)})
			p = e
		case isTermRune(r):
			e := runEnd(text, p, q, isTermRune)
			out = append(out, tok{start: p, end: e, flags: termAtEnd(e, q)})
			p = e
		case isDash(r):
			e := runEnd(text, p, q, isDash)
			out = append(out, tok{start: p, end: e})
			p = e
		case r == '@' || r == '_' || r == '&':
			if p+n < q {
				break prefix // @user, _id
			}
			out = append(out, tok{start: p, end: p + n})
			p += n
		case r == '<' || r == '>' || r == '*' || r == '=' || r == '~' || r == '/' || r == '\\' || r == '|' || r == '^':
			e := runEnd(text, p, q, func(x rune) bool { return x == r })
			out = append(out, tok{start: p, end: e})
			p = e
		default:
			out = append(out, tok{start: p, end: p + n})
			p += n
		}
	}
	if p == q {
		return out
	}

	url := isURL(text[p:q])

	// Suffixes, peeled from the end into suf (in reverse order).
	var sufBuf [12]tok
	suf := sufBuf[:0]
	var wordFlags uint16
	var wordKind abbrKind
suffix:
	for q > p && len(suf) < cap(suf) {
		r, n := utf8.DecodeLastRuneInString(text[p:q])
		if isWord(r) {
			break
		}
		switch {
		case r == ')' || r == ']' || r == '}':
			if url && strings.ContainsRune(text[p:q-n], opening(r)) {
				break suffix // a URL with balanced brackets keeps them
			}
			suf = append(suf, tok{start: q - n, end: q, flags: fCloser})
			q -= n
		case isQuote(r):
			s := runStart(text, p, q, isQuote)
			if s == p {
				s = q - n
			}
			suf = append(suf, tok{start: s, end: q, flags: fCloser})
			q = s
		case isTermRune(r):
			s := runStart(text, p, q, isTermRune)
			if s == p {
				s = q - n // keep the core non-empty
			}
			if strings.Trim(text[s:q], ".") != "" || url {
				// "?!", "!!!", "...?": one token; "T.V.?" → T.V. ?
				if !url && text[s] == '.' && s > p {
					if k := t.abbrev(text[p:s+1], next); k != abbrNone && (s+1 == q || text[s+1] != '.') {
						s++
					}
				}
				suf = append(suf, tok{start: s, end: q, flags: fTerm})
				q = s
				continue
			}
			if q-s >= 2 {
				if q-s == 2 && t.abbrev(text[p:q-1], next) != abbrNone {
					// "U.S.." → U.S. .
					suf = append(suf, tok{start: q - 1, end: q, flags: fTerm})
					q--
					break suffix
				}
				suf = append(suf, tok{start: s, end: q, flags: fTerm})
				q = s
				continue
			}
			k := t.abbrev(text[p:q], next)
			if k == abbrNone {
				k = t.abbrev(lastPart(text[p:q]), next) // D-Mass.
			}
			if k != abbrNone {
				wordFlags, wordKind = fAbbr, k
				break suffix
			}
			suf = append(suf, tok{start: q - 1, end: q, flags: fTerm})
			q--
		case r == ',' || r == ';' || r == ':' || r == '%' || r == '‰':
			suf = append(suf, tok{start: q - n, end: q})
			q -= n
		case r == '-' || isDash(r) || r == '*' || r == '>' || r == '<' || r == '=' || r == '~' || r == '+':
			s := runStart(text, p, q, func(x rune) bool { return x == r })
			if s == p {
				s = q - n
			}
			suf = append(suf, tok{start: s, end: q})
			q = s
		case url:
			break suffix
		case r == '/' || r == '\\' || r == '|':
			suf = append(suf, tok{start: q - n, end: q})
			q -= n
		case r < utf8.RuneSelf:
			break suffix // + # & $ _ @ ^ stay attached
		default:
			suf = append(suf, tok{start: q - n, end: q})
			q -= n
		}
	}

	if q > p {
		if url {
			out = append(out, tok{start: p, end: q, flags: fURL})
		} else {
			out = t.infix(text, p, q, out)
		}
		if wordFlags != 0 {
			last := &out[len(out)-1]
			last.flags |= wordFlags
			last.kind = wordKind
		}
	}
	for i := len(suf) - 1; i >= 0; i-- {
		out = append(out, suf[i])
	}
	return out
}

// wordAt reports whether a word character starts at text[i].
func wordAt(text string, i int) bool {
	r, _ := runeAt(text, i)
	return isWord(r)
}

// lastPart returns the part of w after its last hyphen or slash.
func lastPart(w string) string {
	if k := strings.LastIndexAny(w, "-/"); k >= 0 {
		return w[k+1:]
	}
	return w
}

// termAtEnd returns fTerm for punctuation that makes up the rest of its
// chunk ("!!!" or "।" written apart from the word before).
func termAtEnd(e, q int) uint16 {
	if e == q {
		return fTerm
	}
	return 0
}

// quotedWord reports whether the word after a leading apostrophe at
// text[i:q] belongs with it: a year ('72, ’90s) or an elided word ('em).
func (t *Tokenizer) quotedWord(text string, i, q int) bool {
	if isDigit(text[i]) {
		return true
	}
	e := runEnd(text, i, q, isLetter)
	var buf [32]byte
	switch string(lower(text[i:e], &buf)) {
	case "em", "cause", "til", "tis", "twas", "n", "bout":
		return true
	case "s", "re", "ll", "d", "m", "ve": // a clitic written apart: "Bush 's"
		if e == q {
			return true
		}
		r, _ := runeAt(text, e)
		return !isWord(r)
	}
	return false
}

// abbrev reports whether w, a word ending in a period, is an abbreviation
// that keeps its period, given the first rune of the next chunk.
func (t *Tokenizer) abbrev(w string, next rune) abbrKind {
	if len(w) < 2 {
		return abbrNone
	}
	if k, ok := t.lx.abbr[w]; ok {
		if k == abbrNumber && !(next < utf8.RuneSelf && isDigit(byte(next))) {
			return abbrNone
		}
		return k
	}
	var buf [32]byte
	if k, ok := t.lx.abbrLow[string(lower(w, &buf))]; ok && !isAcronym(w[:len(w)-1]) {
		return k // "Etc.", not the time zone "EST."
	}
	r, n := utf8.DecodeRuneInString(w)
	if n == len(w)-1 && isUpper(r) && r != 'I' {
		return abbrInitial // "W." (not the pronoun in "than I.")
	}
	// Letters and periods alternating: "U.S.", "e.g.", "a.k.a.".
	groups := 0
	for i := 0; i < len(w); groups++ {
		r, n := utf8.DecodeRuneInString(w[i:])
		if !isLetter(r) || i+n >= len(w) || w[i+n] != '.' {
			return abbrNone
		}
		i += n + 1
	}
	if groups < 2 {
		return abbrNone // "I.", "a."
	}
	return abbrGeneral
}

// infix splits text[p:q], which starts and ends with a word character (or an
// abbreviation's period), at internal punctuation.
func (t *Tokenizer) infix(text string, p, q int, out []tok) []tok {
	ps := p
	cliticEnd := -1 // end of the last clitic split off
	for i := p; i < q; {
		c := text[i]
		if c < utf8.RuneSelf && ascii[c]&(cLetter|cDigit) != 0 {
			i++
			continue
		}
		r, n := runeAt(text, i)
		if r >= utf8.RuneSelf && isWord(r) && !isSingleQuote(r) {
			i += n
			continue
		}
		switch {
		case r == '.':
			if i+1 < q && text[i+1] == '.' { // internal ellipsis
				e := runEnd(text, i, q, func(r rune) bool { return r == '.' })
				out = t.word(text, ps, i, out)
				out = append(out, tok{start: i, end: e, flags: fTerm})
				ps, i = e, e
				continue
			}
			if i+1 == q {
				i++
				continue
			}
			if nr, _ := runeAt(text, i+1); isWord(nr) {
				// "Dr.Michael", "S.Korea", "P.O.Box" → split after the
				// abbreviation; "U.S.A" stays whole.
				if isUpper(nr) && ps < i {
					if e := runEnd(text, i+1, q, isLetter); e-(i+1) >= 2 && (e == q || text[e] != '.') {
						if k := t.abbrev(text[ps:i+1], 0); k != abbrNone {
							out = t.word(text, ps, i+1, out)
							last := &out[len(out)-1]
							last.flags |= fAbbr
							last.kind = k
							ps, i = i+1, i+1
							continue
						}
					}
				}
				i++
				continue
			}
			if ps < i && t.abbrev(text[ps:i+1], 0) != abbrNone {
				i++
				continue
			}
			out = t.word(text, ps, i, out)
			out = append(out, tok{start: i, end: i + 1, flags: fTerm})
			ps, i = i+1, i+1
		case r == '-' || r == '‐' || r == '‑':
			if e := t.hyphenJoin(text, ps, i, n, q); e > i {
				i = e
				continue
			}
			e := runEnd(text, i, q, func(x rune) bool { return x == r })
			out = t.word(text, ps, i, out)
			out = append(out, tok{start: i, end: e})
			ps, i = e, e
		case isSingleQuote(r):
			if i == p {
				i += n // '90s, 'em: the prefix loop kept it
				continue
			}
			if cs, ce := t.clitic(text, ps, i, n, q, i == cliticEnd); ce > 0 {
				cliticEnd = ce
				out = t.word(text, ps, cs, out)
				out = append(out, tok{start: cs, end: ce, flags: fClitic})
				ps, i = ce, ce
				continue
			}
			if ps < i && i+n < q {
				if nr, _ := runeAt(text, i+n); isLetter(nr) {
					i += n // O'Brien, Sha'lan
					continue
				}
			}
			e := runEnd(text, i, q, isQuote)
			out = t.word(text, ps, i, out)
			out = append(out, tok{start: i, end: e})
			ps, i = e, e
		case r == ',' || r == ':':
			if ps < i && isDigit(text[i-1]) && i+1 < q && isDigit(text[i+1]) {
				i++ // 11,000  3:30
				continue
			}
			out = t.word(text, ps, i, out)
			out = append(out, tok{start: i, end: i + 1})
			ps, i = i+1, i+1
		case r == '/':
			if t.slashJoin(text, ps, i, q) {
				i++
				continue
			}
			out = t.word(text, ps, i, out)
			out = append(out, tok{start: i, end: i + 1})
			ps, i = i+1, i+1
		case r == '&' && i-ps == 1 && text[ps] == 'B' && i+2 <= q && text[i+1] == 'W' && (i+2 == q || !wordAt(text, i+2)):
			// B & W (black and white) as EWT writes it; its other
			// letter&letter words are names kept whole (A&E, P&L, PG&E,
			// and so S&P, AT&T).
			out = t.word(text, ps, i, out)
			out = append(out, tok{start: i, end: i + 1})
			ps, i = i+1, i+1
		case r == '&' || r == '_' || r == '@' || r == '+' || r == '#' || r == '*' || r == '^' || r == '=' ||
			r == '~' || r == '$' || r == '|' || r == '\\':
			i++ // AT&T, ENRON_DEVELOPMENT, C++
		default:
			var e int
			switch {
			case isTermRune(r):
				e = runEnd(text, i, q, isTermRune)
			case isDash(r):
				e = runEnd(text, i, q, isDash)
			case isQuote(r):
				e = runEnd(text, i, q, isQuote)
			default:
				e = i + n
			}
			out = t.word(text, ps, i, out)
			f := uint16(0)
			switch r {
			case '(', '[', '{':
				f = fOpener
			case ')', ']', '}':
				f = fCloser
			}
			if isTermRune(r) {
				f = fTerm
			}
			out = append(out, tok{start: i, end: e, flags: f})
			ps, i = e, e
		}
	}
	return t.word(text, ps, q, out)
}

// hyphenJoin decides whether the hyphen of size n at text[i] keeps the word
// text[ps:i] joined to what follows; it returns the offset to continue
// scanning from (past a whole phone number), or i to split.
func (t *Tokenizer) hyphenJoin(text string, ps, i, n, q int) int {
	if i+n >= q || ps == i {
		return i
	}
	nr, _ := runeAt(text, i+n)
	if !isWord(nr) {
		return i
	}
	left := text[ps:i]
	var buf [32]byte
	if t.lx.prefixes[string(lower(left, &buf))] {
		// non-stop, pre-war, e-mail, E-mail, anti-American; but E-J and
		// Hizb-e-Islami split
		l0, _ := runeAt(left, 0)
		if len(left) > 1 || l0 != 'E' && l0 != 'e' || isLower(nr) {
			return i + n
		}
	}
	letters, digits, sep := false, false, false
	for k := 0; k < len(left); k++ {
		switch c := left[k]; {
		case isDigit(c):
			digits = true
		case c == '/' || c == '.' || c == ':' || c == ',':
			sep = true
		default:
			letters = true
		}
	}
	if letters && digits && !isDigit(left[0]) {
		return i + n // codes: ld2d-#69366, nmemdrft8-7-01
	}
	if !digits || letters || nr > '9' || nr < '0' {
		return i
	}
	if sep {
		if strings.IndexByte(left, '/') >= 0 {
			return runEnd(text, i, q, func(r rune) bool { return r == '-' || r >= '0' && r <= '9' }) // 713/853-6197
		}
		return i // 1.5-2.0, 5:00-8:30
	}
	// Digit groups joined by hyphens: phone numbers and dates stay whole,
	// ranges such as 1969-1970 split.
	g0 := len(left)
	groups, g1, longest, e := 1, 0, g0, i
	for e < q && text[e] == '-' && e+1 < q && isDigit(text[e+1]) {
		s := e + 1
		e = s
		for e < q && isDigit(text[e]) {
			e++
		}
		groups++
		if groups == 2 {
			g1 = e - s
		}
		longest = max(longest, e-s)
	}
	if e < q && wordAt(text, e) {
		return i
	}
	if groups >= 3 && longest >= 2 || (g0 == 3 && g1 == 4) || (g0 == 5 && g1 == 4) {
		return e // 713-853-3044, 12-20-00, 77415-0027; not 1-7-0-1
	}
	return i
}

// clitic finds a clitic starting at the apostrophe of size n at text[i] in
// the word text[ps:]: 's 're 'll 'd 'm 've after the apostrophe, or n't
// starting one byte before it. It returns the clitic's span, or 0, 0.
func (t *Tokenizer) clitic(text string, ps, i, n, q int, chained bool) (int, int) {
	if ps == i && !chained {
		return 0, 0
	}
	e := i + n
	for e < q && isASCIILetter(text[e]) {
		e++
	}
	if e < q {
		if r, _ := runeAt(text, e); isWord(r) {
			return 0, 0 // "I'd've" is split one clitic at a time
		}
	}
	var buf [32]byte
	switch string(lower(text[i+n:e], &buf)) {
	case "s", "re", "ll", "d", "m", "ve":
		return i, e
	case "t":
		if i-1 > ps && (text[i-1] == 'n' || text[i-1] == 'N') {
			return i - 1, e
		}
	}
	return 0, 0
}

// slashJoin reports whether the slash at text[i] joins text[ps:i] to the
// word after it: numbers (9/11, 16/11/2004), acronyms (RFE/RL) and w/o.
func (t *Tokenizer) slashJoin(text string, ps, i, q int) bool {
	if ps == i || i+1 >= q {
		return false
	}
	e := runEnd(text, i+1, q, isWord)
	left, right := text[ps:i], text[i+1:e]
	if right == "" {
		return false
	}
	if isNumeric(left) && isNumeric(right) {
		return len(left) > 1 || len(right) > 1 // 9/11, 16/11/2004; but 1 / 2
	}
	if left == "w" || left == "W" {
		return true
	}
	return isAcronym(left) && isAcronym(right)
}

func isNumeric(s string) bool {
	if s == "" || !isDigit(s[0]) {
		return false
	}
	for k := 0; k < len(s); k++ {
		if c := s[k]; !isDigit(c) && c != '/' && c != '.' && c != ',' && c != ':' {
			return false
		}
	}
	return true
}

// isAcronym reports an all-capitals word such as "RFE" or "RL".
func isAcronym(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !isUpper(r) && !(r < utf8.RuneSelf && isDigit(byte(r))) && r != '&' {
			return false
		}
	}
	return true
}

// word appends text[a:b], a word without split points, as one token or as
// the two words UD makes of it ("cannot" → can not, "5pm" → 5 pm).
func (t *Tokenizer) word(text string, a, b int, out []tok) []tok {
	n := b - a
	if n <= 0 {
		return out
	}
	if n >= 2 && n <= 8 && isASCIILetter(text[a]) {
		var buf [32]byte
		if k, ok := t.lx.splits[string(lower(text[a:b], &buf))]; ok && caseOK(text[a:b]) {
			return append(out, tok{start: a, end: a + k}, tok{start: a + k, end: b, flags: fClitic})
		}
	} else if n >= 2 && isDigit(text[a]) && isASCIILetter(text[b-1]) {
		k := b
		for k > a && isASCIILetter(text[k-1]) {
			k--
		}
		if isNumeric(text[a:k]) && isDigit(text[k-1]) { // 5pm, 7:30PM, 1.5bn
			var buf [32]byte
			unit := lower(text[k:b], &buf)
			if t.lx.units[string(unit)] || b-k >= 3 {
				return append(out, tok{start: a, end: k}, tok{start: k, end: b})
			}
		}
	}
	return append(out, tok{start: a, end: b})
}

// caseOK reports whether a word may be split as a known contraction: all
// lowercase, all capitals, or capitalised; short words ("im", not the
// surname "Im") only in lowercase.
func caseOK(w string) bool {
	up := 0
	for k := 0; k < len(w); k++ {
		if w[k] >= 'A' && w[k] <= 'Z' {
			up++
		}
	}
	if len(w) < 4 {
		return up == 0
	}
	return up == 0 || up == len(w) || (up == 1 && w[0] >= 'A' && w[0] <= 'Z')
}

func isASCIILetter(c byte) bool { return c < utf8.RuneSelf && ascii[c]&cLetter != 0 }

// opening returns the opening bracket of a closing one.
func opening(r rune) rune {
	switch r {
	case ')':
		return '('
	case ']':
		return '['
	}
	return '{'
}
