package queries

import (
	"context"
	"fmt"
	"sort"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/query/path"
	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/graph"
)

// DefaultMaxHops bounds the search of ShortestPath.
const DefaultMaxHops = 4

// Hop is one step of a chain of facts: From –Relation→ To as stated, or
// To –Relation→ From when Reverse is true (the chain walks the fact
// backwards).
type Hop struct {
	From      string `json:"from"`
	FromLabel string `json:"from_label"`
	Relation  string `json:"relation"`
	To        string `json:"to"`
	ToLabel   string `json:"to_label"`
	Reverse   bool   `json:"reverse"`
	FactID    string `json:"fact_id"`
	Text      string `json:"text"` // the fact's sentence
}

// ShortestPath finds a shortest chain of direct fact triples (rel:…
// quads between entities, followed in either direction) from entity a to
// entity b, at most maxHops long (DefaultMaxHops when maxHops <= 0). It
// returns nil when there is none; a == b gives an empty, non-nil chain.
// Ties are broken by IRI order, so the answer is deterministic.
func ShortestPath(ctx context.Context, qs cgraph.QuadStore, a, b string, maxHops int) ([]Hop, error) {
	if maxHops <= 0 {
		maxHops = DefaultMaxHops
	}
	if a == b {
		return []Hop{}, nil
	}
	type step struct {
		prev, rel string
		reverse   bool
	}
	seen := map[string]step{a: {}}
	frontier := []string{a}
	found := false
	for depth := 0; depth < maxHops && !found && len(frontier) > 0; depth++ {
		var next []string
		for _, n := range frontier {
			nbs, err := neighbours(ctx, qs, n)
			if err != nil {
				return nil, err
			}
			for _, nb := range nbs {
				if _, ok := seen[nb.node]; ok {
					continue
				}
				seen[nb.node] = step{prev: n, rel: nb.rel, reverse: nb.reverse}
				next = append(next, nb.node)
				if nb.node == b {
					found = true
				}
			}
		}
		frontier = next
	}
	if !found {
		return nil, nil
	}
	var hops []Hop
	for n := b; n != a; {
		s := seen[n]
		hops = append(hops, Hop{From: s.prev, Relation: s.rel, To: n, Reverse: s.reverse})
		n = s.prev
	}
	r := newReader(qs)
	out := make([]Hop, 0, len(hops))
	for i := len(hops) - 1; i >= 0; i-- {
		h := hops[i]
		var err error
		if h.FromLabel, err = r.label(ctx, h.From); err != nil {
			return nil, err
		}
		if h.ToLabel, err = r.label(ctx, h.To); err != nil {
			return nil, err
		}
		subj, obj := h.From, h.To
		if h.Reverse {
			subj, obj = obj, subj
		}
		fs, err := r.facts(ctx, path.StartPath(qs, quad.IRI(subj)).In(quad.IRI(graph.RDFSubject)).
			Has(quad.IRI(graph.RDFPredicate), quad.IRI(h.Relation)).
			Has(quad.IRI(graph.RDFObject), quad.IRI(obj)))
		if err != nil {
			return nil, err
		}
		for _, f := range fs {
			if !f.Negated {
				h.FactID, h.Text = f.ID, f.Text
				break
			}
		}
		h.Relation = relName(h.Relation)
		out = append(out, h)
	}
	return out, nil
}

type neighbour struct {
	node, rel string
	reverse   bool
}

// neighbours are the entities one direct fact triple away from n, sorted.
func neighbours(ctx context.Context, qs cgraph.QuadStore, n string) ([]neighbour, error) {
	var out []neighbour
	seen := map[neighbour]bool{}
	for _, reverse := range []bool{false, true} {
		p := path.StartPath(qs, quad.IRI(n))
		if reverse {
			p = p.InWithTags([]string{"p"})
		} else {
			p = p.OutWithTags([]string{"p"})
		}
		err := p.Tag("n").Iterate(ctx).TagValues(qs, func(m map[string]quad.Value) error {
			pred, node := str(m["p"]), str(m["n"])
			if !strings.HasPrefix(pred, graph.RelNS) || !isEntityIRI(node) {
				return nil
			}
			nb := neighbour{node: node, rel: pred, reverse: reverse}
			if !seen[nb] {
				seen[nb] = true
				out = append(out, nb)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("neighbours of %s: %w", short(n), err)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.node != b.node {
			return a.node < b.node
		}
		if a.rel != b.rel {
			return a.rel < b.rel
		}
		return !a.reverse && b.reverse
	})
	return out, nil
}
