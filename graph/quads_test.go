package graph

import (
	"errors"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
)

func TestIRIs(t *testing.T) {
	tests := []struct {
		name string
		got  quad.IRI
		want quad.IRI
	}{
		{"doc", DocIRI("data/seed/article.txt"), quad.IRI(DocNS + "de78bfd6e0fb7c8c")},
		{"entity", EntityIRI("Person/volodymyr_zelenskiy"), quad.IRI(EntityNS + "volodymyr_zelenskiy")},
		{"entity spaces and specials", EntityIRI("Organization/AT&T <Inc>"), quad.IRI(EntityNS + "AT%26T_%3CInc%3E")},
		{"entity unicode kept", EntityIRI("City/São Paulo"), quad.IRI(EntityNS + "São_Paulo")},
		{"entity without type", EntityIRI("kursk"), quad.IRI(EntityNS + "thing/kursk")},
		{"sentence", SentenceIRI("https://newsgraph.dev/doc/abc", 3), "https://newsgraph.dev/doc/abc/s/3"},
		{"statement", StatementIRI("https://newsgraph.dev/doc/abc", 3, 1), "https://newsgraph.dev/doc/abc/s/3/f/1"},
		{"relation", RelationIRI("hand over"), quad.IRI(RelNS + "hand_over")},
		{"type", TypeIRI("Country"), quad.IRI(SchemaCountry)},
		{"type empty", TypeIRI(""), quad.IRI(SchemaThing)},
		{"type concept", TypeIRI(Concept), quad.IRI(SKOSConcept)},
		{"local entity", LocalEntityIRI("https://newsgraph.dev/doc/abc", "Person/one_prisoner"), "https://newsgraph.dev/doc/abc/e/person/one_prisoner"},
		{"concept", EntityIRI("Concept/north_korean_soldier"), quad.IRI(ConceptNS + "north_korean_soldier")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %s, want %s", tt.got, tt.want)
			}
		})
	}
}

func TestDocIRIIsSHA256Prefix(t *testing.T) {
	// sha256("data/seed/article.txt") starts with these 16 hex digits.
	d := string(DocIRI("data/seed/article.txt"))
	if len(d) != len(DocNS)+16 || !strings.HasPrefix(d, DocNS) {
		t.Fatalf("DocIRI = %s", d)
	}
	if DocIRI("a") == DocIRI("b") {
		t.Fatal("different sources give the same IRI")
	}
}

func TestFactID(t *testing.T) {
	doc := quad.IRI(DocNS + "1f3a9c2e77aa0011")
	id := FactID(doc, 12, 3)
	if id != "1f3a9c2e.12.3" {
		t.Fatalf("FactID = %q", id)
	}
	tests := []struct {
		in      string
		prefix  string
		s, k    int
		wantErr bool
	}{
		{"1f3a9c2e.12.3", "1f3a9c2e", 12, 3, false},
		{" 1F3A9C2E.0.0 ", "1f3a9c2e", 0, 0, false},
		{"1f3a9c2e.12", "", 0, 0, true},
		{"zz.1.2", "", 0, 0, true},
		{".1.2", "", 0, 0, true},
		{"ab.x.2", "", 0, 0, true},
		{"ab.1.-2", "", 0, 0, true},
	}
	for _, tt := range tests {
		p, s, k, err := ParseFactID(tt.in)
		if (err != nil) != tt.wantErr {
			t.Errorf("ParseFactID(%q) err = %v", tt.in, err)
			continue
		}
		if !tt.wantErr && (p != tt.prefix || s != tt.s || k != tt.k) {
			t.Errorf("ParseFactID(%q) = %q %d %d", tt.in, p, s, k)
		}
	}
}

// has reports whether qs holds the quad written as N-Quads fields.
func has(qs []quad.Quad, s, p, o, l string) bool {
	for _, q := range qs {
		if q.Subject.String() == s && q.Predicate.String() == p && q.Object.String() == o && q.Label.String() == l {
			return true
		}
	}
	return false
}

