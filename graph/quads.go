package graph

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cayleygraph/quad"
)

// ErrInvalidArticle is wrapped by every error Quads returns for an article
// it cannot turn into quads.
var ErrInvalidArticle = errors.New("invalid article")

// DocIRI is the IRI of the document with the given source (path or URL):
// DocNS + the first 16 hex digits of SHA-256(source).
func DocIRI(source string) quad.IRI {
	sum := sha256.Sum256([]byte(source))
	return quad.IRI(DocNS + hex.EncodeToString(sum[:8]))
}

// SentenceIRI is the IRI of sentence i of document doc: doc + "/s/" + i.
func SentenceIRI(doc quad.IRI, i int) quad.IRI {
	return quad.IRI(string(doc) + "/s/" + strconv.Itoa(i))
}

// StatementIRI is the IRI of the k-th fact (0-based, in Article.Facts order)
// of sentence i of document doc: SentenceIRI(doc, i) + "/f/" + k.
func StatementIRI(doc quad.IRI, i, k int) quad.IRI {
	return quad.IRI(string(SentenceIRI(doc, i)) + "/f/" + strconv.Itoa(k))
}

// RelationIRI is the IRI of a fact relation: RelNS + the lemma form, made
// IRI-safe ("hand over" and "hand_over" both give rel:hand_over).
func RelationIRI(relation string) quad.IRI {
	return quad.IRI(RelNS + slug(relation))
}

// EntityIRI maps an Entity.Key to the entity's IRI. The IRI does not
// depend on the entity's type, so one article's type error makes no second
// node:
//   - a key linked to a Wikidata item, "wd/Q159", gives EntityNS + "wd/Q159",
//     the same in every article whatever name form it used;
//   - a named entity's key "Person/volodymyr_zelenskiy" gives
//     EntityNS + "volodymyr_zelenskiy": unlinked entities join by name;
//   - a Thing (a common noun or an unclassified name) keeps a namespace
//     of its own, EntityNS + "thing/" + name, so "training" the activity
//     never joins a named entity called Training.
//
// The name part is made IRI-safe (spaces become "_", characters not
// allowed in an IRI are percent-encoded), so the same key always gives the
// same IRI. A key without "/" is a Thing.
func EntityIRI(key string) quad.IRI {
	typ, name, ok := strings.Cut(key, "/")
	if !ok {
		typ, name = "thing", key
	}
	switch strings.ToLower(typ) {
	case "wd":
		return quad.IRI(EntityNS + "wd/" + slug(name))
	case "thing", "":
		return quad.IRI(EntityNS + "thing/" + slug(name))
	case "concept":
		return quad.IRI(EntityNS + "concept/" + slug(name)) // a common noun: never one node with a name
	}
	return quad.IRI(EntityNS + slug(name))
}

// LinkIRI is the IRI of the k-th link (0-based, in entity and Links order)
// of document doc: doc + "/link/" + k.
func LinkIRI(doc quad.IRI, k int) quad.IRI {
	return quad.IRI(string(doc) + "/link/" + strconv.Itoa(k))
}

// DocPrefixLen is the number of hex digits of the document id that a fact
// ID carries.
const DocPrefixLen = 8

// FactID is the short, human-typable ID of a fact: the first 8 hex digits of
// the document id, the sentence index and the fact's index within that
// sentence, joined by dots: "1f3a9c2e.12.3". Statement nodes carry it as
// ng:factId.
func FactID(doc quad.IRI, sentence, k int) string {
	id := strings.TrimPrefix(string(doc), DocNS)
	if len(id) > DocPrefixLen {
		id = id[:DocPrefixLen]
	}
	return id + "." + strconv.Itoa(sentence) + "." + strconv.Itoa(k)
}

// ParseFactID splits a fact ID made by FactID into its parts: the document
// id prefix (match it against DocNS + prefix…), the sentence index and the
// fact index.
func ParseFactID(id string) (docPrefix string, sentence, k int, err error) {
	parts := strings.Split(strings.TrimSpace(id), ".")
	if len(parts) != 3 {
		return "", 0, 0, fmt.Errorf("fact ID %q: want DOC.SENTENCE.FACT, e.g. 1f3a9c2e.12.3", id)
	}
	docPrefix = strings.ToLower(parts[0])
	if docPrefix == "" {
		return "", 0, 0, fmt.Errorf("fact ID %q: empty document id", id)
	}
	for _, r := range docPrefix {
		if !strings.ContainsRune("0123456789abcdef", r) {
			return "", 0, 0, fmt.Errorf("fact ID %q: document id is not hex", id)
		}
	}
	if sentence, err = strconv.Atoi(parts[1]); err != nil || sentence < 0 {
		return "", 0, 0, fmt.Errorf("fact ID %q: bad sentence index", id)
	}
	if k, err = strconv.Atoi(parts[2]); err != nil || k < 0 {
		return "", 0, 0, fmt.Errorf("fact ID %q: bad fact index", id)
	}
	return docPrefix, sentence, k, nil
}

