package graph

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// Identity across articles.
//
// An article's entities get the IRIs the loaders give them (EntityIRI of
// their keys): the article's "original" entities. Store-wide identity —
// which originals are one real-world entity — is decided afterwards, by
// `newsgraph resolve` (a Resolver's groups) and by the user's corrections
// (`merge`, `split`), and is kept in two named graphs:
//
//	IdentityGraph     E ng:resolvedTo C          (E is now C in every document)
//	                  K ng:original E; ng:canonical C  (the same, on a key node
//	                                              of its own for the writer's look-up)
//	                  C rdfs:label "name"        (the label of a joined entity)
//	                  O rdf:type ng:DocumentSplit; ng:document DOC;
//	                    ng:original E; ng:canonical C   (E is C in DOC only)
//	CorrectionsGraph  X rdf:type ng:Merge; ng:keep A; ng:merged B
//	                  X rdf:type ng:SplitAlias; ng:entity A; ng:alias "name"
//	                  X rdf:type ng:SplitDocument; ng:entity A; ng:document DOC;
//	                    ng:newEntity C
//	                  X prov:wasAttributedTo AGENT (rdfs:label "who");
//	                    prov:generatedAtTime (xsd:dateTime); ng:sequence n;
//	                    rdfs:comment "why" (when given)
//
// A document's quads are written with its entities already rewritten to
// their canonical IRIs (the writer's hook, Store.applyIdentity, called by
// WriteArticle), so a correction survives re-ingest. Each rewritten entity
// leaves a record in the document's own graph, so the document's original
// quads can always be recovered and identity recomputed from scratch:
//
//	DOC/identity/H rdf:type ng:Resolution; ng:original E; ng:canonical C;
//	               ng:originalLabel "name as the article had it"   (labelled DOC)
//	DOC ng:identityRecord DOC/identity/H   (so records are found from DOC)
//
// and in the document E's rdfs:label becomes a skos:altLabel of C.
// Reidentify recomputes the whole map from the originals of every
// document, so its result does not depend on the order the documents were
// written in, nor on earlier runs.
const (
	IdentityGraph    = Base + "graph/identity"
	CorrectionsGraph = Base + "graph/corrections"

	NGResolvedTo     = NS + "resolvedTo"
	NGResolution     = NS + "Resolution"
	NGDocumentSplit  = NS + "DocumentSplit"
	NGOriginal       = NS + "original"
	NGCanonical      = NS + "canonical"
	NGOriginalLabel  = NS + "originalLabel"
	NGIdentityRecord = NS + "identityRecord"
	NGMerge          = NS + "Merge"
	NGSplitAlias     = NS + "SplitAlias"
	NGSplitDocument  = NS + "SplitDocument"
	NGKeep           = NS + "keep"
	NGMerged         = NS + "merged"
	NGEntity         = NS + "entity"
	NGAlias          = NS + "alias"
	NGDocument       = NS + "document"
	NGNewEntity      = NS + "newEntity"
	NGSequence       = NS + "sequence"
	NGAutoResolve    = NS + "autoResolve"
	ProvGeneratedAt  = PROVNS + "generatedAtTime"
	RDFSComment      = "http://www.w3.org/2000/01/rdf-schema#comment"
	XSDDateTime      = "http://www.w3.org/2001/XMLSchema#dateTime"
	AgentNS          = Base + "agent/"
	CorrectionNS     = Base + "correction/"
	identitySegment  = "/identity/"
	docSplitSegment  = "split/"
)

// OriginalEntity is an entity as the articles wrote it, before store-wide
// identity: what a Resolver groups.
type OriginalEntity struct {
	IRI      quad.IRI
	Labels   []string   // its rdfs:labels (one per spelling the articles used), sorted
	Aliases  []string   // its skos:altLabels, sorted
	Types    []string   // schema.org class names (Person, City, …), sorted
	Docs     []quad.IRI // documents that mention it, sorted
	Mentions int        // summed over documents
	SameAs   []string   // owl:sameAs IRIs (Wikidata, DBpedia), sorted
}

// Resolver decides store-wide identity: it returns groups of original
// entities that are one entity, each with the IRI to keep first. Every
// IRI may appear in one group at most. Reidentify keeps two entities of
// the same document apart (the article's own resolution decided they
// differ), dropping a later member that shares a document with an earlier
// one.
type Resolver func(ents []OriginalEntity) [][]quad.IRI

// Correction is a user's identity correction.
type Correction struct {
	IRI     quad.IRI
	Kind    string   // NGMerge, NGSplitAlias or NGSplitDocument
	Entity  quad.IRI // kept entity (merge) or the entity split
	Other   quad.IRI // merged entity (merge), new entity (document split)
	Alias   string   // split alias
	Doc     quad.IRI // split document
	By      string
	At      time.Time
	Comment string
	Seq     int
}

