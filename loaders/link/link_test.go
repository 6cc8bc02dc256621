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

// TestJoinDominant: a bare surname that several stored people bear joins
// the one the store mentions far more often than all others together; a
// full name stays the node of that name even when a bare surname node
// exists beside it.
func TestJoinDominant(t *testing.T) {
	donald := graph.NamedEntity{IRI: graph.EntityIRI("Person/donald_trump"), Types: []string{Person}, Docs: 40}
	bare := graph.NamedEntity{IRI: graph.EntityIRI("Person/trump"), Types: []string{Person}, Docs: 8}
	known := fakeKnown{
		"full:trump":        {bare},
		"trump":             {donald, {IRI: graph.EntityIRI("Person/mary_trump"), Types: []string{Person}, Docs: 1}},
		"full:donald trump": {donald},
		"obama": {{IRI: graph.EntityIRI("Person/barack_obama"), Types: []string{Person}, Docs: 14},
			{IRI: graph.EntityIRI("Person/michelle_obama"), Types: []string{Person}, Docs: 6}},
	}
	for _, c := range []struct {
		e    graph.Entity
		want string
	}{
		{graph.Entity{Key: "Person/trump", Name: "Trump", Type: Person}, "Named/donald_trump"},                                          // 40 ≥ 3 × 1 (its own node does not count)
		{graph.Entity{Key: "Thing/trump", Name: "Trump", Type: Thing}, "Named/donald_trump"},                                            // a capitalised word the recogniser left
		{graph.Entity{Key: "Person/obama", Name: "Obama", Type: Person}, "Person/obama"},                                                // 14 < 3 × 6: stays apart
		{graph.Entity{Key: "Person/donald_trump", Name: "Donald Trump", Type: Person}, "Person/donald_trump"},                           // its own name, not the bare node
		{graph.Entity{Key: "Place/united_states_donald_trump", Name: "United States Donald Trump", Type: Place}, "Person/donald_trump"}, // glued to a title
	} {
		a := &graph.Article{Entities: []graph.Entity{c.e}}
		if err := Join(context.Background(), known, a); err != nil {
			t.Fatal(err)
		}
		if got := a.Entities[0].Key; got != c.want {
			t.Errorf("%s %q joins %q, want %q", c.e.Type, c.e.Name, got, c.want)
		}
	}
}