// Quads turns an article into the quads of the graph model (see vocab.go
// and docs/model.md). The result is deterministic: the same article gives
// the same quads in the same order, and holds no duplicates. Errors wrap
// ErrInvalidArticle.
func Quads(a *Article) ([]quad.Quad, error) {
	if err := validate(a); err != nil {
		return nil, err
	}
	a = namedKeys(a) // no nameless entity IRIs (iri.go)
	b := &builder{seen: make(map[quad.Quad]struct{})}
	doc := DocIRI(a.Source)

	// Document.
	b.add(doc, RDFType, quad.IRI(SchemaNewsArticle), doc)
	b.add(doc, NGSource, lit(a.Source), doc)
	if u, ok := urlIRI(a.Source); ok {
		b.add(doc, SchemaURL, u, doc)
	}
	if a.Path != "" && a.Path != a.Source {
		b.add(doc, NGPath, lit(a.Path), doc)
	}
	b.add(doc, NGContentHash, lit(a.Hash), doc)
	b.addText(doc, NGPipeline, a.Pipeline, doc)
	if a.Headline != "" {
		b.add(doc, SchemaHeadline, lit(a.Headline), doc)
	}
	if !a.Published.IsZero() {
		b.add(doc, SchemaDatePublished, typed(a.Published.Format("2006-01-02"), XSDDate), doc)
	}
	if a.Publisher != "" {
		b.add(doc, SchemaPublisher, lit(a.Publisher), doc)
	}
	if a.Byline != "" {
		b.add(doc, SchemaAuthor, lit(a.Byline), doc)
	}
	b.add(doc, NGSentenceCount, intLit(len(a.Sentences)), doc)
	b.add(doc, NGFactCount, intLit(len(a.Facts)), doc)

	// Sentences.
	for i, s := range a.Sentences {
		si := SentenceIRI(doc, i)
		b.add(si, RDFType, quad.IRI(NGSentence), doc)
		b.add(si, SchemaIsPartOf, doc, doc)
		b.add(si, SchemaText, lit(s.Text), doc)
		b.add(si, NGIndex, intLit(i), doc)
		b.add(si, NGStart, intLit(s.Start), doc)
		b.add(si, NGEnd, intLit(s.End), doc)
	}

	// Entities: described in (labelled with) the document. Concepts are
	// typed and labelled but not schema:mentioned: they are not entities.
	b.local = make(map[string]quad.IRI)
	for _, e := range a.Entities {
		if e.Local {
			b.local[e.Key] = LocalEntityIRI(doc, e.Key)
		}
	}
	for _, e := range a.Entities {
		ei := b.entity(e.Key)
		if e.Type == Concept {
			b.add(ei, RDFType, quad.IRI(SKOSConcept), doc)
			b.add(ei, RDFSLabel, lit(e.Name), doc)
			continue
		}
		b.add(doc, SchemaMentions, ei, doc)
		b.add(ei, RDFType, TypeIRI(e.Type), doc)
		b.add(ei, RDFSLabel, lit(e.Name), doc)
		for _, al := range e.Aliases {
			if al != "" && al != e.Name {
				b.add(ei, SKOSAltLabel, lit(al), doc)
			}
		}
		for _, r := range e.Roles {
			if r != "" {
				b.add(ei, SchemaJobTitle, lit(r), doc)
			}
		}
		if e.Born != "" {
			b.add(ei, SchemaBirthDate, typed(e.Born, dateType(e.Born)), doc)
		}
		if e.Mentions > 0 {
			b.add(ei, NGMentions, intLit(e.Mentions), doc)
		}
		for _, same := range e.SameAs {
			if u, ok := iriSafe(same); ok {
				b.add(ei, OWLSameAs, u, doc)
			}
		}
		if e.Country != "" {
			b.add(ei, NGCountry, EntityIRI(e.Country), doc)
		}
		if e.Type != Concept && !e.Local && !strings.HasPrefix(string(ei), EntityNS+"thing/") {
			keys, short := NameKeys(e)
			for _, k := range keys {
				b.add(ei, NGNameKey, lit(k), doc)
			}
			for _, k := range short {
				b.add(ei, NGSurnameKey, lit(k), doc)
			}
		}
	}

	// Links: one statement node per decided link, with its score and the
	// features it was decided on.
	nlink := 0
	for _, e := range a.Entities {
		for _, l := range e.Links {
			u, ok := iriSafe(l.Target)
			if !ok {
				continue
			}
			li := LinkIRI(doc, nlink)
			nlink++
			b.add(li, RDFType, quad.IRI(NGLink), doc)
			b.add(li, RDFSubject, EntityIRI(e.Key), doc)
			b.add(li, RDFPredicate, quad.IRI(OWLSameAs), doc)
			b.add(li, RDFObject, u, doc)
			b.add(li, NGScore, typed(decimal(l.Score), XSDDecimal), doc)
			b.addText(li, NGLinkFeatures, l.Features, doc)
			b.addText(li, NGKB, l.KB, doc)
			b.add(li, ProvDerivedFrom, doc, doc)
		}
	}

	// Facts: labelled with their sentence.
	perSentence := make(map[int]int)
	for _, f := range a.Facts {
		k := perSentence[f.Sentence]
		perSentence[f.Sentence]++
		si := SentenceIRI(doc, f.Sentence)
		st := StatementIRI(doc, f.Sentence, k)
		rel := RelationIRI(f.Relation)
		subj := b.termValue(f.Subject)
		obj := b.termValue(f.Object)
		if _, isIRI := subj.(quad.IRI); isIRI && obj != nil && !f.Negated && f.NoTriple == "" {
			b.add(subj, string(rel), obj, si)
		}
		b.add(st, RDFType, quad.IRI(RDFStatement), si)
		b.add(st, NGFactID, lit(FactID(doc, f.Sentence, k)), si)
		if subj != nil {
			b.add(st, RDFSubject, subj, si)
		}
		b.add(st, RDFPredicate, rel, si)
		if obj != nil {
			b.add(st, RDFObject, obj, si)
		}
		b.add(st, ProvDerivedFrom, si, si)
		b.addText(st, NGRelationText, f.RelationText, si)
		b.addText(st, NGSubjectText, f.Subject.Text, si)
		b.addText(st, NGObjectText, f.Object.Text, si)
		b.addText(st, NGUnit, f.Object.Unit, si)
		b.addText(st, NGTime, f.Time, si)
		if f.Date != "" {
			b.add(st, NGDate, typed(f.Date, dateType(f.Date)), si)
		}
		if p := b.termValue(f.Place); p != nil {
			b.add(st, NGPlace, p, si)
		}
		b.add(st, NGNegated, typed(strconv.FormatBool(f.Negated), XSDBoolean), si)
		b.addText(st, NGModality, f.Modality, si)
		b.addText(st, NGCondition, f.Condition, si)
		if f.Attribution != "" {
			b.add(st, ProvAttributedTo, b.entity(f.Attribution), si)
		}
		b.addText(st, NGQuote, f.Quote, si)
		b.add(st, NGConfidence, typed(decimal(f.Confidence), XSDDecimal), si)
		for _, arg := range f.Args {
			if v := b.termValue(arg.Term); v != nil {
				b.add(st, ArgPredicate(arg.Prep), v, si)
			}
		}
		if sp := spans(a, f); sp != "" {
			b.add(st, NGSpans, lit(sp), si)
		}
	}
	return b.quads, nil
}

