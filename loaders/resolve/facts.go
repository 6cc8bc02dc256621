package resolve

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/loaders/extract"
	"github.com/newsgraph/newsgraph/loaders/nlp"
)

// fact maps one extraction of sentence si to a graph fact.
func (r *resolver) fact(si int, e extract.Extraction) (graph.Fact, bool) {
	if e.Lemma == "" || e.Subject.IsZero() {
		return graph.Fact{}, false
	}
	f := graph.Fact{
		Sentence:     si,
		Subject:      r.term(si, e.Subject, false),
		Relation:     e.Lemma,
		RelationText: e.Relation,
		Negated:      e.Negated,
		Modality:     e.Modality,
		Condition:    e.Condition,
		Quote:        e.Quote,
		Confidence:   e.Confidence,
	}
	predicative := e.Kind == extract.Title || e.Kind == extract.Appos || e.Kind == extract.SVC
	f.Object = r.term(si, e.Object, predicative)
	if e.Kind == extract.Appos && f.Relation == "be" && (r.isPlaceKey(f.Subject.Entity) || r.isTypeKey(f.Subject.Entity, Organization)) && r.isPlaceKey(f.Object.Entity) {
		f.Relation = "be_in" // "Baltimore, Maryland": Baltimore is in Maryland, not Maryland
	}
	s := &r.doc.Sentences[si]
	if h := e.Object.Head; h >= 0 && h < len(s.Tokens) {
		if strings.HasPrefix(f.Relation, "be") && (strings.HasPrefix(s.Tokens[h].XPOS, "W") || s.Tokens[h].UPOS == "ADP" ||
			s.Tokens[h].UPOS == "SCONJ" || s.Tokens[h].UPOS == "CCONJ" || s.Tokens[h].UPOS == "PART") {
			return graph.Fact{}, false // "Where is David Cameron?" → not "Cameron is where"
		}
		if l := lowerLemma(&s.Tokens[h]); l == "least" || l == "most" {
			return graph.Fact{}, false // "at least", "at most": no argument
		}
		if f.Relation == "be" && (strings.HasSuffix(s.Tokens[h].NER, "DATE") || strings.HasSuffix(s.Tokens[h].NER, "TIME")) {
			return graph.Fact{}, false // "On the campaign trail, May 2020": a date is no predicate
		}
		if e.Kind == extract.Appos && strings.ContainsAny(e.Object.Text, "0123456789") {
			return graph.Fact{}, false // "7:37 p.m. local time (1137 UTC)": a time or amount, not what the subject is
		}
		for _, k := range e.Object.Tokens {
			if k < h && strings.EqualFold(s.Tokens[k].Form, "no") && s.Tokens[k].Head-1 == h {
				f.Negated = true // "has no effect": not "has effect"
			}
		}
	}
	if e.Conditional {
		f.Modality = strings.TrimSuffix("if, "+e.Modality, ", ")
	}
	iobj := -1 // index in f.Args of the indirect object
	var iobjSpan extract.Span
	for _, a := range e.Args {
		switch a.Role {
		case extract.RoleTime:
			if f.Time == "" {
				f.Time = a.Text()
				f.Date = resolveTime(a.Text(), r.opts.Published)
				continue
			}
		case extract.RolePlace:
			if f.Place.IsZero() {
				f.Place = r.term(si, a.Span, false)
				continue
			}
		}
		if a.Role == extract.RoleIObj && iobj < 0 {
			iobj, iobjSpan = len(f.Args), a.Span
		}
		f.Args = append(f.Args, graph.Arg{Prep: a.Prep, Term: r.term(si, a.Span, a.Role == extract.RoleComplement)})
	}
	// "X told reporters that …": whom X told is the direct triple's object;
	// the reported clause stays an argument (and the quote).
	objSpan := e.Object
	if f.Object.Entity == "" && !f.Object.IsZero() && iobj >= 0 && f.Args[iobj].Term.Entity != "" {
		f.Object, f.Args[iobj] = f.Args[iobj].Term, graph.Arg{Term: f.Object}
		objSpan = iobjSpan
	}
	f.SubjectSpan, f.ObjectSpan = r.textSpan(si, e.Subject.Tokens), r.textSpan(si, objSpan.Tokens)
	if e.Pred >= 0 {
		f.RelationSpan = r.textSpan(si, []int{e.Pred})
	}
	if !e.Attribution.IsZero() {
		t := r.term(si, e.Attribution, false)
		f.Attribution = t.Entity
	}
	if f.Subject.IsZero() {
		return graph.Fact{}, false
	}
	f.NoTriple = r.noTriple(si, e, objSpan, f) // direct.go
	return f, true
}

