package queries

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/query/path"
	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/graph"
)

// Sentence is one stored sentence of a document.
type Sentence struct {
	IRI   string `json:"iri"`
	Index int    `json:"index"`
	Start int    `json:"start"` // byte offsets into the article's clean text
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// DocDetail is everything the document page shows.
type DocDetail struct {
	Doc
	Sentences []Sentence `json:"sentences"` // in order: the article's text
	Entities  []Entity   `json:"entities"`  // the entities it mentions, most mentioned (in the store) first
	Facts     []Fact     `json:"facts"`     // the window's facts, in reading order
	Window    Window     `json:"window"`
}

// DocIRI turns a document IRI (full or short), its 16-hex-digit id or its
// source (path or URL) into the document IRI.
func DocIRI(id string) string {
	id = strings.TrimSpace(id)
	full := parseIRIArg(id)
	if strings.HasPrefix(full, graph.DocNS) {
		return full
	}
	if len(id) == 16 && isHex(id) {
		return graph.DocNS + strings.ToLower(id)
	}
	return string(graph.DocIRI(id))
}

// DocID is the id part of a document IRI (what DocIRI takes back).
func DocID(iri string) string { return strings.TrimPrefix(iri, graph.DocNS) }

func isHex(s string) bool {
	for _, r := range strings.ToLower(s) {
		if !strings.ContainsRune("0123456789abcdef", r) {
			return false
		}
	}
	return true
}

// DefaultSentenceWindow is how many sentences a document page reads.
const DefaultSentenceWindow = 150

// DescribeDocument reads one document (see DocIRI for what id may be) with
// its entities and the window w of its sentences (Offset, Limit are
// sentence indexes; DefaultSentenceWindow when Limit <= 0) with their
// facts: a long article is read a part at a time. A non-nil ix gives the
// entities' names and counts instead of the store.
func DescribeDocument(ctx context.Context, qs cgraph.QuadStore, id string, w Window, ix *SearchIndex) (DocDetail, error) {
	iri := DocIRI(id)
	r := newReader(qs)
	r.ix = ix
	d, err := r.doc(ctx, iri)
	if err != nil {
		return DocDetail{}, err
	}
	if d.Source == "" && d.Headline == "" {
		return DocDetail{}, fmt.Errorf("no document %q", id)
	}
	if w.Limit <= 0 {
		w.Limit = DefaultSentenceWindow
	}
	w.Offset = max(w.Offset, 0)
	w.Total = d.Sentences
	out := DocDetail{Doc: d}
	lo, hi := min(w.Offset, d.Sentences), min(w.Offset+w.Limit, d.Sentences)
	w.Count = hi - lo
	out.Window = w
	if out.Sentences, err = sentenceRange(ctx, r, iri, lo, hi); err != nil {
		return out, err
	}
	ns, err := nodes(ctx, qs, path.StartPath(qs, quad.IRI(iri)).Out(quad.IRI(graph.SchemaMentions)))
	if err != nil {
		return out, err
	}
	if ix != nil {
		for _, n := range ns {
			if e, ok := ix.Entity(str(n)); ok {
				out.Entities = append(out.Entities, e)
			}
		}
		sort.SliceStable(out.Entities, func(i, j int) bool { return out.Entities[i].Mentions > out.Entities[j].Mentions })
	} else if out.Entities, err = readEntities(ctx, qs, ns); err != nil {
		return out, err
	}
	if out.Entities == nil {
		out.Entities = []Entity{}
	}
	out.Facts = []Fact{}
	for _, s := range out.Sentences {
		stmts, err := subjectsOf(ctx, qs, quad.IRI(s.IRI), graph.ProvDerivedFrom)
		if err != nil {
			return out, err
		}
		for _, st := range stmts {
			f, err := r.fact(ctx, st)
			if err != nil {
				return out, err
			}
			out.Facts = append(out.Facts, f)
		}
	}
	sortFacts(out.Facts)
	return out, nil
}

// subjectsOf lists the subjects of the quads (?, pred, obj), sorted,
// walking obj's object index (a path query from many start nodes can walk
// every quad of pred instead).
func subjectsOf(ctx context.Context, qs cgraph.QuadStore, obj quad.Value, pred string) ([]string, error) {
	ref, err := qs.ValueOf(obj)
	if err != nil || ref == nil {
		return nil, err
	}
	it := qs.QuadIterator(quad.Object, ref).Iterate()
	defer it.Close()
	var out []string
	for it.Next(ctx) {
		q, err := qs.Quad(it.Result())
		if err != nil {
			return nil, err
		}
		if str(q.Predicate) == pred {
			out = append(out, str(q.Subject))
		}
	}
	if err := it.Err(); err != nil {
		return nil, err
	}
	sort.Strings(out)
	return out, ctx.Err()
}

// sentenceRange reads sentences lo..hi-1 of a document by their IRIs.
func sentenceRange(ctx context.Context, r *reader, doc string, lo, hi int) ([]Sentence, error) {
	out := make([]Sentence, 0, max(hi-lo, 0))
	for i := lo; i < hi; i++ {
		iri := string(graph.SentenceIRI(quad.IRI(doc), i))
		s, err := r.sentence(ctx, iri)
		if err != nil {
			return nil, err
		}
		if s.Text == "" {
			continue
		}
		out = append(out, Sentence{IRI: iri, Index: i, Start: s.Start, End: s.End, Text: s.Text})
	}
	return out, nil
}

// Span is a byte range [Start, End) of a sentence's text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Marks are where a fact's parts are in its sentence; a nil part was not
// found.
type Marks struct {
	Subject  *Span `json:"subject,omitempty"`
	Relation *Span `json:"relation,omitempty"`
	Object   *Span `json:"object,omitempty"`
}

// SourceView is a fact with the document it comes from, the sentences
// around the fact's (SourceContext either side) and where the fact's
// subject, relation and object are in its sentence.
type SourceView struct {
	Provenance
	Sentences []Sentence `json:"sentences"`
	More      bool       `json:"more"` // the document has sentences beyond these
	Marks     Marks      `json:"marks"`
}

// SourceContext is how many sentences FactSource gives either side of the
// fact's.
const SourceContext = 15

// FactSource is Source with the document's text and the marks of the
// fact's parts: the stored character offsets (ng:spans) when the store has
// them, otherwise the parts' words found in the sentence.
func FactSource(ctx context.Context, qs cgraph.QuadStore, id string) (SourceView, error) {
	pv, err := Source(ctx, qs, id)
	if err != nil {
		return SourceView{}, err
	}
	v := SourceView{Provenance: pv, Sentences: []Sentence{}}
	r := newReader(qs)
	if pv.Fact.Doc != "" {
		i := pv.Fact.SentenceIndex
		lo, hi := max(i-SourceContext, 0), i+SourceContext+1
		if pv.Doc.Sentences >= 0 {
			hi = min(hi, pv.Doc.Sentences)
		}
		if v.Sentences, err = sentenceRange(ctx, r, pv.Fact.Doc, lo, hi); err != nil {
			return v, err
		}
		v.More = lo > 0 || hi < pv.Doc.Sentences
	}
	m, err := readNode(ctx, qs, quad.IRI(pv.Fact.Statement))
	if err != nil {
		return v, err
	}
	text := pv.Fact.Text
	if sp, ok := storedSpans(m.first(graph.NGSpans), pv.Fact.Start, len(text)); ok {
		v.Marks = sp
		return v, nil
	}
	subj := m.first(graph.NGSubjectText)
	if subj == "" {
		subj = pv.Fact.SubjectLabel
	}
	obj := m.first(graph.NGObjectText)
	if obj == "" {
		obj = pv.Fact.ObjectLabel
	}
	v.Marks.Subject = find(text, subj, 0)
	from := 0
	if v.Marks.Subject != nil {
		from = v.Marks.Subject.End
	}
	rel := pv.Fact.RelationText
	if rel == "" {
		rel = strings.ReplaceAll(pv.Fact.Relation, "_", " ")
	}
	if v.Marks.Relation = find(text, rel, from); v.Marks.Relation == nil {
		// The relation's words need not be contiguous ("has not yet
		// commented"): mark its last word, the verb or its particle.
		ws := strings.Fields(rel)
		if len(ws) > 0 {
			v.Marks.Relation = findWord(text, ws[len(ws)-1], from)
		}
	}
	if v.Marks.Relation != nil {
		from = v.Marks.Relation.End
	}
	if v.Marks.Object = find(text, obj, from); v.Marks.Object == nil {
		v.Marks.Object = find(text, obj, 0)
	}
	return v, nil
}

// storedSpans parses ng:spans ("SS SE RS RE OS OE", byte offsets into the
// article's text, -1 for a part without one) into marks relative to a
// sentence starting at start with n bytes.
func storedSpans(s string, start, n int) (Marks, bool) {
	f := strings.Fields(s)
	if len(f) != 6 {
		return Marks{}, false
	}
	var v [6]int
	for i, x := range f {
		k, err := strconv.Atoi(x)
		if err != nil {
			return Marks{}, false
		}
		v[i] = k
	}
	span := func(a, b int) *Span {
		a, b = a-start, b-start
		if a < 0 || b > n || a >= b {
			return nil
		}
		return &Span{a, b}
	}
	return Marks{Subject: span(v[0], v[1]), Relation: span(v[2], v[3]), Object: span(v[4], v[5])}, true
}

// find is the first occurrence of part in text at or after from, compared
// case-insensitively, or nil.
func find(text, part string, from int) *Span {
	part = strings.TrimSpace(part)
	if part == "" || from > len(text) {
		return nil
	}
	i := strings.Index(strings.ToLower(text[from:]), strings.ToLower(part))
	if i < 0 || len(strings.ToLower(text[from:])) != len(text[from:]) {
		// ToLower changed byte lengths: fall back to an exact search.
		if i = strings.Index(text[from:], part); i < 0 {
			return nil
		}
	}
	return &Span{from + i, from + i + len(part)}
}

// findWord is find for a whole word.
func findWord(text, w string, from int) *Span {
	for from <= len(text) {
		s := find(text, w, from)
		if s == nil {
			return nil
		}
		if (s.Start == 0 || !isWordByte(text[s.Start-1])) && (s.End == len(text) || !isWordByte(text[s.End])) {
			return s
		}
		from = s.Start + 1
	}
	return nil
}

func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c >= 0x80
}
