package analyze

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/data"
	"github.com/newsgraph/newsgraph/loaders/nlp"
	"github.com/newsgraph/newsgraph/loaders/nlp/conllu"
	"github.com/newsgraph/newsgraph/loaders/nlp/parse"
)

func seedDoc(t *testing.T) *nlp.Document {
	t.Helper()
	p, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := p.Analyze(context.Background(), data.SeedArticle)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestSeedEntities is issue 3's check: the seed article's names, places,
// dates and quantities come out as entity spans of the right kind.
func TestSeedEntities(t *testing.T) {
	doc := seedDoc(t)
	found := map[string]map[string]bool{} // span text → types
	for _, s := range doc.Sentences {
		for _, e := range s.Entities {
			if found[e.Text] == nil {
				found[e.Text] = map[string]bool{}
			}
			found[e.Text][e.Type] = true
		}
	}
	tests := []struct {
		text  string
		types []string // any of
	}{
		{"Volodymyr Zelenskiy", []string{nlp.Person}},
		{"Kim Jong Un", []string{nlp.Person}},
		{"John Kirby", []string{nlp.Person}},
		{"National Intelligence Service", []string{nlp.Org}},
		{"Kursk", []string{nlp.GPE, nlp.Loc}},
		{"Pyongyang", []string{nlp.GPE, nlp.Loc}},
		{"Seoul", []string{nlp.GPE, nlp.Loc}},
		{"January 9", []string{nlp.Date}},
		{"August 2024", []string{nlp.Date}},
		{"11,000", []string{nlp.Cardinal, nlp.Quantity}},
		{"40 percent", []string{nlp.Percent}},
		{"500 square kilometers", []string{nlp.Quantity}},
	}
	for _, tc := range tests {
		ok := false
		for _, typ := range tc.types {
			ok = ok || found[tc.text][typ]
		}
		if !ok {
			t.Errorf("%q: found as %v, want one of %v", tc.text, found[tc.text], tc.types)
		}
	}
}

// TestSeedParse checks that every sentence is a tree and a few arcs the
// extraction depends on.
func TestSeedParse(t *testing.T) {
	doc := seedDoc(t)
	for _, s := range doc.Sentences {
		roots := 0
		for _, tok := range s.Tokens {
			if tok.Head == 0 {
				roots++
			}
			if tok.Head < 0 || tok.Head > len(s.Tokens) || tok.UPOS == "" || tok.XPOS == "" || tok.Lemma == "" || tok.DepRel == "" {
				t.Fatalf("%q: token %+v not fully analysed", s.Text, tok)
			}
			if doc.Text[tok.Start:tok.End] != tok.Form {
				t.Fatalf("token %q has offsets [%d,%d) = %q", tok.Form, tok.Start, tok.End, doc.Text[tok.Start:tok.End])
			}
		}
		if roots != 1 {
			t.Errorf("%q: %d roots", s.Text, roots)
		}
	}
	// "The NIS also said one of the captured soldiers had claimed …":
	// said has NIS as subject.
	for _, s := range doc.Sentences {
		if !strings.HasPrefix(s.Text, "The NIS also said") {
			continue
		}
		for _, tok := range s.Tokens {
			if tok.Form == "NIS" && (tok.DepRel != "nsubj" || s.Tokens[tok.Head-1].Lemma != "say") {
				t.Errorf("NIS is %s of %q, want nsubj of said", tok.DepRel, s.Tokens[tok.Head-1].Form)
			}
		}
		return
	}
	t.Error(`no sentence starts "The NIS also said"`)
}

// TestEvaluateRaw scores a small gold slice from raw text: perfect input
// must align almost every word, and the scores must be sane.
func TestEvaluateRaw(t *testing.T) {
	gold, err := conllu.ReadAll(strings.NewReader(`# newdoc id = d
# text = Kyiv captured two soldiers.
1	Kyiv	Kyiv	PROPN	NNP	_	2	nsubj	_	_
2	captured	capture	VERB	VBD	_	0	root	_	_
3	two	two	NUM	CD	_	4	nummod	_	_
4	soldiers	soldier	NOUN	NNS	_	2	obj	_	SpaceAfter=No
5	.	.	PUNCT	.	_	2	punct	_	_

# text = They didn't talk.
1	They	they	PRON	PRP	_	4	nsubj	_	_
2-3	didn't	_	_	_	_	_	_	_	_
2	did	do	AUX	VBD	_	4	aux	_	_
3	n't	not	PART	RB	_	4	advmod	_	_
4	talk	talk	VERB	VB	_	0	root	_	SpaceAfter=No
5	.	.	PUNCT	.	_	4	punct	_	_

`), "gold")
	if err != nil {
		t.Fatal(err)
	}
	p, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	sc, err := EvaluateRaw(context.Background(), p, gold)
	if err != nil {
		t.Fatal(err)
	}
	if sc.GoldWords != 10 || sc.Aligned != 10 {
		t.Errorf("gold %d words, aligned %d; want 10 and 10 (the clitic split aligns)", sc.GoldWords, sc.Aligned)
	}
	if sc.UAS() < 0.7 || sc.LAS() > sc.UAS() {
		t.Errorf("UAS %.2f LAS %.2f on two easy sentences", sc.UAS(), sc.LAS())
	}
}

func TestModelsVersion(t *testing.T) {
	v := ModelsVersion()
	if len(v) != 12 || v != ModelsVersion() {
		t.Errorf("ModelsVersion() = %q, want 12 stable hex digits", v)
	}
}

// BenchmarkAnalyzeSeed analyses the seed article with the embedded models.
// With ANALYZE_PARSER set to a parser model file (and ANALYZE_BEAM to a beam
// width) that parser replaces the embedded one, e.g. to time a beam model
// in the whole pipeline.
func BenchmarkAnalyzeSeed(b *testing.B) {
	p, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	if path := os.Getenv("ANALYZE_PARSER"); path != "" {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		pp, err := parse.Load(f)
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
		k, _ := strconv.Atoi(os.Getenv("ANALYZE_BEAM"))
		pp.SetBeam(k)
		q := *p
		q.Parser = pp
		p = &q
	}
	tokens := 0
	for i := 0; i < b.N; i++ {
		doc, _ := p.Analyze(context.Background(), data.SeedArticle)
		for _, s := range doc.Sentences {
			tokens += len(s.Tokens)
		}
	}
	b.ReportMetric(float64(tokens)/b.Elapsed().Seconds(), "tokens/s")
}
