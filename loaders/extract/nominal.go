package extract

// nominal finds the facts stated inside noun phrases: appositions ("X, the
// Y of Z" → X is the Y of Z), titles before names ("White House spokesman
// John Kirby" → John Kirby is White House spokesman) and possessives
// ("Ukraine's SBU" → Ukraine has SBU).
func (x *tree) nominal() []Extraction {
	var out []Extraction
	for i := range x.toks {
		switch {
		case x.is(i, "appos"):
			if e, ok := x.appos(i); ok {
				out = append(out, e)
			}
		case x.is(i, "nmod:poss"):
			if e, ok := x.poss(i); ok {
				out = append(out, e)
			}
		case x.rel(i) == "nmod":
			if e, ok := x.nmodFact(i); ok {
				out = append(out, e)
			}
		}
		if len(x.s.Entities) == 0 {
			if e, ok := x.title(i); ok {
				out = append(out, e)
			}
		}
	}
	for k := range x.s.Entities {
		if e, ok := x.entityTitle(k); ok {
			out = append(out, e)
		}
	}
	return out
}

// entityTitle finds the title in front of a PERSON entity from the words
// alone, which is more robust than the parse of a long name phrase: the
// nouns, proper nouns and adjectives right before the name ("White House
// spokesman John Kirby", "former U.S. Attorney Todd Graves"), ending in a
// common noun or a title word.
func (x *tree) entityTitle(k int) (Extraction, bool) {
	en := x.s.Entities[k]
	if en.Type != "PERSON" || en.Start <= 0 || en.End > len(x.toks) {
		return Extraction{}, false
	}
	last := en.Start - 1
	if u := x.upos(last); !(u == "NOUN" || u == "PROPN" && titleWords[x.lower(last)]) || honorifics[x.lower(last)] {
		return Extraction{}, false
	}
	start := last
	for j := last - 1; j >= 0; j-- {
		u := x.upos(j)
		if u != "NOUN" && u != "PROPN" && u != "ADJ" || honorifics[x.lower(j)] ||
			x.ent[j] >= 0 && (x.s.Entities[x.ent[j]].Type == "PERSON" || x.s.Entities[x.ent[j]].Type == "DATE") {
			break
		}
		start = j
	}
	if last-start > 5 {
		return Extraction{}, false
	}
	var title, name []int
	for t := start; t <= last; t++ {
		title = append(title, t)
	}
	for t := en.Start; t < en.End; t++ {
		name = append(name, t)
	}
	subj := Span{Head: en.End - 1, Tokens: name, Text: x.text(name)}
	obj := Span{Head: last, Tokens: title, Text: x.text(title)}
	return Extraction{Kind: Title, Subject: subj, Relation: "is", Lemma: "be", Pred: -1, Object: obj}, true
}

func (x *tree) appos(a int) (Extraction, bool) {
	n := x.head(a)
	if n < 0 || x.upos(a) == "NUM" || x.upos(n) == "NUM" {
		return Extraction{}, false
	}
	subj := x.dropCase(x.span(n))
	obj := x.span(a)
	if subj.IsZero() || obj.IsZero() {
		return Extraction{}, false
	}
	// The subject of an apposition is the noun phrase alone, not the clause
	// it may head.
	if x.child(n, "cop") >= 0 || x.child(n, "nsubj") >= 0 {
		return Extraction{}, false
	}
	// "Through cooperation …, [the NIS] has confirmed": the apposition is
	// the real subject (see bracketedSubject), not a description.
	if x.is(n, "nsubj", "nsubj:pass") && x.child(n, "case") >= 0 {
		return Extraction{}, false
	}
	return Extraction{Kind: Appos, Subject: subj, Relation: "is", Lemma: "be", Pred: -1, Object: obj,
		Attribution: x.lastSpeaker(n), Chain: x.speakers(n)}, true
}

func (x *tree) lastSpeaker(n int) Span {
	if sp := x.speakers(n); len(sp) > 0 {
		return sp[len(sp)-1]
	}
	return Span{Head: -1}
}

