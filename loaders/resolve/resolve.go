package resolve

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/loaders/extract"
	"github.com/newsgraph/newsgraph/loaders/nlp"
)

// Options carry what resolution needs beyond the text.
type Options struct {
	// Published is the article's publication date, used to resolve dates
	// without a year ("January 9") and relative ones ("last fall"). Zero
	// when unknown: "January 9" then becomes "--01-09".
	Published time.Time
}

// Entity types (schema.org class names) given to graph.Entity.Type.
const (
	Person       = "Person"
	Organization = "Organization"
	Country      = "Country"
	City         = "City"
	Place        = "Place"
	Group        = "Group"
	Thing        = "Thing"
)

// mention is one surface form of an entity in the article.
type mention struct {
	sent, start, end int // token range in the sentence
	text             string
	typ              string // entity type (Person, …); "" for a proper-noun run the recognizer missed
	cl               *cluster
	tl               string // translit(text), once computed
}

// cluster is one entity of the article.
type cluster struct {
	typ      string
	names    []string // surface forms in order of appearance
	mentions int
	titles   []string     // titles and roles ("Ukrainian President"): Entity.Roles
	descr    []string     // descriptions used for it ("the Ukrainian president")
	first    int          // order of the first mention
	id       int          // index in resolver.clusters
	spans    []graph.Span // byte spans of its mentions (graph.Entity.Spans)

	tls     []string       // translit of names, once computed
	votes   map[string]int // type evidence of its mentions (see vote)
	concept bool           // a common-noun argument: a skos:Concept, keyed by lemma
	lemma   string         // a concept's lemmatised phrase
	local   bool           // an unnamed individual of the article ("one prisoner")
	slot    string         // an individual's contrast slot: "one", "other", or "" for none
	gender  byte           // 'm', 'f' or 0 when unknown
	k       string         // final key (assignKeys)
}

// addSpan records that tokens [i, j) of sentence si mention c.
func (r *resolver) addSpan(c *cluster, si, i, j int) {
	if c == nil || si < 0 || si >= len(r.doc.Sentences) || i < 0 || j > len(r.doc.Sentences[si].Tokens) || i >= j {
		return
	}
	toks := r.doc.Sentences[si].Tokens
	c.spans = append(c.spans, graph.Span{Start: toks[i].Start, End: toks[j-1].End})
}

// resolver holds the state of one Article call.
type resolver struct {
	doc      *nlp.Document
	opts     Options
	mentions []*mention
	byTok    []map[int]*mention // per sentence: token → named mention covering it
	clusters []*cluster
	things   map[string]*cluster // concepts by lemmatised phrase
	counted  map[[2]int]bool     // (sentence, head token) spans already counted as mentions
	title    []bool              // per sentence: written in title case (a headline)

	// coreference (coref.go)
	refs    []map[int]corefRef  // per sentence: pronoun or description token → what it refers to
	events  []event             // mentions so far, in text order
	seen    map[*cluster]int    // mentions so far per entity
	slots   map[string]*cluster // individuals by contrast slot ("one", "other")
	groups  map[string]*cluster // article-local groups, organisations and places by head lemma
	kids    [][]int             // dependents of each token of the current sentence
	cur     *nlp.Sentence       // the current sentence
	curSent int                 // its index
}

