package extract

import (
	"slices"
	"sort"
	"strings"
)

// nonClause are relations under which a verb is not the predicate of a
// clause of its own (it is part of a noun phrase or a function word).
var nonClause = map[string]bool{
	"amod": true, "compound": true, "aux": true, "cop": true, "fixed": true, "flat": true,
	"case": true, "mark": true, "det": true, "goeswith": true, "reparandum": true,
	"nummod": true, "discourse": true, "punct": true, "cc": true, "nmod": true,
	"obl": true, "obj": true, "iobj": true, "nsubj": true, "csubj": false, "advmod": true,
	"appos": true, "vocative": true, "list": true, "orphan": true, "dep": true,
}

// isPredicate reports whether token p heads a clause that clause() reads.
func (x *tree) isPredicate(p int) bool {
	if x.nonClauseRel(p) {
		return false
	}
	if x.is(p, "xcomp") {
		if h := x.head(p); h >= 0 && x.chainNext(h) == p {
			return false // read as part of its governor's xcomp chain
		}
	}
	switch x.upos(p) {
	case "VERB":
		return true
	case "AUX":
		return x.child(p, "nsubj", "expl", "csubj") >= 0 && x.child(p, "cop") < 0
	}
	return x.child(p, "cop") >= 0
}

func (x *tree) nonClauseRel(p int) bool {
	b := x.base(p)
	if nonClause[b] {
		// a gerund or participle under obl/nmod/obj is a noun, but a verb
		// under one of these with its own subject is a clause.
		if (b == "obl" || b == "nmod" || b == "obj" || b == "nsubj") && x.child(p, "nsubj", "nsubj:pass") >= 0 {
			return false
		}
		return true
	}
	return false
}

// chainNext returns the xcomp of p that continues p's predicate ("prepared
// → hand" in "is prepared to hand over"), or -1. An xcomp is chained when
// it is verbal, has no subject of its own and p has no object (with an
// object the object controls it: "persuaded him to go").
func (x *tree) chainNext(p int) int {
	if x.child(p, "obj", "iobj") >= 0 {
		return -1
	}
	for _, k := range x.kids[p] {
		if !x.is(k, "xcomp") || x.child(k, "nsubj", "nsubj:pass") >= 0 {
			continue
		}
		if x.upos(k) == "VERB" || x.child(k, "cop") >= 0 {
			return k
		}
	}
	return -1
}

// subj is a subject candidate: its span plus whether it was inherited or
// is a pronoun, for confidence.
type subj struct {
	span      Span
	inherited bool
	negated   bool // "neither X nor Y"
}