func (x *tree) poss(q int) (Extraction, bool) {
	n := x.head(q)
	if n < 0 || (x.upos(q) != "NOUN" && x.upos(q) != "PROPN") {
		return Extraction{}, false
	}
	if x.upos(n) != "NOUN" && x.upos(n) != "PROPN" {
		return Extraction{}, false
	}
	st := x.subtree(q, func(k int) bool { return x.is(k, "case") || x.is(k, argSkip...) })
	subj := x.makeSpan(q, st)
	skip := []string{"nsubj", "csubj", "cop", "aux", "mark", "advcl", "ccomp", "obl", "expl", "acl:relcl", "acl",
		"xcomp", "parataxis", "conj", "cc", "punct", "appos", "case", "det"}
	toks := x.subtree(n, func(k int) bool { return k == q || x.is(k, skip...) })
	obj := x.makeSpan(n, toks)
	if subj.IsZero() || obj.IsZero() {
		return Extraction{}, false
	}
	return Extraction{Kind: Poss, Subject: subj, Relation: "has", Lemma: "have", Pred: -1, Object: obj}, true
}

// titleWords precede names as titles without being part of them.
var titleWords = map[string]bool{
	"president": true, "minister": true, "secretary": true, "spokesman": true, "spokeswoman": true,
	"spokesperson": true, "leader": true, "chairman": true, "chairwoman": true, "director": true,
	"general": true, "gen.": true, "senator": true, "sen.": true, "governor": true, "gov.": true,
	"mayor": true, "king": true, "queen": true, "prince": true, "princess": true, "chief": true,
	"commander": true, "ambassador": true, "judge": true, "justice": true, "prime": true, "vice": true,
	"foreign": true, "defense": true, "defence": true, "deputy": true, "colonel": true, "col.": true,
	"captain": true, "capt.": true, "lieutenant": true, "lt.": true, "sergeant": true, "sgt.": true,
	"admiral": true, "pope": true, "bishop": true, "archbishop": true, "cardinal": true, "rev.": true,
	"reverend": true, "professor": true, "chancellor": true, "premier": true,
	"representative": true, "rep.": true, "congressman": true, "congresswoman": true, "speaker": true,
	"ceo": true, "coach": true, "pastor": true, "rabbi": true, "imam": true, "sheikh": true, "emir": true,
	"sultan": true, "marshal": true, "officer": true, "founder": true, "head": true, "envoy": true,
}

// honorifics precede names but state nothing worth a fact.
var honorifics = map[string]bool{"dr.": true, "dr": true, "prof.": true, "mr.": true, "mrs.": true, "ms.": true, "mr": true, "mrs": true, "ms": true,
	"miss": true, "sir": true, "dame": true, "lord": true, "lady": true}

