package graph

import (
	"strings"
	"unicode"
)

// namedKeys returns a, or a copy of it in which every entity whose key has
// no letter or digit in its name part ("Thing/", "Person/_" — what a
// normalisation that keeps only Latin letters makes of "Путин" or "!!!")
// gets a key made from its Name instead, with the article's references to
// it rewritten: such entities would otherwise all share one IRI
// (EntityNS + "thing/") across every article. The Name is kept as written
// (slug percent-encodes what an IRI cannot hold), so different names give
// different IRIs and the same name the same one.
func namedKeys(a *Article) *Article {
	rename := make(map[string]string)
	for _, e := range a.Entities {
		typ, name, ok := strings.Cut(e.Key, "/")
		if !ok {
			typ, name = "thing", e.Key
		}
		if hasAlnum(name) || rename[e.Key] != "" {
			continue
		}
		n := strings.Join(strings.Fields(e.Name), " ")
		if n == "" {
			n = "unnamed"
		}
		rename[e.Key] = typ + "/" + n
	}
	if len(rename) == 0 {
		return a
	}
	c := *a
	c.Entities = append([]Entity(nil), a.Entities...)
	for i := range c.Entities {
		if k, ok := rename[c.Entities[i].Key]; ok {
			c.Entities[i].Key = k
		}
	}
	term := func(t Term) Term {
		if k, ok := rename[t.Entity]; ok {
			t.Entity = k
		}
		return t
	}
	c.Facts = append([]Fact(nil), a.Facts...)
	for i := range c.Facts {
		f := &c.Facts[i]
		f.Subject, f.Object, f.Place = term(f.Subject), term(f.Object), term(f.Place)
		if k, ok := rename[f.Attribution]; ok {
			f.Attribution = k
		}
		if len(f.Args) > 0 {
			f.Args = append([]Arg(nil), f.Args...)
			for j := range f.Args {
				f.Args[j].Term = term(f.Args[j].Term)
			}
		}
	}
	return &c
}

func hasAlnum(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}