// clause builds the extractions of the clause headed by predicate p.
func (x *tree) clause(p int) []Extraction {
	chain := []int{p}
	for c := x.chainNext(p); c >= 0 && len(chain) < 6; c = x.chainNext(c) {
		chain = append(chain, c)
	}
	c := chain[len(chain)-1] // content predicate
	copular := x.child(c, "cop") >= 0

	e := Extraction{Pred: c}
	var relToks, tail []int // tail: words appended after the verb group ("that", a folded preposition)
	var lemma []string
	var modality []string
	for n, k := range chain {
		for _, a := range x.kids[k] {
			switch {
			case x.is(a, "aux", "aux:pass", "cop"):
				relToks = append(relToks, a)
				if modals[x.lemma(a)] && x.is(a, "aux") {
					modality = append(modality, x.lower(a))
				}
			case x.isNeg(a):
				relToks = append(relToks, a)
				e.Negated = true
			case x.is(a, "compound:prt"):
				relToks = append(relToks, a)
				if k == c {
					lemma = append(lemma, x.lemma(a))
				}
			case n > 0 && x.is(a, "mark") && x.lemma(a) == "to":
				relToks = append(relToks, a)
			}
		}
		if k != c || !copular {
			relToks = append(relToks, k)
			// "finally closed", "is often portrayed": adverbs inside the
			// verb group belong to the relation.
			for _, a := range x.kids[k] {
				if a < k && x.is(a, "advmod") && x.upos(a) == "ADV" && !x.isNeg(a) && x.adjacentTo(a, k) {
					relToks = append(relToks, a)
				}
			}
		}
		if k != c {
			modality = append(modality, x.lower(k)+" to")
		}
	}
	// A participle with a direct object of its own is active, whatever its
	// tag: "people requested absentee ballots" parsed as "people [who
	// were] requested …" is people —request→ ballots, not be_requested.
	// One after a subordinator is passive: "X, when asked whether …, told"
	// — X was asked, X did not ask.
	passive := x.child(c, "aux:pass") >= 0 || (c == p && x.child(p, "nsubj:pass", "csubj:pass") >= 0) ||
		((x.rel(p) == "acl" || x.is(p, "advcl")) && c == p && x.toks[p].XPOS == "VBN" && x.child(p, "nsubj", "aux", "aux:pass", "obj") < 0) ||
		(c == p && x.toks[p].XPOS != "VBG" && x.child(p, "obj") < 0 && x.reducedParticiple(p))
	prt := lemma // particles of the content verb
	if copular {
		lemma = []string{"be"}
	} else if passive {
		lemma = append([]string{"be", strings.ToLower(x.toks[c].Form)}, prt...)
	} else {
		lemma = append([]string{x.lemma(c)}, prt...)
	}
	e.Modality = strings.Join(modality, " ")
	e.Conditional = x.isCondition(p)
	if cond := x.condition(chain); cond != "" {
		e.Condition = cond
	}

	subjects, relObj, relPrep := x.subjects(p)
	if len(subjects) == 0 {
		return nil
	}

	// Objects and arguments.
	var objects []Span
	var args []Arg
	var clauseMark int = -1
	var agent *Arg
	if copular {
		skip := []string{"nsubj", "csubj", "cop", "aux", "mark", "punct", "advcl", "conj", "cc", "parataxis",
			"ccomp", "obl", "expl", "discourse", "vocative", "case", "acl:relcl", "xcomp", "dep", "appos", "list"}
		toks := x.subtree(c, func(k int) bool { return x.is(k, skip...) || x.isNeg(k) || x.is(k, "advmod") && x.isClauseAdv(k) })
		if cs := x.children(c, "case"); len(cs) > 0 && cs[0] < c {
			tail = append(tail, x.withFixed(cs)...)
			lemma = append(lemma, x.caseLemma(cs))
		}
		objects = append(objects, x.makeSpan(c, toks))
		for _, cj := range x.children(c, "conj") {
			if x.child(cj, "cop", "nsubj") < 0 && x.upos(cj) != "VERB" {
				objects = append(objects, x.span(cj))
			}
		}
	}
	if relObj != nil {
		objects = append(objects, *relObj)
	}
	for _, k := range x.kids[c] {
		switch {
		case x.is(k, "obj") && !x.isRelPron(k):
			if rep := x.reportOnObject(k, c); rep >= 0 { // "told reporters that X" parsed as an acl of "reporters"
				objects = append(objects, x.span(k, rep))
				args = append(args, Arg{Span: x.clauseSpan(rep), Role: RoleClause})
				continue
			}
			objects = append(objects, x.conjuncts(k)...)
		case x.is(k, "iobj") && !x.isRelPron(k):
			args = append(args, Arg{Span: x.span(k), Role: RoleIObj})
		case x.is(k, "xcomp") && k != x.chainNext(c):
			if x.upos(k) == "VERB" {
				args = append(args, Arg{Prep: x.markText(k), Span: x.clauseSpan(k), Role: RoleComplement})
			} else {
				args = append(args, Arg{Span: x.span(k), Role: RoleComplement})
			}
		case x.is(k, "ccomp"):
			m := x.child(k, "mark")
			sp := x.clauseSpan(k)
			if m >= 0 && m < k {
				clauseMark = m
			}
			args = append(args, Arg{Prep: "", Span: sp, Role: RoleClause})
		}
	}
	if relPrep != nil {
		args = append(args, *relPrep)
	}
	// "White House spokesman John Kirby told": when the parser made a word
	// of the title the subject's head, the subject is the titled person.
	for n := range subjects {
		subjects[n].span = x.titledPerson(x.bracketedSubject(subjects[n].span))
	}
	// "Zelenskiy on December 23 said": a date the parser hung on the
	// subject is the clause's time.
	for n := range subjects {
		sp := &subjects[n].span
		if sp.Head < 0 || sp.Head >= len(x.toks) {
			continue
		}
		for _, k := range x.children(sp.Head, "nmod") {
			if k < sp.Head || x.roleOf(k, x.caseLemma(x.children(k, "case")), x.rel(k)) != RoleTime {
				continue
			}
			drop := map[int]bool{}
			for _, t := range x.subtree(k, nil) {
				drop[t] = true
			}
			toks := make([]int, 0, len(sp.Tokens))
			for _, t := range sp.Tokens {
				if !drop[t] {
					toks = append(toks, t)
				}
			}
			*sp = x.makeSpan(sp.Head, toks)
			if n == 0 {
				args = append(args, x.oblArg(k))
			}
		}
	}
	// "arrested and charged the suspect": a verb conjunct without an object
	// shares the object of the first verb when that object follows it.
	if len(objects) == 0 && !copular && x.is(p, "conj") && x.child(c, "ccomp", "xcomp", "obl") < 0 {
		if h := x.head(p); h >= 0 && x.upos(h) == "VERB" {
			if o := x.child(h, "obj"); o > p {
				objects = append(objects, x.conjuncts(o)...)
			}
		}
	}
	seen := map[int]bool{}
	for _, k := range chain {
		for _, a := range x.kids[k] {
			if seen[a] || x.isRelPron(a) {
				continue
			}
			seen[a] = true
			switch {
			case x.is(a, "obl:agent") || (passive && x.is(a, "obl") && x.caseLemma(x.children(a, "case")) == "by"):
				ag := x.oblArg(a)
				agent = &ag
			case x.is(a, "obl", "obl:tmod", "obl:npmod", "obl:unmarked") || (!copular && x.is(a, "nmod")):
				if x.caseLemma(x.children(a, "case")) == "according_to" || x.usedAsSubject(a) {
					continue
				}
				for _, cj := range x.conjuncts(a) {
					ar := x.oblArg(a)
					ar.Span = x.dropCase(cj)
					ar.group = a + 1
					if cj.Head != a {
						ar.Role = x.roleOf(cj.Head, ar.Prep, x.rel(a))
					}
					args = append(args, ar)
				}
			case x.is(a, "advmod") && x.isTemporalAdv(a):
				args = append(args, Arg{Span: x.span(a), Role: RoleTime})
			}
		}
	}
	sort.SliceStable(args, func(i, j int) bool { return firstTok(args[i].Span) < firstTok(args[j].Span) })

	// A clause with a clausal complement and no object: the clause is the
	// object, its "that" goes into the relation.
	kind := SV
	speech := speechVerbs[x.lemma(c)] && !copular
	if len(objects) == 0 {
		for n, a := range args {
			if a.Role == RoleClause {
				objects = append(objects, a.Span)
				args = append(args[:n:n], args[n+1:]...)
				if clauseMark >= 0 {
					tail = append(tail, clauseMark)
				}
				break
			}
		}
	}
	// Light verbs: "take part in X" → relation "take part in", object X.
	if len(objects) == 1 && lightVerbs[x.lemma(c)] && x.bareNoun(objects[0].Head) {
		if n := x.firstPrepArg(args, objects[0].Head); n >= 0 {
			o := objects[0]
			tail = append(tail, o.Tokens...)
			tail = append(tail, x.prepToks(args[n].Span.Head)...)
			lemma = append(lemma, x.lemma(o.Head), strings.ReplaceAll(strings.ToLower(args[n].Prep), " ", "_"))
			objects = []Span{args[n].Span}
			args = append(args[:n:n], args[n+1:]...)
		}
	}
	if passive && agent != nil {
		tail = append(tail, x.prepToks(agent.Span.Head)...)
		lemma = append([]string{x.lemma(c)}, prt...)
		e.Passive = true
	}
	folded := false
	if len(objects) == 0 && !(passive && agent != nil) {
		for n, a := range args {
			if a.Role == RoleComplement && a.Prep == "" {
				objects = append(objects, a.Span)
				args = append(args[:n:n], args[n+1:]...)
				copular = true // "remained rocky", "became president": SVC
				break
			}
		}
	}
	if len(objects) == 0 && !(passive && agent != nil) {
		if n := x.firstPrepArg(args, c); n >= 0 {
			tail = append(tail, x.prepToks(args[n].Span.Head)...)
			lemma = append(lemma, strings.ReplaceAll(strings.ToLower(args[n].Prep), " ", "_"))
			// "occurs in A, B and C": one fact per conjunct.
			g := args[n].group
			kept := args[:0:0]
			for k, a := range args {
				if k == n || g != 0 && a.group == g && a.Role == args[n].Role {
					objects = append(objects, a.Span)
					continue
				}
				kept = append(kept, a)
			}
			args = kept
			folded = true
		}
	}
	switch {
	case passive && agent != nil && len(args) > 0:
		kind = SVOA
	case passive && agent != nil:
		kind = SVO
	case copular:
		kind = SVC
	case folded:
		kind = SVA
	case len(objects) > 0 && hasRole(args, RoleIObj):
		kind = SVOO
	case len(objects) > 0 && hasRole(args, RoleComplement):
		kind = SVOC
	case len(objects) > 0 && len(args) > 0:
		kind = SVOA
	case len(objects) > 0:
		kind = SVO
	case len(args) > 0 && hasRole(args, RoleIObj):
		kind = SVO
		objects = append(objects, args[0].Span)
		args = args[1:]
	}
	if speech && len(objects) > 0 && objects[0].Head >= 0 && x.is(objects[0].Head, "ccomp", "parataxis") {
		kind = Speech
	}

	// "hand over" with "over" parsed as an adverb or preposition of the
	// object: a particle of the verb.
	if pt := x.looseParticle(c); pt >= 0 && !slices.Contains(tail, pt) && (len(objects) > 0 || len(args) > 0 && firstTok(args[0].Span) > pt) {
		relToks = append(relToks, pt)
		lemma = append(lemma, x.lemma(pt))
		for n := range objects {
			objects[n] = x.without(objects[n], pt)
		}
	}
	sort.Ints(relToks)
	e.Relation = x.text(relToks)
	if len(tail) > 0 {
		e.Relation += " " + x.text(tail)
	}
	e.Lemma = relationLemma(lemma)
	if e.Lemma == "" {
		return nil // the verb is a symbol, a number or another script: no relation to name
	}
	e.Kind = kind
	e.Args = args
	if speech {
		e.Quote = x.quote(c, objects, args)
		if len(objects) == 0 && e.Quote != "" {
			if q := x.reportedByParataxis(c); q.Head >= 0 {
				objects = append(objects, q)
				e.Kind = Speech
			}
		}
	}
	chainSpk := x.speakers(p)
	if len(chainSpk) > 0 {
		e.Attribution = chainSpk[len(chainSpk)-1]
		e.Chain = chainSpk
	}

	var out []Extraction
	if len(objects) == 0 {
		objects = []Span{{Head: -1}}
	}
	// "in political and social terms": one fact per conjunct of the first
	// coordinated argument.
	variants := [][]Arg{e.Args}
	for _, a := range e.Args {
		if a.group == 0 {
			continue
		}
		var members []int
		for n, b := range e.Args {
			if b.group == a.group {
				members = append(members, n)
			}
		}
		if len(members) < 2 {
			continue
		}
		variants = variants[:0]
		for _, keep := range members {
			var v []Arg
			for n, b := range e.Args {
				if b.group != a.group || n == keep {
					v = append(v, b)
				}
			}
			variants = append(variants, v)
		}
		break
	}
	for _, s := range subjects {
		for _, o := range objects {
			for _, v := range variants {
				f := e
				f.Args = append([]Arg(nil), v...)
				f.Subject = s.span
				f.Object = o
				if passive && agent != nil {
					f.Subject, f.Object = agent.Span, s.span // the subject's conjuncts are patients
				}
				if s.negated {
					f.Negated = true
				}
				f.inherited = s.inherited
				out = append(out, f)
				if len(out) >= 16 {
					return out
				}
			}
		}
	}
	return out
}