func TestQuadsModel(t *testing.T) {
	a := seedArticle()
	qs, err := Quads(a)
	if err != nil {
		t.Fatal(err)
	}
	doc := "<" + string(DocIRI(a.Source)) + ">"
	s0 := "<" + string(SentenceIRI(DocIRI(a.Source), 0)) + ">"
	s1 := "<" + string(SentenceIRI(DocIRI(a.Source), 1)) + ">"
	s2 := "<" + string(SentenceIRI(DocIRI(a.Source), 2)) + ">"
	s3 := "<" + string(SentenceIRI(DocIRI(a.Source), 3)) + ">"
	st11 := "<" + string(StatementIRI(DocIRI(a.Source), 1, 1)) + ">"
	st20 := "<" + string(StatementIRI(DocIRI(a.Source), 2, 0)) + ">"
	st30 := "<" + string(StatementIRI(DocIRI(a.Source), 3, 0)) + ">"
	zel := "<" + EntityNS + "volodymyr_zelenskiy>"
	nis := "<" + EntityNS + "national_intelligence_service>"
	nk := "<" + EntityNS + "north_korea>"
	iri := func(s string) string { return "<" + s + ">" }
	tests := []struct {
		name       string
		s, p, o, l string
		want       bool
	}{
		{"doc type", doc, iri(RDFType), iri(SchemaNewsArticle), doc, true},
		{"doc date", doc, iri(SchemaDatePublished), `"2025-01-12"^^` + iri(XSDDate), doc, true},
		{"doc source", doc, iri(NGSource), `"data/seed/article.txt"`, doc, true},
		{"doc hash", doc, iri(NGContentHash), `"` + a.Hash + `"`, doc, true},
		{"doc counts", doc, iri(NGFactCount), `"5"^^` + iri(XSDInteger), doc, true},
		{"doc mentions", doc, iri(SchemaMentions), nis, doc, true},
		{"sentence part of", s1, iri(SchemaIsPartOf), doc, doc, true},
		{"sentence offsets", s1, iri(NGStart), `"900"^^` + iri(XSDInteger), doc, true},
		{"entity type", zel, iri(RDFType), iri(SchemaPerson), doc, true},
		{"entity label", nis, iri(RDFSLabel), `"National Intelligence Service"`, doc, true},
		{"entity alias", nis, iri(SKOSAltLabel), `"NIS"`, doc, true},
		{"alias equal to name skipped", zel, iri(SKOSAltLabel), `"Volodymyr Zelenskiy"`, doc, false},
		{"entity mentions", zel, iri(NGMentions), `"6"^^` + iri(XSDInteger), doc, true},
		{"sameAs", nis, iri(OWLSameAs), "<http://www.wikidata.org/entity/Q1054930>", doc, true},
		{"attributed fact has direct triple", zel, iri(RelNS + "hand_over"), `"captured North Korean soldiers"`, s0, true},
		{"confirm direct triple", nis, iri(RelNS + "confirm"), `"that the Ukrainian military captured two North Korean soldiers"`, s1, true},
		{"typed object", "<" + EntityNS + "ukrainian_military>", iri(RelNS + "capture"), `"2"^^` + iri(XSDInteger), s1, true},
		{"negated fact: no direct triple", nk, iri(RelNS + "comment"), `"the reports"`, s2, false},
		{"negated statement", st20, iri(NGNegated), `"true"^^` + iri(XSDBoolean), s2, true},
		{"negated statement kept", st20, iri(RDFType), iri(RDFStatement), s2, true},
		{"statement derived from sentence", st11, iri(ProvDerivedFrom), s1, s1, true},
		{"statement attribution", st11, iri(ProvAttributedTo), nis, s1, true},
		{"statement date", st11, iri(NGDate), `"2025-01-09"^^` + iri(XSDDate), s1, true},
		{"statement place", st11, iri(NGPlace), "<" + EntityNS + "kursk>", s1, true},
		{"statement fact id", st11, iri(NGFactID), `"` + FactID(DocIRI(a.Source), 1, 1) + `"`, s1, true},
		{"statement confidence", st11, iri(NGConfidence), `"0.85"^^` + iri(XSDDecimal), s1, true},
		{"gYear", st30, iri(NGDate), `"2024"^^` + iri(XSDGYear), s3, true},
		{"confidence 1 as decimal", st30, iri(NGConfidence), `"1.0"^^` + iri(XSDDecimal), s3, true},
		{"quantity", nk, iri(RelNS + "send"), `"11000"^^` + iri(XSDInteger), s3, true},
		{"unit", st30, iri(NGUnit), `"troops"`, s3, true},
		{"n-ary arg", st30, iri(NGArgPrefix + "to"), "<" + EntityNS + "russia>", s3, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := has(qs, tt.s, tt.p, tt.o, tt.l); got != tt.want {
				t.Errorf("has %s %s %s %s = %v, want %v", tt.s, tt.p, tt.o, tt.l, got, tt.want)
			}
		})
	}
}

func TestQuadsDeterministicAndValid(t *testing.T) {
	a, b := seedArticle(), seedArticle()
	qa, err := Quads(a)
	if err != nil {
		t.Fatal(err)
	}
	qb, _ := Quads(b)
	if len(qa) != len(qb) {
		t.Fatalf("%d vs %d quads", len(qa), len(qb))
	}
	seen := map[quad.Quad]bool{}
	for i := range qa {
		if qa[i] != qb[i] {
			t.Fatalf("quad %d differs: %v vs %v", i, qa[i], qb[i])
		}
		if !qa[i].IsValid() || seen[qa[i]] {
			t.Fatalf("quad %d invalid or duplicate: %v", i, qa[i])
		}
		if _, ok := qa[i].Subject.(quad.BNode); ok {
			t.Fatalf("blank node in %v", qa[i])
		}
		seen[qa[i]] = true
	}
}