// Article resolves the entities of one analysed article and maps its
// extractions (one slice per sentence, as extract.Document returns) to
// facts. Entities come back in order of first mention, facts in sentence
// order.
func Article(doc *nlp.Document, exts [][]extract.Extraction, opts Options) (entities []graph.Entity, facts []graph.Fact) {
	r := &resolver{doc: doc, opts: opts, things: map[string]*cluster{},
		counted: map[[2]int]bool{}}
	r.byTok = make([]map[int]*mention, len(doc.Sentences))
	r.title = make([]bool, len(doc.Sentences))
	for i := range doc.Sentences {
		r.title[i] = titleCase(&doc.Sentences[i])
	}
	r.collectNamed()
	r.clusterNamed()
	r.dropHeadlineOnly()
	r.addTitles(exts)
	r.titleMentions()
	r.coref()
	for si := range exts {
		if si >= len(doc.Sentences) {
			break
		}
		if r.title[si] {
			continue // a headline's parse is unreliable: its facts do not count (nor names only it has, dropHeadlineOnly)
		}
		for _, e := range exts[si] {
			if e.Kind == extract.Poss {
				continue // "Ukraine's SBU" → "Ukraine has SBU" says little in a graph
			}
			if f, ok := r.fact(si, e); ok {
				facts = append(facts, f)
			}
		}
	}
	// Keys are final only now that every mention is in: replace the
	// cluster references terms were given.
	r.assignKeys()
	for i := range facts {
		f := &facts[i]
		f.Subject.Entity = r.final(f.Subject.Entity)
		f.Object.Entity = r.final(f.Object.Entity)
		f.Place.Entity = r.final(f.Place.Entity)
		f.Attribution = r.final(f.Attribution)
		for j := range f.Args {
			f.Args[j].Term.Entity = r.final(f.Args[j].Term.Entity)
		}
		if f.Subject.Entity != "" && f.Subject.Entity == f.Object.Entity {
			f.Relation = "" // "the NIS is NIS": an alias; "Conway died at his home" misread as "Conway died Conway"
		}
	}
	out := facts[:0]
	born := map[string]string{}
	for _, f := range facts {
		if f.Relation == "" {
			continue
		}
		if f.Relation == "be_born" && f.Subject.Entity != "" && f.Date != "" && !f.Negated && born[f.Subject.Entity] == "" {
			born[f.Subject.Entity] = f.Date // "he was born in 1999"
		}
		out = append(out, f)
	}
	ents := r.entities()
	for i := range ents {
		if ents[i].Type == Person {
			ents[i].Born = born[ents[i].Key]
		}
	}
	return ents, out
}

// ref returns a temporary reference to cluster c, replaced by its key once
// all mentions are known (see final).
func (r *resolver) ref(c *cluster) string { return "\x00" + strconv.Itoa(c.id) }

func (r *resolver) final(ref string) string {
	if !strings.HasPrefix(ref, "\x00") {
		return ref
	}
	if c := r.clusterOf(ref); c != nil {
		return c.k
	}
	return ""
}

// clusterOf is the cluster a temporary reference (ref) names, nil for
// anything else.
func (r *resolver) clusterOf(ref string) *cluster {
	if !strings.HasPrefix(ref, "\x00") {
		return nil
	}
	id, err := strconv.Atoi(ref[1:])
	if err != nil || id < 0 || id >= len(r.clusters) {
		return nil
	}
	return r.clusters[id]
}

// entityType maps a named-entity label to an entity type.
func entityType(label, text string) string {
	switch label {
	case nlp.Person:
		return Person
	case nlp.Org:
		return Organization
	case nlp.GPE:
		k := strings.ToLower(strings.TrimPrefix(text, "the "))
		switch {
		case countries[k]:
			return Country
		case cities[k]:
			return City
		}
		return Place
	case nlp.Loc:
		return Place
	case nlp.NORP:
		return Group
	case nlp.Misc:
		return Thing
	}
	return ""
}