// relationLemma joins the lemma words of a relation with "_" for its IRI,
// cleaned so that the IRI is a lemma: contractions spelt out ("wo" → "will",
// "’re" → "be"), negation dropped (Negated says it), and words with digits,
// symbols or letters outside a–z dropped ("£", "us$17.4"). "" when the
// first word, the verb, is such a word.
func relationLemma(words []string) string {
	out := make([]string, 0, len(words))
	for i, w := range words {
		w = strings.ToLower(strings.TrimSpace(w))
		w = strings.NewReplacer("’", "'", "‘", "'").Replace(w)
		if c, ok := contractions[w]; ok {
			w = c
		}
		if w == "" {
			continue
		}
		ok := true
		for _, r := range w {
			if !(r >= 'a' && r <= 'z' || r == '-' || r == '_') {
				ok = false
				break
			}
		}
		w = strings.Trim(w, "-_")
		if !ok || w == "" {
			if i == 0 {
				return ""
			}
			continue
		}
		out = append(out, w)
	}
	return strings.Join(out, "_")
}

// contractions maps the lemmas a contraction's pieces get to words; negation
// maps to "" (dropped).
var contractions = map[string]string{"wo": "will", "ca": "can", "sha": "shall", "'re": "be", "'m": "be",
	"'s": "be", "'ve": "have", "'d": "would", "'ll": "will", "n't": "", "not": "", "never": "", "'": ""}

