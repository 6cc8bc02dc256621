package graph

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/graph/internal/kv"
)

// Write statuses of WriteResult.Status.
const (
	Added     = "added"     // a new document
	Replaced  = "replaced"  // same source, new content: old quads removed, new added
	Unchanged = "unchanged" // same source and content hash: nothing written
)

// WriteResult says what WriteArticle did.
type WriteResult struct {
	Doc     quad.IRI // the document's IRI
	Status  string   // Added, Replaced or Unchanged
	Quads   int      // quads the document has now
	Added   int      // quads written
	Removed int      // quads removed (Replaced only)
}

// WriteArticle writes an article's quads in one transaction of the backend
// (one ApplyDeltas call, which is one bolt, leveldb or SQL transaction), so
// after a crash the document is either wholly in the store or absent.
// Writing the same Source with the same Hash (and Pipeline, when set) again
// changes nothing; the same Source with another Hash replaces the old quads
// in the same single transaction, so a crash leaves the old version or the
// new one. (Cayley's kv ApplyDeltas lost a node of an added quad when the
// batch lowered that node's reference count; bolt and leveldb use
// graph/internal/kv, a copy with that fixed.)
func (s *Store) WriteArticle(ctx context.Context, a *Article) (WriteResult, error) {
	rs, err := s.WriteArticles(ctx, []*Article{a})
	if len(rs) == 0 {
		return WriteResult{}, err
	}
	return rs[0], err
}

// WriteArticles writes several articles as WriteArticle does, all in one
// transaction of the backend: after a crash each article is wholly in the
// store or absent (all of them are, or none). Committing once for many
// articles is what makes a bulk ingest fast. (When the same Source comes
// twice, the articles before the second are committed first, so that it
// replaces the first.) On an error it returns no results: what was
// committed before it stays, the rest is not written, and the caller may
// write the articles one by one to find the one at fault.
func (s *Store) WriteArticles(ctx context.Context, as []*Article) ([]WriteResult, error) {
	return s.writeArticles(ctx, as, nil)
}

func (s *Store) writeArticles(ctx context.Context, as []*Article, join Joiner) ([]WriteResult, error) {
	if s.readOnly {
		return nil, ErrReadOnly
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]WriteResult, 0, len(as))
	var (
		batch []pendingWrite
		docs  = make(map[quad.IRI]bool, len(as))
		known = newPending(s) // what batch will change, for join
	)
	flush := func() error {
		if err := s.apply(ctx, batch); err != nil {
			return err
		}
		batch, docs, known = batch[:0], make(map[quad.IRI]bool, len(as)), newPending(s)
		return nil
	}
	for _, a := range as {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if a != nil && docs[DocIRI(a.Source)] {
			// The same document twice: the second one must see the first.
			if err := flush(); err != nil {
				return nil, err
			}
		}
		if err := known.join(ctx, join, a); err != nil {
			return nil, err
		}
		p, err := s.prepare(ctx, a)
		if err != nil {
			return nil, err
		}
		out = append(out, p.res)
		docs[p.res.Doc] = true
		if len(p.deltas) > 0 {
			batch = append(batch, p)
			if join != nil {
				known.add(p.deltas)
			}
		}
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return out, nil
}

// pendingWrite is one article's change, read from the store but not yet
// applied.
type pendingWrite struct {
	source string
	res    WriteResult
	deltas []cgraph.Delta
}

