package ner

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/newsgraph/newsgraph/loaders/nlp"
)

func TestRules(t *testing.T) {
	tests := []struct {
		text string
		want string // "type:text" of the first rule span, "" for none
	}{
		{"on January 9 in", "DATE:January 9"},
		{"in August 2024 .", "DATE:August 2024"},
		{"on December 27 told", "DATE:December 27"},
		{"on Jan. 9 , 2025 the", "DATE:Jan. 9 , 2025"},
		{"on 9 January 2025 the", "DATE:9 January 2025"},
		{"born in 1999 and", "DATE:1999"},
		{"Last fall , North", "DATE:Last fall"},
		{"a day earlier by", "DATE:a day earlier"},
		{"on Tuesday .", "DATE:Tuesday"},
		{"he may go", ""},
		{"at 10:30 pm sharp", "TIME:10:30 pm"},
		{"sent some 11,000 troops", "CARDINAL:11,000"},
		{"captured two soldiers", "CARDINAL:two"},
		{"one of the soldiers", ""},
		{"some 40 percent of", "PERCENT:40 percent"},
		{"up 5 % today", "PERCENT:5 %"},
		{"up 5% today", "PERCENT:5%"},
		{"more than 500 square kilometers in", "QUANTITY:500 square kilometers"},
		{"a 20 km drive", "QUANTITY:20 km"},
		{"cost $ 5 million in", "MONEY:$ 5 million"},
		{"cost $5 million in", "MONEY:$5 million"},
		{"paid 300 euros for", "MONEY:300 euros"},
		{"the first time", "ORDINAL:first"},
		{"the 21st century", "ORDINAL:21st"},
		{"3 million people", "CARDINAL:3 million"},
	}
	for _, tt := range tests {
		forms := strings.Fields(tt.text)
		si := (*Gazetteer)(nil).sentInfo(forms)
		r := &Recognizer{gaz: &Gazetteer{}}
		spans := r.ruleSpans(si, make([]bool, len(forms)))
		got := ""
		if len(spans) > 0 {
			sp := spans[0]
			got = sp.typ + ":" + strings.Join(forms[sp.start:sp.end], " ")
		}
		if got != tt.want {
			t.Errorf("%q: got %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestReadIOB2(t *testing.T) {
	in := "# sent_id = x\n# text = Kim met NIS staff\n1\tKim\tB-PER\t-\t-\n2\tmet\tO\t-\t-\n3\tNIS\tB-ORG\t-\t-\n4\tstaff\tO\t-\t-\n\n1\tHi\tO\n"
	sents, err := ReadIOB2(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(sents) != 2 || len(sents[0].Tokens) != 4 || sents[0].Text != "Kim met NIS staff" || sents[0].Tokens[2].NER != "B-ORG" {
		t.Fatalf("got %+v", sents)
	}
	for _, bad := range []string{"1\tKim\n", "1\tKim\tX-PER\n"} {
		if _, err := ReadIOB2(strings.NewReader(bad)); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

func TestSpansOf(t *testing.T) {
	tests := []struct {
		tags []string
		want string
	}{
		{[]string{"B-PER", "I-PER", "O", "B-LOC"}, "[{0 2 PER} {3 4 LOC}]"},
		{[]string{"I-ORG", "I-ORG", "B-ORG"}, "[{0 2 ORG} {2 3 ORG}]"},
		{[]string{"B-PER", "I-LOC"}, "[{0 1 PER} {1 2 LOC}]"},
		{[]string{"O"}, "[]"},
	}
	for _, tt := range tests {
		if got := fmt.Sprint(spansOf(tt.tags)); got != tt.want {
			t.Errorf("%v: got %s, want %s", tt.tags, got, tt.want)
		}
	}
}

func TestEntitiesAndTags(t *testing.T) {
	r := model(t)
	s := tokenize("White House spokesman John Kirby said on December 27 that 1,000 troops had been killed.")
	r.Recognize(&s)
	want := map[string]string{"John Kirby": nlp.Person, "December 27": nlp.Date, "1,000": nlp.Cardinal}
	for _, e := range s.Entities {
		if w, ok := want[e.Text]; ok {
			if e.Type != w {
				t.Errorf("%q: %s, want %s", e.Text, e.Type, w)
			}
			if s.Tokens[e.Start].NER != "B-"+e.Type {
				t.Errorf("%q: first token tag %q", e.Text, s.Tokens[e.Start].NER)
			}
			for k := e.Start + 1; k < e.End; k++ {
				if s.Tokens[k].NER != "I-"+e.Type {
					t.Errorf("%q: token %d tag %q", e.Text, k, s.Tokens[k].NER)
				}
			}
			delete(want, e.Text)
		}
	}
	if len(want) > 0 {
		t.Errorf("missing %v in %+v", want, s.Entities)
	}
	// Without offsets the text is the forms joined.
	s2 := nlp.Sentence{}
	for _, f := range []string{"John", "Kirby", "spoke", "."} {
		s2.Tokens = append(s2.Tokens, nlp.Token{Form: f, SpaceAfter: true})
	}
	r.Recognize(&s2)
	if len(s2.Entities) == 0 || s2.Entities[0].Text != "John Kirby" {
		t.Errorf("no offsets: got %+v", s2.Entities)
	}
}

func TestSaveLoadRoundTrip(t *testing.T) {
	r := model(t)
	var buf bytes.Buffer
	if err := r.Save(&buf); err != nil {
		t.Fatal(err)
	}
	r2, err := Load(&buf)
	if err != nil {
		t.Fatal(err)
	}
	a, b := tokenize("Kim Jong Un met John Kirby in Seoul on January 9."), tokenize("Kim Jong Un met John Kirby in Seoul on January 9.")
	r.Recognize(&a)
	r2.Recognize(&b)
	if fmt.Sprint(a.Entities) != fmt.Sprint(b.Entities) || len(a.Entities) == 0 {
		t.Errorf("reloaded model differs: %v vs %v", a.Entities, b.Entities)
	}
	if _, err := Load(strings.NewReader("not a model")); err == nil {
		t.Error("Load of garbage: no error")
	}
}

func TestConcurrent(t *testing.T) {
	r := model(t)
	ref := tokenize("Ukrainian President Volodymyr Zelenskiy wrote on January 12.")
	r.Recognize(&ref)
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 50 {
				s := tokenize("Ukrainian President Volodymyr Zelenskiy wrote on January 12.")
				r.Recognize(&s)
				if fmt.Sprint(s.Entities) != fmt.Sprint(ref.Entities) {
					errs <- fmt.Sprint(s.Entities)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Errorf("concurrent result differs: %s vs %v", e, ref.Entities)
	}
}

func FuzzRecognize(f *testing.F) {
	r := model(f)
	for _, s := range []string{"Kim Jong Un met $ 5 million", "on January 9 , 2025", "North Korean", "", "'s 's 's", "40 % percent", "a day earlier",
		"the Department of Housing and Urban Development of", "Wendy 's", "Miramar , California", "Lawrence , KS", "Of of Gulf of"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		s := nlp.Sentence{Text: text}
		for _, w := range strings.Fields(text) {
			s.Tokens = append(s.Tokens, nlp.Token{Form: w, Start: 3, End: 1 << 20})
		}
		r.Recognize(&s)
		for _, e := range s.Entities {
			if e.Start < 0 || e.End > len(s.Tokens) || e.Start >= e.End {
				t.Fatalf("bad entity %+v for %d tokens", e, len(s.Tokens))
			}
		}
		for _, tok := range s.Tokens {
			if tok.NER == "" {
				t.Fatal("token left without a tag")
			}
		}
	})
}

func BenchmarkRecognize(b *testing.B) {
	r := model(b)
	sents := []nlp.Sentence{
		tokenize("Ukrainian President Volodymyr Zelenskiy said he is prepared to hand over captured North Korean soldiers to Pyongyang if reclusive leader Kim Jong Un can arrange a prisoner swap for Ukrainians held in Russia."),
		tokenize("Moscow has reclaimed some 40 percent of the territory, but Ukrainian troops still control more than 500 square kilometers in Kursk."),
		tokenize("White House spokesman John Kirby on December 27 told reporters that North Korean forces were suffering heavy casualties on the front lines."),
	}
	tokens := 0
	for _, s := range sents {
		tokens += len(s.Tokens)
	}
	b.ResetTimer()
	for b.Loop() {
		for i := range sents {
			r.Recognize(&sents[i])
		}
	}
	b.ReportMetric(float64(tokens*b.N)/b.Elapsed().Seconds(), "tokens/s")
}

func BenchmarkLoad(b *testing.B) {
	data, err := readFile(modelPath)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := Load(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

func TestTrainSmall(t *testing.T) {
	// A tiny in-memory training set, without gazetteer or name chunker:
	// training must work and be deterministic for a seed.
	in := strings.Repeat("1\tKim\tB-PER\n2\tvisited\tO\n3\tSeoul\tB-LOC\n4\ton\tO\n5\tMonday\tO\n\n1\tThe\tO\n2\tNIS\tB-ORG\n3\tsaid\tO\n4\tso\tO\n\n", 3)
	sents, err := ReadIOB2(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	opts := TrainOptions{Seed: 7, Epochs: 3}
	var outs []string
	for range 2 {
		r, err := trainRecognizer(t.Context(), sents, nil, nil, opts)
		if err != nil {
			t.Fatal(err)
		}
		s := nlp.Sentence{Tokens: []nlp.Token{{Form: "Kim"}, {Form: "visited"}, {Form: "Seoul"}, {Form: "on"}, {Form: "Monday"}}}
		r.Recognize(&s)
		var buf bytes.Buffer
		if err := r.Save(&buf); err != nil {
			t.Fatal(err)
		}
		outs = append(outs, fmt.Sprint(s.Entities, buf.Len()))
		if len(s.Entities) == 0 || s.Entities[0].Type != nlp.Person || s.Entities[len(s.Entities)-1].Type != nlp.Date {
			t.Errorf("got %+v", s.Entities)
		}
	}
	if outs[0] != outs[1] {
		t.Errorf("not deterministic: %s vs %s", outs[0], outs[1])
	}
	if _, err := Train(t.Context(), TrainOptions{}); err == nil {
		t.Error("Train without files: no error")
	}
	if _, err := Train(t.Context(), TrainOptions{Train: []string{"no/such/file.iob2"}}); err == nil || !strings.Contains(err.Error(), "no/such/file.iob2") {
		t.Errorf("Train with a missing file: %v", err)
	}
}
