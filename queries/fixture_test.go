package queries

import (
	"context"
	"strings"
	"testing"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"

	"github.com/newsgraph/newsgraph/graph"
)

// The fixture: the seed article as the loaders would give it (a part of
// it), and a second article sharing Zelenskiy, Kirby, North Korea, Kyiv and
// Kursk with it.
const (
	seedSource  = "data/seed/article.txt"
	briefSource = "https://example.org/news/kirby-briefing"
)

// article builds an Article whose Text is the sentences joined by blank
// lines, so the offsets are real.
func article(src, headline string, published time.Time, sents []string, ents []graph.Entity, facts []graph.Fact) *graph.Article {
	a := &graph.Article{Source: src, Hash: strings.Repeat("ab", 32), Headline: headline, Published: published,
		Publisher: "RFE/RL", Entities: ents, Facts: facts}
	var b strings.Builder
	for i, s := range sents {
		if i > 0 {
			b.WriteString("\n\n")
		}
		start := b.Len()
		b.WriteString(s)
		a.Sentences = append(a.Sentences, graph.Sentence{Text: s, Start: start, End: b.Len()})
	}
	a.Text = b.String()
	return a
}

func ent(key string) graph.Term { return graph.Term{Entity: key} }

const (
	zelenskiy = "Person/volodymyr_zelenskiy"
	kim       = "Person/kim_jong_un"
	kirby     = "Person/john_kirby"
	nis       = "Organization/national_intelligence_service"
	military  = "Organization/ukrainian_military"
	soldiers  = "Group/north_korean_soldiers"
	sKorea    = "Country/south_korea"
	nKorea    = "Country/north_korea"
	ukraine   = "Country/ukraine"
	russia    = "Country/russia"
	georgiaC  = "wd/Q230" // linked to Wikidata: apart from the US state
	georgiaS  = "Place/georgia"
	kyiv      = "City/kyiv"
	kursk     = "Place/kursk"
)