// prepare computes the deltas that write a (see WriteArticle); s.mu is held.
func (s *Store) prepare(ctx context.Context, a *Article) (pendingWrite, error) {
	if a != nil && a.Hash == "" {
		c := *a
		c.Hash = ContentHash(a.Text)
		a = &c
	}
	qs, err := Quads(a)
	if err != nil {
		return pendingWrite{}, err
	}
	doc := DocIRI(a.Source)
	p := pendingWrite{source: a.Source, res: WriteResult{Doc: doc, Status: Added, Quads: len(qs)}}
	res := &p.res
	state, err := s.docInfo(ctx, doc)
	if err != nil {
		return p, fmt.Errorf("%s: %w", a.Source, err)
	}
	var oldQuads []quad.Quad
	if state.Hash != "" {
		if state.Hash == a.Hash && (a.Pipeline == "" || state.Pipeline == a.Pipeline) {
			res.Status = Unchanged
			return p, nil
		}
		res.Status = Replaced
		if oldQuads, err = s.documentQuads(ctx, doc); err != nil {
			return p, fmt.Errorf("%s: %w", a.Source, err)
		}
	}
	if qs, err = s.applyIdentity(ctx, doc, a, qs); err != nil { // identity.go: store-wide identity and corrections
		return p, fmt.Errorf("%s: %w", a.Source, err)
	}
	res.Quads = len(qs)
	p.deltas = make([]cgraph.Delta, 0, len(qs)+len(oldQuads))
	if len(oldQuads) == 0 { // a new document: every quad is new
		for _, q := range qs {
			p.deltas = append(p.deltas, cgraph.Delta{Quad: q, Action: cgraph.Add})
		}
		res.Added = len(qs)
		return p, nil
	}
	// Compare by N-Quads text: a backend may hand back an equal value as
	// another Go type.
	keep := make(map[string]bool, len(qs))
	for _, q := range qs {
		keep[q.NQuad()] = true
	}
	for _, q := range oldQuads {
		if k := q.NQuad(); keep[k] {
			delete(keep, k) // already there: neither removed nor added
			continue
		}
		p.deltas = append(p.deltas, cgraph.Delta{Quad: q, Action: cgraph.Delete})
		res.Removed++
	}
	for _, q := range qs {
		if keep[q.NQuad()] {
			p.deltas = append(p.deltas, cgraph.Delta{Quad: q, Action: cgraph.Add})
			res.Added++
		}
	}
	return p, nil
}

// apply writes the deltas of batch in one transaction, with the counters
// they change (kv backends).
func (s *Store) apply(ctx context.Context, batch []pendingWrite) error {
	if len(batch) == 0 {
		return nil
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	var deltas []cgraph.Delta
	if len(batch) == 1 {
		deltas = batch[0].deltas
	} else {
		n := 0
		for _, p := range batch {
			n += len(p.deltas)
		}
		deltas = make([]cgraph.Delta, 0, n)
		for _, p := range batch {
			deltas = append(deltas, p.deltas...)
		}
	}
	err := s.applyDeltas(deltas, cgraph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true})
	if err == nil {
		return nil
	}
	if len(batch) == 1 {
		p := batch[0]
		if p.res.Removed > 0 {
			return fmt.Errorf("%s: write %d quads (remove %d): %w", p.source, p.res.Added, p.res.Removed, err)
		}
		return fmt.Errorf("%s: write %d quads: %w", p.source, p.res.Added, err)
	}
	return fmt.Errorf("write %d articles (%s, …): %w", len(batch), batch[0].source, err)
}

// applyDeltas applies deltas in one transaction; on bolt and leveldb the
// store counts what they change (tally) in that transaction.
func (s *Store) applyDeltas(deltas []cgraph.Delta, ignore cgraph.IgnoreOpts) error {
	return s.qs.ApplyDeltas(deltas, ignore)
}

// Counter and set names of the counts the store keeps (see tally).
const (
	countDocuments  = "documents"
	countStatements = "statements"
	countFacts      = "facts"
	setEntities     = "entities"  // entities some document mentions
	setRelations    = "relations" // relations some statement has
)

// tally counts what adding (sign 1) or removing (sign -1) q changes: the kv
// store passes each quad a write adds or removes (not the duplicates it
// ignores), in the transaction that does it, so the counts of Stats are
// exact without a scan, whatever writes (WriteArticles, RemoveDocument,
// Import).
func tally(t *kv.Tally, q quad.Quad, sign int64) {
	p, _ := q.Predicate.(quad.IRI)
	switch {
	case p == RDFType:
		switch q.Object {
		case quad.IRI(SchemaNewsArticle):
			t.Add(countDocuments, sign)
		case quad.IRI(RDFStatement):
			t.Add(countStatements, sign)
		}
	case p == SchemaMentions:
		if o, ok := q.Object.(quad.IRI); ok {
			t.Ref(setEntities, string(o), sign)
		}
	case p == RDFPredicate:
		if o, ok := q.Object.(quad.IRI); ok {
			t.Ref(setRelations, string(o), sign)
		}
	case strings.HasPrefix(string(p), RelNS):
		t.Add(countFacts, sign)
	}
}

// Unchanged reports whether the store holds the document from source with
// content hash hash, made by pipeline (any pipeline when ""): writing it
// again would change nothing, so the caller can skip analysing it. It
// returns what the store holds of the document when it is there.
func (s *Store) Unchanged(ctx context.Context, source, hash, pipeline string) (DocInfo, bool, error) {
	info, err := s.docInfo(ctx, DocIRI(source))
	if err != nil {
		return info, false, fmt.Errorf("%s: %w", source, err)
	}
	return info, info.Hash != "" && info.Hash == hash && (pipeline == "" || info.Pipeline == pipeline), nil
}

