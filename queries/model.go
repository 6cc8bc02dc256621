package queries

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/query/path"
	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/graph"
)

// Entity is an entity node with what the entities query shows.
type Entity struct {
	IRI      string   `json:"iri"`
	Label    string   `json:"label"`
	Type     string   `json:"type"` // schema.org class name: Person, Organization, …
	Aliases  []string `json:"aliases,omitempty"`
	Mentions int      `json:"mentions"` // summed over documents
	Docs     int      `json:"docs"`     // documents that mention it
}

// Fact is one statement node with its sentence and document.
type Fact struct {
	ID               string  `json:"id"`
	Statement        string  `json:"statement"`
	Subject          string  `json:"subject,omitempty"` // entity IRI; "" for a literal
	SubjectLabel     string  `json:"subject_label"`
	Relation         string  `json:"relation"` // lemma: "hand_over"
	RelationText     string  `json:"relation_text,omitempty"`
	Object           string  `json:"object,omitempty"` // entity IRI; "" for a literal or none
	ObjectLabel      string  `json:"object_label,omitempty"`
	Time             string  `json:"time,omitempty"`
	Date             string  `json:"date,omitempty"`
	Place            string  `json:"place,omitempty"`
	Negated          bool    `json:"negated"`
	Modality         string  `json:"modality,omitempty"`
	Condition        string  `json:"condition,omitempty"`
	Attribution      string  `json:"attribution,omitempty"` // speaker IRI
	AttributionLabel string  `json:"attribution_label,omitempty"`
	Quote            string  `json:"quote,omitempty"`
	Confidence       float64 `json:"confidence"`
	Args             []Arg   `json:"args,omitempty"` // extra arguments (ng:arg_PREP)
	Sentence         string  `json:"sentence"`
	SentenceIndex    int     `json:"sentence_index"`
	Text             string  `json:"text"`
	Start            int     `json:"start"`
	End              int     `json:"end"`
	Doc              string  `json:"doc"`
	Published        string  `json:"published,omitempty"`
}

// Arg is an extra argument of a fact: "to" Pyongyang.
type Arg struct {
	Prep   string `json:"prep,omitempty"`   // "" for ng:arg
	Entity string `json:"entity,omitempty"` // entity IRI; "" for a literal
	Text   string `json:"text"`             // label or literal
}

// Doc is a document node with its counts.
type Doc struct {
	IRI       string `json:"iri"`
	Source    string `json:"source"`
	Headline  string `json:"headline"`
	Published string `json:"published,omitempty"`
	Publisher string `json:"publisher,omitempty"`
	Author    string `json:"author,omitempty"`
	Sentences int    `json:"sentences"`
	Facts     int    `json:"facts"`
	Entities  int    `json:"entities"`
}

type sentence struct {
	Text              string
	Index, Start, End int
	Doc               string
}

// reader reads nodes through the path API and caches what several facts
// share: entity labels, sentences, documents.
type reader struct {
	qs     cgraph.QuadStore
	labels map[string]string
	sents  map[string]sentence
	docs   map[string]Doc
	ix     *SearchIndex // when not nil, documents are looked up here first
}

func newReader(qs cgraph.QuadStore) *reader {
	return &reader{qs: qs, labels: map[string]string{}, sents: map[string]sentence{}, docs: map[string]Doc{}}
}

// label is the rdfs:label of an entity, or its short IRI.
func (r *reader) label(ctx context.Context, iri string) (string, error) {
	if l, ok := r.labels[iri]; ok {
		return l, nil
	}
	vs, err := nodes(ctx, r.qs, path.StartPath(r.qs, quad.IRI(iri)).Out(quad.IRI(graph.RDFSLabel)))
	if err != nil {
		return "", err
	}
	l := short(iri)
	if len(vs) > 0 {
		l = str(vs[0])
	}
	r.labels[iri] = l
	return l, nil
}

func (r *reader) sentence(ctx context.Context, iri string) (sentence, error) {
	if s, ok := r.sents[iri]; ok {
		return s, nil
	}
	m, err := readNode(ctx, r.qs, quad.IRI(iri))
	if err != nil {
		return sentence{}, err
	}
	s := sentence{
		Text:  m.first(graph.SchemaText),
		Index: atoi(m.first(graph.NGIndex)),
		Start: atoi(m.first(graph.NGStart)),
		End:   atoi(m.first(graph.NGEnd)),
		Doc:   m.first(graph.SchemaIsPartOf),
	}
	r.sents[iri] = s
	return s, nil
}

