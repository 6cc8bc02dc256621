package parse

import (
	"bytes"
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/newsgraph/newsgraph/loaders/nlp/conllu"
	"github.com/newsgraph/newsgraph/loaders/nlp/tag"
)

// TestTrainRecipeSmall runs the whole recipe (jackknife, several seeds,
// merge, prune) on 45 dev sentences: the same seed must give the same
// model bytes whether the trainings run one or two at a time, the
// jackknifed file must carry predicted tags, and the result must parse.
func TestTrainRecipeSmall(t *testing.T) {
	train := writeSlice(t, 0, 45) // 7 documents
	dev := writeSlice(t, 45, 10)
	run := func(parallel int) ([]byte, string, []Scores) {
		jk := filepath.Join(t.TempDir(), "jk.conllu.gz")
		var each []Scores
		p, err := TrainRecipe(context.Background(), RecipeOptions{
			Train: train, Dev: dev, Folds: 3, FoldTagger: &tag.TrainOptions{OnePass: true, Epochs: 3},
			JackknifeOut: jk, Models: 2, Epochs: 2, Prune: 2, Seed: 3, Parallel: parallel,
			OnModel: func(i int, _ *Parser, sc Scores) { each = append(each, sc) },
		})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := p.Save(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes(), jk, each
	}
	b1, jk, each := run(1)
	b2, _, _ := run(2)
	if !bytes.Equal(b1, b2) {
		t.Error("same seed, Parallel 1 and 2: different models")
	}
	if len(each) != 2 {
		t.Fatalf("OnModel called %d times, want 2", len(each))
	}
	for i, sc := range each {
		if sc.Tokens == 0 {
			t.Errorf("model %d: no dev scores", i+1)
		}
	}
	gold, err := conllu.ReadFile(train)
	if err != nil {
		t.Fatal(err)
	}
	tagged, err := conllu.ReadFile(jk)
	if err != nil {
		t.Fatal(err)
	}
	if len(tagged) != len(gold) {
		t.Fatalf("jackknifed file has %d sentences, want %d", len(tagged), len(gold))
	}
	n, diff := 0, 0
	for i, s := range tagged {
		for j, tok := range s.Tokens {
			g := gold[i].Tokens[j]
			if tok.Form != g.Form || tok.Head != g.Head || tok.DepRel != g.DepRel {
				t.Fatalf("sentence %d token %d: %+v, want the gold tree of %+v", i, j, tok, g)
			}
			n++
			if tok.XPOS != g.XPOS {
				diff++
			}
		}
	}
	// Taggers trained on 30 sentences cannot get every held-out tag right,
	// nor most of them wrong.
	if diff == 0 || diff > n/2 {
		t.Errorf("jackknifed XPOS differs from gold on %d of %d tokens", diff, n)
	}
	p, err := Load(bytes.NewReader(b1))
	if err != nil {
		t.Fatal(err)
	}
	if sc := Evaluate(p, gold, nil); sc.UAS < 70 {
		t.Errorf("recipe model on its training sentences: %s; want ≥ 70 UAS", sc)
	}
}

func TestFolds(t *testing.T) {
	doc := func(newDoc ...bool) []*conllu.Sentence {
		var ss []*conllu.Sentence
		for _, d := range newDoc {
			ss = append(ss, &conllu.Sentence{NewDoc: d})
		}
		return ss
	}
	for _, tc := range []struct {
		name       string
		sents      []*conllu.Sentence
		k          int
		bySentence bool
		want       []int
	}{
		{"documents dealt round-robin", doc(true, false, true, true, false, false, true), 3, false, []int{0, 0, 1, 2, 2, 2, 0}},
		{"first sentence starts a document", doc(false, false, true, true), 2, false, []int{0, 0, 1, 0}},
		{"by sentence", doc(true, false, true, true, false), 2, true, []int{0, 1, 0, 1, 0}},
		{"fewer documents than folds", doc(true, false, false, true), 3, false, []int{0, 1, 2, 0}},
	} {
		if got := folds(tc.sents, tc.k, tc.bySentence); !slices.Equal(got, tc.want) {
			t.Errorf("%s: folds = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestRecipeErrors(t *testing.T) {
	ctx := context.Background()
	if _, err := Jackknife(ctx, JackknifeOptions{Train: writeSlice(t, 0, 10), Folds: 1}); err == nil {
		t.Error("Jackknife with 1 fold succeeded")
	}
	if _, err := Jackknife(ctx, JackknifeOptions{Train: "no/such/file.conllu"}); err == nil {
		t.Error("Jackknife of a missing file succeeded")
	}
	if _, err := TrainRecipe(ctx, RecipeOptions{Train: "no/such/file.conllu"}); err == nil {
		t.Error("TrainRecipe of a missing file succeeded")
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := TrainRecipe(cancelled, RecipeOptions{Train: writeSlice(t, 0, 20), Folds: 2}); err == nil {
		t.Error("TrainRecipe with a cancelled context succeeded")
	}
}
