package link

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
)

// Mention is what the scorer knows of an entity of the article.
type Mention struct {
	Name string // the surface form looked up: the canonical name or one alias
	Type string // the entity's type from resolution ("Country", "Person", …)
}

// Context is what the article says around its entities: the items already
// linked in it and the countries they lie in. The zero Context is empty.
type Context struct {
	// Linked holds the IDs of items other entities of the article are
	// linked to.
	Linked map[string]bool
	// Countries holds the IDs of the countries of those items (a country's
	// own ID for a country), so a city is preferred in a country the
	// article talks about.
	Countries map[string]bool
	// weight counts the mentions of each country's items (AddMentions).
	weight map[string]int
}

// Add records a linked item in the context.
func (c *Context) Add(it Item) { c.AddMentions(it, 1) }

// AddMentions records a linked item mentioned n times in the article.
func (c *Context) AddMentions(it Item, n int) {
	if c.Linked == nil {
		c.Linked, c.Countries, c.weight = map[string]bool{}, map[string]bool{}, map[string]int{}
	}
	c.Linked[it.ID] = true
	if it.Country != "" {
		c.Countries[it.Country] = true
	}
	country := it.Country
	if it.Type == Country {
		c.Countries[it.ID] = true
		country = it.ID // a territory weighs for itself, not its sovereign
	}
	if country != "" {
		c.weight[country] += max(n, 1)
	}
}

// About reports whether the article talks about country much: its linked
// items are mentioned at least half as often as those of the country it
// mentions most.
func (c *Context) About(country string) bool {
	if c == nil || c.weight[country] == 0 {
		return false
	}
	most := 0
	for _, n := range c.weight {
		most = max(most, n)
	}
	return 2*c.weight[country] >= most
}

// Features are what a link was decided on, each in [0, 1].
type Features struct {
	Match   Match   // how the name matched
	Name    float64 // name match: 1 for the label, less for other names, codes and demonyms
	Type    float64 // compatibility of the entity's type with the item's
	Context float64 // 1 when the article names the item's country or the item itself elsewhere
	Prior   float64 // the item's popularity (Item.Prior)
}

// String renders the features as "match=label name=1.00 type=1.00
// context=0.00 prior=0.80", the form stored with a link.
func (f Features) String() string {
	return fmt.Sprintf("match=%s name=%.2f type=%.2f context=%.2f prior=%.2f",
		f.Match, f.Name, f.Type, f.Context, f.Prior)
}

// Weights of the features in a score; they sum to 1.
const (
	WeightName    = 0.55
	WeightType    = 0.25
	WeightContext = 0.10
	WeightPrior   = 0.10
)

// Threshold is the lowest score that makes a link; Margin is how far the
// best candidate must score above the best one for a different item.
const (
	Threshold = 0.65
	Margin    = 0.05
)

// Score scores one candidate for a mention: a weighted sum of its
// features, 0 when the name or the type rules the candidate out (a code
// not written in capitals, a demonym for anything but a group, a person
// for a place).
func Score(m Mention, c Candidate, ctx *Context) (float64, Features) {
	f := Features{Match: c.Match, Prior: clamp(c.Item.Prior)}
	switch c.Match {
	case MatchLabel:
		f.Name = 1
	case MatchName:
		f.Name = 0.9
	case MatchCode:
		if isCaps(m.Name) {
			f.Name = 0.85
		}
	case MatchDemonym:
		if m.Type == Group || m.Type == Thing {
			f.Name = 0.9
		}
	}
	if f.Name > 0 && !hasUpper(m.Name) {
		f.Name *= 0.5 // "china" the material, "turkey" the bird
	}
	f.Type = TypeCompat(m.Type, c.Item.Type)
	if c.Match == MatchDemonym && f.Name > 0 {
		f.Type = 1 // a group named by demonym is the country's people
	}
	if ctx != nil {
		switch {
		case ctx.Linked[c.Item.ID]:
			f.Context = 1
		case c.Item.Country != "" && ctx.Countries[c.Item.Country]:
			f.Context = 1
		}
	}
	if c.Match == MatchCode && letters(m.Name) <= 2 && f.Context == 0 {
		// "IT", "CC", "IE": two capitals are a country code only when the
		// article talks about that country elsewhere. The usual short forms
		// ("US", "UK", "EU") are names, not codes, in the bundled KB.
		f.Name = 0
	}
	if letters(m.Name) < 2 {
		f.Name = 0 // "M"
	}
	if institution(c.Item) && c.Match == MatchName && shortForm(m.Name, c.Item.Label) &&
		!ctx.About(c.Item.Country) {
		// "Congress", "the Senate", "Supreme Court": a national institution's
		// short name is that country's institution only in an article
		// about that country (not in one about the Philippines that names
		// the US once).
		f.Name = 0
	}
	if c.Item.Prior == 0 && (c.Item.Type == City || c.Item.Type == Place) && f.Context == 0 {
		// A place nobody links to (no sitelinks; a town named like a first
		// name, "Mary", "Pierre") only in context.
		f.Name = 0
	}
	if f.Name == 0 || f.Type == 0 {
		return 0, f
	}
	s := WeightName*f.Name + WeightType*f.Type + WeightContext*f.Context + WeightPrior*f.Prior
	return s, f
}

