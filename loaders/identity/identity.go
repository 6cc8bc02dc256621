// Package identity decides store-wide entity identity: which of the
// entities the articles wrote (graph.OriginalEntity) are one real-world
// entity. Resolve is the graph.Resolver that `newsgraph resolve` runs
// (through graph.Store.Reidentify); it sees the whole store at once and
// sorts its input, so its answer does not depend on the order articles
// were ingested in.
//
// The rules, in order (each joins groups, never splits them):
//  1. entities linked to the same Wikidata item are one;
//  2. entities with the same canonical name (link.Norm of a label: "U.S."
//     and "US", "Zelenskiy" and "zelenskiy") and compatible types are one;
//     "Jordan" the country and "Jordan" a person stay apart;
//     an entity named by titles glued before one person's full name
//     ("United States Donald Trump") is that person;
//  3. a name that is an alias of exactly one other group (another article
//     resolved "Zelenskyy" as an alias of "Volodymyr Zelenskiy") joins it;
//  4. a one-word name joins the one group it can be a short form of: a
//     person's surname ("Obama" → "Barack Obama"), the first word of an
//     organisation's name ("Apple" → "Apple Inc."); when it could be a short
//     form of several (Barack and Michelle Obama), it stays apart, also
//     when one of them already has it as an alias (rule 3 leaves such
//     short-form aliases to this rule) — unless one of them is in far more
//     documents than all the others together (link.Dominance times, at
//     least link.MinDominantDocs: Donald Trump, not Mary Trump), as
//     link.Join decides at ingest.
//
// Two entities of one article are never joined: the article's own
// resolution kept them apart with more evidence than a name.
// Common-noun things (id:thing/…, id:concept/…) and individuals only
// their article knows (graph.LocalEntityIRI) are never joined by name.
package identity

import (
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/cayleygraph/quad"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/loaders/link"
)

type node struct {
	e      *graph.OriginalEntity
	parent int
	docs   map[quad.IRI]bool
	types  map[string]bool
	thing  bool // a group of capitalised one-word things only: joins named entities, not another such group
}

type groups struct {
	nodes []*node
	ents  []graph.OriginalEntity
}

func (g *groups) find(i int) int {
	for g.nodes[i].parent != i {
		g.nodes[i].parent = g.nodes[g.nodes[i].parent].parent
		i = g.nodes[i].parent
	}
	return i
}

// union joins the groups of i and j unless they share a document or their
// types clash; it reports whether they are one group now.
func (g *groups) union(i, j int) bool { return g.join(i, j, false) }

// join is union; anyType joins whatever the types (the same Wikidata item).
func (g *groups) join(i, j int, anyType bool) bool {
	ri, rj := g.find(i), g.find(j)
	if ri == rj {
		return true
	}
	a, b := g.nodes[ri], g.nodes[rj]
	for d := range b.docs {
		if a.docs[d] {
			return false
		}
	}
	if !anyType && !compatible(a.types, b.types) || a.thing && b.thing {
		return false
	}
	if rj < ri {
		ri, rj, a, b = rj, ri, b, a
	}
	b.parent = ri
	a.thing = a.thing && b.thing
	for d := range b.docs {
		a.docs[d] = true
	}
	for t := range b.types {
		a.types[t] = true
	}
	return true
}

