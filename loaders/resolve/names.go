package resolve

import (
	"slices"
	"strconv"
	"strings"

	"github.com/newsgraph/newsgraph/loaders/nlp"
)

// Names: when two mentions name one entity (variants, acronyms, corporate
// forms) and which type the entity has (votes).

// modifier reports whether a one-word mention modifies a noun as an
// adjective does ("Russian and North Korean military leaders"): a
// demonym, not a name.
func (r *resolver) modifier(m *mention) bool {
	s := &r.doc.Sentences[m.sent]
	t := s.Tokens[m.start]
	if hasDep(t.DepRel, "amod") {
		return true
	}
	h := t.Head - 1
	return hasDep(t.DepRel, "conj") && h >= 0 && h < len(s.Tokens) && hasDep(s.Tokens[h].DepRel, "amod")
}

// parenAcronyms maps each acronym written in parentheses right after a
// name ("Singapore Airlines (SIA)") to that name's mention.
func (r *resolver) parenAcronyms() map[*mention]*mention {
	out := map[*mention]*mention{}
	defs := map[string]*mention{}
	for _, m := range r.mentions {
		toks := r.doc.Sentences[m.sent].Tokens
		if m.end+2 < len(toks) && toks[m.end].Form == "(" && toks[m.end+2].Form == ")" {
			if a := r.byTok[m.sent][m.end+1]; a != nil && a != m && isAcronym(a.text) && !isAcronym(m.text) {
				defs[a.text] = m
			}
		}
	}
	for _, m := range r.mentions {
		if d := defs[m.text]; d != nil && d != m {
			out[m] = d
		}
	}
	return out
}

// vote adds the evidence mention m gives about its entity's type and sets
// the cluster's type to the best supported one: the recogniser's label (1),
// a known country or city (3), a corporate suffix (3), a title or given
// name before a surname (2). Ties keep the type seen first.
func vote(c *cluster, m *mention, s *nlp.Sentence) {
	if c.votes == nil {
		c.votes = map[string]int{}
	}
	if m.typ != "" {
		c.votes[m.typ]++
	}
	low := strings.ToLower(m.text)
	ws := strings.Fields(m.text)
	surname := len(ws) == 1 && c.typ == Person && slices.ContainsFunc(c.names, func(n string) bool {
		nw := strings.Fields(n)
		return len(nw) > 1 && strings.EqualFold(nw[len(nw)-1], ws[0])
	})
	switch {
	case surname:
		c.votes[Person]++ // "Paris" after "Valeska Paris": her surname, not the city
	case countries[low]:
		c.votes[Country] += 3
	case cities[low]:
		c.votes[City] += 3
	case len(ws) > 1 && corpSuffix[strings.ToLower(ws[len(ws)-1])], knownOrg(low) && (len(ws) > 1 || m.typ != Person):
		c.votes[Organization] += 3 // "Ford Motor Co.", "Lockheed Martin"
	case headType(ws) != "":
		c.votes[headType(ws)] += 3 // "Lake Erie", "Progressive Field", "Cleveland Orchestra", "Avignon Festival"
	case kbType(low) != "" && (m.typ != Person || len(ws) > 1 || kbType(low) == Country):
		c.votes[kbType(low)] += 3 // a country, city, region or international body of data/kb/bundled.tsv
	case m.typ != Person && team(ws):
		c.votes[Organization] += 3 // "Boston Red Sox", "Tampa Bay Rays"
	case len(ws) > 1 && len(ws) <= 3 && genderOf(ws[0]) != 0 && (m.typ == "" || m.typ == Person || m.typ == Organization) &&
		!orgWords[strings.ToLower(ws[len(ws)-1])]:
		c.votes[Person]++
	case len(ws) == 1 && genderOf(ws[0]) != 0 && m.typ != "":
		c.votes[Person]++ // "Laura": a given name the recogniser called something else
	}
	if !surname && m.typ != Country && m.typ != City && placeComma(s, m.end) {
		c.votes[Place] += 3 // "Irving, Texas", "Aberdeenshire, Scotland"
	}
	if !surname && m.typ != "" && m.typ != Country && m.typ != City && placeObject(s, m) {
		c.votes[Place] += 2 // "in Langeland", "near Strynø"
	}
	if m.start > 0 && personTitles[strings.ToLower(strings.TrimSuffix(s.Tokens[m.start-1].Form, "."))] {
		c.votes[Person] += 2
	}
	if personBefore(s, m.start) {
		c.votes[Person] += 2 // "his third daughter Lensey", "two brothers, Niklaus and Johann II"
	}
	if citation(s, m.end) {
		c.votes[Person] += 2 // "Bavelier et al. (2011)", "(Klingberg, 2010)", "(Rueda, Checa, & Cómbita, 2012)": an author
	}
	if m.typ == "" {
		// A name the recogniser missed: what the sentence does with it.
		h := mentionHead(s, m)
		rel := s.Tokens[h].DepRel
		v := s.Tokens[h].Head - 1
		switch {
		case len(ws) == 1 && genderOf(ws[0]) != 0:
			c.votes[Person]++
		case hasDep(rel, "nsubj") && v >= 0 && speechVerbs[lowerLemma(&s.Tokens[v])]:
			c.votes[Person]++ // "Goldbach wrote", "Cruse argues"
		case hasDep(rel, "obl", "nmod"):
			for k := range s.Tokens {
				if s.Tokens[k].Head-1 == h && hasDep(s.Tokens[k].DepRel, "case") && placePreps[strings.ToLower(s.Tokens[k].Form)] {
					c.votes[Place]++ // "in Heidelberg", "to Europe"
				}
			}
		}
	}
	best, bestN := c.typ, c.votes[c.typ]
	for _, t := range []string{Person, Organization, Country, City, Place, Group, Event, Thing} {
		if n := c.votes[t]; n > bestN {
			best, bestN = t, n
		}
	}
	if best == "" {
		best = Thing // a multi-word name or acronym the recognizer missed
	}
	c.typ = best
	if c.gender == 0 && c.typ == Person && len(ws) > 1 {
		c.gender = genderOf(ws[0])
	}
}