func hasRole(args []Arg, r Role) bool {
	for _, a := range args {
		if a.Role == r {
			return true
		}
	}
	return false
}

func firstTok(s Span) int {
	if len(s.Tokens) == 0 {
		return s.Head
	}
	return s.Tokens[0]
}

// firstPrepArg returns the index of the first plain argument with a
// preposition after token after (any position when after < 0), or -1.
func (x *tree) firstPrepArg(args []Arg, after int) int {
	for n, a := range args {
		if (a.Role == RoleArg || a.Role == RolePlace) && a.Prep != "" && (after < 0 || firstTok(a.Span) > after) {
			return n
		}
	}
	return -1
}

// prepToks returns the case tokens (with their fixed parts) of argument head h.
func (x *tree) prepToks(h int) []int {
	if h < 0 {
		return nil
	}
	return x.withFixed(x.children(h, "case"))
}

func (x *tree) withFixed(cs []int) []int {
	var out []int
	for _, c := range cs {
		out = append(out, c)
		out = append(out, x.children(c, "fixed")...)
	}
	sort.Ints(out)
	return out
}

// caseLemma returns the lemma of the preposition(s) of an argument, joined
// by "_" ("according_to").
func (x *tree) caseLemma(cs []int) string {
	var ws []string
	for _, t := range x.withFixed(cs) {
		if x.upos(t) == "PART" && x.lower(t) == "'s" {
			continue
		}
		ws = append(ws, x.lower(t))
	}
	return strings.Join(ws, "_")
}

// oblArg reads an oblique dependent: its preposition, span without the
// preposition, and role (time, place or plain).
func (x *tree) oblArg(a int) Arg {
	cs := x.children(a, "case")
	prep := x.withFixed(cs)
	sp := x.span(a)
	if len(prep) > 0 {
		drop := map[int]bool{}
		for _, t := range prep {
			drop[t] = true
		}
		toks := sp.Tokens[:0:0]
		for _, t := range sp.Tokens {
			if !drop[t] {
				toks = append(toks, t)
			}
		}
		sp = x.makeSpan(a, toks)
	}
	return Arg{Prep: x.text(prep), Span: sp, Role: x.roleOf(a, strings.ToLower(x.text(prep)), x.rel(a))}
}

var placePreps = map[string]bool{"in": true, "at": true, "near": true, "inside": true, "outside": true, "across": true, "throughout": true, "within": true}

// roleOf decides whether an oblique headed by h is a time, a place or a
// plain argument.
func (x *tree) roleOf(h int, prep, rel string) Role {
	t := x.entType(h)
	switch {
	case t == "DATE" || t == "TIME":
		return RoleTime
	case temporalNouns[x.lemma(h)] && (prep == "" || timePreps[prep]):
		return RoleTime
	case x.upos(h) == "NUM" && isYear(x.toks[h].Form) && timePreps[prep]:
		return RoleTime
	case (t == "GPE" || t == "LOC") && placePreps[prep]:
		return RolePlace
	case (rel == "obl:tmod" || rel == "obl:unmarked" || rel == "obl:npmod") && x.upos(h) != "PRON":
		if x.upos(h) == "NOUN" || x.upos(h) == "PROPN" || x.upos(h) == "NUM" {
			if temporalNouns[x.lemma(h)] || x.hasTemporalChild(h) {
				return RoleTime
			}
		}
	}
	return RoleArg
}