// QuadsBound is an upper bound on len(Quads(a)), from the article's sizes
// alone: it builds no quad, so a budget on quads costs nothing for the
// articles far below it (loaders.Budgets.MaxQuads). It is exact for an
// article that has every optional field (TestQuadsBound keeps it so when
// Quads changes).
func QuadsBound(a *Article) int {
	n := 12 + 6*len(a.Sentences) // document; sentences
	for _, e := range a.Entities {
		// mentions, type, label, birth date, ng:mentions, country, the
		// aliases; name keys: the name's, each alias's, a surname.
		n += 6 + len(e.Aliases) + len(e.Roles) + len(e.SameAs) + 8*len(e.Links) + 2 + len(e.Aliases)
	}
	for _, f := range a.Facts {
		n += 21 + len(f.Args) // the direct triple and the statement
	}
	return n
}

// LocalEntityIRI is the IRI of an article-local entity (Entity.Local) of
// document doc: doc + "/e/" + the key's type in lower case + "/" + its name
// made IRI-safe as EntityIRI does ("Person/one_prisoner" →
// doc/e/person/one_prisoner). Unlike EntityIRI it keeps the type: a local
// entity never joins another, so the type costs no second node.
func LocalEntityIRI(doc quad.IRI, key string) quad.IRI {
	typ, name, ok := strings.Cut(key, "/")
	if !ok {
		typ, name = "thing", key
	}
	return quad.IRI(string(doc) + "/e/" + slug(strings.ToLower(typ)) + "/" + slug(name))
}

