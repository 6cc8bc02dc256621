package graph

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
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
	if s.readOnly {
		return WriteResult{}, ErrReadOnly
	}
	if a != nil && a.Hash == "" {
		c := *a
		c.Hash = ContentHash(a.Text)
		a = &c
	}
	qs, err := Quads(a)
	if err != nil {
		return WriteResult{}, err
	}
	if err := ctx.Err(); err != nil {
		return WriteResult{}, err
	}
	doc := DocIRI(a.Source)
	res := WriteResult{Doc: doc, Status: Added, Quads: len(qs)}

	s.mu.Lock()
	defer s.mu.Unlock()
	old, err := s.values(ctx, doc, NGContentHash, doc)
	if err != nil {
		return res, fmt.Errorf("%s: %w", a.Source, err)
	}
	oldPipeline, err := s.values(ctx, doc, NGPipeline, doc)
	if err != nil {
		return res, fmt.Errorf("%s: %w", a.Source, err)
	}
	samePipeline := a.Pipeline == "" || (len(oldPipeline) > 0 && Lexical(oldPipeline[0]) == a.Pipeline)
	var oldQuads []quad.Quad
	if len(old) > 0 {
		if Lexical(old[0]) == a.Hash && samePipeline {
			res.Status = Unchanged
			return res, nil
		}
		res.Status = Replaced
		if oldQuads, err = s.documentQuads(ctx, doc); err != nil {
			return res, fmt.Errorf("%s: %w", a.Source, err)
		}
	}
	if qs, err = s.applyIdentity(ctx, doc, a, qs); err != nil { // identity.go: store-wide identity and corrections
		return res, fmt.Errorf("%s: %w", a.Source, err)
	}
	res.Quads = len(qs)
	// Compare by N-Quads text: a backend may hand back an equal value as
	// another Go type.
	keep := make(map[string]bool, len(qs))
	for _, q := range qs {
		keep[q.NQuad()] = true
	}
	deltas := make([]cgraph.Delta, 0, len(qs)+len(oldQuads))
	for _, q := range oldQuads {
		if k := q.NQuad(); keep[k] {
			delete(keep, k) // already there: neither removed nor added
			continue
		}
		deltas = append(deltas, cgraph.Delta{Quad: q, Action: cgraph.Delete})
		res.Removed++
	}
	for _, q := range qs {
		if keep[q.NQuad()] {
			deltas = append(deltas, cgraph.Delta{Quad: q, Action: cgraph.Add})
			res.Added++
		}
	}
	if len(deltas) == 0 {
		return res, nil
	}
	ignore := cgraph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true}
	if err := s.qs.ApplyDeltas(deltas, ignore); err != nil {
		return res, fmt.Errorf("%s: write %d quads (remove %d): %w", a.Source, res.Added, res.Removed, err)
	}
	return res, nil
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
	if err := s.qs.ApplyDeltas(deltas, cgraph.IgnoreOpts{IgnoreMissing: true}); err != nil {
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
	it := s.qs.QuadIterator(d, ref).Iterate()
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

// resolveDoc finds a document's IRI by source, full IRI, or a prefix of its
// hex id (at least 8 digits, as in fact IDs).
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