func (x *tree) hasTemporalChild(h int) bool {
	for _, k := range x.kids[h] {
		if temporalNouns[x.lemma(k)] {
			return true
		}
	}
	return false
}

func isYear(s string) bool {
	if len(s) != 4 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s[0] == '1' || s[0] == '2'
}

func (x *tree) isTemporalAdv(a int) bool {
	l := x.lemma(a)
	return l == "yesterday" || l == "today" || l == "tomorrow" || l == "tonight" || l == "ago" && len(x.kids[a]) > 0 ||
		l == "earlier" && len(x.kids[a]) > 0 || l == "later" && len(x.kids[a]) > 0
}

// isClauseAdv reports whether advmod a belongs to the clause rather than to
// the predicate nominal ("also", "still", "however").
func (x *tree) isClauseAdv(a int) bool {
	return x.upos(a) == "ADV" && a < x.head(a) && x.upos(x.head(a)) != "ADJ" || x.isNeg(a)
}

// isNeg reports whether token a negates its head.
func (x *tree) isNeg(a int) bool {
	if !x.is(a, "advmod", "neg", "det") {
		return false
	}
	l := x.lemma(a)
	if x.is(a, "det") {
		return false
	}
	return l == "not" || l == "n't" || l == "never" || x.lower(a) == "n't"
}

// bareNoun reports whether noun h has no determiner other than a/an and no
// modifiers of its own: the object of a light verb ("take part", "make a
// decision").
func (x *tree) bareNoun(h int) bool {
	if h < 0 || x.upos(h) != "NOUN" {
		return false
	}
	for _, k := range x.kids[h] {
		switch {
		case x.is(k, "det") && (x.lemma(k) == "a" || x.lemma(k) == "an"):
		case x.is(k, "amod", "compound"):
		default:
			return false
		}
	}
	return true
}

// conjuncts returns the spans of h and of each of its conjuncts.
func (x *tree) conjuncts(h int) []Span {
	out := []Span{x.span(h)}
	for _, cj := range x.children(h, "conj") {
		if x.child(cj, "nsubj", "cop") >= 0 || (x.upos(cj) == "VERB" && x.upos(h) != "VERB") {
			continue // a clause of its own
		}
		out = append(out, x.conjuncts(cj)...)
	}
	return out
}

// clauseSpan returns a clausal argument headed by k without its "that"/"to"
// marker and edge punctuation.
func (x *tree) clauseSpan(k int) Span {
	toks := x.subtree(k, func(a int) bool {
		return x.is(a, "mark") && a < k && (x.lemma(a) == "that" || x.lemma(a) == "to" || x.lemma(a) == "whether" || x.lemma(a) == "if")
	})
	return x.makeSpan(k, toks)
}

func (x *tree) markText(k int) string {
	if m := x.child(k, "mark"); m >= 0 && m < k {
		return x.toks[m].Form
	}
	return ""
}

// isRelPron reports whether token a is a relative pronoun of a relative
// clause (who, which, that, whom, whose).
func (x *tree) isRelPron(a int) bool {
	h := x.head(a)
	if h < 0 || !x.is(h, "acl:relcl", "advcl:relcl", "acl") {
		return false
	}
	if x.feat(a, "PronType=Rel") {
		return true
	}
	switch x.lemma(a) {
	case "who", "which", "that", "whom":
		return x.upos(a) == "PRON" || x.upos(a) == "DET"
	}
	return false
}

