package graph

import (
	"testing"
	"time"
)

// fullArticle has every optional field Quads writes, once each, and no two
// equal quads: QuadsBound must be exact for it.
func fullArticle() *Article {
	text := "Anna Maria Berg said the council approved the plan in Lyon on Monday."
	return &Article{
		Source: "https://news.example/plan", Path: "/data/plan.html", Hash: "abc", Pipeline: "test/1",
		Headline: "Plan approved", Published: time.Date(2025, 1, 8, 0, 0, 0, 0, time.UTC), Publisher: "News", Byline: "Jo Roe",
		Text:      text,
		Sentences: []Sentence{{Text: text, Start: 0, End: len(text)}},
		Entities: []Entity{
			fullEntity("anna_maria_berg", "Anna Maria Berg", "Anna Berg", "Q1"),
			fullEntity("carl_otto_dahl", "Carl Otto Dahl", "Carl Dahl", "Q2"),
			fullEntity("eva_lena_fors", "Eva Lena Fors", "Eva Fors", "Q3"),
		},
		Facts: []Fact{{
			Sentence: 0, Subject: Term{Entity: "Person/carl_otto_dahl", Text: "the council"}, Relation: "approve", RelationText: "approved",
			Object: Term{Entity: "Person/anna_maria_berg", Text: "the plan", Unit: "plans"}, Args: []Arg{{Prep: "for", Term: Term{Text: "the city"}}},
			Time: "on Monday", Date: "2025-01-06", Place: Term{Entity: "Person/eva_lena_fors", Text: "Lyon"}, Modality: "can", Condition: "if asked",
			Attribution: "Person/anna_maria_berg", Quote: "approved", Confidence: 0.8,
			SubjectSpan: Span{16, 27}, RelationSpan: Span{28, 36}, ObjectSpan: Span{37, 45},
		}},
	}
}

// fullEntity is a person with every field: an alias that is a name key, and
// a surname key.
func fullEntity(key, name, alias, qid string) Entity {
	wd := "http://www.wikidata.org/entity/" + qid
	return Entity{Key: "Person/" + key, Name: name, Type: "Person", Aliases: []string{alias}, Mentions: 1,
		Roles: []string{"leader of " + name}, Born: "1970", Country: "Country/france", SameAs: []string{wd},
		Links: []Link{{Target: wd, Score: 0.9, Features: "f", KB: "kb"}}}
}

// TestQuadsBound: QuadsBound is never below the number of quads, and equal
// to it for an article with every field (so it follows Quads as it grows).
func TestQuadsBound(t *testing.T) {
	full := fullArticle()
	qs, err := Quads(full)
	if err != nil {
		t.Fatal(err)
	}
	if b := QuadsBound(full); b != len(qs) {
		t.Errorf("QuadsBound = %d for an article with every field, Quads gives %d: update QuadsBound with Quads", b, len(qs))
	}
	concept := seedArticle()
	concept.Entities = append(concept.Entities, Entity{Key: "Concept/soldier", Name: "soldier", Type: Concept}, Entity{Key: "Person/one_prisoner", Name: "one prisoner", Type: "Person", Local: true})
	for name, a := range map[string]*Article{"seed": seedArticle(), "synthetic": syntheticArticle(3, 12), "concepts": concept} {
		qs, err := Quads(a)
		if err != nil {
			t.Fatal(err)
		}
		if b := QuadsBound(a); b < len(qs) {
			t.Errorf("%s: QuadsBound = %d, below the %d quads", name, b, len(qs))
		}
	}
}

// BenchmarkQuadsBound compares the bound Load checks --max-quads with to
// building the quads it replaces:
//
//	go test ./graph -run XXX -bench QuadsBound -benchtime 200x
func BenchmarkQuadsBound(b *testing.B) {
	a := syntheticArticle(1, 60)
	b.Run("Quads", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := Quads(a); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("QuadsBound", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			QuadsBound(a)
		}
	})
}
