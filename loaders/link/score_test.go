package link

import (
	"context"
	"testing"
)

func TestNorm(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"U.S.", "us"},
		{"the United States", "united states"},
		{"The EU", "eu"},
		{"Côte d’Ivoire", "cote divoire"},
		{"  Kyiv ", "kyiv"},
		{"Москва", "москва"},
		{"São Tomé and Príncipe", "sao tome and principe"},
	} {
		if got := Norm(c.in); got != c.want {
			t.Errorf("Norm(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func testKB() *MemKB {
	return NewMemKB([]Item{
		{ID: "Q30", Label: "United States of America", Names: []string{"United States", "US"}, Codes: []string{"USA", "U.S."},
			Demonyms: []string{"American"}, Type: Country, Country: "Q30", Prior: 1},
		{ID: "Q810", Label: "Jordan", Type: Country, Country: "Q810", Prior: 0.6},
		{ID: "Q38", Label: "Italy", Codes: []string{"IT", "ITA"}, Type: Country, Country: "Q38", Prior: 1},
		{ID: "Q8684", Label: "Seoul", Type: City, Country: "Q884", Capital: "Q884", Prior: 0.9},
		{ID: "Q100", Label: "Springfield", Type: City, Country: "Q30", Prior: 0.3},
		{ID: "Q101", Label: "Springfield", Type: City, Country: "Q145", Prior: 0.3},
	})
}

func TestBest(t *testing.T) {
	kb := testKB()
	us := &Context{}
	us.Add(Item{ID: "Q30", Type: Country})
	it := &Context{}
	it.Add(Item{ID: "Q220", Type: City, Country: "Q38"}) // Rome
	for _, c := range []struct {
		name, typ string
		ctx       *Context
		want      string // "" for no link
	}{
		{"the United States", Country, nil, "Q30"},
		{"U.S.", Country, nil, "Q30"},
		{"US", Organization, nil, "Q30"},
		{"us", Thing, nil, ""},            // a code must be in capitals
		{"American", Group, nil, "Q30"},   // demonym → the country
		{"American", Person, nil, ""},     // … but only for a group
		{"Jordan", Person, nil, ""},       // Michael Jordan is no country
		{"Jordan", Country, nil, "Q810"},  //
		{"Seoul", City, nil, "Q8684"},     //
		{"Springfield", City, nil, ""},    // two equal candidates: no link
		{"Springfield", City, us, "Q100"}, // the article is about the US
		{"Nowhere", Place, nil, ""},       // unknown
	} {
		cands, err := kb.Candidates(context.Background(), c.name)
		if err != nil {
			t.Fatal(err)
		}
		d, ok := Best(Mention{Name: c.name, Type: c.typ}, cands, c.ctx)
		got := ""
		if ok {
			got = d.Item.ID
		}
		if got != c.want {
			t.Errorf("Best(%q %s) = %q (%v), want %q", c.name, c.typ, got, d.Features, c.want)
		}
	}
}
