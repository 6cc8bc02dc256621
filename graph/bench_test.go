package graph

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBenchSmall(t *testing.T) {
	ctx := context.Background()
	arts := []*Article{SyntheticArticle(1), SyntheticArticle(2)}
	var progress bytes.Buffer
	rs, err := Bench(ctx, BenchOptions{Backends: []string{BackendBolt, BackendMemstore}, Dir: t.TempDir(), Articles: arts, Repeats: 1, Progress: &progress})
	if err != nil {
		t.Fatal(err)
	}
	q0, _ := Quads(arts[0])
	q1, _ := Quads(arts[1])
	if len(rs) != 2 {
		t.Fatalf("%d results", len(rs))
	}
	for _, r := range rs {
		// Russia, the top subject, is the subject of the "send" facts of
		// sentences 0, 12 and 24 of each article (i%3==0, i%4==0): 6
		// statements, one predicate each; 2×25 own persons + Zelenskiy.
		if r.Quads != len(q0)+len(q1) || r.Txs != 2 || r.Write <= 0 || r.Query1N != 6 || r.Query2N != 51 {
			t.Errorf("%+v (want %d quads)", r, len(q0)+len(q1))
		}
		if r.Backend == BackendBolt && (r.SizeBytes == 0 || r.OpenNoBloom == 0 || r.OpenBloom == 0) {
			t.Errorf("bolt: no size or open time: %+v", r)
		}
	}
	var table bytes.Buffer
	if err := WriteBenchTable(&table, rs); err != nil || strings.Count(table.String(), "\n") != 4 || !strings.Contains(table.String(), "| 2 articles | bolt |") {
		t.Fatalf("table:\n%s", table.String())
	}
	if strings.Count(progress.String(), "\n") != 2 {
		t.Fatalf("progress: %q", progress.String())
	}
}

func TestReadRewritten(t *testing.T) {
	got := relativeIRI.ReplaceAllString(`_:1 </film/performance/actor> </en/gene_kelly> .`+"\n"+`_:2 <name> "x" .`+"\n"+`<http://a/b> <http://a/c> "d" .`, "<http://ex.org/$2>")
	want := `_:1 <http://ex.org/film/performance/actor> <http://ex.org/en/gene_kelly> .` + "\n" + `_:2 <http://ex.org/name> "x" .` + "\n" + `<http://a/b> <http://a/c> "d" .`
	if got != want {
		t.Fatalf("got\n%s", got)
	}
}

// BenchmarkWriteArticle writes synthetic articles, one transaction each.
// Run with: nice -n 10 go test ./graph -run - -bench WriteArticle
func BenchmarkWriteArticle(b *testing.B) {
	ctx := context.Background()
	for _, backend := range []string{BackendBolt, BackendLevelDB, BackendMemstore} {
		b.Run(backend, func(b *testing.B) {
			s, err := Open(ctx, Options{Backend: backend, Path: filepath.Join(b.TempDir(), "db")})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			quads := 0
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				r, err := s.WriteArticle(ctx, SyntheticArticle(i))
				if err != nil {
					b.Fatal(err)
				}
				quads += r.Added
			}
			b.ReportMetric(float64(quads)/b.Elapsed().Seconds(), "quads/s")
		})
	}
}

// TestStoreBenchReport runs the full store benchmark recorded in
// docs/benchmarks.md ("Store") when NEWSGRAPH_STORE_BENCH is set:
//
//	NEWSGRAPH_STORE_BENCH=1 NEWSGRAPH_BENCH_NQ=../shared/perf/30kmoviedata.nq.gz \
//	  nice -n 10 go test ./graph -run StoreBenchReport -v -timeout 60m
func TestStoreBenchReport(t *testing.T) {
	if os.Getenv("NEWSGRAPH_STORE_BENCH") == "" {
		t.Skip("NEWSGRAPH_STORE_BENCH is not set: the full store benchmark takes minutes")
	}
	rs, err := Bench(context.Background(), BenchOptions{NQuads: os.Getenv("NEWSGRAPH_BENCH_NQ"), Progress: testWriter{t}})
	if err != nil {
		t.Fatal(err)
	}
	var table bytes.Buffer
	if err := WriteBenchTable(&table, rs); err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + table.String())
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

func TestTopSubject(t *testing.T) {
	arts := []*Article{seedArticle(), SyntheticArticle(1)}
	// Synthetic articles make Zelenskiy (shared[2]) the subject of 2 facts
	// each, Russia of 3 (sentences 0, 12, 24); the seed adds North Korea ×2.
	if got := topSubject(arts); got != "Country/russia" {
		t.Fatalf("topSubject = %q", got)
	}
	if got := topSubject(nil); got != "" {
		t.Fatalf("topSubject(nil) = %q", got)
	}
}

// BenchmarkWriteArticles writes synthetic articles 16 per transaction, as
// ingest does when articles are ready faster than they are written.
// Run with: nice -n 10 go test ./graph -run - -bench WriteArticles
func BenchmarkWriteArticles(b *testing.B) {
	ctx := context.Background()
	const batch = 16
	for _, backend := range []string{BackendBolt, BackendLevelDB} {
		b.Run(backend, func(b *testing.B) {
			s, err := Open(ctx, Options{Backend: backend, Path: filepath.Join(b.TempDir(), "db")})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			quads := 0
			b.ResetTimer()
			for i := 0; i < b.N; i += batch {
				as := make([]*Article, 0, batch)
				for k := i; k < min(i+batch, b.N); k++ {
					as = append(as, SyntheticArticle(k))
				}
				rs, err := s.WriteArticles(ctx, as)
				if err != nil {
					b.Fatal(err)
				}
				for _, r := range rs {
					quads += r.Added
				}
			}
			b.ReportMetric(float64(quads)/b.Elapsed().Seconds(), "quads/s")
		})
	}
}