// subjects finds the subjects of the clause headed by p: its own nsubj (and
// conjuncts), or one inherited from the word it modifies or the clause it
// depends on. For a relative clause whose relative pronoun is the object or
// an oblique, the modified noun is returned as obj or prepArg instead.
func (x *tree) subjects(p int) (subs []subj, obj *Span, prepArg *Arg) {
	if s := x.child(p, "nsubj", "nsubj:pass", "csubj", "csubj:pass", "nsubj:outer"); s >= 0 && !x.isRelPron(s) {
		neg := x.neither(s)
		var spans []Span
		if x.is(s, "csubj", "csubj:pass") {
			spans = []Span{x.clauseSpan(s)}
		} else {
			spans = x.conjuncts(s)
		}
		for _, sp := range spans {
			subs = append(subs, subj{span: sp, negated: neg})
		}
		if !x.is(p, "acl:relcl", "advcl:relcl") {
			return subs, nil, nil
		}
	}
	h := x.head(p)
	if h < 0 {
		return nil, nil, nil
	}
	switch {
	case x.is(p, "acl:relcl", "advcl:relcl"):
		noun := x.relNoun(h, p)
		if len(subs) > 0 { // "the man I saw": the noun is the object
			for _, k := range x.kids[p] {
				if x.isRelPron(k) && x.is(k, "obl", "nmod") {
					a := Arg{Prep: x.text(x.prepToks(k)), Span: noun, Role: x.roleOf(h, "", "")}
					return subs, nil, &a
				}
			}
			if !x.hasOwn(p, "obj") && x.child(p, "cop") < 0 {
				return subs, &noun, nil
			}
			return subs, nil, nil
		}
		return []subj{{span: noun, inherited: true}}, nil, nil
	case x.is(p, "acl"):
		if x.markText(p) != "" || x.upos(h) == "VERB" {
			return nil, nil, nil // "a plan to attack": no subject
		}
		return []subj{{span: x.dropCase(x.span(h, p)), inherited: true}}, nil, nil
	case x.is(p, "conj"):
		if x.isPredicate(h) || x.is(h, "xcomp") {
			ss, _, _ := x.subjects(h)
			for i := range ss {
				ss[i].inherited = true
			}
			return ss, nil, nil
		}
	case x.is(p, "xcomp"):
		if o := x.child(h, "obj", "iobj"); o >= 0 {
			return []subj{{span: x.span(o), inherited: true}}, nil, nil
		}
		ss, _, _ := x.subjects(h)
		for i := range ss {
			ss[i].inherited = true
		}
		return ss, nil, nil
	case x.is(p, "advcl"):
		if o := x.asSubject(p, h); o >= 0 {
			return []subj{{span: x.dropCase(x.span(o))}}, nil, nil
		}
		// "a swap for Ukrainians held in Russia": a participle right after
		// a noun, misparsed as an adverbial clause, modifies that noun.
		if x.reducedParticiple(p) {
			return []subj{{span: x.dropCase(x.span(p-1, p)), inherited: true}}, nil, nil
		}
		if x.child(p, "mark") >= 0 && x.lemma(x.child(p, "mark")) != "to" && x.toks[p].XPOS != "VBG" && x.toks[p].XPOS != "VBN" {
			return nil, nil, nil
		}
		if x.isPredicate(h) {
			ss, _, _ := x.subjects(h)
			for i := range ss {
				ss[i].inherited = true
			}
			return ss, nil, nil
		}
	}
	return nil, nil, nil
}

// relNoun returns the span of the noun a relative clause rc modifies
// (without the clause). When that noun is itself the predicate of a copula
// ("Celeski is a footballer who plays…"), the copula's subject is used.
func (x *tree) relNoun(h, rc int) Span {
	if x.child(h, "cop") >= 0 {
		if s := x.child(h, "nsubj"); s >= 0 && x.upos(s) != "PRON" {
			return x.span(s)
		}
	}
	sp := x.dropCase(x.span(h, rc))
	// keep only the noun phrase: drop clause parts if h is a predicate nominal
	if x.child(h, "cop") >= 0 || x.child(h, "nsubj") >= 0 {
		skip := []string{"nsubj", "csubj", "cop", "aux", "mark", "advcl", "ccomp", "obl", "expl", "acl:relcl", "xcomp", "parataxis", "conj", "cc", "punct", "appos"}
		toks := x.subtree(h, func(k int) bool { return x.is(k, skip...) || k == rc })
		return x.dropCase(x.makeSpan(h, toks))
	}
	return sp
}

// neither reports whether subject s is under "neither … nor" (or "no").
func (x *tree) neither(s int) bool {
	for _, k := range x.kids[s] {
		if l := x.lemma(k); (l == "neither" || l == "no" || l == "none") && x.is(k, "cc:preconj", "cc", "det", "advmod") {
			return true
		}
		// "X nor Y" (with "neither" hung elsewhere by the parser)
		if x.is(k, "conj") {
			for _, c := range x.children(k, "cc") {
				if x.lemma(c) == "nor" {
					return true
				}
			}
		}
	}
	if h := x.head(s); h >= 0 {
		for _, k := range x.kids[h] {
			if k < s && x.lemma(k) == "neither" {
				return true // "Neither" attached to the verb
			}
		}
	}
	return x.lemma(s) == "neither" || x.lemma(s) == "nobody" || x.lemma(s) == "none" || x.lemma(s) == "nothing"
}

// isCondition reports whether clause p is an "if"/"unless" adverbial clause.
func (x *tree) isCondition(p int) bool {
	if !x.is(p, "advcl") {
		return false
	}
	m := x.child(p, "mark")
	return m >= 0 && condMarks[x.lemma(m)]
}

var condMarks = map[string]bool{"if": true, "unless": true, "provided": true, "providing": true}

// condition returns the text of the conditional clauses attached to chain.
func (x *tree) condition(chain []int) string {
	var parts []string
	for _, k := range chain {
		for _, a := range x.children(k, "advcl") {
			if x.isCondition(a) {
				parts = append(parts, x.makeSpan(a, x.subtree(a, nil)).Text)
			}
		}
	}
	return strings.Join(parts, "; ")
}

