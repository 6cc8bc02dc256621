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

// Node is an entity in a picture.
type Node struct {
	IRI   string `json:"iri"`
	Label string `json:"label"`
	Type  string `json:"type"`
	Hop   int    `json:"hop"` // distance from the centre (0 for it; 0 in a document's graph)
}

// Edge is every stated fact From –Relation→ To that passed the filters.
type Edge struct {
	From     string   `json:"from"`
	To       string   `json:"to"`
	Relation string   `json:"relation"` // lemma
	Count    int      `json:"count"`    // how many statements state it
	Facts    []string `json:"facts"`    // their fact IDs
}

// Subgraph is a picture's nodes and edges, sorted so it is deterministic.
type Subgraph struct {
	Center string `json:"center,omitempty"`
	Nodes  []Node `json:"nodes"`
	Edges  []Edge `json:"edges"`
	// Truncated is true when MaxNodes left neighbours out.
	Truncated bool `json:"truncated"`
}

// PictureOptions filter a picture.
type PictureOptions struct {
	Hops          int     // 1 or 2 (Neighbourhood); 1 when <= 0
	From, To      string  // ISO dates: keep facts dated (own date, or the document's) in [From, To]; "" is open
	MinConfidence float64 // keep facts with at least this confidence
	MaxNodes      int     // most nodes (the centre and the neighbours most often connected); DefaultMaxNodes when <= 0
}

// DefaultMaxNodes bounds a picture.
const DefaultMaxNodes = 40

// stmtInfo is what a picture needs of one statement.
type stmtInfo struct {
	id, subj, rel, obj, date string
	conf                     float64
	negated                  bool
}

// readStmt reads a statement's triple, date (its own or its document's)
// and confidence: one node read plus cached sentence and document reads.
func (r *reader) readStmt(ctx context.Context, stmt string) (stmtInfo, error) {
	m, err := readNode(ctx, r.qs, quad.IRI(stmt))
	if err != nil {
		return stmtInfo{}, err
	}
	s := stmtInfo{id: m.first(graph.NGFactID), subj: m.first(graph.RDFSubject), rel: relName(m.first(graph.RDFPredicate)),
		obj: m.first(graph.RDFObject), date: m.first(graph.NGDate), conf: atof(m.first(graph.NGConfidence)),
		negated: m.first(graph.NGNegated) == "true"}
	if s.date == "" {
		if sent := m.first(graph.ProvDerivedFrom); sent != "" {
			se, err := r.sentence(ctx, sent)
			if err != nil {
				return s, err
			}
			if se.Doc != "" {
				d, err := r.doc(ctx, se.Doc)
				if err != nil {
					return s, err
				}
				s.date = d.Published
			}
		}
	}
	return s, nil
}

// keep reports whether a statement is an entity-to-entity fact that passes
// the filters.
func (o PictureOptions) keep(s stmtInfo) bool {
	if s.negated || !isEntityIRI(s.subj) || !isEntityIRI(s.obj) || s.subj == s.obj || s.conf < o.MinConfidence {
		return false
	}
	if o.From != "" || o.To != "" {
		if s.date == "" || dateKey(s.date) != s.date {
			return false // undated, or no year
		}
		if o.From != "" && s.date < o.From[:min(len(o.From), len(s.date))] {
			return false
		}
		if o.To != "" && s.date[:min(len(o.To), len(s.date))] > o.To {
			return false
		}
	}
	return true
}

// builder of a Subgraph.
type picture struct {
	r     *reader
	nodes map[string]*Node
	edges map[[3]string]*Edge
	seen  map[string]bool // statements already counted
	wait  map[string][]waiting
}

func newPicture(r *reader) *picture {
	return &picture{r: r, nodes: map[string]*Node{}, edges: map[[3]string]*Edge{}, seen: map[string]bool{}}
}

func (p *picture) addStmt(s stmtInfo, stmt string) {
	if p.seen[stmt] {
		return
	}
	p.seen[stmt] = true
	k := [3]string{s.subj, s.rel, s.obj}
	e := p.edges[k]
	if e == nil {
		e = &Edge{From: s.subj, To: s.obj, Relation: s.rel}
		p.edges[k] = e
	}
	e.Count++
	if s.id != "" {
		e.Facts = append(e.Facts, s.id)
	}
}

// entityStatements lists the statements with e as subject or object.
func entityStatements(ctx context.Context, qs cgraph.QuadStore, e string) ([]quad.Value, error) {
	return nodes(ctx, qs, path.StartPath(qs, quad.IRI(e)).In(quad.IRI(graph.RDFSubject)).
		Or(path.StartPath(qs, quad.IRI(e)).In(quad.IRI(graph.RDFObject))))
}

