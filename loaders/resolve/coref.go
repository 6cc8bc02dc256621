package resolve

import (
	_ "embed"
	"strings"
	"sync"

	"github.com/newsgraph/newsgraph/loaders/nlp"
)

// Coreference inside one article. One pass over the sentences in text order
// keeps a list of the entities mentioned so far (events); at each
// third-person pronoun and each description of a person ("one prisoner",
// "that soldier", "the other", "the president", "the company") it decides
// what the words refer to:
//
//   - a description of an unnamed person starts an article-local individual
//     or, by its determiner, refers back to one: "one …" and "the other …"
//     fill the two slots of a pair ("two men, one with …, the other with
//     …"), "that soldier" is the latest individual, "the president" the
//     person with that role, "the company" the latest organisation;
//   - a pronoun is resolved by agreement (number; gender from given names,
//     gendered nouns and earlier pronouns; animacy from the type, and for
//     common nouns from WordNet: animacy.tsv), then scored by distance,
//     grammatical role (subjects are salient), how often the entity was
//     mentioned, and syntax: in a clause reported by X ("X said he …") X is
//     preferred, as is the subject of the clause a pronoun subject's clause
//     depends on ("Smith frowned when he saw …") or a possessive is in
//     ("Colbert spoke of his time"); the speaker of a direct quote is not
//     "he" inside it, and a pronoun is not the other argument of its own
//     verb ("the Tsar employed him"); a pleonastic "it" ("it seems that …")
//     refers to nothing. Common-noun phrases compete as well ("it" is more
//     often "the offensive" than a country): when one of them, or a second
//     entity, scores close to the best, the confidence is low and the
//     pronoun stays unresolved.

// minConfidence is the confidence below which a pronoun stays unresolved.
const minConfidence = 0.6

// recency weighs a candidate mentioned d sentences before the pronoun;
// salience is what each earlier mention of it adds (up to ten).
var (
	recency  = []float64{1.5, 0.8, 0.5, 0.35, 0.25, 0.2, 0.15, 0.12, 0.1, 0.08}
	salience = 0.15
	// unknownGender weighs a person of unknown gender for "he"/"she" when
	// one of the candidates is known to be of the pronoun's gender.
	unknownGender = 0.5
	// matrixBonus is what the subject of the clause a pronoun subject's
	// clause depends on, or of a possessive's clause, gains (see
	// matrixSubject).
	matrixBonus = 2.0
)

// corefRef is what a pronoun or a description token refers to.
type corefRef struct {
	cl   *cluster // nil: an unresolved pronoun
	conf float64
	pron bool
}

// event is one mention the pronoun resolver may pick as antecedent.
type event struct {
	cl      *cluster // nil for a common-noun phrase (a competitor that is not an entity)
	si, tok int
	subj    bool // a subject
	main    bool // the subject of the sentence's main or reporting verb
	quoted  bool // inside quotation marks
	plural  bool
	human   bool
}

// coref runs the pass (see above); its results are in r.refs.
func (r *resolver) coref() {
	r.refs = make([]map[int]corefRef, len(r.doc.Sentences))
	r.seen = map[*cluster]int{}
	r.slots = map[string]*cluster{}
	r.groups = map[string]*cluster{}
	for si := range r.doc.Sentences {
		r.refs[si] = map[int]corefRef{}
		if r.title[si] {
			continue
		}
		s := &r.doc.Sentences[si]
		r.kids, r.cur, r.curSent = children(s), s, si
		for k := range s.Tokens {
			if m := r.byTok[si][k]; m != nil {
				if m.cl != nil && k == mentionHead(s, m) {
					r.event(m.cl, si, k)
					if r.coordinated(si, k) {
						// "Padalecki and Cortese … they": the pair competes for "they".
						ev := r.newEvent(nil, si, k)
						ev.plural, ev.human = true, true
						r.events = append(r.events, ev)
					}
				}
				continue
			}
			t := &s.Tokens[k]
			switch {
			case t.UPOS == "PRON" && thirdPerson[strings.ToLower(t.Form)] != 0:
				r.pronoun(si, k)
			case t.UPOS == "NOUN" || t.UPOS == "NUM" || t.UPOS == "ADJ" || t.UPOS == "PRON" || t.UPOS == "PROPN":
				r.nominal(si, k)
			}
		}
	}
}

// coordinated reports whether token k has a conjunct that is a person's
// name.
func (r *resolver) coordinated(si, k int) bool {
	for _, c := range r.kids[k] {
		if hasDep(r.cur.Tokens[c].DepRel, "conj") {
			if m := r.byTok[si][c]; m != nil && m.cl != nil && m.cl.typ == Person {
				return true
			}
		}
	}
	return false
}

// children lists each token's dependents.
func children(s *nlp.Sentence) [][]int {
	kids := make([][]int, len(s.Tokens))
	for k, t := range s.Tokens {
		if h := t.Head - 1; h >= 0 && h < len(s.Tokens) {
			kids[h] = append(kids[h], k)
		}
	}
	return kids
}

