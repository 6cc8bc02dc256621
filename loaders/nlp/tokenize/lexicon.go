package tokenize

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"strings"
)

//go:embed lexicon.txt
var lexiconTxt string

// abbrKind says how an abbreviation with a final period behaves at a
// possible sentence end.
type abbrKind uint8

const (
	abbrNone    abbrKind = iota
	abbrGeneral          // "etc.", "Inc.", "U.S.": ends a sentence before a capitalised common word
	abbrTitle            // "Mr.", "Gen.": never ends a sentence
	abbrMonth            // "Dec.": never before a number
	abbrNumber           // "No.": an abbreviation only before a number
	abbrInitial          // "W.", "J.": a name initial
)

// lexicon holds the word lists the tokenizer consults.
type lexicon struct {
	abbr     map[string]abbrKind // abbreviation as written, with its final period
	abbrLow  map[string]abbrKind // lowercased general abbreviations ("ETC." → "etc.")
	starters map[string]bool     // lowercase words that commonly start sentences
	prefixes map[string]bool     // lowercase prefixes kept attached before a hyphen
	splits   map[string]int      // lowercase word → byte offset where UD splits it ("cannot" → 3)
	units    map[string]bool     // lowercase unit words split from a preceding number ("5pm")
}

// Words UD EWT writes as two syntactic words without an apostrophe (from the
// multiword tokens of EWT train; words that are also ordinary words there,
// such as "its", "lets" and "your", are left out).
var splitWords = map[string]int{
	"cannot": 3, "gonna": 3, "wanna": 3, "gotta": 3, "outta": 3,
	"dont": 2, "wont": 2, "cant": 2, "didnt": 3, "doesnt": 4, "couldnt": 5, "wouldnt": 5, "shouldnt": 6,
	"isnt": 2, "arent": 3, "wasnt": 3, "werent": 4, "aint": 2, "havent": 4, "hasnt": 3,
	"im": 1, "ive": 1, "youre": 3, "theyre": 4, "thats": 4, "whats": 4, "theres": 5, "heres": 4,
	"youll": 3, "itll": 2,
}

// Unit words EWT splits from a number written against them ("5pm" → 5 pm).
var unitWords = strings.Fields(`am pm m k b bn mn mm cm km ft x hh f kg g mg t hz khz mhz ghz lb lbs kb mb gb tb sq
	mph kph min mins hr hrs sec secs yr yrs kw kwh mw gw ml l oz`)

func parseLexicon(r io.Reader) (*lexicon, error) {
	lx := &lexicon{
		abbr: map[string]abbrKind{}, abbrLow: map[string]abbrKind{}, starters: map[string]bool{},
		prefixes: map[string]bool{}, splits: splitWords, units: map[string]bool{},
	}
	for _, u := range unitWords {
		lx.units[u] = true
	}
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		f := strings.Fields(sc.Text())
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		switch {
		case f[0] == "abbr" && len(f) == 3:
			var k abbrKind
			switch f[2] {
			case "general":
				k = abbrGeneral
			case "title":
				k = abbrTitle
			case "month":
				k = abbrMonth
			case "number":
				k = abbrNumber
			default:
				return nil, fmt.Errorf("lexicon line %d: unknown abbreviation kind %q", line, f[2])
			}
			lx.abbr[f[1]] = k
			if k == abbrGeneral && strings.ToLower(f[1]) == f[1] {
				lx.abbrLow[f[1]] = k // "etc." also matches "Etc." and "ETC."
			}
		case f[0] == "starter" && len(f) == 2:
			lx.starters[f[1]] = true
		case f[0] == "prefix" && len(f) == 2:
			lx.prefixes[f[1]] = true
		default:
			return nil, fmt.Errorf("lexicon line %d: cannot parse %q", line, sc.Text())
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading lexicon: %w", err)
	}
	return lx, nil
}

// lower copies s into buf with ASCII letters lowercased, for map look-ups
// written as m[string(b)] (which do not allocate); it returns nil when s is
// longer than buf.
func lower(s string, buf *[32]byte) []byte {
	if len(s) > len(buf) {
		return nil
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return buf[:len(s)]
}
