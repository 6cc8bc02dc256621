package graph

import (
	"context"
	"testing"

	"github.com/cayleygraph/quad"
)

// TestEntityIRIPolicy: the IRI of an entity depends on its Wikidata item
// when linked, else on its name, never on its type.
func TestEntityIRIPolicy(t *testing.T) {
	for _, c := range []struct{ key, want string }{
		{"wd/Q159", "wd/Q159"},
		{"Country/united_states", "united_states"},
		{"Organization/united_states", "united_states"},
		{"Thing/training", "thing/training"},
		{"training", "thing/training"},
	} {
		if got := EntityIRI(c.key); got != quad.IRI(EntityNS+c.want) {
			t.Errorf("EntityIRI(%q) = %s, want %s", c.key, got, EntityNS+c.want)
		}
	}
}

func TestQuadsLinks(t *testing.T) {
	a := &Article{Source: "x.txt", Hash: "h", Sentences: []Sentence{{Text: "Seoul said."}},
		Entities: []Entity{{Key: "wd/Q8684", Name: "Seoul", Type: "City", Mentions: 1, Country: "wd/Q884",
			SameAs: []string{"http://www.wikidata.org/entity/Q8684"},
			Links:  []Link{{Target: "http://www.wikidata.org/entity/Q8684", Score: 0.93, Features: "match=label", KB: "bundled"}}}}}
	qs, err := Quads(a)
	if err != nil {
		t.Fatal(err)
	}
	doc := DocIRI("x.txt")
	ent := quad.IRI(EntityNS + "wd/Q8684")
	li := LinkIRI(doc, 0)
	want := []quad.Quad{
		{Subject: ent, Predicate: quad.IRI(OWLSameAs), Object: quad.IRI("http://www.wikidata.org/entity/Q8684"), Label: doc},
		{Subject: ent, Predicate: quad.IRI(NGCountry), Object: quad.IRI(EntityNS + "wd/Q884"), Label: doc},
		{Subject: li, Predicate: quad.IRI(RDFType), Object: quad.IRI(NGLink), Label: doc},
		{Subject: li, Predicate: quad.IRI(RDFSubject), Object: ent, Label: doc},
		{Subject: li, Predicate: quad.IRI(RDFObject), Object: quad.IRI("http://www.wikidata.org/entity/Q8684"), Label: doc},
		{Subject: li, Predicate: quad.IRI(NGScore), Object: typed("0.93", XSDDecimal), Label: doc},
		{Subject: li, Predicate: quad.IRI(NGLinkFeatures), Object: quad.String("match=label"), Label: doc},
		{Subject: li, Predicate: quad.IRI(NGKB), Object: quad.String("bundled"), Label: doc},
	}
	have := map[quad.Quad]bool{}
	for _, q := range qs {
		have[q] = true
	}
	for _, q := range want {
		if !have[q] {
			t.Errorf("missing %v", q)
		}
	}
}

// TestStatsLinksAreNoFacts: link statements are not counted as facts.
func TestStatsLinksAreNoFacts(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, Options{Backend: BackendMemstore})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	a := &Article{Source: "x.txt", Hash: "h", Sentences: []Sentence{{Text: "Seoul said so."}},
		Entities: []Entity{{Key: "wd/Q8684", Name: "Seoul", Type: "City", Mentions: 1,
			SameAs: []string{"http://www.wikidata.org/entity/Q8684"},
			Links:  []Link{{Target: "http://www.wikidata.org/entity/Q8684", Score: 0.9}}}},
		Facts: []Fact{{Sentence: 0, Subject: Term{Entity: "wd/Q8684", Text: "Seoul"}, Relation: "say", Object: Term{Text: "so"}}}}
	if _, err := st.WriteArticle(ctx, a); err != nil {
		t.Fatal(err)
	}
	s, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s.Facts != 1 {
		t.Errorf("Stats.Facts = %d, want 1 (the link statement is no fact)", s.Facts)
	}
}

