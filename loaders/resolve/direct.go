package resolve

import (
	"strings"
	"unicode"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/loaders/extract"
	"github.com/newsgraph/newsgraph/loaders/nlp"
)

// A direct triple (subject —relation→ object between nodes) is a strong
// claim: graph.Quads writes it only for a fact whose reading is confident.
// The rules below name what makes a reading doubtful; a fact any of them
// fires on keeps its statement (text, rdf:subject/rdf:object, arguments)
// and gets no direct triple. Their names go to graph.Fact.NoTriple. Each
// was scored on triples of the Wikinews articles judged by hand
// (docs/extraction.md, "Garbage on held-out news").
const (
	ruleQuestion   = "question"    // the main clause of a question asserts nothing
	ruleCondition  = "condition"   // the if-clause of a condition: a hypothesis
	ruleNumber     = "number"      // a bare number or a measure as the object ("had 27,000", "40 percent"); counts of things ("11,000 troops") stay
	ruleLiteral    = "literal"     // an object that is no node, no predicate and no clause ("an economic one")
	ruleClauseVerb = "clause-verb" // a clause as the object of a verb that does not report or know one
	ruleSemicolon  = "semicolon"   // an argument running over a semicolon: two clauses
	ruleBracket    = "bracket"     // an argument cut inside an editor's [brackets]
	ruleFar        = "far"         // the subject more than 12 words from its verb (relative clauses and appositions count)
	ruleBoundary   = "boundary"    // a subject handed down over a semicolon or a colon
	ruleAttribute  = "attribute"   // a copula with an object that is no node ("is available"): an attribute, not a relation
	ruleNegScope   = "negscope"    // under a negated governor: "does not force countries to conduct arrests"
	ruleCoord      = "coord"       // a concept glued over a coordination ("the mass and the speed" → "mass speed")
	ruleAdvcl      = "advcl"       // a subject handed down into an adverbial clause from a common noun or a passive subject
	ruleContrast   = "contrast"    // an object coordinated by "rather than", "instead of", "not"
	ruleNmod       = "nmod"        // a noun modifier ("polls at the start") whose object is no named entity
	ruleColon      = "colon"       // an "apposition" after a colon is a label ("Image: Nicholas Moreau")
	ruleAdjacent   = "appos-adjacent"
	ruleCopNonArg  = "cop-nonarg" // a copula or apposition whose object is a clause or a prepositional phrase
	ruleApposComma = "appos-comma"
	ruleObjSubj    = "objsubj"    // the object is the subject of the clause after it ("acknowledged their government had …")
	ruleHypothesis = "hypothesis" // inside a clause opened by if, whether, unless or lest, reached through conjuncts and relative clauses
)

// noTriple says why fact f, from extraction e of sentence si, is kept as a
// statement only (graph.Fact.NoTriple: the rules that fire, comma-separated),
// or "" when its direct triple is a confident reading. obj is the span of
// f.Object (e.Object, or the indirect object "X told reporters that …"
// puts there).
func (r *resolver) noTriple(si int, e extract.Extraction, obj extract.Span, f graph.Fact) string {
	if f.Subject.Entity == "" || f.Object.IsZero() || f.Object.Unresolved || f.Negated {
		return "" // no direct triple anyway
	}
	return strings.Join(r.tripleRules(si, e, obj, f), ",")
}

