package kv

import (
	"context"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/boltdb/bolt"
	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	hbolt "github.com/hidal-go/hidalgo/kv/bolt"

	"github.com/newsgraph/newsgraph/graph/internal/kv/faultkv"
)

// openFaulty opens a bolt-backed store whose writes fail where fail says.
func openFaulty(t *testing.T, fail func(op faultkv.Op, n int) bool) (graph.QuadStore, *faultkv.KV) {
	t.Helper()
	bdb, err := bolt.Open(filepath.Join(t.TempDir(), "indexes.bolt"), 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	db := &faultkv.KV{KV: hbolt.New(bdb)}
	opts := graph.Options{OptNoBloom: true}
	if err := Init(db, opts); err != nil {
		t.Fatal(err)
	}
	qs, err := New(db, opts)
	if err != nil {
		t.Fatal(err)
	}
	db.Fail = fail
	t.Cleanup(func() { qs.Close() })
	return qs, db
}

func adds(qs ...quad.Quad) []graph.Delta {
	out := make([]graph.Delta, len(qs))
	for i, q := range qs {
		out[i] = graph.Delta{Quad: q, Action: graph.Add}
	}
	return out
}

// storedQuads reads every quad back, failing on one that points at a node
// that is not stored.
func storedQuads(t *testing.T, qs graph.QuadStore) []string {
	t.Helper()
	ctx := context.Background()
	it := qs.QuadsAllIterator().Iterate()
	defer it.Close()
	var out []string
	for it.Next(ctx) {
		q, err := qs.Quad(it.Result())
		if err != nil {
			t.Fatalf("read quad: %v", err)
		}
		if !q.IsValid() {
			t.Fatalf("quad %v points at a node that is not stored", q)
		}
		out = append(out, q.NQuad())
	}
	if err := it.Err(); err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

// TestFailedWriteForgetsCaches makes the second transaction fail at each of
// its writes in turn (every Put, then the commit) and checks that the next
// transaction, which uses the same new IRIs, stores whole quads: upstream
// kept the IDs the failed transaction gave its new IRIs in valueLRU and
// wrote later quads pointing at nodes that were never stored.
func TestFailedWriteForgetsCaches(t *testing.T) {
	a, p, x, y, doc := quad.IRI("a"), quad.IRI("p"), quad.IRI("x"), quad.IRI("y"), quad.IRI("doc")
	first := adds(quad.Make(a, p, quad.String("one"), doc))
	second := adds(quad.Make(x, p, y, doc), quad.Make(y, p, quad.String("two"), doc))
	third := adds(quad.Make(x, p, a, doc), quad.Make(y, p, quad.String("three"), doc))
	want := []string{
		`<a> <p> "one" <doc> .`, `<x> <p> <a> <doc> .`, `<y> <p> "three" <doc> .`,
	}

	// Count the second transaction's puts.
	qs, db := openFaulty(t, nil)
	if err := qs.ApplyDeltas(first, graph.IgnoreOpts{}); err != nil {
		t.Fatal(err)
	}
	var puts int
	db.Fail = func(op faultkv.Op, n int) bool {
		if op == faultkv.Put {
			puts++
		}
		return false
	}
	if err := qs.ApplyDeltas(second, graph.IgnoreOpts{}); err != nil {
		t.Fatal(err)
	}
	if puts < 5 {
		t.Fatalf("second transaction made %d puts", puts)
	}

	type point struct {
		op faultkv.Op
		n  int
	}
	points := []point{{faultkv.Commit, 0}}
	for i := 0; i < puts; i++ {
		points = append(points, point{faultkv.Put, i})
	}
	for _, pt := range points {
		qs, db := openFaulty(t, nil)
		if err := qs.ApplyDeltas(first, graph.IgnoreOpts{}); err != nil {
			t.Fatal(err)
		}
		armed := true
		var seen = map[faultkv.Op]int{}
		db.Fail = func(op faultkv.Op, n int) bool {
			if !armed {
				return false
			}
			i := seen[op]
			seen[op]++
			return op == pt.op && i == pt.n
		}
		err := qs.ApplyDeltas(second, graph.IgnoreOpts{})
		armed = false
		if err == nil || !strings.Contains(err.Error(), faultkv.ErrInjected.Error()) { // some callers wrap with %v
			t.Fatalf("%s %d: second transaction: %v, want the injected failure", pt.op, pt.n, err)
		}
		if got := storedQuads(t, qs); len(got) != 1 {
			t.Fatalf("%s %d: after the failure the store holds %q, want only the first quad", pt.op, pt.n, got)
		}
		if err := qs.ApplyDeltas(third, graph.IgnoreOpts{}); err != nil {
			t.Fatalf("%s %d: third transaction: %v", pt.op, pt.n, err)
		}
		if got := storedQuads(t, qs); !equal(got, want) {
			t.Fatalf("%s %d: store holds %q, want %q", pt.op, pt.n, got, want)
		}
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