// mentionHead is the token of a named mention whose head lies outside it.
func mentionHead(s *nlp.Sentence, m *mention) int {
	for k := m.start; k < m.end; k++ {
		if h := s.Tokens[k].Head - 1; h < m.start || h >= m.end {
			return k
		}
	}
	return m.end - 1
}

func (r *resolver) event(c *cluster, si, k int) {
	r.events = append(r.events, r.newEvent(c, si, k))
	r.seen[c]++
}

func (r *resolver) newEvent(c *cluster, si, k int) event {
	s := &r.doc.Sentences[si]
	ev := event{cl: c, si: si, tok: k, subj: hasDep(s.Tokens[k].DepRel, "nsubj"), quoted: quoted(s, k)}
	if h := s.Tokens[k].Head - 1; ev.subj && h >= 0 && h < len(s.Tokens) {
		ev.main = s.Tokens[h].Head == 0 || speechVerbs[lowerLemma(&s.Tokens[h])] && !quoted(s, h)
	}
	return ev
}

// thirdPerson gives the class of a third-person pronoun: 'm', 'f', 'n'
// (it), 'p' (they).
var thirdPerson = map[string]byte{"he": 'm', "him": 'm', "his": 'm', "himself": 'm', "she": 'f', "her": 'f',
	"hers": 'f', "herself": 'f', "it": 'n', "its": 'n', "itself": 'n', "they": 'p', "them": 'p', "their": 'p',
	"theirs": 'p', "themselves": 'p'}

func lowerLemma(t *nlp.Token) string {
	l := strings.ToLower(t.Lemma)
	if l == "" || l == "_" {
		l = strings.ToLower(t.Form)
	}
	return l
}

func plural(t *nlp.Token) bool {
	return t.XPOS == "NNS" || t.XPOS == "NNPS" || strings.Contains(t.Feats, "Number=Plur")
}

// human reports whether a noun lemma names a person ("soldier", "a
// 30-year-old").
func human(l string) bool { return humanNouns[l] || strings.HasSuffix(l, "-year-old") }

// nominal handles a noun-phrase head that is not a name: a description of an
// individual, a role noun, an organisation noun, or a common-noun phrase
// that competes with entities as a pronoun's antecedent.
func (r *resolver) nominal(si, k int) {
	s := &r.doc.Sentences[si]
	t := &s.Tokens[k]
	rel := t.DepRel
	if hasDep(rel, "compound", "amod", "det", "nummod", "flat", "fixed", "case", "punct", "advmod", "mark", "cc", "aux", "cop", "nmod:poss", "expl") {
		return
	}
	if r.child(k, "cop") >= 0 || hasDep(rel, "xcomp", "root") && t.UPOS != "NUM" {
		return // predicative: "was a sniper"
	}
	if c := r.child(k, "case"); c >= 0 && strings.EqualFold(s.Tokens[c].Form, "as") {
		return // "as a captain"
	}
	if h := t.Head - 1; h >= 0 && h < len(s.Tokens) && hasDep(rel, "obj") && predicativeVerbs[lowerLemma(&s.Tokens[h])] {
		return // "became an American citizen"
	}
	l := lowerLemma(t)
	det := ""
	if d := r.child(k, "det"); d >= 0 {
		det = strings.ToLower(s.Tokens[d].Form)
	}
	one := l == "one" && t.UPOS != "PRON" || l == "one" && det == ""
	other := l == "other" && det == "the"
	for _, c := range r.kids[k] {
		cl := lowerLemma(&s.Tokens[c])
		if hasDep(s.Tokens[c].DepRel, "nummod") && cl == "one" || cl == "one" && hasDep(s.Tokens[c].DepRel, "det") {
			one = true
		}
		if hasDep(s.Tokens[c].DepRel, "amod") && cl == "other" && det == "the" {
			other = true
		}
	}
	ofNoun := ""
	for _, c := range r.kids[k] {
		if hasDep(s.Tokens[c].DepRel, "nmod") && c > k && r.child(c, "case") >= 0 && lowerLemma(&s.Tokens[r.child(c, "case")]) == "of" {
			ofNoun = lowerLemma(&s.Tokens[c])
		}
	}
	parent := t.Head - 1
	parentHuman := parent >= 0 && parent < len(s.Tokens) && human(lowerLemma(&s.Tokens[parent])) && plural(&s.Tokens[parent])
	pl := plural(t)
	isHuman := human(l) && (l != "one" || t.UPOS == "NOUN")

	if g := r.groups[r.descLemma(si, k)]; g != nil && (det == "the" || det == "these" || det == "those") && r.child(k, "nummod") < 0 && (g.typ == Group) == pl && r.recent(g, si, 6) {
		r.refer(g, si, k, 0.7) // "the protesters" again
		return
	}
	switch {
	case (l == "one" || l == "other") && !isHuman:
		// "one of the captured soldiers", "two men, one with …, the other
		// with …": a member of a pair or group of people.
		humanBefore := false // "two men …, one with …": people counted earlier in the sentence
		for j := 0; j < k; j++ {
			humanBefore = humanBefore || plural(&s.Tokens[j]) && human(lowerLemma(&s.Tokens[j]))
		}
		if human(ofNoun) || parentHuman || humanBefore || r.slots["one"] != nil && r.slotRecent("one", si) {
			slot := "one"
			if other {
				slot = "other"
			} else if l == "other" {
				return
			}
			r.individual(si, k, slot, 0.8)
		}
		return
	case isHuman && !pl:
		g := nounGender[l]
		if hasDep(rel, "appos") && parent >= 0 {
			// "Steve Whitmore, a representative of …": the named person.
			if m := r.byTok[si][parent]; m != nil && m.cl != nil && m.cl.typ == Person {
				r.refer(m.cl, si, k, 0.9)
			}
			return
		}
		if parent >= 0 && parent < len(s.Tokens) && hasDep(s.Tokens[parent].DepRel, "appos") && r.byTok[si][parent] != nil {
			return
		}
		switch {
		case one:
			r.individual(si, k, "one", 0.8)
		case other:
			r.individual(si, k, "other", 0.8)
		case det == "that" || det == "this":
			if c := r.latestIndividual(si, g, 3); c != nil {
				r.refer(c, si, k, 0.8)
				return
			}
			r.individual(si, k, "", 1)
		case det == "the":
			if c := r.byRole(si, k, l); c != nil {
				r.refer(c, si, k, 0.8)
				return
			}
			if c := r.latestIndividual(si, g, 4); c != nil {
				r.refer(c, si, k, 0.7)
				return
			}
			if c := r.salientPerson(si, g); c != nil && (genericPerson[l] || strings.HasSuffix(l, "-year-old")) {
				r.refer(c, si, k, 0.6) // "the boy", "the 14-year-old": the person the story is about
				return
			}
			r.individual(si, k, "", 1)
		case det == "a" || det == "an":
			r.individual(si, k, "", 1)
		}
		return
	case orgNouns[l] && !pl && (det == "the" || det == "this" || det == "that"):
		if c := r.latestOfType(si, 4, Organization); c != nil {
			r.refer(c, si, k, 0.7)
			return
		}
	}
	if hasDep(rel, "nsubj", "obj", "obl", "nmod", "conj", "appos", "iobj") && (t.UPOS == "NOUN" || t.UPOS == "PRON" && pl) {
		ev := r.newEvent(nil, si, k)
		ev.plural, ev.human = pl || humanGroups[l], isHuman || personNoun(l)
		r.events = append(r.events, ev)
	}
}