func (r *resolver) tripleRules(si int, e extract.Extraction, obj extract.Span, f graph.Fact) []string {
	s := &r.doc.Sentences[si]
	ts := s.Tokens
	var out []string
	add := func(c bool, name string) {
		if c {
			out = append(out, name)
		}
	}
	valid := func(k int) bool { return k >= 0 && k < len(ts) }
	objNode, objConcept := f.Object.Entity != "", false
	if c := r.clusterOf(f.Object.Entity); c != nil && c.concept {
		objConcept = true
	}
	predicative := e.Kind == extract.SVC || e.Kind == extract.Appos || e.Kind == extract.Title

	text := strings.TrimRight(strings.TrimSpace(s.Text), "\"”’' )")
	add(strings.HasSuffix(text, "?") && valid(e.Pred) && mainClause(ts, e.Pred), ruleQuestion)
	add(e.Conditional, ruleCondition)
	add(!e.Conditional && valid(e.Pred) && underHypothesis(ts, e.Pred), ruleHypothesis)
	add(!objNode && (bareNumber(f.Object) || f.Object.Datatype != "" && measure(f.Object.Unit) || valid(obj.Head) && ts[obj.Head].UPOS == "NUM" && f.Object.Datatype == ""), ruleNumber)
	if !objNode && f.Object.Datatype == "" && !f.Object.IsZero() && !predicative {
		h := obj.Head
		clause := valid(h) && (ts[h].UPOS == "VERB" || ts[h].UPOS == "AUX" || hasDep(ts[h].DepRel, "ccomp", "csubj"))
		verb, _, _ := strings.Cut(strings.TrimPrefix(f.Relation, "be_"), "_")
		add(!clause, ruleLiteral)
		add(clause && !clauseVerbs[verb], ruleClauseVerb)
	}
	add(strings.Contains(e.Subject.Text, ";") || strings.Contains(obj.Text, ";"), ruleSemicolon)
	add(badBrackets(e.Subject.Text) || badBrackets(obj.Text), ruleBracket)
	if valid(e.Pred) && valid(e.Subject.Head) {
		lo, hi := min(e.Pred, e.Subject.Head), max(e.Pred, e.Subject.Head)
		boundary := false
		for k := lo + 1; k < hi; k++ {
			switch ts[k].Form {
			case ";", ":":
				boundary = true
			}
		}
		add(hi-lo > 12, ruleFar)
		add(e.Inherited() && boundary, ruleBoundary)
	}
	add(e.Kind == extract.SVC && !objNode, ruleAttribute)
	add(!f.Negated && valid(e.Pred) && negatedAbove(ts, e.Pred), ruleNegScope)
	add(gluedCoord(s, e.Subject) || objConcept && gluedCoord(s, obj), ruleCoord)
	if e.Inherited() && !e.Passive && valid(e.Pred) && hasDep(ts[e.Pred].DepRel, "advcl") {
		c := r.clusterOf(f.Subject.Entity)
		add(c == nil || c.concept || valid(e.Subject.Head) && hasDep(ts[e.Subject.Head].DepRel, "nsubj:pass"), ruleAdvcl)
	}
	if valid(obj.Head) && hasDep(ts[obj.Head].DepRel, "conj") {
		for k := range ts {
			if ts[k].Head-1 == obj.Head && hasDep(ts[k].DepRel, "cc") {
				switch strings.ToLower(ts[k].Form) {
				case "rather", "instead", "not", "nor":
					add(true, ruleContrast)
				}
			}
		}
	}
	add(e.Kind == extract.Nmod && (!objNode || objConcept), ruleNmod)
	if e.Kind == extract.Appos && len(e.Subject.Tokens) > 0 && len(obj.Tokens) > 0 {
		first := obj.Tokens[0]
		add(valid(first-1) && ts[first-1].Form == ":", ruleColon)
		// An apposition stands apart from its noun (a comma, a
		// parenthesis, a dash): "One antibody cocktail" is no "antibody
		// is cocktail".
		a, b := e.Subject.Tokens[len(e.Subject.Tokens)-1], first
		if b < a {
			a, b = obj.Tokens[len(obj.Tokens)-1], e.Subject.Tokens[0]
		}
		sep := false
		for k := a + 1; k < b && k < len(ts); k++ {
			sep = sep || ts[k].UPOS == "PUNCT"
		}
		add(!sep, ruleAdjacent)
	}
	if predicative && valid(obj.Head) && len(obj.Tokens) > 0 {
		h := ts[obj.Head]
		add(h.UPOS == "VERB" || h.UPOS == "AUX" || ts[obj.Tokens[0]].UPOS == "ADP", ruleCopNonArg)
	}
	add((e.Kind == extract.Appos || e.Kind == extract.Title) && !objNode && strings.Contains(obj.Text, ","), ruleApposComma)
	add(len(obj.Tokens) > 0 && subjectOfNext(ts, obj), ruleObjSubj)
	return out
}

