package parse

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/newsgraph/newsgraph/loaders/nlp"
	"github.com/newsgraph/newsgraph/loaders/nlp/conllu"
)

// writeSlice writes dev sentences [from, from+n) to a temporary CoNLL-U
// file, with their "# newdoc" comments (the recipe's folds go by document).
func writeSlice(tb testing.TB, from, n int) string {
	tb.Helper()
	gold, err := conllu.ReadFile(devPath)
	if err != nil {
		tb.Fatal(err)
	}
	var buf bytes.Buffer
	for _, s := range gold[from : from+n] {
		if s.NewDoc {
			buf.WriteString("# newdoc\n")
		}
		if err := conllu.Write(&buf, &s.Sentence, s.ID); err != nil {
			tb.Fatal(err)
		}
	}
	path := filepath.Join(tb.TempDir(), "slice.conllu")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		tb.Fatal(err)
	}
	return path
}

// trainTwice trains with opts twice and fails unless both runs give the
// same model bytes; it returns the model and its bytes.
func trainTwice(t *testing.T, opts TrainOptions) (*Parser, []byte) {
	t.Helper()
	var models [2][]byte
	var p *Parser
	for i := range models {
		var err error
		if p, err = Train(context.Background(), opts); err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := p.Save(&buf); err != nil {
			t.Fatal(err)
		}
		models[i] = buf.Bytes()
	}
	if !bytes.Equal(models[0], models[1]) {
		t.Error("two runs with the same seed gave different models")
	}
	return p, models[0]
}

// learnsOwnData fails unless p parses its training file path at ≥ 80 UAS
// and ≥ 75 LAS; it returns the file's sentences and the scores.
func learnsOwnData(t *testing.T, p *Parser, path string) ([]*conllu.Sentence, Scores) {
	t.Helper()
	gold, err := conllu.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sc := Evaluate(p, gold, nil)
	if sc.UAS < 80 || sc.LAS < 75 {
		t.Errorf("on its own training data: %s; want ≥ 80 UAS, ≥ 75 LAS", sc)
	}
	return gold, sc
}

// TestTrainSmall trains on 200 dev sentences and checks that the parser
// learns them, that training is deterministic and that the model survives
// a save/load round trip.
func TestTrainSmall(t *testing.T) {
	path := writeSlice(t, 0, 200)
	p, b1 := trainTwice(t, TrainOptions{Train: path, Epochs: 2, Seed: 7})
	gold, sc := learnsOwnData(t, p, path)
	q, err := Load(bytes.NewReader(b1))
	if err != nil {
		t.Fatal(err)
	}
	if sc2 := Evaluate(q, gold, nil); sc2 != sc {
		t.Errorf("after save/load: %s, before: %s", sc2, sc)
	}
}

func TestTrainErrors(t *testing.T) {
	if _, err := Train(context.Background(), TrainOptions{Train: "no/such/file.conllu"}); err == nil {
		t.Error("Train with a missing file succeeded")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Train(ctx, TrainOptions{Train: writeSlice(t, 0, 20)}); err == nil {
		t.Error("Train with a cancelled context succeeded")
	}
}

func TestAmbiguityClasses(t *testing.T) {
	sent := func(pairs ...string) *conllu.Sentence {
		s := &conllu.Sentence{}
		for i := 0; i < len(pairs); i += 2 {
			s.Tokens = append(s.Tokens, nlp.Token{Form: pairs[i], XPOS: pairs[i+1]})
		}
		return s
	}
	var sents []*conllu.Sentence
	for range 19 {
		sents = append(sents, sent("Run", "VB", "fast", "RB", "rare", "JJ"))
	}
	sents = append(sents, sent("run", "NN", "fast", "JJ"), sent("RUN", "VBP", "rare", "JJ"))
	amb := ambiguityClasses(sents, 3, 0.05)
	run, fast := amb[wordHash("run")], amb[wordHash("fast")]
	// run: VB 19, NN 1, VBP 1 of 21 -> {VB} (NN and VBP under 5 %);
	// fast: RB 19, JJ 1 of 20 -> {JJ, RB} (JJ exactly 5 %).
	if run == 0 || fast == 0 || run == fast {
		t.Fatalf("classes run %x, fast %x: want two different non-zero classes", run, fast)
	}
	only := ambiguityClasses([]*conllu.Sentence{sent("a", "VB"), sent("b", "VB"), sent("c", "VB")}, 1, 0.05)
	if only[wordHash("a")] != run {
		t.Errorf("class of a word always VB differs from that of run (VB and rare others)")
	}
	both := ambiguityClasses([]*conllu.Sentence{sent("x", "RB"), sent("x", "JJ")}, 1, 0.05)
	if both[wordHash("x")] != fast {
		t.Errorf("class {JJ, RB} differs between words")
	}
	if _, ok := amb[wordHash("rare")]; !ok {
		t.Error("rare (20 occurrences) has no class")
	}
	if got := ambiguityClasses(sents[:1], 3, 0.05); len(got) != 0 {
		t.Errorf("words seen once got classes: %d", len(got))
	}
}

// TestMergeNeedsSameLexicon: models with and without ambiguity classes
// (or with different ones) cannot be averaged.
func TestMergeNeedsSameLexicon(t *testing.T) {
	path := writeSlice(t, 0, 30)
	with, err := Train(context.Background(), TrainOptions{Train: path, Epochs: 1, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	without, err := Train(context.Background(), TrainOptions{Train: path, Epochs: 1, Seed: 1, AmbMinCount: -1})
	if err != nil {
		t.Fatal(err)
	}
	if with.amb == nil || without.amb != nil {
		t.Fatalf("AmbMinCount 0 gave lexicon %v, -1 gave %v", with.amb != nil, without.amb != nil)
	}
	if _, err := Merge(with, without); err == nil {
		t.Error("merging models with and without a lexicon succeeded")
	}
	if _, err := Merge(with, with); err != nil {
		t.Errorf("merging a model with itself: %v", err)
	}
}
