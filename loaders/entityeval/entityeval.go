// Package entityeval measures the entities of resolved articles against a
// corpus with gold entity and coreference annotations (GUM's entity layer,
// read by conllu.ReadEntityDocs): named-entity recall, over-splitting,
// over-merging, junk nodes, type accuracy and pronoun resolution. The
// figures are defined in docs/entities.md; Score computes them for one
// document and one article, Run runs the pipeline over a corpus.
package entityeval

import (
	"context"
	"fmt"
	"io"
	"path"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/newsgraph/newsgraph/data"
	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/loaders"
	"github.com/newsgraph/newsgraph/loaders/document"
	"github.com/newsgraph/newsgraph/loaders/nlp/conllu"
)

// Parts of the corpus: documents are assigned to one by a hash of their id
// (see Part), so the held-out part stays aside while rules are tuned on dev.
const (
	Dev     = "dev"
	HeldOut = "held-out"
)

// Part returns the part a document belongs to: held-out for one in four
// documents (conllu.HeldOut: nothing is tuned or trained on them), dev for
// the others.
func Part(id string) string {
	if conllu.HeldOut(id) {
		return HeldOut
	}
	return Dev
}

// Counts are the numerators and denominators of the figures; they add up
// over documents.
type Counts struct {
	Docs int

	Named    int // gold entities with a name (a mention headed by a proper noun, etype not time or abstract)
	Recalled int // … whose name is a label or alias of a node aligned with them

	NamedAligned int // named gold entities aligned with at least one node
	Split        int // … aligned with two or more nodes

	Nodes   int // entity nodes of the articles (not concepts)
	Aligned int // … aligned with at least one gold entity
	Merged  int // … aligned with two or more gold entities
	Junk    int // … that are pronouns, punctuation, numbers or common-noun phrases

	Typed  int // recalled named entities of etype person, organization, place or event
	TypeOK int // … whose node has a type of that class

	Pronouns     int // gold third-person pronouns in a chain with a mention that is not a pronoun
	PronResolved int // … that are a mention of some node
	PronOK       int // … of a node aligned with the pronoun's chain
}

// Add adds o to c.
func (c *Counts) Add(o Counts) {
	c.Docs += o.Docs
	c.Named += o.Named
	c.Recalled += o.Recalled
	c.NamedAligned += o.NamedAligned
	c.Split += o.Split
	c.Nodes += o.Nodes
	c.Aligned += o.Aligned
	c.Merged += o.Merged
	c.Junk += o.Junk
	c.Typed += o.Typed
	c.TypeOK += o.TypeOK
	c.Pronouns += o.Pronouns
	c.PronResolved += o.PronResolved
	c.PronOK += o.PronOK
}

// Figure is one measured ratio.
type Figure struct {
	Name     string
	Num, Den int
	Aim      string // what issue 10 asks, e.g. "≥ 90 %"
}

// Percent returns 100·Num/Den, 0 when Den is 0.
func (f Figure) Percent() float64 {
	if f.Den == 0 {
		return 0
	}
	return 100 * float64(f.Num) / float64(f.Den)
}

// Figures returns the six figures of docs/entities.md (and pronoun
// precision) in the order they are printed.
func (c Counts) Figures() []Figure {
	return []Figure{
		{"named-entity recall", c.Recalled, c.Named, "≥ 90 %"},
		{"over-splitting", c.Split, c.NamedAligned, "≤ 5 %"},
		{"over-merging", c.Merged, c.Aligned, "≤ 2 %"},
		{"junk share", c.Junk, c.Nodes, "≤ 5 %"},
		{"type accuracy", c.TypeOK, c.Typed, "≥ 90 %"},
		{"pronoun accuracy", c.PronOK, c.Pronouns, "≥ 70 %"},
		{"pronoun precision", c.PronOK, c.PronResolved, "–"},
	}
}

// Options select the documents Run measures.
type Options struct {
	Genres []string // GUM genres (news, interview, …); all when empty
	Docs   []string // document ids or path.Match patterns (GUM_news_*); all when empty
	// Details, when not nil, receives one line per error found (an entity
	// not recalled, split, merged, junk, mistyped, a pronoun missed).
	Details io.Writer
}

// Report is what Run measured.
type Report struct {
	Parts map[string]*Counts // by part (Dev, HeldOut)
	All   Counts
}