// collectNamed gathers the named-entity mentions of every sentence.
func (r *resolver) collectNamed() {
	for si := range r.doc.Sentences {
		s := &r.doc.Sentences[si]
		r.byTok[si] = map[int]*mention{}
		for _, en := range s.Entities {
			text := strings.TrimSpace(en.Text)
			typ := entityType(en.Type, text)
			if typ == "" || text == "" || en.Start < 0 || en.End > len(s.Tokens) {
				continue
			}
			// Demonyms name a group only as nouns ("Ukrainians"); as
			// adjectives ("the Ukrainian military") they modify a thing.
			if typ == Group && (en.End-en.Start != 1 || s.Tokens[en.Start].XPOS != "NNPS" && s.Tokens[en.Start].XPOS != "NNS") {
				continue
			}
			// "South Korea's National Intelligence Service": a possessive
			// inside the span starts the name after it.
			start := en.Start
			for k := en.Start; k < en.End; k++ {
				if f := s.Tokens[k].Form; (f == "'s" || f == "’s") && k+1 < en.End {
					start = k + 1
				}
			}
			if start != en.Start {
				text = spanText(s, start, en.End)
			}
			end := en.End
			for start < end && isPunct(s.Tokens[start].Form) {
				start++
			}
			for end > start && isPunct(s.Tokens[end-1].Form) {
				end--
			}
			if start == end {
				continue
			}
			text = spanText(s, start, end)
			text = strings.TrimSuffix(strings.TrimSuffix(text, "’s"), "'s") // "Quilis’s" written as one token
			if typ == Person && !strings.Contains(text, " ") && (personTitles[strings.ToLower(strings.TrimSuffix(text, "."))] || humanNouns[strings.ToLower(text)]) {
				continue // "President", "Mlle" on its own: a title, not a name
			}
			m := &mention{sent: si, start: start, end: end, text: stripThe(text), typ: typ}
			r.mentions = append(r.mentions, m)
			for k := start; k < end; k++ {
				r.byTok[si][k] = m
			}
		}
		// A title recognised as a name of its own right before a person's
		// name ("US President" Barack Obama, "LA Sheriff" …) is a role.
		for _, m := range r.mentions {
			if m.sent != si {
				continue
			}
			ws := strings.Fields(m.text)
			if m.typ == Person && !strings.Contains(m.text, " of ") {
				continue
			}
			if n := r.byTok[si][m.end]; n != nil && n.typ == Person && len(ws) > 0 && personTitles[strings.ToLower(strings.TrimSuffix(ws[len(ws)-1], "."))] ||
				isRoleName(ws) {
				for k := m.start; k < m.end; k++ {
					delete(r.byTok[si], k)
				}
				m.typ, m.text = "", ""
			}
		}
		// Runs of proper nouns the recognizer missed ("Zelenskiy wrote")
		// may still name an entity found elsewhere; they join a cluster in
		// clusterNamed or are dropped there.
		for i := 0; i < len(s.Tokens); i++ {
			if r.byTok[si][i] != nil || !nameWord(s, i) {
				continue
			}
			j := i
			for j < len(s.Tokens) && nameWord(s, j) && r.byTok[si][j] == nil {
				j++
			}
			if s.Tokens[j-1].UPOS != "PROPN" { // "National Intelligence Service", not "National"
				i = j - 1
				continue
			}
			m := &mention{sent: si, start: i, end: j, text: spanText(s, i, j)}
			r.mentions = append(r.mentions, m)
			for k := i; k < j; k++ {
				r.byTok[si][k] = m
			}
			i = j - 1
		}
	}
}

func isPunct(s string) bool {
	return strings.Trim(s, "[](){}“”‘’\"'.,;:!?…—–-") == ""
}

// clusterNamed merges named mentions: longest names first, then shorter
// forms join the cluster they match (surname, spelling variant, corporate
// form, acronym). Each cluster's type is decided by the evidence of all its
// mentions (vote).
func (r *resolver) clusterNamed() {
	order := make([]*mention, len(r.mentions))
	copy(order, r.mentions)
	sort.SliceStable(order, func(i, j int) bool {
		if (order[i].typ == "") != (order[j].typ == "") {
			return order[j].typ == "" // recognised names first
		}
		return len(strings.Fields(order[i].text)) > len(strings.Fields(order[j].text))
	})
	first := map[*mention]int{}
	for i, m := range r.mentions {
		first[m] = i
	}
	acr := r.parenAcronyms()
	for _, m := range order {
		if m.text == "" {
			continue // dropped (a title before a name)
		}
		var best *cluster
		if d := acr[m]; d != nil && d.cl != nil {
			best = d.cl // "Singapore Airlines (SIA)"
		}
		if best == nil {
			// Of several matching entities, the one with this very name, else
			// the one the article named first ("Goode" is Matthew Goode, not
			// his daughter Teddie Eleanor Rose Goode named later).
			for _, c := range r.clusters {
				if !sameEntity(c, m) {
					continue
				}
				exact := slices.ContainsFunc(c.names, func(n string) bool { return strings.EqualFold(n, m.text) })
				if exact {
					best = c
					break
				}
				if best == nil || c.first < best.first {
					best = c
				}
			}
		}
		low := strings.ToLower(m.text)
		if best == nil && m.typ == "" && !isAcronym(m.text) && !strings.Contains(m.text, " ") &&
			(r.title[m.sent] || r.doc.Sentences[m.sent].Tokens[m.start].XPOS != "NNP" || !hasLetter(m.text) || timeWords[low] ||
				months[low] != 0 || personTitles[strings.TrimSuffix(low, ".")] || humanNouns[low] || nounGender[strings.TrimSuffix(low, ".")] != 0 || headlineSmall[low] ||
				r.modifier(m)) {
			for k := m.start; k < m.end; k++ { // a lone unrecognised proper noun: not an entity of its own
				delete(r.byTok[m.sent], k)
			}
			continue
		}
		if best == nil {
			best = &cluster{typ: m.typ, first: first[m], id: len(r.clusters), votes: map[string]int{}}
			r.clusters = append(r.clusters, best)
		}
		if first[m] < best.first {
			best.first = first[m]
		}
		vote(best, m, &r.doc.Sentences[m.sent])
		best.add(m.text)
		r.addSpan(best, m.sent, m.start, m.end)
		m.cl = best
	}
}