// title finds "TITLE NAME": a proper-name head i with modifiers before it
// that are a title, not part of the name.
func (x *tree) title(i int) (Extraction, bool) {
	if x.upos(i) != "PROPN" || x.is(i, "flat", "compound", "nmod:desc", "fixed", "goeswith") || titleWords[x.lower(i)] {
		return Extraction{}, false
	}
	if t := x.entType(i); t != "" && t != "PERSON" && t != "ORG" && t != "GPE" && t != "LOC" && t != "MISC" {
		return Extraction{}, false
	}
	// The name: the entity covering i, or i with its flat parts and the
	// proper nouns right before it that are not title words.
	nameStart, nameEnd := i, i+1
	if k := x.ent[i]; k >= 0 {
		nameStart, nameEnd = x.s.Entities[k].Start, x.s.Entities[k].End
	} else {
		for _, k := range x.children(i, "flat") {
			if k >= nameEnd {
				nameEnd = k + 1
			}
		}
		for j := i - 1; j >= 0 && x.head(j) == i && x.upos(j) == "PROPN" && x.is(j, "compound", "flat", "nmod:desc") &&
			!titleWords[x.lower(j)] && !honorifics[x.lower(j)]; j-- {
			nameStart = j
		}
	}
	if nameStart > i || nameEnd <= i {
		return Extraction{}, false
	}
	// The title: i's modifiers before the name, adjacent to it.
	var title []int
	hasTitle := false
	for _, k := range x.kids[i] {
		if k >= nameStart || !x.is(k, "compound", "nmod:desc", "amod", "flat", "nmod") {
			continue
		}
		if x.is(k, "nmod") && x.child(k, "case") >= 0 {
			continue
		}
		for _, t := range x.subtree(k, func(c int) bool { return x.is(c, "det", "punct", "nmod:poss", "case") }) {
			title = append(title, t)
			if titleWords[x.lower(t)] || x.upos(t) == "NOUN" {
				hasTitle = true
			}
		}
	}
	if !hasTitle || len(title) == 0 || title[len(title)-1] != nameStart-1 {
		return Extraction{}, false
	}
	for _, t := range title {
		if honorifics[x.lower(t)] {
			return Extraction{}, false
		}
	}
	name := make([]int, 0, nameEnd-nameStart)
	for t := nameStart; t < nameEnd; t++ {
		name = append(name, t)
	}
	subj := Span{Head: i, Tokens: name, Text: x.text(name)}
	obj := Span{Head: title[len(title)-1], Tokens: title, Text: x.text(title)}
	return Extraction{Kind: Title, Subject: subj, Relation: "is", Lemma: "be", Pred: -1, Object: obj}, true
}

// titledPerson returns "TITLE NAME" with the name's last token as head when
// the head of sp is a word of the title in front of a PERSON entity;
// otherwise sp unchanged.
func (x *tree) titledPerson(sp Span) Span {
	h := sp.Head
	if h < 0 || h >= len(x.toks) || x.ent[h] >= 0 && x.s.Entities[x.ent[h]].Type == "PERSON" {
		return sp
	}
	for k, en := range x.s.Entities {
		if en.Type != "PERSON" || en.Start <= h {
			continue
		}
		e, ok := x.entityTitle(k)
		if !ok || e.Object.Tokens[0] > h {
			continue
		}
		toks := make([]int, 0, en.End-e.Object.Tokens[0])
		for t := e.Object.Tokens[0]; t < en.End; t++ {
			toks = append(toks, t)
		}
		return Span{Head: en.End - 1, Tokens: toks, Text: x.text(toks)}
	}
	return sp
}

// nmodPreps introduce noun modifiers that state a relation of their own.
var nmodPreps = map[string]bool{"in": true, "at": true, "from": true, "near": true}

// nmodFact reads "NOUN PREP NOUN" inside a noun phrase as a fact: "the
// Helmut Newton Foundation in Berlin" → the Helmut Newton Foundation is in
// Berlin.
func (x *tree) nmodFact(k int) (Extraction, bool) {
	n := x.head(k)
	if n < 0 || n > k || (x.upos(n) != "NOUN" && x.upos(n) != "PROPN") || (x.upos(k) != "NOUN" && x.upos(k) != "PROPN") {
		return Extraction{}, false
	}
	cs := x.children(k, "case")
	prep := x.caseLemma(cs)
	if len(cs) != 1 || !nmodPreps[prep] || x.roleOf(k, prep, "nmod") == RoleTime {
		return Extraction{}, false
	}
	skip := []string{"nsubj", "csubj", "cop", "aux", "mark", "advcl", "ccomp", "obl", "expl", "acl:relcl", "acl",
		"xcomp", "parataxis", "conj", "cc", "punct", "appos", "case", "obj", "iobj", "advmod"}
	toks := x.subtree(n, func(c int) bool { return c == k || x.is(c, skip...) })
	subj := x.makeSpan(n, toks)
	obj := x.dropCase(x.span(k))
	if subj.IsZero() || obj.IsZero() {
		return Extraction{}, false
	}
	return Extraction{Kind: Nmod, Subject: subj, Relation: "is " + x.toks[cs[0]].Form, Lemma: "be_" + prep, Pred: -1, Object: obj}, true
}