// isRoleName reports whether a name is an office ("Professor of
// Linguistics", "Agassiz Professor of Oriental Languages", "Secretary of
// State"): its head word — the one before "of", else the last — is a title.
func isRoleName(ws []string) bool {
	h := len(ws) - 1
	for i, w := range ws {
		if w == "of" && i > 0 {
			h = i - 1
			break
		}
	}
	if h < 0 {
		return false
	}
	w := strings.ToLower(strings.TrimSuffix(ws[h], "."))
	return personTitles[w] || w == "professor" || w == "chair" || w == "director" || w == "dean"
}

// orgWords end names of organisations, never of people.
var orgWords = setOf("army", "service", "party", "agency", "bank", "university", "college", "school", "council",
	"committee", "commission", "ministry", "department", "office", "court", "police", "force", "forces", "navy",
	"association", "union", "institute", "foundation", "fund", "league", "club", "team", "news", "times", "post",
	"airlines", "airways", "motors", "group", "reserve", "board", "government", "administration", "assembly")

// personTitles are words before a name that make it a person's.
var personTitles = setOf("mr", "mrs", "ms", "miss", "dr", "president", "minister", "senator", "sen", "rep", "justice",
	"governor", "gov", "mayor", "king", "queen", "prince", "princess", "pope", "judge", "general", "gen",
	"spokesman", "spokeswoman", "secretary", "chancellor", "premier", "chairman", "ceo", "coach", "sir", "lord",
	"lady", "professor", "prof", "sheikh", "ayatollah", "cardinal", "bishop", "rev", "father", "sister")

// citation reports whether the tokens from k on cite a work: "et al.", or
// a year after a list of names ("Bavelier 2011", "Klingberg, 2010",
// "Rueda, Checa, & Cómbita, 2012").
func citation(s *nlp.Sentence, k int) bool {
	for i := k; i < len(s.Tokens) && i < k+12; i++ {
		f := s.Tokens[i].Form
		if f == "et" || f == "al." || f == "al" {
			return true
		}
		if len(f) == 4 && (f[:2] == "19" || f[:2] == "20") {
			if _, err := strconv.Atoi(f); err == nil {
				return i == k || s.Tokens[i-1].Form == "," || s.Tokens[i-1].Form == "("
			}
		}
		if f != "," && f != "(" && f != "&" && f != "and" && f != "'s" && f != "’s" && (i == k || !nameWord(s, i)) {
			return false
		}
	}
	return false
}

