package parse

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/loaders/nlp"
	"github.com/newsgraph/newsgraph/loaders/nlp/conllu"
)

// sentence builds a sentence from "form/XPOS/UPOS" items.
func sentence(tb testing.TB, tagged string) *nlp.Sentence {
	tb.Helper()
	var s nlp.Sentence
	for i, item := range strings.Fields(tagged) {
		parts := strings.Split(item, "/")
		if len(parts) != 3 {
			tb.Fatalf("bad item %q", item)
		}
		s.Tokens = append(s.Tokens, nlp.Token{ID: i + 1, Form: parts[0], XPOS: parts[1], UPOS: parts[2], SpaceAfter: true})
	}
	return &s
}

// arc is an expected dependency: dependent form, head form ("ROOT" for the
// root), relation.
type arc struct{ dep, head, rel string }

func TestParseSeedSentences(t *testing.T) {
	p := testModel(t)
	tests := []struct {
		tagged string
		want   []arc
	}{
		{
			"South/NNP/PROPN Korea/NNP/PROPN said/VBD/VERB Kyiv/NNP/PROPN had/VBD/AUX captured/VBN/VERB two/CD/NUM North/NNP/PROPN Korean/JJ/ADJ soldiers/NNS/NOUN ././PUNCT",
			[]arc{{"said", "ROOT", "root"}, {"Korea", "said", "nsubj"}, {"captured", "said", "ccomp"},
				{"Kyiv", "captured", "nsubj"}, {"soldiers", "captured", "obj"}, {"had", "captured", "aux"}},
		},
		{
			"The/DT/DET NIS/NNP/PROPN confirmed/VBD/VERB the/DT/DET capture/NN/NOUN ././PUNCT",
			[]arc{{"confirmed", "ROOT", "root"}, {"NIS", "confirmed", "nsubj"}, {"capture", "confirmed", "obj"},
				{"The", "NIS", "det"}},
		},
		{
			"North/NNP/PROPN Korea/NNP/PROPN sent/VBD/VERB some/DT/DET 11,000/CD/NUM troops/NNS/NOUN to/IN/ADP the/DT/DET Kursk/NNP/PROPN region/NN/NOUN ././PUNCT",
			[]arc{{"sent", "ROOT", "root"}, {"Korea", "sent", "nsubj"}, {"troops", "sent", "obj"},
				{"11,000", "troops", "nummod"}, {"region", "sent", "obl"}, {"to", "region", "case"}},
		},
		{
			"Moscow/NNP/PROPN has/VBZ/AUX reclaimed/VBN/VERB some/DT/DET 40/CD/NUM percent/NN/NOUN of/IN/ADP the/DT/DET territory/NN/NOUN ././PUNCT",
			[]arc{{"reclaimed", "ROOT", "root"}, {"Moscow", "reclaimed", "nsubj"}, {"has", "reclaimed", "aux"},
				{"percent", "reclaimed", "obj"}, {"territory", "percent", "nmod"}},
		},
		{
			"Ukrainian/JJ/ADJ officials/NNS/NOUN said/VBD/VERB the/DT/DET prisoners/NNS/NOUN were/VBD/AUX talking/VBG/VERB through/IN/ADP interpreters/NNS/NOUN ././PUNCT",
			[]arc{{"said", "ROOT", "root"}, {"officials", "said", "nsubj"}, {"talking", "said", "ccomp"},
				{"prisoners", "talking", "nsubj"}, {"interpreters", "talking", "obl"}, {"Ukrainian", "officials", "amod"}},
		},
	}
	for _, tt := range tests {
		s := sentence(t, tt.tagged)
		p.Parse(s)
		checkTree(t, s)
		for _, a := range tt.want {
			d := find(s, a.dep)
			got := "ROOT"
			if h := s.Tokens[d].Head; h > 0 {
				got = s.Tokens[h-1].Form
			}
			if got != a.head || s.Tokens[d].DepRel != a.rel {
				t.Errorf("%s: %s ←%s– %s, want %s ←%s– %s", text(s), a.dep, s.Tokens[d].DepRel, got, a.dep, a.rel, a.head)
			}
		}
	}
}

func find(s *nlp.Sentence, form string) int {
	for i, t := range s.Tokens {
		if t.Form == form {
			return i
		}
	}
	panic("no token " + form)
}