// ContentHash is the hex SHA-256 of content, the form of Article.Hash
// (WriteArticle uses it on Article.Text when Hash is empty).
func ContentHash(content string) string {
	sum := sha256.Sum256([]byte(content))
	return hex.EncodeToString(sum[:])
}

// RemoveDocument removes a document (by source, IRI or id, see
// FindDocument) with everything it contributed: all quads labelled with its
// IRI or its sentences' IRIs, in one transaction. Entities stay while
// another document still describes them.
func (s *Store) RemoveDocument(ctx context.Context, source string) (removed int, err error) {
	if s.readOnly {
		return 0, ErrReadOnly
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	doc, err := s.resolveDoc(ctx, source)
	if err != nil {
		return 0, err
	}
	qs, err := s.documentQuads(ctx, doc)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", source, err)
	}
	deltas := make([]cgraph.Delta, len(qs))
	for i, q := range qs {
		deltas[i] = cgraph.Delta{Quad: q, Action: cgraph.Delete}
	}
	if err := s.applyDeltas(deltas, cgraph.IgnoreOpts{IgnoreMissing: true}); err != nil {
		return 0, fmt.Errorf("%s: remove %d quads: %w", source, len(qs), err)
	}
	return len(qs), nil
}

// documentQuads lists the quads labelled with doc or with one of its
// sentences.
func (s *Store) documentQuads(ctx context.Context, doc quad.IRI) ([]quad.Quad, error) {
	labels := []quad.Value{doc}
	parts, err := s.quadsWith(ctx, quad.Object, doc)
	if err != nil {
		return nil, err
	}
	for _, q := range parts {
		if q.Predicate == quad.IRI(SchemaIsPartOf) && q.Label == doc {
			labels = append(labels, q.Subject)
		}
	}
	var out []quad.Quad
	for _, l := range labels {
		qs, err := s.quadsWith(ctx, quad.Label, l)
		if err != nil {
			return nil, err
		}
		out = append(out, qs...)
	}
	return out, nil
}

// quadsWith lists the quads having v in direction d.
func (s *Store) quadsWith(ctx context.Context, d quad.Direction, v quad.Value) ([]quad.Quad, error) {
	var out []quad.Quad
	err := s.eachQuad(ctx, d, v, func(q quad.Quad) error {
		out = append(out, q)
		return nil
	})
	return out, err
}

// eachQuad calls fn for every quad having v in direction d.
func (s *Store) eachQuad(ctx context.Context, d quad.Direction, v quad.Value, fn func(quad.Quad) error) error {
	ref, err := s.qs.ValueOf(v)
	if err != nil {
		return fmt.Errorf("look up %v: %w", v, err)
	}
	if ref == nil {
		return nil
	}
	return s.eachOf(ctx, s.qs.QuadIterator(d, ref), v, fn)
}

// eachOf calls fn for every quad of the iterator shape (the quads of v).
func (s *Store) eachOf(ctx context.Context, shape iterator.Shape, v any, fn func(quad.Quad) error) error {
	it := shape.Iterate()
	defer it.Close()
	for it.Next(ctx) {
		q, err := s.qs.Quad(it.Result())
		if err != nil {
			return fmt.Errorf("read quad: %w", err)
		}
		if err := fn(q); err != nil {
			return err
		}
	}
	if err := it.Err(); err != nil {
		return fmt.Errorf("iterate quads of %v: %w", v, err)
	}
	return ctx.Err()
}

// eachQuadWith calls fn for each quad with value v in direction d and
// predicate pred. On the kv backends it scans the index prefix (v, pred)
// and reads only those quads; a value with many quads of other predicates
// (an entity named in thousands of facts) costs nothing extra. Elsewhere it
// is eachQuad filtered by predicate.
func (s *Store) eachQuadWith(ctx context.Context, d quad.Direction, v quad.Value, pred quad.IRI, fn func(quad.Quad) error) error {
	filtered := func() error {
		return s.eachQuad(ctx, d, v, func(q quad.Quad) error {
			if q.Predicate != pred {
				return nil
			}
			return fn(q)
		})
	}
	kqs, isKV := s.qs.(*kv.QuadStore)
	if !isKV {
		return filtered()
	}
	refs := make([]cgraph.Ref, 2)
	for i, val := range []quad.Value{v, pred} {
		ref, err := s.qs.ValueOf(val)
		if err != nil {
			return fmt.Errorf("look up %v: %w", val, err)
		}
		if ref == nil {
			return nil
		}
		refs[i] = ref
	}
	shape, ok := kqs.QuadsWith([]quad.Direction{d, quad.Predicate}, refs)
	if !ok {
		return filtered()
	}
	return s.eachOf(ctx, shape, v, fn)
}