// Neighbourhood is the picture of the entities one or two facts away from
// an entity (full IRI): entities only, edges labelled by relation and
// counted by how often they are stated. Only the statements of the centre
// and of its kept neighbours are read.
func Neighbourhood(ctx context.Context, qs cgraph.QuadStore, center string, o PictureOptions) (Subgraph, error) {
	if o.Hops <= 0 {
		o.Hops = 1
	}
	if o.Hops > 2 {
		return Subgraph{}, fmt.Errorf("hops: %d is more than 2", o.Hops)
	}
	if o.MaxNodes <= 0 {
		o.MaxNodes = DefaultMaxNodes
	}
	r := newReader(qs)
	p := newPicture(r)
	hop := map[string]int{center: 0}
	frontier := []string{center}
	truncated := false
	for depth := 1; depth <= o.Hops && len(frontier) > 0; depth++ {
		weight := map[string]int{}
		for _, n := range frontier {
			found, err := o.around(ctx, r, n)
			if err != nil {
				return Subgraph{}, err
			}
			for _, f := range found {
				s, st := f.s, f.stmt
				if p.seen[st] || !o.keep(s) {
					continue
				}
				other := s.obj
				if other == n {
					other = s.subj
				}
				if _, ok := hop[other]; ok {
					p.addStmt(s, st) // between nodes already in
					continue
				}
				weight[other]++
				// Keep the statement until we know whether other stays.
				p.pending(other, s, st)
			}
		}
		cands := make([]string, 0, len(weight))
		for c := range weight {
			cands = append(cands, c)
		}
		sort.Slice(cands, func(i, j int) bool {
			if weight[cands[i]] != weight[cands[j]] {
				return weight[cands[i]] > weight[cands[j]]
			}
			return cands[i] < cands[j]
		})
		room := o.MaxNodes - len(hop)
		if room < len(cands) {
			truncated = true
			cands = cands[:max(room, 0)]
		}
		frontier = frontier[:0]
		for _, c := range cands {
			hop[c] = depth
			frontier = append(frontier, c)
		}
		p.flush(hop)
	}
	sg, err := p.subgraph(ctx, hop)
	sg.Center, sg.Truncated = center, truncated
	return sg, err
}

// around lists the facts with n as subject or object. Without date or
// confidence filters it reads only the direct triples (one quad per fact,
// labelled with its sentence; no fact IDs); with them, every statement.
func (o PictureOptions) around(ctx context.Context, r *reader, n string) ([]waiting, error) {
	var out []waiting
	if o.From == "" && o.To == "" && o.MinConfidence <= 0 {
		ref, err := r.qs.ValueOf(quad.IRI(n))
		if err != nil || ref == nil {
			return nil, err
		}
		for _, dir := range []quad.Direction{quad.Subject, quad.Object} {
			it := r.qs.QuadIterator(dir, ref).Iterate()
			for it.Next(ctx) {
				q, err := r.qs.Quad(it.Result())
				if err != nil {
					it.Close()
					return nil, err
				}
				pred, subj, obj := str(q.Predicate), str(q.Subject), str(q.Object)
				if !strings.HasPrefix(pred, graph.RelNS) || !isEntityIRI(subj) || !isEntityIRI(obj) {
					continue
				}
				// The statement of a direct triple is not known here: the
				// triple and its sentence stand for it.
				key := subj + " " + pred + " " + obj + " " + str(q.Label)
				out = append(out, waiting{stmtInfo{subj: subj, rel: relName(pred), obj: obj, conf: 1}, key})
			}
			err := it.Err()
			it.Close()
			if err != nil {
				return nil, err
			}
		}
		return out, ctx.Err()
	}
	stmts, err := entityStatements(ctx, r.qs, n)
	if err != nil {
		return nil, err
	}
	for _, st := range stmts {
		s, err := r.readStmt(ctx, str(st))
		if err != nil {
			return nil, err
		}
		out = append(out, waiting{s, str(st)})
	}
	return out, nil
}