// mainClause reports whether predicate p is the root of the sentence or a
// conjunct of it.
func mainClause(ts []nlp.Token, p int) bool {
	if ts[p].Head == 0 {
		return true
	}
	h := ts[p].Head - 1
	return hasDep(ts[p].DepRel, "conj") && h >= 0 && h < len(ts) && ts[h].Head == 0
}

// under reports whether token k is h or below it in the parse.
func under(ts []nlp.Token, k, h int) bool {
	for n := 0; k >= 0 && k < len(ts) && n < len(ts); n++ {
		if k == h {
			return true
		}
		k = ts[k].Head - 1
	}
	return false
}

// measure reports whether the unit of a quantity measures (distance,
// share, time, money, temperature) rather than counts things: "about 50
// miles" says how far, "some 11,000 troops" how many.
func measure(unit string) bool {
	if unit == "" {
		return true
	}
	w := strings.Fields(strings.ToLower(unit))
	return measureUnits[strings.Trim(w[len(w)-1], ".")]
}

var measureUnits = setOf("percent", "%", "per", "cent", "percentage", "points", "point", "mile", "miles", "km",
	"kilometers", "kilometres", "kilometer", "kilometre", "meters", "metres", "meter", "metre", "m", "feet", "foot",
	"ft", "inches", "inch", "cm", "mm", "yards", "acres", "hectares", "square", "kilograms", "kg", "pounds", "lb",
	"lbs", "tons", "tonnes", "ounces", "grams", "g", "degrees", "°", "celsius", "fahrenheit", "c", "f", "mph", "kph",
	"knots", "years", "year", "months", "month", "weeks", "week", "days", "day", "hours", "hour", "minutes",
	"minute", "seconds", "second", "times", "dollars", "dollar", "euros", "pounds", "usd", "us$", "$", "£", "€",
	"million", "billion", "trillion", "thousand", "hundred", "liters", "litres", "gallons", "barrels", "bpd",
	"votes", "vote", "delegates", "to", "or", "and", "of")

// bareNumber reports whether t is a literal without a letter ("27,000").
func bareNumber(t graph.Term) bool {
	if t.Entity != "" || t.Text == "" {
		return false
	}
	return !strings.ContainsFunc(t.Text, unicode.IsLetter)
}

// badBrackets reports whether text has unbalanced square brackets or a
// bracket inside a word ("team[s]", "collaborat[ion]").
func badBrackets(text string) bool {
	depth := 0
	rs := []rune(text)
	for i, r := range rs {
		switch r {
		case '[':
			depth++
			if i > 0 && unicode.IsLetter(rs[i-1]) {
				return true
			}
		case ']':
			depth--
			if depth < 0 || i+1 < len(rs) && unicode.IsLetter(rs[i+1]) {
				return true
			}
		}
	}
	return depth != 0
}

// negatedAbove reports whether a governor of predicate p, up a chain of
// complements and adverbial clauses, is negated: "does not force countries
// to conduct the arrest", "did not say that …".
func negatedAbove(ts []nlp.Token, p int) bool {
	for n := 0; n < 8 && hasDep(ts[p].DepRel, "xcomp", "advcl", "ccomp"); n++ {
		h := ts[p].Head - 1
		if h < 0 || h >= len(ts) {
			return false
		}
		for k := range ts {
			if ts[k].Head-1 == h && hasDep(ts[k].DepRel, "advmod", "aux") {
				switch strings.ToLower(ts[k].Form) {
				case "not", "n't", "never", "no":
					return true
				}
			}
		}
		p = h
	}
	return false
}