// IdentityResult says what Reidentify did.
type IdentityResult struct {
	Originals int // original entities in the store
	Entities  int // entities after resolution
	Joined    int // originals now part of another entity
	Split     int // document splits in force
	Docs      int // documents rewritten
	Added     int // quads added
	Removed   int // quads removed
	Auto      bool
}

// docIdentity is the identity map as one document sees it.
type docIdentity func(e quad.IRI) quad.IRI

// rewriteIdentity rewrites a document's quads (as the article wrote them)
// to the canonical IRIs canon gives, leaving a record per rewritten entity
// so reverseIdentity can undo it. An entity mapped onto another entity of
// the same document (a user's merge within one article) is rewritten
// without a record: that merge cannot be undone for the document, short of
// re-ingesting it.
//
// known gives the original labels of entities whose rdfs:label is not
// among qs (Reidentify rewrites only the quads that change). The name keys
// (ng:nameKey, ng:surnameKey) of a rewritten entity stay on the original
// entity: its names ("Obama" joined to Michelle Obama) would otherwise
// become full names of the entity it is mapped to and pull in the next
// article's Barack Obama, and keeping them in every case makes the store
// the same whatever the order of ingest.
func rewriteIdentity(doc quad.IRI, qs []quad.Quad, canon docIdentity, known map[quad.IRI]string) []quad.Quad {
	ents := map[quad.Value]bool{}
	for _, q := range qs {
		if q.Subject == doc && q.Predicate == quad.IRI(SchemaMentions) && q.Label == doc {
			ents[q.Object] = true
		}
	}
	m := map[quad.Value]quad.IRI{}
	for e := range ents {
		iri, _ := e.(quad.IRI)
		if c := canon(iri); c != "" && c != iri {
			m[e] = c
		}
	}
	if len(m) == 0 {
		return qs
	}
	labels := map[quad.Value]string{}
	b := &builder{seen: make(map[quad.Quad]struct{}, len(qs))}
	for _, q := range qs {
		c, ok := m[q.Subject]
		if ok && q.Predicate == quad.IRI(RDFSLabel) && q.Label == doc {
			labels[q.Subject] = Lexical(q.Object)
			q.Predicate = quad.IRI(SKOSAltLabel)
		}
		// A rewritten entity's name keys stay on its own IRI, whether an
		// ingest-time join or store-wide resolution mapped it: the keys
		// say what the article named, so resolve can recover them, and the
		// store is the same whatever the order articles came in.
		if ok && q.Predicate != quad.IRI(NGNameKey) && q.Predicate != quad.IRI(NGSurnameKey) {
			q.Subject = c
		}
		if c, ok := m[q.Object]; ok {
			q.Object = c
		}
		b.addQuad(q)
	}
	origs := make([]quad.IRI, 0, len(m))
	for e := range m {
		origs = append(origs, e.(quad.IRI))
	}
	sort.Slice(origs, func(i, j int) bool { return origs[i] < origs[j] })
	for _, e := range origs {
		c := m[e]
		if ents[c] {
			continue // merged with another entity of this document: no way back
		}
		sum := sha256.Sum256([]byte(e))
		r := quad.IRI(string(doc) + identitySegment + hex.EncodeToString(sum[:8]))
		b.add(r, RDFType, quad.IRI(NGResolution), doc)
		b.add(r, NGOriginal, e, doc)
		b.add(r, NGCanonical, c, doc)
		l, ok := labels[e]
		if !ok {
			l = known[e]
		}
		b.addText(r, NGOriginalLabel, l, doc)
		b.add(doc, NGIdentityRecord, r, doc)
	}
	return b.quads
}

func (b *builder) addQuad(q quad.Quad) {
	if _, dup := b.seen[q]; dup {
		return
	}
	b.seen[q] = struct{}{}
	b.quads = append(b.quads, q)
}

