package kbgen

import (
	"bytes"
	"flag"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "rewrite data/kb/bundled.tsv")

const out = "../../../../data/kb/bundled.tsv"

// TestRegenerate: the committed bundled knowledge base is exactly what
// Build writes from data/gazetteer/.
func TestRegenerate(t *testing.T) {
	got, err := Build("../../../../data/gazetteer")
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(out, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is not what Build writes (%d vs %d bytes): go test ./loaders/link/internal/kbgen -update", out, len(want), len(got))
	}
}
