package tokenize

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
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

// TestEvaluateDev scores the tokenizer on UD English-EWT dev (or on the
// treebank named by $TOKENIZE_EVAL, relative to the repository root) and
// holds it above the targets (token F1 ≥ 98 %, sentence F1 ≥ 75 %)
// with the margin it reached: token F1 ≥ 99 %, sentence F1 ≥ 85 %.
func TestEvaluateDev(t *testing.T) {
	file := "data/ud/en_ewt-ud-dev.conllu.gz"
	if f := os.Getenv("TOKENIZE_EVAL"); f != "" {
		file = f
	}
	sents, err := conllu.ReadFile(repoFile(t, file))
	if err != nil {
		t.Fatal(err)
	}
	sc := Evaluate(New(), sents)
	t.Logf("%s\n%v", file, sc)
	if f := sc.Tokens.F1(); f < 0.99 {
		t.Errorf("token F1 %.4f < 0.99", f)
	}
	if f := sc.Sentences.F1(); f < 0.85 {
		t.Errorf("sentence F1 %.4f < 0.85", f)
	}
}

func TestEvaluateCounts(t *testing.T) {
	// Two paragraphs: "Hi there." + "Don't go." | "Bye."
	const doc = `# newdoc
# newpar
# text = Hi there.
1	Hi	_	_	_	_	0	_	_	_
2	there	_	_	_	_	1	_	_	SpaceAfter=No
3	.	_	_	_	_	1	_	_	_

# text = Don't go.
1-2	Don't	_	_	_	_	_	_	_	_
1	Do	_	_	_	_	0	_	_	_
2	n't	_	_	_	_	1	_	_	_
3	go	_	_	_	_	1	_	_	SpaceAfter=No
4	.	_	_	_	_	1	_	_	_

# newpar
# text = Bye.
1	Bye	_	_	_	_	0	_	_	SpaceAfter=No
2	.	_	_	_	_	1	_	_	_

`
	sents, err := conllu.ReadAll(strings.NewReader(doc), "doc")
	if err != nil {
		t.Fatal(err)
	}
	sc := Evaluate(New(), sents)
	// Gold surface tokens: Hi there . Don't go . Bye . = 8; all found.
	if sc.Tokens != (PRF{Gold: 8, System: 8, Correct: 8}) || sc.Words != (PRF{Gold: 9, System: 9, Correct: 9}) ||
		sc.Sentences != (PRF{Gold: 3, System: 3, Correct: 3}) {
		t.Errorf("scores = %+v", sc)
	}
	if sc.Tokens.F1() != 1 || !strings.Contains(sc.String(), "100.00%") {
		t.Errorf("String() = %q", sc.String())
	}
	if (PRF{}).F1() != 0 {
		t.Error("F1 of nothing is not 0")
	}
}
