package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
)

// procKB reads a field of /proc/self/status in kB (0 when unknown).
func procKB(field string) float64 {
	b, _ := os.ReadFile("/proc/self/status")
	for _, l := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(l, field+":"); ok {
			f := strings.Fields(rest)
			if len(f) > 0 {
				n, _ := strconv.ParseFloat(f[0], 64)
				return n
			}
		}
	}
	return 0
}

// BenchmarkWriteMemory writes synthetic articles (graph.SyntheticArticle,
// ~840 quads each) through ingest's writer, 16 per transaction with joins,
// into a fresh bolt store, and reports the heap's peak and the process's
// resident memory at the end: how the write path's memory grows with the
// store (issue 12). NEWSGRAPH_BENCH_ARTICLES sets the count (default 288):
//
//	NEWSGRAPH_BENCH_ARTICLES=800 go test ./cmd/newsgraph -run XXX -bench WriteMemory -benchtime 1x
func BenchmarkWriteMemory(b *testing.B) {
	n := 288
	if s := os.Getenv("NEWSGRAPH_BENCH_ARTICLES"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil {
			b.Fatal(err)
		}
	}
	ctx := context.Background()
	for b.Loop() {
		st, err := graph.Open(ctx, graph.Options{Path: filepath.Join(b.TempDir(), "newsgraph.db")})
		if err != nil {
			b.Fatal(err)
		}
		ing := &ingester{store: st, stdout: io.Discard, stderr: io.Discard, quiet: true}
		var (
			sum  summary
			peak uint64
			ms   runtime.MemStats
		)
		for i := 0; i < n; i += maxBatch {
			var rs []result
			for j := i; j < min(i+maxBatch, n); j++ {
				a := graph.SyntheticArticle(j)
				rs = append(rs, result{source: a.Source, article: a})
			}
			ing.write(ctx, rs, &sum)
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
		}
		if sum.stored != n {
			b.Fatalf("%d of %d articles stored", sum.stored, n)
		}
		b.ReportMetric(float64(sum.quads), "quads")
		b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
		b.ReportMetric(procKB("RssAnon")/1024, "anon-RSS-MB")
		b.ReportMetric(procKB("RssFile")/1024, "file-RSS-MB")
		if err := st.Close(); err != nil {
			b.Fatal(err)
		}
	}
}