// TestJoinKeepsNameKeys: an entity an article joined to a stored one
// (Article.Joined: "Obama" → Michelle Obama) keeps its name keys on its own
// IRI, so "obama" does not become a full name of Michelle Obama, and
// resolve, undoing the join, finds them where the article wrote them.
func TestJoinKeepsNameKeys(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, Options{Backend: BackendMemstore})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	c := &Article{Source: "c.txt", Hash: "c", Sentences: []Sentence{{Text: "Michelle Obama spoke."}},
		Entities: []Entity{{Key: "Person/Michelle Obama", Name: "Michelle Obama", Type: "Person", Mentions: 1}}}
	b := &Article{Source: "b.txt", Hash: "b", Sentences: []Sentence{{Text: "Obama spoke."}},
		Entities: []Entity{{Key: "Person/Michelle Obama", Name: "Obama", Type: "Person", Mentions: 1}},
		Joined:   map[string]string{"Person/Obama": "Person/Michelle Obama"}}
	for _, a := range []*Article{c, b} {
		if _, err := st.WriteArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	michelle, obama := EntityIRI("Person/Michelle Obama"), EntityIRI("Person/Obama")
	nes, err := st.EntitiesNamed(ctx, "Obama", false)
	if err != nil {
		t.Fatal(err)
	}
	for _, ne := range nes {
		if ne.IRI == michelle {
			t.Errorf("EntitiesNamed(Obama) finds %s: the joined entity's name key moved onto it", michelle)
		}
	}
	keys, err := st.values(ctx, obama, NGNameKey, DocIRI("b.txt"))
	if err != nil || len(keys) != 1 || Lexical(keys[0]) != "obama" {
		t.Errorf("b.txt's name keys of %s: %v, %v; want \"obama\"", obama, keys, err)
	}
	if got, err := st.values(ctx, DocIRI("b.txt"), SchemaMentions, DocIRI("b.txt")); err != nil || len(got) != 1 || got[0] != michelle {
		t.Errorf("b.txt mentions %v, %v; want the join kept (%s)", got, err, michelle)
	}
}

// TestEntitiesNamedDocs: when a name finds several stored entities, each
// comes with the number of documents that mention it.
func TestEntitiesNamedDocs(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, Options{Backend: BackendMemstore})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	art := func(src, name string) *Article {
		return &Article{Source: src, Hash: src, Sentences: []Sentence{{Text: name + " spoke."}},
			Entities: []Entity{{Key: "Person/" + name, Name: name, Type: "Person", Mentions: 1}}}
	}
	for _, a := range []*Article{art("a.txt", "Donald Trump"), art("b.txt", "Donald Trump"), art("c.txt", "Donald Trump"), art("d.txt", "Mary Trump")} {
		if _, err := st.WriteArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	nes, err := st.EntitiesNamed(ctx, "Trump", true)
	if err != nil {
		t.Fatal(err)
	}
	docs := map[quad.IRI]int{}
	for _, ne := range nes {
		docs[ne.IRI] = ne.Docs
	}
	if len(nes) != 2 || docs[EntityIRI("Person/Donald Trump")] != 3 || docs[EntityIRI("Person/Mary Trump")] != 1 {
		t.Errorf("EntitiesNamed(Trump) = %+v, want Donald Trump in 3 documents and Mary Trump in 1", nes)
	}
}

// TestJoinedNames: the names of the articles' entities an identity map
// joined into an entity are found from the entity, through its identity
// keys and their records.
func TestJoinedNames(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, Options{Backend: BackendMemstore})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, a := range []*Article{
		{Source: "a.txt", Hash: "a", Sentences: []Sentence{{Text: "Barack Obama spoke."}},
			Entities: []Entity{{Key: "Person/barack_obama", Name: "Barack Obama", Type: "Person", Mentions: 1}}},
		{Source: "b.txt", Hash: "b", Sentences: []Sentence{{Text: "Obama spoke."}},
			Entities: []Entity{{Key: "Person/obama", Name: "Obama", Type: "Person", Mentions: 1}}},
	} {
		if _, err := st.WriteArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	barack, obama := EntityIRI("Person/barack_obama"), EntityIRI("Person/obama")
	if got, err := st.JoinedNames(ctx, barack); err != nil || len(got) != 0 {
		t.Errorf("before the merge: %v, %v", got, err)
	}
	if _, err := st.AddCorrection(ctx, Correction{Kind: NGMerge, Entity: barack, Other: obama}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Reidentify(ctx, nil); err != nil {
		t.Fatal(err)
	}
	got, err := st.JoinedNames(ctx, barack)
	if err != nil || len(got) != 1 || len(got[obama]) != 1 || got[obama][0] != "Obama" {
		t.Errorf("JoinedNames(Barack Obama) = %v, %v; want Obama's \"Obama\"", got, err)
	}
}
