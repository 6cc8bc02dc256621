package queries

import (
	"context"
	"sort"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
)

// SearchIndex answers name searches without reading the store: it holds
// every entity's label and aliases (folded with NormalizeName, as Resolve
// compares them) and every document's headline. Build it once with
// NewSearchIndex and again after the store changes.
type SearchIndex struct {
	ents  []Entity
	byIRI map[string]int
	docIx map[string]int
	names [][]string // per entity: folded label and aliases
	docs  []Doc
	heads []string // folded headlines and sources
}

// NewSearchIndex reads every entity and document once.
func NewSearchIndex(ctx context.Context, qs cgraph.QuadStore) (*SearchIndex, error) {
	ents, err := loadEntities(ctx, qs)
	if err != nil {
		return nil, err
	}
	docs, err := loadDocs(ctx, qs)
	if err != nil {
		return nil, err
	}
	ix := &SearchIndex{ents: ents, docs: docs, byIRI: make(map[string]int, len(ents))}
	for i, e := range ents {
		ix.byIRI[e.IRI] = i
		ns := []string{NormalizeName(e.Label)}
		for _, a := range e.Aliases {
			ns = append(ns, NormalizeName(a))
		}
		ix.names = append(ix.names, ns)
	}
	ix.docIx = make(map[string]int, len(docs))
	for i, d := range docs {
		ix.docIx[d.IRI] = i
		ix.heads = append(ix.heads, NormalizeName(d.Headline+" "+d.Source))
	}
	return ix, nil
}

// Entities are every entity, most mentioned first (what Resolve takes).
func (ix *SearchIndex) Entities() []Entity { return ix.ents }

// Entity is the entity with the given IRI.
func (ix *SearchIndex) Entity(iri string) (Entity, bool) {
	i, ok := ix.byIRI[iri]
	if !ok {
		return Entity{}, false
	}
	return ix.ents[i], true
}

// Doc is the document with the given IRI (false too for a nil index).
func (ix *SearchIndex) Doc(iri string) (Doc, bool) {
	if ix == nil {
		return Doc{}, false
	}
	i, ok := ix.docIx[iri]
	if !ok {
		return Doc{}, false
	}
	return ix.docs[i], true
}

// Docs are every document, oldest first.
func (ix *SearchIndex) Docs() []Doc { return ix.docs }

// SearchResult is what Search found: entities best match first, then
// documents.
type SearchResult struct {
	Query    string   `json:"query"`
	Type     string   `json:"type,omitempty"`
	Entities []Entity `json:"entities"`
	Docs     []Doc    `json:"docs"`
}

// Match ranks, best first.
const (
	matchExact  = iota // a label or alias equals the query
	matchPrefix        // a label or alias starts with it
	matchWords         // every query word starts a word of one name
	matchInside        // the query occurs inside a name
	noMatch
)

// Search finds entities whose label or alias matches q (folded as by
// NormalizeName: case, accents and punctuation do not matter) — exactly,
// as a prefix, word by word as prefixes ("zel vol" finds Volodymyr
// Zelenskiy) or inside a word — and documents whose headline or source
// does. typ keeps entities of that type (as Entities does; "document"
// keeps only documents, "entity" only entities). At most limit of each
// (all when limit <= 0).
func (ix *SearchIndex) Search(q, typ string, limit int) SearchResult {
	res := SearchResult{Query: q, Type: typ, Entities: []Entity{}, Docs: []Doc{}}
	key := NormalizeName(q)
	if key == "" {
		return res
	}
	words := strings.Fields(key)
	wantDocs := typ == "" || strings.EqualFold(typ, "document")
	wantEnts := !strings.EqualFold(typ, "document")
	entTyp := typ
	if strings.EqualFold(typ, "entity") || strings.EqualFold(typ, "document") {
		entTyp = ""
	}
	if wantEnts {
		type hit struct{ i, rank int }
		var hits []hit
		for i, e := range ix.ents {
			if entTyp != "" && !typeMatches(e.Type, entTyp) {
				continue
			}
			best := noMatch
			for _, n := range ix.names[i] {
				best = min(best, rank(n, key, words))
			}
			if best < noMatch {
				hits = append(hits, hit{i, best})
			}
		}
		sort.SliceStable(hits, func(a, b int) bool { return hits[a].rank < hits[b].rank })
		for _, h := range hits {
			if limit > 0 && len(res.Entities) == limit {
				break
			}
			res.Entities = append(res.Entities, ix.ents[h.i])
		}
	}
	if wantDocs {
		for i, d := range ix.docs {
			if limit > 0 && len(res.Docs) == limit {
				break
			}
			if rank(ix.heads[i], key, words) < noMatch {
				res.Docs = append(res.Docs, d)
			}
		}
	}
	return res
}

// rank is how well a folded name matches a folded query.
func rank(name, key string, words []string) int {
	switch {
	case name == key:
		return matchExact
	case strings.HasPrefix(name, key):
		return matchPrefix
	}
	nw := strings.Fields(name)
	all := true
	for _, w := range words {
		found := false
		for _, x := range nw {
			if strings.HasPrefix(x, w) {
				found = true
				break
			}
		}
		if !found {
			all = false
			break
		}
	}
	if all {
		return matchWords
	}
	if strings.Contains(name, key) {
		return matchInside
	}
	return noMatch
}