// spans is the ng:spans value of a fact: the byte offsets of its subject,
// relation and object in the article's text ("-1 -1" for a part without a
// valid span), or "" when it has none.
func spans(a *Article, f Fact) string {
	var parts []string
	has := false
	for _, s := range []Span{f.SubjectSpan, f.RelationSpan, f.ObjectSpan} {
		if s.Start < 0 || s.Start >= s.End || s.End > len(a.Text) {
			parts = append(parts, "-1 -1")
			continue
		}
		has = true
		parts = append(parts, strconv.Itoa(s.Start)+" "+strconv.Itoa(s.End))
	}
	if !has {
		return ""
	}
	return strings.Join(parts, " ")
}

// TypeIRI is the rdf:type of an entity of the given Entity.Type:
// schema.org's class of that name ("Person" → schema:Person); "" gives
// schema:Thing, Concept skos:Concept.
func TypeIRI(typ string) quad.IRI {
	if typ == "" {
		return quad.IRI(SchemaThing)
	}
	if typ == Concept {
		return quad.IRI(SKOSConcept)
	}
	return quad.IRI(strings.TrimSuffix(SchemaThing, "Thing") + slug(typ))
}

// ArgPredicate is the predicate of an extra argument introduced by prep:
// ng:arg_to for "to", ng:arg for none.
func ArgPredicate(prep string) string {
	p := slug(strings.ToLower(prep))
	if p == "" {
		return NGArg
	}
	return NGArgPrefix + p
}

type builder struct {
	quads []quad.Quad
	seen  map[quad.Quad]struct{}
	local map[string]quad.IRI // IRIs of the article-local entities by Key
}

// entity is the IRI of the entity with the given Key: under the document
// for an article-local one, EntityIRI otherwise.
func (b *builder) entity(key string) quad.IRI {
	if iri, ok := b.local[key]; ok {
		return iri
	}
	return EntityIRI(key)
}

// termValue is termValue with article-local entities mapped to their IRIs;
// nil for an unresolved pronoun, which is never a node.
func (b *builder) termValue(t Term) quad.Value {
	if t.Unresolved {
		return nil
	}
	if t.Entity != "" {
		return b.entity(t.Entity)
	}
	return termValue(t)
}

func (b *builder) add(s quad.Value, p string, o quad.Value, label quad.IRI) {
	q := quad.Quad{Subject: s, Predicate: quad.IRI(p), Object: o, Label: label}
	if _, dup := b.seen[q]; dup {
		return
	}
	b.seen[q] = struct{}{}
	b.quads = append(b.quads, q)
}

func (b *builder) addText(s quad.Value, p, text string, label quad.IRI) {
	if text != "" {
		b.add(s, p, lit(text), label)
	}
}

// termValue is an entity term's IRI, a typed literal, a plain literal, or
// nil for a zero term.
func termValue(t Term) quad.Value {
	switch {
	case t.Entity != "":
		return EntityIRI(t.Entity)
	case t.Value != "" && t.Datatype != "":
		return typed(t.Value, string(quad.IRI(t.Datatype).Full()))
	case t.Value != "":
		return lit(t.Value)
	case t.Text != "":
		return lit(t.Text)
	}
	return nil
}

// lit is a plain string literal with control characters (other than tab and
// newlines, which N-Quads escapes) replaced by spaces.
func lit(s string) quad.String {
	return quad.String(strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7f {
			return ' '
		}
		return r
	}, s))
}

func typed(v, datatype string) quad.TypedString {
	return quad.TypedString{Value: lit(v), Type: quad.IRI(datatype)}
}

func intLit(n int) quad.TypedString { return typed(strconv.Itoa(n), XSDInteger) }

