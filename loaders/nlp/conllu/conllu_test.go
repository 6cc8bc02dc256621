package conllu

import (
	"bytes"
	"strings"
	"testing"
)

const sample = `# newdoc id = d1
# sent_id = s1
# newpar id = p1
# text = I don't know Kim Jong Un.
1	I	I	PRON	PRP	_	4	nsubj	_	_
2-3	don't	_	_	_	_	_	_	_	_
2	do	do	AUX	VBP	_	4	aux	_	_
3	n't	not	PART	RB	_	4	advmod	_	_
4	know	know	VERB	VB	_	0	root	_	_
5	Kim	Kim	PROPN	NNP	_	4	obj	_	NER=B-PERSON
5.1	x	x	X	X	_	_	_	_	_
6	Jong	Jong	PROPN	NNP	_	5	flat	_	NER=I-PERSON
7	Un	Un	PROPN	NNP	_	5	flat	_	SpaceAfter=No|NER=I-PERSON
8	.	.	PUNCT	.	_	4	punct	_	_

# sent_id = s2
1	Hi	hi	INTJ	UH	_	0	root	_	SpaceAfter=No
2	!	!	PUNCT	.	_	1	punct	_	_

# text = del mar
1-2	del	_	_	_	_	_	_	_	_
1	de	de	ADP	IN	_	3	case	_	_
2	el	el	DET	DT	_	3	det	_	_
3	mar	mar	NOUN	NN	_	0	root	_	_

`

func TestRead(t *testing.T) {
	sents, err := ReadAll(strings.NewReader(sample), "sample")
	if err != nil {
		t.Fatal(err)
	}
	if len(sents) != 3 {
		t.Fatalf("got %d sentences, want 3", len(sents))
	}
	s := sents[0]
	if !s.NewDoc || !s.NewPar || s.ID != "s1" || len(s.Tokens) != 8 {
		t.Fatalf("metadata/tokens wrong: %+v", s)
	}
	tests := []struct {
		i          int
		text       string
		head       int
		spaceAfter bool
	}{
		{0, "I", 4, true},
		{1, "do", 4, false}, // the words of "don't" spell it: each gets its piece
		{2, "n't", 4, true},
		{4, "Kim", 4, true},
		{6, "Un", 5, false},
		{7, ".", 4, true},
	}
	for _, tc := range tests {
		tok := s.Tokens[tc.i]
		if got := s.Text[tok.Start:tok.End]; got != tc.text || tok.Head != tc.head || tok.SpaceAfter != tc.spaceAfter {
			t.Errorf("token %d: text %q head %d space %v, want %q %d %v", tc.i, got, tok.Head, tok.SpaceAfter, tc.text, tc.head, tc.spaceAfter)
		}
	}
	if len(s.Multiwords) != 1 || s.Multiwords[0] != [2]int{1, 3} {
		t.Errorf("multiwords = %v, want [[1 3]]", s.Multiwords)
	}
	if len(s.Entities) != 1 || s.Entities[0].Text != "Kim Jong Un" || s.Entities[0].Type != "PERSON" {
		t.Errorf("entities = %+v", s.Entities)
	}
	if sents[2].Tokens[0].Start != 0 || sents[2].Tokens[0].End != 3 || sents[2].Tokens[1].End != 3 || sents[2].Tokens[2].Start != 4 {
		t.Errorf("words of a multiword token that do not spell it should share its span: %+v", sents[2].Tokens)
	}
	if sents[1].Text != "Hi!" {
		t.Errorf("built text = %q, want %q", sents[1].Text, "Hi!")
	}
}

func TestRoundTrip(t *testing.T) {
	sents, err := ReadAll(strings.NewReader(sample), "sample")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	for _, s := range sents {
		if err := Write(&buf, &s.Sentence, s.ID); err != nil {
			t.Fatal(err)
		}
	}
	again, err := ReadAll(&buf, "written")
	if err != nil {
		t.Fatal(err)
	}
	for i := range sents {
		a, b := sents[i].Tokens, again[i].Tokens
		if len(a) != len(b) {
			t.Fatalf("sentence %d: %d tokens after round trip, want %d", i, len(b), len(a))
		}
		for j := range a {
			if a[j].Form != b[j].Form || a[j].Head != b[j].Head || a[j].DepRel != b[j].DepRel || a[j].NER != b[j].NER || a[j].XPOS != b[j].XPOS {
				t.Errorf("sentence %d token %d: %+v became %+v", i, j, a[j], b[j])
			}
		}
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"columns", "1\tx\tx\n\n", "want 10"},
		{"id", "2\tx\tx\tX\tX\t_\t0\troot\t_\t_\n\n", "bad token id"},
		{"head", "1\tx\tx\tX\tX\t_\t5\troot\t_\t_\n\n", "beyond the sentence"},
		{"range", "2-1\tx\t_\t_\t_\t_\t_\t_\t_\t_\n\n", "multiword"},
	}
	for _, tc := range tests {
		_, err := ReadAll(strings.NewReader(tc.in), "bad.conllu")
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "bad.conllu") {
			t.Errorf("%s: err = %v, want one naming the file and %q", tc.name, err, tc.want)
		}
	}
}

func TestWriteMultiword(t *testing.T) {
	sents, err := ReadAll(strings.NewReader(sample), "sample")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteMultiword(&buf, &sents[0].Sentence, "s1", [][2]int{{1, 3}}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.Contains(out, "2-3\tdon't\t_") {
		t.Errorf("no range line for don't:\n%s", out)
	}
	again, err := ReadAll(&buf, "written")
	if err != nil {
		t.Fatal(err)
	}
	for i, tok := range again[0].Tokens {
		want := sents[0].Tokens[i]
		if tok.Start != want.Start || tok.End != want.End || tok.SpaceAfter != want.SpaceAfter {
			t.Errorf("token %d %q: span [%d,%d) space %v after round trip, want [%d,%d) %v",
				i, tok.Form, tok.Start, tok.End, tok.SpaceAfter, want.Start, want.End, want.SpaceAfter)
		}
	}
}