func text(s *nlp.Sentence) string {
	var b strings.Builder
	for _, t := range s.Tokens {
		fmt.Fprintf(&b, "%s:%d:%s ", t.Form, t.Head, t.DepRel)
	}
	return b.String()
}

// checkTree fails unless s's heads form a tree: heads in range, exactly one
// root, labelled "root", and no cycles.
func checkTree(tb testing.TB, s *nlp.Sentence) {
	tb.Helper()
	n := len(s.Tokens)
	roots := 0
	for i, t := range s.Tokens {
		if t.Head < 0 || t.Head > n || t.Head == i+1 {
			tb.Fatalf("token %d has head %d (n=%d)", i+1, t.Head, n)
		}
		if t.DepRel == "" {
			tb.Fatalf("token %d has no relation", i+1)
		}
		if (t.Head == 0) != (t.DepRel == "root") {
			tb.Fatalf("token %d: head %d with relation %q", i+1, t.Head, t.DepRel)
		}
		if t.Head == 0 {
			roots++
		}
		h, steps := t.Head, 0
		for h != 0 {
			if steps++; steps > n {
				tb.Fatalf("cycle through token %d: %s", i+1, text(s))
			}
			h = s.Tokens[h-1].Head
		}
	}
	if roots != 1 {
		tb.Fatalf("%d roots: %s", roots, text(s))
	}
}

var xposes = []string{"NN", "NNP", "NNS", "VB", "VBD", "VBZ", "VBN", "IN", "DT", "JJ", "RB", ",", ".", "CC", "PRP", "CD", "TO", "MD", "HYPH", "", "XX", "UNSEEN"}

func TestParseAlwaysTree(t *testing.T) {
	p := testModel(t)
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{1, 2, 3, 7, 40, 200} {
		for rep := 0; rep < 5; rep++ {
			var s nlp.Sentence
			for i := 0; i < n; i++ {
				x := xposes[rng.IntN(len(xposes))]
				s.Tokens = append(s.Tokens, nlp.Token{ID: i + 1, Form: fmt.Sprintf("w%d", rng.IntN(50)), XPOS: x, UPOS: "X", Head: -7, DepRel: "junk"})
			}
			p.Parse(&s)
			checkTree(t, &s)
		}
	}
	// An empty sentence is left alone.
	var empty nlp.Sentence
	p.Parse(&empty)
}

func TestSaveLoadRoundTrip(t *testing.T) {
	p := testModel(t)
	var buf bytes.Buffer
	if err := p.Save(&buf); err != nil {
		t.Fatal(err)
	}
	q, err := Load(&buf)
	if err != nil {
		t.Fatal(err)
	}
	gold := devSlice(t, 300)
	for _, g := range gold {
		a, b := g.Sentence, g.Sentence
		a.Tokens = append([]nlp.Token(nil), g.Tokens...)
		b.Tokens = append([]nlp.Token(nil), g.Tokens...)
		p.Parse(&a)
		q.Parse(&b)
		for i := range a.Tokens {
			if a.Tokens[i].Head != b.Tokens[i].Head || a.Tokens[i].DepRel != b.Tokens[i].DepRel {
				t.Fatalf("sentence %s token %d: %d/%s before save, %d/%s after load", g.ID, i+1,
					a.Tokens[i].Head, a.Tokens[i].DepRel, b.Tokens[i].Head, b.Tokens[i].DepRel)
			}
		}
	}
}

func TestLoadRejectsBadInput(t *testing.T) {
	p := testModel(t)
	var buf bytes.Buffer
	if err := p.Save(&buf); err != nil {
		t.Fatal(err)
	}
	good := buf.Bytes()
	tests := map[string][]byte{
		"empty":     nil,
		"not gzip":  []byte("hello, world"),
		"truncated": good[:len(good)/2],
	}
	for name, data := range tests {
		if _, err := Load(bytes.NewReader(data)); err == nil {
			t.Errorf("%s: Load succeeded", name)
		}
	}
}

func devSlice(tb testing.TB, n int) []*conllu.Sentence {
	tb.Helper()
	gold, err := conllu.ReadFile(devPath)
	if err != nil {
		tb.Fatal(err)
	}
	return gold[:min(n, len(gold))]
}

