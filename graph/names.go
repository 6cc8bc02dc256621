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
	// Docs is the number of stored documents that mention it, counted
	// only when a name finds several entities (0 otherwise): how a short
	// name ("Trump") tells the entity it most likely means.
	Docs int
}

// EntitiesNamed returns the entities that have a name with the same
// NameKey as name (their ng:nameKey), and, when surnames is set, those a
// one-word form of whose name has that key (ng:surnameKey), in any document,
// sorted by IRI. Things (id:thing/…) have no name keys. When it finds
// several, each comes with the number of documents that mention it.
func (s *Store) EntitiesNamed(ctx context.Context, name string, surnames bool) ([]NamedEntity, error) {
	return s.entitiesNamed(ctx, name, surnames, nil)
}

// entitiesNamed is EntitiesNamed on the store as it will be once the
// writes pending in p are applied (nil: none).
func (s *Store) entitiesNamed(ctx context.Context, name string, surnames bool, p *pending) ([]NamedEntity, error) {
	seen := map[quad.IRI]bool{}
	k := NameKey(name)
	if k == "" {
		return nil, nil
	}
	see := func(q quad.Quad) {
		if q.Predicate != quad.IRI(NGNameKey) && (!surnames || q.Predicate != quad.IRI(NGSurnameKey)) {
			return
		}
		if iri, ok := q.Subject.(quad.IRI); ok && strings.HasPrefix(string(iri), EntityNS) &&
			!strings.HasPrefix(string(iri), EntityNS+"thing/") {
			seen[iri] = true
		}
	}
	preds := []quad.IRI{quad.IRI(NGNameKey)}
	if surnames {
		preds = append(preds, quad.IRI(NGSurnameKey))
	}
	for _, pred := range preds {
		err := s.eachQuadWith(ctx, quad.Object, lit(k), pred, func(q quad.Quad) error {
			if !p.deletes(q) {
				see(q)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	for _, q := range p.byObject(lit(k)) {
		see(q)
	}
	out := make([]NamedEntity, 0, len(seen))
	for iri := range seen {
		ne := NamedEntity{IRI: iri}
		addType := func(q quad.Quad) {
			if ti, ok := q.Object.(quad.IRI); ok && q.Predicate == quad.IRI(RDFType) {
				name := strings.TrimPrefix(string(ti), strings.TrimSuffix(SchemaThing, "Thing"))
				if !containsStr(ne.Types, name) {
					ne.Types = append(ne.Types, name)
				}
			}
		}
		err := s.eachQuadWith(ctx, quad.Subject, iri, quad.IRI(RDFType), func(q quad.Quad) error {
			if !p.deletes(q) {
				addType(q)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		for _, q := range p.bySubject(iri) {
			addType(q)
		}
		sort.Strings(ne.Types)
		out = append(out, ne)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].IRI < out[j].IRI })
	if len(out) > 1 {
		for i := range out {
			docs := map[quad.Value]bool{}
			mention := func(q quad.Quad) {
				if q.Predicate == quad.IRI(SchemaMentions) && q.Subject == q.Label {
					docs[q.Label] = true
				}
			}
			err := s.eachQuadWith(ctx, quad.Object, out[i].IRI, quad.IRI(SchemaMentions), func(q quad.Quad) error {
				if !p.deletes(q) {
					mention(q)
				}
				return nil
			})
			if err != nil {
				return nil, err
			}
			for _, q := range p.byObject(out[i].IRI) {
				mention(q)
			}
			out[i].Docs = len(docs)
		}
	}
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

// NameKeys are the keys an entity is found by. keys (ng:nameKey): its
// canonical name's and those of the aliases of several words that are
// forms of it (every word a word of the name, by key). short
// (ng:surnameKey): the one-word forms of a name of several words — a
// person's last name, and one-word aliases that are a word of the name
// ("Zelenskiy" of "Volodymyr Zelenskiy") — which only a one-word entity
// looks up, so "Sam Marshall" never joins "Julian Marshall" through
// "Marshall". Titles and descriptions ("Ukrainian President") are no forms
// of the name.
func NameKeys(e Entity) (keys, short []string) {
	full := NameKey(e.Name)
	if full == "" {
		return nil, nil
	}
	words := strings.Fields(full)
	keys = []string{full}
	for _, a := range e.Aliases {
		if r, _ := utf8.DecodeRuneInString(strings.TrimPrefix(a, "the ")); !unicode.IsUpper(r) {
			continue // a description: "the Ukrainian president"
		}
		k := NameKey(a)
		if k == "" || containsStr(keys, k) || containsStr(short, k) {
			continue
		}
		aw := strings.Fields(k)
		sub := true
		for _, w := range aw {
			sub = sub && containsStr(words, w)
		}
		switch {
		case !sub:
		case len(aw) == 1 && len(words) > 1:
			short = append(short, k)
		default:
			keys = append(keys, k)
		}
	}
	if last := words[len(words)-1]; e.Type == "Person" && len(words) > 1 && !containsStr(short, last) {
		short = append(short, last)
	}
	return keys, short
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
