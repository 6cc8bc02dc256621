// Package tokenize splits raw English text into sentences and tokens with
// byte offsets, following the tokenization of UD English-EWT: clitics are
// split from their host ("didn't" → did n't, "Kyiv's" → Kyiv 's, "cannot" →
// can not), hyphens split compounds ("Al-Zaman" → Al - Zaman) except after
// prefixes such as "non" or "pre" and inside phone numbers, abbreviations
// keep their period ("U.S.", "Dec.", "e.g.") except at the end of a
// sentence, where EWT makes it a token ("in the U.S ."), acronym pairs stay
// whole ("RFE/RL", where EWT would split), numbers stay whole ("11,000",
// "3.5") but currency and percent signs are split ("$ 5", "50 %"), curly
// quotes, brackets, dashes and ellipses are tokens of their own, and URLs
// and e-mail addresses are single tokens.
//
// Sentences end at sentence-final punctuation followed by something that
// can start a sentence (abbreviations are told apart with a list derived
// from EWT train), at blank lines, and at line breaks unless the next line
// continues the sentence in lowercase, so headlines and bylines are units of
// their own.
//
// Every token's Form is exactly the text it spans: Form ==
// text[Start:End]. White space (including Unicode spaces, control
// characters and zero-width spaces and byte-order marks) is never part of a
// token; every other byte of the input, valid UTF-8 or not, belongs to
// exactly one token.
package tokenize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/loaders/nlp"
)

// MaxSentence is the most tokens a sentence may have: a longer run without a
// sentence boundary (a list, a table flattened to text) is cut into pieces
// of this size so later stages never see unbounded input.
const MaxSentence = 400

// Tokenizer splits text into sentences and tokens. It is safe for
// concurrent use.
type Tokenizer struct {
	lx *lexicon
}

// New returns a Tokenizer using the embedded word lists.
func New() *Tokenizer {
	lx, err := parseLexicon(strings.NewReader(lexiconTxt))
	if err != nil {
		panic("tokenize: embedded lexicon: " + err.Error()) // a build defect, caught by the tests
	}
	return &Tokenizer{lx: lx}
}

var _ nlp.Tokenizer = (*Tokenizer)(nil)

// Document tokenizes text into a Document.
func (t *Tokenizer) Document(text string) *nlp.Document {
	return &nlp.Document{Text: text, Sentences: t.Tokenize(text)}
}

// maxChunk is the longest run of text without white space split into
// tokens at once: a longer one is split in pieces of this many bytes (at
// rune boundaries), so that one run cannot make more tokens than that
// before TokenizeAtMost counts them.
const maxChunk = 1 << 16

// Tokenize splits text into sentences of tokens. Offsets are byte offsets
// into text; token IDs are 1-based within each sentence.
func (t *Tokenizer) Tokenize(text string) []nlp.Sentence {
	sents, _ := t.tokenize(text, -1)
	return sents
}

// TokenizeAtMost is Tokenize for a text of at most max tokens: it stops
// as soon as it has found more, and returns nil and false. Its memory is
// bounded by max (and maxChunk), whatever the length of the text.
func (t *Tokenizer) TokenizeAtMost(text string, max int) ([]nlp.Sentence, bool) {
	return t.tokenize(text, max)
}

// tokenize is Tokenize within max tokens (none when max < 0).
func (t *Tokenizer) tokenize(text string, max int) ([]nlp.Sentence, bool) {
	capacity := len(text)/5 + 4
	if max >= 0 {
		capacity = min(capacity, max+1)
	}
	toks, ok := t.scan(text, make([]tok, 0, capacity), max)
	if !ok {
		return nil, false
	}
	if len(toks) == 0 {
		return nil, true
	}
	t.sentences(text, toks)
	n, dots := 0, 0
	for i := range toks {
		if toks[i].flags&fBreak != 0 || i == len(toks)-1 {
			n++
		}
		if toks[i].flags&fSplitDot != 0 {
			dots++
		}
	}
	if max >= 0 && len(toks)+dots > max {
		return nil, false
	}
	sents := make([]nlp.Sentence, 0, n)
	all := make([]nlp.Token, 0, len(toks)+dots)
	first := 0
	for i := range toks {
		tk := &toks[i]
		if tk.flags&fSplitDot != 0 { // "etc." ending a sentence → etc .
			all = append(all, nlp.Token{
				ID: len(all) - first + 1, Form: text[tk.start : tk.end-1], Start: tk.start, End: tk.end - 1,
			})
			tk.start = tk.end - 1
		}
		all = append(all, nlp.Token{
			ID: len(all) - first + 1, Form: text[tk.start:tk.end], Start: tk.start, End: tk.end,
			SpaceAfter: tk.flags&fSpaceAfter != 0,
		})
		if tk.flags&fBreak != 0 || i == len(toks)-1 {
			s, e := all[first].Start, tk.end
			sents = append(sents, nlp.Sentence{Start: s, End: e, Text: text[s:e], Tokens: all[first:len(all):len(all)]})
			first = len(all)
		}
	}
	return sents, true
}