func TestEvaluateDevSlice(t *testing.T) {
	p := testModel(t)
	sc := Evaluate(p, devSlice(t, 500), nil)
	t.Logf("first 500 dev sentences, gold tags: %s", sc)
	if sc.Tokens < 5000 || sc.UAS < 80 || sc.LAS < 76 || sc.LAS > sc.UAS {
		t.Errorf("dev slice: %s; want ≥ 80 UAS, ≥ 76 LAS", sc)
	}
}

func TestProjectivise(t *testing.T) {
	tests := []struct {
		heads, want []int32
	}{
		{[]int32{0, 2, 0, 2}, []int32{0, 2, 0, 2}},       // already projective
		{[]int32{0, 2, 0, 4, 2}, []int32{0, 2, 0, 4, 2}}, // projective, left dependent
		// 1→3 crosses 4→2: the shorter non-projective arc is lifted.
		{[]int32{0, 0, 4, 1, 1}, []int32{0, 0, 1, 1, 1}},
	}
	for _, tt := range tests {
		h := append([]int32(nil), tt.heads...)
		projectivise(h)
		if fmt.Sprint(h) != fmt.Sprint(tt.want) {
			t.Errorf("projectivise(%v) = %v, want %v", tt.heads, h, tt.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	p := testModel(f)
	f.Add("The NIS confirmed the capture .", "DT NNP VBD DT NN .")
	f.Add("x", "")
	f.Add("a b c d e f g", "IN IN IN IN IN IN IN")
	f.Fuzz(func(t *testing.T, forms, tags string) {
		words := strings.Fields(forms)
		ts := strings.Fields(tags)
		if len(words) > 300 {
			words = words[:300]
		}
		var s nlp.Sentence
		for i, w := range words {
			tok := nlp.Token{ID: i + 1, Form: w}
			if i < len(ts) {
				tok.XPOS = ts[i]
			}
			s.Tokens = append(s.Tokens, tok)
		}
		p.Parse(&s)
		if len(s.Tokens) > 0 {
			checkTree(t, &s)
		}
	})
}

func TestMerge(t *testing.T) {
	// A pruned copy keeps the test fast; Merge does not depend on size.
	p := testModel(t).Prune(2000)
	m, err := Merge(p, p)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range devSlice(t, 100) {
		a, b := g.Sentence, g.Sentence
		a.Tokens = append([]nlp.Token(nil), g.Tokens...)
		b.Tokens = append([]nlp.Token(nil), g.Tokens...)
		p.Parse(&a)
		m.Parse(&b)
		for i := range a.Tokens {
			if a.Tokens[i] != b.Tokens[i] {
				t.Fatalf("sentence %s token %d: model and its merge with itself disagree", g.ID, i+1)
			}
		}
	}
	other := &Parser{labels: []string{"root", "x"}, nClass: 5}
	if _, err := Merge(p, other); err == nil {
		t.Error("Merge of models with different labels succeeded")
	}
}

// FuzzDecode: any byte string after gunzip either decodes or is an error;
// decode never panics (seeds: the committed model pruned to a few dozen
// rows, whole and cut at 64 points).
func FuzzDecode(f *testing.F) {
	p := testModel(f).Prune(12000)
	var buf bytes.Buffer
	if err := p.Save(&buf); err != nil {
		f.Fatal(err)
	}
	zr, err := gzip.NewReader(&buf)
	if err != nil {
		f.Fatal(err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		f.Fatal(err)
	}
	for i := range 64 {
		f.Add(raw[:len(raw)*i/64])
	}
	f.Add(raw)
	// The same model as a beam model (format version 3).
	p.SetBeam(4)
	buf.Reset()
	if err := p.Save(&buf); err != nil {
		f.Fatal(err)
	}
	p.SetBeam(0)
	if zr, err = gzip.NewReader(&buf); err != nil {
		f.Fatal(err)
	}
	if raw, err = io.ReadAll(zr); err != nil {
		f.Fatal(err)
	}
	f.Add(raw)
	f.Add(raw[:len(raw)/2])
	f.Fuzz(func(t *testing.T, data []byte) {
		q, err := decode(bufio.NewReader(bytes.NewReader(data)))
		if err == nil && q == nil {
			t.Fatal("nil parser without an error")
		}
	})
}
