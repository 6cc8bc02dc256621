package tag

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"strconv"
	"strings"
	"sync"

	"github.com/newsgraph/newsgraph/loaders/nlp/tag/internal/lexbits"
)

// wordNetLemmas maps the noun and verb lemmas of WordNet in the embedded
// lexicon to their lexbits.Noun and lexbits.Verb bits, built on first use.
// A noun the word list has only capitalised (an abbreviation or a name:
// "dat", "gis") does not count.
var wordNetLemmas = sync.OnceValue(func() map[string]uint8 {
	m := make(map[string]uint8, 62000)
	gz, err := gzip.NewReader(bytes.NewReader(lexiconData))
	if err != nil {
		return m // TestVerbLemma fails on a broken embedded lexicon
	}
	sc := bufio.NewScanner(gz)
	for sc.Scan() {
		form, b, _ := strings.Cut(sc.Text(), "\t")
		v, err := strconv.ParseUint(b, 10, 16)
		if err != nil {
			continue
		}
		if v&lexbits.Cap != 0 && v&lexbits.Lower == 0 {
			v &^= lexbits.Noun // "dat": WordNet's DAT, the word list's Dat
		}
		if v&(lexbits.Noun|lexbits.Verb) != 0 {
			m[form] = uint8(v & (lexbits.Noun | lexbits.Verb))
		}
	}
	return m
})

// VerbLemma reports whether w, lower case, is a verb lemma of WordNet 3.0
// ("rule", "caucus", "bias"; not "rul", "caucuse", "biase"), from the
// lexicon embedded in this package (8,700 verbs). The set of WordNet's noun
// and verb lemmas is built on the first call of VerbLemma or NounLemma (50
// ms); later calls are one map look-up.
func VerbLemma(w string) bool {
	return wordNetLemmas()[w]&lexbits.Verb != 0
}

// NounLemma reports whether w, lower case, is a noun lemma of WordNet 3.0
// ("caucus", "potato"; not "caucuse", "potatoe", nor "dat", which the word
// list has only as "Dat"), from the same lexicon.
func NounLemma(w string) bool {
	return wordNetLemmas()[w]&lexbits.Noun != 0
}