// decimal formats f as an xsd:decimal lexical form (no exponent).
func decimal(f float64) string {
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}

// dateType picks xsd:gYear, xsd:gYearMonth or xsd:date by the form of an
// ISO date (YYYY, YYYY-MM, YYYY-MM-DD).
func dateType(d string) string {
	switch len(d) {
	case 4:
		return XSDGYear
	case 7:
		return XSDGYearMonth
	}
	return XSDDate
}

// slug makes s safe as the last segment of an IRI: spaces become "_", and
// bytes not allowed in an IRI (ASCII controls, punctuation with a meaning in
// IRIs, and '%') are percent-encoded. Letters of any script stay as they are.
func slug(s string) string {
	s = strings.TrimSpace(s)
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == ' ':
			b.WriteByte('_')
		case r < 0x80 && !isIRIUnreserved(byte(r)):
			fmt.Fprintf(&b, "%%%02X", r)
		case r >= 0x80 && (unicode.IsSpace(r) || unicode.IsControl(r) || r == utf8.RuneError):
			for _, c := range []byte(string(r)) {
				fmt.Fprintf(&b, "%%%02X", c)
			}
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isIRIUnreserved(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~'
}

// urlIRI returns source as an IRI when it is an http(s) URL.
func urlIRI(source string) (quad.IRI, bool) {
	l := strings.ToLower(source)
	if !strings.HasPrefix(l, "http://") && !strings.HasPrefix(l, "https://") {
		return "", false
	}
	return iriSafe(source)
}

// iriSafe percent-encodes the characters N-Quads forbids inside <…>; it
// refuses strings without a scheme.
func iriSafe(s string) (quad.IRI, bool) {
	if !strings.Contains(s, ":") {
		return "", false
	}
	var b strings.Builder
	for _, r := range s {
		if r <= 0x20 || strings.ContainsRune("<>\"{}|^`\\", r) || r == 0x7f || r == utf8.RuneError {
			for _, c := range []byte(string(r)) {
				fmt.Fprintf(&b, "%%%02X", c)
			}
			continue
		}
		b.WriteRune(r)
	}
	return quad.IRI(b.String()), true
}

// validate reports, naming the field, what makes an article unusable.
func validate(a *Article) error {
	if a == nil {
		return fmt.Errorf("%w: nil", ErrInvalidArticle)
	}
	if strings.TrimSpace(a.Source) == "" {
		return fmt.Errorf("%w: empty Source", ErrInvalidArticle)
	}
	check := func(field, s string) error {
		if !utf8.ValidString(s) {
			return fmt.Errorf("%w: %s: %s is not valid UTF-8", ErrInvalidArticle, a.Source, field)
		}
		return nil
	}
	for _, f := range []struct{ name, v string }{
		{"Source", a.Source}, {"Path", a.Path}, {"Hash", a.Hash}, {"Headline", a.Headline},
		{"Publisher", a.Publisher}, {"Byline", a.Byline},
	} {
		if err := check(f.name, f.v); err != nil {
			return err
		}
	}
	for i, s := range a.Sentences {
		if err := check(fmt.Sprintf("sentence %d", i), s.Text); err != nil {
			return err
		}
	}
	for i, e := range a.Entities {
		if e.Key == "" {
			return fmt.Errorf("%w: %s: entity %d (%q) has no Key", ErrInvalidArticle, a.Source, i, e.Name)
		}
		if err := check(fmt.Sprintf("entity %q", e.Key), e.Key+e.Name+e.Type+strings.Join(e.Aliases, "")); err != nil {
			return err
		}
	}
	for i, f := range a.Facts {
		if f.Sentence < 0 || f.Sentence >= len(a.Sentences) {
			return fmt.Errorf("%w: %s: fact %d refers to sentence %d of %d", ErrInvalidArticle, a.Source, i, f.Sentence, len(a.Sentences))
		}
		if f.Relation == "" {
			return fmt.Errorf("%w: %s: fact %d has no Relation", ErrInvalidArticle, a.Source, i)
		}
		all := f.Relation + f.RelationText + f.Subject.Text + f.Subject.Value + f.Object.Text + f.Object.Value +
			f.Time + f.Date + f.Place.Text + f.Modality + f.Condition + f.Quote
		for _, arg := range f.Args {
			all += arg.Prep + arg.Term.Text + arg.Term.Value
		}
		if err := check(fmt.Sprintf("fact %d", i), all); err != nil {
			return err
		}
	}
	return nil
}