// underHypothesis reports whether predicate p is in a clause that "if",
// "whether", "unless" or "lest" opens, itself or up a chain of conjuncts,
// relative clauses, complements and the nouns they modify: "if you ask
// and a friend says …", "whether the system meets the need", "if a
// similar system that gives a hint …". The chain stops at the clause's top:
// the main clause of "Y if X" is not under the hypothesis.
func underHypothesis(ts []nlp.Token, p int) bool {
	for n := 0; n < 8 && p >= 0 && p < len(ts); n++ {
		for k := range ts {
			if ts[k].Head-1 == p && hasDep(ts[k].DepRel, "mark") {
				switch strings.ToLower(ts[k].Form) {
				case "if", "whether", "unless", "lest":
					return true
				}
			}
		}
		if !hasDep(ts[p].DepRel, "conj", "acl", "ccomp", "xcomp", "nsubj", "obj", "iobj", "obl", "nmod", "csubj") {
			return false
		}
		p = ts[p].Head - 1
	}
	return false
}

// gluedCoord reports whether a span's words before its head hold a
// coordinating conjunction or a comma: a concept made of two things.
func gluedCoord(s *nlp.Sentence, sp extract.Span) bool {
	for _, k := range sp.Tokens {
		if k >= sp.Head {
			break
		}
		if t := s.Tokens[k]; t.UPOS == "CCONJ" || t.Form == "," {
			return true
		}
	}
	return false
}

// subjectOfNext reports whether the object span is followed, after its
// own noun-phrase words, by a finite verb without a subject of its own:
// "acknowledged their government had shot down …", "stated the fauna of the
// sites were …", where the object is that clause's subject.
func subjectOfNext(ts []nlp.Token, sp extract.Span) bool {
	k := sp.Head + 1
	for ; k < len(ts); k++ {
		switch ts[k].UPOS {
		case "NOUN", "PROPN", "DET", "ADP", "ADJ", "NUM", "PART", "ADV":
			continue
		}
		break
	}
	if k >= len(ts) {
		return false
	}
	t := ts[k]
	aux := t.UPOS == "AUX" && (t.XPOS == "VBD" || t.XPOS == "VBZ" || t.XPOS == "VBP" || t.XPOS == "MD")
	// A finite auxiliary or a present-tense verb: a past form ("remarks
	// made by …") may be a participle modifying the object.
	if !aux && (t.UPOS != "VERB" || t.XPOS != "VBZ" && t.XPOS != "VBP") {
		return false
	}
	v := k
	if aux && hasDep(t.DepRel, "aux", "cop") {
		v = t.Head - 1
	}
	if v < 0 || v >= len(ts) || !aux && under(ts, v, sp.Head) {
		return false
	}
	for j := range ts {
		if ts[j].Head-1 == v && hasDep(ts[j].DepRel, "nsubj", "csubj", "expl") {
			return false
		}
	}
	return true
}

// clauseVerbs take a clause as their object: verbs of saying, knowing,
// perceiving and deciding.
var clauseVerbs = setOf("say", "tell", "add", "write", "claim", "state", "announce", "report", "note", "explain",
	"insist", "argue", "warn", "deny", "declare", "assert", "suggest", "confirm", "believe", "think", "acknowledge",
	"admit", "reply", "respond", "tweet", "post", "allege", "stress", "maintain", "indicate", "estimate", "predict",
	"conclude", "recall", "know", "show", "decide", "imply", "find", "expect", "hope", "fear", "learn", "realize",
	"realise", "understand", "prove", "reveal", "determine", "ensure", "mean", "feel", "wonder", "ask", "agree",
	"see", "hear", "notice", "demonstrate", "recommend", "propose", "urge", "demand", "promise", "question",
	"remark", "comment", "observe", "emphasize", "emphasise", "answer", "mention", "forecast", "assume", "guess",
	"doubt", "reckon", "discover", "accept", "worry", "speculate", "hypothesize", "contend", "testify", "rule",
	"order", "recognize", "recognise", "remember", "imagine", "want", "wish", "plan", "complain", "caution",
	"concede", "counter", "boast", "joke", "specify", "clarify", "pledge", "vow", "threaten", "swear", "assure",
	"inform", "remind", "notify", "convince", "persuade", "advise", "instruct", "teach", "read")
