package resolve

import (
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/loaders/extract"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/loaders/nlp"
	"github.com/newsgraph/newsgraph/loaders/nlp/conllu"
)

// readFixture reads testdata files of compact hand-written parses ("form
// lemma UPOS XPOS head deprel [NER]", blank line between sentences) into a
// Document, through the conllu reader.
func readFixture(t *testing.T, path string) *nlp.Document {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	for _, block := range strings.Split(string(b), "\n\n") {
		var rows [][]string
		for _, line := range strings.Split(strings.TrimSpace(block), "\n") {
			if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
				continue
			}
			rows = append(rows, strings.Fields(line))
		}
		if len(rows) == 0 {
			continue
		}
		var text []string
		for _, f := range rows {
			text = append(text, f[0])
		}
		out.WriteString("# text = " + strings.Join(text, " ") + "\n")
		for i, f := range rows {
			misc := "_"
			if len(f) > 6 {
				misc = "NER=" + f[6]
			}
			out.WriteString(strings.Join([]string{itoa(i + 1), f[0], f[1], f[2], f[3], "_", f[4], f[5], "_", misc}, "\t") + "\n")
		}
		out.WriteString("\n")
	}
	ss, err := conllu.ReadAll(strings.NewReader(out.String()), path)
	if err != nil {
		t.Fatal(err)
	}
	d := &nlp.Document{}
	for _, s := range ss {
		d.Sentences = append(d.Sentences, s.Sentence)
	}
	return d
}

func itoa(i int) string {
	const digits = "0123456789"
	if i < 10 {
		return digits[i : i+1]
	}
	return itoa(i/10) + digits[i%10:i%10+1]
}

func seed(t *testing.T) ([]graph.Entity, []graph.Fact) {
	t.Helper()
	d := readFixture(t, "testdata/seed.txt")
	return Article(d, extract.Document(d), Options{Published: time.Date(2025, 1, 13, 0, 0, 0, 0, time.UTC)})
}

func entity(ents []graph.Entity, key string) (graph.Entity, bool) {
	for _, e := range ents {
		if e.Key == key {
			return e, true
		}
	}
	return graph.Entity{}, false
}

