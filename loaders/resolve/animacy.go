package resolve

import (
	"bufio"
	_ "embed"
	"strings"
	"sync"
)

//go:embed animacy.tsv
var animacyTSV string

var (
	animacyOnce sync.Once
	animacyOf   map[string]byte
)

// animacy is what a common noun lemma names by its most frequent WordNet
// sense: 'p' a person ("farrier", "kid"), 'a' an animal ("horse"), 0
// anything else (see animacy.tsv and internal/animacy).
func animacy(lemma string) byte {
	animacyOnce.Do(func() {
		animacyOf = make(map[string]byte, 13000)
		sc := bufio.NewScanner(strings.NewReader(animacyTSV))
		for sc.Scan() {
			w, c, ok := strings.Cut(sc.Text(), "\t")
			if ok && !strings.HasPrefix(w, "#") && c != "" {
				animacyOf[w] = c[0]
			}
		}
	})
	return animacyOf[lemma]
}
