package tag

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/newsgraph/newsgraph/loaders/nlp"
	"github.com/newsgraph/newsgraph/loaders/nlp/conllu"
	"github.com/newsgraph/newsgraph/loaders/nlp/tag/internal/lexbits"
)

var (
	modelPath = filepath.Join("..", "..", "..", "data", "models", "tag.bin.gz")
	devPath   = filepath.Join("..", "..", "..", "data", "ud", "en_ewt-ud-dev.conllu.gz")

	loadOnce  sync.Once
	testModel *Tagger
	loadErr   error

	devOnce sync.Once
	dev     []*conllu.Sentence
	devErr  error
)

// committed loads the committed model once per test binary.
func committed(t testing.TB) *Tagger {
	t.Helper()
	loadOnce.Do(func() {
		f, err := os.Open(modelPath)
		if err != nil {
			loadErr = err
			return
		}
		defer f.Close()
		testModel, loadErr = Load(f)
	})
	if loadErr != nil {
		t.Fatalf("load %s: %v", modelPath, loadErr)
	}
	return testModel
}

func devSet(t testing.TB) []*conllu.Sentence {
	t.Helper()
	devOnce.Do(func() { dev, devErr = conllu.ReadFile(devPath) })
	if devErr != nil {
		t.Fatal(devErr)
	}
	return dev
}

// sentence makes a sentence from space-separated tokens.
func sentence(text string) *nlp.Sentence {
	var s nlp.Sentence
	for i, f := range strings.Fields(text) {
		s.Tokens = append(s.Tokens, nlp.Token{ID: i + 1, Form: f})
	}
	return &s
}

func TestTagSeedArticle(t *testing.T) {
	tg := committed(t)
	tests := []struct {
		text string
		want map[int][]string // token index → acceptable XPOS tags
	}{
		{
			"Ukrainian President Volodymyr Zelenskiy said he is prepared to hand over captured North Korean soldiers to Pyongyang .",
			map[int][]string{2: {"NNP"}, 3: {"NNP"}, 4: {"VBD"}, 5: {"PRP"}, 6: {"VBZ"}, 8: {"TO"}, 9: {"VB"}, 11: {"VBN", "JJ"}, 14: {"NNS"}, 16: {"NNP"}},
		},
		{
			"Last fall , North Korea sent some 11,000 troops to the Kursk region to support Russian forces .",
			map[int][]string{5: {"VBD"}, 7: {"CD"}, 8: {"NNS"}, 10: {"DT"}, 11: {"NNP"}, 12: {"NN"}, 14: {"VB"}, 15: {"JJ"}, 16: {"NNS"}, 17: {"."}},
		},
		{
			"Ukrainian officials said the prisoners were talking through interpreters .",
			map[int][]string{0: {"JJ"}, 2: {"VBD"}, 5: {"VBD"}, 6: {"VBG"}, 7: {"IN"}},
		},
		{
			"The NIS also said one of the captured soldiers had claimed he received training from the Russian military .",
			map[int][]string{1: {"NNP"}, 3: {"VBD"}, 4: {"CD"}, 7: {"VBN", "JJ"}, 9: {"VBD"}, 10: {"VBN"}, 12: {"VBD"}},
		},
	}
	for _, tt := range tests {
		s := sentence(tt.text)
		tg.Tag(s)
		for i, want := range tt.want {
			tok := s.Tokens[i]
			ok := false
			for _, w := range want {
				ok = ok || tok.XPOS == w
			}
			if !ok {
				t.Errorf("%q: token %d %q tagged %s/%s, want %v", tt.text, i, tok.Form, tok.XPOS, tok.UPOS, want)
			}
			if tok.UPOS == "" || tok.Feats == "" {
				t.Errorf("%q: token %d %q has UPOS %q, Feats %q", tt.text, i, tok.Form, tok.UPOS, tok.Feats)
			}
		}
	}
}