func TestSeedEntities(t *testing.T) {
	ents, _ := seed(t)
	tests := []struct {
		key, name, typ string
		aliases, roles []string
		minMentions    int
	}{
		{"Person/volodymyr_zelenskiy", "Volodymyr Zelenskiy", Person, []string{"Zelenskyy"}, []string{"Ukrainian President"}, 3},
		{"Organization/national_intelligence_service", "National Intelligence Service", Organization, []string{"NIS"}, nil, 2},
		{"Person/john_kirby", "John Kirby", Person, []string{"Kirby"}, []string{"White House spokesman"}, 2},
		{"Country/north_korea", "North Korea", Country, nil, nil, 2},
		{"Country/south_korea", "South Korea", Country, nil, nil, 2},
		{"City/kyiv", "Kyiv", City, nil, nil, 1},
		{"Concept/north_korean_soldier", "North Korean soldier", graph.Concept, nil, nil, 3},
	}
	for _, tt := range tests {
		e, ok := entity(ents, tt.key)
		if !ok {
			t.Errorf("no entity %s", tt.key)
			continue
		}
		if e.Name != tt.name || e.Type != tt.typ || e.Mentions < tt.minMentions {
			t.Errorf("%s = %q %s %d mentions", tt.key, e.Name, e.Type, e.Mentions)
		}
		for _, a := range tt.aliases {
			if !contains(e.Aliases, a) {
				t.Errorf("%s: alias %q missing from %q", tt.key, a, e.Aliases)
			}
		}
		for _, r := range tt.roles {
			if !contains(e.Roles, r) {
				t.Errorf("%s: role %q missing from %q", tt.key, r, e.Roles)
			}
		}
		for _, a := range e.Aliases {
			if isPronoun(a) || roleWord(strings.ToLower(a)) || contains(e.Roles, a) || strings.HasPrefix(a, "the ") {
				t.Errorf("%s: alias %q is not a name", tt.key, a)
			}
		}
	}
	// One node each: no second entity for Zelenskyy, NIS or Kirby.
	for _, e := range ents {
		switch e.Key {
		case "Person/zelenskyy", "Organization/nis", "Person/kirby":
			t.Errorf("unmerged entity %s", e.Key)
		}
	}
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// find returns the facts with the subject entity and relation.
func find(facts []graph.Fact, subj, rel string) []graph.Fact {
	var out []graph.Fact
	for _, f := range facts {
		if f.Subject.Entity == subj && f.Relation == rel {
			out = append(out, f)
		}
	}
	return out
}

func TestSeedFacts(t *testing.T) {
	_, facts := seed(t)
	one := func(subj, rel string) graph.Fact {
		t.Helper()
		fs := find(facts, subj, rel)
		if len(fs) == 0 {
			t.Fatalf("no fact %s —%s→", subj, rel)
		}
		return fs[0]
	}
	zel := "Person/volodymyr_zelenskiy"
	f := one(zel, "hand_over")
	if f.Object.Entity != "Concept/north_korean_soldier" || f.Modality != "prepared to" ||
		!strings.HasPrefix(f.Condition, "if reclusive leader Kim Jong Un can arrange") || f.Attribution != zel {
		t.Errorf("hand_over: %+v", f)
	}
	if len(f.Args) != 1 || f.Args[0].Prep != "to" || f.Args[0].Term.Entity != "City/pyongyang" {
		t.Errorf("hand_over args: %+v", f.Args)
	}
	f = one(zel, "be")
	if f.Object.Text != "Ukrainian President" || f.Object.Entity != "" {
		t.Errorf("title: %+v", f.Object)
	}
	f = one("Person/john_kirby", "be")
	if f.Object.Text != "White House spokesman" {
		t.Errorf("Kirby title: %+v", f.Object)
	}
	f = one("Person/john_kirby", "tell")
	if f.Object.Entity != "Concept/reporter" || f.Quote != "North Korean forces were suffering heavy casualties" || f.Date != "2024-12-27" {
		t.Errorf("tell: %+v", f)
	}
	f = one("Concept/north_korean_force", "suffer")
	if f.Attribution != "Person/john_kirby" {
		t.Errorf("claim attributed to %q, want Kirby", f.Attribution)
	}
	f = one("City/kyiv", "capture")
	if f.Attribution != "Country/south_korea" || f.Object.Entity != "Concept/north_korean_soldier" {
		t.Errorf("Kyiv capture: %+v", f)
	}
	if len(find(facts, "Country/south_korea", "say")) != 1 {
		t.Errorf("South Korea —say→ missing")
	}
	f = one("Organization/national_intelligence_service", "confirm")
	if !strings.Contains(f.Quote, "captured two North Korean soldiers") {
		t.Errorf("NIS confirm quote %q", f.Quote)
	}
	f = one("Concept/ukrainian_military", "capture")
	if f.Date != "2025-01-09" || f.Time != "on January 9" || f.Attribution != "Organization/national_intelligence_service" {
		t.Errorf("capture: %+v", f)
	}
	f = one("Organization/sbu", "release")
	if f.Object.Entity != "Concept/video" || f.Date != "2025-01-11" {
		t.Errorf("release: %+v", f)
	}
	f = one("Country/north_korea", "send")
	if f.Object.Value != "11000" || f.Object.Datatype != graph.XSDInteger || f.Object.Unit != "troops" || f.Date != "2024" {
		t.Errorf("send: %+v", f)
	}
	if len(f.Args) != 1 || f.Args[0].Term.Entity != "City/kursk" {
		t.Errorf("send args: %+v", f.Args)
	}
	// "Neither North Korea nor Moscow has commented": negated facts only.
	for _, s := range []string{"Country/north_korea", "City/moscow"} {
		fs := find(facts, s, "comment_on")
		if len(fs) != 1 || !fs[0].Negated {
			t.Errorf("%s comment_on: %+v", s, fs)
		}
	}
	for _, f := range facts {
		if f.Relation == "be" && f.Subject.Entity != "" && f.Subject.Entity == f.Object.Entity {
			t.Errorf("self fact %+v", f)
		}
		if strings.HasPrefix(f.Subject.Entity, "\x00") || strings.HasPrefix(f.Attribution, "\x00") {
			t.Errorf("unresolved reference in %+v", f)
		}
		if f.Confidence <= 0 || f.Confidence >= 1 {
			t.Errorf("confidence %v", f.Confidence)
		}
	}
}

func TestKey(t *testing.T) {
	tests := []struct{ typ, name, want string }{
		{"Person", "Volodymyr Zelenskiy", "Person/volodymyr_zelenskiy"},
		{"Place", "Côte d’Ivoire", "Place/cote_divoire"},
		{"Organization", "U.S. Army", "Organization/us_army"},
		{"Person", "  Kim  Jong-Un ", "Person/kim_jong_un"},
		{"Thing", "RFE/RL", "Thing/rfe_rl"},
	}
	for _, tt := range tests {
		if got := Key(tt.typ, tt.name); got != tt.want {
			t.Errorf("Key(%q, %q) = %q, want %q", tt.typ, tt.name, got, tt.want)
		}
	}
}

func TestResolveDate(t *testing.T) {
	pub := time.Date(2025, 1, 13, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		text string
		pub  time.Time
		want string
	}{
		{"on January 9", pub, "2025-01-09"},
		{"on December 23", pub, "2024-12-23"},
		{"in August 2024", pub, "2024-08"},
		{"in 2005", pub, "2005"},
		{"Last fall", pub, "2024"},
		{"yesterday", pub, "2025-01-12"},
		{"on January 9", time.Time{}, "--01-09"},
		{"Last fall", time.Time{}, ""},
		{"a day earlier", pub, ""},
		{"on 9 January 2023", pub, "2023-01-09"},
	}
	for _, tt := range tests {
		if got := ResolveDate(tt.text, tt.pub); got != tt.want {
			t.Errorf("ResolveDate(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestSameEntity(t *testing.T) {
	tests := []struct {
		names []string
		typ   string
		m     string
		mtyp  string
		want  bool
	}{
		{[]string{"John Kirby"}, Person, "Kirby", Person, true},
		{[]string{"Volodymyr Zelenskiy"}, Person, "Zelenskyy", Person, true},
		{[]string{"Volodymyr Zelenskiy"}, Person, "Volodymyr Zelensky", Person, true},
		{[]string{"National Intelligence Service"}, Organization, "NIS", Organization, true},
		{[]string{"NIS"}, Organization, "National Intelligence Service", "", true},
		{[]string{"John Kirby"}, Person, "Kiev", Place, false},
		{[]string{"North Korea"}, Country, "South Korea", Country, false},
		{[]string{"John Kirby"}, Person, "Kim", Person, false},
	}
	for _, tt := range tests {
		c := &cluster{typ: tt.typ, names: tt.names}
		if got := sameEntity(c, &mention{text: tt.m, typ: tt.mtyp}); got != tt.want {
			t.Errorf("sameEntity(%q, %q) = %v", tt.names, tt.m, got)
		}
	}
}

func TestUntaggedNamesAndPronouns(t *testing.T) {
	d := readFixture(t, "testdata/pronouns.txt")
	ents, facts := Article(d, extract.Document(d), Options{})
	e, ok := entity(ents, "Person/john_kirby")
	if !ok || e.Mentions != 2 || !contains(e.Aliases, "Kirby") {
		t.Fatalf("John Kirby = %+v (all: %+v)", e, ents)
	}
	var leaves []graph.Fact
	for _, f := range facts {
		if f.Relation == "leave" {
			leaves = append(leaves, f)
		}
	}
	if len(leaves) != 2 {
		t.Fatalf("leave facts: %+v", leaves)
	}
	if leaves[0].Subject.Entity != "Person/john_kirby" || leaves[0].Attribution != "Person/john_kirby" {
		t.Errorf("'Kirby said he left': %+v", leaves[0])
	}
	if leaves[1].Subject.Entity != "Person/the_soldier" || leaves[1].Subject.Text != "he" {
		t.Errorf("'The soldier said he left': he resolved to %q, want the soldier (an article-local individual)", leaves[1].Subject.Entity)
	}
	if e, ok := entity(ents, "Person/the_soldier"); !ok || !e.Local {
		t.Errorf("the soldier: %+v, want a local Person", e)
	}
}

func TestUntaggedAcronymMerges(t *testing.T) {
	d := readFixture(t, "testdata/seed_nonner.txt")
	ents, facts := Article(d, extract.Document(d), Options{})
	var nis []graph.Entity
	for _, e := range ents {
		if strings.Contains(strings.ToLower(e.Name), "intelligence") || e.Name == "NIS" || contains(e.Aliases, "NIS") {
			nis = append(nis, e)
		}
	}
	if len(nis) != 1 || nis[0].Name != "National Intelligence Service" || !contains(nis[0].Aliases, "NIS") {
		t.Fatalf("NIS entities: %+v", nis)
	}
	if len(find(facts, nis[0].Key, "confirm")) != 1 {
		t.Errorf("no %s —confirm→ fact", nis[0].Key)
	}
}

// TestGoldTreesConsistent resolves UD EWT dev gold parses in articles of 25
// sentences and checks that every entity key a fact uses is one of the
// article's entities, keys match their type and name, and no pronoun
// becomes a name or alias.
func TestGoldTreesConsistent(t *testing.T) {
	ss, err := conllu.ReadFile("../../data/ud/en_ewt-ud-dev.conllu.gz")
	if err != nil {
		t.Skip(err)
	}
	facts := 0
	for start := 0; start < len(ss); start += 25 {
		d := &nlp.Document{}
		for _, s := range ss[start:min(start+25, len(ss))] {
			d.Sentences = append(d.Sentences, s.Sentence)
		}
		ents, fs := Article(d, extract.Document(d), Options{Published: time.Date(2020, 6, 1, 0, 0, 0, 0, time.UTC)})
		keys := map[string]bool{}
		for _, e := range ents {
			if e.Key != Key(e.Type, e.Name) && !(e.Local && strings.HasPrefix(e.Key, Key(e.Type, e.Name)+"_")) || e.Mentions < 1 || isPronoun(e.Name) || !hasLetter(e.Name) {
				t.Fatalf("bad entity %+v", e)
			}
			keys[e.Key] = true
		}
		for _, f := range fs {
			facts++
			for _, k := range []string{f.Subject.Entity, f.Object.Entity, f.Place.Entity, f.Attribution} {
				if k != "" && !keys[k] {
					t.Fatalf("fact %+v uses unknown entity %q", f, k)
				}
			}
			for _, a := range f.Args {
				if k := a.Term.Entity; k != "" && !keys[k] {
					t.Fatalf("fact %+v uses unknown entity %q", f, k)
				}
			}
			if f.Relation == "" || f.Subject.IsZero() || f.Sentence < 0 || f.Sentence >= len(d.Sentences) {
				t.Fatalf("bad fact %+v", f)
			}
		}
	}
	if facts < len(ss) {
		t.Errorf("only %d facts from %d sentences", facts, len(ss))
	}
}

// "X told reporters that …" parsed with reporters as iobj: whom X told is
// the direct triple's object, the claim an argument and the quote.
func TestToldIObjIsObject(t *testing.T) {
	const tree = `# text = Kirby told reporters that troops were suffering.
1	Kirby	Kirby	PROPN	NNP	_	2	nsubj	_	NER=B-PERSON
2	told	tell	VERB	VBD	_	0	root	_	_
3	reporters	reporter	NOUN	NNS	_	2	iobj	_	_
4	that	that	SCONJ	IN	_	7	mark	_	_
5	troops	troop	NOUN	NNS	_	7	nsubj	_	_
6	were	be	AUX	VBD	_	7	aux	_	_
7	suffering	suffer	VERB	VBG	_	2	ccomp	_	SpaceAfter=No
8	.	.	PUNCT	.	_	2	punct	_	_

`
	sents, err := conllu.ReadAll(strings.NewReader(tree), "tree")
	if err != nil {
		t.Fatal(err)
	}
	doc := &nlp.Document{Text: sents[0].Text, Sentences: []nlp.Sentence{sents[0].Sentence}}
	_, facts := Article(doc, extract.Document(doc), Options{})
	fs := find(facts, "Person/kirby", "tell")
	if len(fs) != 1 {
		t.Fatalf("Kirby —tell→: %d facts in %+v", len(fs), facts)
	}
	f := fs[0]
	if f.Object.Entity == "" || !strings.Contains(f.Object.Entity, "reporter") {
		t.Errorf("object %+v, want the reporters entity", f.Object)
	}
	if len(f.Args) == 0 || !strings.Contains(f.Args[0].Term.Text, "troops were suffering") || !strings.Contains(f.Quote, "troops were suffering") {
		t.Errorf("claim not kept as argument and quote: args %+v, quote %q", f.Args, f.Quote)
	}
}

// A title-case headline keeps its entities but gives no facts: its parse is
// unreliable ("Mayor Says Ready To Open Schools" → "Mayor said Ready").
func TestHeadlineGivesNoFacts(t *testing.T) {
	const tree = `# text = Anna Berg Says Ready To Reopen Schools In Oslo
1	Anna	Anna	PROPN	NNP	_	3	nsubj	_	NER=B-PERSON
2	Berg	Berg	PROPN	NNP	_	1	flat	_	NER=I-PERSON
3	Says	say	VERB	VBZ	_	0	root	_	_
4	Ready	ready	ADJ	JJ	_	3	xcomp	_	_
5	To	to	ADP	IN	_	6	case	_	_
6	Reopen	reopen	NOUN	NN	_	4	obl	_	NER=B-ORG
7	Schools	school	NOUN	NNS	_	6	compound	_	NER=I-ORG
8	In	in	ADP	IN	_	9	case	_	_
9	Oslo	Oslo	PROPN	NNP	_	6	nmod	_	NER=B-GPE

# text = Anna Berg said schools in Oslo will reopen.
1	Anna	Anna	PROPN	NNP	_	3	nsubj	_	NER=B-PERSON
2	Berg	Berg	PROPN	NNP	_	1	flat	_	NER=I-PERSON
3	said	say	VERB	VBD	_	0	root	_	_
4	schools	school	NOUN	NNS	_	8	nsubj	_	_
5	in	in	ADP	IN	_	6	case	_	_
6	Oslo	Oslo	PROPN	NNP	_	4	nmod	_	NER=B-GPE
7	will	will	AUX	MD	_	8	aux	_	_
8	reopen	reopen	VERB	VB	_	3	ccomp	_	SpaceAfter=No
9	.	.	PUNCT	.	_	3	punct	_	_

`
	sents, err := conllu.ReadAll(strings.NewReader(tree), "tree")
	if err != nil {
		t.Fatal(err)
	}
	doc := &nlp.Document{}
	for _, s := range sents {
		doc.Sentences = append(doc.Sentences, s.Sentence)
	}
	if !titleCase(&doc.Sentences[0]) || titleCase(&doc.Sentences[1]) {
		t.Fatalf("titleCase: headline %v, running text %v", titleCase(&doc.Sentences[0]), titleCase(&doc.Sentences[1]))
	}
	ents, facts := Article(doc, extract.Document(doc), Options{})
	for _, f := range facts {
		if f.Sentence == 0 {
			t.Errorf("fact from the headline: %+v", f)
		}
	}
	if len(find(facts, "Person/anna_berg", "say")) != 1 {
		t.Errorf("Anna Berg —say→ of the second sentence missing: %+v", facts)
	}
	if e, ok := entity(ents, "Person/anna_berg"); !ok || e.Mentions < 2 {
		t.Errorf("Anna Berg: %+v (found %v), want both mentions", e, ok)
	}
	// A name only the title-case headline has is not an entity: capitals
	// say nothing there.
	for _, e := range ents {
		if strings.Contains(strings.ToLower(e.Name), "reopen") {
			t.Errorf("entity from the headline only: %+v", e)
		}
	}
	if _, ok := entity(ents, "City/oslo"); !ok {
		if _, ok := entity(ents, "Place/oslo"); !ok {
			t.Errorf("Oslo (headline and text) missing: %+v", ents)
		}
	}
}

// A bare "these soldiers" after a counted literal ("200 soldiers") does not
// join an earlier thing with the same head ("Ukrainian soldiers").
// Concepts are keyed by their lemmatised phrase: "these soldiers" is the
// concept "soldier", not the "Ukrainian soldiers" of another sentence.
func TestConceptsKeyedByLemma(t *testing.T) {
	const tree = `# text = Rebels held the Ukrainian soldiers.
1	Rebels	rebel	NOUN	NNS	_	2	nsubj	_	_
2	held	hold	VERB	VBD	_	0	root	_	_
3	the	the	DET	DT	_	5	det	_	_
4	Ukrainian	Ukrainian	ADJ	JJ	_	5	amod	_	NER=B-NORP
5	soldiers	soldier	NOUN	NNS	_	2	obj	_	SpaceAfter=No
6	.	.	PUNCT	.	_	2	punct	_	_

# text = Later 200 soldiers escaped.
1	Later	later	ADV	RB	_	4	advmod	_	_
2	200	200	NUM	CD	_	3	nummod	_	NER=B-CARDINAL
3	soldiers	soldier	NOUN	NNS	_	4	nsubj	_	_
4	escaped	escape	VERB	VBD	_	0	root	_	SpaceAfter=No
5	.	.	PUNCT	.	_	4	punct	_	_

# text = The army thanked these soldiers.
1	The	the	DET	DT	_	2	det	_	_
2	army	army	NOUN	NN	_	3	nsubj	_	_
3	thanked	thank	VERB	VBD	_	0	root	_	_
4	these	this	DET	DT	_	5	det	_	_
5	soldiers	soldier	NOUN	NNS	_	3	obj	_	SpaceAfter=No
6	.	.	PUNCT	.	_	3	punct	_	_

`
	sents, err := conllu.ReadAll(strings.NewReader(tree), "tree")
	if err != nil {
		t.Fatal(err)
	}
	doc := &nlp.Document{}
	for _, s := range sents {
		doc.Sentences = append(doc.Sentences, s.Sentence)
	}
	_, facts := Article(doc, extract.Document(doc), Options{})
	fs := find(facts, "Concept/army", "thank")
	if len(fs) != 1 {
		t.Fatalf("army —thank→: %+v", facts)
	}
	if o := fs[0].Object.Entity; o != "Concept/soldier" {
		t.Errorf("these soldiers → %q, want Concept/soldier", o)
	}
	if fs := find(facts, "Concept/rebel", "hold"); len(fs) != 1 || fs[0].Object.Entity != "Concept/ukrainian_soldier" {
		t.Errorf("rebels —hold→ Ukrainian soldiers: %+v", fs)
	}
}
