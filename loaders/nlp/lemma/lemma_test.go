package lemma

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/newsgraph/newsgraph/loaders/nlp"
	"github.com/newsgraph/newsgraph/loaders/nlp/conllu"
)

const modelPath = "../../../data/models/lemma.bin.gz"

var (
	loadOnce sync.Once
	model    *Lemmatizer
	loadErr  error
)

// committed loads the committed model once per test binary.
func committed(t testing.TB) *Lemmatizer {
	t.Helper()
	loadOnce.Do(func() {
		f, err := os.Open(modelPath)
		if err != nil {
			loadErr = err
			return
		}
		defer f.Close()
		model, loadErr = Load(f)
	})
	if loadErr != nil {
		t.Fatalf("load %s: %v", modelPath, loadErr)
	}
	return model
}

func TestLemma(t *testing.T) {
	l := committed(t)
	tests := []struct{ form, xpos, want string }{
		{"said", "VBD", "say"},
		{"captured", "VBD", "capture"},
		{"captured", "VBN", "capture"},
		// EWT's lemma column keeps "troops" (15 of 15 in train) and drops
		// the commas of numbers: the lemmatizer follows it.
		{"troops", "NNS", "troops"},
		{"soldiers", "NNS", "soldier"},
		{"was", "VBD", "be"},
		{"Was", "VBD", "be"},
		{"n't", "RB", "not"},
		{"forces", "NNS", "force"},
		{"better", "JJR", "good"},
		{"The", "DT", "the"},
		{"men", "NNS", "man"},
		{"has", "VBZ", "have"},
		// Not in the training data: suffix rules.
		{"snatching", "VBG", "snatch"},
		{"reclaimed", "VBN", "reclaim"},
		{"swaths", "NNS", "swath"},
		{"incursions", "NNS", "incursion"},
		{"Zelenskiy", "NNP", "Zelenskiy"},
		{"Pyongyang", "NNP", "Pyongyang"},
		{"11,000", "CD", "11000"},
		{"2005", "CD", "2005"},
		{"1,234,567.5", "CD", "1234567.5"},
		{"3,40", "CD", "3,40"},
		{"9/11", "CD", "9/11"},
		// Mistagged words ending in a double s keep it.
		{"express", "VBZ", "express"},
		{"Express", "VBZ", "express"},
		{"address", "NNS", "address"},
		{"discusses", "VBZ", "discuss"},
	}
	for _, tt := range tests {
		if got := l.Lemma(tt.form, tt.xpos); got != tt.want {
			t.Errorf("Lemma(%q, %s) = %q, want %q", tt.form, tt.xpos, got, tt.want)
		}
	}
}

func TestLemmatizeUsesUPOSWithoutXPOS(t *testing.T) {
	l := committed(t)
	s := nlp.Sentence{Tokens: []nlp.Token{
		{Form: "Soldiers", UPOS: "NOUN", XPOS: "NNS"},
		{Form: "were", UPOS: "AUX"},
		{Form: "captured", UPOS: "VERB", XPOS: "VBN"},
	}}
	l.Lemmatize(&s)
	want := []string{"soldier", "be", "capture"}
	for i, w := range want {
		if s.Tokens[i].Lemma != w {
			t.Errorf("token %d %q: lemma %q, want %q", i, s.Tokens[i].Form, s.Tokens[i].Lemma, w)
		}
	}
}

func TestRuleRoundTrip(t *testing.T) {
	tests := []struct{ form, lemma string }{
		{"studies", "study"},
		{"Running", "run"},
		{"went", "go"},
		{"Kursk", "Kursk"},
		{"naïve", "naïve"},
		{"Ésta", "ésta"},
		{"", ""},
	}
	for _, tt := range tests {
		r := ruleFor(tt.form, tt.lemma)
		got, ok := r.apply(tt.form)
		if tt.lemma == "" {
			continue
		}
		if !ok || got != tt.lemma {
			t.Errorf("ruleFor(%q, %q) = %+v applies as %q, %v", tt.form, tt.lemma, r, got, ok)
		}
	}
}

func TestSaveLoadRoundTrip(t *testing.T) {
	l := committed(t)
	var buf bytes.Buffer
	if err := l.Save(&buf); err != nil {
		t.Fatal(err)
	}
	l2, err := Load(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if len(l2.lex) != len(l.lex) || len(l2.rules) != len(l.rules) {
		t.Fatalf("round trip: %d/%d exceptions, %d/%d rules", len(l2.lex), len(l.lex), len(l2.rules), len(l.rules))
	}
	for _, w := range []struct{ form, xpos string }{{"went", "VBD"}, {"flies", "VBZ"}, {"Quarrelling", "VBG"}} {
		if a, b := l.Lemma(w.form, w.xpos), l2.Lemma(w.form, w.xpos); a != b {
			t.Errorf("%s/%s: %q before save, %q after", w.form, w.xpos, a, b)
		}
	}
	if _, err := Load(bytes.NewReader([]byte("not a model"))); err == nil {
		t.Error("Load accepted garbage")
	}
}

func TestEvaluateDev(t *testing.T) {
	l := committed(t)
	dev, err := conllu.ReadFile(filepath.Join("..", "..", "..", "data", "ud", "en_ewt-ud-dev.conllu.gz"))
	if err != nil {
		t.Fatal(err)
	}
	s := Evaluate(l, dev[:500], nil)
	if s.Tokens == 0 || s.GoldTags < 0.95 {
		t.Errorf("dev[:500] %s: want lemma accuracy with gold tags ≥ 95%%", s)
	}
}

func TestTrainSmall(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "small.conllu")
	data := "# text = The dogs barked .\n" +
		"1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n" +
		"2\tdogs\tdog\tNOUN\tNNS\t_\t3\tnsubj\t_\t_\n" +
		"3\tbarked\tbark\tVERB\tVBD\t_\t0\troot\t_\t_\n" +
		"4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n"
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := Train(context.Background(), TrainOptions{Train: path})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ form, xpos, want string }{{"cats", "NNS", "cat"}, {"walked", "VBD", "walk"}, {"A", "DT", "a"}} {
		if got := l.Lemma(tt.form, tt.xpos); got != tt.want {
			t.Errorf("small model: Lemma(%q, %s) = %q, want %q", tt.form, tt.xpos, got, tt.want)
		}
	}
	if _, err := Train(context.Background(), TrainOptions{Train: filepath.Join(dir, "missing.conllu")}); err == nil {
		t.Error("Train on a missing file: no error")
	}
}

func BenchmarkLemmatize(b *testing.B) {
	l := committed(b)
	dev, err := conllu.ReadFile(filepath.Join("..", "..", "..", "data", "ud", "en_ewt-ud-dev.conllu.gz"))
	if err != nil {
		b.Fatal(err)
	}
	sents := make([]nlp.Sentence, len(dev))
	tokens := 0
	for i, s := range dev {
		sents[i] = s.Sentence
		tokens += len(s.Tokens)
	}
	l.Lemma("ruled", "VBD") // builds the verb set: a one-off cost, not measured here
	for _, v := range []struct {
		name string
		l    *Lemmatizer
	}{{"wordnet", l}, {"no-wordnet", l.WithoutWordNet()}} {
		b.Run(v.name, func(b *testing.B) {
			for b.Loop() {
				for i := range sents {
					v.l.Lemmatize(&sents[i])
				}
			}
			b.ReportMetric(float64(tokens)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
		})
	}
}
