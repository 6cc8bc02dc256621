package entityeval

import (
	"strings"
	"testing"
	"unicode"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/loaders/nlp/conllu"
)

// tinyArticle is a hand-made resolved article for testdata/tiny.conllu,
// whose text is "Apple Inc. hired John Smith. He said the company
// grew.\n\nSmith met Mary Jones in Paris. She liked it.", with one error of
// each kind:
//   - Apple's node is labelled "Apple Computer" (not a name of the gold
//     entity: not recalled) and "the company" is a node of its own (Apple is
//     split);
//   - "Mary Jones" and "Paris" are one node (merged), typed Place (Mary
//     Jones mistyped, Paris right); "She" joins it, which counts as right
//     since most of its names are Mary Jones's;
//   - "it" (Paris) is a node of its own: a wrong resolution and junk;
//   - "," and "growth" are junk nodes; "the company" is not (a chain of
//     the article, of an individual type);
//   - a concept "company" is no entity node at all.
func tinyArticle(t *testing.T, text string) *graph.Article {
	t.Helper()
	// at returns the span of the n-th (1-based) occurrence of s as whole
	// words.
	at := func(s string, n int) graph.Span {
		word := func(i int) bool { return i < 0 || i >= len(text) || !unicode.IsLetter(rune(text[i])) }
		for off := 0; ; off++ {
			i := strings.Index(text[off:], s)
			if i < 0 {
				t.Fatalf("%q is not in the text %d more times", s, n)
			}
			off += i
			if word(off-1) && word(off+len(s)) {
				if n--; n == 0 {
					return graph.Span{Start: off, End: off + len(s)}
				}
			}
		}
	}
	return &graph.Article{Text: text, Entities: []graph.Entity{
		{Name: "Apple Computer", Type: "Organization", Spans: []graph.Span{at("Apple Inc.", 1)}},
		{Name: "John Smith", Type: "Person", Aliases: []string{"Smith"}, Spans: []graph.Span{at("John Smith", 1), at("He", 1), at("Smith", 2)}},
		{Name: "the company", Type: "Thing", Spans: []graph.Span{at("the company", 1)}},
		{Name: "Mary Jones", Type: "Place", Aliases: []string{"Paris"}, Spans: []graph.Span{at("Mary Jones", 1), at("Paris", 1), at("She", 1)}},
		{Name: ",", Type: "Thing"},
		{Name: "it", Type: "Thing", Spans: []graph.Span{at("it", 1)}},
		{Name: "growth", Type: "Thing"},
		{Name: "company", Type: graph.Concept, Spans: []graph.Span{at("company", 1)}}, // not an entity node
	}}
}

func readTiny(t *testing.T) *conllu.EntityDoc {
	t.Helper()
	docs, err := conllu.ReadEntityFile("testdata/tiny.conllu")
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 {
		t.Fatalf("%d documents, want 1", len(docs))
	}
	return &docs[0]
}

func TestScoreArithmetic(t *testing.T) {
	d := readTiny(t)
	if want := "Apple Inc. hired John Smith. He said the company grew.\n\nSmith met Mary Jones in Paris. She liked it."; d.Text != want {
		t.Fatalf("text = %q, want %q", d.Text, want)
	}
	var details strings.Builder
	got := Score(d, tinyArticle(t, d.Text), &details)
	want := Counts{
		Docs:  1,
		Named: 4, Recalled: 3, // Apple Inc., John Smith, Mary Jones, Paris; "Apple Computer" is not a name of Apple
		NamedAligned: 4, Split: 1, // Apple over "Apple Computer" and "the company"
		Nodes: 7, Aligned: 4, Merged: 1, // the Mary Jones node covers Paris too
		Junk:  3,            // ",", "it", "growth"
		Typed: 3, TypeOK: 2, // John Smith Person, Paris Place; Mary Jones is not a Place
		Pronouns: 3, PronResolved: 3, PronOK: 2, // He, She right; it on a node of its own
	}
	if got != want {
		t.Errorf("counts\n got %+v\nwant %+v\ndetails:\n%s", got, want, details.String())
	}
	figs := got.Figures()
	wantPct := map[string]float64{
		"named-entity recall": 75, "over-splitting": 25, "over-merging": 25, "junk share": 300.0 / 7,
		"type accuracy": 200.0 / 3, "pronoun accuracy": 200.0 / 3, "pronoun precision": 200.0 / 3,
	}
	for _, f := range figs {
		if w, ok := wantPct[f.Name]; !ok || f.Percent() != w {
			t.Errorf("%s = %.3f %%, want %.3f %%", f.Name, f.Percent(), w)
		}
	}
	for _, line := range []string{
		`missed: organization "apple inc."`,
		`split: organization "apple inc." over 2 nodes`,
		`merged: node Place "Mary Jones" covers 2 gold entities`,
		`type: person "mary jones" is a Place node`,
		`junk: node Thing ","`,
		`pronoun wrong: "it" → "it"`,
	} {
		if !strings.Contains(details.String(), line) {
			t.Errorf("details lack %q:\n%s", line, details.String())
		}
	}
}