func TestQuadsInvalid(t *testing.T) {
	tests := []struct {
		name string
		edit func(a *Article) *Article
		want string
	}{
		{"nil", func(*Article) *Article { return nil }, "nil"},
		{"no source", func(a *Article) *Article { a.Source = " "; return a }, "empty Source"},
		{"bad utf8", func(a *Article) *Article { a.Headline = "bad \xff"; return a }, "Headline is not valid UTF-8"},
		{"bad utf8 sentence", func(a *Article) *Article { a.Sentences[2].Text = "\xc3"; return a }, "sentence 2"},
		{"fact out of range", func(a *Article) *Article { a.Facts[0].Sentence = 99; return a }, "refers to sentence 99"},
		{"entity no key", func(a *Article) *Article { a.Entities[0].Key = ""; return a }, "has no Key"},
		{"fact no relation", func(a *Article) *Article { a.Facts[1].Relation = ""; return a }, "has no Relation"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Quads(tt.edit(seedArticle()))
			if !errors.Is(err, ErrInvalidArticle) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want ErrInvalidArticle with %q", err, tt.want)
			}
		})
	}
}

func TestLiteralControlCharacters(t *testing.T) {
	if got := lit("a\x00b\tc\x7f"); got != "a b\tc " {
		t.Fatalf("lit = %q", got)
	}
}

// TestEntityKinds: entities are schema:mentioned with their roles and birth
// date; concepts are skos:Concepts nobody mentions; article-local
// individuals live under the document; an unresolved pronoun is never a
// node nor part of a direct triple.
func TestEntityKinds(t *testing.T) {
	a := &Article{Source: "s", Hash: "h", Sentences: []Sentence{{Text: "x"}},
		Entities: []Entity{
			{Key: "Person/john_kirby", Name: "John Kirby", Type: "Person", Aliases: []string{"Kirby"}, Roles: []string{"White House spokesman"}, Mentions: 2},
			{Key: "Person/one_prisoner", Name: "one prisoner", Type: "Person", Local: true, Born: "2005", Mentions: 3},
			{Key: "Concept/north_korean_soldier", Name: "North Korean soldier", Type: Concept},
		},
		Facts: []Fact{
			{Sentence: 0, Subject: Term{Entity: "Person/one_prisoner", Text: "he"}, Relation: "be", Object: Term{Text: "a sniper"}},
			{Sentence: 0, Subject: Term{Entity: "Person/john_kirby", Text: "Kirby"}, Relation: "see", Object: Term{Text: "him", Unresolved: true}},
			{Sentence: 0, Subject: Term{Text: "they", Unresolved: true}, Relation: "capture", Object: Term{Entity: "Concept/north_korean_soldier", Text: "soldiers"}},
		}}
	qs, err := Quads(a)
	if err != nil {
		t.Fatal(err)
	}
	doc := DocIRI("s")
	local := LocalEntityIRI(doc, "Person/one_prisoner")
	concept := EntityIRI("Concept/north_korean_soldier")
	kirby := EntityIRI("Person/john_kirby")
	has := func(s quad.Value, p string, o quad.Value) bool {
		for _, q := range qs {
			if q.Subject == s && q.Predicate == quad.IRI(p) && q.Object == o {
				return true
			}
		}
		return false
	}
	for _, tt := range []struct {
		name string
		s    quad.Value
		p    string
		o    quad.Value
		want bool
	}{
		{"kirby mentioned", doc, SchemaMentions, kirby, true},
		{"kirby role", kirby, SchemaJobTitle, quad.String("White House spokesman"), true},
		{"role is no alias", kirby, SKOSAltLabel, quad.String("White House spokesman"), false},
		{"local mentioned", doc, SchemaMentions, local, true},
		{"local born", local, SchemaBirthDate, quad.TypedString{Value: "2005", Type: quad.IRI(XSDGYear)}, true},
		{"local fact", local, RelNS + "be", quad.String("a sniper"), true},
		{"concept typed", concept, RDFType, quad.IRI(SKOSConcept), true},
		{"concept not mentioned", doc, SchemaMentions, concept, false},
		{"unresolved object: no triple", kirby, RelNS + "see", quad.String("him"), false},
	} {
		if got := has(tt.s, tt.p, tt.o); got != tt.want {
			t.Errorf("%s: %v %s %v present = %v", tt.name, tt.s, tt.p, tt.o, got)
		}
	}
	for _, q := range qs {
		if q.Predicate == quad.IRI(RelNS+"capture") {
			t.Errorf("direct triple with an unresolved subject: %v", q)
		}
		if q.Object == quad.String("him") && q.Predicate == quad.IRI(RDFObject) || q.Object == quad.String("they") && q.Predicate == quad.IRI(RDFSubject) {
			t.Errorf("unresolved pronoun as a statement's node: %v", q)
		}
	}
}
