package graph

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/graph/internal/kv"
)

// TestCountersMatchScan checks the counters Stats reads against a full scan
// (ScanStats and the quads themselves) after each kind of write: ingest of
// several articles (one at a time and in one batch), re-ingest of an
// unchanged and of a changed article, removal, and removal of everything.
func TestCountersMatchScan(t *testing.T) {
	ctx := context.Background()
	for _, backend := range []string{BackendBolt, BackendLevelDB} {
		t.Run(backend, func(t *testing.T) {
			s := openTest(t, backend)
			check := func(step string) {
				t.Helper()
				got, err := s.Stats(ctx)
				if err != nil {
					t.Fatalf("%s: %v", step, err)
				}
				want, err := s.ScanStats(ctx)
				if err != nil {
					t.Fatalf("%s: %v", step, err)
				}
				want.Quads = int64(len(allQuads(t, s)))
				if got != want {
					t.Fatalf("%s: counters %+v, scan %+v", step, got, want)
				}
			}
			check("empty")
			if _, err := s.WriteArticle(ctx, seedArticle()); err != nil {
				t.Fatal(err)
			}
			check("seed")
			batch := []*Article{syntheticArticle(1, 4), syntheticArticle(2, 5), syntheticArticle(3, 3)}
			rs, err := s.WriteArticles(ctx, batch)
			if err != nil || len(rs) != 3 || rs[2].Status != Added {
				t.Fatalf("batch: %+v, %v", rs, err)
			}
			check("batch of 3")
			if r, err := s.WriteArticle(ctx, syntheticArticle(2, 5)); err != nil || r.Status != Unchanged {
				t.Fatalf("unchanged: %+v, %v", r, err)
			}
			check("unchanged")
			changed := syntheticArticle(2, 2) // fewer sentences, facts and entities
			changed.Hash = strings.Repeat("ab", 32)
			if r, err := s.WriteArticle(ctx, changed); err != nil || r.Status != Replaced {
				t.Fatalf("changed: %+v, %v", r, err)
			}
			check("changed")
			// Import counts what it adds, not the duplicates it skips.
			doc := DocIRI(syntheticArticle(1, 4).Source)
			extra := DocNS + "00000000deadbeef"
			nq := "<" + string(doc) + "> <" + RDFType + "> <" + SchemaNewsArticle + "> <" + string(doc) + "> .\n" +
				"<" + extra + "> <" + RDFType + "> <" + SchemaNewsArticle + "> <" + extra + "> .\n" +
				"<" + extra + "> <" + SchemaMentions + "> <http://ex.org/e> <" + extra + "> .\n"
			if _, err := s.Import(ctx, strings.NewReader(nq), "extra.nq"); err != nil {
				t.Fatal(err)
			}
			check("import")
			if _, err := s.RemoveDocument(ctx, extra); err != nil {
				t.Fatal(err)
			}
			check("remove imported")
			if _, err := s.RemoveDocument(ctx, seedArticle().Source); err != nil {
				t.Fatal(err)
			}
			check("remove seed")
			st, _ := s.Stats(ctx)
			if st.Documents != 3 || st.Entities == 0 || st.Facts == 0 || st.Relations == 0 {
				t.Fatalf("after removing one of four: %+v", st)
			}
			for _, a := range []*Article{syntheticArticle(1, 4), changed, syntheticArticle(3, 3)} {
				if _, err := s.RemoveDocument(ctx, a.Source); err != nil {
					t.Fatal(err)
				}
			}
			check("remove all")
			if st, _ := s.Stats(ctx); st != (Stats{}) {
				t.Fatalf("empty store: %+v", st)
			}
		})
	}
}

// TestWriteArticlesSameSourceTwice: a batch holding two versions of one
// document stores the second, as two WriteArticle calls would.
func TestWriteArticlesSameSourceTwice(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, BackendBolt)
	a := syntheticArticle(1, 3)
	b := syntheticArticle(1, 2)
	b.Hash = strings.Repeat("ef", 32)
	rs, err := s.WriteArticles(ctx, []*Article{a, syntheticArticle(2, 2), b})
	if err != nil || len(rs) != 3 || rs[0].Status != Added || rs[2].Status != Replaced {
		t.Fatalf("%+v, %v", rs, err)
	}
	one := openTest(t, BackendBolt)
	for _, x := range []*Article{syntheticArticle(2, 2), b} {
		if _, err := one.WriteArticle(ctx, x); err != nil {
			t.Fatal(err)
		}
	}
	if got, want := allQuads(t, s), allQuads(t, one); !equalLines(got, want) {
		t.Fatalf("batch differs from single writes:\n%s", diff(got, want))
	}
}

// TestOldFormatStore: a store with quads but without the format number
// (made by an older newsgraph) is refused with ErrOldFormat, and Migrate
// brings it to the current format with the counters a scan gives.
func TestOldFormatStore(t *testing.T) {
	for _, backend := range []string{BackendBolt, BackendLevelDB} {
		t.Run(backend, func(t *testing.T) { testOldFormatStore(t, backend) })
	}
}

func testOldFormatStore(t *testing.T, backend string) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	s, err := Open(ctx, Options{Backend: backend, Path: path})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []*Article{seedArticle(), syntheticArticle(1, 3)} {
		if _, err := s.WriteArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	want, err := s.ScanStats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := kv.MakeFormat1(ctx, s.counted); err != nil {
		t.Fatal(err)
	}
	if res, err := s.Check(ctx); err != nil || !res.OK() {
		t.Fatalf("check of the sound format-1 store: %v %q", err, res.Problems)
	}
	s.Close()
	for _, ro := range []bool{false, true} {
		if _, err := Open(ctx, Options{Backend: backend, Path: path, ReadOnly: ro}); err == nil || !strings.Contains(err.Error(), "older newsgraph") {
			t.Fatalf("read-only %v: open of a format-1 store: %v", ro, err)
		}
	}
	if err := Migrate(ctx, Options{Backend: backend, Path: path, LockTimeout: time.Second}); err != nil {
		t.Fatal(err)
	}
	s, err = Open(ctx, Options{Backend: backend, Path: path})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want.Quads = got.Quads; got != want || got.Documents != 2 {
		t.Fatalf("after migration %+v, want %+v", got, want)
	}
	if d, err := s.FindDocument(ctx, seedArticle().Source); err != nil || d.Headline != seedArticle().Headline {
		t.Fatalf("find after migration: %+v, %v", d, err)
	}
	if n, err := s.RemoveDocument(ctx, seedArticle().Source); err != nil || n == 0 {
		t.Fatalf("remove after migration: %d, %v", n, err)
	}
	q, _ := Quads(syntheticArticle(1, 3))
	if got := allQuads(t, s); len(got) != len(q) {
		t.Fatalf("after removing the seed %d quads remain, want %d", len(got), len(q))
	}
	if r, err := s.WriteArticle(ctx, seedArticle()); err != nil || r.Status != Added {
		t.Fatalf("write after migration: %+v, %v", r, err)
	}
	if res, err := s.Check(ctx); err != nil || !res.OK() {
		t.Fatalf("check after migration, remove and write: %v %q", err, res.Problems)
	}
	if got, err := s.Stats(ctx); err != nil || got != want {
		t.Fatalf("after remove and write again %+v, want %+v (%v)", got, want, err)
	}
}
