package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"
)

// CaRB's matching of one system tuple against one gold tuple, as
// ../shared/carb/carb_score.py computes it (its docstring, point 3).

// formsOfBe: a system relation's unmatched "be" counts once when the gold
// relation has one of these.
var formsOfBe = []string{"be", "is", "am", "are", "was", "were", "been", "being"}

// speechVerbs: gold relations containing one of these (as substrings) may be
// matched with the system tuple's two slots swapped.
var speechVerbs = []string{"said", "told", "added", "adds", "says"}

type bag struct {
	n     int
	words map[string]int
}

func newBag(words []string) bag {
	b := bag{n: len(words), words: make(map[string]int, len(words))}
	for _, w := range words {
		b.words[w]++
	}
	return b
}

func shared(a, b map[string]int) int {
	n := 0
	for w, k := range a {
		n += min(k, b[w])
	}
	return n
}

type tuple struct {
	rel      bag
	slots    []bag // arg1, then the further arguments joined (at most two)
	swapped  []bag // nil with fewer than two arguments
	hasBe    bool
	isSpeech bool
}

func newTuple(rel string, args []string) tuple {
	t := tuple{rel: newBag(strings.Fields(rel))}
	if len(args) >= 2 {
		first := newBag(strings.Fields(args[0]))
		rest := newBag(strings.Fields(strings.Join(args[1:], " ")))
		t.slots = []bag{first, rest}
		t.swapped = []bag{rest, first}
	} else {
		for _, a := range args {
			t.slots = append(t.slots, newBag(strings.Fields(a)))
		}
	}
	for _, w := range formsOfBe {
		if t.rel.words[w] > 0 {
			t.hasBe = true
		}
	}
	for _, v := range speechVerbs {
		if strings.Contains(rel, v) {
			t.isSpeech = true
		}
	}
	return t
}

func pairScore(g, s tuple, slots []bag) (float64, float64) {
	hits := shared(g.rel.words, s.rel.words)
	if g.hasBe && s.rel.words["be"] > g.rel.words["be"] {
		hits++
	}
	if hits == 0 {
		return 0, 0
	}
	sysLen, goldLen := s.rel.n, g.rel.n
	for k, gs := range g.slots {
		if k >= len(slots) {
			return 0, 0
		}
		hits += shared(gs.words, slots[k].words)
		sysLen += slots[k].n
		goldLen += gs.n
	}
	var p, r float64
	if sysLen > 0 {
		p = float64(hits) / float64(sysLen)
	}
	if goldLen > 0 {
		r = float64(hits) / float64(goldLen)
	}
	return p, r
}

// match returns the (precision, recall) of system tuple s against gold g.
func match(g, s tuple) (float64, float64) {
	p, r := pairScore(g, s, s.slots)
	if g.isSpeech && s.swapped != nil {
		p2, r2 := pairScore(g, s, s.swapped)
		if p2 > p || (p2 == p && r2 > r) {
			p, r = p2, r2
		}
	}
	return p, r
}

// sentenceKey is how the scorer pairs output lines with gold sentences:
// spaces, Penn Treebank bracket escapes and ASCII punctuation removed.
func sentenceKey(s string) string {
	s = strings.ReplaceAll(s, " ", "")
	for _, e := range [][2]string{{"-LRB-", "("}, {"-RRB-", ")"}, {"-LSB-", "["}, {"-RSB-", "]"}, {"-LCB-", "{"}, {"-RCB-", "}"}} {
		s = strings.ReplaceAll(s, e[0], e[1])
	}
	return strings.Map(func(r rune) rune {
		if r < 128 && strings.ContainsRune("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", r) {
			return -1
		}
		return r
	}, s)
}

// readGold reads a CaRB gold file into tuples by sentence key (a later
// sentence with the same key replaces an earlier one, as in the scorer).
func readGold(path string) (map[string][]tuple, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	bySentence := map[string][]tuple{}
	var order []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		fields := strings.Split(line, "\t")
		if len(fields) < 2 {
			return nil, fmt.Errorf("%s:%d: a gold line needs a sentence and a relation", path, n)
		}
		var args []string
		for _, a := range fields[2:] {
			if !strings.Contains(a, "C: ") {
				args = append(args, strings.TrimSpace(a))
			}
		}
		s := strings.TrimSpace(fields[0])
		if _, ok := bySentence[s]; !ok {
			order = append(order, s)
		}
		bySentence[s] = append(bySentence[s], newTuple(strings.TrimSpace(fields[1]), args))
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	out := make(map[string][]tuple, len(order))
	for _, s := range order {
		out[sentenceKey(s)] = bySentence[s]
	}
	return out, nil
}
