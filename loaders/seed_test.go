package loaders

import (
	"context"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/data"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/loaders/document"
)

// TestSeedEntities runs the whole pipeline on the seed article and checks
// issue 10's done-when list: one node each for Zelenskiy, the NIS, Kirby,
// Kim Jong Un and the SBU; "He also offered some other paths" is
// Zelenskiy's; each captured soldier is one node with his birth year, the
// sniper fact on the one born in 1999 and the training on the one born in
// 2005; no node is named by a pronoun or "one", "the other".
func TestSeedEntities(t *testing.T) {
	l, err := New()
	if err != nil {
		t.Fatal(err)
	}
	d, err := document.Read(context.Background(), "data/seed/article.txt", strings.NewReader(data.SeedArticle))
	if err != nil {
		t.Fatal(err)
	}
	a, err := l.Load(context.Background(), d)
	if err != nil {
		t.Fatal(err)
	}
	byKey := map[string]graph.Entity{}
	for _, e := range a.Entities {
		byKey[e.Key] = e
		switch strings.ToLower(e.Name) {
		case "he", "it", "they", "one", "the other", "him", "them", "she", "her":
			t.Errorf("node named %q: %+v", e.Name, e)
		}
	}
	// One node each: every entity whose name or alias is a form of it is
	// the same node.
	for _, tt := range []struct{ key, forms string }{
		{"Person/volodymyr_zelenskiy", "zelenskiy|zelenskyy|volodymyr zelenskiy"},
		{"Organization/national_intelligence_service", "nis|national intelligence service"},
		{"Person/john_kirby", "kirby|john kirby"},
		{"Person/kim_jong_un", "kim jong un|kim"},
		{"Organization/sbu", "sbu"},
	} {
		if _, ok := byKey[tt.key]; !ok {
			t.Errorf("no node %s", tt.key)
		}
		for _, e := range a.Entities {
			for _, n := range append([]string{e.Name}, e.Aliases...) {
				for _, f := range strings.Split(tt.forms, "|") {
					if strings.ToLower(n) == f && e.Key != tt.key {
						t.Errorf("%q is also node %s (want only %s)", n, e.Key, tt.key)
					}
				}
			}
		}
	}
	// "He also offered “some other paths”" → Zelenskiy.
	offered := false
	for _, f := range a.Facts {
		if f.Relation == "offer" && strings.HasPrefix(a.Sentences[f.Sentence].Text, "He also offered") {
			offered = true
			if f.Subject.Entity != "Person/volodymyr_zelenskiy" {
				t.Errorf("He also offered: subject %+v, want Zelenskiy", f.Subject)
			}
		}
	}
	if !offered {
		t.Error("no fact for 'He also offered some other paths'")
	}
	// The two soldiers: local persons with their birth years.
	soldier := map[string]string{} // birth year → key
	for _, e := range a.Entities {
		if e.Local && e.Type == "Person" && e.Born != "" {
			if soldier[e.Born] != "" {
				t.Errorf("two nodes born %s", e.Born)
			}
			soldier[e.Born] = e.Key
		}
	}
	if soldier["2005"] == "" || soldier["1999"] == "" || soldier["2005"] == soldier["1999"] {
		t.Fatalf("soldiers by birth year: %v (entities %+v)", soldier, a.Entities)
	}
	sniper, training := false, false
	for _, f := range a.Facts {
		if f.Relation == "be" && strings.Contains(f.Object.Text, "sniper") {
			sniper = true
			if f.Subject.Entity != soldier["1999"] {
				t.Errorf("was a sniper: on %q, want the soldier born in 1999 (%s)", f.Subject.Entity, soldier["1999"])
			}
		}
		if strings.Contains(f.RelationText, "received") && strings.Contains(a.Sentences[f.Sentence].Text, "received training") {
			training = true
			if f.Subject.Entity != soldier["2005"] {
				t.Errorf("received training: on %q, want the soldier born in 2005 (%s)", f.Subject.Entity, soldier["2005"])
			}
		}
	}
	if !sniper || !training {
		t.Errorf("sniper fact found %v, training fact found %v", sniper, training)
	}
}
