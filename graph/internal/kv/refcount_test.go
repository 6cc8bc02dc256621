package kv

import (
	"context"
	"sort"
	"testing"

	"github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// TestRefCountsExact applies a batch that adds quads already stored, adds,
// deletes and re-adds quads, or deletes quads that are not stored, and
// checks the result against a recount (Check): every node's reference
// count is the number of quads using it, and a tally counting quads equals
// the live quads. Upstream counted the references (and, here, the tally)
// of duplicate and missing quads, and applied all additions before all
// deletions, so a quad deleted and re-added in one batch was lost.
func TestRefCountsExact(t *testing.T) {
	a, b, c, p, doc := quad.IRI("a"), quad.IRI("b"), quad.IRI("c"), quad.IRI("p"), quad.IRI("doc")
	q1, q2, q3 := quad.Make(a, p, b, doc), quad.Make(b, p, c, doc), quad.Make(a, p, c, nil)
	q4 := quad.Make(c, p, quad.String("new"), doc)
	del := func(q quad.Quad) graph.Delta { return graph.Delta{Quad: q, Action: graph.Delete} }
	add := func(q quad.Quad) graph.Delta { return graph.Delta{Quad: q, Action: graph.Add} }
	for _, tc := range []struct {
		name   string
		batch  []graph.Delta
		ignore graph.IgnoreOpts
		writer []quad.Quad // written through the quad writer instead
		want   []quad.Quad // stored after the batch (before it: q1, q2)
	}{
		{name: "duplicate add with IgnoreDup",
			batch: adds(q1, q2, q3), ignore: graph.IgnoreOpts{IgnoreDup: true}, want: []quad.Quad{q1, q2, q3}},
		{name: "same quad twice in a batch",
			batch: adds(q3, q3, q4), want: []quad.Quad{q1, q2, q3, q4}},
		{name: "add, delete and re-add in one batch",
			batch:  []graph.Delta{add(q3), del(q3), add(q3), del(q1), add(q1), add(q4), del(q4)},
			ignore: graph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true}, want: []quad.Quad{q1, q2, q3}},
		{name: "delete and re-add of all stored quads",
			batch:  []graph.Delta{del(q1), del(q2), add(q1), add(q2)},
			ignore: graph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true}, want: []quad.Quad{q1, q2}},
		{name: "delete of a missing quad with IgnoreMissing",
			batch:  []graph.Delta{del(q3), add(q4), del(quad.Make(a, p, quad.String("gone"), doc))},
			ignore: graph.IgnoreOpts{IgnoreMissing: true}, want: []quad.Quad{q1, q2, q4}},
		{name: "delete of a missing quad whose nodes the batch adds",
			batch:  []graph.Delta{del(q4), add(q4), add(q3), del(q4)},
			ignore: graph.IgnoreOpts{IgnoreMissing: true}, want: []quad.Quad{q1, q2, q3}},
		{name: "quad writer with duplicates",
			writer: []quad.Quad{q1, q3, q3, q2}, want: []quad.Quad{q1, q2, q3}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			qs := openTestStore(t).(*QuadStore)
			qs.SetTally(func(t *Tally, q quad.Quad, sign int64) { t.Add("quads", sign) })
			if err := qs.ApplyDeltas(adds(q1, q2), graph.IgnoreOpts{}); err != nil {
				t.Fatal(err)
			}
			if tc.writer != nil {
				w, err := qs.NewQuadWriter()
				if err != nil {
					t.Fatal(err)
				}
				if _, err := w.WriteQuads(tc.writer); err != nil {
					t.Fatal(err)
				}
				if err := w.Close(); err != nil {
					t.Fatal(err)
				}
			} else if err := qs.ApplyDeltas(tc.batch, tc.ignore); err != nil {
				t.Fatal(err)
			}
			var want []string
			for _, q := range tc.want {
				want = append(want, q.NQuad())
			}
			sort.Strings(want)
			if got := storedQuads(t, qs); !equal(got, want) {
				t.Errorf("stored %q, want %q", got, want)
			}
			var problems []string
			cnt, err := qs.Check(ctx, func(p string) { problems = append(problems, p) })
			if err != nil {
				t.Fatal(err)
			}
			if len(problems) != 0 {
				t.Errorf("recount disagrees: %q", problems)
			}
			if tc.writer == nil { // the writer keeps no tally
				n, err := qs.Counters(ctx, "quads")
				if err != nil {
					t.Fatal(err)
				}
				if n[0] != int64(cnt.Quads) {
					t.Errorf("tally counts %d quads, %d are stored", n[0], cnt.Quads)
				}
			}
		})
	}
}