// Resolve groups the original entities (see the package comment); each
// group comes with the IRI to keep first: the Wikidata-linked IRI, else
// the one with the longest name, the most documents, the most mentions,
// the smallest IRI.
func Resolve(ents []graph.OriginalEntity) [][]quad.IRI {
	sorted := append([]graph.OriginalEntity(nil), ents...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].IRI < sorted[j].IRI })
	g := &groups{ents: sorted}
	var named []int
	for i := range sorted {
		e := &sorted[i]
		n := &node{e: e, parent: i, docs: map[quad.IRI]bool{}, types: map[string]bool{}}
		for _, d := range e.Docs {
			n.docs[d] = true
		}
		for _, t := range e.Types {
			if t != "Thing" {
				n.types[t] = true
			}
		}
		g.nodes = append(g.nodes, n)
		iri := string(e.IRI)
		switch {
		case strings.HasPrefix(iri, graph.EntityNS+"thing/"):
			// A capitalised word the recogniser left unclassified ("Trump")
			// may be a stored name, as link.Join decides at ingest; two such
			// words are never joined with each other.
			if capitalisedWord(e.Labels) {
				n.thing = true
				named = append(named, i)
			}
		case strings.HasPrefix(iri, graph.EntityNS) && !strings.HasPrefix(iri, graph.EntityNS+"concept/"):
			named = append(named, i) // not a common noun, nor an individual only its article knows (a document's IRI)
		}
	}

	// 1. The same Wikidata item.
	byQID := map[string]int{}
	for _, i := range named {
		for _, s := range sorted[i].SameAs {
			if !strings.HasPrefix(s, link.WikidataNS) {
				continue
			}
			if j, ok := byQID[s]; ok {
				g.join(j, i, true)
			} else {
				byQID[s] = i
			}
		}
	}

	// 2. The same canonical name, compatible types.
	byName := map[string][]int{}
	var keys []string
	for _, i := range named {
		for _, k := range nameKeys(sorted[i]) {
			if len(byName[k]) == 0 {
				keys = append(keys, k)
			}
			byName[k] = append(byName[k], i)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		is := byName[k]
		for x := 1; x < len(is); x++ {
			for y := 0; y < x; y++ {
				if g.union(is[y], is[x]) {
					break
				}
			}
		}
	}

	// 2b. An entity whose name is titles glued before the full name of
	// one person group ("United States Donald Trump", a place to the
	// recogniser) is that person, as link.Join decides at ingest (which
	// also makes it a person).
	for _, i := range named {
		for _, l := range sorted[i].Labels {
			rest, ok := link.Unprefixed(l)
			if !ok || !strings.Contains(link.Norm(rest), " ") {
				continue
			}
			var persons []int
			for _, j := range byName[link.Norm(rest)] {
				if r := g.find(j); g.nodes[r].types["Person"] && !slices.Contains(persons, r) {
					persons = append(persons, r)
				}
			}
			if len(persons) == 1 {
				g.join(persons[0], i, true)
			}
		}
	}

	// 3. A name that is an alias of exactly one other group. An alias
	// that is a short form of the entity's own name (Barack Obama's
	// "Obama") is left to rule 4, which knows whether another entity
	// (Michelle Obama) has that short form too.
	byAlias := map[string][]int{}
	for _, i := range named {
		short := g.shortForms(i)
		for _, a := range sorted[i].Aliases {
			if k := link.Norm(a); k != "" && !slices.Contains(short, k) {
				byAlias[k] = append(byAlias[k], i)
			}
		}
	}
	for _, i := range named {
		for _, k := range nameKeys(sorted[i]) {
			if j, ok := g.only(i, byAlias[k]); ok {
				g.union(j, i)
			}
		}
	}

	// 4. Short forms: a one-word name joins the one group it can shorten.
	// The one-word name must shorten exactly one group, and not one other
	// than its own: "Obama" already one with Barack Obama (rule 1 or 2)
	// does not join Michelle Obama, the only other candidate.
	byShort := map[string][]int{}
	for _, i := range named {
		for _, k := range g.shortForms(i) {
			byShort[k] = append(byShort[k], i)
		}
	}
	for _, i := range named {
		for _, l := range sorted[i].Labels {
			k := link.Norm(l)
			if strings.Contains(k, " ") || k == "" || !startsUpper(l) {
				continue
			}
			if g.shortensOwn(i, byShort[k]) {
				continue
			}
			if j, ok := g.only(i, byShort[k]); ok {
				g.union(j, i)
			} else if j, ok := g.dominant(i, byShort[k]); ok {
				g.union(j, i)
			}
		}
	}

	// The groups, each with its IRI to keep first.
	members := map[int][]int{}
	for i := range sorted {
		r := g.find(i)
		members[r] = append(members[r], i)
	}
	var out [][]quad.IRI
	for r := range sorted {
		ms := members[r]
		if len(ms) < 2 {
			continue
		}
		sort.SliceStable(ms, func(a, b int) bool { return better(&sorted[ms[a]], &sorted[ms[b]]) })
		grp := make([]quad.IRI, len(ms))
		for k, m := range ms {
			grp[k] = sorted[m].IRI
		}
		out = append(out, grp)
	}
	return out
}

// only returns the one group among cands (other than i's own, type
// compatible with i, sharing no document with it), when there is exactly
// one.
func (g *groups) only(i int, cands []int) (int, bool) {
	ri := g.find(i)
	found := -1
	for _, c := range cands {
		rc := g.find(c)
		if rc == ri || !compatible(g.nodes[ri].types, g.nodes[rc].types) {
			continue
		}
		if found >= 0 && found != rc {
			return 0, false
		}
		found = rc
	}
	return found, found >= 0
}

