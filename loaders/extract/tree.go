package extract

import (
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/loaders/nlp"
)

// tree is a sentence with its dependency children indexed.
type tree struct {
	s     *nlp.Sentence
	toks  []nlp.Token
	heads []int // 0-based heads, -1 for roots; cycles and bad heads broken
	kids  [][]int
	// lower-cased relation, its universal part, lemma and form, per token
	rels, bases, lemmas, lowers []string
	ent                         []int // per token: index into s.Entities of the entity covering it, -1 when none
}

func newTree(s *nlp.Sentence) *tree {
	x := &tree{s: s, toks: s.Tokens}
	n := len(s.Tokens)
	x.heads = make([]int, n)
	for i, t := range s.Tokens {
		h := t.Head - 1
		if h < 0 || h >= n || h == i {
			h = -1
		}
		x.heads[i] = h
	}
	// Break cycles: a token whose head chain comes back to it becomes a root.
	state := make([]byte, n) // 0 unseen, 1 on the current path, 2 done
	for i := range x.heads {
		var path []int
		for j := i; j >= 0 && state[j] != 2; j = x.heads[j] {
			if state[j] == 1 {
				x.heads[j] = -1
				break
			}
			state[j] = 1
			path = append(path, j)
		}
		for _, j := range path {
			state[j] = 2
		}
	}
	x.rels, x.bases, x.lemmas, x.lowers = make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	for i, t := range s.Tokens {
		r := strings.ToLower(t.DepRel)
		x.rels[i], x.bases[i] = r, r
		if k := strings.IndexByte(r, ':'); k >= 0 {
			x.bases[i] = r[:k]
		}
		x.lowers[i] = strings.ToLower(t.Form)
		x.lemmas[i] = x.lowers[i]
		if t.Lemma != "" && t.Lemma != "_" {
			x.lemmas[i] = strings.ToLower(t.Lemma)
		}
	}
	x.kids = make([][]int, n)
	for i, h := range x.heads {
		if h >= 0 {
			x.kids[h] = append(x.kids[h], i)
		}
	}
	x.ent = make([]int, len(s.Tokens))
	for i := range x.ent {
		x.ent[i] = -1
	}
	for k, e := range s.Entities {
		for i := e.Start; i < e.End && i < len(x.ent); i++ {
			if i >= 0 {
				x.ent[i] = k
			}
		}
	}
	x.repair()
	return x
}

// head returns the 0-based head of token i, -1 for the root.
func (x *tree) head(i int) int { return x.heads[i] }

// rel returns the full lower-case relation of token i ("nsubj:pass").
func (x *tree) rel(i int) string { return x.rels[i] }

// base returns the universal part of the relation ("nsubj" for "nsubj:pass").
func (x *tree) base(i int) string { return x.bases[i] }

// lemma returns the lower-case lemma of token i (the form when no lemma).
func (x *tree) lemma(i int) string { return x.lemmas[i] }

func (x *tree) lower(i int) string { return x.lowers[i] }

func (x *tree) upos(i int) string { return x.toks[i].UPOS }

// entType returns the named-entity type covering token i ("" when none),
// from Sentence.Entities or, failing that, from the token's IOB2 tag.
func (x *tree) entType(i int) string {
	if k := x.ent[i]; k >= 0 {
		return x.s.Entities[k].Type
	}
	if t := x.toks[i].NER; len(t) > 2 && t[1] == '-' {
		return t[2:]
	}
	return ""
}

// feat reports whether token i has the morphological feature kv ("VerbForm=Ger").
func (x *tree) feat(i int, kv string) bool {
	for _, f := range strings.Split(x.toks[i].Feats, "|") {
		if f == kv {
			return true
		}
	}
	return false
}

// child returns the first child of i whose relation is one of rels (full
// relation or its universal part), -1 when none.
func (x *tree) child(i int, rels ...string) int {
	for _, k := range x.kids[i] {
		if x.is(k, rels...) {
			return k
		}
	}
	return -1
}

// children returns all children of i with one of rels.
func (x *tree) children(i int, rels ...string) []int {
	var out []int
	for _, k := range x.kids[i] {
		if x.is(k, rels...) {
			out = append(out, k)
		}
	}
	return out
}

// is reports whether token k's relation, full or universal part, is one of rels.
func (x *tree) is(k int, rels ...string) bool {
	r, b := x.rels[k], x.bases[k]
	for _, want := range rels {
		if r == want || b == want {
			return true
		}
	}
	return false
}