// Run analyses every selected document with the loader and scores it.
func Run(ctx context.Context, l *loaders.Loader, docs []conllu.EntityDoc, opts Options) (*Report, error) {
	rep := &Report{Parts: map[string]*Counts{Dev: {}, HeldOut: {}}}
	for i := range docs {
		d := &docs[i]
		if !selected(d, opts) {
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		a, err := l.Load(ctx, &document.Document{Source: d.ID, Text: d.Text, Format: document.Text})
		if err != nil {
			return nil, err
		}
		var det io.Writer
		if opts.Details != nil {
			det = opts.Details
			fmt.Fprintf(det, "== %s (%s, %s)\n", d.ID, d.Genre, Part(d.ID))
		}
		c := Score(d, a, det)
		rep.Parts[Part(d.ID)].Add(c)
		rep.All.Add(c)
	}
	if rep.All.Docs == 0 {
		return nil, fmt.Errorf("no document matches the genres %v and documents %v", opts.Genres, opts.Docs)
	}
	return rep, nil
}

func selected(d *conllu.EntityDoc, opts Options) bool {
	if len(opts.Genres) > 0 {
		ok := false
		for _, g := range opts.Genres {
			ok = ok || strings.EqualFold(g, d.Genre)
		}
		if !ok {
			return false
		}
	}
	if len(opts.Docs) > 0 {
		ok := false
		for _, p := range opts.Docs {
			m, err := path.Match(p, d.ID)
			ok = ok || m && err == nil || p == d.ID
		}
		if !ok {
			return false
		}
	}
	return true
}

// Write prints the report as a table: one column per part and one for all.
func (r *Report) Write(w io.Writer) {
	dev, held := r.Parts[Dev], r.Parts[HeldOut]
	fmt.Fprintf(w, "%d documents: dev %d (for tuning), held-out %d (not tuned on)\n", r.All.Docs, dev.Docs, held.Docs)
	fmt.Fprintf(w, "%-20s %-22s %-22s %-22s %s\n", "figure", "dev", "held-out", "all", "aim")
	fd, fh, fa := dev.Figures(), held.Figures(), r.All.Figures()
	cell := func(f Figure) string { return fmt.Sprintf("%5.1f %% (%d/%d)", f.Percent(), f.Num, f.Den) }
	for i := range fa {
		fmt.Fprintf(w, "%-20s %-22s %-22s %-22s %s\n", fa[i].Name, cell(fd[i]), cell(fh[i]), cell(fa[i]), fa[i].Aim)
	}
}

// gold is one gold entity (coreference chain) of a document.
type gold struct {
	id       string
	typ      string
	first    int      // index of its first mention
	mentions []int    // indexes into EntityDoc.Mentions
	names    []string // normalised names of its named mentions
	pronOnly bool     // every mention is a pronoun
	identity string   // Wikipedia title of the entity, "" when none
}

// alignment is a node span aligned with a gold mention.
type alignment struct {
	node, mention int
}

// Score measures one article made from document d. When details is not
// nil, every error found is written to it, one per line.
func Score(d *conllu.EntityDoc, a *graph.Article, details io.Writer) Counts {
	c := Counts{Docs: 1}
	// Entity nodes: concepts (common-noun arguments) are not entities.
	nodes := make([]graph.Entity, 0, len(a.Entities))
	for _, e := range a.Entities {
		if e.Type != graph.Concept {
			nodes = append(nodes, e)
		}
	}
	note := func(format string, args ...any) {
		if details != nil {
			fmt.Fprintf(details, format+"\n", args...)
		}
	}
	// Gold entities.
	var golds []*gold
	byID := map[string]*gold{}
	pron := make([]bool, len(d.Mentions))
	for i, m := range d.Mentions {
		pron[i] = isPronounMention(d, m)
		g := byID[m.Entity]
		if g == nil {
			g = &gold{id: m.Entity, typ: m.Type, first: i, pronOnly: true}
			byID[m.Entity] = g
			golds = append(golds, g)
		}
		g.mentions = append(g.mentions, i)
		if m.Identity != "" {
			g.identity = m.Identity
		}
		if !pron[i] {
			g.pronOnly = false
		}
		if named(d, m) {
			g.names = append(g.names, mentionNames(d, m)...)
		}
	}
	// Align every node span with at most one gold mention (see align).
	var aligned []alignment
	for n, e := range nodes {
		for _, sp := range e.Spans {
			if i := align(d, sp); i >= 0 {
				aligned = append(aligned, alignment{n, i})
			}
		}
	}
	// Nodes ↔ gold entities through mentions that are not pronouns.
	nodeGold := make([]map[*gold]int, len(nodes))
	goldNodes := map[*gold]map[int]bool{}
	for _, al := range aligned {
		if pron[al.mention] {
			continue
		}
		g := byID[d.Mentions[al.mention].Entity]
		if nodeGold[al.node] == nil {
			nodeGold[al.node] = map[*gold]int{}
		}
		nodeGold[al.node][g]++
		if goldNodes[g] == nil {
			goldNodes[g] = map[int]bool{}
		}
		goldNodes[g][al.node] = true
	}
	// main returns the gold entity most of a node's spans align with.
	mainGold := func(n int) *gold {
		var best *gold
		for g, k := range nodeGold[n] {
			if best == nil || k > nodeGold[n][best] || k == nodeGold[n][best] && g.first < best.first {
				best = g
			}
		}
		return best
	}

	// Named entities: recall, splitting, types.
	for _, g := range golds {
		if len(g.names) == 0 {
			continue
		}
		c.Named++
		ns := sortedKeys(goldNodes[g])
		if len(ns) > 0 {
			c.NamedAligned++
			if len(ns) > 1 {
				c.Split++
				var names []string
				for _, n := range ns {
					names = append(names, fmt.Sprintf("%s %q", nodes[n].Type, nodes[n].Name))
				}
				note("split: %s %q over %d nodes: %s", g.typ, g.names[0], len(ns), strings.Join(names, ", "))
			}
		}
		found := -1
		for _, n := range ns {
			if hasName(nodes[n], g.names) && (found < 0 || nodeGold[n][g] > nodeGold[found][g]) {
				found = n
			}
		}
		if found < 0 {
			var names []string
			for _, n := range ns {
				names = append(names, fmt.Sprintf("%s %q", nodes[n].Type, nodes[n].Name))
			}
			if len(names) == 0 {
				names = append(names, "no node")
			}
			note("missed: %s %q (%s)", g.typ, g.names[0], strings.Join(names, ", "))
			continue
		}
		c.Recalled++
		if class := goldClass(g.typ); class != "" {
			c.Typed++
			if nodeClass(nodes[found].Type) == class || countryActing(g, nodes[found].Type) {
				c.TypeOK++
			} else {
				note("type: %s %q is a %s node", g.typ, g.names[0], nodes[found].Type)
			}
		}
	}

	// Nodes: merging and junk.
	for n, e := range nodes {
		c.Nodes++
		if len(nodeGold[n]) > 0 {
			c.Aligned++
			if len(nodeGold[n]) > 1 {
				c.Merged++
				var ids []string
				for g := range nodeGold[n] {
					ids = append(ids, fmt.Sprintf("%s:%s", g.typ, d.Mentions[g.first].Text(d)))
				}
				sort.Strings(ids)
				note("merged: node %s %q covers %d gold entities: %s", e.Type, e.Name, len(ids), strings.Join(ids, "; "))
			}
		}
		individual := false
		if g := mainGold(n); g != nil && len(g.mentions) >= 2 && individualType[g.typ] {
			individual = true
		}
		if junk(e.Name, individual) {
			c.Junk++
			note("junk: node %s %q", e.Type, e.Name)
		}
	}

	// Pronouns.
	pronNodes := make([][]int, len(d.Mentions))
	for _, al := range aligned {
		if pron[al.mention] {
			pronNodes[al.mention] = append(pronNodes[al.mention], al.node)
		}
	}
	for i, m := range d.Mentions {
		if !pron[i] || !thirdPerson[strings.ToLower(m.Text(d))] || byID[m.Entity].pronOnly {
			continue
		}
		c.Pronouns++
		if len(pronNodes[i]) == 0 {
			note("pronoun unresolved: %q in %q", m.Text(d), d.Sentences[m.Sent].Text)
			continue
		}
		c.PronResolved++
		ok := false
		for _, n := range pronNodes[i] {
			ok = ok || mainGold(n) == byID[m.Entity]
		}
		if ok {
			c.PronOK++
		} else {
			note("pronoun wrong: %q → %q in %q", m.Text(d), nodes[pronNodes[i][0]].Name, d.Sentences[m.Sent].Text)
		}
	}
	return c
}

// align returns the gold mention a node's mention span stands for, -1 for
// none: the span's head by the gold syntax (the first gold token
// overlapping the span whose head does not), then the smallest gold mention
// containing that token (of those, one headed by it first). A span that is
// one pronoun aligns only with a mention headed by it.
func align(d *conllu.EntityDoc, sp graph.Span) int {
	si := sort.Search(len(d.Sentences), func(i int) bool { return d.Sentences[i].End > sp.Start })
	if si == len(d.Sentences) {
		return -1
	}
	toks := d.Sentences[si].Tokens
	in := func(i int) bool { return i >= 0 && i < len(toks) && toks[i].Start < sp.End && toks[i].End > sp.Start }
	head := -1
	for i := range toks {
		if in(i) && !in(toks[i].Head-1) {
			head = i
			break
		}
	}
	if head < 0 {
		return -1
	}
	// A span that is one pronoun stands for that pronoun only: "their"
	// resolved to a node is no mention of "their own Polaroid".
	onlyPron := toks[head].UPOS == "PRON" && !in(head-1) && !in(head+1)
	best := -1
	for i, m := range d.Mentions {
		if m.Sent != si || head < m.Start || head >= m.End || onlyPron && m.Head != head {
			continue
		}
		if best < 0 {
			best = i
			continue
		}
		b := d.Mentions[best]
		if l, lb := m.End-m.Start, b.End-b.Start; l < lb || l == lb && m.Head == head && b.Head != head {
			best = i
		}
	}
	return best
}

func sortedKeys(m map[int]bool) []int {
	out := make([]int, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Ints(out)
	return out
}

// individualType are the etypes of the things an article can keep talking
// about without naming them ("one prisoner … he"): such a chain may be a
// node with a common-noun label.
var individualType = map[string]bool{"person": true, "organization": true, "place": true, "animal": true}

// thirdPerson are the pronouns the pronoun figure counts.
var thirdPerson = setOf("he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself",
	"they", "them", "their", "theirs", "themselves")

// allPronouns are the words that are never an entity's name.
var allPronouns = setOf("i", "me", "my", "mine", "myself", "you", "your", "yours", "yourself", "yourselves",
	"we", "us", "our", "ours", "ourselves", "he", "him", "his", "himself", "she", "her", "hers", "herself",
	"it", "its", "itself", "they", "them", "their", "theirs", "themselves", "this", "that", "these", "those",
	"who", "whom", "whose", "which", "what", "one", "ones", "some", "someone", "somebody", "something", "anyone",
	"anything", "everyone", "everything", "nobody", "nothing", "none", "all", "both", "each", "either", "neither",
	"other", "others", "another", "here", "there")

func setOf(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// isPronounMention reports whether a gold mention is one pronoun.
func isPronounMention(d *conllu.EntityDoc, m conllu.Mention) bool {
	if m.End-m.Start != 1 {
		return false
	}
	t := d.Sentences[m.Sent].Tokens[m.Start]
	return t.UPOS == "PRON" || allPronouns[strings.ToLower(t.Form)] && t.UPOS == "DET"
}

// named reports whether a gold mention names its entity: its head is a
// proper noun and it is not a time (days and months are proper nouns) nor
// an abstract entity (languages, doctrines, title-case headings).
func named(d *conllu.EntityDoc, m conllu.Mention) bool {
	return d.Sentences[m.Sent].Tokens[m.Head].UPOS == "PROPN" && m.Type != "time" && m.Type != "abstract"
}

// connectors may join the proper nouns of one name ("Bank of America",
// "AT&T", "Jean - Claude").
var connectors = setOf("of", "&", "-", "and", "de", "del", "della", "da", "do", "dos", "du", "la", "le", "van", "von", "der", "den", "al", "el", "bin", "ibn", "y", "'s", "’s", "the", "for", "on")

// mentionNames returns the normalised names a named mention gives its
// entity: the whole mention, and its proper-noun core (the run of proper
// nouns around its head, with connectors between them).
func mentionNames(d *conllu.EntityDoc, m conllu.Mention) []string {
	toks := d.Sentences[m.Sent].Tokens
	propn := func(i int) bool { return i >= m.Start && i < m.End && toks[i].UPOS == "PROPN" }
	i, j := m.Head, m.Head+1
	for {
		switch {
		case propn(i - 1):
			i--
			continue
		case i-2 >= m.Start && connectors[strings.ToLower(toks[i-1].Form)] && propn(i-2):
			i -= 2
			continue
		}
		break
	}
	for {
		switch {
		case propn(j):
			j++
			continue
		case j+1 < m.End && connectors[strings.ToLower(toks[j].Form)] && propn(j+1):
			j += 2
			continue
		}
		break
	}
	whole := normName(m.Text(d))
	core := normName(d.Text[toks[i].Start:toks[j-1].End])
	names := []string{whole}
	if core != whole {
		names = append(names, core)
	}
	// A title GUM tags as a proper noun ("Mr. Rohatgi", "Judge Gass",
	// "President Sean Mills"): the name without it is the person's name too.
	if ws := strings.Fields(core); len(ws) > 1 && nameTitles[strings.TrimSuffix(ws[0], ".")] {
		names = append(names, strings.Join(ws[1:], " "))
	}
	return names
}

// nameTitles are the titles a person's name may be written with or without.
var nameTitles = setOf("mr", "mrs", "ms", "miss", "mister", "dr", "doctor", "prof", "professor", "judge", "justice",
	"president", "senator", "sen", "rep", "congressman", "congresswoman", "governor", "gov", "mayor", "captain", "capt",
	"general", "gen", "colonel", "col", "sergeant", "sgt", "lieutenant", "lt", "officer", "detective", "inspector",
	"chancellor", "minister", "secretary", "chairman", "coach", "rev", "reverend")

// normName folds a name for comparison: lower case, one space between
// words, typographic apostrophes made plain, a leading determiner and a
// trailing possessive dropped.
func normName(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(strings.ReplaceAll(s, "’", "'")), " "))
	for _, det := range []string{"the ", "a ", "an "} {
		s = strings.TrimPrefix(s, det)
	}
	s = strings.TrimSuffix(s, "'s")
	s = strings.TrimSuffix(s, "'")
	return strings.TrimSpace(s)
}

// hasName reports whether the node's label or one of its aliases is one of
// the names.
func hasName(e graph.Entity, names []string) bool {
	for _, l := range append([]string{e.Name}, e.Aliases...) {
		l = normName(l)
		for _, n := range names {
			if l == n {
				return true
			}
		}
	}
	return false
}

// goldClass maps a GUM etype to the class whose types are checked; "" for
// etypes the type figure leaves out.
func goldClass(etype string) string {
	switch etype {
	case "person", "organization", "place", "event":
		return etype
	}
	return ""
}

// countryActing reports whether a node typed Country stands for a gold
// organization that is a country: GUM types a country acting ("North Korea
// sent troops") as an organization, newsgraph keeps one type per entity and
// a country is a Country. The gold entity's Wikipedia title must be a
// country of the bundled knowledge base (data/kb/bundled.tsv).
func countryActing(g *gold, nodeType string) bool {
	return g.typ == "organization" && nodeType == "Country" && g.identity != "" &&
		kbCountries()[strings.ToLower(strings.ReplaceAll(g.identity, "_", " "))]
}

var kbCountries = sync.OnceValue(func() map[string]bool {
	out := map[string]bool{}
	for _, line := range strings.Split(data.BundledKB, "\n") {
		if f := strings.Split(line, "\t"); len(f) > 3 && f[2] == "Country" {
			out[strings.ToLower(f[3])] = true
		}
	}
	return out
})

// nodeClass maps a node type (schema.org class name) to a GUM etype class.
func nodeClass(t string) string {
	switch t {
	case "Person", "Group", "PeopleAudience":
		return "person"
	case "Organization", "Corporation", "GovernmentOrganization", "NGO", "EducationalOrganization",
		"SportsOrganization", "SportsTeam", "NewsMediaOrganization", "PoliticalParty", "MusicGroup", "Airline":
		return "organization"
	case "Place", "Country", "City", "State", "AdministrativeArea", "Continent", "Landform", "BodyOfWater",
		"LandmarksOrHistoricalBuildings", "TouristAttraction", "CivicStructure":
		return "place"
	case "Event":
		return "event"
	}
	return ""
}

// junk reports whether a node's label makes it no entity: empty, no letter
// (punctuation, a number, a currency sign), a pronoun, or a common-noun
// phrase (no capital letter once a leading determiner is dropped) unless
// the node stands for an individual the article keeps talking about.
func junk(label string, individual bool) bool {
	l := strings.TrimSpace(label)
	if !strings.ContainsFunc(l, unicode.IsLetter) {
		return true
	}
	if allPronouns[strings.ToLower(l)] {
		return true
	}
	words := strings.Fields(l)
	if len(words) > 1 {
		switch strings.ToLower(words[0]) {
		case "the", "a", "an":
			words = words[1:]
		}
	}
	capital := false
	for _, w := range words {
		capital = capital || strings.ContainsFunc(w, unicode.IsUpper)
	}
	return !capital && !individual
}
