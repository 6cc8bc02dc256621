package tokenize

import "strings"

// sentences marks with fBreak the tokens after which a sentence ends.
func (t *Tokenizer) sentences(text string, toks []tok) {
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
			// belong to the sentence it ends.
			for j+1 < len(toks) && toks[j+1].flags&fCloser != 0 && toks[j].flags&fSpaceAfter == 0 &&
				toks[j+1].flags&(fLine|fPar) == 0 {
				j++
			}
			// Punctuation written against the next word ("agency…[South")
			// does not end a sentence.
			if j+1 < len(toks) && (toks[j+1].flags&(fLine|fPar) != 0 ||
				toks[j].flags&fSpaceAfter != 0 && t.endsAt(text, toks, i, j+1)) {
				toks[j].flags |= fBreak
			}
			since += j - i
			i = j
		}
		if since >= MaxSentence {
			toks[i].flags |= fBreak
		}
		if toks[i].flags&fBreak != 0 {
			since = 0
		}
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
		var buf [32]byte
		return t.lx.starters[string(lower(text[nx.start:nx.end], &buf))]
	}
	term := text[ti.start:ti.end]
	switch {
	case isUpper(r), r >= '0' && r <= '9', nx.flags&fOpener != 0:
		return true
	case isLower(r):
		return strings.ContainsAny(term, "!?")
	}
	return !isWord(r)
}
