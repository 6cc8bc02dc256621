package graph

import (
	"context"
	"slices"
	"testing"

	"github.com/cayleygraph/quad"
)

// TestEachQuadWithMatchesFilteredScan: eachQuadWith (an index prefix scan
// of value+predicate on the kv backends, which EntitiesNamed uses for
// every entity of every article written) gives exactly the quads that
// eachQuad on the value, filtered by the predicate, gives, for every value
// and predicate of a store, in both directions it is used in.
func TestEachQuadWithMatchesFilteredScan(t *testing.T) {
	ctx := context.Background()
	for _, backend := range testBackends() {
		t.Run(backend, func(t *testing.T) {
			st := openTest(t, backend)
			arts := []*Article{SyntheticArticle(1), SyntheticArticle(2)}
			for _, a := range [][2]string{{"a.txt", "Donald Trump"}, {"b.txt", "Donald Trump"}, {"c.txt", "Donald Trump"}, {"d.txt", "Mary Trump"}} {
				arts = append(arts, &Article{Source: a[0], Hash: a[0], Sentences: []Sentence{{Text: a[1] + " spoke."}},
					Entities: []Entity{{Key: "Person/" + a[1], Name: a[1], Type: "Person", Mentions: 1}}})
			}
			for _, a := range arts {
				if _, err := st.WriteArticle(ctx, a); err != nil {
					t.Fatal(err)
				}
			}
			values := map[quad.Direction]map[string]quad.Value{quad.Subject: {}, quad.Object: {}}
			preds := map[string]quad.IRI{"absent": quad.IRI("https://example.org/absent")}
			it := st.qs.QuadsAllIterator().Iterate()
			for it.Next(ctx) {
				q, err := st.qs.Quad(it.Result())
				if err != nil {
					t.Fatal(err)
				}
				values[quad.Subject][quad.StringOf(q.Subject)] = q.Subject
				values[quad.Object][quad.StringOf(q.Object)] = q.Object
				if p, ok := q.Predicate.(quad.IRI); ok {
					preds[string(p)] = p
				}
			}
			it.Close()
			values[quad.Object]["absent"] = quad.String("no such value")
			collect := func(each func(func(quad.Quad) error) error) []string {
				var out []string
				if err := each(func(q quad.Quad) error { out = append(out, q.NQuad()); return nil }); err != nil {
					t.Fatal(err)
				}
				slices.Sort(out)
				return out
			}
			checked, nonEmpty := 0, 0
			for d, vs := range values {
				for _, v := range vs {
					for _, p := range preds {
						want := collect(func(fn func(quad.Quad) error) error {
							return st.eachQuad(ctx, d, v, func(q quad.Quad) error {
								if q.Predicate != p {
									return nil
								}
								return fn(q)
							})
						})
						got := collect(func(fn func(quad.Quad) error) error { return st.eachQuadWith(ctx, d, v, p, fn) })
						if !slices.Equal(got, want) {
							t.Fatalf("eachQuadWith(%v %v, %v) = %d quads %q, want %d %q", d, v, p, len(got), got, len(want), want)
						}
						checked++
						if len(want) > 0 {
							nonEmpty++
						}
					}
				}
			}
			t.Logf("%d (value, predicate) pairs, %d with quads", checked, nonEmpty)
			if nonEmpty < 100 {
				t.Fatalf("only %d non-empty of %d (value, predicate) pairs checked: the store is not what the test expects", nonEmpty, checked)
			}
			nes, err := st.EntitiesNamed(ctx, "Trump", true)
			if err != nil {
				t.Fatal(err)
			}
			docs := map[quad.IRI]int{}
			for _, ne := range nes {
				if !slices.Contains(ne.Types, "Person") {
					t.Errorf("EntitiesNamed(Trump): %s has types %v, want Person", ne.IRI, ne.Types)
				}
				docs[ne.IRI] = ne.Docs
			}
			if len(nes) != 2 || docs[EntityIRI("Person/Donald Trump")] != 3 || docs[EntityIRI("Person/Mary Trump")] != 1 {
				t.Errorf("EntitiesNamed(Trump) = %+v, want Donald Trump in 3 documents and Mary Trump in 1", nes)
			}
		})
	}
}
