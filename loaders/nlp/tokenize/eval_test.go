package tokenize

import (
	"path/filepath"
	"runtime"
	"testing"

	"github.com/newsgraph/newsgraph/loaders/nlp/conllu"
)

// repoFile returns the path of a file relative to the repository root.
func repoFile(t testing.TB, rel string) string {
	_, here, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("cannot locate the test file")
	}
	return filepath.Join(filepath.Dir(here), "..", "..", "..", rel)
}

// TestEvaluateDev scores the tokenizer on UD English-EWT dev and holds it to
// the targets: token F1 ≥ 98 %, sentence F1 ≥ 75 %.
func TestEvaluateDev(t *testing.T) {
	sents, err := conllu.ReadFile(repoFile(t, "data/ud/en_ewt-ud-dev.conllu.gz"))
	if err != nil {
		t.Fatal(err)
	}
	sc := Evaluate(New(), sents)
	t.Logf("EWT dev\n%v", sc)
	if f := sc.Tokens.F1(); f < 0.98 {
		t.Errorf("token F1 %.4f < 0.98", f)
	}
	if f := sc.Sentences.F1(); f < 0.75 {
		t.Errorf("sentence F1 %.4f < 0.75", f)
	}
}
