package parse

import (
	"hash/fnv"
	"slices"
	"strconv"
	"testing"

	"github.com/newsgraph/newsgraph/loaders/nlp/conllu"
)

// devParseHash is the FNV-64a hash of every (Head, DepRel) the committed
// model assigns to EWT dev (gold tags): any change to features, scoring or
// decoding that alters a parse breaks it. It changes with the model (the
// session-1 model's hash, 7322477753a1ad88, was computed before the
// scorer's speed-up and checked after it).
const devParseHash = "20decb864a7a7a42"

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
