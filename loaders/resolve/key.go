// Package resolve turns one article's extractions into graph entities and
// facts: it merges the mentions of an entity inside the article (full name
// and surname, spelling variants, corporate forms, acronyms, titles;
// names.go), finds the unnamed individuals the article talks about and what
// its pronouns and descriptions refer to (coref.go), tells entities from
// concepts (common-noun arguments), gives every entity a stable key, and
// maps each extraction's arguments to entity keys or typed literals, with
// dates resolved against the publication date (facts.go).
//
// Resolution stops at the article: linking to other articles and to
// outside datasets (graph.Entity.SameAs) is a later stage that can start
// from the keys and aliases produced here.
package resolve

import (
	"strings"
	"unicode"
)

// Key returns the stable key of an entity: its type, "/", and the slug of
// its canonical name ("Person/volodymyr_zelenskiy"). The same type and
// name give the same key in every run and every article.
func Key(typ, name string) string { return typ + "/" + Slug(name) }

// Slug lower-cases name, folds accented Latin letters to ASCII, drops other
// characters and joins the words with "_": "Volodymyr Zelenskiy" →
// "volodymyr_zelenskiy", "Côte d’Ivoire" → "cote_d_ivoire".
func Slug(name string) string {
	var b strings.Builder
	pendingSep := false
	for _, r := range strings.ToLower(name) {
		if f, ok := fold[r]; ok {
			if b.Len() > 0 && pendingSep {
				b.WriteByte('_')
			}
			pendingSep = false
			b.WriteString(f)
			continue
		}
		if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if b.Len() > 0 && pendingSep {
				b.WriteByte('_')
			}
			pendingSep = false
			b.WriteRune(r)
			continue
		}
		if r == '\'' || r == '’' || r == '.' {
			continue // "O'Brien", "U.S." stay one word
		}
		pendingSep = true
	}
	return b.String()
}

// fold maps accented Latin letters to ASCII.
var fold = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'ā': "a", 'ą': "a", 'æ': "ae",
	'ç': "c", 'ć': "c", 'č': "c", 'ď': "d", 'đ': "d", 'è': "e", 'é': "e", 'ê': "e", 'ë': "e",
	'ē': "e", 'ę': "e", 'ě': "e", 'ğ': "g", 'ì': "i", 'í': "i", 'î': "i", 'ï': "i", 'ī': "i",
	'ı': "i", 'ł': "l", 'ñ': "n", 'ń': "n", 'ň': "n", 'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o",
	'ö': "o", 'ø': "o", 'ō': "o", 'ő': "o", 'œ': "oe", 'ř': "r", 'ś': "s", 'š': "s", 'ş': "s",
	'ș': "s", 'ß': "ss", 'ť': "t", 'ț': "t", 'ţ': "t", 'ù': "u", 'ú': "u", 'û': "u", 'ü': "u",
	'ū': "u", 'ů': "u", 'ű': "u", 'ý': "y", 'ÿ': "y", 'ž': "z", 'ź': "z", 'ż': "z",
}
