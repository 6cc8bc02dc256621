package parse

import "github.com/newsgraph/newsgraph/loaders/nlp"

// state is an arc-hybrid configuration over a sentence of n tokens, indexed
// 1..n with 0 as the artificial root. The stack starts as [0]; the buffer is
// the tokens bi..n. SHIFT pushes b0; LEFT_l attaches s0 to b0 and pops it;
// RIGHT_l attaches s0 to s1 and pops it. The root may take its single child
// only when the buffer is empty, so every terminal state is a tree.
type state struct {
	n     int
	stack []int32
	bi    int

	word, tag []uint64 // feature values per token, index 0 = root
	upos, suf []uint64 // UPOS and lower-cased 3-letter suffix
	amb       []uint64 // ambiguity class of the word (Parser.amb)
	useAmb    bool
	head      []int32
	lab       []int16
	lc1, lc2  []int32 // leftmost and second leftmost child (0 = none)
	rc1, rc2  []int32 // rightmost and second rightmost child
	nl, nr    []int32 // number of left and right children
	ls, rs    []uint64
	fs        []uint64
	sc        []int32
}

func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

func (st *state) init(s *nlp.Sentence, amb map[uint64]uint64) {
	n := len(s.Tokens)
	st.n = n
	st.stack = append(st.stack[:0], 0)
	st.bi = 1
	st.word = grow(st.word, n+1)
	st.tag = grow(st.tag, n+1)
	st.upos = grow(st.upos, n+1)
	st.suf = grow(st.suf, n+1)
	st.amb = grow(st.amb, n+1)
	st.useAmb = amb != nil
	st.head = grow(st.head, n+1)
	st.lab = grow(st.lab, n+1)
	st.lc1 = grow(st.lc1, n+1)
	st.lc2 = grow(st.lc2, n+1)
	st.rc1 = grow(st.rc1, n+1)
	st.rc2 = grow(st.rc2, n+1)
	st.nl = grow(st.nl, n+1)
	st.nr = grow(st.nr, n+1)
	st.ls = grow(st.ls, n+1)
	st.rs = grow(st.rs, n+1)
	st.word[0], st.tag[0], st.upos[0], st.suf[0], st.amb[0] = rootValue, rootValue, rootValue, rootValue, rootValue
	for i := range s.Tokens {
		t := &s.Tokens[i]
		st.word[i+1] = wordHash(t.Form)
		if a, ok := amb[st.word[i+1]]; ok {
			st.amb[i+1] = a
		} else {
			st.amb[i+1] = unknownValue
		}
		st.upos[i+1] = tagHash(t.UPOS)
		suf := t.Form
		if len(suf) > 3 {
			suf = suf[len(suf)-3:]
		}
		st.suf[i+1] = wordHash(suf) ^ 0x5355462d
		tg := t.XPOS
		if tg == "" || tg == "_" {
			tg = t.UPOS
		}
		st.tag[i+1] = tagHash(tg)
	}
}

func (st *state) scores(n int) []int32 {
	st.sc = grow(st.sc, n)
	return st.sc
}

func (st *state) terminal() bool { return st.bi > st.n && len(st.stack) == 1 }

// valid reports whether transition class c may be applied.
func (st *state) valid(c int, p *Parser) bool {
	L := len(p.labels)
	switch {
	case c == shift:
		return st.bi <= st.n
	case c <= L: // LEFT
		return st.bi <= st.n && st.stack[len(st.stack)-1] != 0 && c-1 != p.root
	default: // RIGHT
		if len(st.stack) < 2 {
			return false
		}
		if st.stack[len(st.stack)-2] == 0 {
			return st.bi > st.n && c-1-L == p.root
		}
		return c-1-L != p.root
	}
}

// apply performs transition class c, which must be valid.
func (st *state) apply(c int, p *Parser) {
	L := len(p.labels)
	switch {
	case c == shift:
		st.stack = append(st.stack, int32(st.bi))
		st.bi++
	case c <= L:
		d := st.stack[len(st.stack)-1]
		st.stack = st.stack[:len(st.stack)-1]
		st.arc(int32(st.bi), d, c-1)
	default:
		d := st.stack[len(st.stack)-1]
		st.stack = st.stack[:len(st.stack)-1]
		st.arc(st.stack[len(st.stack)-1], d, c-1-L)
	}
}

// setTree writes the heads and relations of a terminal st into s.
func (st *state) setTree(s *nlp.Sentence, p *Parser) {
	for i := range s.Tokens {
		t := &s.Tokens[i]
		t.Head = int(st.head[i+1])
		t.DepRel = p.labels[st.lab[i+1]]
	}
}

func (st *state) arc(h, d int32, l int) {
	st.head[d] = h
	st.lab[d] = int16(l)
	bit := uint64(1) << (uint(l) & 63)
	if d < h {
		st.nl[h]++
		st.ls[h] |= bit
		if st.lc1[h] == 0 || d < st.lc1[h] {
			st.lc2[h] = st.lc1[h]
			st.lc1[h] = d
		} else if st.lc2[h] == 0 || d < st.lc2[h] {
			st.lc2[h] = d
		}
	} else {
		st.nr[h]++
		st.rs[h] |= bit
		if st.rc1[h] == 0 || d > st.rc1[h] {
			st.rc2[h] = st.rc1[h]
			st.rc1[h] = d
		} else if st.rc2[h] == 0 || d > st.rc2[h] {
			st.rc2[h] = d
		}
	}
}

