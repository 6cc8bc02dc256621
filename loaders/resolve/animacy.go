package resolve

import (
	"bufio"
	_ "embed"
	"strings"
	"sync"
)

//go:embed animacy.tsv
var animacyTSV string

// animacyOf maps a lemma to its class in animacy.tsv, loaded once.
var animacyOf = sync.OnceValue(func() map[string]byte { return classes(animacyTSV, 13000) })

// animacy is what a common noun lemma names by its most frequent WordNet
// sense: 'p' a person ("farrier", "kid"), 'a' an animal ("horse"), 0
// anything else (see animacy.tsv and internal/animacy).
func animacy(lemma string) byte { return animacyOf()[lemma] }

// classes reads "word<TAB>class" lines (# starts a comment line) into a
// map from the lower-cased word to the class's first byte.
func classes(tsv string, size int) map[string]byte {
	m := make(map[string]byte, size)
	sc := bufio.NewScanner(strings.NewReader(tsv))
	for sc.Scan() {
		w, c, ok := strings.Cut(sc.Text(), "\t")
		if ok && !strings.HasPrefix(w, "#") && c != "" {
			m[strings.ToLower(w)] = c[0]
		}
	}
	return m
}
