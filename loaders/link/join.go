package link

import (
	"context"
	"strings"

	"github.com/newsgraph/newsgraph/graph"
)

// Known finds the entities a store already holds by name; *graph.Store
// implements it.
type Known interface {
	// EntitiesNamed finds the stored entities with a name of the same
	// graph.NameKey, and with surnames also the persons of that surname.
	EntitiesNamed(ctx context.Context, name string, surnames bool) ([]graph.NamedEntity, error)
}

// Join joins the unlinked named entities of an article to entities the
// store already holds: an entity whose name keys (graph.NameKeys: its
// canonical name and the aliases that are forms of it, spelling variants
// folded) find exactly one stored entity of a compatible type takes that
// entity's IRI; when they find several, it stays apart — except a
// one-word name ("Trump") whose candidates include one the store mentions
// in far more documents than all others together (dominant). The full
// name's keys are looked up before its one-word forms. Facts follow the
// new keys and a.Joined records each change of key; two entities of the
// article are never joined into one.
//
// Join depends on what is stored, so unlike Linker.Article its result
// depends on the order articles are ingested in; ingest calls it for one
// article at a time, in input order.
func Join(ctx context.Context, known Known, a *graph.Article) error {
	if known == nil || a == nil {
		return nil
	}
	rekey := map[string]string{}
	// Two entities of one article are never made one: the article's own
	// resolution kept them apart, and a join is undone by resolve only
	// while it rewrites one entity alone.
	taken := map[string]bool{}
	for _, e := range a.Entities {
		taken[string(graph.EntityIRI(e.Key))] = true
	}
	for i := range a.Entities {
		e := &a.Entities[i]
		isThing := strings.HasPrefix(string(graph.EntityIRI(e.Key)), graph.EntityNS+"thing/")
		if e.Type == graph.Concept || e.Local {
			continue // a common noun, or someone only this article knows
		}
		if strings.HasPrefix(e.Key, "wd/") || len(e.SameAs) > 0 || isThing && !(startsUpper(e.Name) && len(strings.Fields(e.Name)) == 1) {
			continue // linked, or a common noun; a capitalised word ("Zelenskyy") may still be a stored name
		}
		if k, ok, err := joinGlued(ctx, known, e, taken); err != nil {
			return err
		} else if ok {
			taken[string(graph.EntityIRI(k))] = true
			rekey[e.Key] = k
			if a.Joined == nil {
				a.Joined = map[string]string{}
			}
			a.Joined[e.Key] = k
			e.Key, e.Type = k, Person
			continue
		}
		// A name of several words joins the same name (spelling variants
		// included), and through a one-word form of it ("Zelenskiy") an
		// entity stored under that one word only; a one-word entity
		// ("Zelenskyy", "Apple") also joins the one entity a one-word form
		// of whose name it is — so "John Smith" never joins "Jane Smith"
		// through "Smith".
		keys, short := graph.NameKeys(*e)
		oneWord := len(strings.Fields(graph.NameKey(e.Name))) == 1
		own := string(graph.EntityIRI(e.Key))
		// The full name's keys first; its one-word forms only when those
		// find nothing, so "Donald Trump" joins the stored Donald Trump, not
		// a stored bare "Trump" beside it.
		var iris []string
		docs := map[string]int{}
		self := false
		for _, ks := range [][]string{keys, short} {
			for _, k := range ks {
				nes, err := known.EntitiesNamed(ctx, k, oneWord)
				if err != nil {
					return err
				}
				for _, ne := range nes {
					if !compatible(e.Type, ne.Types) {
						continue
					}
					if string(ne.IRI) == own {
						// Its own name stored already: a full name stays the
						// node it is; for a one-word name, other articles'
						// bare "Trump" is not a reason to stay apart.
						self = true
						continue
					}
					docs[string(ne.IRI)] = max(docs[string(ne.IRI)], ne.Docs, 1)
					if !contains(iris, string(ne.IRI)) {
						iris = append(iris, string(ne.IRI))
					}
				}
			}
			if len(iris) > 0 || self {
				break
			}
		}
		if self && !oneWord {
			continue
		}
		if len(iris) > 1 && oneWord {
			iris = dominant(iris, docs)
		}
		if len(iris) != 1 || taken[iris[0]] {
			continue // ambiguous, itself, another entity of the article, or joined already
		}
		if k := keyFor(iris[0], NamedThing); k != "" {
			taken[iris[0]] = true
			rekey[e.Key] = k
			if a.Joined == nil {
				a.Joined = map[string]string{}
			}
			a.Joined[e.Key] = k
			e.Key = k
		}
	}
	if len(rekey) == 0 {
		return nil
	}
	a.Facts = rewrite(a.Facts, rekey)
	return nil
}

// joinGlued finds the key of the one stored person whose full name is
// what is left of a non-person's name without the titles glued before it
// ("United States Donald Trump", a place to the recogniser, is Donald
// Trump); ok is false when there is not exactly one.
func joinGlued(ctx context.Context, known Known, e *graph.Entity, taken map[string]bool) (string, bool, error) {
	rest, ok := Unprefixed(e.Name)
	if e.Type == Person || !ok || !strings.Contains(graph.NameKey(rest), " ") {
		return "", false, nil
	}
	nes, err := known.EntitiesNamed(ctx, rest, false)
	if err != nil {
		return "", false, err
	}
	var iris []string
	for _, ne := range nes {
		if contains(ne.Types, Person) && !contains(iris, string(ne.IRI)) {
			iris = append(iris, string(ne.IRI))
		}
	}
	if len(iris) != 1 || taken[iris[0]] {
		return "", false, nil
	}
	k := keyFor(iris[0], Person)
	return k, k != "", nil
}

// Dominance is how many times more documents the entity a one-word name
// joins must have than all other entities it could shorten together, and
// MinDominantDocs how many it must have at least.
const (
	Dominance       = 3
	MinDominantDocs = 3
)

// dominant narrows the entities a one-word name ("Trump", "Obama") can
// shorten to the one the store mentions far more often than all others
// together (Donald Trump in 40 documents, Mary Trump in 1): in a news
// store a bare surname the article does not resolve itself means the
// prominent bearer. It returns iris unchanged when none dominates.
func dominant(iris []string, docs map[string]int) []string {
	best, rest := "", 0
	for _, iri := range iris {
		if best == "" || docs[iri] > docs[best] || docs[iri] == docs[best] && iri < best {
			best = iri
		}
	}
	for _, iri := range iris {
		if iri != best {
			rest += docs[iri]
		}
	}
	if docs[best] >= MinDominantDocs && docs[best] >= Dominance*rest {
		return []string{best}
	}
	return iris
}

// compatible reports whether an entity of type typ may be one stored with
// types ts.
func compatible(typ string, ts []string) bool {
	for _, t := range ts {
		if TypeCompat(typ, t) > 0.2 {
			return true
		}
	}
	return false
}

// keyFor is the Entity.Key of type typ that graph.EntityIRI maps to iri,
// "" when there is none.
func keyFor(iri, typ string) string {
	rest, ok := strings.CutPrefix(iri, graph.EntityNS)
	if !ok {
		return ""
	}
	k := typ + "/" + rest
	if strings.HasPrefix(rest, "wd/") {
		k = rest
	}
	if string(graph.EntityIRI(k)) != iri {
		return ""
	}
	return k
}