// FactGraph is the picture of facts already read (a document's): their
// entity-to-entity facts that pass o's filters; types gives the nodes'
// types by IRI.
func FactGraph(fs []Fact, types map[string]string, o PictureOptions) Subgraph {
	sg := Subgraph{Nodes: []Node{}, Edges: []Edge{}}
	labels := map[string]string{}
	edges := map[[3]string]*Edge{}
	for _, f := range fs {
		date := f.Date
		if date == "" {
			date = f.Published
		}
		s := stmtInfo{id: f.ID, subj: f.Subject, rel: f.Relation, obj: f.Object, date: date, conf: f.Confidence, negated: f.Negated}
		if !o.keep(s) {
			continue
		}
		labels[f.Subject], labels[f.Object] = f.SubjectLabel, f.ObjectLabel
		k := [3]string{s.subj, s.rel, s.obj}
		e := edges[k]
		if e == nil {
			e = &Edge{From: s.subj, To: s.obj, Relation: s.rel}
			edges[k] = e
		}
		e.Count++
		e.Facts = append(e.Facts, f.ID)
	}
	for iri, l := range labels {
		sg.Nodes = append(sg.Nodes, Node{IRI: iri, Label: l, Type: types[iri]})
	}
	sort.Slice(sg.Nodes, func(i, j int) bool { return sg.Nodes[i].IRI < sg.Nodes[j].IRI })
	for _, e := range edges {
		sort.Strings(e.Facts)
		sg.Edges = append(sg.Edges, *e)
	}
	sortEdges(sg.Edges)
	return sg
}

// pending statements wait, per neighbour, for the neighbour to be kept.
func (p *picture) pending(other string, s stmtInfo, stmt string) {
	if p.wait == nil {
		p.wait = map[string][]waiting{}
	}
	p.wait[other] = append(p.wait[other], waiting{s, stmt})
}

type waiting struct {
	s    stmtInfo
	stmt string
}

// flush adds the waiting statements whose ends are both kept.
func (p *picture) flush(hop map[string]int) {
	for other, ws := range p.wait {
		if _, ok := hop[other]; !ok {
			continue
		}
		for _, w := range ws {
			_, a := hop[w.s.subj]
			_, b := hop[w.s.obj]
			if a && b {
				p.addStmt(w.s, w.stmt)
			}
		}
	}
	p.wait = nil
}

// subgraph reads the labels and types of the kept nodes and sorts.
func (p *picture) subgraph(ctx context.Context, hop map[string]int) (Subgraph, error) {
	sg := Subgraph{Nodes: []Node{}, Edges: []Edge{}}
	for iri, h := range hop {
		m, err := readNode(ctx, p.r.qs, quad.IRI(iri))
		if err != nil {
			return sg, err
		}
		l := m.first(graph.RDFSLabel)
		if l == "" {
			l = short(iri)
		}
		sg.Nodes = append(sg.Nodes, Node{IRI: iri, Label: l, Type: entityType(m.all(graph.RDFType)), Hop: h})
	}
	sort.Slice(sg.Nodes, func(i, j int) bool {
		if sg.Nodes[i].Hop != sg.Nodes[j].Hop {
			return sg.Nodes[i].Hop < sg.Nodes[j].Hop
		}
		return sg.Nodes[i].IRI < sg.Nodes[j].IRI
	})
	for _, e := range p.edges {
		_, a := hop[e.From]
		_, b := hop[e.To]
		if a && b {
			sort.Strings(e.Facts)
			sg.Edges = append(sg.Edges, *e)
		}
	}
	sortEdges(sg.Edges)
	return sg, nil
}

// sortEdges orders edges by their ends, then relation.
func sortEdges(es []Edge) {
	sort.Slice(es, func(i, j int) bool {
		a, b := es[i], es[j]
		if a.From != b.From {
			return a.From < b.From
		}
		if a.To != b.To {
			return a.To < b.To
		}
		return a.Relation < b.Relation
	})
}

// DocumentGraph is the picture of the entity-to-entity facts of a
// document (see DocIRI for what id may be) in the window w of its facts.
func DocumentGraph(ctx context.Context, qs cgraph.QuadStore, id string, w Window, o PictureOptions) (Subgraph, error) {
	d, err := DescribeDocument(ctx, qs, id, w, nil)
	if err != nil {
		return Subgraph{}, err
	}
	return FactGraph(d.Facts, d.Types(), o), nil
}

// Types maps the document's entities to their types.
func (d DocDetail) Types() map[string]string {
	m := make(map[string]string, len(d.Entities))
	for _, e := range d.Entities {
		m[e.IRI] = e.Type
	}
	return m
}

// PathGraph is the picture of a chain of hops (ShortestPath).
func PathGraph(hops []Hop) Subgraph {
	sg := Subgraph{Nodes: []Node{}, Edges: []Edge{}}
	for i, h := range hops {
		if i == 0 {
			sg.Center = h.From
			sg.Nodes = append(sg.Nodes, Node{IRI: h.From, Label: h.FromLabel})
		}
		sg.Nodes = append(sg.Nodes, Node{IRI: h.To, Label: h.ToLabel, Hop: i + 1})
		e := Edge{From: h.From, To: h.To, Relation: h.Relation, Count: 1}
		if h.Reverse {
			e.From, e.To = h.To, h.From
		}
		if h.FactID != "" {
			e.Facts = []string{h.FactID}
		}
		sg.Edges = append(sg.Edges, e)
	}
	return sg
}