// reverseIdentity recovers a document's quads as the article wrote them
// from its stored, rewritten quads (or a part of them that holds the
// document's records), and the original labels the records keep.
func reverseIdentity(doc quad.IRI, qs []quad.Quad) ([]quad.Quad, map[quad.IRI]string) {
	type rec struct {
		orig  quad.IRI
		label string
	}
	recs := map[quad.Value]*rec{}  // record node → record
	inv := map[quad.Value]*rec{}   // canonical → record
	isRec := map[quad.Value]bool{} // record nodes
	for _, q := range qs {
		if q.Label == doc && q.Predicate == quad.IRI(RDFType) && q.Object == quad.IRI(NGResolution) {
			isRec[q.Subject] = true
			recs[q.Subject] = &rec{}
		}
	}
	if len(recs) == 0 {
		return qs, nil
	}
	canonOf := map[quad.Value]quad.Value{}
	for _, q := range qs {
		r, ok := recs[q.Subject]
		if !ok {
			continue
		}
		switch q.Predicate {
		case quad.IRI(NGOriginal):
			r.orig, _ = q.Object.(quad.IRI)
		case quad.IRI(NGCanonical):
			canonOf[q.Subject] = q.Object
		case quad.IRI(NGOriginalLabel):
			r.label = Lexical(q.Object)
		}
	}
	labels := map[quad.IRI]string{}
	for node, c := range canonOf {
		if r := recs[node]; r.orig != "" {
			inv[c] = r
			labels[r.orig] = r.label
		}
	}
	b := &builder{seen: make(map[quad.Quad]struct{}, len(qs))}
	for _, q := range qs {
		if isRec[q.Subject] || q.Predicate == quad.IRI(NGIdentityRecord) {
			continue
		}
		if r, ok := inv[q.Subject]; ok {
			if q.Predicate == quad.IRI(SKOSAltLabel) && q.Label == doc && Lexical(q.Object) == r.label {
				q.Predicate = quad.IRI(RDFSLabel)
			}
			q.Subject = r.orig
		}
		if r, ok := inv[q.Object]; ok {
			q.Object = r.orig
		}
		b.addQuad(q)
	}
	return b.quads, labels
}

// applyIdentity is the writer's hook: WriteArticle passes every article's
// quads through it, so the article's entities get the canonical IRIs the
// identity graph gives them (store-wide resolution and the user's
// corrections), and a correction survives re-ingest. An ingest-time join
// (a.Joined: key before → after) is recorded like any other rewrite, so
// Reidentify sees the entity the article itself found.
func (s *Store) applyIdentity(ctx context.Context, doc quad.IRI, a *Article, qs []quad.Quad) ([]quad.Quad, error) {
	// Undo the join: back to the article's own entities.
	target := map[quad.IRI]quad.IRI{} // original → joined
	if len(a.Joined) > 0 {
		inv := map[quad.Value]quad.IRI{}
		n := map[quad.IRI]int{}
		for _, k1 := range a.Joined {
			n[EntityIRI(k1)]++
		}
		for k0, k1 := range a.Joined {
			e0, e1 := EntityIRI(k0), EntityIRI(k1)
			if e0 != e1 && n[e1] == 1 { // several entities joined into one: kept as joined
				inv[e1] = e0
				target[e0] = e1
			}
		}
		out := make([]quad.Quad, len(qs))
		for i, q := range qs {
			if e0, ok := inv[q.Subject]; ok {
				q.Subject = e0
			}
			if e0, ok := inv[q.Object]; ok {
				q.Object = e0
			}
			out[i] = q
		}
		qs = out
	}
	canon, err := s.identityFor(ctx, doc, qs, target)
	if err != nil {
		return nil, fmt.Errorf("identity: %w", err)
	}
	return rewriteIdentity(doc, qs, canon, nil), nil
}

func iriOf(v quad.Value) quad.IRI {
	iri, _ := v.(quad.IRI)
	return iri
}

// identityFor reads the identity map for the entities of doc's quads: for
// each, at most two small key nodes (identityKey, splitKey), so the cost
// does not grow with the store. An entity with a join target (see
// applyIdentity) goes where its target goes.
func (s *Store) identityFor(ctx context.Context, doc quad.IRI, qs []quad.Quad, target map[quad.IRI]quad.IRI) (docIdentity, error) {
	m := map[quad.IRI]quad.IRI{}
	lookup := func(keys ...quad.IRI) (quad.IRI, error) {
		for _, key := range keys {
			to, err := s.values(ctx, key, NGCanonical, quad.IRI(IdentityGraph))
			if err != nil {
				return "", err
			}
			if len(to) > 0 {
				c, _ := to[0].(quad.IRI)
				return c, nil
			}
		}
		return "", nil
	}
	for _, q := range qs {
		if q.Subject != doc || q.Predicate != quad.IRI(SchemaMentions) {
			continue
		}
		e, ok := q.Object.(quad.IRI)
		if !ok {
			continue
		}
		c, err := lookup(splitKey(doc, e), identityKey(e))
		if err != nil {
			return nil, err
		}
		if t, ok := target[e]; ok && c == "" {
			if c, err = lookup(splitKey(doc, t), identityKey(t)); err != nil {
				return nil, err
			}
			if c == "" {
				c = t
			}
		}
		if c != "" {
			m[e] = c
		}
	}
	return func(e quad.IRI) quad.IRI { return m[e] }, nil
}

// identityKey is the identity graph's node for original entity e: it has
// ng:original e and ng:canonical (what e now is), and nothing else.
func identityKey(e quad.IRI) quad.IRI {
	sum := sha256.Sum256([]byte(e))
	return quad.IRI(Base + "identity/" + hex.EncodeToString(sum[:8]))
}