func seedArticle() *graph.Article {
	sents := []string{
		"Ukrainian President Volodymyr Zelenskiy said he is prepared to hand over captured North Korean soldiers to Pyongyang if reclusive leader Kim Jong Un can arrange a prisoner swap for Ukrainians held in Russia.",
		"“Ukraine is ready to hand over his people to Kim Jong Un if he can organize their exchange for our soldiers who are in captivity in Russia,” Zelenskiy wrote on social media on January 12.",
		"The Ukrainian president’s comments came as South Korea said Kyiv had captured two North Korean soldiers, confirming remarks made a day earlier by Zelenskiy and other Ukrainian officials.",
		"“Through real-time cooperation with Ukraine’s intelligence agency…[South Korea’s National Intelligence Service] has confirmed that the Ukrainian military captured two North Korean soldiers on January 9 in the Kursk battlefield in Russia,” Seoul said in a statement.",
		"Neither North Korea nor Moscow has commented on the reports.",
		"Last fall, North Korea sent some 11,000 troops to the Kursk region to support Russian forces.",
		"White House spokesman John Kirby on December 27 told reporters that North Korean forces were suffering heavy casualties on the front lines.",
	}
	ents := []graph.Entity{
		{Key: zelenskiy, Name: "Volodymyr Zelenskiy", Type: "Person", Aliases: []string{"Zelenskiy", "Zelenskyy", "Ukrainian President Volodymyr Zelenskiy"}, Mentions: 6},
		{Key: kim, Name: "Kim Jong Un", Type: "Person", Mentions: 2},
		{Key: kirby, Name: "John Kirby", Type: "Person", Aliases: []string{"Kirby"}, Mentions: 2},
		{Key: nis, Name: "National Intelligence Service", Type: "Organization", Aliases: []string{"NIS", "South Korea’s intelligence agency"}, Mentions: 3},
		{Key: military, Name: "Ukrainian military", Type: "Organization", Mentions: 1},
		{Key: soldiers, Name: "North Korean soldiers", Type: "Group", Aliases: []string{"captured North Korean soldiers", "two North Korean soldiers"}, Mentions: 3},
		{Key: sKorea, Name: "South Korea", Type: "Country", Mentions: 3},
		{Key: nKorea, Name: "North Korea", Type: "Country", Mentions: 4},
		{Key: ukraine, Name: "Ukraine", Type: "Country", Mentions: 2},
		{Key: russia, Name: "Russia", Type: "Country", Mentions: 3},
		{Key: kyiv, Name: "Kyiv", Type: "City", Mentions: 1},
		{Key: kursk, Name: "Kursk", Type: "Place", Aliases: []string{"Kursk region"}, Mentions: 2},
	}
	facts := []graph.Fact{
		{Sentence: 0, Subject: ent(zelenskiy), Relation: "hand_over", RelationText: "is prepared to hand over",
			Object:   graph.Term{Entity: soldiers, Text: "captured North Korean soldiers"},
			Args:     []graph.Arg{{Prep: "to", Term: graph.Term{Text: "Pyongyang"}}},
			Modality: "prepared to", Condition: "if reclusive leader Kim Jong Un can arrange a prisoner swap",
			Attribution: zelenskiy, Confidence: 0.8},
		{Sentence: 0, Subject: ent(zelenskiy), Relation: "say", RelationText: "said",
			Object: graph.Term{Text: "he is prepared to hand over captured North Korean soldiers to Pyongyang"},
			Quote:  "he is prepared to hand over captured North Korean soldiers to Pyongyang", Confidence: 0.9},
		{Sentence: 1, Subject: ent(zelenskiy), Relation: "write", RelationText: "wrote",
			Object: graph.Term{Text: "Ukraine is ready to hand over his people to Kim Jong Un"},
			Time:   "on January 12", Date: "2025-01-12",
			Quote: "Ukraine is ready to hand over his people to Kim Jong Un if he can organize their exchange for our soldiers who are in captivity in Russia", Confidence: 0.9},
		{Sentence: 1, Subject: ent(ukraine), Relation: "hand_over", RelationText: "is ready to hand over",
			Object: graph.Term{Text: "his people"}, Args: []graph.Arg{{Prep: "to", Term: ent(kim)}},
			Modality: "ready to", Condition: "if he can organize their exchange", Attribution: zelenskiy, Confidence: 0.7},
		{Sentence: 2, Subject: ent(kyiv), Relation: "capture", RelationText: "had captured",
			Object: graph.Term{Entity: soldiers, Text: "two North Korean soldiers"}, Attribution: sKorea, Confidence: 0.85},
		{Sentence: 3, Subject: graph.Term{Entity: nis, Text: "South Korea’s National Intelligence Service"}, Relation: "confirm", RelationText: "has confirmed",
			Object: graph.Term{Text: "that the Ukrainian military captured two North Korean soldiers"}, Attribution: sKorea,
			Quote: "Through real-time cooperation with Ukraine’s intelligence agency…[South Korea’s National Intelligence Service] has confirmed that the Ukrainian military captured two North Korean soldiers", Confidence: 0.9},
		{Sentence: 3, Subject: ent(military), Relation: "capture", RelationText: "captured",
			Object: graph.Term{Entity: soldiers, Text: "two North Korean soldiers"},
			Time:   "on January 9", Date: "2025-01-09", Place: graph.Term{Entity: kursk, Text: "the Kursk battlefield"},
			Attribution: nis, Confidence: 0.85},
		{Sentence: 4, Subject: ent(nKorea), Relation: "comment", RelationText: "has commented",
			Args: []graph.Arg{{Prep: "on", Term: graph.Term{Text: "the reports"}}}, Negated: true, Confidence: 0.7},
		{Sentence: 5, Subject: ent(nKorea), Relation: "send", RelationText: "sent",
			Object: graph.Term{Text: "some 11,000 troops", Value: "11000", Datatype: graph.XSDInteger, Unit: "troops"},
			Args:   []graph.Arg{{Prep: "to", Term: ent(kursk)}}, Time: "Last fall", Date: "2024", Confidence: 0.95},
		{Sentence: 6, Subject: graph.Term{Entity: kirby, Text: "White House spokesman John Kirby"}, Relation: "tell", RelationText: "told",
			Object: graph.Term{Text: "reporters"}, Time: "on December 27", Date: "2024-12-27",
			Quote: "North Korean forces were suffering heavy casualties on the front lines", Confidence: 0.9},
	}
	return article(seedSource, "Zelenskyy Says Ready To Swap Captured North Korean Soldiers For Ukrainian Troops",
		time.Date(2025, 1, 12, 0, 0, 0, 0, time.UTC), sents, ents, facts)
}

