package queries

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/graph"
)

// bigArticle is article n of a synthetic corpus: 20 sentences, each with a
// fact between a shared entity and one of its own.
func bigArticle(n int) *graph.Article {
	var sents []string
	ents := []graph.Entity{{Key: zelenskiy, Name: "Volodymyr Zelenskiy", Type: "Person", Mentions: 3},
		{Key: nKorea, Name: "North Korea", Type: "Country", Mentions: 2}}
	var facts []graph.Fact
	for i := 0; i < 20; i++ {
		sents = append(sents, fmt.Sprintf("Sentence %d of article %d says something about person %d.", i, n, i))
		key := fmt.Sprintf("Person/p%d_%d", n, i)
		ents = append(ents, graph.Entity{Key: key, Name: fmt.Sprintf("Person %d %d", n, i), Type: "Person", Mentions: 1})
		facts = append(facts, graph.Fact{Sentence: i, Subject: ent(key), Relation: []string{"meet", "say", "capture"}[i%3],
			Object: ent([]string{zelenskiy, nKorea}[i%2]), Date: fmt.Sprintf("2024-%02d-%02d", 1+n%12, 1+i), Confidence: 0.5})
	}
	return article(fmt.Sprintf("big/%d.txt", n), fmt.Sprintf("Article %d", n), time.Date(2024, 1, 1+n%28, 0, 0, 0, 0, time.UTC), sents, ents, facts)
}

// BenchmarkQueries measures the canned queries on a 300-article bolt store.
func BenchmarkQueries(b *testing.B) {
	ctx := context.Background()
	st, err := graph.Open(ctx, graph.Options{Backend: graph.BackendBolt, Path: filepath.Join(b.TempDir(), "db")})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	for n := 0; n < 300; n++ {
		if _, err := st.WriteArticle(ctx, bigArticle(n)); err != nil {
			b.Fatal(err)
		}
	}
	qs := st.QuadStore()
	ents, err := Entities(ctx, qs, "")
	if err != nil {
		b.Fatal(err)
	}
	for _, q := range []struct {
		name string
		f    func() error
	}{
		{"entities", func() error { _, err := Entities(ctx, qs, ""); return err }},
		{"facts", func() error { _, err := Facts(ctx, qs, iri(nKorea)); return err }},
		{"said", func() error { _, err := Said(ctx, qs, iri("Person/p7_1")); return err }},
		{"resolve", func() error { _, err := Resolve(ctx, ents, "person 7 1"); return err }},
		{"who", func() error { _, err := Who(ctx, qs, "captured", ""); return err }},
		{"timeline", func() error { _, err := Timeline(ctx, qs, ""); return err }},
		{"path", func() error { _, err := ShortestPath(ctx, qs, iri("Person/p0_0"), iri("Person/p299_2"), 0); return err }},
		{"docs", func() error { _, err := Docs(ctx, qs); return err }},
	} {
		b.Run(q.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if err := q.f(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
