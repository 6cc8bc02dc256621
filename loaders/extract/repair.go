package extract

// Repairs of frequent parser errors that no clause rule can undo, made on
// the tree's own copy of heads and relations before extraction (the
// sentence itself is not changed).

// repair re-heads five misparses:
//
//   - "“CLAUSE,” X wrote": a speech verb with its own subject right after a
//     closing quote, hung as a relative clause (or acl) on a noun inside the
//     quote, becomes a parataxis of the sentence root, so the quote is what
//     X wrote;
//   - "X said NP, or NP2, had been killed" / "X said NP, who …, claimed":
//     the reported clause's subject parsed as the speech verb's object (or
//     as a bare-noun clausal complement) and the reported verb as a
//     conjunct without a subject: the noun becomes the subject of that verb
//     (NP2 its conjunct) and the verb the speech verb's clausal complement;
//   - "came as South Korea said": a speech verb parsed as a conjunct right
//     after an "as" oblique is the adverbial clause asSubject expects;
//   - "X said Y were …, adding that Z": the speech participle hung on the
//     reported verb goes to X's speech verb, so X is the one adding;
//   - a relative clause ("who are in captivity") hung on a verb although it
//     starts right after a noun: it goes to that noun;
//   - "John Kirby on December 27 told reporters …" parsed with the name as
//     the root and the verb as a conjunct (no "and"), apposition or other
//     nominal dependent of a noun after it: the verb becomes the root, the
//     name its subject;
//   - "… [the agency] has confirmed": a noun phrase in square brackets (an
//     editor's insertion standing for the quote's own subject) right before
//     a verb that has no subject, hung elsewhere, becomes that verb's subject.
func (x *tree) repair() {
	for r := range x.toks {
		if x.nominalRootVerb(r) {
			x.reindex()
		}
	}
	for l := range x.toks {
		if x.bracketSubject(l) {
			x.reindex()
		}
	}
	changed := false
	for w := range x.toks {
		if x.quotedSpeaker(w) {
			if r := x.rootOf(w); r >= 0 && r != w {
				x.reattach(w, r, "parataxis")
				changed = true
			}
		}
	}
	if changed {
		x.reindex()
	}
	for p := range x.toks {
		// "came as South Korea said …" parsed as a conjunct: an adverbial
		// clause whose subject was split off (see asSubject).
		if h := x.head(p); h >= 0 && x.is(p, "conj") && speechVerbs[x.lemma(p)] && x.upos(p) == "VERB" &&
			x.child(p, "cc") < 0 && x.asSubject(p, h) >= 0 {
			x.reattach(p, h, "advcl")
			x.reindex()
		}
	}
	for p := range x.toks {
		// "X told reporters that Y were …, adding that Z": a speech
		// participle hung on the reported verb is the reporter's.
		h := x.head(p)
		if h < 0 || !x.is(p, "advcl") || !speechVerbs[x.lemma(p)] || x.toks[p].XPOS != "VBG" || p == 0 ||
			x.lowers[p-1] != "," || x.child(p, "nsubj", "nsubj:pass", "mark") >= 0 || !x.is(h, "ccomp") {
			continue
		}
		if v := x.head(h); v >= 0 && v < h && speechVerbs[x.lemma(v)] && x.child(v, "cop") < 0 {
			x.reattach(p, v, "advcl")
			x.reindex()
		}
	}
	for v := range x.toks {
		if x.reportedAsConj(v) {
			x.reindex()
		}
	}
	for w := range x.toks {
		if !x.is(w, "acl:relcl") || x.head(w) < 0 || !x.isPredicateHead(x.head(w)) {
			continue
		}
		st := x.subtree(w, nil)
		l := st[0]
		if l == 0 || !x.isRelPron(l) {
			continue
		}
		n := l - 1
		if !x.isNominal(n) {
			continue
		}
		if x.inSubtree(n, w) {
			continue
		}
		x.reattach(w, n, "acl:relcl")
		x.reindex()
	}
}

