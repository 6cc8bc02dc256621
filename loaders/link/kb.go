// Package link is the stage after resolution: it links an article's
// entities to the items of a knowledge base (the bundled one compiled from
// Natural Earth, country-coder and SupraVerden; one built from a Wikidata
// dump by `newsgraph kb build`; or a dataset a user imported), gives
// linked entities one IRI per item in every article, and records each
// link's score and the features it was decided on.
//
// A knowledge base is anything that implements KB. Score is the one
// scoring function: every KB's candidates are scored the same way.
package link

import (
	"context"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/newsgraph/newsgraph/loaders/resolve"
)

// Entity types of items: the schema.org class names resolution gives
// graph.Entity.Type.
const (
	Person       = resolve.Person
	Organization = resolve.Organization
	Country      = resolve.Country
	City         = resolve.City
	Place        = resolve.Place
	Group        = resolve.Group
	Thing        = resolve.Thing
)

// WikidataNS is the namespace of Wikidata item IRIs: WikidataNS + "Q159".
const WikidataNS = "http://www.wikidata.org/entity/"

// DBpediaNS is the namespace of DBpedia resources: DBpediaNS + enwiki title
// with spaces as "_".
const DBpediaNS = "http://dbpedia.org/resource/"

// Item is one thing a knowledge base knows: a Wikidata item, or a resource
// of an imported dataset.
type Item struct {
	// ID identifies the item within its KB: "Q159" for Wikidata items, the
	// resource IRI for other datasets.
	ID string
	// IRI is written as owl:sameAs: WikidataNS + "Q159", or the resource.
	IRI string
	// Label is the preferred (English) name: "Russia".
	Label string
	// Names are other names it goes by: aliases, names in other languages,
	// the formal name ("Russian Federation"). Codes and demonyms are apart.
	Names []string
	// Codes are short forms matched only when written in capitals:
	// ISO codes ("RU", "RUS"), abbreviations ("EU", "NATO", "U.S.").
	Codes []string
	// Demonyms name the people of a country ("Russian", "Russians").
	Demonyms []string
	// Type is our entity type (Country, City, Place, Organization, Person,
	// Group, Thing); "" when unknown.
	Type string
	// Country is the ID of the item's country ("" for none or unknown);
	// a country's own ID for countries.
	Country string
	// Capital is the ID of a country's capital city; Capital of a city is
	// the ID of the country it is the capital of. "" otherwise.
	Capital string
	// Lat and Lon are WGS84 coordinates, valid when HasCoord.
	Lat, Lon float64
	HasCoord bool
	// Population, 0 when unknown.
	Population int64
	// Prior is the item's popularity in [0, 1] (sitelinks, population):
	// how likely a name refers to it before any context is seen.
	Prior float64
	// SameAs are other IRIs of the item (the DBpedia resource of its
	// English Wikipedia article).
	SameAs []string
}

// Match says how a name matched an item.
type Match string

// How names match items, best first.
const (
	MatchLabel   Match = "label"   // the item's label
	MatchName    Match = "name"    // one of its other names
	MatchCode    Match = "code"    // a code or abbreviation, written in capitals
	MatchDemonym Match = "demonym" // a demonym of a country ("North Korean")
)

// Candidate is an item a name may refer to, and how the name matched it.
type Candidate struct {
	Item  Item
	Match Match
}

// KB is a knowledge base: it finds the items a name may refer to. Every
// implementation matches names by Norm, so "U.S.", "US" and "the U.S."
// find the same candidates; the scorer then decides (a code must be
// written in capitals, a demonym only links a Group, …).
type KB interface {
	// Candidates returns the items whose label, names, codes or demonyms
	// have the same Norm as name, each with its best Match, in a stable
	// order. An unknown name gives none and no error.
	Candidates(ctx context.Context, name string) ([]Candidate, error)
	// Item returns the item with the given ID; ok is false when there is
	// none.
	Item(ctx context.Context, id string) (it Item, ok bool, err error)
	// Close releases the KB's files.
	Close() error
}

// Norm is the form names are matched in: lower-cased, accents removed,
// a leading "the " dropped, dots and apostrophes removed ("U.S." → "us"),
// other punctuation and runs of spaces made one space. Letters of every
// script are kept.
func Norm(name string) string {
	s := norm.NFD.String(strings.ToLower(strings.TrimSpace(name)))
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == '.' || r == '\'' || r == '’' || r == '\u02bc':
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(fold(r))
		default:
			space = true
		}
	}
	out := b.String()
	out = strings.TrimPrefix(out, "the ")
	return out
}

// fold maps the letters NFD does not decompose.
func fold(r rune) rune {
	switch r {
	case 'ø':
		return 'o'
	case 'ł':
		return 'l'
	case 'đ':
		return 'd'
	case 'ı':
		return 'i'
	case 'ß':
		return 's'
	}
	return r
}