// speakers returns who reported the clause headed by p, outermost first:
// the subjects of the speech verbs above it ("X said (that) …", "…, X
// said", "according to X").
func (x *tree) speakers(p int) []Span {
	var inner []Span // innermost first
	prev := -1
	for n := p; n >= 0; prev, n = n, x.head(n) {
		for _, k := range x.kids[n] {
			if k == prev {
				continue
			}
			if x.is(k, "parataxis") && speechVerbs[x.lemma(k)] && x.child(k, "ccomp", "obj") < 0 {
				if s := x.child(k, "nsubj"); s >= 0 {
					inner = append(inner, x.span(s))
				}
			}
			if x.is(k, "obl") && x.caseLemma(x.children(k, "case")) == "according_to" {
				sp := x.oblArg(k).Span
				inner = append(inner, sp)
			}
		}
		h := x.head(n)
		if g := x.misattachedReport(n); g >= 0 {
			if sj := x.child(g, "nsubj"); sj >= 0 {
				inner = append(inner, x.titledPerson(x.span(sj)))
			}
			continue
		}
		if h >= 0 && x.is(n, "ccomp", "parataxis") && speechVerbs[x.lemma(h)] && x.child(h, "cop") < 0 {
			if x.is(n, "parataxis") && x.child(h, "ccomp") >= 0 {
				continue
			}
			for s := h; s >= 0; {
				if x.is(s, "advcl") && x.head(s) >= 0 {
					if o := x.asSubject(s, x.head(s)); o >= 0 {
						inner = append(inner, x.dropCase(x.span(o)))
						break
					}
				}
				if sj := x.child(s, "nsubj"); sj >= 0 {
					sp := x.span(sj)
					if x.isRelPron(sj) {
						sp = x.span(x.head(x.head(sj)))
					}
					inner = append(inner, sp)
					break
				}
				if !x.is(s, "conj", "xcomp") { // "…, adding that": the subject of the governor
					if x.is(s, "advcl") {
						s = x.head(s)
						continue
					}
					break
				}
				s = x.head(s)
			}
		}
	}
	// reverse: outermost first
	for i, j := 0, len(inner)-1; i < j; i, j = i+1, j-1 {
		inner[i], inner[j] = inner[j], inner[i]
	}
	return inner
}

// quote returns what a speech verb reports: its clausal object or argument.
func (x *tree) quote(c int, objects []Span, args []Arg) string {
	for _, o := range objects {
		if o.Head >= 0 && x.is(o.Head, "ccomp", "parataxis") {
			return o.Text
		}
	}
	for _, a := range args {
		if a.Role == RoleClause {
			return a.Span.Text
		}
	}
	if q := x.reportedByParataxis(c); q.Head >= 0 {
		return q.Text
	}
	return ""
}

// reportedByParataxis returns, for a speech verb attached as parataxis
// ("CLAUSE, X said"), the clause it reports; or a parataxis clause it
// governs ("X said: CLAUSE").
func (x *tree) reportedByParataxis(c int) Span {
	if x.is(c, "parataxis") && x.child(c, "ccomp", "obj") < 0 {
		h := x.head(c)
		toks := x.subtree(h, func(k int) bool { return k == c || x.is(k, "punct") && k > c })
		return x.makeSpan(h, toks)
	}
	if x.child(c, "ccomp", "obj") < 0 {
		if k := x.child(c, "parataxis"); k >= 0 {
			return x.makeSpan(k, x.subtree(k, nil))
		}
	}
	return Span{Head: -1}
}

var modals = map[string]bool{"can": true, "could": true, "may": true, "might": true, "will": true, "would": true,
	"shall": true, "should": true, "must": true, "ought": true, "wo": true, "ca": true}

// speechVerbs report what someone said, wrote or thought.
var speechVerbs = map[string]bool{"say": true, "tell": true, "add": true, "write": true, "claim": true,
	"state": true, "announce": true, "report": true, "note": true, "explain": true, "insist": true,
	"argue": true, "warn": true, "deny": true, "declare": true, "assert": true, "suggest": true,
	"confirm": true, "believe": true, "think": true, "acknowledge": true, "admit": true, "reply": true,
	"respond": true, "tweet": true, "post": true, "allege": true, "stress": true, "maintain": true,
	"indicate": true, "estimate": true, "predict": true, "conclude": true, "recall": true}

var lightVerbs = map[string]bool{"take": true, "make": true, "give": true, "have": true, "pay": true, "do": true, "get": true}

var timePreps = map[string]bool{"": true, "in": true, "on": true, "at": true, "since": true, "until": true, "till": true,
	"by": true, "before": true, "after": true, "during": true, "from": true, "to": true, "over": true, "through": true,
	"throughout": true, "within": true, "for": true, "around": true, "between": true, "of": true}

var temporalNouns = map[string]bool{
	"year": true, "month": true, "week": true, "day": true, "time": true, "hour": true, "minute": true,
	"decade": true, "century": true, "period": true, "era": true, "morning": true, "evening": true,
	"night": true, "afternoon": true, "weekend": true, "season": true, "fall": true, "autumn": true,
	"spring": true, "summer": true, "winter": true, "today": true, "yesterday": true, "tomorrow": true,
	"january": true, "february": true, "march": true, "april": true, "june": true, "july": true,
	"august": true, "september": true, "october": true, "november": true, "december": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true, "jan.": true, "feb.": true, "aug.": true, "sept.": true,
	"oct.": true, "nov.": true, "dec.": true, "moment": true, "date": true, "past": true, "future": true,
}

// hasOwn reports whether p has a child with one of rels that is not a
// relative pronoun.
func (x *tree) hasOwn(p int, rels ...string) bool {
	for _, k := range x.children(p, rels...) {
		if !x.isRelPron(k) {
			return true
		}
	}
	return false
}

