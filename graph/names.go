package graph

import (
	"context"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cayleygraph/quad"
)

// NamedEntity is an entity of the store found by one of its names.
type NamedEntity struct {
	IRI   quad.IRI
	Types []string // Entity.Type names from its rdf:type (schema:Person → "Person")
}

// EntitiesNamed returns the entities that have a name with the same
// NameKey as name (their ng:nameKey), in any document, sorted by IRI.
// Things (id:thing/…) have no name keys.
func (s *Store) EntitiesNamed(ctx context.Context, name string) ([]NamedEntity, error) {
	seen := map[quad.IRI]bool{}
	k := NameKey(name)
	if k == "" {
		return nil, nil
	}
	err := s.eachQuad(ctx, quad.Object, lit(k), func(q quad.Quad) error {
		if q.Predicate != quad.IRI(NGNameKey) {
			return nil
		}
		if iri, ok := q.Subject.(quad.IRI); ok && strings.HasPrefix(string(iri), EntityNS) &&
			!strings.HasPrefix(string(iri), EntityNS+"thing/") {
			seen[iri] = true
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := make([]NamedEntity, 0, len(seen))
	for iri := range seen {
		ts, err := s.values(ctx, iri, RDFType, nil)
		if err != nil {
			return nil, err
		}
		ne := NamedEntity{IRI: iri}
		for _, t := range ts {
			if ti, ok := t.(quad.IRI); ok {
				name := strings.TrimPrefix(string(ti), strings.TrimSuffix(SchemaThing, "Thing"))
				if !containsStr(ne.Types, name) {
					ne.Types = append(ne.Types, name)
				}
			}
		}
		sort.Strings(ne.Types)
		out = append(out, ne)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].IRI < out[j].IRI })
	return out, nil
}

func containsStr(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// NameKey is the form in which names of entities are compared across
// articles (ng:nameKey): lower-cased, accents folded, dots and
// apostrophes dropped, a leading "the " removed, and the common
// transliteration endings of a word made one ("Zelenskiy", "Zelenskyy",
// "Zelensky" → "zelensky"). "" for a name without letters.
func NameKey(name string) string {
	var words []string
	for _, w := range strings.FieldsFunc(strings.ToLower(name), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '.' && r != '\'' && r != '’'
	}) {
		w = strings.Map(func(r rune) rune {
			if r == '.' || r == '\'' || r == '’' {
				return -1
			}
			if f, ok := foldLatin[r]; ok {
				return f
			}
			return r
		}, w)
		for _, end := range []string{"iy", "yy", "ij", "ii", "yi"} {
			if len(w) > 4 && strings.HasSuffix(w, end) {
				w = w[:len(w)-2] + "y"
				break
			}
		}
		if w != "" {
			words = append(words, w)
		}
	}
	if len(words) > 1 && words[0] == "the" {
		words = words[1:]
	}
	return strings.Join(words, " ")
}

// nameKeys are the keys an entity is found by: those of its name and of
// its proper-name aliases, and a person's surname (the last word of a
// name of two words or more), so a later article's bare "Zelenskyy" finds
// "Volodymyr Zelenskiy".
func nameKeys(e Entity) []string {
	var out []string
	add := func(n string) {
		if k := NameKey(n); k != "" && !containsStr(out, k) {
			out = append(out, k)
		}
	}
	for _, n := range append([]string{e.Name}, e.Aliases...) {
		if r, _ := utf8.DecodeRuneInString(strings.TrimPrefix(n, "the ")); !unicode.IsUpper(r) {
			continue // a description: "the Ukrainian president"
		}
		add(n)
		if ws := strings.Fields(n); e.Type == "Person" && len(ws) > 1 {
			add(ws[len(ws)-1])
		}
	}
	return out
}

// foldLatin maps accented Latin letters to their base letter.
var foldLatin = map[rune]rune{
	'à': 'a', 'á': 'a', 'â': 'a', 'ã': 'a', 'ä': 'a', 'å': 'a', 'ā': 'a', 'ą': 'a', 'ç': 'c', 'ć': 'c', 'č': 'c',
	'ď': 'd', 'đ': 'd', 'è': 'e', 'é': 'e', 'ê': 'e', 'ë': 'e', 'ē': 'e', 'ę': 'e', 'ě': 'e', 'ğ': 'g', 'ì': 'i',
	'í': 'i', 'î': 'i', 'ï': 'i', 'ī': 'i', 'ı': 'i', 'ł': 'l', 'ñ': 'n', 'ń': 'n', 'ň': 'n', 'ò': 'o', 'ó': 'o',
	'ô': 'o', 'õ': 'o', 'ö': 'o', 'ø': 'o', 'ō': 'o', 'ő': 'o', 'ř': 'r', 'ś': 's', 'š': 's', 'ş': 's', 'ș': 's',
	'ť': 't', 'ț': 't', 'ţ': 't', 'ù': 'u', 'ú': 'u', 'û': 'u', 'ü': 'u', 'ū': 'u', 'ů': 'u', 'ű': 'u', 'ý': 'y',
	'ÿ': 'y', 'ž': 'z', 'ź': 'z', 'ż': 'z',
}

// NameKeys returns the name keys (ng:nameKey) the writer stores for e: how
// later articles find it (Store.EntitiesNamed).
func NameKeys(e Entity) []string { return nameKeys(e) }