// values lists the objects of quads (subject, pred, ?, label); a nil label
// matches any.
func (s *Store) values(ctx context.Context, subject quad.Value, pred string, label quad.Value) ([]quad.Value, error) {
	var out []quad.Value
	err := s.eachQuad(ctx, quad.Subject, subject, func(q quad.Quad) error {
		if q.Predicate == quad.IRI(pred) && (label == nil || q.Label == label) {
			out = append(out, q.Object)
		}
		return nil
	})
	return out, err
}

// resolveDoc finds a document's IRI by source, full IRI, the path of the
// file it was read from (ng:path), or a prefix of its hex id (at least 8
// digits, as in fact IDs).
func (s *Store) resolveDoc(ctx context.Context, sourceOrIRI string) (quad.IRI, error) {
	key := strings.TrimSpace(sourceOrIRI)
	if key == "" {
		return "", fmt.Errorf("empty document name: %w", ErrNotFound)
	}
	try := []quad.IRI{DocIRI(key)}
	if strings.HasPrefix(key, DocNS) {
		try = append([]quad.IRI{quad.IRI(strings.Trim(key, "<>"))}, try...)
	} else if strings.HasPrefix(key, "<"+DocNS) {
		try = append([]quad.IRI{quad.IRI(strings.Trim(key, "<>"))}, try...)
	}
	for _, doc := range try {
		ok, err := s.isDocument(ctx, doc)
		if err != nil {
			return "", err
		}
		if ok {
			return doc, nil
		}
	}
	// A file stored under a URL (ng:path): one look-up in the object index.
	byPath, err := s.docsByPath(ctx, key)
	if err != nil {
		return "", err
	}
	switch len(byPath) {
	case 0:
	case 1:
		return byPath[0], nil
	default:
		return "", fmt.Errorf("document %q: ambiguous path (%d documents were read from it: name one by its URL or id; see query docs)", key, len(byPath))
	}
	if len(key) >= DocPrefixLen && isHex(key) {
		docs, err := s.documentIRIs(ctx)
		if err != nil {
			return "", err
		}
		var found []quad.IRI
		for _, d := range docs {
			if strings.HasPrefix(string(d), DocNS+strings.ToLower(key)) {
				found = append(found, d)
			}
		}
		if len(found) == 1 {
			return found[0], nil
		}
		if len(found) > 1 {
			return "", fmt.Errorf("document %q: ambiguous id prefix (%d documents)", key, len(found))
		}
	}
	return "", fmt.Errorf("document %q: %w", key, ErrNotFound)
}

// docsByPath lists the documents read from the file at path while stored
// under another source (ng:path), sorted.
func (s *Store) docsByPath(ctx context.Context, path string) ([]quad.IRI, error) {
	var out []quad.IRI
	err := s.eachQuad(ctx, quad.Object, lit(path), func(q quad.Quad) error {
		if doc, ok := q.Subject.(quad.IRI); ok && q.Predicate == quad.IRI(NGPath) && q.Label == doc && !slices.Contains(out, doc) {
			out = append(out, doc)
		}
		return nil
	})
	slices.Sort(out)
	return out, err
}

func isHex(s string) bool {
	for _, r := range strings.ToLower(s) {
		if !strings.ContainsRune("0123456789abcdef", r) {
			return false
		}
	}
	return true
}

func (s *Store) isDocument(ctx context.Context, doc quad.IRI) (bool, error) {
	types, err := s.values(ctx, doc, RDFType, doc)
	if err != nil {
		return false, err
	}
	for _, t := range types {
		if t == quad.IRI(SchemaNewsArticle) {
			return true, nil
		}
	}
	return false, nil
}

// documentIRIs lists the IRIs of all documents.
func (s *Store) documentIRIs(ctx context.Context) ([]quad.IRI, error) {
	var out []quad.IRI
	err := s.eachQuad(ctx, quad.Object, quad.IRI(SchemaNewsArticle), func(q quad.Quad) error {
		if iri, ok := q.Subject.(quad.IRI); ok && q.Predicate == quad.IRI(RDFType) {
			out = append(out, iri)
		}
		return nil
	})
	return out, err
}