func (r *reader) doc(ctx context.Context, iri string) (Doc, error) {
	if d, ok := r.docs[iri]; ok {
		return d, nil
	}
	if d, ok := r.ix.Doc(iri); ok {
		return d, nil
	}
	m, err := readNode(ctx, r.qs, quad.IRI(iri))
	if err != nil {
		return Doc{}, err
	}
	d := Doc{
		IRI:       iri,
		Source:    m.first(graph.NGSource),
		Headline:  m.first(graph.SchemaHeadline),
		Published: m.first(graph.SchemaDatePublished),
		Publisher: m.first(graph.SchemaPublisher),
		Author:    m.first(graph.SchemaAuthor),
		Entities:  len(m.all(graph.SchemaMentions)),
		Sentences: -1,
		Facts:     -1,
	}
	if n := m.first(graph.NGSentenceCount); n != "" {
		d.Sentences = atoi(n)
	}
	if n := m.first(graph.NGFactCount); n != "" {
		d.Facts = atoi(n)
	}
	if d.Sentences < 0 || d.Facts < 0 {
		// A store written before the counts were: count.
		sents := path.StartPath(r.qs, quad.IRI(iri)).In(quad.IRI(graph.SchemaIsPartOf))
		ss, err := nodes(ctx, r.qs, sents)
		if err != nil {
			return Doc{}, err
		}
		fs, err := nodes(ctx, r.qs, sents.In(quad.IRI(graph.ProvDerivedFrom)))
		if err != nil {
			return Doc{}, err
		}
		d.Sentences, d.Facts = len(ss), len(fs)
	}
	if d.Source == "" {
		d.Source = m.first(graph.SchemaURL)
	}
	r.docs[iri] = d
	return d, nil
}

// term turns a statement argument into (entity IRI, display text).
func (r *reader) term(ctx context.Context, es []edge, text, unit string) (string, string, error) {
	if len(es) == 0 {
		return "", text, nil
	}
	if iri, ok := es[0].Obj.(quad.IRI); ok && isEntityIRI(string(iri.Full())) {
		if text != "" && strings.HasPrefix(string(iri.Full()), graph.ConceptNS) {
			return string(iri.Full()), text, nil // a concept reads as written ("two North Korean soldiers")
		}
		l, err := r.label(ctx, string(iri.Full()))
		return string(iri.Full()), l, err
	}
	if text != "" {
		return "", text, nil
	}
	v := str(es[0].Obj)
	if unit != "" {
		v += " " + unit
	}
	return "", v, nil
}

// fact reads one statement node.
func (r *reader) fact(ctx context.Context, stmt string) (Fact, error) {
	m, err := readNode(ctx, r.qs, quad.IRI(stmt))
	if err != nil {
		return Fact{}, err
	}
	f := Fact{
		ID:           m.first(graph.NGFactID),
		Statement:    stmt,
		Relation:     relName(m.first(graph.RDFPredicate)),
		RelationText: m.first(graph.NGRelationText),
		Time:         m.first(graph.NGTime),
		Date:         m.first(graph.NGDate),
		Negated:      m.first(graph.NGNegated) == "true" || m.first(graph.NGNegated) == "1",
		Modality:     m.first(graph.NGModality),
		Condition:    m.first(graph.NGCondition),
		Quote:        m.first(graph.NGQuote),
		Confidence:   atof(m.first(graph.NGConfidence)),
		Sentence:     m.first(graph.ProvDerivedFrom),
	}
	if f.Subject, f.SubjectLabel, err = r.term(ctx, m[graph.RDFSubject], m.first(graph.NGSubjectText), ""); err != nil {
		return f, err
	}
	if f.Object, f.ObjectLabel, err = r.term(ctx, m[graph.RDFObject], m.first(graph.NGObjectText), m.first(graph.NGUnit)); err != nil {
		return f, err
	}
	if _, f.Place, err = r.term(ctx, m[graph.NGPlace], "", ""); err != nil {
		return f, err
	}
	for pred, es := range m {
		prep, ok := strings.CutPrefix(pred, graph.NGArgPrefix)
		if !ok {
			if pred != graph.NGArg {
				continue
			}
			prep = "" // CutPrefix left the whole IRI
		}
		for _, e := range es {
			a := Arg{Prep: prep}
			if a.Entity, a.Text, err = r.term(ctx, []edge{e}, "", ""); err != nil {
				return f, err
			}
			f.Args = append(f.Args, a)
		}
	}
	sort.Slice(f.Args, func(i, j int) bool {
		if f.Args[i].Prep != f.Args[j].Prep {
			return f.Args[i].Prep < f.Args[j].Prep
		}
		return f.Args[i].Text < f.Args[j].Text
	})
	if a := m.first(graph.ProvAttributedTo); a != "" {
		f.Attribution = a
		if f.AttributionLabel, err = r.label(ctx, a); err != nil {
			return f, err
		}
	}
	if f.Sentence != "" {
		s, err := r.sentence(ctx, f.Sentence)
		if err != nil {
			return f, err
		}
		f.Text, f.SentenceIndex, f.Start, f.End, f.Doc = s.Text, s.Index, s.Start, s.End, s.Doc
	}
	if f.Doc != "" {
		d, err := r.doc(ctx, f.Doc)
		if err != nil {
			return f, err
		}
		f.Published = d.Published
	}
	return f, nil
}