// An article without entities scores zero everywhere but the
// denominators of the gold side.
func TestScoreEmptyArticle(t *testing.T) {
	d := readTiny(t)
	got := Score(d, &graph.Article{Text: d.Text}, nil)
	want := Counts{Docs: 1, Named: 4, Pronouns: 3}
	if got != want {
		t.Errorf("got %+v, want %+v", got, want)
	}
	for _, f := range got.Figures() {
		if f.Num != 0 {
			t.Errorf("%s = %d/%d", f.Name, f.Num, f.Den)
		}
	}
}

func TestCountsAdd(t *testing.T) {
	a := Counts{Docs: 1, Named: 4, Recalled: 3, Pronouns: 2, PronOK: 1}
	a.Add(Counts{Docs: 2, Named: 6, Recalled: 2, Nodes: 5, Junk: 1})
	if want := (Counts{Docs: 3, Named: 10, Recalled: 5, Nodes: 5, Junk: 1, Pronouns: 2, PronOK: 1}); a != want {
		t.Errorf("got %+v, want %+v", a, want)
	}
}

func TestPartDeterministic(t *testing.T) {
	held := 0
	docs := strings.Fields("GUM_news_afghan GUM_news_iodine GUM_bio_galois GUM_interview_cyclone GUM_academic_art " +
		"GUM_voyage_athens GUM_speech_impeachment GUM_vlog_portland GUM_court_loitering GUM_textbook_labor GUM_bio_moreau GUM_news_nasa")
	for _, id := range docs {
		p := Part(id)
		if p != Part(id) || p != Dev && p != HeldOut {
			t.Fatalf("Part(%s) = %q", id, p)
		}
		if p == HeldOut {
			held++
		}
	}
	if held == 0 || held == len(docs) {
		t.Errorf("%d of %d documents held out", held, len(docs))
	}
}

func TestSelected(t *testing.T) {
	d := &conllu.EntityDoc{ID: "GUM_news_afghan", Genre: "news"}
	for _, c := range []struct {
		opts Options
		want bool
	}{
		{Options{}, true},
		{Options{Genres: []string{"interview", "News"}}, true},
		{Options{Genres: []string{"bio"}}, false},
		{Options{Docs: []string{"GUM_news_*"}}, true},
		{Options{Docs: []string{"GUM_news_afghan"}}, true},
		{Options{Docs: []string{"GUM_bio_*"}}, false},
		{Options{Genres: []string{"news"}, Docs: []string{"GUM_bio_*"}}, false},
	} {
		if got := selected(d, c.opts); got != c.want {
			t.Errorf("selected(%+v) = %v, want %v", c.opts, got, c.want)
		}
	}
}

func TestJunk(t *testing.T) {
	for _, c := range []struct {
		label      string
		individual bool
		want       bool
	}{
		{"", false, true}, {"$", false, true}, {"“", false, true}, {"1999", false, true},
		{"he", false, true}, {"That", false, true}, {"home run", false, true}, {"the offensive", false, true},
		{"one prisoner", true, false}, {"Apple", false, false}, {"iPhone", false, false},
		{"North Korean soldiers", false, false}, {"The Hague", false, false},
	} {
		if got := junk(c.label, c.individual); got != c.want {
			t.Errorf("junk(%q, %v) = %v, want %v", c.label, c.individual, got, c.want)
		}
	}
}