// dropHeadlineOnly forgets the names found only in title-case sentences
// (headlines): capitals carry no information there, so what the recognizer
// makes of them ("Captured North Korean Soldiers" → an organisation) is
// noise unless the article's text names the same entity.
func (r *resolver) dropHeadlineOnly() {
	inText := map[*cluster]bool{}
	for _, m := range r.mentions {
		if m.cl != nil && !r.title[m.sent] {
			inText[m.cl] = true
		}
	}
	for _, m := range r.mentions {
		if m.cl == nil || inText[m.cl] {
			continue
		}
		for k := m.start; k < m.end; k++ {
			delete(r.byTok[m.sent], k)
		}
		m.cl.mentions, m.cl.names = 0, nil
		m.cl = nil
	}
}

func (c *cluster) add(name string) {
	c.mentions++
	for _, n := range c.names {
		if n == name {
			return
		}
	}
	c.names = append(c.names, name)
}

// addTitles records the titles found by the extractor ("Ukrainian President
// Volodymyr Zelenskiy" → "Ukrainian President") as roles of the named
// person (Entity.Roles, never aliases), so "the Ukrainian president" later
// resolves to it.
func (r *resolver) addTitles(exts [][]extract.Extraction) {
	for si := range exts {
		if si >= len(r.byTok) {
			break
		}
		for _, e := range exts[si] {
			if e.Kind != extract.Title && e.Kind != extract.Appos {
				continue
			}
			m := r.named(si, e.Subject)
			if m == nil || m.cl == nil || m.cl.typ != Person {
				continue
			}
			t := stripThe(e.Object.Text)
			if t == "" || r.byTok[si][e.Object.Head] != nil {
				continue
			}
			m.cl.titles = append(m.cl.titles, t)
		}
	}
}

// named returns the named mention covering the span's head (or, failing
// that, any of its tokens), nil when none.
func (r *resolver) named(si int, sp extract.Span) *mention {
	if sp.IsZero() || si >= len(r.byTok) {
		return nil
	}
	if m := r.byTok[si][sp.Head]; m != nil {
		return m
	}
	for _, t := range sp.Tokens {
		if m := r.byTok[si][t]; m != nil {
			return m
		}
	}
	return nil
}