// dropCase removes the preposition (case and its fixed parts) of the span's
// head from the span.
func (x *tree) dropCase(sp Span) Span {
	if sp.Head < 0 {
		return sp
	}
	drop := map[int]bool{}
	for _, t := range x.prepToks(sp.Head) {
		drop[t] = true
	}
	if len(drop) == 0 {
		return sp
	}
	toks := make([]int, 0, len(sp.Tokens))
	for _, t := range sp.Tokens {
		if !drop[t] {
			toks = append(toks, t)
		}
	}
	return x.makeSpan(sp.Head, toks)
}

// particles are adverbs that make phrasal verbs ("hand over", "give up").
var particles = map[string]bool{"over": true, "up": true, "out": true, "off": true, "back": true, "down": true, "away": true}

// looseParticle returns the particle right after verb c that the parser
// attached elsewhere (as an adverb of the object), or -1.
func (x *tree) looseParticle(c int) int {
	p := c + 1
	if p >= len(x.toks) || x.child(c, "compound:prt") >= 0 || !particles[x.lower(p)] || x.upos(c) != "VERB" {
		return -1
	}
	if x.head(p) == c || len(x.kids[p]) > 0 || !x.is(p, "advmod", "compound:prt", "case") {
		return -1
	}
	return p
}

// without returns sp without token t.
func (x *tree) without(sp Span, t int) Span {
	toks := make([]int, 0, len(sp.Tokens))
	for _, k := range sp.Tokens {
		if k != t {
			toks = append(toks, k)
		}
	}
	return x.makeSpan(sp.Head, toks)
}

// misattachedReport returns the speech verb whose reported clause n is
// when the parser hung "that CLAUSE" on the speech verb's object ("told
// reporters that X …" with X an acl of "reporters"); -1 otherwise.
func (x *tree) misattachedReport(n int) int {
	h := x.head(n)
	if h < 0 || !x.is(n, "acl") || x.child(n, "nsubj", "nsubj:pass") < 0 {
		return -1
	}
	m := x.child(n, "mark")
	if m < 0 || x.lemma(m) != "that" {
		return -1
	}
	g := x.head(h)
	if g < 0 || !x.is(h, "obj", "iobj") || !speechVerbs[x.lemma(g)] {
		return -1
	}
	return g
}

// reportOnObject returns the "that" clause misattached to object k of
// speech verb c, or -1.
func (x *tree) reportOnObject(k, c int) int {
	for _, a := range x.kids[k] {
		if x.misattachedReport(a) == c {
			return a
		}
	}
	return -1
}

// adjacentTo reports whether only auxiliaries, negation and adverbs stand
// between a and k (a < k).
func (x *tree) adjacentTo(a, k int) bool {
	for t := a + 1; t < k; t++ {
		if !(x.upos(t) == "AUX" || x.upos(t) == "ADV" || x.upos(t) == "PART") {
			return false
		}
	}
	return true
}

// bracketedSubject repairs a subject that has a preposition of its own
// ("Through cooperation with …, [the NIS] has confirmed"): the parser took
// an oblique for the subject; an apposition of it is the real subject.
func (x *tree) bracketedSubject(sp Span) Span {
	h := sp.Head
	if h < 0 || h >= len(x.toks) || x.child(h, "case") < 0 {
		return sp
	}
	if a := x.child(h, "appos"); a >= 0 {
		return x.span(a)
	}
	return sp
}

// asSubject returns, for an adverbial clause p without a subject right
// after an oblique of its governor h introduced by "as", "while", "after",
// … ("came as South Korea said"), that oblique: the parser split the
// clause's subject from its verb. -1 otherwise.
func (x *tree) asSubject(p, h int) int {
	if x.child(p, "nsubj", "nsubj:pass", "mark") >= 0 {
		return -1
	}
	for _, o := range x.children(h, "obl") {
		st := x.subtree(o, nil)
		if st[len(st)-1] != p-1 {
			continue
		}
		switch x.caseLemma(x.children(o, "case")) {
		case "as", "while", "after", "before", "since", "when", "because", "until":
			return o
		}
	}
	return -1
}

// usedAsSubject reports whether oblique o is the split-off subject of an
// adverbial clause of its head (see asSubject).
func (x *tree) usedAsSubject(o int) bool {
	h := x.head(o)
	if h < 0 {
		return false
	}
	for _, p := range x.children(h, "advcl") {
		if x.asSubject(p, h) == o {
			return true
		}
	}
	return false
}

// reducedParticiple reports whether adverbial clause p is a participle
// right after a noun that it modifies ("a swap for Ukrainians held in
// Russia"), which the parser attached as an adverbial clause.
func (x *tree) reducedParticiple(p int) bool {
	n := p - 1
	if n < 0 || !x.is(p, "advcl") || x.child(p, "mark", "nsubj", "nsubj:pass", "aux", "aux:pass", "ccomp") >= 0 ||
		x.asSubject(p, x.head(p)) >= 0 {
		return false
	}
	switch x.toks[p].XPOS {
	case "VBN", "VBG", "VBD":
	default:
		return false
	}
	return (x.upos(n) == "NOUN" || x.upos(n) == "PROPN") && x.head(n) != p
}