// dominant returns the group among cands (as in only) that the store
// mentions in far more documents than all the others together
// (link.Dominance times, at least link.MinDominantDocs): the one a bare
// surname means when several people bear it, as link.Join decides at
// ingest.
func (g *groups) dominant(i int, cands []int) (int, bool) {
	ri := g.find(i)
	docs := map[int]int{}
	for _, c := range cands {
		rc := g.find(c)
		if rc == ri || !compatible(g.nodes[ri].types, g.nodes[rc].types) {
			continue
		}
		docs[rc] = len(g.nodes[rc].docs)
	}
	best, rest := -1, 0
	for r, n := range docs {
		if best < 0 || n > docs[best] || n == docs[best] && r < best {
			best = r
		}
	}
	for r, n := range docs {
		if r != best {
			rest += n
		}
	}
	if best < 0 || len(docs) < 2 || docs[best] < link.MinDominantDocs || docs[best] < link.Dominance*rest {
		return 0, false
	}
	return best, true
}

// shortForms are the one-word forms of entity i's names that rule 4 joins
// on: a person's surname, an organisation's first word.
func (g *groups) shortForms(i int) []string {
	var out []string
	for _, l := range g.ents[i].Labels {
		words := strings.Fields(link.Norm(l))
		if len(words) < 2 {
			continue
		}
		var k string
		switch primaryType(g.nodes[i].types) {
		case "Person":
			k = words[len(words)-1]
		case "Organization":
			k = words[0]
		}
		if k != "" && !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}

// shortensOwn reports whether one of cands (the entities a one-word name
// of i can shorten) is in i's own group already.
func (g *groups) shortensOwn(i int, cands []int) bool {
	ri := g.find(i)
	for _, c := range cands {
		if c != i && g.find(c) == ri {
			return true
		}
	}
	return false
}

func nameKeys(e graph.OriginalEntity) []string {
	var out []string
	seen := map[string]bool{}
	for _, l := range e.Labels {
		if k := link.Norm(l); k != "" && !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}

// families are the types a recogniser confuses with each other.
var families = map[string]string{
	"Place": "place", "Country": "place", "City": "place", "AdministrativeArea": "place",
	"Organization": "org", "Group": "org",
}

// compatible: no types on one side, a shared type, or types of one family.
func compatible(a, b map[string]bool) bool {
	if len(a) == 0 || len(b) == 0 {
		return true
	}
	for x := range a {
		for y := range b {
			if x == y || families[x] != "" && families[x] == families[y] {
				return true
			}
		}
	}
	return false
}

func primaryType(types map[string]bool) string {
	for _, t := range []string{"Person", "Organization", "Country", "City", "Place", "Group"} {
		if types[t] {
			return t
		}
	}
	return ""
}

// capitalisedWord reports whether every label is one word starting with
// a capital.
func capitalisedWord(labels []string) bool {
	for _, l := range labels {
		if len(strings.Fields(l)) != 1 || !startsUpper(l) {
			return false
		}
	}
	return len(labels) > 0
}

func startsUpper(s string) bool {
	for _, r := range s {
		return unicode.IsUpper(r)
	}
	return false
}

// better orders the members of a group: the one to keep first.
func better(a, b *graph.OriginalEntity) bool {
	wa, wb := strings.HasPrefix(string(a.IRI), graph.EntityNS+"wd/"), strings.HasPrefix(string(b.IRI), graph.EntityNS+"wd/")
	if wa != wb {
		return wa
	}
	if la, lb := words(a), words(b); la != lb {
		return la > lb
	}
	if len(a.Docs) != len(b.Docs) {
		return len(a.Docs) > len(b.Docs)
	}
	if a.Mentions != b.Mentions {
		return a.Mentions > b.Mentions
	}
	return a.IRI < b.IRI
}

// words is the number of words of e's longest label, titles glued before
// a name left out ("United States Joe Biden" has two).
func words(e *graph.OriginalEntity) int {
	n := 0
	for _, l := range e.Labels {
		if r, ok := link.Unprefixed(l); ok {
			l = r
		}
		n = max(n, len(strings.Fields(l)))
	}
	return n
}