// nominalRootVerb repairs "NP (PP) VERB …" parsed as a nominal root r with
// the finite verb, without subject or coordinator, hung as a conjunct,
// apposition or nominal dependent somewhere after it in r's subtree. The
// verb becomes the root, r its subject; r's children after the verb, and
// the prepositional phrases between r and the verb, become the verb's. It
// reports whether it changed the tree.
func (x *tree) nominalRootVerb(r int) bool {
	if x.head(r) >= 0 || (x.upos(r) != "NOUN" && x.upos(r) != "PROPN") || x.child(r, "cop", "nsubj", "nsubj:pass") >= 0 {
		return false
	}
	v := -1
	for k := r + 1; k < len(x.toks); k++ {
		if !x.is(k, "conj", "appos", "dep", "nmod", "compound", "list") || x.upos(k) != "VERB" || !x.inSubtree(k, r) {
			continue
		}
		switch x.toks[k].XPOS {
		case "VBD", "VBZ", "VBP":
		default:
			continue
		}
		if x.child(k, "cc", "nsubj", "nsubj:pass", "csubj", "expl") >= 0 || x.lowers[k-1] == "," {
			continue
		}
		v = k
		break
	}
	if v < 0 {
		return false
	}
	for _, c := range x.kids[r] {
		switch {
		case c > v:
			x.heads[c] = v
		case c > r && c < v && x.inSubtree(v, c):
			// The phrase the verb hung in ("on December 27"): an oblique.
			x.reattach(c, v, "obl")
		case c > r && c < v && x.is(c, "nmod") && x.child(c, "case") >= 0:
			x.reattach(c, v, "obl")
		}
	}
	x.reattach(v, -1, "root")
	x.reattach(r, v, "nsubj")
	return true
}

// bracketSubject repairs "[NP] (AUX…) VERB" where the verb has no subject:
// l is the opening bracket. It reports whether it changed the tree.
func (x *tree) bracketSubject(l int) bool {
	if x.toks[l].Form != "[" {
		return false
	}
	r := l + 1
	for r < len(x.toks) && x.toks[r].Form != "]" && x.toks[r].Form != "[" {
		r++
	}
	if r >= len(x.toks) || x.toks[r].Form != "]" || r == l+1 || r+1 >= len(x.toks) {
		return false
	}
	// The bracket's content must be one phrase headed by a noun.
	n := -1
	for k := l + 1; k < r; k++ {
		if h := x.head(k); h < l+1 || h >= r {
			if n >= 0 {
				return false
			}
			n = k
		}
	}
	if n < 0 || !x.isNominal(n) {
		return false
	}
	// The verb: the token after the bracket, or the verb its auxiliaries
	// (only auxiliaries between) belong to.
	v := r + 1
	if x.upos(v) == "AUX" && x.is(v, "aux", "aux:pass") {
		if v = x.head(v); v <= r {
			return false
		}
		for k := r + 1; k < v; k++ {
			if x.upos(k) != "AUX" && x.upos(k) != "ADV" && x.upos(k) != "PART" {
				return false
			}
		}
	}
	if x.upos(v) != "VERB" || x.child(v, "nsubj", "nsubj:pass", "csubj", "expl") >= 0 || x.inSubtree(v, n) {
		return false
	}
	rel := "nsubj"
	if x.child(v, "aux:pass") >= 0 {
		rel = "nsubj:pass"
	}
	x.reattach(n, v, rel)
	return true
}

// isNominal reports whether token i is a noun, proper noun or pronoun.
func (x *tree) isNominal(i int) bool {
	switch x.upos(i) {
	case "NOUN", "PROPN", "PRON":
		return true
	}
	return false
}

// isPredicateHead reports whether h is a verb or auxiliary: a relative
// clause hung there is misattached.
func (x *tree) isPredicateHead(h int) bool {
	return x.upos(h) == "VERB" || x.upos(h) == "AUX"
}

// quotedSpeaker reports whether w is a speech verb with its own nominal
// subject, attached as a noun modifier, whose subtree starts right after a
// closing quotation mark (commas between allowed) that closes a quote
// opened earlier in the sentence.
func (x *tree) quotedSpeaker(w int) bool {
	if !speechVerbs[x.lemma(w)] || x.upos(w) != "VERB" || !x.is(w, "acl", "acl:relcl") || x.child(w, "nsubj") < 0 {
		return false
	}
	l := x.subtree(w, nil)[0]
	j := l - 1
	for j >= 0 && x.lowers[j] == "," {
		j--
	}
	if j <= 0 || !isClose(x.toks[j].Form) {
		return false
	}
	want := opening(x.toks[j].Form)
	for k := 0; k < j; k++ {
		for _, o := range want {
			if x.toks[k].Form == o {
				return true
			}
		}
	}
	return false
}