// personBefore reports whether a person noun comes right before a name,
// or before a comma, or a coordinated name, in front of it: "daughter
// Lensey", "the brother Petronios", "two brothers, Niklaus and Johann".
func personBefore(s *nlp.Sentence, k int) bool {
	for i := k - 1; i >= 0 && i >= k-4; i-- {
		f := strings.ToLower(s.Tokens[i].Form)
		if s.Tokens[i].UPOS == "NOUN" {
			return human(f) || human(strings.TrimSuffix(f, "s")) || human(strings.TrimSuffix(f, "es"))
		}
		if f != "," && f != "and" && !nameWord(s, i) {
			return false
		}
	}
	return false
}

// placeObject reports whether a name is the object of a preposition that
// takes places and not people ("in Langeland", "throughout Funen"; not
// "to Mary", "with Smith"), and no citation ("in Smith (2010)").
func placeObject(s *nlp.Sentence, m *mention) bool {
	h := mentionHead(s, m)
	if !hasDep(s.Tokens[h].DepRel, "obl", "nmod") || citation(s, m.end) {
		return false
	}
	for k := range s.Tokens {
		if s.Tokens[k].Head-1 == h && hasDep(s.Tokens[k].DepRel, "case") && strongPlacePreps[strings.ToLower(s.Tokens[k].Form)] {
			return true
		}
	}
	return false
}

var strongPlacePreps = setOf("in", "on", "from", "near", "across", "throughout", "around", "outside", "inside", "within")

var placePreps = setOf("in", "at", "to", "from", "near", "across", "throughout", "around", "outside", "inside")

// corpSuffix are the corporate forms a company's name may carry or not:
// "Ford Motor Co." = "Ford Motor Company".
var corpSuffix = setOf("inc", "inc.", "co", "co.", "corp", "corp.", "corporation", "company", "ltd", "ltd.",
	"limited", "plc", "llc", "ag", "sa", "s.a.", "gmbh", "n.v.", "nv", "group", "holdings", "computer",
	"computers", "motor", "motors", "airlines", "airways", "university", "college")

// corpCore is a name without "the", a leading "U.S."-style qualifier and
// trailing corporate forms: "Apple Computer Inc." → "apple", "U.S. Federal
// Reserve" → "federal reserve".
func corpCore(name string) string {
	ws := strings.Fields(strings.ToLower(strings.ReplaceAll(name, ",", " ")))
	if len(ws) > 1 && ws[0] == "the" {
		ws = ws[1:]
	}
	if len(ws) > 1 && (ws[0] == "u.s." || ws[0] == "us" || ws[0] == "american" || ws[0] == "british" || countries[ws[0]]) {
		ws = ws[1:]
	}
	for len(ws) > 1 && corpSuffix[ws[len(ws)-1]] {
		ws = ws[:len(ws)-1]
	}
	return strings.Join(ws, " ")
}

// compatible reports whether two entity types may name the same entity
// (the recognizer sometimes labels one name differently in two places).
func compatible(a, b string) bool {
	place := func(t string) bool { return t == Country || t == City || t == Place }
	return a == b || a == "" || b == "" || place(a) && place(b) || a == Person && b == Organization || a == Organization && b == Person ||
		a == Thing || b == Thing || a == Organization && place(b) || place(a) && b == Organization ||
		a == Person && b == Group || a == Group && b == Person ||
		a == Event && (b == Organization || place(b)) || b == Event && (a == Organization || place(a))
}

