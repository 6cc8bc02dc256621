package kv

import (
	"path/filepath"
	"testing"

	"github.com/boltdb/bolt"
	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	hkv "github.com/hidal-go/hidalgo/kv"
	hbolt "github.com/hidal-go/hidalgo/kv/bolt"
)

func openTestStore(t *testing.T) graph.QuadStore {
	t.Helper()
	bdb, err := bolt.Open(filepath.Join(t.TempDir(), "indexes.bolt"), 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	var db hkv.KV = hbolt.New(bdb)
	opts := graph.Options{OptNoBloom: true}
	if err := Init(db, opts); err != nil {
		t.Fatal(err)
	}
	qs, err := New(db, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { qs.Close() })
	return qs
}

// TestApplyDeltasNetNegativeNode is the bug fixed in this copy: one batch
// deletes 3 quads using node X and adds 1 quad using X, so X's reference
// count goes down; upstream stored the added quad without X.
func TestApplyDeltasNetNegativeNode(t *testing.T) {
	qs := openTestStore(t)
	x := quad.IRI("x")
	old := []quad.Quad{
		quad.Make(x, quad.IRI("p"), quad.String("a"), quad.IRI("doc")),
		quad.Make(x, quad.IRI("p"), quad.String("b"), quad.IRI("doc")),
		quad.Make(x, quad.IRI("p"), quad.String("c"), quad.IRI("doc")),
	}
	var deltas []graph.Delta
	for _, q := range old {
		deltas = append(deltas, graph.Delta{Quad: q, Action: graph.Add})
	}
	if err := qs.ApplyDeltas(deltas, graph.IgnoreOpts{}); err != nil {
		t.Fatal(err)
	}
	added := quad.Make(x, quad.IRI("q"), quad.String("d"), quad.IRI("doc2"))
	deltas = deltas[:0]
	for _, q := range old {
		deltas = append(deltas, graph.Delta{Quad: q, Action: graph.Delete})
	}
	deltas = append(deltas, graph.Delta{Quad: added, Action: graph.Add})
	if err := qs.ApplyDeltas(deltas, graph.IgnoreOpts{}); err != nil {
		t.Fatal(err)
	}

	ref, err := qs.ValueOf(x)
	if err != nil || ref == nil {
		t.Fatalf("node %v is gone (ref %v, err %v)", x, ref, err)
	}
	var got []quad.Quad
	it := qs.QuadIterator(quad.Subject, ref).Iterate()
	for it.Next(t.Context()) {
		q, err := qs.Quad(it.Result())
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, q)
	}
	if err := it.Err(); err != nil {
		t.Fatal(err)
	}
	it.Close()
	if len(got) != 1 || got[0] != added {
		t.Fatalf("quads of %v = %v, want [%v]", x, got, added)
	}
	// read back through the label too, which does not go through X's index
	lref, err := qs.ValueOf(quad.IRI("doc2"))
	if err != nil || lref == nil {
		t.Fatalf("label: ref %v, err %v", lref, err)
	}
	it = qs.QuadIterator(quad.Label, lref).Iterate()
	n := 0
	for it.Next(t.Context()) {
		q, err := qs.Quad(it.Result())
		if err != nil {
			t.Fatal(err)
		}
		if q != added {
			t.Errorf("read back %v, want %v", q, added)
		}
		n++
	}
	it.Close()
	if n != 1 {
		t.Errorf("%d quads labelled doc2, want 1", n)
	}
	if st, err := qs.Stats(t.Context(), true); err != nil || st.Quads.Value != 1 {
		t.Errorf("stats %+v, err %v; want 1 quad", st, err)
	}

	// X's reference count is 1 (the added quad): deleting that quad removes X.
	if err := qs.ApplyDeltas([]graph.Delta{{Quad: added, Action: graph.Delete}}, graph.IgnoreOpts{}); err != nil {
		t.Fatal(err)
	}
	if ref, err := qs.ValueOf(x); err != nil || ref != nil {
		t.Errorf("after removing its last quad, node %v: ref %v, err %v; want gone", x, ref, err)
	}
}
