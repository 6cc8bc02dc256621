package link

import (
	"context"
	"fmt"
	"strings"
	"unicode"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/loaders/resolve"
)

// WikidataKey is the Entity.Key of an entity linked to Wikidata item qid:
// "wd/Q159". graph.EntityIRI makes it the one IRI of that item.
func WikidataKey(qid string) string { return "wd/" + qid }

// IsQID reports whether id is a Wikidata item ID ("Q159").
func IsQID(id string) bool {
	if len(id) < 2 || id[0] != 'Q' {
		return false
	}
	for _, r := range id[1:] {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// Linker links the entities of articles to a knowledge base.
type Linker struct {
	KB   KB
	Name string // name of the KB, written with each link (graph.Link.KB)
}

// Article links the entities of one resolved article and returns them with
// the facts rewritten to the new keys. A linked entity gets the key
// WikidataKey(QID) (one IRI per item in every article), the item's type
// and country, owl:sameAs to the item (and its other IRIs) and a
// graph.Link with the score and features. Entities that end up with the
// same IRI are merged. A capital city acting as the subject of a fact or
// as its speaker ("Seoul said") stands for its country's government: the
// fact's subject becomes the country, its text stays "Seoul".
//
// Linking reads only the article and the KB, so the result does not
// depend on other articles or on the order they are ingested in.
func (l *Linker) Article(ctx context.Context, entities []graph.Entity, facts []graph.Fact) ([]graph.Entity, []graph.Fact, error) {
	if l == nil || l.KB == nil || len(entities) == 0 {
		return entities, facts, nil
	}
	cands := make([][]named, len(entities))
	for i := range entities {
		cs, err := l.candidates(ctx, &entities[i])
		if err != nil {
			return nil, nil, err
		}
		cands[i] = cs
	}
	// Pass 1 decides without context; pass 2 again, knowing what pass 1
	// linked (countries and items named elsewhere in the article).
	// An entity's context is what the other entities linked: its own
	// first-pass link is no evidence for itself.
	first := make([]*Item, len(entities))
	for i := range entities {
		if d, ok := decide(&entities[i], cands[i], nil); ok {
			first[i] = &d.Item
		}
	}
	// Countries named in persons' titles ("Former US Senator Kay Hagan")
	// are named by the article too.
	titled := make([][]Item, len(entities))
	for i := range entities {
		its, err := l.titleCountries(ctx, &entities[i])
		if err != nil {
			return nil, nil, err
		}
		titled[i] = its
	}
	decisions := make([]*Decision, len(entities))
	for i := range entities {
		if len(cands[i]) == 0 {
			continue
		}
		var c Context
		for j, it := range first {
			if j != i && it != nil {
				c.AddMentions(*it, entities[j].Mentions)
			}
			if j != i {
				for _, t := range titled[j] {
					c.AddMentions(t, entities[j].Mentions)
				}
			}
		}
		if d, ok := decide(&entities[i], cands[i], &c); ok {
			decisions[i] = &d
		}
	}

	out := make([]graph.Entity, len(entities))
	rekey := map[string]string{}
	var untitled []int
	for i, e := range entities {
		e.Aliases = append([]string(nil), e.Aliases...)
		e.Roles = append([]string(nil), e.Roles...)
		if d := decisions[i]; d != nil {
			l.apply(&e, d)
		}
		if untitle(&e) {
			untitled = append(untitled, i)
		}
		if len(e.SameAs) == 0 && !strings.HasPrefix(e.Key, "wd/") && e.Type != graph.Concept && generic(e.Name) {
			e.Local = true
		}
		e.Key = nameKey(e)
		out[i] = e
	}
	moved := append(surnames(out, untitled), unglue(out)...)
	for i := range out {
		rekey[entities[i].Key] = out[i].Key
	}
	out = behind(out, moved)
	facts = rewrite(facts, rekey)
	out, facts = l.capitals(ctx, out, facts, decisions)
	out, facts = merge(out, facts)
	return out, facts, nil
}

// NamedThing is the key type of a Thing whose name is a proper name the
// recogniser could not classify ("Scientific Reports"): its IRI is the
// name's, as for any named entity, not a Thing's (graph.EntityIRI).
const NamedThing = "Named"

// nameKey gives an unlinked Thing whose name reads as a proper name the
// key of a named entity, so it joins the entity of that name in other
// articles.
func nameKey(e graph.Entity) string {
	typ, name, ok := strings.Cut(e.Key, "/")
	if ok && typ == Thing && properName(e.Name) {
		return NamedThing + "/" + name
	}
	return e.Key
}

// properName reports whether a Thing's name reads as a proper name: words
// that all start with a capital ("Scientific Reports"; "of", "the", … may
// stay small), or one word with a capital inside ("YouTube", "FEC"). A
// single capitalised word ("Protesters" opening a sentence) is not enough:
// it joins a stored entity only by Join's evidence.
func properName(name string) bool {
	ws := strings.Fields(name)
	if len(ws) == 1 {
		rs := []rune(ws[0])
		for _, r := range rs[1:] {
			if unicode.IsUpper(r) {
				return unicode.IsUpper(rs[0])
			}
		}
		return false
	}
	for i, w := range ws {
		if i > 0 && smallWords[strings.ToLower(w)] {
			continue
		}
		if !startsUpper(w) {
			return false
		}
	}
	return len(ws) > 1
}

var smallWords = map[string]bool{"of": true, "the": true, "and": true, "for": true, "de": true, "in": true, "on": true, "&": true}

// named is a candidate found under one of the entity's names.
type named struct {
	name string
	c    Candidate
}

// candidates looks up the entity's canonical name and its proper-name
// aliases (descriptions in lower case are skipped).
func (l *Linker) candidates(ctx context.Context, e *graph.Entity) ([]named, error) {
	var out []named
	seen := map[string]bool{}
	for _, n := range append([]string{e.Name}, e.Aliases...) {
		k := Norm(n)
		if k == "" || seen[k] || !startsUpper(n) {
			continue
		}
		seen[k] = true
		cs, err := l.KB.Candidates(ctx, n)
		if err != nil {
			return nil, fmt.Errorf("link %q: %w", n, err)
		}
		for _, c := range cs {
			out = append(out, named{n, c})
		}
	}
	return out, nil
}

func startsUpper(s string) bool {
	s = strings.TrimPrefix(s, "the ")
	for _, r := range s {
		return unicode.IsUpper(r) || unicode.IsDigit(r)
	}
	return false
}

// decide picks the best candidate over all the entity's names: each item
// scores as the best of the names it was found under, and must beat every
// other item by Margin.
func decide(e *graph.Entity, cs []named, ctx *Context) (Decision, bool) {
	if len(cs) == 0 {
		return Decision{}, false
	}
	// Score every (name, candidate), keep each item's best, then apply
	// Best's threshold and margin over items.
	best := map[string]named{}
	bestScore := map[string]float64{}
	var order []string
	for _, nc := range cs {
		if nc.c.Match == MatchCode && nc.name != e.Name && !isCaps(e.Name) {
			continue // "IE" for "Internet Explorer": the acronym stands for the entity's own name
		}
		s, _ := Score(Mention{Name: nc.name, Type: e.Type}, nc.c, ctx)
		id := nc.c.Item.ID
		if _, ok := best[id]; !ok {
			order = append(order, id)
		} else if s <= bestScore[id] {
			continue
		}
		best[id], bestScore[id] = nc, s
	}
	var d Decision
	var found bool
	for _, id := range order {
		nc := best[id]
		dd, ok := Best(Mention{Name: nc.name, Type: e.Type}, []Candidate{nc.c}, ctx)
		if !ok {
			continue
		}
		if !found || dd.Score > d.Score || dd.Score == d.Score && dd.Item.ID < d.Item.ID {
			d, found = dd, true
		}
	}
	if !found {
		return Decision{}, false
	}
	for _, id := range order {
		if id != d.Item.ID && d.Score-bestScore[id] < Margin {
			return Decision{}, false // another item is as likely
		}
	}
	return d, true
}

// apply writes a decision into the entity.
func (l *Linker) apply(e *graph.Entity, d *Decision) {
	it := d.Item
	if d.Features.Match == MatchDemonym {
		// "North Koreans" are the country's people, not the country: no
		// sameAs, but their country.
		if IsQID(it.ID) {
			e.Country = WikidataKey(it.ID)
		}
		return
	}
	if it.Type != "" && it.Type != Thing {
		e.Type = it.Type // the KB knows better than the recogniser; an unknown class tells nothing
	}
	switch {
	case IsQID(it.ID):
		e.Key = WikidataKey(it.ID)
	case it.Label != "":
		// An item known by its Wikipedia title only (a national
		// institution of the bundled KB): the IRI of its English name, so
		// "Congress" and "U.S. Congress" are "United States Congress".
		e.Key = resolve.Key(e.Type, it.Label)
	}
	if it.Country != "" && it.Country != it.ID && IsQID(it.Country) {
		e.Country = WikidataKey(it.Country)
	}
	targets := append([]string{it.IRI}, it.SameAs...)
	for _, t := range targets {
		if t == "" || contains(e.SameAs, t) {
			continue
		}
		e.SameAs = append(e.SameAs, t)
		e.Links = append(e.Links, graph.Link{Target: t, Score: round(d.Score), Features: d.Features.String(), KB: l.Name})
	}
}

// placeRelations are the relations a capital takes as a place, not as its
// government ("Seoul is the capital", "Seoul hosts the summit").
var placeRelations = map[string]bool{"be": true, "become": true, "have": true, "lie": true, "locate": true,
	"sit": true, "stand": true, "remain": true, "host": true, "border": true, "situate": true, "grow": true}

// capitals makes a capital city that acts (the subject of a fact other
// than a place relation, or the speaker of one) stand for its country.
func (l *Linker) capitals(ctx context.Context, ents []graph.Entity, facts []graph.Fact, ds []*Decision) ([]graph.Entity, []graph.Fact) {
	capOf := map[string]string{} // key of a linked capital → its country's QID
	for i, d := range ds {
		if d != nil && d.Item.Type == City && d.Item.Capital != "" && IsQID(d.Item.Capital) && d.Features.Match != MatchDemonym {
			capOf[ents[i].Key] = d.Item.Capital
		}
	}
	if len(capOf) == 0 {
		return ents, facts
	}
	country := func(cityKey string) string {
		q := capOf[cityKey]
		k := WikidataKey(q)
		for i := range ents {
			if ents[i].Key == k {
				return k
			}
		}
		it, ok, err := l.KB.Item(ctx, q)
		if err != nil || !ok {
			return ""
		}
		// The country is not named in the article: add it, linked, with the
		// city's link as its evidence.
		var city *graph.Entity
		for i := range ents {
			if ents[i].Key == cityKey {
				city = &ents[i]
			}
		}
		e := graph.Entity{Key: k, Name: it.Label, Type: Country, SameAs: []string{it.IRI}}
		if city != nil && len(city.Links) > 0 {
			e.Links = []graph.Link{{Target: it.IRI, Score: city.Links[0].Score,
				Features: "capital=" + strings.TrimPrefix(cityKey, "wd/") + " " + city.Links[0].Features, KB: l.Name}}
		}
		ents = append(ents, e)
		return k
	}
	out := make([]graph.Fact, len(facts))
	for i, f := range facts {
		if _, ok := capOf[f.Subject.Entity]; ok && !placeRelations[f.Relation] {
			if k := country(f.Subject.Entity); k != "" {
				f.Subject.Entity = k
				bump(ents, k)
			}
		}
		if _, ok := capOf[f.Attribution]; ok {
			if k := country(f.Attribution); k != "" {
				f.Attribution = k
			}
		}
		out[i] = f
	}
	return ents, out
}

// bump counts one more mention of the entity with key k.
func bump(ents []graph.Entity, k string) {
	for i := range ents {
		if ents[i].Key == k {
			ents[i].Mentions++
			return
		}
	}
}

// rewrite maps the entity keys of facts through rekey.
func rewrite(facts []graph.Fact, rekey map[string]string) []graph.Fact {
	m := func(k string) string {
		if n, ok := rekey[k]; ok {
			return n
		}
		return k
	}
	out := make([]graph.Fact, len(facts))
	for i, f := range facts {
		f.Subject.Entity = m(f.Subject.Entity)
		f.Object.Entity = m(f.Object.Entity)
		f.Place.Entity = m(f.Place.Entity)
		f.Attribution = m(f.Attribution)
		if len(f.Args) > 0 {
			args := make([]graph.Arg, len(f.Args))
			for j, a := range f.Args {
				a.Term.Entity = m(a.Term.Entity)
				args[j] = a
			}
			f.Args = args
		}
		out[i] = f
	}
	return out
}

// merge joins entities that have the same IRI: the first keeps its name
// and type, the others' names become aliases, mentions add up.
func merge(ents []graph.Entity, facts []graph.Fact) ([]graph.Entity, []graph.Fact) {
	at := map[string]int{}
	rekey := map[string]string{}
	var out []graph.Entity
	for _, e := range ents {
		iri := string(graph.EntityIRI(e.Key))
		j, ok := at[iri]
		if !ok {
			at[iri] = len(out)
			out = append(out, e)
			continue
		}
		rekey[e.Key] = out[j].Key
		m := &out[j]
		for _, a := range append([]string{e.Name}, e.Aliases...) {
			if a != m.Name && !contains(m.Aliases, a) {
				m.Aliases = append(m.Aliases, a)
			}
		}
		m.Mentions += e.Mentions
		for _, r := range e.Roles {
			if !contains(m.Roles, r) {
				m.Roles = append(m.Roles, r)
			}
		}
		if m.Country == "" {
			m.Country = e.Country
		}
		for k, s := range e.SameAs {
			if !contains(m.SameAs, s) {
				m.SameAs = append(m.SameAs, s)
				if k < len(e.Links) {
					m.Links = append(m.Links, e.Links[k])
				}
			}
		}
	}
	if len(rekey) == 0 {
		return out, facts
	}
	return out, rewrite(facts, rekey)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// round keeps three decimals, so scores print and compare stably.
func round(f float64) float64 { return float64(int64(f*1000+0.5)) / 1000 }