// personNoun reports whether a common noun lemma names people: a person
// noun of the resolver's list or of WordNet ("farrier", "kid"), or a group
// of people referred to as "they" ("the couple", "people").
func personNoun(l string) bool { return human(l) || animacy(l) == 'p' || humanGroups[l] }

// humanGroups are singular nouns for groups of people that "they" refers
// to.
var humanGroups = setOf("people", "couple", "pair", "family", "crowd", "audience", "public", "staff", "crew", "police", "duo", "trio")

// recent reports whether c was mentioned at most back sentences before si.
func (r *resolver) recent(c *cluster, si, back int) bool {
	for i := len(r.events) - 1; i >= 0 && si-r.events[i].si <= back; i-- {
		if r.events[i].cl == c {
			return true
		}
	}
	return false
}

// slotRecent reports whether the individual in slot was last mentioned at
// most six sentences before si, or the article describes a pair (both
// slots are filled).
func (r *resolver) slotRecent(slot string, si int) bool {
	if r.slots["one"] != nil && r.slots["other"] != nil {
		return true
	}
	for i := len(r.events) - 1; i >= 0 && si-r.events[i].si <= 6; i-- {
		if r.events[i].cl == r.slots[slot] {
			return true
		}
	}
	return false
}

// individual makes token k of sentence si a mention of an unnamed person:
// the one in slot ("one", "other") when there is one (and it agrees in
// gender), a new article-local entity otherwise.
func (r *resolver) individual(si, k int, slot string, conf float64) {
	s := &r.doc.Sentences[si]
	g := nounGender[lowerLemma(&s.Tokens[k])]
	if c := r.slots[slot]; slot != "" && c != nil && (g == 0 || c.gender == 0 || c.gender == g) && (slot != "one" || r.slotRecent("one", si)) {
		r.refer(c, si, k, conf)
		return
	}
	c := &cluster{typ: Person, local: true, slot: slot, gender: g, id: len(r.clusters),
		first: len(r.mentions) + len(r.clusters), lemma: r.descLemma(si, k)}
	r.clusters = append(r.clusters, c)
	if slot != "" {
		r.slots[slot] = c
	}
	r.refer(c, si, k, conf)
}

