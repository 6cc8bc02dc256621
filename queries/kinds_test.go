package queries

import (
	"context"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/graph"
)

// TestEntitiesListsOnlyEntities: `query entities` lists named entities and
// article-local individuals, never concepts (common-noun arguments).
func TestEntitiesListsOnlyEntities(t *testing.T) {
	ctx := context.Background()
	st, err := graph.Open(ctx, graph.Options{Backend: graph.BackendMemstore})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ents := []graph.Entity{
		{Key: "Organization/sbu", Name: "SBU", Type: "Organization", Mentions: 2},
		{Key: "Person/one_prisoner", Name: "one prisoner", Type: "Person", Local: true, Mentions: 3},
		{Key: "Concept/video", Name: "video", Type: graph.Concept},
	}
	facts := []graph.Fact{{Sentence: 0, Subject: graph.Term{Entity: "Organization/sbu", Text: "Ukraine's SBU"}, Relation: "release",
		RelationText: "released", Object: graph.Term{Entity: "Concept/video", Text: "a video"}, Confidence: 0.9}}
	a := article("kinds.txt", "SBU releases video", time.Date(2025, 1, 12, 0, 0, 0, 0, time.UTC),
		[]string{"Ukraine's SBU released a video."}, ents, facts)
	if _, err := st.WriteArticle(ctx, a); err != nil {
		t.Fatal(err)
	}
	for _, typ := range []string{"", "Person", "Concept"} {
		es, err := Entities(ctx, st.QuadStore(), typ)
		if err != nil {
			t.Fatal(err)
		}
		var labels []string
		for _, e := range es {
			labels = append(labels, e.Label)
			if e.Label == "video" {
				t.Errorf("Entities(%q) lists the concept %+v", typ, e)
			}
		}
		want := map[string]int{"": 2, "Person": 1, "Concept": 0}[typ]
		if len(es) != want {
			t.Errorf("Entities(%q) = %q, want %d entities", typ, labels, want)
		}
	}
	fs, err := Facts(ctx, st.QuadStore(), string(graph.EntityIRI("Organization/sbu")))
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 1 {
		t.Fatalf("facts of the SBU: %+v", fs)
	}
	for _, f := range fs {
		if f.ObjectLabel != "a video" {
			t.Errorf("concept object reads %q, want it as written (a video)", f.ObjectLabel)
		}
	}
}
