package identity

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/loaders/link"
)

// art is a one-sentence article whose first entity does something to each
// of the others.
func art(src, text string, ents ...graph.Entity) *graph.Article {
	a := &graph.Article{Source: src, Text: text, Sentences: []graph.Sentence{{Text: text, End: len(text)}}}
	for i := range ents {
		if ents[i].Key == "" {
			ents[i].Key = ents[i].Type + "/" + ents[i].Name
		}
		ents[i].Mentions = 1
	}
	a.Entities = ents
	for _, e := range ents[1:] {
		a.Facts = append(a.Facts, graph.Fact{Subject: graph.Term{Entity: ents[0].Key, Text: ents[0].Name},
			Relation: "meet", Object: graph.Term{Entity: e.Key, Text: e.Name}, Confidence: 0.5})
	}
	return a
}

func person(name string, aliases ...string) graph.Entity {
	return graph.Entity{Name: name, Type: "Person", Aliases: aliases}
}

var (
	artA = art("a.txt", "Barack Obama met the U.S. envoy.", person("Barack Obama"), graph.Entity{Name: "U.S.", Type: "Country"})
	artB = art("b.txt", "Obama met officials of the United States.", person("Obama"), graph.Entity{Name: "United States", Type: "Country"})
	artC = art("c.txt", "Michelle Obama met Zelenskiy.", person("Michelle Obama"), person("Volodymyr Zelenskiy", "Zelenskyy"))
	artD = art("d.txt", "Zelenskyy met Jordan.", person("Zelenskyy"), graph.Entity{Name: "Jordan", Type: "Country"})
	artE = art("e.txt", "Jordan met Pippen.", person("Jordan"), person("Pippen"))
)