// Decision is the outcome of linking one mention: the best candidate, its
// score and features.
type Decision struct {
	Item     Item
	Score    float64
	Features Features
}

// Best scores every candidate and returns the best one when it reaches
// Threshold and beats the best candidate for any other item by Margin;
// ok is false otherwise (no link).
func Best(m Mention, cands []Candidate, ctx *Context) (d Decision, ok bool) {
	type scored struct {
		Decision
		i int
	}
	var all []scored
	for i, c := range cands {
		s, f := Score(m, c, ctx)
		if s > 0 {
			all = append(all, scored{Decision{c.Item, s, f}, i})
		}
	}
	if len(all) == 0 {
		return Decision{}, false
	}
	sort.SliceStable(all, func(a, b int) bool {
		if all[a].Score != all[b].Score {
			return all[a].Score > all[b].Score
		}
		return all[a].Item.ID < all[b].Item.ID
	})
	best := all[0]
	if best.Score < Threshold {
		return Decision{}, false
	}
	for _, o := range all[1:] {
		if o.Item.ID != best.Item.ID {
			if best.Score-o.Score < Margin {
				return Decision{}, false
			}
			break
		}
	}
	return best.Decision, true
}

// TypeCompat is how compatible an entity of type ours is with an item of
// type theirs, in [0, 1]: 1 for the same type, less for types a recogniser
// confuses or a metonymy bridges (a country acting as an organisation), 0
// for a person and anything else.
func TypeCompat(ours, theirs string) float64 {
	if ours == theirs {
		return 1
	}
	if ours == "" || theirs == "" || ours == Thing || theirs == Thing {
		return 0.5
	}
	if ours == Person || theirs == Person {
		return 0
	}
	pair := ours + "/" + theirs
	switch pair {
	case Place + "/" + Country, Country + "/" + Place, Place + "/" + City, City + "/" + Place:
		return 0.8
	case Organization + "/" + Country, Country + "/" + Organization,
		Group + "/" + Organization, Organization + "/" + Group:
		return 0.6
	case Organization + "/" + Place, Place + "/" + Organization, Organization + "/" + City, City + "/" + Organization:
		return 0.4
	case Country + "/" + City, City + "/" + Country:
		return 0.3
	}
	return 0.2
}

// institution reports whether it is one of the bundled KB's national
// institutions (kbgen's institutions.tsv): an organisation of one
// country, known by its English Wikipedia title rather than a QID.
func institution(it Item) bool {
	return it.Type == Organization && it.Country != "" && !IsQID(it.ID) && strings.HasPrefix(it.IRI, DBpediaNS)
}

// shortForm reports whether name is a part of label, word for word by
// Norm ("Supreme Court" of "Supreme Court of the United States").
func shortForm(name, label string) bool {
	n, l := strings.Fields(Norm(name)), strings.Fields(Norm(label))
	if len(n) == 0 || len(n) >= len(l) {
		return false
	}
	have := map[string]bool{}
	for _, w := range l {
		have[w] = true
	}
	for _, w := range n {
		if !have[w] {
			return false
		}
	}
	return true
}

// isCaps reports whether s is written like a code: its letters all
// capitals, at least two of them ("UK", "U.S.", "NATO").
func isCaps(s string) bool {
	s = strings.TrimPrefix(strings.TrimSpace(s), "the ")
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			n++
		}
	}
	return n >= 2
}

func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

func hasUpper(s string) bool {
	for _, r := range s {
		if unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

func clamp(f float64) float64 {
	switch {
	case f < 0:
		return 0
	case f > 1:
		return 1
	}
	return f
}
