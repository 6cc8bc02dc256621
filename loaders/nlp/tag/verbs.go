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

// verbLemmas is the set of WordNet verb lemmas in the embedded lexicon,
// built on first use.
var verbLemmas = sync.OnceValue(func() map[string]struct{} {
	m := make(map[string]struct{}, 12000)
	gz, err := gzip.NewReader(bytes.NewReader(lexiconData))
	if err != nil {
		return m // TestVerbLemma fails on a broken embedded lexicon
	}
	sc := bufio.NewScanner(gz)
	for sc.Scan() {
		form, b, _ := strings.Cut(sc.Text(), "\t")
		if v, err := strconv.ParseUint(b, 10, 16); err == nil && v&lexbits.Verb != 0 {
			m[form] = struct{}{}
		}
	}
	return m
})

// VerbLemma reports whether w, lower case, is a verb lemma of WordNet 3.0
// ("rule", "caucus", "bias"; not "rul", "caucuse", "biase"), from the
// lexicon embedded in this package. The set (8,700 verbs) is built
// on the first call; later calls are one map look-up.
func VerbLemma(w string) bool {
	_, ok := verbLemmas()[w]
	return ok
}