// sameEntity reports whether mention m names the entity of cluster c.
func sameEntity(c *cluster, m *mention) bool {
	mw := strings.Fields(personCore(m.text))
	if !compatible(c.typ, m.typ) {
		// an acronym may be typed differently from its expansion, and a
		// surname differently from the person's full name ("Obama" as a
		// place): the vote decides the type.
		if !isAcronym(m.text) && !(c.typ == Person && len(mw) == 1 && (m.typ == Organization || m.typ == Thing || m.typ == Place)) {
			return false
		}
	}
	for i, n := range c.names {
		nw := strings.Fields(n)
		if c.typ == Person || m.typ == Person {
			nw = strings.Fields(personCore(n))
		} else {
			mw = strings.Fields(m.text)
		}
		switch {
		case strings.EqualFold(n, m.text):
			return true
		case c.translit(i) == m.translit():
			return true
		case (c.typ == Organization || m.typ == Organization) && c.typ != Person && m.typ != Person &&
			(len(nw) > 1 || len(mw) > 1) && corpCore(n) == corpCore(m.text) && !countries[strings.ToLower(m.text)]:
			return true // "Ford Motor Co." = "Ford Motor Company", "Apple" = "Apple Computer", "Fed. Reserve" = "U.S. Federal Reserve"
		case c.typ == Organization && len(mw) == 1 && (m.typ == "" || m.typ == Thing || m.typ == Organization) && clipOf(m.text, n):
			return true // "Fed" = "Federal Reserve"
		case isAcronym(undot(m.text)) && initials(n) == undot(m.text), isAcronym(undot(n)) && initials(m.text) == undot(n):
			return true // NIS = National Intelligence Service, U.N. = United Nations, either seen first
		case c.typ == Person && m.typ != Country && m.typ != City && len(mw) >= 2 && len(nw) >= 2 && len(mw) != len(nw) &&
			strings.EqualFold(nw[0], mw[0]) && similarName(nw[len(nw)-1], mw[len(mw)-1]):
			return true // middle names: "Matthew William Goode" = "Matthew Goode"
		case isPlace(c.typ) && (m.typ == "" || isPlace(m.typ)) && (strings.EqualFold(n+" City", m.text) || strings.EqualFold(n, m.text+" City")):
			return true // "New York City" = "New York"
		case c.typ == Person && m.typ != Country && m.typ != City && len(mw) > 0 && len(mw) == len(nw) && len(mw) <= 4 && sameWords(mw, nw):
			return true // "Higuchi Ichiyō" = "Ichiyō Higuchi", "Dame Zaha Hadid DBE" = "Zaha Hadid"
		case c.typ == Person && (m.typ == Person || m.typ == "" || m.typ == Thing) && len(mw) >= 2 && len(nw) > len(mw) && suffixOf(mw, nw):
			return true // a two-word surname: "Martínez Cantón" → "Clara Martínez Cantón"
		case len(mw) >= 2 && len(nw) > len(mw) && suffixOf(mw, nw) && c.typ != Person && m.typ != Person && compatible(c.typ, m.typ):
			return true // "Red Sox" → "Boston Red Sox"
		case len(mw) == 1 && len(nw) > 1 && c.typ == Person && (m.typ == Person || m.typ == "" || m.typ == Thing) && strings.EqualFold(nw[0], mw[0]):
			return true // "Hu" → "Hu Shih" (family name first)
		case len(mw) == 1 && len(nw) > 1 && c.typ == Person && m.typ != Country && m.typ != City && strings.EqualFold(nw[0], mw[0]) && genderOf(mw[0]) != 0:
			return true // given name: "Ahmed" → "Ahmed Mohamed"
		case len(mw) == 1 && len(nw) > 1 && (c.typ == Person || m.typ == Person) && similarName(nw[len(nw)-1], mw[0]):
			return true // surname: "Kirby" → "John Kirby", "Zelenskyy" → "Volodymyr Zelenskiy"
		case (c.typ == Person || m.typ == Person) && len(mw) == len(nw) && len(mw) >= 2 && strings.EqualFold(nw[len(nw)-1], mw[len(mw)-1]) &&
			sameGiven(nw[0], mw[0]) && strings.EqualFold(strings.Join(nw[1:], " "), strings.Join(mw[1:], " ")):
			return true // "Larry Lessig" = "Lawrence Lessig"
		case len(mw) == 1 && len(nw) == 1 && (c.typ == Person || m.typ == Person) && !strings.EqualFold(nw[0], mw[0]) && sameGiven(nw[0], mw[0]):
			return true // "Steve" = "Steven"
		case len(mw) == len(nw) && len(mw) > 0 && similarName(nw[len(nw)-1], mw[len(mw)-1]) &&
			strings.EqualFold(strings.Join(nw[:len(nw)-1], " "), strings.Join(mw[:len(mw)-1], " ")):
			return true // spelling variant of the last word: "Volodymyr Zelenskyy"
		}
	}
	return false
}

