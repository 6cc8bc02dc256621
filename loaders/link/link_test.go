package link

import (
	"context"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
)

func seedKB() *MemKB {
	return NewMemKB([]Item{
		{ID: "Q30", IRI: WikidataNS + "Q30", Label: "United States of America", Names: []string{"United States"},
			Codes: []string{"US", "USA"}, Type: Country, Country: "Q30", Capital: "Q61", Prior: 1},
		{ID: "Q884", IRI: WikidataNS + "Q884", Label: "South Korea", Type: Country, Country: "Q884", Capital: "Q8684", Prior: 1},
		{ID: "Q423", IRI: WikidataNS + "Q423", Label: "North Korea", Demonyms: []string{"North Korean", "North Koreans"},
			Type: Country, Country: "Q423", Prior: 1},
		{ID: "Q8684", IRI: WikidataNS + "Q8684", Label: "Seoul", Type: City, Country: "Q884", Capital: "Q884", Prior: 1},
		{ID: "Q810", IRI: WikidataNS + "Q810", Label: "Jordan", Type: Country, Country: "Q810", Prior: 1},
	})
}

func TestArticle(t *testing.T) {
	ents := []graph.Entity{
		{Key: "Country/united_states", Name: "United States", Type: Country, Mentions: 2},
		{Key: "Organization/us", Name: "U.S.", Type: Organization, Mentions: 1},
		{Key: "City/seoul", Name: "Seoul", Type: City, Mentions: 1},
		{Key: "Group/north_koreans", Name: "North Koreans", Type: Group, Mentions: 1},
		{Key: "Person/jordan", Name: "Jordan", Type: Person, Mentions: 1},
		{Key: "Thing/training", Name: "training", Type: Thing, Mentions: 1},
	}
	facts := []graph.Fact{
		{Sentence: 0, Subject: graph.Term{Entity: "City/seoul", Text: "Seoul"}, Relation: "say", Quote: "…"},
		{Sentence: 0, Subject: graph.Term{Entity: "Organization/us", Text: "the U.S."}, Relation: "send",
			Object: graph.Term{Entity: "Group/north_koreans"}, Attribution: "City/seoul"},
		{Sentence: 1, Subject: graph.Term{Entity: "City/seoul", Text: "Seoul"}, Relation: "be", Object: graph.Term{Text: "a city"}},
	}
	l := &Linker{KB: seedKB(), Name: "test"}
	out, fs, err := l.Article(context.Background(), ents, facts)
	if err != nil {
		t.Fatal(err)
	}
	byKey := map[string]graph.Entity{}
	for _, e := range out {
		byKey[e.Key] = e
	}
	us, ok := byKey["wd/Q30"]
	if !ok || us.Mentions != 3 || len(us.Links) != 1 || us.Links[0].Target != WikidataNS+"Q30" || us.Type != Country {
		t.Errorf("United States and U.S. are not one linked entity: %+v", us)
	}
	if _, ok := byKey["wd/Q8684"]; !ok {
		t.Errorf("Seoul not linked: %+v", out)
	}
	sk, ok := byKey["wd/Q884"]
	if !ok || sk.Name != "South Korea" || len(sk.SameAs) != 1 {
		t.Errorf("South Korea not added for \"Seoul said\": %+v", out)
	}
	if fs[0].Subject.Entity != "wd/Q884" || fs[0].Subject.Text != "Seoul" {
		t.Errorf("\"Seoul said\": subject %+v, want South Korea with text Seoul", fs[0].Subject)
	}
	if fs[1].Attribution != "wd/Q884" || fs[1].Subject.Entity != "wd/Q30" {
		t.Errorf("fact 1: %+v", fs[1])
	}
	if fs[2].Subject.Entity != "wd/Q8684" {
		t.Errorf("\"Seoul is a city\": subject %q, want the city", fs[2].Subject.Entity)
	}
	nk := byKey["Group/north_koreans"]
	if nk.Country != "wd/Q423" || len(nk.SameAs) != 0 {
		t.Errorf("North Koreans: country %q sameAs %v, want wd/Q423 and none", nk.Country, nk.SameAs)
	}
	if j := byKey["Person/jordan"]; len(j.SameAs) != 0 {
		t.Errorf("a person Jordan linked to %v", j.SameAs)
	}
	if _, ok := byKey["Thing/training"]; !ok {
		t.Errorf("a Thing changed key: %+v", out)
	}
	// Deterministic: the same input gives the same output.
	out2, _, _ := l.Article(context.Background(), ents, facts)
	if len(out2) != len(out) {
		t.Errorf("second run: %d entities, first %d", len(out2), len(out))
	}
}

