package resolve

import (
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/loaders/extract"
)

// TestEntitySpans checks graph.Entity.Spans: every mention resolved to an
// entity (names and a resolved pronoun) gives its token's byte span, and an
// unresolved pronoun gives none.
func TestEntitySpans(t *testing.T) {
	d := readFixture(t, "testdata/pronouns.txt")
	// Offsets as if the sentences were joined by one space.
	off := 0
	for si := range d.Sentences {
		s := &d.Sentences[si]
		s.Start = off
		for i := range s.Tokens {
			s.Tokens[i].Start = off
			off += len(s.Tokens[i].Form)
			s.Tokens[i].End = off
			off++
		}
		s.End = off - 1
	}
	ents, _ := Article(d, extract.Document(d), Options{})
	e, ok := entity(ents, "Person/john_kirby")
	if !ok {
		t.Fatalf("no John Kirby in %+v", ents)
	}
	tok := func(si, i int) int { return d.Sentences[si].Tokens[i].Start }
	end := func(si, i int) int { return d.Sentences[si].Tokens[i].End }
	want := []graph.Span{
		{Start: tok(0, 0), End: end(0, 1)}, // John Kirby
		{Start: tok(1, 0), End: end(1, 0)}, // Kirby
		{Start: tok(1, 2), End: end(1, 2)}, // he (Kirby said he left)
	}
	if len(e.Spans) != len(want) {
		t.Fatalf("spans = %v, want %v", e.Spans, want)
	}
	for i := range want {
		if e.Spans[i] != want[i] {
			t.Errorf("span %d = %v, want %v", i, e.Spans[i], want[i])
		}
	}
	// "The soldier said he left": an article-local individual, and "he" is
	// one of its mentions.
	soldier, ok := entity(ents, "Person/the_soldier")
	he := graph.Span{Start: tok(2, 3), End: end(2, 3)}
	if !ok || len(soldier.Spans) != 2 || soldier.Spans[0] != (graph.Span{Start: tok(2, 0), End: end(2, 1)}) || soldier.Spans[1] != he {
		t.Errorf("the soldier = %+v, want spans [The soldier, he]", soldier)
	}
	for _, x := range ents {
		for _, sp := range x.Spans {
			if sp == he && x.Key != soldier.Key {
				t.Errorf("'he' is also a mention of %s", x.Key)
			}
		}
	}
}