// tok is a token while the text is being scanned.
type tok struct {
	start, end int
	flags      uint16
	kind       abbrKind // for fAbbr tokens
}

const (
	fSpaceAfter uint16 = 1 << iota // white space (or the end of the text) follows
	fLine                          // one line break precedes the token
	fPar                           // a blank line precedes the token
	fTerm                          // sentence-final punctuation: . ! ? … and runs of them
	fAbbr                          // a word that kept its final period
	fCloser                        // closing quote or bracket
	fOpener                        // opening quote or bracket
	fClitic                        // a clitic split from the word before: n't 's 're
	fBreak                         // a sentence ends after this token
	fURL                           // a URL or e-mail address
	fSplitDot                      // an abbreviation ending a sentence: its period is a token of its own
	fQuote                         // quote marks only
)

// Character classes of ASCII bytes.
const (
	cSpace = 1 << iota
	cLetter
	cDigit
	cUpper
	cLower
)

var ascii = func() (t [128]uint8) {
	for c := 0; c < 128; c++ {
		switch {
		case c <= ' ' || c == 0x7f:
			t[c] = cSpace
		case c >= 'a' && c <= 'z':
			t[c] = cLetter | cLower
		case c >= 'A' && c <= 'Z':
			t[c] = cLetter | cUpper
		case c >= '0' && c <= '9':
			t[c] = cDigit
		}
	}
	return t
}()

// isSpace reports whether r separates tokens: Unicode white space, control
// characters, zero-width spaces and byte-order marks.
func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return ascii[r]&cSpace != 0
	}
	return unicode.IsSpace(r) || unicode.IsControl(r) || r == 0x200B || r == 0x2060 || r == 0xFEFF
}

// isWord reports whether r can be part of a word: letters, digits, marks
// and anything that is neither punctuation nor a symbol (bytes that are not
// valid UTF-8 count as word characters).
func isWord(r rune) bool {
	if r < utf8.RuneSelf {
		return ascii[r]&(cLetter|cDigit) != 0
	}
	if r == utf8.RuneError {
		return true
	}
	return !unicode.IsPunct(r) && !unicode.IsSymbol(r)
}

func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return ascii[r]&cLetter != 0
	}
	return unicode.IsLetter(r)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isUpper(r rune) bool {
	if r < utf8.RuneSelf {
		return ascii[r]&cUpper != 0
	}
	return unicode.IsUpper(r) || unicode.IsTitle(r)
}

func isLower(r rune) bool {
	if r < utf8.RuneSelf {
		return ascii[r]&cLower != 0
	}
	return unicode.IsLower(r)
}

// runeAt decodes the rune at s[i:]; an invalid byte is utf8.RuneError of
// size 1.
func runeAt(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// scan finds the white-space separated chunks of text (runs longer than
// maxChunk bytes in pieces), splits each into tokens and records the line
// breaks between them. It stops with false once it has more than max
// tokens (max >= 0).
func (t *Tokenizer) scan(text string, toks []tok, max int) ([]tok, bool) {
	var lines int // line breaks in the white space before the next chunk
	i := t.skipSpace(text, 0, &lines)
	for i < len(text) {
		j := i
		for j < len(text) && j-i < maxChunk {
			r, n := runeAt(text, j)
			if isSpace(r) {
				break
			}
			j += n
		}
		var next int
		k := t.skipSpace(text, j, &next)
		var nr rune
		if k < len(text) {
			nr, _ = runeAt(text, k)
		}
		n0 := len(toks)
		toks = t.chunk(text, i, j, nr, toks)
		if len(toks) > n0 {
			switch {
			case lines >= 2:
				toks[n0].flags |= fPar
			case lines == 1:
				toks[n0].flags |= fLine
			}
			if k > j || j == len(text) { // not a run cut at maxChunk
				toks[len(toks)-1].flags |= fSpaceAfter
			}
		}
		if max >= 0 && len(toks) > max {
			return nil, false
		}
		lines = next
		i = k
	}
	return toks, true
}

// skipSpace returns the first offset at or after i that is not white space,
// adding the line breaks it passes to *lines (a paragraph separator counts
// as two).
func (t *Tokenizer) skipSpace(text string, i int, lines *int) int {
	*lines = 0
	for i < len(text) {
		c := text[i]
		if c < utf8.RuneSelf {
			if ascii[c]&cSpace == 0 {
				return i
			}
			if c == '\n' || (c == '\r' && (i+1 == len(text) || text[i+1] != '\n')) {
				*lines++
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		if !isSpace(r) {
			return i
		}
		switch r {
		case 0x2028, 0x85:
			*lines++
		case 0x2029:
			*lines += 2
		}
		i += n
	}
	return i
}
