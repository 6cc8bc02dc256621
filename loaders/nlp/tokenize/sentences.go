package tokenize

import (
	"strings"
	"unicode/utf8"
)

// sentences marks with fBreak the tokens after which a sentence ends.
func (t *Tokenizer) sentences(text string, toks []tok) {
	quoteRoles(text, toks)
	since := 0 // tokens since the last break
	for i := 0; i < len(toks)-1; i++ {
		since++
		nx := &toks[i+1]
		switch {
		case nx.flags&fPar != 0:
			toks[i].flags |= fBreak
		case nx.flags&fLine != 0 && !t.continues(text, toks, i):
			toks[i].flags |= fBreak
		case toks[i].flags&(fTerm|fAbbr) != 0:
			j := i
			// Closing quotes and brackets written against the punctuation
			// belong to the sentence it ends, and so do closing brackets and
			// emoticons.
			for j+1 < len(toks) && since+j+1-i <= MaxSentence && toks[j+1].flags&fCloser != 0 && toks[j+1].flags&(fLine|fPar) == 0 &&
				(toks[j].flags&fSpaceAfter == 0 || toks[j+1].flags&fQuote != 0 || isBracket(text[toks[j+1].start]) ||
					emoticons[text[toks[j+1].start:toks[j+1].end]]) {
				j++
			}
			// Punctuation written against the next word ("agency…[South")
			// does not end a sentence.
			if j+1 < len(toks) && (toks[j+1].flags&(fLine|fPar) != 0 ||
				toks[j].flags&fSpaceAfter != 0 && t.endsAt(text, toks, i, j+1)) {
				toks[j].flags |= fBreak
			}
			if toks[i].flags&fAbbr != 0 && (j+1 == len(toks) || toks[j].flags&fBreak != 0) {
				toks[i].flags |= fSplitDot
			}
			since += j - i
			i = j
		case toks[i].flags&fURL != 0 || nx.flags&fURL != 0:
			// A URL ends a sentence before a capitalised word or another
			// URL and starts one after sentence-final punctuation.
			if r, _ := runeAt(text, nx.start); nx.flags&fURL != 0 && toks[i].flags&fTerm != 0 ||
				toks[i].flags&fURL != 0 && (isUpper(r) || nx.flags&fURL != 0) {
				toks[i].flags |= fBreak
			}
		}
		if since >= MaxSentence {
			toks[i].flags |= fBreak
		}
		if toks[i].flags&fBreak != 0 {
			since = 0
			if toks[i].flags&fAbbr != 0 {
				toks[i].flags |= fSplitDot // "in Washington, D.C." ending a paragraph
			}
		}
	}
	if last := &toks[len(toks)-1]; last.flags&fAbbr != 0 {
		last.flags |= fSplitDot // "etc." ending the text
	}
}

// continues reports whether the token after toks[i], which starts a new
// line, continues the sentence: the line before does not end in
// sentence-final punctuation and the new line starts in lowercase.
func (t *Tokenizer) continues(text string, toks []tok, i int) bool {
	if toks[i].flags&fTerm != 0 {
		return false
	}
	r, _ := runeAt(text, toks[i+1].start)
	return isLower(r)
}

// endsAt reports whether a sentence ends at the punctuation or abbreviation
// toks[i] (and the closing quotes after it) given the next token toks[k].
func (t *Tokenizer) endsAt(text string, toks []tok, i, k int) bool {
	ti, nx := &toks[i], &toks[k]
	r, _ := runeAt(text, nx.start)
	if ti.flags&fAbbr != 0 {
		switch ti.kind {
		case abbrTitle, abbrNumber, abbrInitial:
			return false
		case abbrMonth:
			if r >= '0' && r <= '9' {
				return false
			}
		}
		if nx.flags&fOpener != 0 && isQuote(r) {
			return true
		}
		if !isUpper(r) {
			return false
		}
		w := text[nx.start:nx.end]
		var buf [32]byte
		return t.lx.starters[string(lower(w, &buf))] || nx.flags&fAbbr != 0 && nx.kind == abbrTitle // "Inc. Mr. Kim"
	}
	term := text[ti.start:ti.end]
	switch {
	case nx.flags&fURL != 0:
		return true
	case isTermRune(r):
		return false // ". . ."
	case term == "." && i > 0 && toks[i-1].end == ti.start && isListNumber(text, toks, i-1):
		return false // "1. The pricing"
	case isUpper(r), r >= '0' && r <= '9', nx.flags&fOpener != 0:
		return true
	case isLetter(r) && !isLower(r):
		return true // scripts without case
	case isLower(r):
		if k > i+1 {
			return false // "Why?" he asked.
		}
		// Web text starts sentences in lowercase: "?" and "!" end one
		// before a lowercase word, and so does a period after a word that
		// is not an abbreviation (those kept their period).
		return strings.ContainsAny(term, "!?") || term == "." && i > 0 && toks[i-1].end-toks[i-1].start >= 2
	}
	return !isWord(r)
}

func isBracket(c byte) bool { return c == ')' || c == ']' || c == '}' }

// isListNumber reports whether toks[i] is a short number starting a
// sentence (after a break, a line break, or "*"): a list item's label.
func isListNumber(text string, toks []tok, i int) bool {
	w := text[toks[i].start:toks[i].end]
	if len(w) > 2 || !isDigit(w[0]) || !isDigit(w[len(w)-1]) {
		return false
	}
	return i == 0 || toks[i-1].flags&fBreak != 0 || toks[i].flags&(fLine|fPar) != 0 || text[toks[i-1].start:toks[i-1].end] == "*"
}

// quoteRoles decides whether each token made of quote marks opens or closes
// a quotation, marking it fQuote and fOpener or fCloser: curly quotes by
// their shape, straight ones by the space around them and, for a double
// quote standing alone between spaces, by whether a quotation is open in
// the paragraph.
func quoteRoles(text string, toks []tok) {
	open := false // a double quotation is open in this paragraph
	for i := range toks {
		tk := &toks[i]
		if tk.flags&fPar != 0 {
			open = false
		}
		w := text[tk.start:tk.end]
		r, _ := utf8.DecodeRuneInString(w)
		if !isQuote(r) || runEnd(w, 0, len(w), isQuote) != len(w) {
			continue
		}
		tk.flags |= fQuote
		spaceBefore := i == 0 || toks[i-1].flags&fSpaceAfter != 0 || tk.flags&(fLine|fPar) != 0
		end := i+1 == len(toks) || toks[i+1].flags&(fLine|fPar) != 0
		spaceAfter := tk.flags&fSpaceAfter != 0
		double := strings.ContainsAny(w, "\"“”„«»")
		var closer bool
		switch {
		case strings.ContainsAny(w, "“„«‘‚"):
			closer = false
		case strings.ContainsAny(w, "”»’"):
			closer = true
		case !spaceBefore && (spaceAfter || end):
			closer = true
		case spaceBefore && !spaceAfter && !end:
			closer = false
		case end:
			closer = true
		default:
			closer = double && open
		}
		tk.flags &^= fOpener | fCloser
		if closer {
			tk.flags |= fCloser
		} else {
			tk.flags |= fOpener
		}
		if double {
			open = !closer
		}
	}
}