func TestTagUPOSAndFeats(t *testing.T) {
	tg := committed(t)
	s := sentence("Zelenskiy said North Korea sent some 11,000 troops .")
	tg.Tag(s)
	want := []struct{ upos, feats string }{
		{"PROPN", "Number=Sing"},
		{"VERB", "Tense=Past|VerbForm=Fin"},
		{"PROPN", "Number=Sing"},
		{"PROPN", "Number=Sing"},
		{"VERB", "Tense=Past|VerbForm=Fin"},
		{"DET", ""},
		{"NUM", "NumForm=Digit|NumType=Card"},
		{"NOUN", "Number=P"}, // EWT: "troops" is Number=Ptan
		{"PUNCT", "_"},
	}
	for i, w := range want {
		tok := s.Tokens[i]
		if tok.UPOS != w.upos {
			t.Errorf("%q: UPOS %s, want %s", tok.Form, tok.UPOS, w.upos)
		}
		// Person and number of past-tense verbs come from the subject in
		// EWT, so only the stable part of FEATS is checked.
		if !strings.Contains(tok.Feats, w.feats) {
			t.Errorf("%q: Feats %s, want it to contain %s", tok.Form, tok.Feats, w.feats)
		}
	}
}

func TestTagEmpty(t *testing.T) {
	tg := committed(t)
	var s nlp.Sentence
	tg.Tag(&s) // must not panic
	s = *sentence("\u00a0 x\uFFFD \x80 ÉCOLE 3.14")
	tg.Tag(&s)
	for _, tok := range s.Tokens {
		if tok.XPOS == "" || tok.UPOS == "" {
			t.Errorf("%q left untagged", tok.Form)
		}
	}
}

func TestEvaluateDev(t *testing.T) {
	tg := committed(t)
	sc := Evaluate(tg, devSet(t)[:400])
	if sc.Tokens < 3000 {
		t.Fatalf("dev[:400] has only %d tokens", sc.Tokens)
	}
	// Floors far below the real figures (see docs/tagger.md): they catch a
	// broken model, not a slightly worse one.
	if sc.XPOS < 0.90 || sc.UPOS < 0.90 || sc.Feats < 0.85 {
		t.Errorf("dev[:400]: %s", sc)
	}
	if !strings.Contains(sc.String(), "XPOS") {
		t.Errorf("Scores.String() = %q", sc)
	}
}

func TestSaveLoadRoundTrip(t *testing.T) {
	tg := committed(t)
	var buf bytes.Buffer
	if err := tg.Save(&buf); err != nil {
		t.Fatal(err)
	}
	tg2, err := Load(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range devSet(t)[:200] {
		a, b := cloneTokens(&g.Sentence), cloneTokens(&g.Sentence)
		tg.Tag(a)
		tg2.Tag(b)
		for i := range a.Tokens {
			if a.Tokens[i].XPOS != b.Tokens[i].XPOS || a.Tokens[i].UPOS != b.Tokens[i].UPOS || a.Tokens[i].Feats != b.Tokens[i].Feats {
				t.Fatalf("%s token %d: %v before save, %v after", g.ID, i, a.Tokens[i], b.Tokens[i])
			}
		}
	}
	// A second save of the reloaded model gives the same bytes.
	var buf2 bytes.Buffer
	if err := tg2.Save(&buf2); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), buf2.Bytes()) {
		t.Error("save → load → save changed the model")
	}
}

func TestLoadRejectsBadInput(t *testing.T) {
	var buf bytes.Buffer
	if err := committed(t).Save(&buf); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{
		"empty":     nil,
		"not gzip":  []byte("hello"),
		"truncated": buf.Bytes()[:buf.Len()/2],
	} {
		if _, err := Load(bytes.NewReader(data)); err == nil {
			t.Errorf("%s: Load succeeded", name)
		}
	}
}

