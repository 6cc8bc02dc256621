package resolve

import (
	"slices"
	"strings"

	"github.com/newsgraph/newsgraph/loaders/nlp"
)

// nestedNames finds the places and other entities named inside the name of
// an organisation, event or place ("University of Chicago" → Chicago,
// "University of California, Berkeley" → California, Berkeley) and counts
// them as mentions of their own entity: a place the article names elsewhere
// with that very name, or a country, city or region the bundled knowledge
// base knows. The tokens stay the outer name's (facts attach to it).
// Leading words ("Houston Astros" → Houston, "Cannes Film Festival" →
// Cannes) count in the names of organisations and events only
// (nestedLeading): GUM annotates them as entities of their own in most
// names but not in all ("Cleveland Orchestra"); in names of places ("Columbia
// Falls", "Yucatán Peninsula") they are part of the name.
func (r *resolver) nestedNames() {
	byName := map[string]*cluster{}
	for _, c := range r.clusters {
		if c.mentions == 0 || c.local || c.concept {
			continue
		}
		for _, n := range c.names {
			if k := strings.ToLower(n); byName[k] == nil {
				byName[k] = c
			}
		}
	}
	for _, m := range r.mentions {
		if m.cl == nil || m.end-m.start < 2 || r.title[m.sent] {
			continue
		}
		switch m.cl.typ {
		case Organization, Event, Place, Thing:
		default:
			continue
		}
		s := &r.doc.Sentences[m.sent]
		used := make([]bool, m.end-m.start)
		lead := nestedLeading && (m.cl.typ == Organization || m.cl.typ == Event)
		for _, sp := range innerSpans(s.Tokens[m.start:m.end], lead) {
			if slices.Contains(used[sp[0]:sp[1]], true) {
				continue
			}
			i, j := m.start+sp[0], m.start+sp[1]
			text := spanText(s, i, j)
			low := strings.ToLower(text)
			c := byName[low]
			if c == m.cl || c != nil && !isPlace(c.typ) || low == "world" { // "World War II", "World Series"
				continue
			}
			if c == nil {
				typ := kbType(low)
				switch {
				case countries[low]:
					typ = Country
				case cities[low]:
					typ = City
				case typ == Organization || typ == "":
					continue
				}
				c = &cluster{typ: typ, first: len(r.clusters), id: len(r.clusters), votes: map[string]int{typ: 1}}
				r.clusters = append(r.clusters, c)
				byName[low] = c
			}
			c.add(text)
			r.addSpan(c, m.sent, i, j)
			for k := sp[0]; k < sp[1]; k++ {
				used[k] = true
			}
		}
	}
}

// innerSpans returns the token ranges inside a name's tokens that may name
// an entity of their own: a run of capitalised words after "of", "at" or
// "in" or after a comma, up to the next such word or comma; and the
// capitalised words before the name's last one or two words, longest first
// ("Tampa Bay Rays" → "Tampa Bay", "Tampa"), when leading.
func innerSpans(toks []nlp.Token, leading bool) [][2]int {
	var out [][2]int
	capital := func(k int) bool { f := toks[k].Form; return f != "" && f[0] >= 'A' && f[0] <= 'Z' }
	sep := func(k int) bool {
		f := strings.ToLower(toks[k].Form)
		return f == "," || f == "of" || f == "at" || f == "in"
	}
	for k := 0; k < len(toks)-1; k++ {
		if !sep(k) {
			continue
		}
		a := k + 1
		if a < len(toks) && strings.EqualFold(toks[a].Form, "the") {
			a++
		}
		b := a
		for b < len(toks) && !sep(b) && capital(b) {
			b++
		}
		if b > a {
			out = append(out, [2]int{a, b})
		}
	}
	if !leading {
		return out
	}
	// Leading words: as long as they are capitalised and not a separator.
	n := 0
	for n < len(toks) && capital(n) && !sep(n) {
		n++
	}
	top := n
	if n == len(toks) {
		top = n - 1
	}
	for l := top; l >= 1; l-- {
		out = append(out, [2]int{0, l})
	}
	return out
}

// nestedLeading makes nestedNames look at a name's leading words too.
const nestedLeading = true
