package parse

import (
	"hash/fnv"
	"slices"
	"strconv"
	"testing"

	"github.com/newsgraph/newsgraph/loaders/nlp/conllu"
)

// devParseHash is the FNV-64a hash of every (Head, DepRel) the committed
// model assigns to EWT dev (gold tags), as computed by the parser before its
// speed-up: the optimised scorer must give identical parses.
const devParseHash = "7322477753a1ad88"

func TestParseDevIdentical(t *testing.T) {
	p := testModel(t)
	gold, err := conllu.ReadFile(devPath)
	if err != nil {
		t.Fatal(err)
	}
	h := fnv.New64a()
	var b []byte
	for _, g := range gold {
		s := g.Sentence
		s.Tokens = slices.Clone(g.Tokens)
		p.Parse(&s)
		for _, tk := range s.Tokens {
			b = strconv.AppendInt(b[:0], int64(tk.Head), 10)
			b = append(b, ' ')
			b = append(b, tk.DepRel...)
			b = append(b, '\n')
			h.Write(b)
		}
		h.Write([]byte{'\n'})
	}
	got := strconv.FormatUint(h.Sum64(), 16)
	if got != devParseHash {
		t.Errorf("dev parses changed: hash %s, want %s", got, devParseHash)
	}
}