// entities returns the clusters as graph entities, in order of first
// mention: named entities and article-local individuals, then concepts.
func (r *resolver) entities() []graph.Entity {
	cs := make([]*cluster, 0, len(r.clusters))
	for _, c := range r.clusters {
		if c.mentions > 0 && c.k != "" {
			cs = append(cs, c)
		}
	}
	sort.SliceStable(cs, func(i, j int) bool {
		if cs[i].concept != cs[j].concept {
			return !cs[i].concept
		}
		return cs[i].first < cs[j].first
	})
	out := make([]graph.Entity, 0, len(cs))
	for _, c := range cs {
		name := c.canonical()
		e := graph.Entity{Key: c.k, Name: name, Type: c.typ, Mentions: c.mentions, Local: c.local}
		if c.concept {
			e.Type, e.Name = graph.Concept, c.lemma
			out = append(out, e)
			continue
		}
		e.Spans = sortedSpans(c.spans)
		seen := map[string]bool{strings.ToLower(name): true}
		if !c.local {
			for _, a := range c.names {
				if !seen[strings.ToLower(a)] && isAlias(a) {
					seen[strings.ToLower(a)] = true
					e.Aliases = append(e.Aliases, a)
				}
			}
		}
		roles := map[string]bool{}
		for _, t := range c.titles {
			if !roles[strings.ToLower(t)] && len(strings.Fields(t)) <= 6 {
				roles[strings.ToLower(t)] = true
				e.Roles = append(e.Roles, t)
			}
		}
		out = append(out, e)
	}
	return out
}

// isAlias reports whether a surface form may be an altLabel: a name of at
// most five words with a capital letter, not a pronoun, a bare role or
// title ("CEO", "President"), a date, a number or a time word.
func isAlias(a string) bool {
	ws := strings.Fields(a)
	if len(ws) == 0 || len(ws) > 5 || isPronoun(a) || !hasLetter(a) {
		return false
	}
	low := strings.ToLower(a)
	if roleWord(low) || timeWords[low] || months[strings.Trim(low, ".")] != 0 {
		return false
	}
	upper := false
	for _, r := range a {
		if unicode.IsDigit(r) {
			return false
		}
		if unicode.IsUpper(r) {
			upper = true
		}
	}
	return upper
}

// roleWord reports whether s (lower case) is only a role or title: "ceo",
// "president", "white house spokesman" is not (it has a name in it), "the
// spokesman" is.
func roleWord(s string) bool {
	ws := strings.Fields(strings.TrimPrefix(s, "the "))
	if len(ws) == 0 {
		return false
	}
	for _, w := range ws {
		if !personTitles[strings.Trim(w, ".")] && !humanNouns[w] && w != "chief" && w != "executive" && w != "vice" && w != "deputy" && w != "prime" {
			return false
		}
	}
	return true
}

var timeWords = setOf("yesterday", "today", "tomorrow", "tonight", "monday", "tuesday", "wednesday", "thursday",
	"friday", "saturday", "sunday", "morning", "evening", "week", "month", "year", "last", "next")