// textSpan is the byte range of Document.Text that tokens of sentence si
// cover (zero when there are none).
func (r *resolver) textSpan(si int, toks []int) graph.Span {
	if si >= len(r.doc.Sentences) || len(toks) == 0 {
		return graph.Span{}
	}
	ts := r.doc.Sentences[si].Tokens
	sp := graph.Span{Start: -1}
	for _, k := range toks {
		if k < 0 || k >= len(ts) {
			continue
		}
		if sp.Start < 0 || ts[k].Start < sp.Start {
			sp.Start = ts[k].Start
		}
		sp.End = max(sp.End, ts[k].End)
	}
	if sp.Start < 0 {
		return graph.Span{}
	}
	return sp
}

// term maps an argument span to an entity key or a literal. Predicative
// arguments ("is a doctor", titles) stay literals unless they are named.
func (r *resolver) term(si int, sp extract.Span, predicative bool) graph.Term {
	if sp.IsZero() || si >= len(r.doc.Sentences) {
		return graph.Term{}
	}
	s := &r.doc.Sentences[si]
	if sp.Head < 0 || sp.Head >= len(s.Tokens) {
		return graph.Term{Text: sp.Text}
	}
	if speakerLabel(s, sp.Head) {
		return graph.Term{} // "((WN)) How was …": an interview's speaker label, not an argument
	}
	h := s.Tokens[sp.Head]
	t := graph.Term{Text: sp.Text}
	// A clause (reported speech, complement clause) is a plain literal.
	if h.UPOS == "VERB" || h.UPOS == "AUX" || hasDep(h.DepRel, "ccomp", "parataxis", "csubj", "advcl") {
		return t
	}
	if m := r.namedFor(si, sp); m != nil && m.cl != nil {
		t.Entity = r.ref(m.cl)
		return t
	}
	if ref, ok := r.refAt(si, sp.Head); ok {
		if ref.cl != nil {
			t.Entity = r.ref(ref.cl)
			return t
		}
		t.Unresolved = ref.pron
		return t
	}
	if isPronoun(sp.Text) || h.UPOS == "PRON" && len(sp.Tokens) == 1 {
		t.Unresolved = true // a pronoun not resolved (first or second person, "that", "some"): never a node
		return t
	}
	if v, dt, unit, ok := quantity(s, sp); ok {
		t.Value, t.Datatype, t.Unit = v, dt, unit
		return t
	}
	if h.UPOS == "NUM" { // "one of the soldiers": no entity of its own
		return t
	}
	name, lemma, _ := thingName(s, sp)
	if name == "" {
		return t
	}
	if predicative {
		return t
	}
	// A phrase that is the name of a named entity of the article.
	for _, c := range r.clusters {
		if c.typ == Thing || c.concept || c.local {
			continue
		}
		for _, n := range c.names {
			if strings.EqualFold(n, name) {
				t.Entity = r.ref(c)
				r.addSpanOf(c, si, sp)
				return t
			}
		}
	}
	// "the Ukrainian president" → the person with that title.
	for _, c := range r.clusters {
		for _, ti := range c.titles {
			if strings.EqualFold(ti, name) {
				t.Entity = r.ref(c)
				r.addSpanOf(c, si, sp)
				return t
			}
		}
	}
	key := [2]int{si, sp.Head}
	c := r.thing(name, lemma, !r.counted[key])
	t.Entity = r.ref(c)
	r.counted[key] = true
	r.addSpanOf(c, si, sp)
	return t
}

// namedFor returns the named mention the span stands for: the one covering
// its head, or an organisation or place right before a head noun that only
// says what it is ("the Kursk region", "SBU intelligence").
func (r *resolver) namedFor(si int, sp extract.Span) *mention {
	if m := r.byTok[si][sp.Head]; m != nil {
		return m
	}
	if m := r.byTok[si][sp.Head-1]; m != nil && m.end == sp.Head && m.typ != Group && descriptorNouns[strings.ToLower(r.doc.Sentences[si].Tokens[sp.Head].Lemma)] {
		// Not an unrecognised capitalised run other than an acronym: before
		// "forces" ("North Korean forces") it is a demonym, and the forces
		// are not a thing called "North Korean" ("SBU intelligence" is).
		if m.cl != nil && m.cl.typ == Thing && !isAcronym(m.text) {
			return nil
		}
		return m
	}
	return nil
}

