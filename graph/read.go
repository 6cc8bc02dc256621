package graph

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/query"
	"github.com/cayleygraph/cayley/query/gizmo"
	"github.com/cayleygraph/quad"
)

// DocInfo describes a stored document.
type DocInfo struct {
	IRI       quad.IRI
	ID        string // the hex id at the end of the IRI
	Source    string
	Path      string // the file it was read from, when stored under a URL ("" otherwise)
	Headline  string
	Date      string // publication date (YYYY-MM-DD), "" when unknown
	Publisher string
	Hash      string
	Pipeline  string // the loaders that made it ("" when not recorded)
	Sentences int
	Facts     int
}

// Documents lists the stored documents, sorted by source.
func (s *Store) Documents(ctx context.Context) ([]DocInfo, error) {
	iris, err := s.documentIRIs(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]DocInfo, 0, len(iris))
	for _, d := range iris {
		info, err := s.docInfo(ctx, d)
		if err != nil {
			return nil, err
		}
		out = append(out, info)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Source < out[j].Source })
	return out, nil
}

// FindDocument finds a document by its source (path or URL), its IRI, the
// absolute path of the file it was read from (a document stored under a
// URL), or a unique prefix (8 hex digits or more) of its id; the error wraps
// ErrNotFound when there is none.
func (s *Store) FindDocument(ctx context.Context, sourceOrIRI string) (DocInfo, error) {
	doc, err := s.resolveDoc(ctx, sourceOrIRI)
	if err != nil {
		return DocInfo{}, err
	}
	return s.docInfo(ctx, doc)
}

func (s *Store) docInfo(ctx context.Context, doc quad.IRI) (DocInfo, error) {
	info := DocInfo{IRI: doc, ID: strings.TrimPrefix(string(doc), DocNS)}
	err := s.eachQuad(ctx, quad.Subject, doc, func(q quad.Quad) error {
		if q.Label != doc {
			return nil
		}
		v := Lexical(q.Object)
		switch string(q.Predicate.(quad.IRI)) {
		case NGSource:
			info.Source = v
		case NGPath:
			info.Path = v
		case SchemaHeadline:
			info.Headline = v
		case SchemaDatePublished:
			info.Date = v
		case SchemaPublisher:
			info.Publisher = v
		case NGContentHash:
			info.Hash = v
		case NGPipeline:
			info.Pipeline = v
		case NGSentenceCount:
			info.Sentences, _ = strconv.Atoi(v)
		case NGFactCount:
			info.Facts, _ = strconv.Atoi(v)
		}
		return nil
	})
	if err != nil {
		return info, fmt.Errorf("document %s: %w", doc, err)
	}
	return info, nil
}

// Stats counts what the store holds.
type Stats struct {
	Documents  int64 // schema:NewsArticle nodes
	Entities   int64 // distinct entities mentioned by documents
	Facts      int64 // direct fact triples (rel: predicates)
	Statements int64 // statement nodes (every extraction, negated ones included)
	Relations  int64 // distinct relations of statements
	Quads      int64 // all quads
}

// Stats counts documents, entities, facts, statements, relations and quads:
// on bolt and leveldb from counters the writes keep (in milliseconds on any
// store size), on other backends by scanning (see ScanStats).
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	if s.counted == nil {
		return s.ScanStats(ctx)
	}
	c, err := s.counted.Counters(ctx, countDocuments, setEntities, countFacts, countStatements, setRelations)
	if err != nil {
		return Stats{}, fmt.Errorf("store counters: %w", err)
	}
	quads, err := s.counted.QuadCount(ctx)
	if err != nil {
		return Stats{}, fmt.Errorf("store counters: %w", err)
	}
	return Stats{Documents: c[0], Entities: c[1], Facts: c[2], Statements: c[3], Relations: c[4], Quads: quads}, nil
}

