package tokenize

import (
	"os"
	"testing"
	"unicode/utf8"
)

// fuzzSeeds are inputs that exercise every branch of the scanner.
var fuzzSeeds = []string{
	"", " ", "\n\n", ".", "...", "U.S.", "I'd've", "'", "’s", "n't", "--", "—", "$", "#1", "@", "e-", "-5",
	"(RFE/RL) — Ukrainian President Volodymyr Zelenskiy said he is prepared …",
	"“Ukraine is ready,” Zelenskiy wrote on January 12.",
	"agency…[South Korea’s National Intelligence Service]",
	"some 11,000 troops; didn't; U.S. officials said. They left. Dec. 15",
	"Headline\n\nBy\n\nBody text. More text.\r\n\r\nNext paragraph",
	"http://example.com/a_(b). mail me@x.org! www.site.com,",
	"713-853-3044 1-7-0-1 16/11/2004 5pm 7:30PM $1.5bn 50% 24/7",
	"\xff\xfe invalid \xc3 bytes\x00\x01 and\u200b zero\ufeff width",
	"यह अच्छा है । ठीक 。終わり！ ؟",
	"'72 'em ‘quoted’ \"dq\" ``tex'' «guillemets»",
	"a.b.c. e.g. i.e.: Mr.Kim S.Korea P.O.Box Ph.D.",
	":) ;-) ^_^ <3 >>> <<< ***",
}

func FuzzTokenize(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	tk := New()
	f.Fuzz(func(t *testing.T, text string) {
		sents := tk.Tokenize(text)
		checkInvariants(t, text, sents)
		for i := range sents {
			last := 0
			for _, r := range Multiwords(&sents[i]) {
				if r[0] < last || r[1]-r[0] < 2 || r[1] > len(sents[i].Tokens) {
					t.Fatalf("bad multiword range %v in %d tokens", r, len(sents[i].Tokens))
				}
				last = r[1]
			}
		}
	})
}

// FuzzSentences checks the splitter's promise on paragraphs: a blank line
// always ends a sentence, whatever surrounds it.
func FuzzSentences(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, "Second paragraph. Mr.")
	}
	tk := New()
	f.Fuzz(func(t *testing.T, a, b string) {
		text := a + "\n\n" + b
		sents := tk.Tokenize(text)
		checkInvariants(t, text, sents)
		for _, s := range sents {
			for k := 1; k < len(s.Tokens); k++ {
				gap := text[s.Tokens[k-1].End:s.Tokens[k].Start]
				if lines := lineBreaks(gap); lines >= 2 {
					t.Fatalf("sentence %q spans a blank line", s.Text)
				}
			}
		}
	})
}

// lineBreaks counts the line breaks in white space as the scanner does.
func lineBreaks(s string) int {
	n := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\n', r == '\r' && (i+1 == len(s) || s[i+1] != '\n'), r == 0x2028, r == 0x85:
			n++
		case r == 0x2029:
			n += 2
		}
		i += size
	}
	return n
}

// TestFuzzCorpus runs the invariants over every Wikinews-style input at
// hand: the seed article and the test article, whole and cut at every
// 97th byte (which splits UTF-8 sequences).
func TestFuzzCorpus(t *testing.T) {
	tk := New()
	for _, path := range []string{repoFile(t, "data/seed/article.txt"), "testdata/wikinews-pelosi.txt"} {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		checkInvariants(t, text, tk.Tokenize(text))
		for i := 0; i < len(text); i += 97 {
			checkInvariants(t, text[i:], tk.Tokenize(text[i:]))
			checkInvariants(t, text[:i], tk.Tokenize(text[:i]))
		}
	}
}
