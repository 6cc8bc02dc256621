package link_test

import (
	"context"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/data"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/loaders"
	"github.com/newsgraph/newsgraph/loaders/document"
)

// BenchmarkLinkSeed measures the link stage alone on the seed article's
// resolved entities, against BenchmarkLoadSeed (the whole pipeline,
// linking included): the share linking takes of ingest.
func BenchmarkLinkSeed(b *testing.B) {
	ctx := context.Background()
	l, err := loaders.New()
	if err != nil {
		b.Fatal(err)
	}
	lk := l.Linker
	l.Linker = nil
	d, err := document.Read(ctx, "seed", strings.NewReader(data.SeedArticle))
	if err != nil {
		b.Fatal(err)
	}
	a, err := l.Load(ctx, d)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ents := append([]graph.Entity(nil), a.Entities...)
		if _, _, err := lk.Article(ctx, ents, a.Facts); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoadSeed(b *testing.B) {
	ctx := context.Background()
	l, err := loaders.New()
	if err != nil {
		b.Fatal(err)
	}
	d, err := document.Read(ctx, "seed", strings.NewReader(data.SeedArticle))
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := l.Load(ctx, d); err != nil {
			b.Fatal(err)
		}
	}
}
