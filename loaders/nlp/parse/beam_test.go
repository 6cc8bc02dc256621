package parse

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/loaders/nlp/conllu"
)

func TestKeep(t *testing.T) {
	cands := func(scores ...int64) []candidate {
		var cs []candidate
		for i, s := range scores {
			cs = append(cs, candidate{item: i, score: s})
		}
		return cs
	}
	tests := []struct {
		k      int
		scores []int64
		want   []int // items kept, best first
	}{
		{1, []int64{3, 5, 4}, []int{1}},
		{2, []int64{3, 5, 4}, []int{1, 2}},
		{3, []int64{1, 1, 1, 1}, []int{0, 1, 2}}, // ties: earlier first
		{2, []int64{2, 7, 7, 9}, []int{3, 1}},
		{4, []int64{-1, -5}, []int{0, 1}},
	}
	for _, tc := range tests {
		var top []candidate
		for _, c := range cands(tc.scores...) {
			top = keep(top, tc.k, c)
		}
		var got []int
		for _, c := range top {
			got = append(got, c.item)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("keep k=%d %v: %v, want %v", tc.k, tc.scores, got, tc.want)
		}
	}
}

// TestBeamOneIsGreedy: a beam of one is the greedy parser, tree for tree.
func TestBeamOneIsGreedy(t *testing.T) {
	p := testModel(t)
	gold, err := conllu.ReadFile(devPath)
	if err != nil {
		t.Fatal(err)
	}
	var d beamDecoder
	diff := 0
	for _, g := range gold[:300] {
		a := g.Sentence
		a.Tokens = slices.Clone(g.Tokens)
		b := a
		b.Tokens = slices.Clone(g.Tokens)
		p.Parse(&a)
		p.parseBeam(&b, 1, &d)
		for i := range a.Tokens {
			if a.Tokens[i].Head != b.Tokens[i].Head || a.Tokens[i].DepRel != b.Tokens[i].DepRel {
				diff++
			}
		}
	}
	if diff != 0 {
		t.Fatalf("%d tokens differ between Parse and a beam of one", diff)
	}
}

// TestTrainBeamSmall trains a beam model on 100 dev sentences: it must be
// deterministic, learn its training data, keep its beam through Prune and
// give well-formed trees.
func TestTrainBeamSmall(t *testing.T) {
	path := writeSlice(t, 0, 100)
	p, b := trainTwice(t, TrainOptions{Train: path, Epochs: 2, Seed: 7, Beam: 4})
	if p.beam != 4 || p.Prune(1).beam != 4 {
		t.Errorf("beam %d, after Prune %d; want 4", p.beam, p.Prune(1).beam)
	}
	if !bytes.HasPrefix(gunzip(t, b), []byte(magicBeam)) {
		t.Errorf("a beam model is not saved as %s", magicBeam)
	}
	gold, sc := learnsOwnData(t, p, path)
	q, err := Load(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if q.beam != 4 {
		t.Errorf("loaded beam %d, want 4", q.beam)
	}
	if sc2 := Evaluate(q, gold, nil); sc2 != sc {
		t.Errorf("after save/load: %s, before: %s", sc2, sc)
	}
	// The model's scores are meant for the beam: decoded greedily it is worse.
	p.SetBeam(1)
	greedy := Evaluate(p, gold, nil)
	p.SetBeam(4)
	if greedy.LAS >= sc.LAS {
		t.Errorf("greedy decoding %s, beam of 4 %s: the beam does not search", greedy, sc)
	}
	t.Logf("beam 4: %s; greedy: %s", sc, greedy)
	for _, g := range gold {
		s := g.Sentence
		s.Tokens = slices.Clone(g.Tokens)
		p.Parse(&s)
		checkTree(t, &s)
	}
}

// BenchmarkParseBeam parses the first 500 dev sentences with beams of
// several widths (the committed model, or PARSE_CANDIDATE) and reports
// tokens per second.
func BenchmarkParseBeam(b *testing.B) {
	gold, err := conllu.ReadFile(devPath)
	if err != nil {
		b.Fatal(err)
	}
	gold = gold[:500]
	ms := benchModels(b)
	p := loadFile(b, ms[len(ms)-1][1])
	for _, k := range []int{1, 2, 4, 8} {
		b.Run(fmt.Sprintf("beam%d", k), func(b *testing.B) {
			p.SetBeam(k)
			defer p.SetBeam(0)
			benchParse(b, p, gold)
		})
	}
}

func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestDecodeBeamHeader: version 3 headers are checked like the rest.
func TestDecodeBeamHeader(t *testing.T) {
	tests := []struct {
		name string
		hdr  []byte
		want string
	}{
		{"bad flags", append([]byte(magicBeam), 2, 4, 0, 0, 0), "bad flags"},
		{"beam 1", append([]byte(magicBeam), 1, 1, 0, 0, 0), "bad beam width 1"},
		{"beam 65", append([]byte(magicBeam), 1, 65, 0, 0, 0), "bad beam width 65"},
		{"truncated", append([]byte(magicBeam), 1, 4), "truncated"},
		{"unknown version", []byte("NGPARSE9"), "bad magic"},
	}
	for _, tc := range tests {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write(tc.hdr)
		zw.Close()
		_, err := Load(&buf)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one containing %q", tc.name, err, tc.want)
		}
	}
}
