package link

import (
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
// keeping the titled form as an alias: the person is the same node as in
// articles that name them without the title.
// It reports whether it changed e.
func untitle(e *graph.Entity) bool {
	if e.Type != Person || e.Local || strings.HasPrefix(e.Key, "wd/") {
		return false
	}
	n := personName(e.Name)
	if n == e.Name {
		return false
	}
	if !contains(e.Aliases, e.Name) {
		e.Aliases = append(e.Aliases, e.Name)
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
func surnames(ents []graph.Entity, untitled []int) {
	for _, i := range untitled {
		e := &ents[i]
		k := graph.NameKey(e.Name)
		if strings.Contains(k, " ") {
			continue
		}
		found := -1
		for j := range ents {
			w := strings.Fields(graph.NameKey(ents[j].Name))
			if j == i || ents[j].Type != Person || ents[j].Local || len(w) < 2 || w[len(w)-1] != k {
				continue
			}
			if found >= 0 && ents[found].Key != ents[j].Key {
				found = -2
				break
			}
			found = j
		}
		if found >= 0 {
			e.Key = ents[found].Key
		}
	}
}