// splitKey is the identity graph's node for a document split of e in doc.
func splitKey(doc, e quad.IRI) quad.IRI {
	sum := sha256.Sum256([]byte(string(doc) + " " + string(e)))
	return quad.IRI(Base + "identity/" + docSplitSegment + hex.EncodeToString(sum[:8]))
}

// docView is what Originals and Reidentify read of a document: its
// mention quads and its identity records (with the quads linking them), by
// subject look-ups only (a look-up by label scans the whole store on kv
// backends).
type docView struct {
	mentions []quad.Quad           // DOC schema:mentions X
	records  []quad.Quad           // DOC ng:identityRecord R, and R's quads
	orig     map[quad.IRI]quad.IRI // current IRI X → the article's entity
	labels   map[quad.IRI]string   // article's entity → its label (records)
}

func (s *Store) docView(ctx context.Context, d quad.IRI) (docView, error) {
	v := docView{orig: map[quad.IRI]quad.IRI{}}
	var recs []quad.Value
	err := s.eachQuad(ctx, quad.Subject, d, func(q quad.Quad) error {
		if q.Label != d {
			return nil
		}
		switch q.Predicate {
		case quad.IRI(SchemaMentions):
			v.mentions = append(v.mentions, q)
		case quad.IRI(NGIdentityRecord):
			v.records = append(v.records, q)
			recs = append(recs, q.Object)
		}
		return nil
	})
	if err != nil {
		return v, err
	}
	for _, r := range recs {
		if err := s.eachQuad(ctx, quad.Subject, r, func(q quad.Quad) error {
			if q.Label == d {
				v.records = append(v.records, q)
			}
			return nil
		}); err != nil {
			return v, err
		}
	}
	// What each current IRI was in the article.
	back, labels := reverseIdentity(d, append(append([]quad.Quad(nil), v.mentions...), v.records...))
	v.labels = labels
	cur := map[quad.Value]bool{}
	for _, q := range v.mentions {
		cur[q.Object] = true
	}
	recOrig := map[quad.IRI]bool{}
	for o := range labels {
		recOrig[o] = true
	}
	for _, q := range back {
		if q.Predicate != quad.IRI(SchemaMentions) {
			continue
		}
		o, _ := q.Object.(quad.IRI)
		if recOrig[o] {
			continue
		}
		v.orig[o] = o
	}
	for _, q := range v.records {
		if q.Predicate == quad.IRI(NGCanonical) {
			c, _ := q.Object.(quad.IRI)
			for _, r := range v.records {
				if r.Subject == q.Subject && r.Predicate == quad.IRI(NGOriginal) {
					v.orig[c], _ = r.Object.(quad.IRI)
				}
			}
		}
	}
	return v, nil
}

// Originals reads every document's original entities (undoing identity
// rewriting), sorted by IRI.
func (s *Store) Originals(ctx context.Context) ([]OriginalEntity, error) {
	docs, err := s.documentIRIs(ctx)
	if err != nil {
		return nil, err
	}
	sort.Slice(docs, func(i, j int) bool { return docs[i] < docs[j] })
	type agg struct {
		labels, aliases, types, sameAs map[string]bool
		docs                           []quad.IRI
		mentions                       int
	}
	all := map[quad.IRI]*agg{}
	// Each current entity's own quads, read once, by label.
	byLabel := map[quad.IRI]map[quad.Value][]quad.Quad{}
	subjectQuads := func(x quad.IRI) (map[quad.Value][]quad.Quad, error) {
		if m, ok := byLabel[x]; ok {
			return m, nil
		}
		m := map[quad.Value][]quad.Quad{}
		err := s.eachQuad(ctx, quad.Subject, x, func(q quad.Quad) error {
			m[q.Label] = append(m[q.Label], q)
			return nil
		})
		byLabel[x] = m
		return m, err
	}
	for _, d := range docs {
		v, err := s.docView(ctx, d)
		if err != nil {
			return nil, err
		}
		for _, mq := range v.mentions {
			x, ok := mq.Object.(quad.IRI)
			if !ok {
				continue
			}
			o := v.orig[x]
			if o == "" {
				o = x
			}
			a := all[o]
			if a == nil {
				a = &agg{labels: map[string]bool{}, aliases: map[string]bool{}, types: map[string]bool{}, sameAs: map[string]bool{}}
				all[o] = a
			}
			a.docs = append(a.docs, d)
			m, err := subjectQuads(x)
			if err != nil {
				return nil, err
			}
			label, rewritten := v.labels[o]
			for _, q := range m[d] {
				val := Lexical(q.Object)
				switch Lexical(q.Predicate) {
				case RDFSLabel:
					a.labels[val] = true
				case SKOSAltLabel:
					if rewritten && val == label {
						a.labels[val] = true
					} else {
						a.aliases[val] = true
					}
				case RDFType:
					a.types[localName(val)] = true
				case OWLSameAs:
					a.sameAs[val] = true
				case NGMentions:
					n, _ := strconv.Atoi(val)
					a.mentions += n
				}
			}
		}
	}
	out := make([]OriginalEntity, 0, len(all))
	for iri, a := range all {
		out = append(out, OriginalEntity{
			IRI: iri, Labels: sortedKeys(a.labels), Aliases: sortedKeys(a.aliases), Types: sortedKeys(a.types),
			Docs: a.docs, Mentions: a.mentions, SameAs: sortedKeys(a.sameAs),
		})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].IRI < out[j].IRI })
	return out, nil
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func localName(iri string) string {
	if i := strings.LastIndexAny(iri, "/#"); i >= 0 {
		return iri[i+1:]
	}
	return iri
}

