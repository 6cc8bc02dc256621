package parse

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/newsgraph/newsgraph/loaders/nlp/conllu"
)

// writeSlice writes the first n dev sentences to a temporary CoNLL-U file.
func writeSlice(tb testing.TB, from, n int) string {
	tb.Helper()
	gold, err := conllu.ReadFile(devPath)
	if err != nil {
		tb.Fatal(err)
	}
	var buf bytes.Buffer
	for _, s := range gold[from : from+n] {
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

// TestTrainSmall trains on 200 dev sentences and checks that the parser
// learns them, that training is deterministic and that the model survives
// a save/load round trip.
func TestTrainSmall(t *testing.T) {
	path := writeSlice(t, 0, 200)
	train := func() (*Parser, []byte) {
		p, err := Train(context.Background(), TrainOptions{Train: path, Epochs: 2, Seed: 7})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := p.Save(&buf); err != nil {
			t.Fatal(err)
		}
		return p, buf.Bytes()
	}
	p, b1 := train()
	_, b2 := train()
	if !bytes.Equal(b1, b2) {
		t.Error("two runs with the same seed gave different models")
	}
	gold, err := conllu.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sc := Evaluate(p, gold, nil)
	if sc.UAS < 80 || sc.LAS < 75 {
		t.Errorf("on its own training data: %s; want ≥ 80 UAS, ≥ 75 LAS", sc)
	}
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