type fakeKnown map[string][]graph.NamedEntity

func (f fakeKnown) EntitiesNamed(_ context.Context, name string, surnames bool) ([]graph.NamedEntity, error) {
	if !surnames {
		return f["full:"+graph.NameKey(name)], nil
	}
	return append(f["full:"+graph.NameKey(name)], f[graph.NameKey(name)]...), nil
}

func TestJoin(t *testing.T) {
	known := fakeKnown{
		"zelensky": {{IRI: graph.EntityIRI("Person/volodymyr_zelenskiy"), Types: []string{Person}}},
		"smith":    {{IRI: graph.EntityIRI("Person/jane_smith"), Types: []string{Person}}},
		"obama": {{IRI: graph.EntityIRI("Person/barack_obama"), Types: []string{Person}},
			{IRI: graph.EntityIRI("Person/michelle_obama"), Types: []string{Person}}},
		"full:apple": {{IRI: graph.EntityIRI("Organization/apple_inc"), Types: []string{Organization}}},
	}
	a := &graph.Article{
		Entities: []graph.Entity{
			{Key: "Person/zelenskyy", Name: "Zelenskyy", Type: Person},
			{Key: "Person/obama", Name: "Obama", Type: Person},
			{Key: "Person/apple", Name: "Apple", Type: Person},
			{Key: "Named/apple", Name: "Apple", Type: Thing},
			{Key: "Person/john_smith", Name: "John Smith", Type: Person, Aliases: []string{"Smith"}},
		},
		Facts: []graph.Fact{{Subject: graph.Term{Entity: "Person/zelenskyy"}, Relation: "say"}},
	}
	if err := Join(context.Background(), known, a); err != nil {
		t.Fatal(err)
	}
	want := []string{"Named/volodymyr_zelenskiy", "Person/obama", "Person/apple", "Named/apple_inc", "Person/john_smith"}
	for i, e := range a.Entities {
		if e.Key != want[i] {
			t.Errorf("entity %q: key %q, want %q", e.Name, e.Key, want[i])
		}
	}
	if a.Joined["Person/zelenskyy"] != "Named/volodymyr_zelenskiy" {
		t.Errorf("Joined = %v", a.Joined)
	}
	if a.Facts[0].Subject.Entity != "Named/volodymyr_zelenskiy" {
		t.Errorf("fact subject %q not rewritten", a.Facts[0].Subject.Entity)
	}
	if graph.EntityIRI(a.Entities[0].Key) != graph.EntityIRI("Person/volodymyr_zelenskiy") {
		t.Errorf("joined IRI %s", graph.EntityIRI(a.Entities[0].Key))
	}
}

func TestProperName(t *testing.T) {
	for _, c := range []struct {
		name string
		want bool
	}{{"Scientific Reports", true}, {"Bank of England", true}, {"YouTube", true}, {"FEC", true},
		{"Protesters", false}, {"Zelenskyy", false}, {"Local officials", false}, {"training", false}} {
		if got := properName(c.name); got != c.want {
			t.Errorf("properName(%q) = %v", c.name, got)
		}
	}
}

// TestJoinKeepsArticleEntitiesApart: Join never makes two entities of one
// article one.
func TestJoinKeepsArticleEntitiesApart(t *testing.T) {
	known := fakeKnown{"obama": {{IRI: graph.EntityIRI("Person/michelle_obama"), Types: []string{Person}}}}
	a := &graph.Article{Entities: []graph.Entity{
		{Key: "Person/michelle_obama", Name: "Michelle Obama", Type: Person},
		{Key: "Person/obama", Name: "Obama", Type: Person},
	}}
	if err := Join(context.Background(), known, a); err != nil {
		t.Fatal(err)
	}
	if len(a.Entities) != 2 || a.Entities[1].Key != "Person/obama" || len(a.Joined) != 0 {
		t.Errorf("entities %+v, joined %v", a.Entities, a.Joined)
	}
}