// Corrections reads the user's identity corrections in the order they were
// made.
func (s *Store) Corrections(ctx context.Context) ([]Correction, error) {
	byNode := map[quad.Value]*Correction{}
	var order []*Correction
	err := s.eachQuad(ctx, quad.Label, quad.IRI(CorrectionsGraph), func(q quad.Quad) error {
		c := byNode[q.Subject]
		if c == nil {
			iri, _ := q.Subject.(quad.IRI)
			if !strings.HasPrefix(string(iri), CorrectionNS) {
				return nil // an agent's label
			}
			c = &Correction{IRI: iri}
			byNode[q.Subject] = c
			order = append(order, c)
		}
		o, _ := q.Object.(quad.IRI)
		switch Lexical(q.Predicate) {
		case RDFType:
			c.Kind = string(o)
		case NGKeep, NGEntity:
			c.Entity = o
		case NGMerged, NGNewEntity:
			c.Other = o
		case NGAlias:
			c.Alias = Lexical(q.Object)
		case NGDocument:
			c.Doc = o
		case ProvAttributedTo:
			c.By = strings.TrimPrefix(string(o), AgentNS)
		case ProvGeneratedAt:
			c.At, _ = time.Parse(time.RFC3339, Lexical(q.Object))
		case RDFSComment:
			c.Comment = Lexical(q.Object)
		case NGSequence:
			c.Seq, _ = strconv.Atoi(Lexical(q.Object))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := make([]Correction, 0, len(order))
	for _, c := range order {
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Seq != out[j].Seq {
			return out[i].Seq < out[j].Seq
		}
		return out[i].IRI < out[j].IRI
	})
	return out, nil
}

// AddCorrection stores a correction (Kind, Entity, Other, Alias, Doc, By,
// Comment; At defaults to now) in CorrectionsGraph and returns it with its
// IRI and sequence number. It does not apply it: Reidentify does.
func (s *Store) AddCorrection(ctx context.Context, c Correction) (Correction, error) {
	if s.readOnly {
		return c, ErrReadOnly
	}
	switch c.Kind {
	case NGMerge:
		if c.Entity == "" || c.Other == "" || c.Entity == c.Other {
			return c, fmt.Errorf("merge needs two different entities")
		}
	case NGSplitAlias:
		if c.Entity == "" || strings.TrimSpace(c.Alias) == "" {
			return c, fmt.Errorf("split needs an entity and an alias")
		}
	case NGSplitDocument:
		if c.Entity == "" || c.Doc == "" {
			return c, fmt.Errorf("split needs an entity and a document")
		}
		if c.Other == "" {
			c.Other = DocSplitIRI(c.Entity, c.Doc)
		}
	default:
		return c, fmt.Errorf("unknown correction %q", c.Kind)
	}
	if c.At.IsZero() {
		c.At = time.Now().UTC()
	}
	if c.By == "" {
		c.By = "unknown"
	}
	prev, err := s.Corrections(ctx)
	if err != nil {
		return c, err
	}
	c.Seq = len(prev) + 1
	if len(prev) > 0 && prev[len(prev)-1].Seq >= c.Seq {
		c.Seq = prev[len(prev)-1].Seq + 1
	}
	sum := sha256.Sum256([]byte(fmt.Sprint(c.Kind, c.Entity, c.Other, c.Alias, c.Doc, c.At.UnixNano(), c.Seq)))
	c.IRI = quad.IRI(CorrectionNS + hex.EncodeToString(sum[:8]))
	g := quad.IRI(CorrectionsGraph)
	agent := quad.IRI(AgentNS + slug(c.By))
	b := &builder{seen: map[quad.Quad]struct{}{}}
	b.add(c.IRI, RDFType, quad.IRI(c.Kind), g)
	switch c.Kind {
	case NGMerge:
		b.add(c.IRI, NGKeep, c.Entity, g)
		b.add(c.IRI, NGMerged, c.Other, g)
	case NGSplitAlias:
		b.add(c.IRI, NGEntity, c.Entity, g)
		b.add(c.IRI, NGAlias, lit(c.Alias), g)
	case NGSplitDocument:
		b.add(c.IRI, NGEntity, c.Entity, g)
		b.add(c.IRI, NGDocument, c.Doc, g)
		b.add(c.IRI, NGNewEntity, c.Other, g)
	}
	b.add(c.IRI, ProvAttributedTo, agent, g)
	b.add(agent, RDFSLabel, lit(c.By), g)
	b.add(c.IRI, ProvGeneratedAt, typed(c.At.Format(time.RFC3339Nano), XSDDateTime), g)
	b.add(c.IRI, NGSequence, intLit(c.Seq), g)
	b.addText(c.IRI, RDFSComment, c.Comment, g)
	deltas := make([]cgraph.Delta, len(b.quads))
	for i, q := range b.quads {
		deltas[i] = cgraph.Delta{Quad: q, Action: cgraph.Add}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.qs.ApplyDeltas(deltas, cgraph.IgnoreOpts{IgnoreDup: true}); err != nil {
		return c, fmt.Errorf("store correction: %w", err)
	}
	return c, nil
}

// DocSplitIRI is the IRI of the entity split off e for document doc:
// e + "--" + the document's 8-digit id.
func DocSplitIRI(e, doc quad.IRI) quad.IRI {
	id := strings.TrimPrefix(string(doc), DocNS)
	if len(id) > DocPrefixLen {
		id = id[:DocPrefixLen]
	}
	return quad.IRI(string(e) + "--" + id)
}

// AutoResolved reports whether store-wide resolution (a Resolver) was part
// of the last Reidentify.
func (s *Store) AutoResolved(ctx context.Context) (bool, error) {
	v, err := s.values(ctx, quad.IRI(IdentityGraph), NGAutoResolve, quad.IRI(IdentityGraph))
	return len(v) > 0 && Lexical(v[0]) == "true", err
}

// Reidentify recomputes store-wide identity from scratch: the original
// entities of every document, grouped by resolver (nil: none), then the
// user's corrections in the order they were made; it replaces the identity
// graph and rewrites every document whose entities changed (one
// transaction per document, so an interrupted run leaves whole documents
// and running it again finishes the job). The result depends only on the
// stored documents and corrections, not on the order they came in.
func (s *Store) Reidentify(ctx context.Context, resolver Resolver) (IdentityResult, error) {
	res := IdentityResult{Auto: resolver != nil}
	if s.readOnly {
		return res, ErrReadOnly
	}
	origs, err := s.Originals(ctx)
	if err != nil {
		return res, err
	}
	corrs, err := s.Corrections(ctx)
	if err != nil {
		return res, err
	}
	res.Originals = len(origs)
	byIRI := map[quad.IRI]*OriginalEntity{}
	for i := range origs {
		byIRI[origs[i].IRI] = &origs[i]
	}

	// Groups: rep → members; group of each IRI.
	group := map[quad.IRI]quad.IRI{}
	members := map[quad.IRI][]quad.IRI{}
	for _, o := range origs {
		group[o.IRI] = o.IRI
		members[o.IRI] = []quad.IRI{o.IRI}
	}
	docsOf := func(rep quad.IRI) map[quad.IRI]bool {
		ds := map[quad.IRI]bool{}
		for _, m := range members[rep] {
			for _, d := range byIRI[m].Docs {
				ds[d] = true
			}
		}
		return ds
	}
	join := func(keep, other quad.IRI, checkDocs bool) {
		rk, ro := group[keep], group[other]
		if rk == "" || ro == "" || rk == ro {
			return
		}
		if checkDocs {
			dk := docsOf(rk)
			for d := range docsOf(ro) {
				if dk[d] {
					return
				}
			}
		}
		for _, m := range members[ro] {
			group[m] = rk
		}
		members[rk] = append(members[rk], members[ro]...)
		delete(members, ro)
	}
	if resolver != nil {
		for _, g := range resolver(origs) {
			if len(g) < 2 || byIRI[g[0]] == nil {
				continue
			}
			for _, m := range g[1:] {
				if byIRI[m] != nil && group[m] == m && len(members[m]) == 1 {
					join(g[0], m, true)
				}
			}
		}
	}
	splits := map[quad.IRI]map[quad.IRI]quad.IRI{} // doc → original → new entity
	newLabels := map[quad.IRI]string{}
	for _, c := range corrs {
		switch c.Kind {
		case NGMerge:
			join(c.Entity, c.Other, false)
		case NGSplitAlias:
			rep := group[c.Entity]
			if rep == "" {
				continue
			}
			key := normLabel(c.Alias)
			var movers, stay []quad.IRI
			for _, m := range members[rep] {
				if m != rep && hasLabel(byIRI[m], key) {
					movers = append(movers, m)
				} else {
					stay = append(stay, m)
				}
			}
			if len(movers) == 0 {
				continue
			}
			sort.Slice(movers, func(i, j int) bool { return movers[i] < movers[j] })
			members[rep] = stay
			nr := movers[0]
			members[nr] = movers
			for _, m := range movers {
				group[m] = nr
			}
		case NGSplitDocument:
			rep := group[c.Entity]
			if rep == "" {
				continue
			}
			for _, m := range members[rep] {
				for _, d := range byIRI[m].Docs {
					if d == c.Doc {
						if splits[d] == nil {
							splits[d] = map[quad.IRI]quad.IRI{}
						}
						splits[d][m] = c.Other
						newLabels[c.Other] = firstLabel(byIRI[m])
					}
				}
			}
		}
	}

	// The identity graph.
	ig := quad.IRI(IdentityGraph)
	b := &builder{seen: map[quad.Quad]struct{}{}}
	reps := make([]quad.IRI, 0, len(members))
	for r := range members {
		reps = append(reps, r)
	}
	sort.Slice(reps, func(i, j int) bool { return reps[i] < reps[j] })
	canon := map[quad.IRI]quad.IRI{}
	for _, r := range reps {
		ms := members[r]
		sort.Slice(ms, func(i, j int) bool { return ms[i] < ms[j] })
		if len(ms) > 1 {
			b.add(r, RDFSLabel, lit(firstLabel(byIRI[r])), ig)
		}
		for _, m := range ms {
			if m != r {
				canon[m] = r
				b.add(m, NGResolvedTo, r, ig)
				k := identityKey(m)
				b.add(k, NGOriginal, m, ig)
				b.add(k, NGCanonical, r, ig)
				res.Joined++
			}
		}
	}
	res.Entities = len(reps)
	docList := sortedIRIs(splits)
	for _, d := range docList {
		for _, o := range sortedIRIs(splits[d]) {
			c := splits[d][o]
			n := splitKey(d, o)
			b.add(n, RDFType, quad.IRI(NGDocumentSplit), ig)
			b.add(n, NGDocument, d, ig)
			b.add(n, NGOriginal, o, ig)
			b.add(n, NGCanonical, c, ig)
			b.add(c, RDFSLabel, lit(newLabels[c]), ig)
			res.Split++
		}
	}
	if resolver != nil {
		b.add(ig, NGAutoResolve, typed("true", XSDBoolean), ig)
	}
	s.mu.Lock()
	a, r, err := s.replaceGraph(ctx, ig, b.quads)
	s.mu.Unlock()
	res.Added, res.Removed = a, r
	if err != nil {
		return res, err
	}

	// Rewrite the documents.
	docs, err := s.documentIRIs(ctx)
	if err != nil {
		return res, err
	}
	sort.Slice(docs, func(i, j int) bool { return docs[i] < docs[j] })
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		split := splits[d]
		fn := func(e quad.IRI) quad.IRI {
			if c, ok := split[e]; ok {
				return c
			}
			return canon[e]
		}
		a, r, err := s.rewriteDoc(ctx, d, fn)
		if err != nil {
			return res, err
		}
		if a+r > 0 {
			res.Docs++
		}
		res.Added += a
		res.Removed += r
	}
	return res, nil
}

func sortedIRIs[V any](m map[quad.IRI]V) []quad.IRI {
	out := make([]quad.IRI, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

func firstLabel(o *OriginalEntity) string {
	if o == nil || len(o.Labels) == 0 {
		return ""
	}
	return o.Labels[0]
}

func hasLabel(o *OriginalEntity, key string) bool {
	for _, l := range o.Labels {
		if normLabel(l) == key {
			return true
		}
	}
	return false
}

// normLabel folds case and spacing, for matching an alias the user typed.
func normLabel(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }

// rewriteDoc brings one document's quads to the identity fn gives (on
// the article's own entities), in one transaction. It reads and rewrites
// only the quads of entities whose IRI changes: their quads in the
// document's graphs (the document's and its sentences'), found by subject
// and object look-ups, with the document's mentions and records.
func (s *Store) rewriteDoc(ctx context.Context, d quad.IRI, fn docIdentity) (added, removed int, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, err := s.docView(ctx, d)
	if err != nil {
		return 0, 0, err
	}
	var changed []quad.IRI // current IRIs whose entity moves
	for _, mq := range v.mentions {
		x, _ := mq.Object.(quad.IRI)
		o := v.orig[x]
		if o == "" {
			o = x
		}
		next := fn(o)
		if next == "" {
			next = o
		}
		if next != x {
			changed = append(changed, x)
		}
	}
	if len(changed) == 0 {
		return 0, 0, nil
	}
	sort.Slice(changed, func(i, j int) bool { return changed[i] < changed[j] })
	inDoc := func(l quad.Value) bool {
		li, _ := l.(quad.IRI)
		return li == d || strings.HasPrefix(string(li), string(d)+"/")
	}
	b := &builder{seen: map[quad.Quad]struct{}{}}
	for _, q := range v.mentions {
		b.addQuad(q)
	}
	for _, q := range v.records {
		b.addQuad(q)
	}
	for _, x := range changed {
		for _, dir := range []quad.Direction{quad.Subject, quad.Object} {
			if err := s.eachQuad(ctx, dir, x, func(q quad.Quad) error {
				if inDoc(q.Label) {
					b.addQuad(q)
				}
				return nil
			}); err != nil {
				return 0, 0, err
			}
		}
	}
	cur := b.quads
	back, labels := reverseIdentity(d, cur)
	next := rewriteIdentity(d, back, fn, labels)
	return s.applyDiff(ctx, cur, next)
}

// replaceGraph makes the quads labelled g exactly qs; the caller holds s.mu.
func (s *Store) replaceGraph(ctx context.Context, g quad.IRI, qs []quad.Quad) (added, removed int, err error) {
	cur, err := s.quadsWith(ctx, quad.Label, g)
	if err != nil {
		return 0, 0, err
	}
	return s.applyDiff(ctx, cur, qs)
}

// applyDiff turns the quads cur into next in one transaction.
func (s *Store) applyDiff(ctx context.Context, cur, next []quad.Quad) (added, removed int, err error) {
	keep := make(map[string]bool, len(next))
	for _, q := range next {
		keep[q.NQuad()] = true
	}
	var deltas []cgraph.Delta
	for _, q := range cur {
		if k := q.NQuad(); keep[k] {
			delete(keep, k)
			continue
		}
		deltas = append(deltas, cgraph.Delta{Quad: q, Action: cgraph.Delete})
		removed++
	}
	for _, q := range next {
		if k := q.NQuad(); keep[k] {
			delete(keep, k)
			deltas = append(deltas, cgraph.Delta{Quad: q, Action: cgraph.Add})
			added++
		}
	}
	if len(deltas) == 0 {
		return 0, 0, nil
	}
	if err := ctx.Err(); err != nil {
		return 0, 0, err
	}
	if err := s.qs.ApplyDeltas(deltas, cgraph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true}); err != nil {
		return 0, 0, fmt.Errorf("write %d quads (remove %d): %w", added, removed, err)
	}
	return added, removed, nil
}

// CanonicalOf is the entity original entity e is now ("" when the identity
// map leaves it as it is).
func (s *Store) CanonicalOf(ctx context.Context, e quad.IRI) (quad.IRI, error) {
	to, err := s.values(ctx, identityKey(e), NGCanonical, quad.IRI(IdentityGraph))
	if err != nil || len(to) == 0 {
		return "", err
	}
	c, _ := to[0].(quad.IRI)
	return c, nil
}

// JoinedNames returns the names (as their articles wrote them) of the
// original entities the identity map now makes entity c, other than c
// itself: what `split --alias` can take off c. It reads c's identity keys
// and the records of their originals by index, not the whole store.
func (s *Store) JoinedNames(ctx context.Context, c quad.IRI) (map[quad.IRI][]string, error) {
	ig := quad.IRI(IdentityGraph)
	var keys []quad.Value
	err := s.eachQuad(ctx, quad.Object, c, func(q quad.Quad) error {
		if q.Predicate == quad.IRI(NGCanonical) && q.Label == ig {
			keys = append(keys, q.Subject)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := map[quad.IRI][]string{}
	for _, k := range keys {
		if strings.Contains(string(iriOf(k)), "/identity/"+docSplitSegment) {
			continue // a document split, not a join
		}
		origs, err := s.values(ctx, k, NGOriginal, ig)
		if err != nil {
			return nil, err
		}
		for _, o := range origs {
			e := iriOf(o)
			if e == "" || e == c {
				continue
			}
			if _, ok := out[e]; !ok {
				out[e] = nil
			}
			err := s.eachQuad(ctx, quad.Object, e, func(q quad.Quad) error {
				if q.Predicate != quad.IRI(NGOriginal) || q.Label == ig {
					return nil
				}
				ls, err := s.values(ctx, q.Subject, NGOriginalLabel, q.Label)
				for _, l := range ls {
					if v := Lexical(l); !containsStr(out[e], v) {
						out[e] = append(out[e], v)
					}
				}
				return err
			})
			if err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}