var descriptorNouns = setOf("region", "city", "province", "oblast", "area", "battlefield", "intelligence", "agency",
	"service", "military", "government", "ministry", "army", "forces", "force", "police", "company", "group",
	"party", "border", "capital", "territory", "district", "state")

// humanNouns name people without naming them.
var humanNouns = setOf("man", "woman", "soldier", "prisoner", "officer", "official", "person", "boy", "girl",
	"child", "spokesman", "spokeswoman", "spokesperson", "leader", "president", "minister", "journalist", "reporter",
	"witness", "resident", "victim", "suspect", "father", "mother", "son", "daughter", "husband", "wife", "brother",
	"sister", "doctor", "driver", "student", "teacher", "worker", "fighter", "commander", "general", "lawyer",
	"judge", "player", "captive", "sniper", "pilot", "passenger", "nurse", "patient", "farmer", "author", "writer",
	"singer", "actor", "actress", "director", "manager", "chairman", "chairwoman", "ceo", "executive", "employee",
	"agent", "analyst", "expert", "scientist", "researcher", "professor", "priest", "survivor", "gunman",
	"attacker", "assailant", "citizen", "lawmaker", "senator", "governor", "mayor", "candidate", "politician",
	"diplomat", "ambassador", "founder", "owner", "investor", "economist", "coach", "athlete", "guard",
	"policeman", "policewoman", "teenager", "baby", "infant", "girlfriend", "boyfriend", "friend", "neighbour",
	"neighbor", "veteran", "volunteer", "activist", "protester", "detainee", "inmate", "defendant", "plaintiff",
	"aide", "adviser", "advisor", "deputy", "secretary", "king", "queen", "prince", "princess", "pope", "bishop",
	"customer", "fan", "grandmother", "grandfather", "uncle", "aunt", "cousin", "nephew", "niece", "businessman",
	"businesswoman", "congressman", "congresswoman", "chancellor", "premier", "chief", "host", "captain",
	"star", "winner", "champion", "striker", "goalkeeper", "midfielder", "defender", "coordinator", "trader",
	"engineer", "physician", "surgeon", "psychologist", "historian", "artist", "musician", "photographer",
	"editor", "correspondent", "blogger", "user", "member", "representative", "spokesmen", "hostage", "migrant",
	"refugee", "immigrant", "tourist", "visitor", "pedestrian", "cyclist", "rider", "runner", "swimmer")

// thing returns the concept for a common-noun phrase: the one with the same
// lemmatised phrase ("soldiers" and "soldier" are one concept, "North
// Korean soldiers" another).
func (r *resolver) thing(name, lemma string, count bool) *cluster {
	k := strings.ToLower(lemma)
	add := func(c *cluster) *cluster {
		if count {
			c.add(name)
		}
		return c
	}
	if c, ok := r.things[k]; ok {
		return add(c)
	}
	c := &cluster{typ: graph.Concept, concept: true, lemma: lemma, first: len(r.mentions) + len(r.clusters), id: len(r.clusters)}
	c.add(name)
	r.clusters = append(r.clusters, c)
	r.things[k] = c
	return c
}

// thingName normalises a noun phrase into a concept's name: the words from
// the start of the phrase to its head, without determiners, numbers,
// possessives, participles ("captured"), adverbs and punctuation;
// post-modifiers ("of the Kursk region") are dropped. "two captured North
// Korean soldiers" → "North Korean soldiers", lemma "North Korean soldier".
func thingName(s *nlp.Sentence, sp extract.Span) (name, lemma, headLemma string) {
	h := sp.Head
	var words, lemmas []string
	for _, k := range sp.Tokens {
		if k > h {
			break
		}
		t := s.Tokens[k]
		switch {
		case k == h:
		case underPoss(s, k, h):
			continue
		case t.UPOS == "DET" || t.UPOS == "NUM" || t.UPOS == "PUNCT" || t.UPOS == "ADV" || t.UPOS == "PRON" ||
			t.UPOS == "ADP" || t.UPOS == "CCONJ" || t.UPOS == "PART" || t.UPOS == "SCONJ" || t.UPOS == "SYM":
			continue
		case t.UPOS == "VERB" || t.XPOS == "VBN" || t.XPOS == "VBG":
			continue
		case quantifiers[strings.ToLower(t.Form)]:
			continue
		}
		if !hasLetter(t.Form) {
			continue
		}
		words = append(words, t.Form)
		l := t.Form
		if t.UPOS != "PROPN" && !(t.UPOS == "ADJ" && t.Form != "" && t.Form[0] >= 'A' && t.Form[0] <= 'Z' && (k > 0 || t.Lemma != "" && t.Lemma[0] >= 'A' && t.Lemma[0] <= 'Z')) {
			l = lowerLemma(&s.Tokens[k])
			if !hasLetter(l) {
				l = strings.ToLower(t.Form)
			}
		}
		lemmas = append(lemmas, l)
	}
	if len(words) == 0 || !conceptHead[s.Tokens[h].UPOS] ||
		!hasLetter(s.Tokens[h].Form) || notConcepts[lowerLemma(&s.Tokens[h])] {
		return "", "", ""
	}
	return strings.Join(words, " "), strings.Join(lemmas, " "), lowerLemma(&s.Tokens[h])
}