// Constant feature values for absent positions and the root.
const (
	noneValue    uint64 = 0x6e6f6e65
	rootValue    uint64 = 0x726f6f74
	unknownValue uint64 = 0x756e6b6e // a word without an ambiguity class
)

// wordHash hashes a word form lower-cased (ASCII) with digits mapped to 0,
// without allocating.
func wordHash(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c >= '0' && c <= '9':
			c = '0'
		}
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

func tagHash(s string) uint64 {
	h := uint64(0xcbf29ce484222325 ^ 0x7461670a)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// mix folds x into the running feature hash h.
func mix(h, x uint64) uint64 {
	h ^= x
	h *= 0x9e3779b97f4a7c15
	h ^= h >> 31
	return h
}

func f1(t, a uint64) uint64       { return nz(mix(mix(t*0x100000001b3, a), 1)) }
func f2(t, a, b uint64) uint64    { return nz(mix(mix(mix(t*0x100000001b3, a), b), 2)) }
func f3(t, a, b, c uint64) uint64 { return nz(mix(mix(mix(mix(t*0x100000001b3, a), b), c), 3)) }
func f4(t, a, b, c, d uint64) uint64 {
	return nz(mix(mix(mix(mix(mix(t*0x100000001b3, a), b), c), d), 4))
}

func nz(h uint64) uint64 {
	if h == 0 {
		return 1
	}
	return h
}

// features appends the feature keys of the current configuration to fs.
func (st *state) features(fs []uint64) []uint64 {
	none := int32(-1)
	at := func(i int32) (w, p uint64) {
		if i < 0 {
			return noneValue, noneValue
		}
		return st.word[i], st.tag[i]
	}
	child := func(i int32, c []int32) int32 {
		if i < 0 || c[i] == 0 {
			return none
		}
		return c[i]
	}
	label := func(i int32) uint64 {
		if i < 0 {
			return noneValue
		}
		return uint64(st.lab[i]) + 1
	}
	k := len(st.stack)
	s0, s1, s2 := none, none, none
	if k >= 1 {
		s0 = st.stack[k-1]
	}
	if k >= 2 {
		s1 = st.stack[k-2]
	}
	if k >= 3 {
		s2 = st.stack[k-3]
	}
	b0, b1, b2 := none, none, none
	if st.bi <= st.n {
		b0 = int32(st.bi)
	}
	if st.bi+1 <= st.n {
		b1 = int32(st.bi + 1)
	}
	if st.bi+2 <= st.n {
		b2 = int32(st.bi + 2)
	}
	up := func(i int32) (u, x uint64) {
		if i < 0 {
			return noneValue, noneValue
		}
		return st.upos[i], st.suf[i]
	}
	s0u, s0x := up(s0)
	s1u, s1x := up(s1)
	s2u, _ := up(s2)
	b0u, b0x := up(b0)
	b1u, _ := up(b1)
	s0w, s0p := at(s0)
	s1w, s1p := at(s1)
	s2w, s2p := at(s2)
	b0w, b0p := at(b0)
	b1w, b1p := at(b1)
	b2w, b2p := at(b2)

	s0l, s0l2, s0r, s0r2 := child(s0, st.lc1), child(s0, st.lc2), child(s0, st.rc1), child(s0, st.rc2)
	b0l, b0l2 := child(b0, st.lc1), child(b0, st.lc2)
	s1l, s1r, s1r2 := child(s1, st.lc1), child(s1, st.rc1), child(s1, st.rc2)
	s0lw, s0lp := at(s0l)
	s0l2w, s0l2p := at(s0l2)
	s0rw, s0rp := at(s0r)
	s0r2w, s0r2p := at(s0r2)
	b0lw, b0lp := at(b0l)
	b0l2w, b0l2p := at(b0l2)
	s1lw, s1lp := at(s1l)
	s1rw, s1rp := at(s1r)
	_, s1r2p := at(s1r2)
	s0ll, s0l2l, s0rl, s0r2l := label(s0l), label(s0l2), label(s0r), label(s0r2)
	b0ll, b0l2l := label(b0l), label(b0l2)
	s1ll, s1rl := label(s1l), label(s1r)

	dist := func(a, b int32) uint64 {
		if a < 0 || b < 0 {
			return noneValue
		}
		d := b - a
		if d > 10 {
			d = 10
		}
		if a == 0 {
			d = 20
		}
		return uint64(d)
	}
	d := dist(s0, b0)
	d2 := dist(s1, s0)
	val := func(i int32, v []int32) uint64 {
		if i < 0 {
			return noneValue
		}
		return uint64(v[i])
	}
	set := func(i int32, v []uint64) uint64 {
		if i < 0 {
			return noneValue
		}
		return v[i]
	}
	s0vl, s0vr, b0vl := val(s0, st.nl), val(s0, st.nr), val(b0, st.nl)
	s1vl, s1vr := val(s1, st.nl), val(s1, st.nr)
	s0sl, s0sr, b0sl, s1sr := set(s0, st.ls), set(s0, st.rs), set(b0, st.ls), set(s1, st.rs)

	fs = append(fs,
		// single positions
		f2(1, s0w, s0p), f1(2, s0w), f1(3, s0p),
		f2(4, b0w, b0p), f1(5, b0w), f1(6, b0p),
		f2(7, b1w, b1p), f1(8, b1w), f1(9, b1p),
		f2(10, b2w, b2p), f1(11, b2w), f1(12, b2p),
		f2(13, s1w, s1p), f1(14, s1w), f1(15, s1p),
		f2(16, s2w, s2p), f1(17, s2p),
		// pairs s0-b0, s1-s0
		f4(20, s0w, s0p, b0w, b0p), f3(21, s0w, s0p, b0w), f3(22, s0w, b0w, b0p),
		f3(23, s0w, s0p, b0p), f3(24, s0p, b0w, b0p), f2(25, s0w, b0w), f2(26, s0p, b0p),
		f2(27, b0p, b1p),
		f4(28, s1w, s1p, s0w, s0p), f3(29, s1w, s1p, s0p), f3(30, s1p, s0w, s0p),
		f2(31, s1w, s0w), f2(32, s1p, s0p), f3(33, s1w, s0w, s0p), f3(34, s1p, s1w, s0w),
		// triples of tags
		f3(40, b0p, b1p, b2p), f3(41, s0p, b0p, b1p), f3(42, s1p, s0p, b0p),
		f3(43, s2p, s1p, s0p), f3(44, s0p, s0lp, b0p), f3(45, s0p, s0rp, b0p),
		f3(46, s0p, b0p, b0lp), f3(47, s1p, s0p, s0lp), f3(48, s1p, s1rp, s0p),
		f3(49, s1p, s0p, s0rp), f4(50, s1p, s0p, b0p, b1p),
		// distance
		f2(60, s0w, d), f2(61, s0p, d), f2(62, b0w, d), f2(63, b0p, d),
		f3(64, s0w, b0w, d), f3(65, s0p, b0p, d), f3(66, s1p, s0p, d2),
		f3(67, s1w, s0w, d2), f2(68, s0w, d2), f2(69, s1w, d2),
		// valency
		f2(70, s0w, s0vr), f2(71, s0p, s0vr), f2(72, s0w, s0vl), f2(73, s0p, s0vl),
		f2(74, b0w, b0vl), f2(75, b0p, b0vl), f2(76, s1w, s1vr), f2(77, s1p, s1vr),
		f2(78, s1p, s1vl),
		// children
		f1(80, s0lw), f1(81, s0lp), f1(82, s0ll), f1(83, s0rw), f1(84, s0rp), f1(85, s0rl),
		f1(86, b0lw), f1(87, b0lp), f1(88, b0ll), f1(89, s1rw), f1(90, s1rp), f1(91, s1rl),
		f1(92, s1lw), f1(93, s1lp), f1(94, s1ll),
		f1(100, s0l2w), f1(101, s0l2p), f1(102, s0l2l), f1(103, s0r2w), f1(104, s0r2p),
		f1(105, s0r2l), f1(106, b0l2w), f1(107, b0l2p), f1(108, b0l2l),
		f3(109, s0p, s0lp, s0l2p), f3(110, s0p, s0rp, s0r2p), f3(111, b0p, b0lp, b0l2p),
		f3(112, s1p, s1rp, s1r2p), f1(113, s2w),
		f3(114, s0p, s0ll, s0rl), f3(115, s1p, s1rl, s0p), f3(116, b0p, b0ll, s0p),
		// label sets
		f2(120, s0w, s0sr), f2(121, s0p, s0sr), f2(122, s0w, s0sl), f2(123, s0p, s0sl),
		f2(124, b0w, b0sl), f2(125, b0p, b0sl), f2(126, s1p, s1sr),
		// universal tags and suffixes: robust to fine-grained tagging errors
		f2(130, s0u, b0u), f2(131, s1u, s0u), f3(132, s1u, s0u, b0u), f3(133, s0u, b0u, b1u),
		f3(134, s2u, s1u, s0u), f3(135, s0u, b0u, d),
		f1(140, s0x), f1(141, b0x), f1(142, s1x), f2(143, s0x, b0x), f2(144, s1x, s0x),
	)
	if st.useAmb {
		// Ambiguity classes: which tags the word can take, whatever the
		// tagger chose for it here.
		amb := func(i int32) uint64 {
			if i < 0 {
				return noneValue
			}
			return st.amb[i]
		}
		s0a, s1a, b0a, b1a := amb(s0), amb(s1), amb(b0), amb(b1)
		fs = append(fs,
			f1(150, s0a), f1(151, b0a), f1(152, b1a), f1(153, s1a),
			f2(154, s0a, b0a), f2(155, s1a, s0a),
		)
	}
	return fs
}
