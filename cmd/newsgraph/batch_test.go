package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/graph"
)

// personArticle is a one-sentence article mentioning people by name: each
// name a Person entity, the first the subject of a fact about the second.
func personArticle(n int, names ...string) *graph.Article {
	text := strings.Join(names, " met ") + "."
	a := &graph.Article{
		Source: fmt.Sprintf("batch/%02d.txt", n), Hash: fmt.Sprintf("%064x", n), Text: text,
		Sentences: []graph.Sentence{{Text: text, Start: 0, End: len(text)}},
	}
	for _, name := range names {
		key := "Person/" + strings.ReplaceAll(strings.ToLower(name), " ", "_")
		a.Entities = append(a.Entities, graph.Entity{Key: key, Name: name, Type: "Person", Mentions: 1})
	}
	if len(names) > 1 {
		a.Facts = []graph.Fact{{Sentence: 0, Subject: graph.Term{Entity: a.Entities[0].Key, Text: names[0]}, Relation: "meet",
			Object: graph.Term{Entity: a.Entities[1].Key, Text: names[1]}, Confidence: 0.9}}
	}
	return a
}

// TestBatchedWriteEqualsOneByOne: the articles of one write transaction
// see each other as the store would show them once written — joins by
// name (link.Join) included, after the store-wide identity (a merge) has
// moved an entity — so a batched ingest gives the same store as writing
// the articles one at a time.
func TestBatchedWriteEqualsOneByOne(t *testing.T) {
	ctx := context.Background()
	build := func(batch int) string {
		db := filepath.Join(t.TempDir(), "newsgraph.db")
		st, err := graph.Open(ctx, graph.Options{Path: db})
		if err != nil {
			t.Fatal(err)
		}
		// Before: Anna Berg and Carl Dahl, merged by the user.
		for i, a := range []*graph.Article{personArticle(0, "Carl Dahl"), personArticle(1, "Anna Berg")} {
			if _, err := st.WriteArticle(ctx, a); err != nil {
				t.Fatal(i, err)
			}
		}
		if _, err := st.AddCorrection(ctx, graph.Correction{Kind: graph.NGMerge, Entity: graph.EntityIRI("Person/carl_dahl"), Other: graph.EntityIRI("Person/anna_berg"), By: "test", At: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}); err != nil {
			t.Fatal(err)
		}
		if _, err := st.Reidentify(ctx, nil); err != nil {
			t.Fatal(err)
		}
		// Article 1 again, changed: the batch removes its old quads.
		replaced := personArticle(1, "Otto Lind")
		replaced.Hash = strings.Repeat("f", 64)
		arts := []*graph.Article{
			personArticle(2, "Anna Berg", "Eva Lind"),
			personArticle(3, "Berg", "Lind"),
			replaced,
			personArticle(4, "Eva Lind", "Berg"),
			personArticle(5, "Lind"),
			personArticle(6, "Anna Berg"),
		}
		ing := &ingester{store: st, stdout: io.Discard, stderr: io.Discard, quiet: true}
		var sum summary
		for i := 0; i < len(arts); i += batch {
			var rs []result
			for _, a := range arts[i:min(i+batch, len(arts))] {
				rs = append(rs, result{source: a.Source, article: a})
			}
			ing.write(ctx, rs, &sum)
		}
		if sum.stored != len(arts) || sum.failed != 0 {
			t.Fatalf("batch %d: %+v", batch, sum)
		}
		if err := st.Close(); err != nil {
			t.Fatal(err)
		}
		return exportLines(t, db)
	}
	one := build(1)
	for _, batch := range []int{2, 3, 6} {
		if got := build(batch); got != one {
			t.Errorf("batches of %d differ from one article at a time:\n%s", batch, lineDiff(one, got))
		}
	}
}

// lineDiff lists the lines only one of two sorted exports has.
func lineDiff(a, b string) string {
	in := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, l := range strings.Split(s, "\n") {
			m[l] = true
		}
		return m
	}
	ma, mb := in(a), in(b)
	var out []string
	for _, l := range strings.Split(a, "\n") {
		if !mb[l] {
			out = append(out, "- "+l)
		}
	}
	for _, l := range strings.Split(b, "\n") {
		if !ma[l] {
			out = append(out, "+ "+l)
		}
	}
	return clip(strings.Join(out, "\n"), 3000)
}