// descLemma is the lemmatised description of the head k without
// determiners and numbers ("a 30-year-old man" → "30-year-old man"): the
// concept an individual mentioned only once falls back to.
func (r *resolver) descLemma(si, k int) string {
	s := &r.doc.Sentences[si]
	var ws []string
	for _, t := range r.descTokens(si, k) {
		tok := &s.Tokens[t]
		if tok.UPOS == "DET" || tok.UPOS == "PUNCT" || t != k && tok.UPOS == "NUM" && lowerLemma(tok) == "one" {
			continue
		}
		if t == k {
			ws = append(ws, lowerLemma(tok))
		} else {
			ws = append(ws, strings.ToLower(tok.Form))
		}
	}
	return strings.Join(ws, " ")
}

// refer records that the description headed by token k refers to c.
func (r *resolver) refer(c *cluster, si, k int, conf float64) {
	s := &r.doc.Sentences[si]
	toks := r.descTokens(si, k)
	var all []int
	for i := toks[0]; i <= toks[len(toks)-1]; i++ {
		all = append(all, i)
	}
	desc := joinTokens(s, all)
	if toks[0] == 0 && s.Tokens[0].UPOS == "DET" {
		desc = strings.ToLower(desc[:1]) + desc[1:] // "The other man" → "the other man"
	}
	if c.local {
		c.add(desc)
		if g := nounGender[lowerLemma(&s.Tokens[k])]; g != 0 && c.gender == 0 {
			c.gender = g
		}
	} else {
		c.mentions++
	}
	r.refs[si][k] = corefRef{cl: c, conf: conf}
	r.addSpan(c, si, toks[0], toks[len(toks)-1]+1)
	r.event(c, si, k)
}

// descTokens are the words describing the head k: its determiners,
// numbers, adjectives and compounds, and for "one"/"other" the "of the X"
// after it — without relative clauses and other clauses.
func (r *resolver) descTokens(si, k int) []int {
	s := &r.doc.Sentences[si]
	var out []int
	var walk func(h int, top bool)
	walk = func(h int, top bool) {
		out = append(out, h)
		for _, c := range r.kids[h] {
			rel := s.Tokens[c].DepRel
			switch {
			case hasDep(rel, "det", "nummod", "amod", "compound", "flat") && c < h:
				walk(c, false)
			case !top && hasDep(rel, "case", "punct") && c < h && s.Tokens[c].Form == "-":
				walk(c, false)
			case top && hasDep(rel, "nmod") && c > h && r.child(c, "case") >= 0 && lowerLemma(&s.Tokens[r.child(c, "case")]) == "of" &&
				(lowerLemma(&s.Tokens[h]) == "one" || lowerLemma(&s.Tokens[h]) == "other"):
				for _, cc := range r.kids[c] {
					if hasDep(s.Tokens[cc].DepRel, "case") {
						out = append(out, cc)
					}
				}
				walk(c, false)
			}
		}
	}
	walk(k, true)
	sortInts(out)
	return out
}