// reportedAsConj repairs "V NP[obj] (, or NP2,) AUX VERB" under speech verb
// v (see repair). It reports whether it changed the tree.
func (x *tree) reportedAsConj(v int) bool {
	if !speechVerbs[x.lemma(v)] || x.upos(v) != "VERB" {
		return false
	}
	o := x.child(v, "obj")
	if c := x.child(v, "ccomp"); c >= 0 {
		// a bare noun as the clausal complement ("said one prisoner, who
		// …, claimed"): the reported clause lost its verb the same way
		if o >= 0 || x.child(c, "cop", "nsubj", "nsubj:pass", "mark") >= 0 {
			return false
		}
		if !x.isNominal(c) {
			return false
		}
		o = c
	}
	if o < 0 || o < v {
		return false
	}
	for _, c := range x.children(v, "conj") {
		if c < o || x.upos(c) != "VERB" || x.child(c, "nsubj", "nsubj:pass", "csubj", "expl") >= 0 {
			continue
		}
		a := -1
		for _, k := range x.children(c, "aux", "aux:pass") {
			if k < c && (a < 0 || k < a) {
				a = k
			}
		}
		if x.child(c, "mark") >= 0 || a >= 0 && a < o {
			continue
		}
		if a < 0 {
			// Without an auxiliary only after a parenthetical on the noun
			// ("one prisoner, who said …, claimed"), with no coordinator.
			paren := false
			for _, k := range x.children(o, "acl:relcl", "appos") {
				st := x.subtree(k, nil)
				if e := st[len(st)-1]; e == c-1 && x.lowers[e] == "," || e == c-2 && x.lowers[c-1] == "," {
					paren = true
				}
			}
			if !paren || x.child(c, "cc") >= 0 {
				continue
			}
			a = c
		}
		// A coordinator right before the verb group ("said the words and
		// had left") is a real verb coordination; one before a nominal
		// ("…, or about a quarter of them, had been") is not.
		nom := -1
		for _, k := range x.children(c, "obl", "obj", "nmod") {
			if k > o && k < a && (nom < 0 || k < nom) {
				nom = k
			}
		}
		real := false
		for _, k := range x.children(c, "cc") {
			if k < a && (nom < 0 || k > nom) {
				real = true
			}
		}
		if real {
			continue
		}
		rel := "nsubj"
		if x.child(c, "aux:pass") >= 0 {
			rel = "nsubj:pass"
		}
		x.reattach(o, c, rel)
		if nom >= 0 {
			cc := -1
			for _, k := range x.children(c, "cc") {
				if k < nom {
					cc = k
				}
			}
			if cc >= 0 {
				x.reattach(nom, o, "conj")
				x.reattach(cc, nom, "cc")
			} else {
				x.reattach(nom, o, "appos")
			}
		}
		x.reattach(c, v, "ccomp")
		// A concessive clause after the reported one ("…, though he gave
		// no evidence") is the writer's, not part of the report.
		for _, k := range x.children(c, "advcl") {
			if m := x.child(k, "mark"); k > c && m >= 0 && (x.lemma(m) == "though" || x.lemma(m) == "although") {
				x.reattach(k, v, "advcl")
			}
		}
		return true
	}
	return false
}

// rootOf returns the root of w's tree.
func (x *tree) rootOf(w int) int {
	for n := 0; w >= 0 && n <= len(x.toks); n++ {
		if x.heads[w] < 0 {
			return w
		}
		w = x.heads[w]
	}
	return -1
}

// inSubtree reports whether n lies in the subtree of w.
func (x *tree) inSubtree(n, w int) bool {
	for k := 0; n >= 0 && k <= len(x.toks); k++ {
		if n == w {
			return true
		}
		n = x.heads[n]
	}
	return false
}

// reattach gives token i head h and relation rel (lower case).
func (x *tree) reattach(i, h int, rel string) {
	x.heads[i] = h
	x.rels[i], x.bases[i] = rel, rel
	for k := 0; k < len(rel); k++ {
		if rel[k] == ':' {
			x.bases[i] = rel[:k]
			break
		}
	}
}

// reindex rebuilds the children lists after reattach.
func (x *tree) reindex() {
	for i := range x.kids {
		x.kids[i] = x.kids[i][:0]
	}
	for i, h := range x.heads {
		if h >= 0 {
			x.kids[h] = append(x.kids[h], i)
		}
	}
}