// conceptHead are the parts of speech a concept's head may have: not a
// preposition, conjunction, pronoun, number or particle ("on", "of").
var conceptHead = setOf("NOUN", "PROPN", "ADJ", "X", "VERB")

// notConcepts are heads that only point at something else ("one of the
// soldiers", "some", "the other"): literals, never concepts.
var notConcepts = setOf("one", "ones", "some", "that", "this", "these", "those", "all", "any", "each", "both",
	"many", "much", "most", "none", "other", "others", "another", "half", "several", "few", "lot", "part", "rest",
	"kind", "sort", "type", "number", "majority", "minority", "dozen", "dozens", "hundreds", "thousands", "millions")

var quantifiers = setOf("some", "about", "around", "more", "less", "than", "over", "nearly", "almost", "roughly",
	"approximately", "several", "many", "few", "other", "another", "such", "any", "all", "each", "every", "both")

func hasDep(rel string, want ...string) bool {
	rel = strings.ToLower(rel)
	base := rel
	if i := strings.IndexByte(rel, ':'); i >= 0 {
		base = rel[:i]
	}
	for _, w := range want {
		if rel == w || base == w {
			return true
		}
	}
	return false
}

// quantity reads a span like "some 11,000 troops", "40 percent" or "more
// than 500 square kilometers" as a typed literal: value, datatype and unit
// (the words after the number). Small spelled-out numbers ("two
// soldiers") are not quantities: they stay entities.
func quantity(s *nlp.Sentence, sp extract.Span) (value, datatype, unit string, ok bool) {
	num := -1
	for _, k := range sp.Tokens {
		t := s.Tokens[k]
		if t.UPOS != "NUM" && !strings.HasSuffix(t.NER, "CARDINAL") && !strings.HasSuffix(t.NER, "QUANTITY") && !strings.HasSuffix(t.NER, "PERCENT") && !strings.HasSuffix(t.NER, "MONEY") {
			continue
		}
		if _, err := strconv.ParseFloat(strings.ReplaceAll(t.Form, ",", ""), 64); err == nil {
			num = k
			break
		}
	}
	if num < 0 || num > sp.Head {
		return "", "", "", false
	}
	v := strings.ReplaceAll(s.Tokens[num].Form, ",", "")
	datatype = graph.XSDInteger
	if strings.Contains(v, ".") {
		datatype = graph.XSDDecimal
	}
	var u []string
	for _, k := range sp.Tokens {
		if k > num && k <= sp.Head {
			u = append(u, s.Tokens[k].Form)
		}
	}
	return v, datatype, strings.Join(u, " "), true
}

var months = map[string]time.Month{"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
	"july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
	"nov": 11, "dec": 12}

