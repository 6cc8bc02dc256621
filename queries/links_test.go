package queries

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/graph"
)

func TestLinks(t *testing.T) {
	ctx := context.Background()
	st, err := graph.Open(ctx, graph.Options{Backend: graph.BackendMemstore})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	a := article("links.txt", "Seoul said", time.Date(2025, 1, 12, 0, 0, 0, 0, time.UTC), []string{"Seoul said so."},
		[]graph.Entity{{Key: "wd/Q8684", Name: "Seoul", Type: "City", Mentions: 1, Country: "wd/Q884",
			SameAs: []string{"http://www.wikidata.org/entity/Q8684"},
			Links: []graph.Link{{Target: "http://www.wikidata.org/entity/Q8684", Score: 0.93,
				Features: "match=label name=1.00 type=1.00 context=1.00 prior=1.00", KB: "bundled"}}},
			{Key: "Person/kim", Name: "Kim", Type: "Person", Mentions: 1}}, nil)
	if _, err := st.WriteArticle(ctx, a); err != nil {
		t.Fatal(err)
	}
	env := NewEnv(st.QuadStore())
	ls, err := Links(ctx, env.QS, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(ls) != 1 || ls[0].Label != "Seoul" || ls[0].Score != 0.93 || ls[0].KB != "bundled" ||
		ls[0].Target != "http://www.wikidata.org/entity/Q8684" || ls[0].Doc != string(graph.DocIRI("links.txt")) {
		t.Fatalf("Links = %+v", ls)
	}
	var out bytes.Buffer
	if err := Run(ctx, env, []string{"links", "Seoul"}, &out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Seoul id:wd/Q8684", "wd:Q8684", "0.930", "match=label", "bundled"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("links Seoul lacks %q:\n%s", want, out.String())
		}
	}
	out.Reset()
	if err := Run(ctx, env, []string{"links", "Kim"}, &out); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String(), "wd:") {
		t.Errorf("links Kim lists links:\n%s", out.String())
	}
	// A link statement is no fact.
	fs, err := Facts(ctx, env.QS, string(graph.EntityIRI("wd/Q8684")))
	if err != nil || len(fs) != 0 {
		t.Errorf("Facts(Seoul) = %v, %v; want none", fs, err)
	}
}
