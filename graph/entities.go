package graph

import (
	"context"
	"sort"

	"github.com/cayleygraph/quad"
)

// EntityInfo is a stored entity as the linking and identity stages see it.
type EntityInfo struct {
	IRI     quad.IRI
	Label   string   // its rdfs:label (the identity graph's, when it gives one)
	Aliases []string // other labels and skos:altLabels, sorted
	Types   []string // schema.org class names, sorted
	Country quad.IRI // ng:country, "" when unknown
	Docs    int      // documents that mention it
}

// Entities lists the entities the stored documents mention, sorted by IRI.
func (s *Store) Entities(ctx context.Context) ([]EntityInfo, error) {
	docs, err := s.documentIRIs(ctx)
	if err != nil {
		return nil, err
	}
	count := map[quad.IRI]int{}
	for _, d := range docs {
		ms, err := s.values(ctx, d, SchemaMentions, d)
		if err != nil {
			return nil, err
		}
		for _, m := range ms {
			if iri, ok := m.(quad.IRI); ok {
				count[iri]++
			}
		}
	}
	out := make([]EntityInfo, 0, len(count))
	for e, n := range count {
		info := EntityInfo{IRI: e, Docs: n}
		labels, aliases, types := map[string]bool{}, map[string]bool{}, map[string]bool{}
		err := s.eachQuad(ctx, quad.Subject, e, func(q quad.Quad) error {
			switch Lexical(q.Predicate) {
			case RDFSLabel:
				if q.Label == quad.IRI(IdentityGraph) {
					info.Label = Lexical(q.Object)
				}
				labels[Lexical(q.Object)] = true
			case SKOSAltLabel:
				aliases[Lexical(q.Object)] = true
			case RDFType:
				types[localName(Lexical(q.Object))] = true
			case NGCountry:
				info.Country, _ = q.Object.(quad.IRI)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		ls := sortedKeys(labels)
		if info.Label == "" && len(ls) > 0 {
			info.Label = ls[0]
		}
		for _, l := range ls {
			if l != info.Label {
				aliases[l] = true
			}
		}
		delete(aliases, info.Label)
		info.Aliases, info.Types = sortedKeys(aliases), sortedKeys(types)
		out = append(out, info)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].IRI < out[j].IRI })
	return out, nil
}

// Label is a node's rdfs:label ("" when it has none).
func (s *Store) Label(ctx context.Context, n quad.Value) (string, error) {
	ls, err := s.values(ctx, n, RDFSLabel, nil)
	if err != nil || len(ls) == 0 {
		return "", err
	}
	return Lexical(ls[0]), nil
}