func hasUpper(s string) bool {
	for _, r := range s {
		if unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// assignKeys gives every cluster its final key: Key(type, canonical name)
// for named entities, Key("Concept", lemma phrase) for concepts, and for
// article-local individuals Key(type, description), made unique in the
// article. Clusters without a usable name (punctuation only, a pronoun)
// get none and are dropped.
func (r *resolver) assignKeys() {
	used := map[string]bool{}
	for _, c := range r.clusters {
		c.k = ""
		if c.mentions == 0 {
			continue
		}
		if c.local && c.typ == Person && c.slot == "" && r.seen[c] < 2 && c.lemma != "" {
			// An individual mentioned once ("a passer-by said"): the
			// article does not keep talking about it, so it is a concept.
			c.local, c.concept, c.typ = false, true, graph.Concept
		}
		name := c.canonical()
		if !hasLetter(name) || isPronoun(name) || Slug(name) == "" {
			continue
		}
		if !c.local && !c.concept && !hasUpper(name) {
			continue // a "name" in lower case ("bin", "la"): not a name
		}
		switch {
		case c.concept:
			c.k = Key(graph.Concept, c.lemma)
			if Slug(c.lemma) == "" {
				c.k = ""
			}
		case c.local:
			k := Key(c.typ, name)
			for n := 2; used[k]; n++ {
				k = Key(c.typ, name+" "+strconv.Itoa(n))
			}
			c.k = k
		default:
			c.k = Key(c.typ, name)
		}
		used[c.k] = true
	}
}

// sortedSpans returns spans in text order without duplicates.
func sortedSpans(spans []graph.Span) []graph.Span {
	if len(spans) == 0 {
		return nil
	}
	out := append([]graph.Span(nil), spans...)
	sort.Slice(out, func(i, j int) bool {
		if out[i].Start != out[j].Start {
			return out[i].Start < out[j].Start
		}
		return out[i].End < out[j].End
	})
	k := 1
	for i := 1; i < len(out); i++ {
		if out[i] != out[k-1] {
			out[k] = out[i]
			k++
		}
	}
	return out[:k]
}

// canonical is the longest proper-name form (most words, then longest, then
// first seen); an individual's or concept's first name.
func (c *cluster) canonical() string {
	if c.local && len(c.names) > 0 {
		// The first description that names a kind of person ("one
		// prisoner", "the other man"), else the first one ("the other").
		for _, n := range c.names {
			ws := strings.Fields(strings.ToLower(n))
			if l := ws[len(ws)-1]; len(ws) > 1 && (human(l) || human(strings.TrimSuffix(l, "s"))) && !strings.Contains(n, " of ") {
				return n
			}
		}
		return c.names[0]
	}
	if c.concept && len(c.names) > 0 {
		return c.names[0]
	}
	cands := make([]string, 0, len(c.names))
	for _, n := range c.names {
		if !isAcronym(n) {
			cands = append(cands, n)
		}
	}
	if len(cands) == 0 {
		cands = c.names
	}
	best := ""
	for _, n := range cands {
		bw, nw := len(strings.Fields(best)), len(strings.Fields(n))
		if best == "" || nw > bw || nw == bw && len(n) > len(best) {
			best = n
		}
	}
	return best
}

func stripThe(s string) string {
	s = strings.TrimSpace(s)
	for _, p := range []string{"the ", "The "} {
		s = strings.TrimPrefix(s, p)
	}
	return s
}

func spanText(s *nlp.Sentence, i, j int) string {
	var b strings.Builder
	for k := i; k < j; k++ {
		b.WriteString(s.Tokens[k].Form)
		if k < j-1 && (s.Tokens[k].SpaceAfter || s.Tokens[k+1].Start > s.Tokens[k].End) {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

var pronouns = map[string]bool{"he": true, "she": true, "him": true, "her": true, "his": true, "hers": true,
	"it": true, "its": true, "they": true, "them": true, "their": true, "we": true, "us": true, "our": true,
	"i": true, "me": true, "my": true, "you": true, "your": true, "himself": true, "herself": true}

// countries and cities decide Country/City for GPE names; other GPEs are
// Places.
var countries = setOf("afghanistan", "albania", "algeria", "argentina", "armenia", "australia", "austria",
	"azerbaijan", "bangladesh", "belarus", "belgium", "bolivia", "bosnia", "brazil", "bulgaria", "cambodia",
	"canada", "chile", "china", "colombia", "croatia", "cuba", "cyprus", "czech republic", "denmark", "egypt",
	"estonia", "ethiopia", "finland", "france", "georgia", "germany", "greece", "hungary", "iceland", "india",
	"indonesia", "iran", "iraq", "ireland", "israel", "italy", "japan", "jordan", "kazakhstan", "kenya",
	"north korea", "south korea", "korea", "kosovo", "kuwait", "kyrgyzstan", "latvia", "lebanon", "libya",
	"lithuania", "luxembourg", "malaysia", "mali", "mexico", "moldova", "mongolia", "montenegro", "morocco",
	"myanmar", "nepal", "netherlands", "new zealand", "niger", "nigeria", "north macedonia", "norway",
	"pakistan", "palestine", "peru", "philippines", "poland", "portugal", "qatar", "romania", "russia",
	"saudi arabia", "serbia", "singapore", "slovakia", "slovenia", "somalia", "south africa", "spain",
	"sri lanka", "sudan", "sweden", "switzerland", "syria", "taiwan", "tajikistan", "thailand", "tunisia",
	"turkey", "turkmenistan", "ukraine", "united arab emirates", "united kingdom", "uk", "britain",
	"great britain", "united states", "us", "u.s.", "usa", "america", "uzbekistan", "venezuela", "vietnam",
	"yemen", "zimbabwe")

var cities = setOf("kyiv", "kiev", "moscow", "pyongyang", "seoul", "washington", "london", "paris", "berlin",
	"beijing", "tokyo", "kharkiv", "odesa", "odessa", "lviv", "minsk", "warsaw", "prague", "vienna", "rome",
	"madrid", "brussels", "tehran", "baghdad", "damascus", "ankara", "istanbul", "jerusalem", "tel aviv",
	"cairo", "new york", "los angeles", "chicago", "geneva", "budapest", "bucharest", "sofia", "belgrade",
	"tbilisi", "yerevan", "baku", "almaty", "astana", "tashkent", "bishkek", "dushanbe", "kabul", "islamabad",
	"new delhi", "delhi", "mumbai", "shanghai", "hong kong", "taipei", "manila", "jakarta", "bangkok",
	"hanoi", "sydney", "toronto", "ottawa", "mexico city", "havana", "caracas", "bogota", "lima",
	"buenos aires", "sao paulo", "rio de janeiro", "kursk", "belgorod", "donetsk", "luhansk", "mariupol",
	"kherson", "zaporizhzhia", "dnipro", "sevastopol", "st. petersburg", "saint petersburg")

func setOf(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// titleMentions finds the titles of people used on their own ("The
// Ukrainian president’s comments") and counts them as mentions of the
// person (a mention, not an alias).
func (r *resolver) titleMentions() {
	for si := range r.doc.Sentences {
		toks := r.doc.Sentences[si].Tokens
		for _, c := range r.clusters {
			if c.typ != Person {
				continue
			}
			for _, ti := range c.titles {
				tw := strings.Fields(ti)
				for i := 0; i+len(tw) <= len(toks); i++ {
					ok := true
					for j, w := range tw {
						if !strings.EqualFold(toks[i+j].Form, w) {
							ok = false
							break
						}
					}
					if !ok {
						continue
					}
					if m := r.byTok[si][i+len(tw)]; m != nil && m.cl == c {
						continue // the title in front of the name itself
					}
					surface := spanText(&r.doc.Sentences[si], i, i+len(tw))
					if i > 0 && strings.EqualFold(toks[i-1].Form, "the") {
						surface = "the " + surface
					}
					c.mentions++
					c.descr = append(c.descr, surface)
					r.addSpan(c, si, i, i+len(tw))
				}
			}
		}
	}
}

// nameWord reports whether token i can be part of a proper name: a proper
// noun, or a capitalised adjective or noun ("National Intelligence Service").
func nameWord(s *nlp.Sentence, i int) bool {
	t := s.Tokens[i]
	if t.UPOS == "PROPN" {
		return true
	}
	return (t.UPOS == "ADJ" || t.UPOS == "NOUN") && t.Form != "" && t.Form[0] >= 'A' && t.Form[0] <= 'Z' && i > 0
}

// isPronoun reports whether s is a personal pronoun ("he", "Its"), not an
// acronym spelled like one ("US").
func isPronoun(s string) bool { return pronouns[strings.ToLower(s)] && !isAcronym(s) }

// titleCase reports whether a sentence is written in title case, as
// headlines are ("Minister Says Ready To Swap Prisoners"): at least four
// words, every word outside a few short function words capitalised, and
// at least one capitalised verb, adjective or common noun. The models were
// trained on running text, so such a parse is unreliable.
func titleCase(s *nlp.Sentence) bool {
	words, common := 0, 0
	for _, t := range s.Tokens {
		r, _ := utf8.DecodeRuneInString(t.Form)
		if !unicode.IsLetter(r) {
			continue
		}
		words++
		if !unicode.IsUpper(r) {
			if !headlineSmall[strings.ToLower(t.Form)] {
				return false
			}
			continue
		}
		switch t.UPOS {
		case "VERB", "ADJ", "NOUN", "AUX", "ADV":
			common++
		}
	}
	return words >= 4 && common > 0
}

var headlineSmall = map[string]bool{"a": true, "an": true, "the": true, "and": true, "or": true, "nor": true,
	"but": true, "of": true, "for": true, "to": true, "in": true, "on": true, "at": true, "by": true, "with": true,
	"as": true, "from": true, "into": true, "vs": true, "via": true}