// ResolveDate turns a time expression into an ISO date (YYYY, YYYY-MM or
// YYYY-MM-DD) using the publication date pub for the missing year and for
// relative expressions ("last fall", "yesterday"). A day and month without
// a known year give "--MM-DD"; "" when nothing can be resolved. A date
// that would fall more than a week after pub is taken from the year before
// ("December 23" in an article of January 13, 2025 → 2024-12-23).
func ResolveDate(text string, pub time.Time) string {
	var ws []string
	for _, w := range strings.Fields(strings.ToLower(text)) {
		ws = append(ws, strings.Trim(w, ".,"))
	}
	month, day, year := time.Month(0), 0, 0
	for i, w := range ws {
		if m, ok := months[w]; ok && (w != "may" || i+1 < len(ws) && isNumber(ws[i+1])) {
			month = m
			continue
		}
		if n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(w, "th"), "st"), "nd"), "rd")); err == nil {
			switch {
			case n >= 1000 && n <= 2999:
				year = n
			case n >= 1 && n <= 31 && month != 0 || n >= 1 && n <= 31 && i+1 < len(ws) && months[ws[i+1]] != 0:
				day = n
			}
		}
	}
	known := !pub.IsZero()
	switch {
	case month != 0 && day != 0:
		if year == 0 {
			if !known {
				return fmt.Sprintf("--%02d-%02d", month, day)
			}
			year = pub.Year()
			if time.Date(year, month, day, 0, 0, 0, 0, time.UTC).After(pub.AddDate(0, 0, 7)) {
				year--
			}
		}
		return fmt.Sprintf("%04d-%02d-%02d", year, month, day)
	case month != 0 && year != 0:
		return fmt.Sprintf("%04d-%02d", year, month)
	case month != 0 && known:
		y := pub.Year()
		if month > pub.Month() {
			y--
		}
		return fmt.Sprintf("%04d-%02d", y, month)
	case year != 0:
		return fmt.Sprintf("%04d", year)
	}
	if !known {
		return ""
	}
	joined := " " + strings.Join(ws, " ") + " "
	switch {
	case strings.Contains(joined, " yesterday "):
		return pub.AddDate(0, 0, -1).Format("2006-01-02")
	case strings.Contains(joined, " today "):
		return pub.Format("2006-01-02")
	case strings.Contains(joined, " last year "):
		return fmt.Sprintf("%04d", pub.Year()-1)
	case strings.Contains(joined, " this year "):
		return fmt.Sprintf("%04d", pub.Year())
	case strings.Contains(joined, " last month "):
		return pub.AddDate(0, -1, 0).Format("2006-01")
	}
	for season, end := range map[string]time.Month{"fall": 11, "autumn": 11, "summer": 8, "spring": 5, "winter": 2} {
		if strings.Contains(joined, " last "+season+" ") {
			y := pub.Year()
			if pub.Month() <= end {
				y--
			}
			return fmt.Sprintf("%04d", y)
		}
	}
	return ""
}

func isNumber(s string) bool {
	_, err := strconv.Atoi(s)
	return err == nil
}

// underPoss reports whether token k is in a possessive modifier of h
// ("the Ukrainian president’s" in "the Ukrainian president’s comments").
func underPoss(s *nlp.Sentence, k, h int) bool {
	for n := 0; k >= 0 && k < len(s.Tokens) && k != h && n < len(s.Tokens); n++ {
		if hasDep(s.Tokens[k].DepRel, "nmod:poss") {
			return true
		}
		k = s.Tokens[k].Head - 1
	}
	return false
}

// addSpanOf records that the argument span sp of sentence si mentions c:
// from its first token to its head, without post-modifiers ("the line of
// Vergil" is a mention of a line, not of Vergil).
func (r *resolver) addSpanOf(c *cluster, si int, sp extract.Span) {
	if len(sp.Tokens) > 0 && sp.Head >= sp.Tokens[0] {
		r.addSpan(c, si, sp.Tokens[0], sp.Head+1)
	}
}

// refAt is what coreference found for token k of sentence si.
func (r *resolver) refAt(si, k int) (corefRef, bool) {
	if si >= len(r.refs) {
		return corefRef{}, false
	}
	ref, ok := r.refs[si][k]
	return ref, ok
}

// speakerLabel reports whether token k is inside double parentheses, as
// interview transcripts mark who speaks: "((WN))", "((Anthony Boccaletti))".
func speakerLabel(s *nlp.Sentence, k int) bool {
	open := 0
	for i := 0; i < k; i++ {
		switch s.Tokens[i].Form {
		case "((":
			open = 2
		case "(":
			if i > 0 && s.Tokens[i-1].Form == "(" {
				open = 2
			}
		case "))", ")":
			open = 0
		}
	}
	return open == 2
}

// isTypeKey reports whether a term's reference is an entity of type typ.
func (r *resolver) isTypeKey(ref, typ string) bool {
	c := r.clusterOf(ref)
	return c != nil && c.typ == typ
}

// isPlaceKey reports whether a term's reference is a place (Country, City,
// Place).
func (r *resolver) isPlaceKey(ref string) bool {
	c := r.clusterOf(ref)
	return c != nil && isPlace(c.typ)
}