func TestMentionNames(t *testing.T) {
	d := readTiny(t)
	var got []string
	for _, m := range d.Mentions {
		if named(d, m) {
			got = append(got, strings.Join(mentionNames(d, m), "|"))
		}
	}
	want := "apple inc.,john smith,smith,mary jones,paris"
	if strings.Join(got, ",") != want {
		t.Errorf("names = %v, want %s", got, want)
	}
}

// TestPronounSpanAlignsWithItself: a node span that is one pronoun aligns
// only with a gold mention headed by that pronoun, never with the larger
// mention around it. In "Mary Jones sold her car." GUM marks "her car"
// but not "her": Mary Jones's node with the span "her" is aligned with
// Mary Jones alone (not merged with the car).
func TestPronounSpanAlignsWithItself(t *testing.T) {
	docs, err := conllu.ReadEntityFile("testdata/possessive.conllu")
	if err != nil {
		t.Fatal(err)
	}
	d := &docs[0]
	at := func(s string) graph.Span {
		i := strings.Index(d.Text, s)
		return graph.Span{Start: i, End: i + len(s)}
	}
	a := &graph.Article{Text: d.Text, Entities: []graph.Entity{
		{Name: "Mary Jones", Type: "Person", Spans: []graph.Span{at("Mary Jones"), at("her")}},
	}}
	c := Score(d, a, nil)
	if c.Aligned != 1 || c.Merged != 0 {
		t.Errorf("aligned %d, merged %d; want 1 node aligned, none merged", c.Aligned, c.Merged)
	}
	if i := align(d, at("her car")); i < 0 || d.Mentions[i].Type != "object" {
		t.Errorf("the span 'her car' aligned with mention %d, want the car", i)
	}
}

// TestMentionNamesTitle: a title GUM tags as a proper noun gives the name
// without it as well; a royal title stays.
func TestMentionNamesTitle(t *testing.T) {
	const doc = `# newdoc id = GUM_news_titles
# global.Entity = GRP-etype-infstat-salience-centering-minspan-link-identity
# meta::genre = news
# newpar
# sent_id = GUM_news_titles-1
# text = Mr. Rohatgi met King Arthur.
1	Mr.	Mr.	PROPN	NNP	_	2	compound	_	Entity=(1-person-new-sssss-cf1-1,2-coref
2	Rohatgi	Rohatgi	PROPN	NNP	_	3	nsubj	_	Entity=1)
3	met	meet	VERB	VBD	_	0	root	_	_
4	King	King	PROPN	NNP	_	5	compound	_	Entity=(2-person-new-sssss-cf2-1,2-coref
5	Arthur	Arthur	PROPN	NNP	_	3	obj	_	Entity=2)|SpaceAfter=No
6	.	.	PUNCT	.	_	3	punct	_	_

`
	docs, err := conllu.ReadEntityDocs(strings.NewReader(doc), "titles")
	if err != nil || len(docs) != 1 {
		t.Fatalf("%d documents, %v", len(docs), err)
	}
	d := &docs[0]
	var got []string
	for _, m := range d.Mentions {
		got = append(got, strings.Join(mentionNames(d, m), "|"))
	}
	if want := "mr. rohatgi|rohatgi,king arthur"; strings.Join(got, ",") != want {
		t.Errorf("names = %v, want %s", got, want)
	}
}

// TestCountryActing: a gold organization that is a country (by its
// Wikipedia title) is typed right as a Country node, another is not.
func TestCountryActing(t *testing.T) {
	tests := []struct {
		typ, identity, node string
		want                bool
	}{
		{"organization", "North_Korea", "Country", true},
		{"organization", "University_of_Sheffield", "Country", false},
		{"organization", "", "Country", false},
		{"place", "North_Korea", "Country", false}, // a place is checked by nodeClass
		{"organization", "North_Korea", "City", false},
	}
	for _, tt := range tests {
		g := &gold{typ: tt.typ, identity: tt.identity}
		if got := countryActing(g, tt.node); got != tt.want {
			t.Errorf("countryActing(%s %q, %s) = %v, want %v", tt.typ, tt.identity, tt.node, got, tt.want)
		}
	}
}
