package web

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/graph"
)

// The fixture: part of the seed article as the loaders would give it, with
// owl:sameAs links (what linking adds), and an article whose names, quote
// and headline are hostile markup.
const (
	seedSource = "data/seed/article.txt"
	evilSource = "https://example.org/news/evil"

	zelenskiy = "Person/volodymyr_zelenskiy"
	kim       = "Person/kim_jong_un"
	kirby     = "Person/john_kirby"
	nis       = "Organization/national_intelligence_service"
	military  = "Organization/ukrainian_military"
	soldiers  = "Group/north_korean_soldiers"
	sKorea    = "Country/south_korea"
	nKorea    = "Country/north_korea"
	kursk     = "Place/kursk"
	evil      = "Person/evil"
	evil2     = "Organization/evil_svg"

	wikidataZelenskiy = "http://www.wikidata.org/entity/Q3874799"
	evilName          = `<script>alert("pwned")</script> "Mallory" </svg>`
	evilOrg           = `</svg><img src=x onerror=alert(1)>`
)

func newArticle(src, headline string, published time.Time, sents []string, ents []graph.Entity, facts []graph.Fact) *graph.Article {
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

// span is the byte range of part in sentence i of a (for ng:spans).
func span(a *graph.Article, i int, part string) graph.Span {
	k := strings.Index(a.Sentences[i].Text, part)
	if k < 0 {
		panic("no " + part)
	}
	s := a.Sentences[i].Start + k
	return graph.Span{Start: s, End: s + len(part)}
}

func seedArticle() *graph.Article {
	sents := []string{
		"Ukrainian President Volodymyr Zelenskiy said he is prepared to hand over captured North Korean soldiers to Pyongyang if reclusive leader Kim Jong Un can arrange a prisoner swap for Ukrainians held in Russia.",
		"The Ukrainian president’s comments came as South Korea said Kyiv had captured two North Korean soldiers, confirming remarks made a day earlier by Zelenskiy and other Ukrainian officials.",
		"“Through real-time cooperation with Ukraine’s intelligence agency…[South Korea’s National Intelligence Service] has confirmed that the Ukrainian military captured two North Korean soldiers on January 9 in the Kursk battlefield in Russia,” Seoul said in a statement.",
		"Last fall, North Korea sent some 11,000 troops to the Kursk region to support Russian forces.",
		"White House spokesman John Kirby on December 27 told reporters that North Korean forces were suffering heavy casualties on the front lines.",
	}
	ents := []graph.Entity{
		{Key: zelenskiy, Name: "Volodymyr Zelenskiy", Type: "Person", Aliases: []string{"Zelenskiy", "Zelenskyy"}, Mentions: 3, SameAs: []string{wikidataZelenskiy}},
		{Key: kim, Name: "Kim Jong Un", Type: "Person", Mentions: 1},
		{Key: kirby, Name: "John Kirby", Type: "Person", Aliases: []string{"Kirby"}, Mentions: 1},
		{Key: nis, Name: "National Intelligence Service", Type: "Organization", Aliases: []string{"NIS"}, Mentions: 1},
		{Key: military, Name: "Ukrainian military", Type: "Organization", Mentions: 1},
		{Key: soldiers, Name: "North Korean soldiers", Type: "Group", Mentions: 2},
		{Key: sKorea, Name: "South Korea", Type: "Country", Mentions: 1},
		{Key: nKorea, Name: "North Korea", Type: "Country", Mentions: 1},
		{Key: kursk, Name: "Kursk", Type: "Place", Mentions: 2},
	}
	a := newArticle(seedSource, "Zelenskyy Says Ready To Swap Captured North Korean Soldiers For Ukrainian Troops",
		time.Date(2025, 1, 12, 0, 0, 0, 0, time.UTC), sents, ents, nil)
	a.Facts = []graph.Fact{
		{Sentence: 0, Subject: graph.Term{Entity: zelenskiy, Text: "Ukrainian President Volodymyr Zelenskiy"}, Relation: "hand_over", RelationText: "is prepared to hand over",
			Object:   graph.Term{Entity: soldiers, Text: "captured North Korean soldiers"},
			Args:     []graph.Arg{{Prep: "to", Term: graph.Term{Text: "Pyongyang"}}},
			Modality: "prepared to", Condition: "if reclusive leader Kim Jong Un can arrange a prisoner swap",
			Attribution: zelenskiy, Confidence: 0.8,
			SubjectSpan: span(a, 0, "Ukrainian President Volodymyr Zelenskiy"), RelationSpan: span(a, 0, "hand over"),
			ObjectSpan: span(a, 0, "captured North Korean soldiers")},
		{Sentence: 0, Subject: ent(zelenskiy), Relation: "say", RelationText: "said",
			Object: graph.Term{Text: "he is prepared to hand over captured North Korean soldiers to Pyongyang"},
			Quote:  "he is prepared to hand over captured North Korean soldiers to Pyongyang", Confidence: 0.9},
		{Sentence: 0, Subject: ent(kim), Relation: "arrange", RelationText: "can arrange", Object: graph.Term{Text: "a prisoner swap"},
			Modality: "can", Confidence: 0.6},
		{Sentence: 2, Subject: graph.Term{Entity: nis, Text: "South Korea’s National Intelligence Service"}, Relation: "confirm", RelationText: "has confirmed",
			Object: graph.Term{Text: "that the Ukrainian military captured two North Korean soldiers"}, Attribution: sKorea, Confidence: 0.9},
		{Sentence: 2, Subject: ent(military), Relation: "capture", RelationText: "captured",
			Object: graph.Term{Entity: soldiers, Text: "two North Korean soldiers"},
			Time:   "on January 9", Date: "2025-01-09", Place: graph.Term{Entity: kursk, Text: "the Kursk battlefield"},
			Attribution: nis, Confidence: 0.85},
		{Sentence: 3, Subject: ent(nKorea), Relation: "send", RelationText: "sent",
			Object: graph.Term{Text: "some 11,000 troops", Value: "11000", Datatype: graph.XSDInteger, Unit: "troops"},
			Args:   []graph.Arg{{Prep: "to", Term: ent(kursk)}}, Time: "Last fall", Date: "2024", Confidence: 0.95},
		{Sentence: 4, Subject: graph.Term{Entity: kirby, Text: "White House spokesman John Kirby"}, Relation: "tell", RelationText: "told",
			Object: graph.Term{Text: "reporters"}, Time: "on December 27", Date: "2024-12-27",
			Quote: "North Korean forces were suffering heavy casualties on the front lines", Confidence: 0.9},
	}
	return a
}

func evilArticle() *graph.Article {
	sents := []string{
		evilName + ` met Zelenskiy and said "<b>bold</b> </svg> & <script>alert(2)</script>".`,
		evilOrg + " did not meet Kim Jong Un.",
	}
	ents := []graph.Entity{
		{Key: evil, Name: evilName, Type: "Person", Aliases: []string{`<i>Mal</i>`}, Mentions: 1, SameAs: []string{"javascript:alert(3)", "http://www.wikidata.org/entity/Q1\"><script>alert(4)</script>"}},
		{Key: evil2, Name: evilOrg, Type: "Organization", Mentions: 1},
		{Key: zelenskiy, Name: "Volodymyr Zelenskiy", Type: "Person", Aliases: []string{"Zelenskiy"}, Mentions: 1},
		{Key: kim, Name: "Kim Jong Un", Type: "Person", Mentions: 1},
	}
	facts := []graph.Fact{
		{Sentence: 0, Subject: graph.Term{Entity: evil, Text: evilName}, Relation: "meet", RelationText: "met", Object: ent(zelenskiy), Confidence: 0.7},
		{Sentence: 0, Subject: ent(evil), Relation: "say", RelationText: "said", Object: graph.Term{Text: `"<b>bold</b> </svg>"`},
			Quote: `<b>bold</b> </svg> & <script>alert(2)</script>`, Confidence: 0.9},
		{Sentence: 1, Subject: ent(evil2), Relation: "meet", RelationText: "did not meet", Object: ent(kim), Negated: true, Confidence: 0.6},
		{Sentence: 1, Subject: ent(evil2), Relation: "know", RelationText: "knows", Object: ent(evil), Confidence: 0.5},
	}
	return newArticle(evilSource, `<script>alert("headline")</script> Evil </svg> news`,
		time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC), sents, ents, facts)
}

// fixtureStore is a memstore holding both articles.
func fixtureStore(t testing.TB) *graph.Store {
	t.Helper()
	ctx := context.Background()
	st, err := graph.Open(ctx, graph.Options{Backend: graph.BackendMemstore})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for _, a := range []*graph.Article{seedArticle(), evilArticle()} {
		if _, err := st.WriteArticle(ctx, a); err != nil {
			t.Fatalf("write %s: %v", a.Source, err)
		}
	}
	return st
}

// testServer serves the fixture with the given options.
func testServer(t testing.TB, o Options) (*httptest.Server, *graph.Store) {
	t.Helper()
	st := fixtureStore(t)
	srv, err := New(context.Background(), st, o)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return ts, st
}
