package link

import (
	"context"
	"fmt"
	"strings"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/loaders/resolve"
)

// titles are the words that may stand before a person's name and are no
// part of it: offices, ranks, honorifics, parties and the country of an
// office ("U.S. President Donald Trump", "Democratic candidate Joe Biden",
// "Senate Majority Leader Mitch McConnell", "First Lady Melania Trump").
// Titles that are commonly part of a name are left out: "Lady Gaga",
// "King Charles", "Pope Francis", "Prince Harry" stay as they are. Words
// are in Norm form.
var titles = map[string]bool{
	"us": true, "united": true, "states": true, "american": true, "former": true, "then": true,
	"incumbent": true, "acting": true, "late": true, "president": true, "elect": true, "vice": true,
	"senator": true, "sen": true, "rep": true, "representative": true, "congressman": true,
	"congresswoman": true, "governor": true, "gov": true, "lieutenant": true, "mayor": true,
	"secretary": true, "minister": true, "prime": true, "chancellor": true, "speaker": true,
	"senate": true, "house": true, "majority": true, "minority": true, "leader": true,
	"first": true, "lady": true, "attorney": true, "general": true, "justice": true, "judge": true,
	"chief": true, "candidate": true, "nominee": true, "presidential": true, "democratic": true,
	"republican": true, "libertarian": true, "democrat": true, "mr": true, "mrs": true, "ms": true,
	"dr": true,
}

// personName is the name of a person without the titles before it:
// "U.S. President Donald Trump" → "Donald Trump", "President Trump" →
// "Trump"; name itself when it starts with no title, when only titles
// are left, or when what is left does not start with a capital (a
// description: "former president"). A leading "Lady" counts as a title
// only after "First".
func personName(name string) string {
	ws := strings.Fields(name)
	i := 0
	for i < len(ws)-1 {
		w := Norm(ws[i])
		if !titles[w] || w == "lady" && (i == 0 || Norm(ws[i-1]) != "first") {
			break
		}
		i++
	}
	if i == 0 || !startsUpper(ws[i]) || Norm(strings.Join(ws[i:], " ")) == "" {
		return name
	}
	return strings.Join(ws[i:], " ")
}

// untitle gives an unlinked person named with titles ("U.S. President
// Donald Trump") the key and name of the name proper ("Donald Trump"),
// keeping the title as a role (graph.Entity.Roles): the person is the
// same node as in articles that name them without the title.
// It reports whether it changed e.
func untitle(e *graph.Entity) bool {
	if e.Type != Person || e.Local || strings.HasPrefix(e.Key, "wd/") {
		return false
	}
	n := personName(e.Name)
	if n == e.Name {
		return false
	}
	if t := strings.TrimSpace(strings.TrimSuffix(e.Name, n)); t != "" && !contains(e.Roles, t) {
		e.Roles = append(e.Roles, t) // "U.S. President": a title, not a name
	}
	e.Name = n
	e.Key = resolve.Key(Person, n)
	return true
}

// surnames gives a person untitled to a bare surname ("U.S. President
// Trump" → "Trump") the key of the one person of the article with a full
// name of that surname ("Donald Trump"), so they merge: resolution kept
// them apart only for the title. With several such people (or none) the
// key stays.
func surnames(ents []graph.Entity, untitled []int) (moved []int) {
	for _, i := range untitled {
		e := &ents[i]
		k := graph.NameKey(e.Name)
		if strings.Contains(k, " ") {
			continue
		}
		if j := onlyOther(ents, i, func(o *graph.Entity) bool { return o.Type == Person && lastWord(o.Name) == k }); j >= 0 {
			e.Key = ents[j].Key
			moved = append(moved, i)
		}
	}
	return moved
}

// onlyOther is the index of the one entity other than i (not local) that
// match accepts, counting entities of one key once; -1 when there is
// none or several.
func onlyOther(ents []graph.Entity, i int, match func(o *graph.Entity) bool) int {
	found := -1
	for j := range ents {
		if j == i || ents[j].Local || !match(&ents[j]) {
			continue
		}
		if found >= 0 && ents[found].Key != ents[j].Key {
			return -1
		}
		found = j
	}
	return found
}

// lastWord is the last word of a name of several words, by NameKey; ""
// for a one-word name.
func lastWord(name string) string {
	w := strings.Fields(graph.NameKey(name))
	if len(w) < 2 {
		return ""
	}
	return w[len(w)-1]
}

// descriptors are words the recogniser glues before a name besides titles:
// "British capital London", "US Biden".
var descriptors = map[string]bool{"british": true, "capital": true, "city": true}