func briefArticle() *graph.Article {
	sents := []string{
		"White House spokesman John Kirby said North Korean troops suffered heavy casualties in the Kursk region.",
		"Zelenskyy met officials from Georgia in Kyiv on December 20.",
		"Senators from the US state of Georgia did not visit Kyiv.",
	}
	ents := []graph.Entity{
		{Key: kirby, Name: "John Kirby", Type: "Person", Aliases: []string{"Kirby"}, Mentions: 1},
		{Key: zelenskiy, Name: "Volodymyr Zelenskiy", Type: "Person", Aliases: []string{"Zelenskyy"}, Mentions: 1},
		{Key: nKorea, Name: "North Korea", Type: "Country", Mentions: 1},
		{Key: kursk, Name: "Kursk", Type: "Place", Mentions: 1},
		{Key: kyiv, Name: "Kyiv", Type: "City", Mentions: 2},
		{Key: georgiaC, Name: "Georgia", Type: "Country", Mentions: 1},
		{Key: georgiaS, Name: "Georgia", Type: "Place", Aliases: []string{"US state of Georgia"}, Mentions: 1},
	}
	facts := []graph.Fact{
		{Sentence: 0, Subject: graph.Term{Entity: kirby, Text: "White House spokesman John Kirby"}, Relation: "say", RelationText: "said",
			Object: graph.Term{Text: "North Korean troops suffered heavy casualties in the Kursk region"},
			Quote:  "North Korean troops suffered heavy casualties in the Kursk region", Confidence: 0.9},
		{Sentence: 1, Subject: ent(zelenskiy), Relation: "meet", RelationText: "met",
			Object: graph.Term{Entity: georgiaC, Text: "officials from Georgia"}, Place: ent(kyiv),
			Time: "on December 20", Date: "2024-12-20", Confidence: 0.8},
		{Sentence: 2, Subject: ent(georgiaS), Relation: "visit", RelationText: "did not visit",
			Object: ent(kyiv), Negated: true, Confidence: 0.6},
	}
	return article(briefSource, "White House: North Korean troops suffer heavy losses",
		time.Date(2024, 12, 28, 0, 0, 0, 0, time.UTC), sents, ents, facts)
}

// openFixture writes both articles through graph.Store.WriteArticle into a
// store of the given backend (path: its directory, "" for memstore).
func openFixture(t testing.TB, backend, path string) *graph.Store {
	t.Helper()
	ctx := context.Background()
	st, err := graph.Open(ctx, graph.Options{Backend: backend, Path: path})
	if err != nil {
		t.Fatalf("open %s store: %v", backend, err)
	}
	t.Cleanup(func() { st.Close() })
	for _, a := range []*graph.Article{seedArticle(), briefArticle()} {
		if _, err := st.WriteArticle(ctx, a); err != nil {
			t.Fatalf("write %s: %v", a.Source, err)
		}
	}
	addDatasetFixture(t, st) // about_test.go
	return st
}

// fixture returns a memstore holding both articles.
func fixture(t testing.TB) cgraph.QuadStore {
	return openFixture(t, graph.BackendMemstore, "").QuadStore()
}

func fixtureEnv(t testing.TB) *Env { return NewEnv(fixture(t)) }
