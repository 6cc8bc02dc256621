package main

import (
	"strings"
	"testing"
)

// TestEvalEntitiesCommand runs eval entities on the hand-made GUM document
// of loaders/entityeval: every figure is printed for both parts, and bad
// input is one error naming it.
func TestEvalEntitiesCommand(t *testing.T) {
	const tiny = "../../loaders/entityeval/testdata/tiny.conllu"
	out, stderr, err := run(t, "eval", "entities", "--gum", tiny)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	for _, w := range []string{"1 documents", "held-out", "named-entity recall", "over-splitting", "over-merging",
		"junk share", "type accuracy", "pronoun accuracy", "/4)"} {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q:\n%s", w, out)
		}
	}
	if _, _, err := run(t, "eval", "entities", "--gum", tiny, "--genre", "bio"); err == nil || !strings.Contains(err.Error(), "no document matches") {
		t.Errorf("--genre bio: err = %v", err)
	}
	if _, _, err := run(t, "eval", "entities", "--gum", "testdata/nonexistent.conllu"); err == nil || !strings.Contains(err.Error(), "nonexistent.conllu") {
		t.Errorf("missing file: err = %v", err)
	}
}