func TestConcurrentTag(t *testing.T) {
	tg := committed(t)
	sents := devSet(t)[:100]
	want := make([]*nlp.Sentence, len(sents))
	for i, g := range sents {
		want[i] = cloneTokens(&g.Sentence)
		tg.Tag(want[i])
	}
	var wg sync.WaitGroup
	errs := make(chan string, 4)
	for range 4 {
		wg.Go(func() {
			for i, g := range sents {
				s := cloneTokens(&g.Sentence)
				tg.Tag(s)
				for j := range s.Tokens {
					if s.Tokens[j].XPOS != want[i].Tokens[j].XPOS {
						errs <- g.ID
						return
					}
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for id := range errs {
		t.Errorf("concurrent tagging of %s differs", id)
	}
}

// TestTrainSmall trains on a tiny treebank: the model must learn it, and
// the same seed must give the same model.
func TestTrainSmall(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "small.conllu")
	var b strings.Builder
	rows := [][]string{
		{"The", "DET", "DT"}, {"dog", "NOUN", "NN"}, {"barked", "VERB", "VBD"}, {".", "PUNCT", "."},
	}
	rows2 := [][]string{
		{"Dogs", "NOUN", "NNS"}, {"bark", "VERB", "VBP"}, {"at", "ADP", "IN"}, {"the", "DET", "DT"}, {"cat", "NOUN", "NN"}, {".", "PUNCT", "."},
	}
	for range 10 {
		for _, sent := range [][][]string{rows, rows2} {
			for i, r := range sent {
				b.WriteString(strings.Join([]string{itoa(i + 1), r[0], "_", r[1], r[2], "_", "0", "root", "_", "_"}, "\t") + "\n")
			}
			b.WriteString("\n")
		}
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	train := func(onePass bool, mix int, noLex, bidir bool) []byte {
		tg, err := Train(context.Background(), TrainOptions{Train: path, Dev: path, Epochs: 3, Seed: 7, OnePass: onePass, Mix: mix, NoLexicon: noLex, NoBidir: !bidir})
		if err != nil {
			t.Fatal(err)
		}
		s := sentence("The cat barked .")
		tg.Tag(s)
		for i, w := range []string{"DT", "NN", "VBD", "."} {
			if s.Tokens[i].XPOS != w {
				t.Errorf("onePass=%v mix=%d: %q tagged %s, want %s", onePass, mix, s.Tokens[i].Form, s.Tokens[i].XPOS, w)
			}
		}
		var buf bytes.Buffer
		if err := tg.Save(&buf); err != nil {
			t.Fatal(err)
		}
		// Models without lexicon features keep the older file format.
		wantMagic := magic
		switch {
		case bidir:
			wantMagic = magicV7 // direction byte
		case noLex:
			wantMagic = magicV5
		}
		if got := modelMagic(t, buf.Bytes()); got != wantMagic {
			t.Errorf("noLex=%v: saved as %q, want %q", noLex, got, wantMagic)
		}
		tg2, err := Load(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatalf("noLex=%v: reload: %v", noLex, err)
		}
		if got, want := tg2.lex.n, tg.lex.n; got != want || noLex != (want == 0) {
			t.Errorf("noLex=%v: %d lexicon entries before save, %d after", noLex, want, got)
		}
		if tg2.rev != bidir || (tg2.mo != nil) != (bidir && !onePass) {
			t.Errorf("bidir=%v onePass=%v: reloaded right-to-left %v, other-direction pass %v", bidir, onePass, tg2.rev, tg2.mo != nil)
		}
		var buf2 bytes.Buffer
		if err := tg2.Save(&buf2); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(buf.Bytes(), buf2.Bytes()) {
			t.Errorf("noLex=%v: save → load → save changed the model", noLex)
		}
		return buf.Bytes()
	}
	for _, c := range []struct {
		onePass      bool
		mix          int
		noLex, bidir bool
	}{{true, 0, false, false}, {false, 0, false, false}, {false, 2, false, false}, {false, 0, true, false}, {false, 0, false, true}, {false, 2, false, true}} {
		if a, b := train(c.onePass, c.mix, c.noLex, c.bidir), train(c.onePass, c.mix, c.noLex, c.bidir); !bytes.Equal(a, b) {
			t.Errorf("onePass=%v mix=%d noLex=%v bidir=%v: two trainings with the same seed differ", c.onePass, c.mix, c.noLex, c.bidir)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Train(ctx, TrainOptions{Train: path}); err == nil {
		t.Error("Train with a cancelled context: no error")
	}
	if _, err := Train(context.Background(), TrainOptions{Train: filepath.Join(dir, "missing.conllu")}); err == nil {
		t.Error("Train on a missing file: no error")
	}
}

// modelMagic returns the format string a saved model starts with.
func modelMagic(t *testing.T, data []byte) string {
	t.Helper()
	gz, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(gz, head); err != nil {
		t.Fatal(err)
	}
	return string(head)
}

// TestLexicon checks entries of the embedded lexicon that internal/taglex
// derives from WordNet and the word list.
func TestLexicon(t *testing.T) {
	keys, vals, err := readLexicon()
	if err != nil {
		t.Fatal(err)
	}
	if len(keys) < 50000 {
		t.Fatalf("lexicon has only %d entries", len(keys))
	}
	lt := newLexTable(len(keys))
	for i, k := range keys {
		lt.add(lexFingerprint(k), vals[i])
	}
	if lt.n != len(keys) {
		t.Fatalf("table holds %d of %d entries (repeated forms or fingerprints)", lt.n, len(keys))
	}
	ek, ev := lt.entries()
	if len(ek) != lt.n || !slices.IsSorted(ek) {
		t.Fatalf("entries: %d keys, sorted %v", len(ek), slices.IsSorted(ek))
	}
	for i, k := range ek {
		if lt.get(k) != uint64(ev[i])+1 {
			t.Fatalf("entry %d: get(%#x) = %d, want %d", i, k, lt.get(k), ev[i]+1)
		}
	}
	tests := []struct {
		form        string
		want, wantN uint64 // bits that must be set, and must not
	}{
		{"paris", lexbits.Cap | lexbits.Noun, lexbits.Lower},
		{"Paris", lexbits.Cap | lexbits.Noun, lexbits.Lower}, // looked up lowercased
		{"stopped", lexbits.VerbEd | lexbits.Lower, lexbits.Noun},
		{"running", lexbits.VerbIng | lexbits.Lower, 0},
		{"bigger", lexbits.AdjEr | lexbits.Lower, 0},
		{"happiest", lexbits.AdjEst, 0},
		{"children", lexbits.NounPl, 0},
		{"quickly", lexbits.Adv | lexbits.Lower, lexbits.Noun},
		{"barks", lexbits.NounPl | lexbits.VerbS, 0},
		// SemCor's most frequent part of speech, for lemmas of several.
		{"house", lexbits.Noun | lexbits.Verb | lexbits.MostNoun, lexbits.MostVerb | lexbits.MostAdj | lexbits.MostAdv},
		{"bid", lexbits.Noun | lexbits.Verb | lexbits.MostVerb, lexbits.MostNoun | lexbits.MostAdj | lexbits.MostAdv},
		{"fast", lexbits.MostAdj, lexbits.MostNoun | lexbits.MostVerb | lexbits.MostAdv},
		{"well", lexbits.MostAdv, lexbits.MostNoun | lexbits.MostVerb | lexbits.MostAdj},
		{"kestrel", lexbits.Noun, lexbits.MostNoun | lexbits.MostVerb | lexbits.MostAdj | lexbits.MostAdv}, // one part of speech: no bit
	}
	var ti tokInfo
	for _, tc := range tests {
		analyse(&ti, tc.form, false, nil)
		v := lt.get(ti.lower)
		if v == lexAbsent {
			t.Errorf("%q not in the lexicon", tc.form)
			continue
		}
		if bits := v - 1; bits&tc.want != tc.want || bits&tc.wantN != 0 {
			t.Errorf("%q: bits %016b, want %016b set and %016b clear", tc.form, bits, tc.want, tc.wantN)
		}
	}
	for _, form := range []string{"zxqvbnm", "Zelenskiy", ""} {
		analyse(&ti, form, false, nil)
		if v := lt.get(ti.lower); v != lexAbsent {
			t.Errorf("%q: got %d, want absent", form, v)
		}
	}
	var empty lexTable
	if v := empty.get(ti.lower); v != lexAbsent {
		t.Errorf("empty table: got %d", v)
	}
	small := newLexTable(2)
	for _, tc := range []struct {
		f    uint64
		v    uint16
		want bool
	}{
		{1 << 16, 7, true},
		{1 << 16, 8, false},      // repeated fingerprint
		{2 << 16, 0xFFFF, false}, // bits + 1 would spill into the fingerprint
		{3 << 16, 0, true},
		{4 << 16, 1, true},  // 3 of 4 slots: one is always left empty
		{5 << 16, 1, false}, // full
	} {
		if got := small.add(tc.f, tc.v); got != tc.want {
			t.Errorf("add(%#x, %d) = %v, want %v", tc.f, tc.v, got, tc.want)
		}
	}
	if small.get(1<<16) != 8 || small.get(3<<16) != 1 || small.get(2<<16) != lexAbsent {
		t.Errorf("small table: get = %d, %d, %d; want 8, 1, absent", small.get(1<<16), small.get(3<<16), small.get(2<<16))
	}
}

func itoa(i int) string { return string(rune('0' + i)) }

func cloneTokens(s *nlp.Sentence) *nlp.Sentence {
	c := &nlp.Sentence{Tokens: append([]nlp.Token(nil), s.Tokens...)}
	for i := range c.Tokens {
		c.Tokens[i].XPOS, c.Tokens[i].UPOS, c.Tokens[i].Feats = "", "", ""
	}
	return c
}

// benchModels returns the model files the benchmarks measure: the
// committed model and, when the environment variable TAG_CANDIDATE names a
// file, that one too, so that both are measured in the same run:
//
//	TAG_CANDIDATE=/tmp/new.bin.gz go test -run XXX -bench . -count 5 ./loaders/nlp/tag
func benchModels() []struct{ name, path string } {
	ms := []struct{ name, path string }{{"committed", modelPath}}
	if p := os.Getenv("TAG_CANDIDATE"); p != "" {
		ms = append(ms, struct{ name, path string }{"candidate", p})
	}
	return ms
}

func BenchmarkTag(b *testing.B) {
	gold := devSet(b)
	sents := make([]*nlp.Sentence, len(gold))
	tokens := 0
	for i, g := range gold {
		sents[i] = cloneTokens(&g.Sentence)
		tokens += len(g.Tokens)
	}
	for _, m := range benchModels() {
		f, err := os.Open(m.path)
		if err != nil {
			b.Fatal(err)
		}
		tg, err := Load(f)
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
		b.Run(m.name, func(b *testing.B) {
			cpu0 := cpuTime()
			for b.Loop() {
				for _, s := range sents {
					tg.Tag(s)
				}
			}
			b.ReportMetric(float64(tokens)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
			if cpu := cpuTime() - cpu0; cpu > 0 {
				b.ReportMetric(float64(tokens)*float64(b.N)/cpu.Seconds(), "tokens/cpu-s")
			}
		})
	}
}

func BenchmarkLoad(b *testing.B) {
	for _, m := range benchModels() {
		data, err := os.ReadFile(m.path)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(m.name, func(b *testing.B) {
			cpu0 := cpuTime()
			for b.Loop() {
				if _, err := Load(bytes.NewReader(data)); err != nil {
					b.Fatal(err)
				}
			}
			if cpu := cpuTime() - cpu0; cpu > 0 {
				b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/load")
			}
		})
	}
}

// TestTrainDefaults pins the zero-value defaults: they must give the
// committed model's configuration.
func TestTrainDefaults(t *testing.T) {
	tests := []struct {
		opts    TrainOptions
		wantAmb int
	}{
		{TrainOptions{}, 5},
		{TrainOptions{NoLexicon: true}, 3},
		{TrainOptions{AmbMinCount: 4}, 4},
		{TrainOptions{NoLexicon: true, AmbMinCount: 7}, 7},
	}
	for _, tc := range tests {
		o := tc.opts
		o.defaults()
		if o.AmbMinCount != tc.wantAmb || o.Epochs != 10 || o.Prune != 0.05 || o.DictMinCount != 20 {
			t.Errorf("%+v: defaults give AmbMinCount %d, Epochs %d, Prune %g, DictMinCount %d", tc.opts, o.AmbMinCount, o.Epochs, o.Prune, o.DictMinCount)
		}
	}
}

// TestModelIndex: the table finds every feature by its fingerprint, and
// index refuses a zero key, a repeated key, and two keys of one probe run
// that share a fingerprint (a found fingerprint must be the key).
func TestModelIndex(t *testing.T) {
	const hi = 7 << 32 // same high half → same fingerprint
	for _, tc := range []struct {
		name string
		keys []uint64
		ok   bool
	}{
		{"distinct", []uint64{1<<32 | 5, 2<<32 | 9, 3<<32 | 5}, true},
		{"same fingerprint, far apart", []uint64{hi | 1, hi | 100}, true},
		{"same fingerprint, one probe run", []uint64{hi | 1, hi | 1025}, false},
		{"repeated key", []uint64{1<<32 | 5, 1<<32 | 5}, false},
		{"zero key", []uint64{0}, false},
	} {
		m := &model{keys: tc.keys, offs: make([]uint32, len(tc.keys)+1)}
		for f := range tc.keys {
			m.offs[f+1] = uint32(f + 1) // one entry each
			m.ent = append(m.ent, uint32(f)<<16|uint32(10*(f+1)))
		}
		err := m.index()
		if (err == nil) != tc.ok {
			t.Errorf("%s: index error %v, want ok %v", tc.name, err, tc.ok)
			continue
		}
		if err != nil {
			continue
		}
		for f, k := range tc.keys {
			scores := make([]int32, len(tc.keys))
			m.score(scores, []uint64{k})
			if scores[f] != int32(10*(f+1)) {
				t.Errorf("%s: key %#x scores %v", tc.name, k, scores)
			}
		}
	}
}