// unglue gives an entity whose name is titles or descriptors glued before
// the name of a person or a linked entity of the same article ("United
// States Donald Trump", "US Biden", "British capital London", whatever
// type the recogniser gave it) that entity's key, so they merge.
func unglue(ents []graph.Entity) (moved []int) {
	for i := range ents {
		e := &ents[i]
		if e.Local || len(e.SameAs) > 0 {
			continue
		}
		r, ok := Unprefixed(e.Name)
		if !ok {
			continue
		}
		rest := graph.NameKey(r)
		j := onlyOther(ents, i, func(o *graph.Entity) bool {
			if o.Type == Person {
				return graph.NameKey(o.Name) == rest || lastWord(o.Name) == rest
			}
			return len(o.SameAs) > 0 && graph.NameKey(o.Name) == rest
		})
		if j >= 0 {
			e.Key = ents[j].Key
			moved = append(moved, i)
		}
	}
	return moved
}

// Unprefixed is name without the titles and descriptors glued before it
// ("United States Donald Trump" → "Donald Trump"); ok is false when it
// has none, or what is left does not start with a capital.
func Unprefixed(name string) (string, bool) {
	ws := strings.Fields(name)
	n := 0
	for n < len(ws)-1 && (titles[Norm(ws[n])] || descriptors[Norm(ws[n])]) {
		n++
	}
	if n == 0 || !startsUpper(ws[n]) {
		return "", false
	}
	return strings.Join(ws[n:], " "), true
}

// behind puts the entities at indices moved after the others (keeping
// the order within each part), so merge keeps the name and type of the
// entity they were moved onto.
func behind(ents []graph.Entity, moved []int) []graph.Entity {
	if len(moved) == 0 {
		return ents
	}
	m := map[int]bool{}
	for _, i := range moved {
		m[i] = true
	}
	out := make([]graph.Entity, 0, len(ents))
	for _, pass := range []bool{false, true} {
		for i, e := range ents {
			if m[i] == pass {
				out = append(out, e)
			}
		}
	}
	return out
}

// generics are names that name a different thing in every article unless
// a knowledge base says which: weekdays the recogniser took for names,
// and institutions every country (or state, or city) has. Unlinked, such
// an entity is the article's own (graph.Entity.Local), so the UK's
// "Supreme Court" and Puerto Rico's are not made one by their name. In
// Norm form.
var generics = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true,
	"sunday": true, "january": true, "february": true, "september": true, "october": true, "november": true,
	"december":      true,
	"supreme court": true, "high court": true, "constitutional court": true, "court": true, "senate": true,
	"congress": true, "parliament": true, "house of representatives": true, "house": true,
	"national assembly": true, "assembly": true, "government": true, "police": true, "ministry": true,
	"cabinet": true, "council": true, "city council": true, "embassy": true,
}

// generic reports whether name is one of generics, or a country's embassy
// ("US Embassy": in London and in Baghdad).
func generic(name string) bool {
	k := Norm(name)
	return generics[k] || strings.HasSuffix(k, " embassy")
}

// titleCountries are the countries a person's titles name, in the name
// or in the roles ("US" of "Former US Senator Kay Hagan", "British" of
// "British Prime Minister"): a run of one to three title words that is a
// country's name, code or demonym in the KB, and only that country's.
func (l *Linker) titleCountries(ctx context.Context, e *graph.Entity) ([]Item, error) {
	if e.Type != Person || e.Local {
		return nil, nil
	}
	ws := strings.Fields(e.Name)
	runs := [][]string{ws[:len(ws)-len(strings.Fields(personName(e.Name)))]}
	for _, r := range e.Roles {
		runs = append(runs, strings.Fields(r))
	}
	var out []Item
	for _, ws := range runs {
		its, err := l.countriesIn(ctx, ws)
		if err != nil {
			return nil, err
		}
		out = append(out, its...)
	}
	return out, nil
}

// countriesIn finds the countries runs of one to three of the words ws
// name unambiguously.
func (l *Linker) countriesIn(ctx context.Context, ws []string) ([]Item, error) {
	n := len(ws)
	var out []Item
	for i := 0; i < n; i++ {
		for k := i + 1; k <= n && k <= i+3; k++ {
			span := strings.Join(ws[i:k], " ")
			if !startsUpper(span) {
				continue
			}
			cs, err := l.KB.Candidates(ctx, span)
			if err != nil {
				return nil, fmt.Errorf("link %q: %w", span, err)
			}
			var found *Item
			for _, c := range cs {
				if c.Item.Type != Country || c.Match == MatchCode && !isCaps(span) {
					continue
				}
				if found != nil && found.ID != c.Item.ID {
					found = nil
					break
				}
				found = &c.Item
			}
			if found != nil {
				out = append(out, *found)
			}
		}
	}
	return out, nil
}
