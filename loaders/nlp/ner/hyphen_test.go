package ner

import (
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/loaders/nlp"
)

// sentenceOf makes a sentence of text whose tokens are forms, found in
// order, with their offsets.
func sentenceOf(text string, forms ...string) *nlp.Sentence {
	s := &nlp.Sentence{Text: text}
	at := 0
	for i, f := range forms {
		k := strings.Index(text[at:], f) + at
		s.Tokens = append(s.Tokens, nlp.Token{ID: i + 1, Form: f, Start: k, End: k + len(f)})
		at = k + len(f)
	}
	return s
}

func TestHyphenNames(t *testing.T) {
	for _, c := range []struct {
		name  string
		s     *nlp.Sentence
		spans []span
		want  []span
	}{
		{"two persons glued", sentenceOf("Jean-Claude Trichet spoke", "Jean", "-", "Claude", "Trichet", "spoke"),
			[]span{{0, 1, nlp.Person}, {2, 4, nlp.Person}}, []span{{0, 4, nlp.Person}}},
		{"untagged given name before", sentenceOf("Jean-Claude Trichet spoke", "Jean", "-", "Claude", "Trichet", "spoke"),
			[]span{{2, 4, nlp.Person}}, []span{{0, 4, nlp.Person}}},
		{"untagged word after an organisation", sentenceOf("Coca-Cola rose", "Coca", "-", "Cola", "rose"),
			[]span{{0, 1, nlp.Org}}, []span{{0, 3, nlp.Org}}},
		{"spaced dash: two names", sentenceOf("Jean - Claude Trichet", "Jean", "-", "Claude", "Trichet"),
			[]span{{0, 1, nlp.Person}, {2, 4, nlp.Person}}, []span{{0, 1, nlp.Person}, {2, 4, nlp.Person}}},
		{"places stay apart", sentenceOf("Earth-Moon", "Earth", "-", "Moon"),
			[]span{{0, 1, nlp.Loc}, {2, 3, nlp.Loc}}, []span{{0, 1, nlp.Loc}, {2, 3, nlp.Loc}}},
		{"no offsets (IOB2 data)", &nlp.Sentence{Tokens: []nlp.Token{{Form: "Jean"}, {Form: "-"}, {Form: "Claude"}}},
			[]span{{0, 1, nlp.Person}, {2, 3, nlp.Person}}, []span{{0, 1, nlp.Person}, {2, 3, nlp.Person}}},
		{"lower-case word after", sentenceOf("Obama-era rules", "Obama", "-", "era", "rules"),
			[]span{{0, 1, nlp.Person}}, []span{{0, 1, nlp.Person}}},
	} {
		got := hyphenNames(append([]span(nil), c.spans...), c.s)
		if len(got) != len(c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%s: %v, want %v", c.name, got, c.want)
				break
			}
		}
	}
}