func TestPersonName(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"U.S. President Donald Trump", "Donald Trump"},
		{"United States Donald Trump", "Donald Trump"},
		{"President Trump", "Trump"},
		{"Democratic candidate Joe Biden", "Joe Biden"},
		{"Senate Majority Leader Mitch McConnell", "Mitch McConnell"},
		{"First Lady Melania Trump", "Melania Trump"},
		{"Lady Gaga", "Lady Gaga"},
		{"Pope Francis", "Pope Francis"},
		{"President", "President"},
		{"former president", "former president"},
		{"Justin Amash", "Justin Amash"},
	} {
		if got := personName(c.in); got != c.want {
			t.Errorf("personName(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestInstitutions: the bundled KB's national institutions link by their
// full names anywhere, by their short names ("Congress", "Supreme Court")
// only in an article about their country, get the IRI of their English
// name and the DBpedia resource as owl:sameAs; "Great Britain" the country
// is the United Kingdom, not the island.
func TestInstitutions(t *testing.T) {
	kb, err := Bundled()
	if err != nil {
		t.Fatal(err)
	}
	l := &Linker{KB: kb, Name: "bundled"}
	for _, c := range []struct {
		name string
		ents []graph.Entity
		want map[string]string // entity name → key after linking
	}{
		{"US article", []graph.Entity{
			{Key: "Country/united_states", Name: "United States", Type: Country, Mentions: 4},
			{Key: "Country/japan", Name: "Japan", Type: Country, Mentions: 1},
			{Key: "Organization/congress", Name: "Congress", Type: Organization, Mentions: 2},
			{Key: "Organization/us_senate", Name: "U.S. Senate", Type: Organization, Mentions: 1},
			{Key: "Organization/supreme_court", Name: "Supreme Court", Type: Organization, Mentions: 1},
		}, map[string]string{"Congress": "Organization/united_states_congress", "U.S. Senate": "Organization/united_states_senate",
			"Supreme Court": "Organization/supreme_court_of_the_united_states"}},
		{"UK article naming the US once", []graph.Entity{
			{Key: "Country/united_kingdom", Name: "United Kingdom", Type: Country, Mentions: 5},
			{Key: "Country/us", Name: "US", Type: Country, Mentions: 1},
			{Key: "Organization/supreme_court", Name: "Supreme Court", Type: Organization, Mentions: 3},
			{Key: "Country/great_britain", Name: "Great Britain", Type: Country, Mentions: 1},
		}, map[string]string{"Supreme Court": "Organization/supreme_court", "Great Britain": "wd/Q145"}},
		{"no country", []graph.Entity{
			{Key: "Organization/senate", Name: "Senate", Type: Organization, Mentions: 1},
		}, map[string]string{"Senate": "Organization/senate"}},
		{"a person's title names the country", []graph.Entity{
			{Key: "Person/former_us_senator_kay_hagan", Name: "Former US Senator Kay Hagan", Type: Person, Mentions: 2},
			{Key: "Person/richard_burr", Name: "Richard Burr", Type: Person, Mentions: 1, Roles: []string{"U.S. Senator"}},
			{Key: "Organization/senate", Name: "Senate", Type: Organization, Mentions: 1},
		}, map[string]string{"Senate": "Organization/united_states_senate", "Kay Hagan": "Person/kay_hagan"}},
		{"a US institution names the country", []graph.Entity{
			{Key: "Organization/senate", Name: "Senate", Type: Organization, Mentions: 1},
			{Key: "Organization/united_states_congress", Name: "United States Congress", Type: Organization, Mentions: 1},
		}, map[string]string{"Senate": "Organization/united_states_senate", "United States Congress": "Organization/united_states_congress"}},
	} {
		out, _, err := l.Article(context.Background(), c.ents, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range out {
			want, ok := c.want[e.Name]
			if !ok {
				continue
			}
			if e.Key != want {
				t.Errorf("%s: %q → %q, want %q", c.name, e.Name, e.Key, want)
			}
		}
	}
	out, _, _ := l.Article(context.Background(), []graph.Entity{
		{Key: "Organization/us_congress", Name: "US Congress", Type: Organization, Mentions: 1}}, nil)
	if len(out) != 1 || len(out[0].SameAs) != 1 || out[0].SameAs[0] != DBpediaNS+"United_States_Congress" || out[0].Country != "wd/Q30" {
		t.Errorf("US Congress: %+v, want sameAs dbr:United_States_Congress and country wd/Q30", out)
	}
}

// TestUntitle: a person named with titles gets the key of the name proper,
// and a titled bare surname merges with the article's one full name of
// that surname.
func TestUntitle(t *testing.T) {
	l := &Linker{KB: seedKB(), Name: "test"}
	out, facts, err := l.Article(context.Background(), []graph.Entity{
		{Key: "Place/us_biden", Name: "US Biden", Type: Place, Mentions: 1},
		{Key: "Person/us_president_trump", Name: "U.S. President Trump", Type: Person, Mentions: 2},
		{Key: "Person/donald_trump", Name: "Donald Trump", Type: Person, Mentions: 3},
		{Key: "Person/democratic_candidate_joe_biden", Name: "Democratic candidate Joe Biden", Type: Person, Mentions: 1},
		{Key: "Person/president_obama", Name: "President Obama", Type: Person, Mentions: 1},
	}, []graph.Fact{{Subject: graph.Term{Entity: "Person/us_president_trump"}, Relation: "say"}})
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]graph.Entity{}
	for _, e := range out {
		keys[e.Key] = e
	}
	if len(out) != 3 || keys["Person/donald_trump"].Mentions != 5 || !contains(keys["Person/donald_trump"].Roles, "U.S. President") {
		t.Errorf("U.S. President Trump not merged into Donald Trump: %+v", out)
	}
	if e, ok := keys["Person/joe_biden"]; !ok || e.Name != "Joe Biden" || e.Type != Person || !contains(e.Aliases, "US Biden") {
		t.Errorf("Democratic candidate Joe Biden: %+v", out)
	}
	if _, ok := keys["Person/obama"]; !ok {
		t.Errorf("President Obama (no full name in the article) should be Obama: %+v", out)
	}
	if facts[0].Subject.Entity != "Person/donald_trump" {
		t.Errorf("fact subject %q", facts[0].Subject.Entity)
	}
}

// TestGenericNames: an unlinked weekday or institution name is the
// article's own entity; a linked one is not.
func TestGenericNames(t *testing.T) {
	kb, err := Bundled()
	if err != nil {
		t.Fatal(err)
	}
	l := &Linker{KB: kb, Name: "bundled"}
	out, _, err := l.Article(context.Background(), []graph.Entity{
		{Key: "Country/united_kingdom", Name: "United Kingdom", Type: Country, Mentions: 3},
		{Key: "Organization/supreme_court", Name: "Supreme Court", Type: Organization, Mentions: 2},
		{Key: "Organization/us_embassy", Name: "US Embassy", Type: Organization, Mentions: 1},
		{Key: "Person/monday", Name: "Monday", Type: Person, Mentions: 1},
		{Key: "Organization/us_senate", Name: "U.S. Senate", Type: Organization, Mentions: 1},
		{Key: "Organization/acme", Name: "Acme", Type: Organization, Mentions: 1},
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"Supreme Court": true, "US Embassy": true, "Monday": true}
	for _, e := range out {
		if e.Local != want[e.Name] {
			t.Errorf("%q: Local %v, want %v", e.Name, e.Local, want[e.Name])
		}
	}
}