// personCore is a person's name without leading honorifics and titles
// ("Dame", "Sir", "St.") and trailing post-nominals and generation marks
// ("FRS", "DBE", "Jr."); "St." reads "Saint".
func personCore(name string) string {
	ws := strings.Fields(strings.ReplaceAll(name, ",", " "))
	for len(ws) > 1 {
		w := strings.ToLower(strings.TrimSuffix(ws[0], "."))
		if w == "st" {
			ws[0] = "Saint"
			break
		}
		if !honorifics[w] && !personTitles[w] {
			break
		}
		ws = ws[1:]
	}
	for len(ws) > 1 && postNominals[strings.ToLower(strings.TrimSuffix(ws[len(ws)-1], "."))] {
		ws = ws[:len(ws)-1]
	}
	return strings.Join(ws, " ")
}

var honorifics = setOf("dame", "sir", "lady", "lord", "mr", "mrs", "ms", "dr", "prof", "rev", "hon", "the")

var postNominals = setOf("jr", "sr", "ii", "iii", "iv", "frs", "dbe", "cbe", "obe", "mbe", "kbe", "ra", "phd", "md",
	"esq", "qc", "kc", "mp")

func sameWords(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	used := make([]bool, len(b))
	for _, w := range a {
		found := false
		for j, v := range b {
			if !used[j] && strings.EqualFold(w, v) {
				used[j], found = true, true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// suffixOf reports whether the words a end the words b.
func suffixOf(a, b []string) bool {
	for i := range a {
		if !strings.EqualFold(a[len(a)-1-i], b[len(b)-1-i]) {
			return false
		}
	}
	return true
}

func isPlace(t string) bool { return t == Country || t == City || t == Place }

// translit is translit(m.text), computed once.
func (m *mention) translit() string {
	if m.tl == "" {
		m.tl = translit(m.text)
	}
	return m.tl
}

// translit is translit(c.names[i]), computed once.
func (c *cluster) translit(i int) string {
	for len(c.tls) < len(c.names) {
		c.tls = append(c.tls, translit(c.names[len(c.tls)]))
	}
	return c.tls[i]
}

// similarName reports whether two name words are the same name, allowing
// transliteration variants and a small edit distance on long names.
func similarName(a, b string) bool {
	if strings.EqualFold(a, b) {
		return true
	}
	if d := len(a) - len(b); d > 3 || d < -3 {
		return false // variants differ by a few letters at most; saves translit
	}
	if translit(a) == translit(b) {
		return true
	}
	la, lb := strings.ToLower(a), strings.ToLower(b)
	if len(la) < 7 || len(lb) < 7 || la[:4] != lb[:4] {
		return false
	}
	return editDistance(la, lb) <= 2
}

// translit normalises common transliteration variants of names: y/i,
// kh/h, -iy/-yy/-y endings, doubled letters, accents.
func translit(s string) string {
	s = Slug(s)
	for _, p := range [][2]string{{"kh", "h"}, {"yy", "i"}, {"iy", "i"}, {"ij", "i"}, {"y", "i"}, {"ii", "i"}, {"j", "i"}, {"zh", "j"}, {"ts", "c"}, {"tz", "c"}, {"w", "v"}, {"ou", "u"}} {
		s = strings.ReplaceAll(s, p[0], p[1])
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if i > 0 && s[i] == s[i-1] {
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// isAcronym reports whether s looks like an acronym: 2–6 capital letters.
func isAcronym(s string) bool {
	if len(s) < 2 || len(s) > 6 {
		return false
	}
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// undot removes the dots of a dotted acronym: "U.N." → "UN"; other
// strings are returned as they are.
func undot(s string) string {
	if len(s) < 3 || !strings.Contains(s, ".") {
		return s
	}
	u := strings.ReplaceAll(s, ".", "")
	if isAcronym(u) && len(s) <= 2*len(u) {
		return u
	}
	return s
}

// initials returns the initials of the capitalised words of name
// ("National Intelligence Service" → "NIS"); "" for one-word names.
func initials(name string) string {
	var b strings.Builder
	n := 0
	for _, w := range strings.Fields(name) {
		if w == "" || !(w[0] >= 'A' && w[0] <= 'Z') {
			continue
		}
		b.WriteByte(w[0])
		n++
	}
	if n < 2 {
		return ""
	}
	return b.String()
}