// ScanStats counts what Stats counts by reading the quads (one pass over
// each relation's quads): slow on a large store, but it depends on nothing
// the writes keep; tests check the counters against it.
func (s *Store) ScanStats(ctx context.Context) (Stats, error) {
	var st Stats
	var err error
	if st.Documents, err = s.count(ctx, quad.Object, quad.IRI(SchemaNewsArticle)); err != nil {
		return st, err
	}
	if st.Statements, err = s.count(ctx, quad.Object, quad.IRI(RDFStatement)); err != nil {
		return st, err
	}
	entities := make(map[quad.Value]bool)
	if err := s.eachQuad(ctx, quad.Predicate, quad.IRI(SchemaMentions), func(q quad.Quad) error {
		entities[q.Object] = true
		return nil
	}); err != nil {
		return st, err
	}
	st.Entities = int64(len(entities))
	rels := make(map[quad.Value]bool)
	if err := s.eachQuad(ctx, quad.Predicate, quad.IRI(RDFPredicate), func(q quad.Quad) error {
		if iri, ok := q.Object.(quad.IRI); ok && strings.HasPrefix(string(iri), RelNS) {
			rels[q.Object] = true // fact relations; link statements have owl:sameAs
		}
		return nil
	}); err != nil {
		return st, err
	}
	st.Relations = int64(len(rels))
	for r := range rels {
		n, err := s.count(ctx, quad.Predicate, r)
		if err != nil {
			return st, err
		}
		st.Facts += n
	}
	if s.counted != nil {
		st.Quads, err = s.counted.QuadCount(ctx) // kv's Stats fails on a new store
		if err != nil {
			return st, fmt.Errorf("store counters: %w", err)
		}
		return st, nil
	}
	gs, err := s.qs.Stats(ctx, true)
	if err != nil {
		return st, fmt.Errorf("store stats: %w", err)
	}
	st.Quads = gs.Quads.Value
	return st, nil
}

// count is the number of quads with v in direction d: the index size when
// the backend knows it exactly, else a scan.
func (s *Store) count(ctx context.Context, d quad.Direction, v quad.Value) (int64, error) {
	ref, err := s.qs.ValueOf(v)
	if err != nil {
		return 0, fmt.Errorf("look up %v: %w", v, err)
	}
	if ref == nil {
		return 0, nil
	}
	if sz, err := s.qs.QuadIteratorSize(ctx, d, ref); err == nil && sz.Exact {
		return sz.Value, nil
	}
	var n int64
	err = s.eachQuad(ctx, d, v, func(quad.Quad) error { n++; return nil })
	return n, err
}

// Gizmo runs a Gizmo (JavaScript) query on the store; see the function
// Gizmo.
func (s *Store) Gizmo(ctx context.Context, q string, limit int) ([]any, error) {
	return Gizmo(ctx, s.qs, q, limit)
}

// Gizmo runs a Gizmo query ("g.V(...).Out(...).All()") on qs in a fresh
// Cayley session (a session answers one query only) and returns at most
// limit results (limit <= 0: all), each a JSON-ready value: for each result
// a map from tag ("id" for the node reached) to the node (IRIs as "<…>",
// literals as their value), or whatever g.Emit sent.
func Gizmo(ctx context.Context, qs cgraph.QuadStore, q string, limit int) (out []any, err error) {
	defer func() {
		// The JavaScript runtime should return errors, not panic; if it
		// does, the caller still gets an error.
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("gizmo: %v", r)
		}
	}()
	sess := gizmo.NewSession(qs)
	it, err := sess.Execute(ctx, q, query.Options{Limit: limit, Collation: query.JSON})
	if err != nil {
		return nil, fmt.Errorf("gizmo: %w", err)
	}
	defer it.Close()
	for it.Next(ctx) {
		if r := it.Result(); r != nil {
			out = append(out, r)
		}
		if limit > 0 && len(out) >= limit {
			break
		}
	}
	if err := it.Err(); err != nil {
		return nil, fmt.Errorf("gizmo: %w", err)
	}
	return out, nil
}

// Lexical is the lexical form of a literal (the text between the quotes,
// without datatype or language) or the string of an IRI.
func Lexical(v quad.Value) string {
	switch v := v.(type) {
	case nil:
		return ""
	case quad.String:
		return string(v)
	case quad.TypedString:
		return string(v.Value)
	case quad.LangString:
		return string(v.Value)
	case quad.IRI:
		return string(v)
	case quad.BNode:
		return string(v)
	case quad.TypedStringer:
		return string(v.TypedString().Value)
	}
	return quad.StringOf(v)
}
