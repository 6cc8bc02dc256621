package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
)

// TestIngestBatchesAndSkipsUnchanged: a folder of articles is written
// several per transaction with the same result as one at a time, and a
// second ingest of the unchanged folder is decided before any analysis:
// the models are never loaded.
func TestIngestBatchesAndSkipsUnchanged(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	body, err := os.ReadFile(seed)
	if err != nil {
		t.Fatal(err)
	}
	const n = 6
	for i := 0; i < n; i++ {
		text := fmt.Sprintf("Copy %d: %s", i, body)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("a%d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ingest := func(db string, workers int, files ...string) (summary, *ingester) {
		st, err := graph.Open(ctx, graph.Options{Path: db})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		ing := &ingester{store: st, stdout: io.Discard, stderr: io.Discard, quiet: true}
		return ing.run(ctx, files, workers), ing
	}
	batched := filepath.Join(t.TempDir(), "batched.db")
	sum, _ := ingest(batched, 2, dir)
	if sum.stored != n || sum.failed != 0 || sum.txs > n || sum.txs == 0 {
		t.Fatalf("first ingest: %+v", sum)
	}
	single := filepath.Join(t.TempDir(), "single.db")
	for i := 0; i < n; i++ {
		if s, _ := ingest(single, 1, filepath.Join(dir, fmt.Sprintf("a%d.txt", i))); s.stored != 1 {
			t.Fatalf("single ingest %d: %+v", i, s)
		}
	}
	if a, b := exportLines(t, batched), exportLines(t, single); a != b {
		t.Fatalf("batched and one-at-a-time ingests differ (%d and %d bytes of N-Quads)", len(a), len(b))
	}
	sum, ing := ingest(batched, 2, dir)
	if sum.unchanged != n || sum.stored != 0 || sum.failed != 0 || sum.sentences == 0 {
		t.Fatalf("re-ingest: %+v", sum)
	}
	if ing.loader != nil {
		t.Fatal("re-ingest of unchanged inputs loaded the models")
	}
}

// exportLines is the store's N-Quads export, lines sorted.
func exportLines(t *testing.T, db string) string {
	t.Helper()
	out, stderr, err := run(t, "--db", db, "export")
	if err != nil {
		t.Fatalf("export: %v\n%s", err, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}