// subtree returns the tokens of i's subtree in sentence order, leaving out
// the subtrees of i's direct children for which skip returns true.
func (x *tree) subtree(i int, skip func(k int) bool) []int {
	out := []int{i}
	var walk func(n int)
	walk = func(n int) {
		for _, k := range x.kids[n] {
			out = append(out, k)
			walk(k)
		}
	}
	for _, k := range x.kids[i] {
		if skip != nil && skip(k) {
			continue
		}
		out = append(out, k)
		walk(k)
	}
	sort.Ints(out)
	return out
}

// argSkip are relations of an argument head's children that are not part of
// the argument: they are split off (conj), stated separately (appos,
// relative clauses) or not part of the phrase at all.
var argSkip = []string{"conj", "cc", "punct", "appos", "acl:relcl", "parataxis", "dep", "discourse", "vocative", "reparandum", "list", "dislocated", "orphan"}

// span returns the argument headed by i: its subtree without conjuncts,
// appositions and relative clauses, trimmed of punctuation at the edges.
func (x *tree) span(i int, extra ...int) Span {
	toks := x.subtree(i, func(k int) bool {
		for _, e := range extra {
			if k == e {
				return true
			}
		}
		if x.is(k, "punct") {
			return false // kept inside, trimmed at the edges below
		}
		return x.is(k, argSkip...)
	})
	return x.makeSpan(i, toks)
}

// makeSpan trims edge punctuation (and a leading coordinator) from toks and
// builds the Span.
func (x *tree) makeSpan(h int, toks []int) Span {
	for len(toks) > 0 && (x.upos(toks[0]) == "PUNCT" || x.is(toks[0], "cc") || x.lemmas[toks[0]] == "neither" || x.lemmas[toks[0]] == "either") && toks[0] != h {
		toks = toks[1:]
	}
	for len(toks) > 0 && x.upos(toks[len(toks)-1]) == "PUNCT" && toks[len(toks)-1] != h {
		toks = toks[:len(toks)-1]
	}
	toks = x.balance(toks)
	return Span{Head: h, Tokens: toks, Text: x.text(toks)}
}

// balance drops an unmatched quote or bracket left at an edge of toks.
func (x *tree) balance(toks []int) []int {
	for len(toks) > 1 {
		f, l := x.toks[toks[0]].Form, x.toks[toks[len(toks)-1]].Form
		switch {
		case isOpen(f) && !containsForm(x, toks[1:], closing(f)):
			toks = toks[1:]
		case isClose(l) && !containsForm(x, toks[:len(toks)-1], opening(l)):
			toks = toks[:len(toks)-1]
		default:
			return toks
		}
	}
	return toks
}

func containsForm(x *tree, toks []int, forms []string) bool {
	for _, t := range toks {
		for _, f := range forms {
			if x.toks[t].Form == f {
				return true
			}
		}
	}
	return false
}

func isOpen(f string) bool  { return f == "(" || f == "[" || f == "“" || f == "``" || f == "‘" }
func isClose(f string) bool { return f == ")" || f == "]" || f == "”" || f == "''" || f == "’" }

func closing(f string) []string {
	switch f {
	case "(":
		return []string{")"}
	case "[":
		return []string{"]"}
	}
	return []string{"”", "''", "’", "\""}
}

func opening(f string) []string {
	switch f {
	case ")":
		return []string{"("}
	case "]":
		return []string{"["}
	}
	return []string{"“", "``", "‘", "\""}
}

// text joins the tokens as written: a space where the text has one, or
// between tokens that are not adjacent.
func (x *tree) text(toks []int) string {
	var b strings.Builder
	for n, t := range toks {
		if n > 0 {
			prev := toks[n-1]
			if prev != t-1 || x.toks[prev].SpaceAfter || x.gap(prev, t) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(x.toks[t].Form)
	}
	return b.String()
}

// gap reports whether the text has white space between adjacent tokens a
// and b (used when SpaceAfter was not filled in but offsets were).
func (x *tree) gap(a, b int) bool {
	ta, tb := x.toks[a], x.toks[b]
	return tb.Start > ta.End && ta.End > 0
}

// words returns the forms of toks joined by single spaces (CaRB's view).
func (x *tree) words(toks []int) string {
	f := make([]string, len(toks))
	for n, t := range toks {
		f[n] = x.toks[t].Form
	}
	return strings.Join(f, " ")
}