func sortInts(a []int) {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && a[j] < a[j-1]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

// joinTokens writes tokens as in the text (a space where there was one).
func joinTokens(s *nlp.Sentence, toks []int) string {
	var b strings.Builder
	for i, k := range toks {
		if i > 0 && (toks[i-1] != k-1 || s.Tokens[k-1].SpaceAfter || s.Tokens[k].Start > s.Tokens[k-1].End) {
			b.WriteByte(' ')
		}
		b.WriteString(s.Tokens[k].Form)
	}
	return b.String()
}

// child returns the first dependent of k (in the current sentence's
// r.kids) with one of the relations, -1 when none.
func (r *resolver) child(k int, rels ...string) int {
	if k < 0 || k >= len(r.kids) {
		return -1
	}
	s := r.cur
	for _, c := range r.kids[k] {
		if hasDep(s.Tokens[c].DepRel, rels...) {
			return c
		}
	}
	return -1
}

// latestIndividual is the individual mentioned last, at most back
// sentences before si, agreeing with gender g (0: any).
func (r *resolver) latestIndividual(si int, g byte, back int) *cluster {
	for i := len(r.events) - 1; i >= 0 && si-r.events[i].si <= back; i-- {
		c := r.events[i].cl
		if c != nil && c.local && (g == 0 || c.gender == 0 || c.gender == g) {
			return c
		}
	}
	return nil
}

// salientPerson is the named person mentioned most often in the last three
// sentences (at least twice in the article so far), agreeing with gender g
// (0: any); nil when none or when two are as salient.
func (r *resolver) salientPerson(si int, g byte) *cluster {
	recent := map[*cluster]bool{}
	for i := len(r.events) - 1; i >= 0 && si-r.events[i].si <= 3; i-- {
		if c := r.events[i].cl; c != nil && !c.local && c.typ == Person && (g == 0 || c.gender == g) {
			recent[c] = true
		}
	}
	var best *cluster
	bestN, tie := 0, false
	for _, c := range r.clusterOrder(boolScores(recent)) {
		switch n := r.seen[c]; {
		case n > bestN:
			best, bestN, tie = c, n, false
		case n == bestN:
			tie = true
		}
	}
	if best == nil || tie || bestN < 2 {
		return nil
	}
	return best
}

func boolScores(m map[*cluster]bool) map[*cluster]float64 {
	out := make(map[*cluster]float64, len(m))
	for c := range m {
		out[c] = 1
	}
	return out
}

// genericPerson nouns say only age or sex: "the boy" may be the named person
// the story is about; "the soldier" or "the president" says more.
var genericPerson = setOf("man", "woman", "boy", "girl", "teenager", "teen", "child", "kid", "youngster", "youth")

// latestOfType is the named entity of type typ mentioned last, at most back
// sentences before si.
func (r *resolver) latestOfType(si, back int, typ string) *cluster {
	for i := len(r.events) - 1; i >= 0 && si-r.events[i].si <= back; i-- {
		if c := r.events[i].cl; c != nil && !c.local && c.typ == typ {
			return c
		}
	}
	return nil
}

// byRole finds the named person whose title has the role noun l ("the
// president" → "Ukrainian President Volodymyr Zelenskiy"), the latest one
// when several have it; nil when none. Adjectives before the noun must be
// in the title too ("the Ukrainian president").
func (r *resolver) byRole(si, k int, l string) *cluster {
	s := &r.doc.Sentences[si]
	var mods []string
	for _, c := range r.kids[k] {
		if hasDep(s.Tokens[c].DepRel, "amod", "compound") && c < k {
			mods = append(mods, strings.ToLower(s.Tokens[c].Form))
		}
	}
	match := func(c *cluster) bool {
		for _, ti := range c.titles {
			ws := strings.Fields(strings.ToLower(ti))
			if len(ws) == 0 || ws[len(ws)-1] != l && ws[len(ws)-1] != strings.ToLower(s.Tokens[k].Form) {
				continue
			}
			ok := true
			for _, m := range mods {
				found := false
				for _, w := range ws {
					found = found || w == m
				}
				ok = ok && found
			}
			if ok {
				return true
			}
		}
		return false
	}
	for i := len(r.events) - 1; i >= 0; i-- {
		if c := r.events[i].cl; c != nil && c.typ == Person && !c.local && match(c) {
			return c
		}
	}
	for _, c := range r.clusters {
		if c.typ == Person && !c.local && c.mentions > 0 && match(c) {
			return c
		}
	}
	return nil
}

// agrees reports whether an entity may be referred to by a pronoun of
// class p, and with what weight.
func agrees(c *cluster, p byte) float64 {
	switch p {
	case 'm', 'f':
		if c.typ == Person && c.gender == p {
			return 1
		}
		if c.typ == Person && c.gender == 0 {
			return 0.7
		}
		if c.typ == Thing && !c.local && !c.concept {
			return 0.5 // a name of unknown type ("Euler"): "he" makes it a person
		}
	case 'n':
		switch c.typ {
		case Organization, Country, City, Place:
			return 1
		case Event:
			return 0.8 // "the festival … it"; an event is talked of less often than a place
		case Thing:
			return 0.5 // a name the recogniser did not type: often not a thing at all
		}
	case 'p':
		switch c.typ {
		case Group:
			return 1
		case Organization:
			return 0.3
		}
	}
	return 0
}

// pronoun resolves the third-person pronoun at token k of sentence si.
func (r *resolver) pronoun(si, k int) {
	s := &r.doc.Sentences[si]
	t := &s.Tokens[k]
	p := thirdPerson[strings.ToLower(t.Form)]
	if hasDep(t.DepRel, "expl") {
		return // "it is clear that …"
	}
	if p == 'n' && hasDep(t.DepRel, "nsubj") {
		if h := t.Head - 1; h >= 0 && r.child(h, "ccomp", "csubj", "xcomp") >= 0 && (s.Tokens[h].UPOS == "ADJ" || r.child(h, "cop") >= 0) {
			r.refs[si][k] = corefRef{pron: true}
			return // "it is clear that …", "it was hard to …": pleonastic
		}
		if h := t.Head - 1; h >= 0 && pleonasticVerbs[lowerLemma(&s.Tokens[h])] && (r.child(h, "ccomp", "csubj", "xcomp", "advcl") > k || r.child(r.child(h, "obj"), "acl") > k) {
			r.refs[si][k] = corefRef{pron: true}
			return // "it costs a lot to travel", "it makes sense to wait", "it helped that …": pleonastic
		}
	}
	quoteSpeaker := r.quoteSpeaker(si, k)
	coargs := r.coarguments(si, k)
	pq := quoted(s, k)
	score := map[*cluster]float64{}
	competitor := 0.0
	var compEv event
	head := t.Head - 1
	object := hasDep(t.DepRel, "obj", "iobj")
	for i := len(r.events) - 1; i >= 0; i-- {
		ev := r.events[i]
		d := si - ev.si
		if d >= len(recency) {
			break
		}
		w := recency[d]
		if ev.subj {
			w *= 1.6
		}
		if ev.main {
			w *= 1.3
		}
		if ev.quoted && !pq && ev.si != si {
			w *= 0.5 // the narrator's "he" is rarely someone named only inside a quote
		}
		if ev.si == si && object && s.Tokens[ev.tok].Head-1 == head {
			continue // "Kirby told him": not Kirby
		}
		if ev.cl == nil && r.refs[ev.si][ev.tok].cl != nil {
			continue // a common noun made an entity since ("the couple … they"): its own event counts
		}
		if ev.cl == nil {
			ok := false
			switch p {
			case 'n':
				ok = !ev.human && !ev.plural
			case 'p':
				ok = ev.plural
			}
			if ok && w > competitor {
				competitor, compEv = w, ev
			}
			continue
		}
		a := agrees(ev.cl, p)
		if a == 0 || ev.cl == quoteSpeaker || coargs[ev.cl] {
			continue
		}
		w *= a * (1 + salience*float64(min(r.seen[ev.cl], 10)))
		if w > score[ev.cl] {
			score[ev.cl] = w
		}
	}
	sp := r.reportedSpeaker(si, k)
	ms := r.matrixSubject(si, k)
	if ms != nil && hasDep(t.DepRel, "nmod:poss") {
		sp = nil // "Gross said that Colbert loved his time": Colbert, not the speaker
	}
	if p == 'm' || p == 'f' {
		// A person known to be of the pronoun's gender outweighs persons
		// of unknown gender ("Zaha Hadid … Abd al-Karim Qasim … she"),
		// but for the one who reports the pronoun's clause ("the soldier
		// said he …") and the subject of the clause it depends on.
		known := false
		for c := range score {
			known = known || c.gender == p
		}
		if known {
			for c := range score {
				if c.gender == 0 && c != sp && c != ms {
					score[c] *= unknownGender
				}
			}
		}
	}
	if sp != nil && agrees(sp, p) > 0 && sp != quoteSpeaker {
		score[sp] += 2
	} else if ms != nil && agrees(ms, p) > 0 && ms != quoteSpeaker && !coargs[ms] && score[ms] > 0 {
		score[ms] += matrixBonus
	}
	var best *cluster
	b1, b2 := 0.0, competitor
	for _, c := range r.clusterOrder(score) {
		switch w := score[c]; {
		case w > b1:
			best, b1, b2 = c, w, max(b1, b2)
		case w > b2:
			b2 = w
		}
	}
	conf := 0.0
	if best != nil {
		conf = b1 / (b1 + b2)
	}
	if competitor > b1 && competitor/(competitor+b1) >= minConfidence {
		// A common-noun phrase is the antecedent: a group of people ("the
		// protesters … they"), an organisation or a place described but not
		// named ("the school district … it") becomes an article-local entity.
		if c := r.promote(compEv, p); c != nil {
			best, conf = c, competitor/(competitor+b1)
		}
	}
	if best == nil || conf < minConfidence {
		r.refs[si][k] = corefRef{conf: conf, pron: true}
		return
	}
	if best.gender == 0 && (p == 'm' || p == 'f') {
		best.gender = p
		if best.typ == Thing {
			best.typ = Person
		}
	}
	r.refs[si][k] = corefRef{cl: best, conf: conf, pron: true}
	r.addSpan(best, si, k, k+1)
	r.event(best, si, k)
}

// coarguments are the entities that are other arguments of the predicate
// the pronoun at token k is an argument of: "Pachomius called on him", "the
// Tsar employed him" — a pronoun that is not reflexive is not its own
// clause's subject or object (binding). Possessives ("his") are not
// arguments of the verb and have none.
func (r *resolver) coarguments(si, k int) map[*cluster]bool {
	s := &r.doc.Sentences[si]
	t := &s.Tokens[k]
	l := strings.ToLower(t.Form)
	if strings.HasSuffix(l, "self") || strings.HasSuffix(l, "selves") || !hasDep(t.DepRel, "nsubj", "obj", "iobj") {
		return nil
	}
	h := t.Head - 1
	if h < 0 || h >= len(s.Tokens) {
		return nil
	}
	var out map[*cluster]bool
	for _, c := range r.kids[h] {
		if c == k || !hasDep(s.Tokens[c].DepRel, "nsubj", "obj", "iobj") || hasDep(s.Tokens[c].DepRel, "nsubj") == hasDep(t.DepRel, "nsubj") {
			continue // two subjects of one verb: a repetition ("she – she decided") or a misparse
		}
		if cl := r.clusterAt(si, c); cl != nil {
			if out == nil {
				out = map[*cluster]bool{}
			}
			out[cl] = true
		}
	}
	return out
}

// promote makes the common-noun phrase of ev an article-local entity when
// it is a group of people (for "they"), an organisation or a place (for
// "it"); nil otherwise.
func (r *resolver) promote(ev event, p byte) *cluster {
	s := &r.doc.Sentences[ev.si]
	l := lowerLemma(&s.Tokens[ev.tok])
	typ := ""
	switch {
	case p == 'p' && ev.human:
		typ = Group
	case p == 'n' && orgNouns[l]:
		typ = Organization
	case p == 'n' && placeNouns[l]:
		typ = Place
	}
	if typ == "" {
		return nil
	}
	c := &cluster{typ: typ, local: true, id: len(r.clusters), first: len(r.mentions) + len(r.clusters)}
	r.clusters = append(r.clusters, c)
	kids, cur := r.kids, r.cur
	if ev.si != r.curSent {
		r.kids, r.cur = children(s), s
	}
	toks := r.descTokens(ev.si, ev.tok)
	r.groups[r.descLemma(ev.si, ev.tok)] = c
	r.kids, r.cur = kids, cur
	var label []int
	for _, t := range toks {
		if s.Tokens[t].UPOS != "DET" && !quantifiers[strings.ToLower(s.Tokens[t].Form)] || len(label) > 0 {
			label = append(label, t)
		}
	}
	if len(label) == 0 {
		label = toks
	}
	c.add(joinTokens(s, label))
	r.refs[ev.si][ev.tok] = corefRef{cl: c, conf: 1}
	r.addSpan(c, ev.si, toks[0], toks[len(toks)-1]+1)
	r.seen[c]++
	return c
}

// pleonasticVerbs take a pleonastic "it" as subject when a clause follows
// ("it seems that …", "it takes time to …").
var pleonasticVerbs = setOf("seem", "appear", "take", "cost", "make", "happen", "matter", "help", "pay", "hurt", "occur", "turn")

// placeNouns refer to a place described but not named.
var placeNouns = setOf("city", "town", "village", "country", "region", "state", "province", "island", "area",
	"capital", "district", "neighborhood", "neighbourhood", "county", "site", "building", "school", "hospital",
	"museum", "church", "park", "station", "airport", "prison", "camp", "base", "port", "palace", "castle")

// clusterOrder returns the keys of score in cluster order (deterministic).
func (r *resolver) clusterOrder(score map[*cluster]float64) []*cluster {
	out := make([]*cluster, 0, len(score))
	for c := range score {
		out = append(out, c)
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].id < out[j-1].id; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// quoted reports whether token k is inside quotation marks.
func quoted(s *nlp.Sentence, k int) bool {
	open := false
	for i := 0; i < k; i++ {
		switch s.Tokens[i].Form {
		case "“":
			open = true
		case "”":
			open = false
		case "\"":
			open = !open
		}
	}
	return open
}

// quoteSpeaker is the speaker of the direct quote token k is in ("“… he
// …,” Zelenskiy said"): inside a quote a speaker says "I", so "he" is
// someone else. Nil when k is not quoted or the speaker is not an entity.
func (r *resolver) quoteSpeaker(si, k int) *cluster {
	s := &r.doc.Sentences[si]
	if !quoted(s, k) {
		return nil
	}
	for v := range s.Tokens {
		if speechVerbs[lowerLemma(&s.Tokens[v])] && !quoted(s, v) {
			if c := r.clusterAt(si, r.child(v, "nsubj")); c != nil {
				return c
			}
		}
	}
	return nil
}

// reportedSpeaker is who reports the clause token k is in, when it is
// reported speech or thought ("X said he …", "one prisoner, who said he
// …"), nil otherwise.
func (r *resolver) reportedSpeaker(si, k int) *cluster {
	s := &r.doc.Sentences[si]
	if quoted(s, k) {
		return nil
	}
	cur := k
	for n := 0; n < 20; n++ {
		h := s.Tokens[cur].Head - 1
		if h < 0 || h >= len(s.Tokens) {
			return nil
		}
		if hasDep(s.Tokens[cur].DepRel, "ccomp") && speechVerbs[lowerLemma(&s.Tokens[h])] {
			return r.clusterAt(si, r.child(h, "nsubj"))
		}
		cur = h
	}
	return nil
}

// matrixSubject is, for a pronoun subject, the subject of the clause its
// own clause depends on ("Smith frowned when he saw …"; "After Smith
// retired, he …" looks the other way and is not covered), and for a
// possessive, the subject of the clause it is in ("Colbert spoke of his
// time"): the entity the sentence is about at that point. Nil when there
// is none.
func (r *resolver) matrixSubject(si, k int) *cluster {
	s := &r.doc.Sentences[si]
	if quoted(s, k) {
		return nil
	}
	if hasDep(s.Tokens[k].DepRel, "nmod:poss") {
		// "Colbert said of his time", "Jones thanked his team": the
		// subject of the clause the possessive is in.
		v := s.Tokens[k].Head - 1
		for n := 0; n < 6 && v >= 0 && v < len(s.Tokens); n++ {
			for _, c := range r.kids[v] {
				if hasDep(s.Tokens[c].DepRel, "nsubj") && c < k {
					return r.clusterAt(si, c)
				}
			}
			if hasDep(s.Tokens[v].DepRel, "acl:relcl", "acl", "ccomp", "advcl", "root", "conj", "parataxis") {
				return nil
			}
			v = s.Tokens[v].Head - 1
		}
		return nil
	}
	if !hasDep(s.Tokens[k].DepRel, "nsubj") {
		return nil
	}
	v := s.Tokens[k].Head - 1
	for n := 0; n < 4 && v >= 0 && v < len(s.Tokens); n++ {
		if !hasDep(s.Tokens[v].DepRel, "advcl", "ccomp", "xcomp") {
			return nil
		}
		h := s.Tokens[v].Head - 1
		if h < 0 || h >= len(s.Tokens) {
			return nil
		}
		for _, c := range r.kids[h] {
			if hasDep(s.Tokens[c].DepRel, "nsubj") && c < k {
				return r.clusterAt(si, c)
			}
		}
		v = h
	}
	return nil
}

// clusterAt is the entity token k of sentence si stands for: a name, a
// resolved pronoun or description, or — for a relative pronoun ("who") —
// what the relative clause modifies.
func (r *resolver) clusterAt(si, k int) *cluster {
	if k < 0 {
		return nil
	}
	s := &r.doc.Sentences[si]
	if m := r.byTok[si][k]; m != nil {
		return m.cl
	}
	if ref, ok := r.refs[si][k]; ok {
		return ref.cl
	}
	if l := lowerLemma(&s.Tokens[k]); l == "who" || l == "that" {
		v := s.Tokens[k].Head - 1
		if v >= 0 && hasDep(s.Tokens[v].DepRel, "acl:relcl", "acl") {
			return r.clusterAt(si, s.Tokens[v].Head-1)
		}
	}
	return nil
}

var speechVerbs = setOf("say", "tell", "claim", "add", "believe", "think", "insist", "argue", "state", "announce",
	"explain", "report", "write", "deny", "admit", "confirm", "testify", "allege", "warn", "note", "recall",
	"acknowledge", "suggest", "know", "feel", "hope", "fear", "realize", "realise", "decide", "promise", "vow",
	"indicate", "reveal", "told", "said", "assert", "contend", "maintain", "remember", "expect", "worry", "fear",
	"remark", "comment", "reply", "respond", "ask", "answer", "exclaim", "declare", "mention", "observe", "conclude",
	"predict", "stress", "emphasize", "emphasise", "concede", "complain", "urge", "caution")

// predicativeVerbs take an object that describes their subject.
var predicativeVerbs = setOf("become", "remain", "stay", "seem", "appear", "turn", "make", "name", "elect", "appoint", "call")

// orgNouns refer back to an organisation ("the company said").
var orgNouns = setOf("company", "automaker", "carmaker", "firm", "airline", "carrier", "bank", "agency", "group",
	"organisation", "organization", "union", "party", "team", "club", "manufacturer", "retailer", "network",
	"broadcaster", "newspaper", "maker", "corporation", "conglomerate", "startup", "insurer", "lender", "chain",
	"studio", "publisher", "band", "charity", "foundation", "institute", "university", "ministry", "department")

// nounGender is the gender of gendered person nouns.
var nounGender = map[string]byte{"man": 'm', "boy": 'm', "father": 'm', "son": 'm', "husband": 'm', "brother": 'm',
	"king": 'm', "prince": 'm', "spokesman": 'm', "chairman": 'm', "gunman": 'm', "policeman": 'm', "uncle": 'm',
	"nephew": 'm', "grandfather": 'm', "boyfriend": 'm', "actor": 'm', "businessman": 'm', "congressman": 'm',
	"woman": 'f', "girl": 'f', "mother": 'f', "daughter": 'f', "wife": 'f', "sister": 'f', "queen": 'f',
	"princess": 'f', "spokeswoman": 'f', "chairwoman": 'f', "policewoman": 'f', "aunt": 'f', "niece": 'f',
	"grandmother": 'f', "girlfriend": 'f', "actress": 'f', "businesswoman": 'f', "congresswoman": 'f',
	"mr": 'm', "mrs": 'f', "ms": 'f', "miss": 'f', "sir": 'm', "lady": 'f', "lord": 'm'}

//go:embed genders.tsv
var gendersTSV string

// genders maps a lower-cased given name to its gender, loaded once.
var genders = sync.OnceValue(func() map[string]byte { return classes(gendersTSV, 8200) })

// genderOf is the gender of a given name ('m', 'f') or of a gendered title
// ("Mr.", "Mrs."), 0 when unknown or used for both.
func genderOf(name string) byte {
	l := strings.ToLower(strings.TrimSuffix(name, "."))
	if g, ok := nounGender[l]; ok && (l == "mr" || l == "mrs" || l == "ms" || l == "miss" || l == "sir" || l == "lady" || l == "lord") {
		return g
	}
	return genders()[l]
}