func open(t *testing.T) *graph.Store {
	t.Helper()
	st, err := graph.Open(context.Background(), graph.Options{Backend: graph.BackendMemstore})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func write(t *testing.T, st *graph.Store, as ...*graph.Article) {
	t.Helper()
	for _, a := range as {
		if _, err := st.WriteArticle(context.Background(), a); err != nil {
			t.Fatal(err)
		}
	}
}

func resolve(t *testing.T, st *graph.Store) graph.IdentityResult {
	t.Helper()
	r, err := st.Reidentify(context.Background(), Resolve)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func dump(t *testing.T, st *graph.Store) []string {
	t.Helper()
	var b strings.Builder
	if _, err := st.Export(context.Background(), &b, "nquads", ""); err != nil {
		t.Fatal(err)
	}
	ls := strings.Split(strings.TrimSpace(b.String()), "\n")
	sort.Strings(ls)
	return ls
}

// mentioned lists the entity IRIs (short) the document mentions.
func mentioned(t *testing.T, st *graph.Store, src string) []string {
	t.Helper()
	var out []string
	doc := string(graph.DocIRI(src))
	for _, l := range dump(t, st) {
		if strings.HasPrefix(l, "<"+doc+"> <"+graph.SchemaMentions+"> <") {
			f := strings.Fields(l)
			out = append(out, strings.TrimPrefix(strings.Trim(f[2], "<>"), graph.EntityNS))
		}
	}
	sort.Strings(out)
	return out
}

func TestResolveRules(t *testing.T) {
	st := open(t)
	write(t, st, artA, artB, artC, artD, artE)
	r := resolve(t, st)
	tests := []struct {
		doc  string
		want string
	}{
		{"a.txt", "Barack_Obama U.S."},
		{"b.txt", "Obama United_States"}, // "Obama" is ambiguous (Barack, Michelle); "U.S." and "United States" differ by name
		{"c.txt", "Michelle_Obama Volodymyr_Zelenskiy"},
		{"d.txt", "Jordan Volodymyr_Zelenskiy"}, // "Zelenskyy" is an alias of exactly one entity
		{"e.txt", "Jordan Pippen"},
	}
	for _, tt := range tests {
		if got := strings.Join(mentioned(t, st, tt.doc), " "); got != tt.want {
			t.Errorf("%s mentions %s, want %s", tt.doc, got, tt.want)
		}
	}
	// Jordan the country (d.txt) and Jordan the person (e.txt) are two
	// originals with one IRI: the articles' IRIs already join them by name,
	// which resolution does not undo; a user splits them (below).
	if r.Joined != 1 {
		t.Errorf("joined %d, want 1 (Zelenskyy)", r.Joined)
	}
}

func docID(src string) string { return strings.TrimPrefix(string(graph.DocIRI(src)), graph.DocNS)[:8] }

// The graph after resolve does not depend on the order articles came in,
// nor on resolve runs in between.
func TestResolveOrderIndependent(t *testing.T) {
	one := open(t)
	write(t, one, artA, artB)
	resolve(t, one) // "Obama" → Barack Obama while Michelle is unknown
	if got := mentioned(t, one, "b.txt"); got[0] != "Barack_Obama" {
		t.Fatalf("b.txt after the first resolve: %v", got)
	}
	write(t, one, artC, artD)
	resolve(t, one)
	write(t, one, artE)
	resolve(t, one)

	two := open(t)
	write(t, two, artE, artD, artC, artB, artA)
	resolve(t, two)
	a, b := dump(t, one), dump(t, two)
	if strings.Join(a, "\n") != strings.Join(b, "\n") {
		t.Errorf("two orders differ:\n%s", diff(a, b))
	}
	if got := mentioned(t, two, "b.txt"); got[0] != "Obama" {
		t.Errorf("b.txt: %v, want Obama kept apart (ambiguous)", got)
	}
	// Resolve again: nothing changes.
	if r := resolve(t, two); r.Added+r.Removed != 0 {
		t.Errorf("second resolve changed %d quads", r.Added+r.Removed)
	}
}

func diff(a, b []string) string {
	in := map[string]int{}
	for _, l := range a {
		in[l]++
	}
	for _, l := range b {
		in[l]--
	}
	var out []string
	for l, n := range in {
		if n > 0 {
			out = append(out, "- "+l)
		} else if n < 0 {
			out = append(out, "+ "+l)
		}
	}
	sort.Strings(out)
	if len(out) > 20 {
		out = out[:20]
	}
	return strings.Join(out, "\n")
}

func changed(a *graph.Article) *graph.Article {
	c := *a
	c.Text += " "
	c.Hash = ""
	return &c
}

// merge and split are stored with provenance and survive re-ingest.
func TestCorrectionsSurviveReingest(t *testing.T) {
	ctx := context.Background()
	st := open(t)
	write(t, st, artA, artB, artC, artD, artE)
	id := func(s string) quad.IRI { return quad.IRI(graph.EntityNS + s) }
	// Merge Obama into Barack Obama; split Jordan in e.txt off the country.
	if _, err := st.AddCorrection(ctx, graph.Correction{Kind: graph.NGMerge, Entity: id("Barack_Obama"), Other: id("Obama"), By: "tester", Comment: "b.txt is about Barack"}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddCorrection(ctx, graph.Correction{Kind: graph.NGSplitDocument, Entity: id("Jordan"), Doc: graph.DocIRI("e.txt"), By: "tester"}); err != nil {
		t.Fatal(err)
	}
	resolve(t, st)
	check := func(when string) {
		t.Helper()
		if got := mentioned(t, st, "b.txt"); got[0] != "Barack_Obama" {
			t.Errorf("%s: b.txt mentions %v, want Barack_Obama (merged)", when, got)
		}
		if got := mentioned(t, st, "e.txt"); got[0] != "Jordan--"+docID("e.txt") {
			t.Errorf("%s: e.txt mentions %v, want the split-off Jordan", when, got)
		}
		if got := mentioned(t, st, "d.txt"); got[0] != "Jordan" {
			t.Errorf("%s: d.txt mentions %v, want Jordan", when, got)
		}
	}
	check("after the corrections")
	// Re-ingest changed versions (and remove + ingest again).
	write(t, st, changed(artB), changed(artE))
	check("after re-ingest")
	if _, err := st.RemoveDocument(ctx, "b.txt"); err != nil {
		t.Fatal(err)
	}
	write(t, st, artB)
	check("after remove and ingest")
	resolve(t, st)
	check("after another resolve")
	cs, err := st.Corrections(ctx)
	if err != nil || len(cs) != 2 || cs[0].Kind != graph.NGMerge || cs[0].By != "tester" || cs[0].At.IsZero() || cs[0].Comment == "" || cs[1].Seq != 2 {
		t.Errorf("corrections %+v, %v", cs, err)
	}

	// Split the alias "Zelenskyy" off Volodymyr Zelenskiy (resolve joined it).
	if got := mentioned(t, st, "d.txt"); got[1] != "Volodymyr_Zelenskiy" {
		t.Fatalf("d.txt: %v", got)
	}
	if _, err := st.AddCorrection(ctx, graph.Correction{Kind: graph.NGSplitAlias, Entity: id("Volodymyr_Zelenskiy"), Alias: "zelenskyy", By: "tester"}); err != nil {
		t.Fatal(err)
	}
	resolve(t, st)
	write(t, st, changed(artD))
	if got := mentioned(t, st, "d.txt"); got[1] != "Zelenskyy" {
		t.Errorf("d.txt after split alias and re-ingest: %v, want Zelenskyy apart", got)
	}
}

// An ingest-time join with the store (link.Join, recorded in
// Article.Joined) is kept when written and undone by resolve when the
// store-wide rules disagree, so the result is the same as without it.
func TestResolveUndoesIngestJoin(t *testing.T) {
	joined := *artA
	joined.Entities = append([]graph.Entity(nil), artA.Entities...)
	joined.Entities[0].Key = "Person/Michelle Obama" // a wrong join: Barack → Michelle
	joined.Facts = append([]graph.Fact(nil), artA.Facts...)
	for i := range joined.Facts {
		joined.Facts[i].Subject.Entity = "Person/Michelle Obama"
	}
	joined.Joined = map[string]string{"Person/Barack Obama": "Person/Michelle Obama"}

	one := open(t)
	write(t, one, artC, &joined)
	if got := mentioned(t, one, "a.txt"); got[0] != "Michelle_Obama" {
		t.Fatalf("a.txt as written: %v, want the join kept", got)
	}
	resolve(t, one)
	two := open(t)
	write(t, two, artA, artC)
	resolve(t, two)
	a, b := dump(t, one), dump(t, two)
	if strings.Join(a, "\n") != strings.Join(b, "\n") {
		t.Errorf("with and without the ingest-time join differ after resolve:\n%s", diff(a, b))
	}
	if got := mentioned(t, one, "a.txt"); got[0] != "Barack_Obama" {
		t.Errorf("a.txt after resolve: %v, want Barack_Obama", got)
	}
}

// Resolve on hand-made originals: a one-word name joins the one entity it
// can be a short form of, also when that entity's own article used it as
// an alias (rule 3 leaves such an alias to rule 4), and never pulls a
// second full name of the same surname into its group.
func TestResolveShortForms(t *testing.T) {
	id := func(s string) quad.IRI { return quad.IRI(graph.EntityNS + s) }
	n := 0
	orig := func(iri, label string, aliases ...string) graph.OriginalEntity {
		n++
		return graph.OriginalEntity{IRI: id(iri), Labels: []string{label}, Aliases: aliases, Types: []string{"Person"},
			Docs: []quad.IRI{graph.DocIRI(string(rune('a'+n)) + ".txt")}, Mentions: 1}
	}
	inDocs := func(e graph.OriginalEntity, k int) graph.OriginalEntity {
		for i := 1; i < k; i++ {
			e.Docs = append(e.Docs, graph.DocIRI(string(e.IRI)+string(rune('0'+i))))
		}
		return e
	}
	withQID := func(e graph.OriginalEntity, q string) graph.OriginalEntity {
		e.SameAs = []string{link.WikidataNS + q}
		return e
	}
	tests := []struct {
		name string
		ents []graph.OriginalEntity
		want string
	}{
		{"surname of two full names, one with it as alias", []graph.OriginalEntity{
			orig("Barack_Obama", "Barack Obama", "Obama"), orig("Michelle_Obama", "Michelle Obama"), orig("Obama", "Obama"),
		}, ""},
		{"surname of one full name, its alias", []graph.OriginalEntity{
			orig("Barack_Obama", "Barack Obama", "Obama"), orig("Obama", "Obama"),
		}, "Barack_Obama Obama"},
		{"surname of one full name", []graph.OriginalEntity{
			orig("Michelle_Obama", "Michelle Obama"), orig("Obama", "Obama"),
		}, "Michelle_Obama Obama"},
		{"one already with Barack (Wikidata) does not join Michelle", []graph.OriginalEntity{
			withQID(orig("Barack_Obama", "Barack Obama"), "Q76"), withQID(orig("Obama", "Obama"), "Q76"), orig("Michelle_Obama", "Michelle Obama"),
		}, "Barack_Obama Obama"},
		{"surname of two full names, one in far more documents", []graph.OriginalEntity{
			inDocs(orig("Donald_Trump", "Donald Trump"), 6), orig("Mary_Trump", "Mary Trump"), orig("Trump", "Trump"),
		}, "Donald_Trump Trump"},
		{"surname of two full names, neither dominant", []graph.OriginalEntity{
			inDocs(orig("Barack_Obama", "Barack Obama"), 3), inDocs(orig("Michelle_Obama", "Michelle Obama"), 2), orig("Obama", "Obama"),
		}, ""},
		{"an alias that is no short form still joins", []graph.OriginalEntity{
			orig("Volodymyr_Zelenskiy", "Volodymyr Zelenskiy", "Zelenskyy"), orig("Zelenskyy", "Zelenskyy"), orig("Zelensky", "Zelensky"),
		}, "Volodymyr_Zelenskiy Zelenskyy"},
	}
	for _, tt := range tests {
		var got []string
		for _, grp := range Resolve(tt.ents) {
			var s []string
			for _, iri := range grp {
				s = append(s, strings.TrimPrefix(string(iri), graph.EntityNS))
			}
			got = append(got, strings.Join(s, " "))
		}
		if g := strings.Join(got, "; "); g != tt.want {
			t.Errorf("%s: groups %q, want %q", tt.name, g, tt.want)
		}
	}
}

// TestResolveThingsAndLocals: a capitalised word the recogniser left a
// thing joins the named entity of that name (as link.Join does at ingest);
// individuals only their article knows (document IRIs) never join.
func TestResolveThingsAndLocals(t *testing.T) {
	ent := func(iri, label, typ, doc string) graph.OriginalEntity {
		return graph.OriginalEntity{IRI: quad.IRI(iri), Labels: []string{label}, Types: []string{typ},
			Docs: []quad.IRI{graph.DocIRI(doc)}, Mentions: 1}
	}
	local := func(doc string) string { return string(graph.LocalEntityIRI(graph.DocIRI(doc), "Group/biden")) }
	groups := Resolve([]graph.OriginalEntity{
		ent(graph.EntityNS+"covid", "COVID", "Thing", "a"),
		ent(graph.EntityNS+"thing/covid", "Covid", "Thing", "b"),
		ent(graph.EntityNS+"thing/protesters", "Protesters", "Thing", "c"),
		ent(local("d"), "Biden", "Group", "d"),
		ent(local("e"), "Biden", "Group", "e"),
		ent(graph.EntityNS+"joe_biden", "Joe Biden", "Person", "f"),
		ent(graph.EntityNS+"united_states_joe_biden", "United States Joe Biden", "Place", "g"),
	})
	want := [][]quad.IRI{{graph.EntityNS + "covid", graph.EntityNS + "thing/covid"},
		{graph.EntityNS + "joe_biden", graph.EntityNS + "united_states_joe_biden"}}
	if fmt.Sprint(groups) != fmt.Sprint(want) {
		t.Errorf("groups %v, want %v", groups, want)
	}
}