// facts reads the statement nodes a path ends at, sorted in reading order:
// by document date and source, then sentence, then statement IRI. The path
// must end at statements only (e.g. through In(rdf:subject)): a further
// Has(rdf:type, rdf:Statement) would make Cayley walk every statement.
func (r *reader) facts(ctx context.Context, p *path.Path) ([]Fact, error) {
	stmts, err := nodes(ctx, r.qs, p)
	if err != nil {
		return nil, err
	}
	out := make([]Fact, 0, len(stmts))
	for _, s := range stmts {
		iri, ok := s.(quad.IRI)
		if !ok {
			continue
		}
		f, err := r.fact(ctx, string(iri.Full()))
		if err != nil {
			return nil, err
		}
		if f.ID == "" {
			continue // a link statement (ng:Link), not a fact: it has no fact ID
		}
		out = append(out, f)
	}
	sortFacts(out)
	return out, nil
}

func sortFacts(fs []Fact) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Published != b.Published {
			return a.Published < b.Published
		}
		if a.Doc != b.Doc {
			return a.Doc < b.Doc
		}
		if a.SentenceIndex != b.SentenceIndex {
			return a.SentenceIndex < b.SentenceIndex
		}
		return a.Statement < b.Statement
	})
}

// statements is the path of every statement node.
func statements(qs cgraph.QuadStore) *path.Path {
	return path.StartPath(qs).Has(quad.IRI(graph.RDFType), quad.IRI(graph.RDFStatement))
}

// documents is the path of every document node.
func documents(qs cgraph.QuadStore) *path.Path {
	return path.StartPath(qs).Has(quad.IRI(graph.RDFType), quad.IRI(graph.SchemaNewsArticle))
}

// loadEntities reads every entity node: what documents schema:mention.
// (Following the index from the documents is far faster on kv backends
// than asking for every node with an rdfs:label.)
func loadEntities(ctx context.Context, qs cgraph.QuadStore) ([]Entity, error) {
	ns, err := nodes(ctx, qs, documents(qs).Out(quad.IRI(graph.SchemaMentions)))
	if err != nil {
		return nil, err
	}
	return readEntities(ctx, qs, ns)
}

// readEntities reads the entity nodes among ns, most mentioned first.
func readEntities(ctx context.Context, qs cgraph.QuadStore, ns []quad.Value) ([]Entity, error) {
	var out []Entity
	for _, n := range ns {
		iri, ok := n.(quad.IRI)
		if !ok || !isEntityIRI(string(iri.Full())) {
			continue
		}
		m, err := readNode(ctx, qs, iri)
		if err != nil {
			return nil, err
		}
		if slices.Contains(m.all(graph.RDFType), graph.SKOSConcept) {
			continue // a concept, not an entity
		}
		e := Entity{
			IRI:      string(iri.Full()),
			Label:    m.first(graph.RDFSLabel),
			Type:     entityType(m.all(graph.RDFType)),
			Aliases:  m.all(graph.SKOSAltLabel),
			Mentions: m.sumPerLabel(graph.NGMentions),
		}
		docs := map[string]bool{}
		for _, ed := range m[graph.NGMentions] {
			docs[str(ed.Label)] = true
		}
		e.Docs = len(docs)
		out = append(out, e)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Mentions != out[j].Mentions {
			return out[i].Mentions > out[j].Mentions
		}
		if out[i].Label != out[j].Label {
			return out[i].Label < out[j].Label
		}
		return out[i].IRI < out[j].IRI
	})
	return out, nil
}

// entityType picks the most specific of an entity's rdf:types.
func entityType(types []string) string {
	best := ""
	for _, t := range types {
		n := localName(t)
		if best == "" || best == "Thing" || (n != "Thing" && best == "Place" && (n == "Country" || n == "City")) {
			best = n
		}
	}
	return best
}

// loadDocs reads every document node with its counts.
func loadDocs(ctx context.Context, qs cgraph.QuadStore) ([]Doc, error) {
	ns, err := nodes(ctx, qs, documents(qs))
	if err != nil {
		return nil, err
	}
	r := newReader(qs)
	var out []Doc
	for _, n := range ns {
		iri, ok := n.(quad.IRI)
		if !ok {
			continue
		}
		d, err := r.doc(ctx, string(iri.Full()))
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Published != out[j].Published {
			return out[i].Published < out[j].Published
		}
		return out[i].Source < out[j].Source
	})
	return out, nil
}

// parseFactID turns a fact ID ("1f3a9c2e.12.3", graph.FactID) into a check
// of its form; a statement IRI (full or short, with or without <>) is
// accepted too and returned as its full IRI with ok false.
func parseFactID(id string) (iri string, isFactID bool, err error) {
	id = strings.TrimSpace(id)
	if id == "" {
		return "", false, fmt.Errorf("empty fact ID")
	}
	if _, _, _, err := graph.ParseFactID(id); err == nil {
		return "", true, nil
	}
	s := strings.TrimSuffix(strings.TrimPrefix(id, "<"), ">")
	full := string(quad.IRI(s).Full())
	if strings.HasPrefix(full, graph.DocNS) {
		return full, false, nil
	}
	_, _, _, err = graph.ParseFactID(id)
	return "", false, err
}
