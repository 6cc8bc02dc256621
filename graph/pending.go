package graph

import (
	"context"
	"fmt"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// Names finds entities by name as Store.EntitiesNamed does; link.Join
// takes one.
type Names interface {
	EntitiesNamed(ctx context.Context, name string, surnames bool) ([]NamedEntity, error)
}

// A Joiner changes an article before it is written (link.Join: an entity
// takes the IRI of the one stored entity of its name). known shows the
// store as it will be once the articles before a in the same write are
// stored, so that writing several articles in one transaction gives the
// store that writing them one at a time gives.
type Joiner func(ctx context.Context, known Names, a *Article) error

// WriteArticlesJoined is WriteArticles with join called on each article
// just before it is prepared. An error of join fails the call as a write
// error does, naming the article.
func (s *Store) WriteArticlesJoined(ctx context.Context, as []*Article, join Joiner) ([]WriteResult, error) {
	return s.writeArticles(ctx, as, join)
}

// pending is what the prepared but not yet applied writes of a batch change,
// indexed as EntitiesNamed reads the store: a nil *pending changes nothing.
type pending struct {
	s        *Store
	deleted  map[string]bool // N-Quads of removed quads
	subjects map[quad.Value][]quad.Quad
	objects  map[quad.Value][]quad.Quad
}

func newPending(s *Store) *pending {
	return &pending{s: s, deleted: map[string]bool{}, subjects: map[quad.Value][]quad.Quad{}, objects: map[quad.Value][]quad.Quad{}}
}

// add records the deltas of one prepared article.
func (p *pending) add(deltas []cgraph.Delta) {
	for _, d := range deltas {
		q := d.Quad
		if d.Action == cgraph.Delete {
			p.deleted[q.NQuad()] = true
			continue
		}
		// Only what EntitiesNamed reads: name keys, types and the
		// documents' mentions.
		switch q.Predicate {
		case quad.IRI(NGNameKey), quad.IRI(NGSurnameKey), quad.IRI(SchemaMentions):
			p.objects[q.Object] = append(p.objects[q.Object], q)
		case quad.IRI(RDFType):
			p.subjects[q.Subject] = append(p.subjects[q.Subject], q)
		}
	}
}

// deletes reports whether a pending write removes stored quad q.
func (p *pending) deletes(q quad.Quad) bool {
	return p != nil && len(p.deleted) > 0 && p.deleted[q.NQuad()]
}

func (p *pending) byObject(v quad.Value) []quad.Quad {
	if p == nil {
		return nil
	}
	return p.objects[v]
}

func (p *pending) bySubject(v quad.Value) []quad.Quad {
	if p == nil {
		return nil
	}
	return p.subjects[v]
}

// EntitiesNamed implements Names on the store with the pending writes.
func (p *pending) EntitiesNamed(ctx context.Context, name string, surnames bool) ([]NamedEntity, error) {
	return p.s.entitiesNamed(ctx, name, surnames, p)
}

// join runs join on a with the store and the pending writes.
func (p *pending) join(ctx context.Context, join Joiner, a *Article) error {
	if join == nil || a == nil {
		return nil
	}
	if err := join(ctx, p, a); err != nil {
		return fmt.Errorf("%s: joining entities: %w", a.Source, err)
	}
	return nil
}
