package queries

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	crefs "github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/cayley/query/path"
	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/graph"
)

// edge is one outgoing quad of a node: predicate, object and label.
type edge struct {
	Pred  string
	Obj   quad.Value
	Label quad.Value
}

// props is everything a node says about itself, predicate IRI → edges.
type props map[string][]edge

// readNode reads every outgoing quad of n, with its label: n –label:g,
// pred:p→ o. It follows the subject index and names all the values in one
// batch (ValuesOf), which is several times faster on kv stores than the
// path API naming each value of each quad in a transaction of its own.
func readNode(ctx context.Context, qs cgraph.QuadStore, n quad.Value) (props, error) {
	m := props{}
	ref, err := qs.ValueOf(n)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", n, err)
	}
	if ref == nil {
		return m, nil
	}
	it := qs.QuadIterator(quad.Subject, ref).Iterate()
	defer it.Close()
	var refs []cgraph.Ref
	for it.Next(ctx) {
		q := it.Result()
		for _, d := range []quad.Direction{quad.Predicate, quad.Object, quad.Label} {
			r, err := qs.QuadDirection(q, d)
			if err != nil {
				return nil, fmt.Errorf("read %s: %w", n, err)
			}
			refs = append(refs, r)
		}
	}
	if err := it.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", n, err)
	}
	vals, err := crefs.ValuesOf(ctx, qs, refs)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", n, err)
	}
	for i := 0; i+2 < len(vals); i += 3 {
		pred, ok := vals[i].(quad.IRI)
		if !ok {
			continue
		}
		k := string(pred.Full())
		m[k] = append(m[k], edge{Pred: k, Obj: vals[i+1], Label: vals[i+2]})
	}
	return m, nil
}

// inAny is the path of the nodes with a quad of one of preds to any of
// vals: one index lookup per value and predicate (a path starting at
// several values would make a kv store scan every quad with the predicate).
func inAny(qs cgraph.QuadStore, vals []quad.Value, preds ...quad.Value) *path.Path {
	var p *path.Path
	for _, v := range vals {
		for _, pred := range preds {
			one := path.StartPath(qs, v).In(pred)
			if p == nil {
				p = one
			} else {
				p = p.Or(one)
			}
		}
	}
	if p == nil {
		return path.StartPath(qs).Is() // nothing
	}
	return p
}

// first returns the first value of pred as a string ("" when absent).
// Values come back in store order; first sorts them so the answer is
// deterministic whatever the backend.
func (m props) first(pred string) string {
	vs := m.all(pred)
	if len(vs) == 0 {
		return ""
	}
	return vs[0]
}

// all returns the distinct values of pred as strings, sorted.
func (m props) all(pred string) []string {
	seen := map[string]bool{}
	var out []string
	for _, e := range m[pred] {
		s := str(e.Obj)
		if s == "" || seen[s] {
			continue
		}
		seen[s] = true
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// sumPerLabel sums an integer property stated once per label (per document),
// counting each label once.
func (m props) sumPerLabel(pred string) int {
	seen := map[string]bool{}
	n := 0
	for _, e := range m[pred] {
		k := str(e.Label)
		if seen[k] {
			continue
		}
		seen[k] = true
		n += atoi(str(e.Obj))
	}
	return n
}

// str renders a quad value as plain text: full IRIs, literals' lexical
// forms.
func str(v quad.Value) string {
	if iri, ok := v.(quad.IRI); ok {
		return string(iri.Full())
	}
	return graph.Lexical(v)
}

func atoi(s string) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return 0
	}
	return n
}

func atof(s string) float64 {
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(f) {
		return 0
	}
	return f
}

// short abbreviates an IRI with the prefixes registered by package graph
// ("id:john_kirby", "schema:Person").
func short(iri string) string {
	if iri == "" {
		return ""
	}
	return string(quad.IRI(iri).Short())
}

// localName is the last segment of an IRI: schema:Person → "Person".
func localName(iri string) string {
	if i := strings.LastIndexAny(iri, "/#:"); i >= 0 {
		return iri[i+1:]
	}
	return iri
}

// relName is the relation lemma of a rel: IRI: rel:hand_over → "hand_over".
func relName(iri string) string {
	if strings.HasPrefix(iri, graph.RelNS) {
		return iri[len(graph.RelNS):]
	}
	return localName(iri)
}

// isEntityIRI reports whether iri names an entity node (or a concept): one
// under id:, or an article-local individual under its document
// (doc:…/e/person/one_prisoner).
func isEntityIRI(iri string) bool {
	return strings.HasPrefix(iri, graph.EntityNS) || strings.HasPrefix(iri, graph.DocNS) && strings.Contains(iri, "/e/")
}

// nodes returns the distinct nodes a path ends at, as full IRIs or literal
// strings, sorted.
func nodes(ctx context.Context, qs cgraph.QuadStore, p *path.Path) ([]quad.Value, error) {
	var out []quad.Value
	seen := map[string]bool{}
	err := p.Iterate(ctx).EachValue(qs, func(v quad.Value) error {
		k := quad.StringOf(v)
		if !seen[k] {
			seen[k] = true
			out = append(out, v)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("query: %w", err)
	}
	sort.Slice(out, func(i, j int) bool { return quad.StringOf(out[i]) < quad.StringOf(out[j]) })
	return out, nil
}
